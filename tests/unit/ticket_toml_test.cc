#include "format/ticket_toml.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "test_util.h"

namespace svc {
namespace {

using svc_test::kNasty;
using svc_test::LineOf;
using svc_test::ReplaceOnce;
using svc_test::StringsOfEveryShape;
using svc_test::T;

// A sample value of each type a field can have.
Value SampleValue(FieldType type, int variant) {
  switch (type) {
    case FieldType::kString:
      return variant == 0 ? Value(std::string(kNasty)) : Value(std::string("单行 \"文本\" \\ ok"));
    case FieldType::kInt:
      return Value(int64_t{variant == 0 ? 3 : -7});
    case FieldType::kBool:
      return Value(variant == 0);
    case FieldType::kTime:
      return Value(variant == 0 ? T("2026-11-29T11:00:00+08:00") : T("2026-11-29T03:05:09Z"));
    case FieldType::kDate:
      return Value(Date{2026, 12, variant == 0 ? 1 : 31});
    case FieldType::kMoney:
      return Value(Money{variant == 0 ? 491211 : 0});
    case FieldType::kStrings:
      return Value(std::vector<std::string>{"王工", "李 \"工\"", "多行\n名字"});
    case FieldType::kParts:
      return Value(std::vector<Part>{
          Part{"P-0042", "继电器 \"JZC-32F\"", 2, Money{1250}, "warranty"},
          Part{"", "保险丝 5A", 1, std::nullopt, ""},
          Part{"X1", "", 1000000, Money{0}, "customer"},
      });
  }
  return Value(std::string("?"));
}

// An event of `spec`'s action with every field of its schema set.
Event FullEvent(const ActionSpec& spec, const Time& at, int variant) {
  Event e;
  e.at = at;
  e.actor = variant == 0 ? "王芳" : "li.wei";
  e.action = std::string(spec.action);
  for (const FieldSpec& f : spec.fields) {
    e.fields.emplace_back(std::string(f.key), SampleValue(f.type, variant));
  }
  return e;
}

Ticket FullTicket() {
  Ticket t;
  t.id = "YX-26-11-01";
  t.via = "YX";
  t.received = T("2026-11-29T09:10:00+08:00");
  t.customer =
      Customer{"上海某某电力有限公司",          "张三 \"老张\"", "设备科科长", "021-5555 0000 转 8",
               "上海市浦东新区某路 1 号\\B 座", "K0001"};
  t.equipment =
      Equipment{"高压开关柜",     "KYN28A-12", "1250A / 31.5kA",  "SN\t2026-001",   3,
                "AB-2026-017",    "EQ-009",    Date{2025, 6, 30}, Date{2025, 3, 1}, "No.00012345",
                Date{2027, 6, 30}};
  t.description = kNasty;
  Time at = T("2026-11-29T09:30:00+08:00");
  int variant = 0;
  for (const ActionSpec& spec : AllActions()) {
    Event e = FullEvent(spec, at, variant);
    if (variant == 1) e.recorded = T("2026-11-30T08:00:00-05:00");
    t.events.push_back(std::move(e));
    at = Add(at, Duration{600});
    variant = 1 - variant;
  }
  // Two events at the same instant keep their order; one without fields.
  Event note;
  note.at = at;
  note.actor = "系统";
  note.action = "note";
  t.events.push_back(note);
  note.fields.emplace_back("text", std::string("same time, second"));
  t.events.push_back(note);
  return t;
}

void CheckRoundTrip(const Ticket& t) {
  std::string text = WriteTicket(t);
  Ticket parsed;
  Status s = ParseTicket(text, "t.toml", &parsed);
  REQUIRE_MESSAGE(s.ok(), s.message() << "\n" << text);
  CHECK(parsed == t);
  CHECK(WriteTicket(parsed) == text);
}

TEST_CASE("A ticket with every field round-trips byte for byte") {
  Ticket t = FullTicket();
  REQUIRE(t.events.size() == AllActions().size() + 2);
  CheckRoundTrip(t);
  std::string text = WriteTicket(t);
  // Readable UTF-8, never \u escapes for printable text.
  CHECK(text.find("上海某某电力有限公司") != std::string::npos);
  CHECK(text.find("\\u4") == std::string::npos);
  // Control characters are escaped; the text stays valid TOML without raw ones.
  CHECK(text.find("\\u0001") != std::string::npos);
  CHECK(text.find("\\u007F") != std::string::npos);
  CHECK(text.find('\x01') == std::string::npos);
  CHECK(text.find('\r') == std::string::npos);
}

TEST_CASE("Each action round-trips on its own, with each sample value") {
  for (const ActionSpec& spec : AllActions()) {
    for (int variant : {0, 1}) {
      CAPTURE(spec.action);
      CAPTURE(variant);
      Ticket t;
      t.id = "SC-26-12-100";
      t.via = "SC";
      t.received = T("2026-11-30T20:00:00Z");
      t.events.push_back(FullEvent(spec, T("2026-11-30T21:00:00Z"), variant));
      CheckRoundTrip(t);
    }
  }
}

TEST_CASE("Strings of every shape round-trip") {
  std::vector<std::string> rows = StringsOfEveryShape();
  rows.push_back("");
  for (const std::string& s : rows) {
    CAPTURE(s);
    Ticket t;
    t.id = "YX-26-11-01";
    t.via = "YX";
    t.received = T("2026-11-29T09:10:00+08:00");
    t.customer.name = "客户";
    t.customer.address = s;
    t.description = s;
    Event e;
    e.at = t.received;
    e.actor = s.empty() ? "x" : s;
    e.action = "note";
    if (!s.empty()) e.fields.emplace_back("text", s);
    t.events.push_back(e);
    CheckRoundTrip(t);
  }
}

TEST_CASE("TomlString") {
  CHECK(TomlString("abc") == "\"abc\"");
  CHECK(TomlString("") == "\"\"");
  CHECK(TomlString("a\"b") == "\"a\\\"b\"");
  CHECK(TomlString("a\\b") == "\"a\\\\b\"");
  CHECK(TomlString("a\tb") == "\"a\\tb\"");
  CHECK(TomlString("中文") == "\"中文\"");
  CHECK(TomlString("\x01") == "\"\\u0001\"");
  // Multi-line: a quote is escaped only where it could end the string.
  CHECK(TomlString("a\n\"b\" c") == "\"\"\"\na\n\"b\" c\"\"\"");
  CHECK(TomlString("a\nb\"") == "\"\"\"\na\nb\\\"\"\"\"");
  CHECK(TomlString("a\n\"\"\"") == "\"\"\"\na\n\\\"\\\"\\\"\"\"\"");
}

TEST_CASE("The canonical text of a simple ticket") {
  Ticket t;
  t.id = "YX-26-11-01";
  t.via = "YX";
  t.received = T("2026-11-29T09:10:00+08:00");
  t.customer.name = "上海某某电力公司";
  t.customer.phone = "021-5555 0000";
  t.description = "开关柜无法合闸\n报警灯亮";
  Event open;
  open.at = T("2026-11-29T09:30:00+08:00");
  open.actor = "王芳";
  open.action = "open";
  open.fields.emplace_back("level", int64_t{2});
  t.events.push_back(open);
  Event note;
  note.at = T("2026-11-29T10:00:00+08:00");
  note.recorded = T("2026-11-29T12:00:00+08:00");
  note.actor = "王芳";
  note.action = "note";
  note.fields.emplace_back("text", std::string("客户来电催促"));
  t.events.push_back(note);
  const char* expect =
      "# 售后信息处理单 After-sales Information Processing Form (R-4.2.1)\n"
      "id = \"YX-26-11-01\"\n"
      "via = \"YX\"\n"
      "received = 2026-11-29T09:10:00+08:00\n"
      "\n"
      "[customer]\n"
      "name = \"上海某某电力公司\"\n"
      "phone = \"021-5555 0000\"\n"
      "\n"
      "[fault]\n"
      "description = \"\"\"\n"
      "开关柜无法合闸\n"
      "报警灯亮\"\"\"\n"
      "\n"
      "[[event]]\n"
      "at = 2026-11-29T09:30:00+08:00\n"
      "actor = \"王芳\"\n"
      "action = \"open\"\n"
      "level = 2\n"
      "\n"
      "[[event]]\n"
      "at = 2026-11-29T10:00:00+08:00\n"
      "recorded = 2026-11-29T12:00:00+08:00\n"
      "actor = \"王芳\"\n"
      "action = \"note\"\n"
      "text = \"客户来电催促\"\n";
  CHECK(WriteTicket(t) == expect);
  CheckRoundTrip(t);
}

TEST_CASE("Every ticket under records/tickets parses and re-writes to the same bytes") {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(SVC_SOURCE_DIR) / "records" / "tickets";
  std::vector<fs::path> files;
  if (fs::is_directory(dir)) {
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      if (entry.is_regular_file() && entry.path().extension() == ".toml") {
        files.push_back(entry.path());
      }
    }
  }
  std::sort(files.begin(), files.end());
  MESSAGE(files.size() << " ticket files under " << dir.string());
  for (const fs::path& path : files) {
    CAPTURE(path.string());
    std::string text = svc_test::ReadAll(path.string());
    Ticket t;
    Status s = ParseTicket(text, path.string(), &t);
    CHECK_MESSAGE(s.ok(), s.message());
    if (s.ok()) CHECK(WriteTicket(t) == text);
  }
}

// ---- errors ----

const char* const kBase =
    "id = \"YX-26-11-01\"\n"
    "via = \"YX\"\n"
    "received = 2026-11-29T09:10:00+08:00\n"
    "\n"
    "[customer]\n"
    "name = \"客户\"\n"
    "\n"
    "[equipment]\n"
    "product = \"开关柜\"\n"
    "quantity = 2\n"
    "commissioned = 2025-06-30\n"
    "\n"
    "[[event]]\n"
    "at = 2026-11-29T09:30:00+08:00\n"
    "actor = \"王芳\"\n"
    "action = \"open\"\n"
    "level = 2\n"
    "\n"
    "[[event]]\n"
    "at = 2026-11-29T10:00:00+08:00\n"
    "actor = \"王芳\"\n"
    "action = \"note\"\n"
    "text = \"催促\"\n";

std::string ErrorOf(std::string_view text) {
  Ticket t;
  Status s = ParseTicket(text, "t.toml", &t);
  REQUIRE_FALSE_MESSAGE(s.ok(), "the ticket parsed");
  CHECK(s.code() == Status::Code::kCorruption);
  return s.message();
}

std::string At(std::string_view text, std::string_view needle, std::string_view msg) {
  return "t.toml:" + std::to_string(LineOf(text, needle)) + ": " + std::string(msg);
}

TEST_CASE("The error test base parses") {
  Ticket t;
  Status s = ParseTicket(kBase, "t.toml", &t);
  REQUIRE_MESSAGE(s.ok(), s.message());
  CHECK(t.events.size() == 2);
  CHECK(t.equipment.quantity == 2);
}

TEST_CASE("Ticket errors name the line") {
  const char* const kOffset =
      "must be a date-time with its UTC offset, like 2026-11-29T09:30:00+08:00";
  struct Row {
    const char* what;
    const char* from;
    const char* to;
    const char* line_of;
    std::string message;
  };
  const Row rows[] = {
      {"unknown key in [[event]]", "level = 2\n", "level = 2\ncolour = 1\n", "colour",
       "unknown key 'colour' in [[event]] #1"},
      {"a field of another action", "text = \"催促\"\n", "text = \"催促\"\nlevel = 1\n",
       "level = 1", "unknown key 'level' in [[event]] #2"},
      {"unknown key in the form", "via = \"YX\"\n", "via = \"YX\"\nstatus = \"open\"\n", "status",
       "unknown key 'status' in the form"},
      {"unknown key in [customer]", "name = \"客户\"\n", "name = \"客户\"\nemail = \"a@b\"\n",
       "email", "unknown key 'email' in [customer]"},
      {"unknown key in [equipment]", "quantity = 2\n", "quantity = 2\ncolour = \"red\"\n", "colour",
       "unknown key 'colour' in [equipment]"},
      {"unknown action", "action = \"open\"", "action = \"fly\"", "fly",
       "unknown action 'fly' in [[event]] #1"},
      {"local date-time without offset", "at = 2026-11-29T09:30:00+08:00",
       "at = 2026-11-29T09:30:00", "at = 2026-11-29T09:30:00\n",
       std::string("'at' ") + kOffset + " in [[event]] #1"},
      {"'at' as a date", "at = 2026-11-29T10:00:00+08:00", "at = 2026-11-29", "at = 2026-11-29\n",
       std::string("'at' ") + kOffset + " in [[event]] #2"},
      {"'at' as a string", "at = 2026-11-29T10:00:00+08:00", "at = \"2026-11-29T10:00:00+08:00\"",
       "at = \"", std::string("'at' ") + kOffset + " in [[event]] #2"},
      {"fractional seconds", "at = 2026-11-29T09:30:00+08:00", "at = 2026-11-29T09:30:00.5+08:00",
       "09:30:00.5", "'at' must be whole seconds in [[event]] #1"},
      {"received without offset", "received = 2026-11-29T09:10:00+08:00",
       "received = 2026-11-29T09:10:00", "received",
       std::string("'received' ") + kOffset + " in the form"},
      {"recorded without offset", "level = 2\n", "level = 2\nrecorded = 2026-11-29 12:00:00\n",
       "recorded", std::string("'recorded' ") + kOffset + " in [[event]] #1"},
      {"level as a string", "level = 2", "level = \"2\"", "level = \"2\"",
       "'level' must be an integer in [[event]] #1"},
      {"text as a number", "text = \"催促\"", "text = 5", "text = 5",
       "'text' must be a string in [[event]] #2"},
      {"actor as a list", "actor = \"王芳\"\naction = \"note\"",
       "actor = [\"王芳\"]\naction = \"note\"", "actor = [",
       "'actor' must be a string in [[event]] #2"},
      {"id as a number", "id = \"YX-26-11-01\"", "id = 1", "id = 1",
       "'id' must be a string in the form"},
      {"quantity as a string", "quantity = 2", "quantity = \"2\"", "quantity",
       "'quantity' must be an integer in [equipment]"},
      {"quantity zero", "quantity = 2", "quantity = 0", "quantity",
       "'quantity' must be from 1 to 1000000, not 0 in [equipment]"},
      {"date as a string", "commissioned = 2025-06-30", "commissioned = \"2025-06-30\"",
       "commissioned", "'commissioned' must be a date like 2026-11-29 in [equipment]"},
      {"customer name as a number", "name = \"客户\"", "name = 42", "name = 42",
       "'name' must be a string in [customer]"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    std::string text = ReplaceOnce(kBase, row.from, row.to);
    CHECK(ErrorOf(text) == At(text, row.line_of, row.message));
  }
}

TEST_CASE("Missing keys") {
  SUBCASE("'at' missing names the [[event]] header") {
    std::string text = ReplaceOnce(kBase, "at = 2026-11-29T10:00:00+08:00\n", "");
    CHECK(ErrorOf(text) == At(text, "[[event]]\nactor = \"王芳\"\naction = \"note\"",
                              "missing key 'at' in [[event]] #2"));
  }
  SUBCASE("'actor' missing") {
    std::string text =
        ReplaceOnce(kBase, "actor = \"王芳\"\naction = \"open\"\n", "action = \"open\"\n");
    CHECK(ErrorOf(text) == At(text, "[[event]]", "missing key 'actor' in [[event]] #1"));
  }
  SUBCASE("'action' missing") {
    std::string text = ReplaceOnce(kBase, "action = \"open\"\n", "");
    CHECK(ErrorOf(text) == At(text, "[[event]]", "missing key 'action' in [[event]] #1"));
  }
  SUBCASE("'id' missing") {
    std::string text = ReplaceOnce(kBase, "id = \"YX-26-11-01\"\n", "");
    CHECK(ErrorOf(text) == "t.toml:1: missing key 'id' in the form");
  }
  SUBCASE("'received' missing") {
    std::string text = ReplaceOnce(kBase, "received = 2026-11-29T09:10:00+08:00\n", "");
    CHECK(ErrorOf(text) == "t.toml:1: missing key 'received' in the form");
  }
}

TEST_CASE("Events must be in time order") {
  std::string text =
      ReplaceOnce(kBase, "at = 2026-11-29T10:00:00+08:00", "at = 2026-11-29T09:29:59+08:00");
  CHECK(ErrorOf(text) ==
        At(text, "[[event]]\nat = 2026-11-29T09:29:59",
           "[[event]] #2 at 2026-11-29T09:29:59+08:00 is earlier than the event before it; the "
           "history must be in time order"));
  // Order is by instant, not by text: 02:00Z is 10:00+08:00, the same instant.
  std::string same =
      ReplaceOnce(kBase, "at = 2026-11-29T10:00:00+08:00", "at = 2026-11-29T01:30:00Z");
  Ticket t;
  Status s = ParseTicket(same, "t.toml", &t);
  CHECK_MESSAGE(s.ok(), s.message());
  // An offset can make a later-looking text an earlier instant.
  std::string earlier =
      ReplaceOnce(kBase, "at = 2026-11-29T10:00:00+08:00", "at = 2026-11-29T10:00:00+09:00");
  CHECK(ErrorOf(earlier) ==
        At(earlier, "[[event]]\nat = 2026-11-29T10:00:00+09:00",
           "[[event]] #2 at 2026-11-29T10:00:00+09:00 is earlier than the event before it; the "
           "history must be in time order"));
}

// The first action with a parts field and that field, if any action has one.
const ActionSpec* PartsAction(std::string_view* key) {
  for (const ActionSpec& spec : AllActions()) {
    for (const FieldSpec& f : spec.fields) {
      if (f.type == FieldType::kParts) {
        *key = f.key;
        return &spec;
      }
    }
  }
  return nullptr;
}

TEST_CASE("A malformed part names the field's line") {
  std::string_view key;
  const ActionSpec* spec = PartsAction(&key);
  if (spec) {  // exercised once some action has a parts field
    Ticket t = FullTicket();
    t.events.clear();
    t.events.push_back(FullEvent(*spec, T("2026-11-29T10:00:00+08:00"), 0));
    std::string text = WriteTicket(t);
    std::string bad = ReplaceOnce(text, "qty = 2,", "qty = 0,");
    CHECK(ErrorOf(bad) == At(bad, std::string(key) + " = [",
                             "a part in '" + std::string(key) + "' is malformed in [[event]] #1"));
  }
}

TEST_CASE("Other structural errors") {
  SUBCASE("[event] written as a single table") {
    std::string text = ReplaceOnce(kBase,
                                   "[[event]]\nat = 2026-11-29T10:00:00+08:00\nactor = \"王芳\"\n"
                                   "action = \"note\"\ntext = \"催促\"\n",
                                   "");
    text = ReplaceOnce(text, "[[event]]", "[event]");
    CHECK(ErrorOf(text) ==
          At(text, "[event]", "'event' must be written as [[event]] tables in the form"));
  }
  SUBCASE("[customer] as a string") {
    std::string text = ReplaceOnce(kBase, "[customer]\nname = \"客户\"\n", "");
    text = ReplaceOnce(text, "via = \"YX\"\n", "via = \"YX\"\ncustomer = \"客户\"\n");
    CHECK(ErrorOf(text) ==
          At(text, "customer = ", "'customer' must be a table [customer] in the form"));
  }
  SUBCASE("a TOML syntax error gives line and column") {
    std::string text = ReplaceOnce(kBase, "level = 2", "level = ");
    CHECK(ErrorOf(text) == "t.toml:" + std::to_string(LineOf(text, "level = ")) +
                               ":9: Error while parsing key-value pair: expected value, saw '\\n'");
    std::string unterminated = ReplaceOnce(kBase, "text = \"催促\"", "text = \"催促");
    // Columns count characters, not bytes: 催促 are columns 9 and 10.
    CHECK(ErrorOf(unterminated) ==
          "t.toml:23:11: Error while parsing string: unescaped control characters other than TAB "
          "(U+0009) are explicitly prohibited");
  }
}

}  // namespace
}  // namespace svc
