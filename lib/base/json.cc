#include "base/json.h"

#include <fmt/format.h>

namespace svc {

std::string JsonQuote(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += fmt::format("\\u{:04x}", c);
        } else {
          out += ch;
        }
    }
  }
  out += '"';
  return out;
}

void JsonWriter::Newline() {
  out_ += '\n';
  out_.append(has_items_.size() * 2, ' ');
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!has_items_.empty()) {
    if (has_items_.back()) out_ += ',';
    has_items_.back() = true;
    Newline();
  }
}

void JsonWriter::BeginObject() {
  BeforeValue();
  out_ += '{';
  has_items_.push_back(false);
}

void JsonWriter::EndObject() {
  bool items = has_items_.back();
  has_items_.pop_back();
  if (items) Newline();
  out_ += '}';
}

void JsonWriter::BeginArray() {
  BeforeValue();
  out_ += '[';
  has_items_.push_back(false);
}

void JsonWriter::EndArray() {
  EndObject();
  out_.back() = ']';
}

void JsonWriter::Key(std::string_view key) {
  BeforeValue();
  out_ += JsonQuote(key);
  out_ += ": ";
  after_key_ = true;
}

void JsonWriter::String(std::string_view value) {
  BeforeValue();
  out_ += JsonQuote(value);
}

void JsonWriter::Int(int64_t value) {
  BeforeValue();
  out_ += std::to_string(value);
}

void JsonWriter::Bool(bool value) {
  BeforeValue();
  out_ += value ? "true" : "false";
}

void JsonWriter::Null() {
  BeforeValue();
  out_ += "null";
}

void JsonWriter::Ratio(int64_t numerator, int64_t denominator, int places) {
  BeforeValue();
  int64_t scale = 1;
  for (int i = 0; i < places; ++i) scale *= 10;
  int64_t scaled = (numerator * scale * 2 + denominator) / (denominator * 2);
  if (scaled >= scale) {
    out_ += fmt::format("{}", scaled / scale);
    if (scaled % scale == 0) return;
  } else {
    out_ += "0";
  }
  std::string frac = fmt::format("{:0{}}", scaled % scale, places);
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  if (!frac.empty()) out_ += "." + frac;
}

void JsonWriter::FieldOrNull(std::string_view key, std::string_view value) {
  Key(key);
  if (value.empty()) {
    Null();
  } else {
    String(value);
  }
}

std::string JsonWriter::Take() {
  out_ += '\n';
  return std::move(out_);
}

std::string JsonWriter::TakeSoFar() {
  std::string so_far = std::move(out_);
  out_.clear();
  return so_far;
}

const std::string& JsonValue::AsString() const {
  static const std::string kEmpty;
  return type_ == Type::kString ? string_ : kEmpty;
}

JsonValue& JsonValue::Set(std::string_view key, JsonValue v) {
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] == key) return items_[i] = std::move(v);
  }
  return Add(key, std::move(v));
}

JsonValue& JsonValue::Add(std::string_view key, JsonValue v) {
  keys_.emplace_back(key);
  items_.push_back(std::move(v));
  return items_.back();
}

const JsonValue& JsonValue::operator[](std::string_view key) const {
  static const JsonValue kNull;
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] == key) return items_[i];
  }
  return kNull;
}

void WriteJson(JsonWriter& w, const JsonValue& v) {
  switch (v.type()) {
    case JsonValue::Type::kNull:
      w.Null();
      break;
    case JsonValue::Type::kBool:
      w.Bool(v.AsBool());
      break;
    case JsonValue::Type::kInt:
      w.Int(v.AsInt());
      break;
    case JsonValue::Type::kString:
      w.String(v.AsString());
      break;
    case JsonValue::Type::kArray:
      w.BeginArray();
      for (const JsonValue& item : v.items()) WriteJson(w, item);
      w.EndArray();
      break;
    case JsonValue::Type::kObject:
      w.BeginObject();
      for (size_t i = 0; i < v.keys().size(); ++i) {
        w.Key(v.keys()[i]);
        WriteJson(w, v.items()[i]);
      }
      w.EndObject();
      break;
  }
}

std::string ToJson(const JsonValue& v) {
  JsonWriter w;
  WriteJson(w, v);
  return w.Take();
}

}  // namespace svc
