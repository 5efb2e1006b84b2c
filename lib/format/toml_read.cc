// Part of ticket_toml.cc's and config.cc's translation units' helpers; compiled once.
#include "format/toml_read.h"

#include <fmt/format.h>

#include "base/i18n.h"

namespace svc {

Status TomlError(std::string_view name, const toml::source_region& where, std::string_view msg) {
  return Status::Corruption(Location{std::string(name), static_cast<int>(where.begin.line), 0},
                            msg);
}

Status ParseToml(std::string_view text, std::string_view name, toml::table* out) {
  try {
    *out = toml::parse(text, std::string(name));
  } catch (const toml::parse_error& e) {
    return Status::Corruption(Location{std::string(name), static_cast<int>(e.source().begin.line),
                                       static_cast<int>(e.source().begin.column)},
                              e.description());
  }
  return Status::OK();
}

Date FromToml(const toml::date& d) {
  return Date{d.year, d.month, d.day};
}

toml::date ToToml(const Date& d) {
  return toml::date{d.year, d.month, d.day};
}

Time FromToml(const toml::date_time& dt, bool* has_offset) {
  int offset = dt.offset ? dt.offset->minutes : 0;
  *has_offset = dt.offset.has_value();
  Date d = FromToml(dt.date);
  int64_t local =
      DaysFromDate(d) * 86400 + dt.time.hour * 3600 + dt.time.minute * 60 + dt.time.second;
  return Time{local - offset * 60, offset};
}

const toml::node* FieldReader::Node(std::string_view key) {
  seen_.insert(std::string(key));
  return table_.get(key);
}

Status FieldReader::Error(std::string_view key, std::string_view msg) const {
  const toml::node* n = table_.get(key);
  const toml::source_region& where = n ? n->source() : table_.source();
  return TomlError(name_, where, TrF("{0} in {1}", msg, where_));
}

Status FieldReader::Missing(std::string_view key) const {
  return TomlError(name_, table_.source(), TrF("missing key '{0}' in {1}", key, where_));
}

Status FieldReader::String(std::string_view key, std::string* out, bool required) {
  const toml::node* n = Node(key);
  if (!n) return required ? Missing(key) : Status::OK();
  if (!n->is_string()) return Error(key, TrF("'{}' must be a string", key));
  *out = n->as_string()->get();
  return Status::OK();
}

Status FieldReader::Int(std::string_view key, int64_t* out, bool required, int64_t min,
                        int64_t max) {
  const toml::node* n = Node(key);
  if (!n) return required ? Missing(key) : Status::OK();
  if (!n->is_integer()) return Error(key, TrF("'{}' must be an integer", key));
  int64_t v = n->as_integer()->get();
  if (v < min || v > max) {
    return Error(key, TrF("'{}' must be from {} to {}, not {}", key, min, max, v));
  }
  *out = v;
  return Status::OK();
}

Status FieldReader::Bool(std::string_view key, bool* out) {
  const toml::node* n = Node(key);
  if (!n) return Status::OK();
  if (!n->is_boolean()) return Error(key, TrF("'{}' must be true or false", key));
  *out = n->as_boolean()->get();
  return Status::OK();
}

Status FieldReader::DateValue(std::string_view key, Date* out, bool* present, bool required) {
  const toml::node* n = Node(key);
  *present = n != nullptr;
  if (!n) return required ? Missing(key) : Status::OK();
  if (!n->is_date()) return Error(key, TrF("'{}' must be a date like 2026-11-29", key));
  *out = FromToml(n->as_date()->get());
  return Status::OK();
}

Status FieldReader::TimeValue(std::string_view key, Time* out, bool* present, bool required) {
  const toml::node* n = Node(key);
  *present = n != nullptr;
  if (!n) return required ? Missing(key) : Status::OK();
  bool has_offset = false;
  if (n->is_date_time()) *out = FromToml(n->as_date_time()->get(), &has_offset);
  if (!has_offset) {
    return Error(key, TrF("'{}' must be a date-time with its UTC offset, like "
                          "2026-11-29T09:30:00+08:00",
                          key));
  }
  if (n->as_date_time()->get().time.nanosecond != 0) {
    return Error(key, TrF("'{}' must be whole seconds", key));
  }
  return Status::OK();
}

Status FieldReader::DurationValue(std::string_view key, Duration* out, bool required) {
  std::string text;
  SVC_RETURN_IF_ERROR(String(key, &text, required));
  if (!table_.contains(key)) return Status::OK();
  Status s = ParseDuration(text, out);
  if (!s.ok()) return Error(key, fmt::format("'{}': {}", key, s.message()));
  return Status::OK();
}

Status FieldReader::MoneyValue(std::string_view key, Money* out, bool* present, bool required) {
  std::string text;
  SVC_RETURN_IF_ERROR(String(key, &text, required));
  *present = table_.contains(key);
  if (!*present) return Status::OK();
  Status s = ParseMoney(text, out);
  if (!s.ok()) return Error(key, fmt::format("'{}': {}", key, s.message()));
  return Status::OK();
}

Status FieldReader::PercentValue(std::string_view key, int64_t* out, bool required) {
  std::string text;
  SVC_RETURN_IF_ERROR(String(key, &text, required));
  if (!table_.contains(key)) return Status::OK();
  Status s = ParsePercent(text, out);
  if (!s.ok()) return Error(key, fmt::format("'{}': {}", key, s.message()));
  return Status::OK();
}

Status FieldReader::StringList(std::string_view key, std::vector<std::string>* out) {
  const toml::node* n = Node(key);
  if (!n) return Status::OK();
  const toml::array* a = n->as_array();
  if (!a) return Error(key, TrF("'{}' must be a list of strings", key));
  out->clear();
  for (const toml::node& item : *a) {
    if (!item.is_string()) return Error(key, TrF("'{}' must be a list of strings", key));
    out->push_back(item.as_string()->get());
  }
  return Status::OK();
}

Status FieldReader::Finish() const {
  const toml::node* first = nullptr;
  std::string first_key;
  for (auto&& [k, v] : table_) {
    if (seen_.count(k.str())) continue;
    if (!first || v.source().begin.line < first->source().begin.line) {
      first = &v;
      first_key = std::string(k.str());
    }
  }
  if (!first) return Status::OK();
  return TomlError(name_, first->source(), TrF("unknown key '{0}' in {1}", first_key, where_));
}

}  // namespace svc
