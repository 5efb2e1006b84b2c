#include "base/json.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace svc {
namespace {

using namespace std::string_view_literals;

TEST_CASE("JsonWriter nests objects and arrays with two-space indents") {
  JsonWriter w;
  w.BeginObject();
  w.Field("id", "YX-26-11-01");
  w.Key("clocks");
  w.BeginArray();
  w.BeginObject();
  w.Field("name", "form");
  w.Field("state", std::string_view("met"));
  w.Key("stop");
  w.Null();
  w.EndObject();
  w.BeginObject();
  w.Field("name", "response");
  w.EndObject();
  w.EndArray();
  w.Key("empty_list");
  w.BeginArray();
  w.EndArray();
  w.Key("empty_object");
  w.BeginObject();
  w.EndObject();
  w.Key("nested");
  w.BeginArray();
  w.BeginArray();
  w.Int(1);
  w.EndArray();
  w.EndArray();
  w.Field("level", 2);
  w.Field("count", int64_t{-5});
  w.Field("major", true);
  w.Field("void", false);
  w.FieldOrNull("route", "");
  w.FieldOrNull("via", "YX");
  w.EndObject();
  CHECK(w.Take() ==
        "{\n"
        "  \"id\": \"YX-26-11-01\",\n"
        "  \"clocks\": [\n"
        "    {\n"
        "      \"name\": \"form\",\n"
        "      \"state\": \"met\",\n"
        "      \"stop\": null\n"
        "    },\n"
        "    {\n"
        "      \"name\": \"response\"\n"
        "    }\n"
        "  ],\n"
        "  \"empty_list\": [],\n"
        "  \"empty_object\": {},\n"
        "  \"nested\": [\n"
        "    [\n"
        "      1\n"
        "    ]\n"
        "  ],\n"
        "  \"level\": 2,\n"
        "  \"count\": -5,\n"
        "  \"major\": true,\n"
        "  \"void\": false,\n"
        "  \"route\": null,\n"
        "  \"via\": \"YX\"\n"
        "}\n");
}

TEST_CASE("JsonWriter gives what is written so far and goes on") {
  JsonWriter w;
  std::string out;
  w.BeginArray();
  for (int i = 1; i <= 2; ++i) {
    w.BeginObject();
    w.Field("n", i);
    w.EndObject();
    out += w.TakeSoFar();
  }
  CHECK(w.TakeSoFar().empty());
  w.EndArray();
  out += w.Take();
  JsonWriter whole;
  whole.BeginArray();
  for (int i = 1; i <= 2; ++i) {
    whole.BeginObject();
    whole.Field("n", i);
    whole.EndObject();
  }
  whole.EndArray();
  CHECK(out == whole.Take());
  CHECK(out == "[\n  {\n    \"n\": 1\n  },\n  {\n    \"n\": 2\n  }\n]\n");
}

TEST_CASE("JsonWriter top-level values") {
  {
    JsonWriter w;
    w.BeginArray();
    w.Int(1);
    w.String("a");
    w.Null();
    w.EndArray();
    CHECK(w.Take() == "[\n  1,\n  \"a\",\n  null\n]\n");
  }
  {
    JsonWriter w;
    w.BeginArray();
    w.EndArray();
    CHECK(w.Take() == "[]\n");
  }
  {
    JsonWriter w;
    w.Int(std::numeric_limits<int64_t>::min());
    CHECK(w.Take() == "-9223372036854775808\n");
  }
  {
    JsonWriter w;
    w.Null();
    CHECK(w.Take() == "null\n");
  }
}

TEST_CASE("JsonQuote escapes quotes, backslashes and control characters") {
  struct Row {
    std::string_view in;
    std::string_view out;
  };
  const Row rows[] = {
      {"", "\"\""},
      {"plain", "\"plain\""},
      {"say \"hi\"", "\"say \\\"hi\\\"\""},
      {"C:\\temp\\x", "\"C:\\\\temp\\\\x\""},
      {"a\nb\rc\td", "\"a\\nb\\rc\\td\""},
      {"\b\f", "\"\\b\\f\""},
      {"\x01\x1f", "\"\\u0001\\u001f\""},
      {"a\0b"sv, "\"a\\u0000b\""},
      {"\x7f", "\"\\u007f\""},
      {"/", "\"/\""},
      // UTF-8 is kept raw, never \u-escaped.
      {"中文 é 🙂", "\"中文 é 🙂\""},
      {"售后\"服务\"", "\"售后\\\"服务\\\"\""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.in);
    CHECK(JsonQuote(row.in) == row.out);
  }
}

TEST_CASE("Keys are escaped like strings") {
  JsonWriter w;
  w.BeginObject();
  w.Field("a\"b", "客户\n名称");
  w.EndObject();
  CHECK(w.Take() == "{\n  \"a\\\"b\": \"客户\\n名称\"\n}\n");
}

TEST_CASE("Ratio writes a rounded decimal without trailing zeros") {
  struct Row {
    int64_t num, den;
    int places;
    const char* text;
  };
  const Row rows[] = {
      {5, 6, 4, "0.8333"},     {1, 1, 4, "1"},
      {0, 3, 4, "0"},          {1, 2, 4, "0.5"},
      {2, 3, 4, "0.6667"},     {1, 3, 4, "0.3333"},
      {3, 2, 4, "1.5"},        {7, 4, 4, "1.75"},
      {1, 8, 4, "0.125"},      {1, 16, 4, "0.0625"},
      {1, 32, 4, "0.0313"},     // 0.03125: half rounds up
      {1, 20000, 4, "0.0001"},  // 0.00005: half rounds up
      {1, 20001, 4, "0"},       // just under half rounds down
      {99999, 100000, 4, "1"},  // 0.99999 rounds to 1
      {6, 3, 4, "2"},          {0, 1, 4, "0"},
      {10, 4, 4, "2.5"},       {5, 6, 2, "0.83"},
      {1, 3, 2, "0.33"},       {1, 2, 0, "1"},
      {1, 3, 0, "0"},          {123456, 1000, 2, "123.46"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.num);
    CAPTURE(row.den);
    CAPTURE(row.places);
    JsonWriter w;
    w.Ratio(row.num, row.den, row.places);
    CHECK(w.Take() == std::string(row.text) + "\n");
  }
}

TEST_CASE("Ratio as an object member") {
  JsonWriter w;
  w.BeginObject();
  w.Key("sla");
  w.BeginObject();
  w.Key("met");
  w.Int(5);
  w.Key("rate");
  w.Ratio(5, 6);
  w.EndObject();
  w.Key("satisfaction");
  w.Null();
  w.EndObject();
  CHECK(w.Take() ==
        "{\n"
        "  \"sla\": {\n"
        "    \"met\": 5,\n"
        "    \"rate\": 0.8333\n"
        "  },\n"
        "  \"satisfaction\": null\n"
        "}\n");
}

TEST_CASE("JsonValue: objects keep their keys in order; a missing key reads as null") {
  JsonValue v = JsonValue::Object();
  v.Set("b", 1);
  v.Set("a", "x");
  v.Set("c", JsonValue());
  v.Set("b", true);  // replaces, keeps the place
  CHECK(v.keys() == std::vector<std::string>{"b", "a", "c"});
  CHECK(v["b"].AsBool());
  CHECK(v["a"].AsString() == "x");
  CHECK(v["c"].is_null());
  CHECK(v["zzz"].is_null());
  CHECK(v["zzz"]["deeper"].is_null());
  // The wrong type reads as false / 0 / "".
  CHECK(v["a"].AsInt() == 0);
  CHECK(v["b"].AsString().empty());
  CHECK(JsonValue::OrNull("").is_null());
  CHECK(JsonValue::OrNull("y").AsString() == "y");
  CHECK(JsonValue::IntOrNull(0).is_null());
  CHECK(JsonValue::IntOrNull(-3).AsInt() == -3);
}

TEST_CASE("JsonValue: written as the streaming writer writes it") {
  JsonValue v = JsonValue::Object();
  v.Set("id", "YX-26-11-01");
  JsonValue list = JsonValue::Array();
  list.Push(int64_t{42});
  list.Push(false);
  list.Push(JsonValue());
  list.Push(JsonValue::Object());
  list.Push(JsonValue::Array());
  v.Set("items", std::move(list));
  v.Set("text", "引号\"\n");
  JsonWriter w;
  w.BeginObject();
  w.Field("id", "YX-26-11-01");
  w.Key("items");
  w.BeginArray();
  w.Int(42);
  w.Bool(false);
  w.Null();
  w.BeginObject();
  w.EndObject();
  w.BeginArray();
  w.EndArray();
  w.EndArray();
  w.Field("text", "引号\"\n");
  w.EndObject();
  CHECK(ToJson(v) == w.Take());
  CHECK(ToJson(JsonValue()) == "null\n");
}

}  // namespace
}  // namespace svc
