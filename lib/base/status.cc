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
  d.field = std::string(field);
  s.detail_ = std::make_shared<const Detail>(std::move(d));
  return s;
}

std::string Status::Unlocated() const {
  if (!location()) return message_;
  std::string out = message_;
  return out.erase(detail_->location_at, location()->Text().size() + 2);
}

std::string Status::Renamed(std::string_view name) const {
  if (!detail_ || detail_->field.empty()) return message_;
  std::string out = message_;
  return out.replace(detail_->field_at, detail_->field.size(), name);
}

Status Status::Prefixed(const std::string& prefix) const {
  if (ok()) return *this;
  Status s(code_, prefix + ": " + message_);
  if (detail_) {
    Detail d = *detail_;
    d.location_at += prefix.size() + 2;
    d.field_at += prefix.size() + 2;
    s.detail_ = std::make_shared<const Detail>(std::move(d));
  }
  return s;
}

}  // namespace svc
