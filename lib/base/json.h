// A small streaming JSON writer for `--json` output: objects, arrays,
// strings (UTF-8 kept, control characters escaped), integers, booleans,
// null, and fixed-point decimals. Pretty-printed with two-space indents.
//
// Usage:
//   JsonWriter w;
//   w.BeginObject(); w.Key("id"); w.String("YX-26-11-01"); w.EndObject();
//   std::string text = w.Take();
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace svc {

class JsonWriter {
 public:
  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  void Key(std::string_view key);
  void String(std::string_view value);
  void Int(int64_t value);
  void Bool(bool value);
  void Null();
  // numerator/denominator written as a decimal with `places` digits, rounded half-up
  // (e.g. 5/6 with 4 places -> 0.8333). REQUIRES: denominator > 0, numerator >= 0.
  void Ratio(int64_t numerator, int64_t denominator, int places = 4);

  // Shorthands for a key followed by a value.
  void Field(std::string_view key, std::string_view value) {
    Key(key);
    String(value);
  }
  void Field(std::string_view key, const char* value) {
    Key(key);
    String(value);
  }
  void Field(std::string_view key, int64_t value) {
    Key(key);
    Int(value);
  }
  void Field(std::string_view key, int value) {
    Key(key);
    Int(value);
  }
  void Field(std::string_view key, bool value) {
    Key(key);
    Bool(value);
  }
  // A string, or null when empty.
  void FieldOrNull(std::string_view key, std::string_view value);

  // The document, ending in a newline.
  std::string Take();

 private:
  void BeforeValue();
  void Newline();
  std::string out_;
  std::vector<bool> has_items_;  // one per open container
  bool after_key_ = false;
};

std::string JsonQuote(std::string_view s);

}  // namespace svc
