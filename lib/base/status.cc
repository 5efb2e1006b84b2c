#include "base/status.h"

namespace svc {

std::string Location::Text() const {
  std::string out = file + ":" + std::to_string(line);
  if (column) out += ":" + std::to_string(column);
  return out;
}

Status Status::Corruption(Location where, std::string_view msg) {
  std::string text = where.Text() + ": ";
  Detail d;
  d.location = std::move(where);
  Status s(Code::kCorruption, text.append(msg));
  s.detail_ = std::make_shared<const Detail>(std::move(d));
  return s;
}

Status Status::InvalidField(std::string_view field, std::string_view rest) {
  Status s(Code::kInvalidArgument, std::string(field).append(rest));
  Detail d;
  d.fields.push_back({std::string(field), 0});
  s.detail_ = std::make_shared<const Detail>(std::move(d));
  return s;
}

Status Status::InvalidFields(std::string_view pattern) {
  std::string text;
  Detail d;
  size_t i = 0;
  while (i < pattern.size()) {
    size_t close = pattern[i] == '{' ? pattern.find('}', i) : std::string_view::npos;
    std::string_view name =
        close == std::string_view::npos ? "" : pattern.substr(i + 1, close - i - 1);
    bool field = !name.empty() &&
                 name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string_view::npos;
    if (!field) {
      text += pattern[i++];
      continue;
    }
    d.fields.push_back({std::string(name), text.size()});
    text += name;
    i = close + 1;
  }
  Status s(Code::kInvalidArgument, std::move(text));
  if (!d.fields.empty()) s.detail_ = std::make_shared<const Detail>(std::move(d));
  return s;
}

std::string Status::Unlocated() const {
  if (!location()) return message_;
  std::string out = message_;
  return out.erase(detail_->location_at, location()->Text().size() + 2);
}

std::string Status::Renamed(std::string_view (*name_of)(std::string_view)) const {
  if (!detail_ || detail_->fields.empty()) return message_;
  std::string out;
  size_t from = 0;
  for (const Detail::Field& f : detail_->fields) {
    out.append(message_, from, f.at - from).append(name_of(f.name));
    from = f.at + f.name.size();
  }
  return out.append(message_, from);
}

Status Status::Prefixed(const std::string& prefix) const {
  if (ok()) return *this;
  Status s(code_, prefix + ": " + message_);
  if (detail_) {
    Detail d = *detail_;
    d.location_at += prefix.size() + 2;
    for (Detail::Field& f : d.fields) f.at += prefix.size() + 2;
    s.detail_ = std::make_shared<const Detail>(std::move(d));
  }
  return s;
}

Status Status::ForField(std::string_view field) const {
  if (ok()) return *this;
  Status s = Prefixed(std::string(field));
  Detail d = s.detail_ ? *s.detail_ : Detail();
  d.fields.insert(d.fields.begin(), {std::string(field), 0});
  s.detail_ = std::make_shared<const Detail>(std::move(d));
  return s;
}

}  // namespace svc
