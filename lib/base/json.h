// A small streaming JSON writer for `--json` output: objects, arrays,
// strings (UTF-8 kept, control characters escaped), integers, booleans,
// null, and fixed-point decimals. Pretty-printed with two-space indents.
// And JsonValue, a JSON-shaped value tree (objects keep their keys in the
// order they were set), for data built once and written or read by several
// presenters (`svc show --json` and the printed forms).
//
// Usage:
//   JsonWriter w;
//   w.BeginObject(); w.Key("id"); w.String("YX-26-11-01"); w.EndObject();
//   std::string text = w.Take();
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
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
  // What is written so far, to print as it comes (a long array need not be
  // held whole); the writer goes on where it was, and Take gives the rest.
  std::string TakeSoFar();

 private:
  void BeforeValue();
  void Newline();
  std::string out_;
  std::vector<bool> has_items_;  // one per open container
  bool after_key_ = false;
};

std::string JsonQuote(std::string_view s);

// A JSON value: null, a boolean, an integer, a string, an array or an object.
// Objects keep their keys in the order they were first set.
class JsonValue {
 public:
  enum class Type { kNull, kBool, kInt, kString, kArray, kObject };

  JsonValue() = default;  // null
  JsonValue(bool b) : type_(Type::kBool), bool_(b) {}
  JsonValue(int i) : type_(Type::kInt), int_(i) {}
  JsonValue(int64_t i) : type_(Type::kInt), int_(i) {}
  JsonValue(std::string s) : type_(Type::kString), string_(std::move(s)) {}
  JsonValue(std::string_view s) : type_(Type::kString), string_(s) {}
  JsonValue(const char* s) : type_(Type::kString), string_(s) {}
  static JsonValue Array() { return JsonValue(Type::kArray); }
  static JsonValue Object() { return JsonValue(Type::kObject); }
  // A string, or null when empty (JsonWriter::FieldOrNull's rule).
  static JsonValue OrNull(std::string_view s) { return s.empty() ? JsonValue() : JsonValue(s); }
  // An integer, or null when 0.
  static JsonValue IntOrNull(int64_t i) { return i ? JsonValue(i) : JsonValue(); }

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::kNull; }
  bool is_object() const { return type_ == Type::kObject; }

  // The value, or false / 0 / "" when it has another type.
  bool AsBool() const { return type_ == Type::kBool && bool_; }
  int64_t AsInt() const { return type_ == Type::kInt ? int_ : 0; }
  const std::string& AsString() const;

  // Arrays. REQUIRES: an array.
  void Push(JsonValue v) { items_.push_back(std::move(v)); }
  // The elements of an array, or the values of an object (in key order).
  const std::vector<JsonValue>& items() const { return items_; }

  // Objects. REQUIRES: an object. Set replaces the value of a key already
  // set; Add appends the key (REQUIRES: not yet set, as a builder knows).
  JsonValue& Set(std::string_view key, JsonValue v);
  JsonValue& Add(std::string_view key, JsonValue v);
  const std::vector<std::string>& keys() const { return keys_; }
  // The value of `key`, or null when there is none (or this is no object).
  const JsonValue& operator[](std::string_view key) const;

 private:
  explicit JsonValue(Type t) : type_(t) {}
  Type type_ = Type::kNull;
  bool bool_ = false;
  int64_t int_ = 0;
  std::string string_;
  std::vector<std::string> keys_;  // an object's keys, parallel to items_
  std::vector<JsonValue> items_;
};

// Writes `v` where a value is expected.
void WriteJson(JsonWriter& w, const JsonValue& v);
// The document `v`, ending in a newline.
std::string ToJson(const JsonValue& v);

}  // namespace svc
