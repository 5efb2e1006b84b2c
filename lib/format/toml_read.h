// Helpers for reading svc's TOML files with toml++, shared by config.cc and
// ticket_toml.cc (the only translation units that include toml++).
//
// A FieldReader walks one table: each Take* call consumes a key, and Finish()
// reports any key that was not consumed, so unknown keys are always errors.
// Every error carries the line of the offending key: "<name>:LINE: message".
#pragma once

#include <toml++/toml.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/money.h"
#include "base/status.h"
#include "base/timepoint.h"

namespace svc {

Status TomlError(std::string_view name, const toml::source_region& where, std::string_view msg);
// Parses `text`; a syntax error becomes "<name>:LINE:COL: message".
Status ParseToml(std::string_view text, std::string_view name, toml::table* out);
Date FromToml(const toml::date& d);
Time FromToml(const toml::date_time& dt, bool* has_offset);
toml::date ToToml(const Date& d);

class FieldReader {
 public:
  FieldReader(const toml::table& table, std::string_view name, std::string where)
      : table_(table), name_(name), where_(std::move(where)) {}

  // Each returns an error if the key is present with the wrong type or an
  // invalid value, or (when `required`) absent. Absent optional keys leave *out.
  Status String(std::string_view key, std::string* out, bool required = false);
  Status Int(std::string_view key, int64_t* out, bool required = false, int64_t min = INT64_MIN,
             int64_t max = INT64_MAX);
  Status Bool(std::string_view key, bool* out);
  Status DateValue(std::string_view key, Date* out, bool* present, bool required = false);
  // An offset date-time; a local date-time without offset is an error.
  Status TimeValue(std::string_view key, Time* out, bool* present, bool required = false);
  Status DurationValue(std::string_view key, Duration* out, bool required = false);
  Status MoneyValue(std::string_view key, Money* out, bool* present, bool required = false);
  Status PercentValue(std::string_view key, int64_t* out, bool required = false);
  Status StringList(std::string_view key, std::vector<std::string>* out);
  // Marks `key` consumed and returns its node (null if absent).
  const toml::node* Node(std::string_view key);
  // An error naming the first key (in file order) that no call consumed.
  Status Finish() const;
  // An error at the line of `key`, or of the table if absent.
  Status Error(std::string_view key, std::string_view msg) const;
  Status Missing(std::string_view key) const;

 private:
  const toml::table& table_;
  std::string_view name_;
  std::string where_;  // "[company]", "[[event]] #3"
  std::set<std::string, std::less<>> seen_;
};

}  // namespace svc
