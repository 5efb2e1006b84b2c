// The fast reader (fast_reader.h) against toml++'s ParseTicket: whatever
// ReadFastTicket accepts, ParseTicket must accept too and read as the same
// Ticket; what it declines is left to ParseTicket. Canonical (below) holds
// exactly svc's canonical text. Checked on
// every bundled record, on tickets built in code (every action and field, the
// nastiest strings), on generated tickets, and on many deterministic
// mutations of canonical texts (the sanitizer build also proves the reader
// never crashes on them).
#include "format/fast_reader.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "format/ticket_toml.h"
#include "test_util.h"

namespace svc {
namespace {

using svc_test::kNasty;
using svc_test::ReplaceOnce;
using svc_test::StringsOfEveryShape;
using svc_test::T;

// True, with *out filled, when `text` is read fast and is exactly what
// WriteTicket writes for it (what svc check calls canonical).
bool Canonical(std::string_view text, Ticket* out) {
  Ticket t;
  if (!ReadFastTicket(text, &t) || WriteTicket(t) != text) return false;
  *out = std::move(t);
  return true;
}

Value SampleValue(FieldType type, int variant) {
  switch (type) {
    case FieldType::kString:
      switch (variant % 3) {
        case 0:
          return Value(std::string(kNasty));
        case 1:
          return Value(std::string("单行 \"文本\" \\ ok\t\x01"));
        default:
          return Value(std::string("a\n\"\"\"\n\"\""));
      }
    case FieldType::kInt:
      return Value(int64_t{variant == 0 ? 3 : variant == 1 ? -7 : 1234567890123});
    case FieldType::kBool:
      return Value(variant != 1);
    case FieldType::kTime:
      return Value(variant == 0   ? T("2026-11-29T11:00:00+08:00")
                   : variant == 1 ? T("2026-11-29T03:05:09Z")
                                  : T("2026-11-28T23:59:59-09:30"));
    case FieldType::kDate:
      return Value(Date{2026, variant == 2 ? 2 : 12, variant == 0 ? 1 : variant == 1 ? 31 : 28});
    case FieldType::kMoney:
      return Value(Money{variant == 0 ? 491211 : variant == 1 ? 0 : 5});
    case FieldType::kStrings:
      if (variant == 2) return Value(std::vector<std::string>{});
      return Value(std::vector<std::string>{"王工", "李 \"工\"", "多行\n名字", "tab\there", ""});
    case FieldType::kParts:
      if (variant == 2) return Value(std::vector<Part>{});
      return Value(std::vector<Part>{
          Part{"P-0042", "继电器 \"JZC-32F\", 2 个", 2, Money{1250}, "warranty"},
          Part{"", "保险丝 5A { } = ,", 1, std::nullopt, ""},
          Part{"X1", "", 1000000, Money{0}, "customer"},
          Part{"", "多行\n名字\\", 7, Money{99999}, "scrapped"},
      });
  }
  return Value(std::string("?"));
}

Event FullEvent(const ActionSpec& spec, const Time& at, int variant) {
  Event e;
  e.at = at;
  e.actor = variant == 0 ? "王芳" : variant == 1 ? "li.wei" : "O'Brien \"Bob\"";
  e.action = std::string(spec.action);
  for (const FieldSpec& f : spec.fields) {
    e.fields.emplace_back(std::string(f.key), SampleValue(f.type, variant));
  }
  return e;
}

// One event of every action, alternately in +08:00, with `recorded` in a
// negative offset, and in a negative half-hour offset.
Ticket FullTicket() {
  Ticket t;
  t.id = "YX-26-11-01";
  t.via = "YX";
  t.received = T("2026-11-29T09:10:00+08:00");
  t.customer = Customer{"上海某某电力有限公司",
                        "张三 \"老张\"",
                        "设备科科长",
                        "021-5555 0000 转 8",
                        "上海市浦东新区某路 1 号\\B 座\n二楼",
                        "K0001"};
  t.equipment =
      Equipment{"高压开关柜",     "KYN28A-12", "1250A / 31.5kA",  "SN\t2026-001",    3,
                "AB-2026-017",    "EQ-009",    Date{2025, 6, 30}, Date{2024, 2, 29}, "No.00012345",
                Date{2027, 6, 30}};
  t.description = kNasty;
  Time at = T("2026-11-29T09:30:00+08:00");
  int variant = 0;
  for (const ActionSpec& spec : AllActions()) {
    Event e = FullEvent(spec, variant == 2 ? InOffset(at, -570) : at, variant);
    if (variant == 1) e.recorded = T("2026-11-30T08:00:00-05:00");
    t.events.push_back(std::move(e));
    at = Add(at, Duration{600});
    variant = (variant + 1) % 3;
  }
  Event note;
  note.at = at;
  note.actor = "系统";
  note.action = "note";
  t.events.push_back(note);  // no fields
  note.fields.emplace_back("text", std::string("same time, second"));
  t.events.push_back(note);
  return t;
}

// ---- generated tickets ----

class Gen {
 public:
  explicit Gen(uint64_t seed) : rng_(seed) {}
  uint64_t Next() { return rng_(); }
  // 0 <= n < bound (the engine's output is the same everywhere).
  uint64_t Below(uint64_t bound) { return bound ? rng_() % bound : 0; }
  bool Chance(int percent) { return Below(100) < static_cast<uint64_t>(percent); }

  std::string Text(bool allow_empty) {
    static const char* const kPieces[] = {
        "王芳", "开关柜", "a",   "Z9",   " ",  "  ",   "\"",          "\"\"",   "\"\"\"",    "\\",
        "\\n",  "\t",     "\n",  "\n\n", "\r", "\r\n", "\x01",        "\x1f",   "\x7f",      "\b",
        "\f",   "'",      "'''", "#",    "=",  " = ",  "[",           "]",      "[[event]]", "{",
        "}",    ",",      ", ",  "é",    "😀",  "℃",    "key = \"v\"", "\\u0041"};
    size_t n = Below(8) + (allow_empty ? 0 : 1);
    std::string s;
    for (size_t i = 0; i < n; ++i) s += kPieces[Below(std::size(kPieces))];
    return s;
  }
  Time When(int64_t base) {
    static const int kOffsets[] = {480, 0, -300, 345, -570, 840, -720, 330, 60};
    return InOffset(Time{base, 0}, kOffsets[Below(std::size(kOffsets))]);
  }
  Date Day() {
    return Date{static_cast<int>(1990 + Below(60)), static_cast<int>(1 + Below(12)),
                static_cast<int>(1 + Below(28))};
  }
  Value Sample(FieldType type) {
    switch (type) {
      case FieldType::kString:
        return Value(Text(false));
      case FieldType::kInt: {
        static const int64_t kInts[] = {0, 1, -1, 4, 99, -12345, INT64_MAX, INT64_MIN + 1};
        return Value(Chance(50) ? kInts[Below(std::size(kInts))]
                                : static_cast<int64_t>(Below(2000000)) - 1000000);
      }
      case FieldType::kBool:
        return Value(Chance(50));
      case FieldType::kTime:
        return Value(When(1'700'000'000 + static_cast<int64_t>(Below(1u << 30))));
      case FieldType::kDate:
        return Value(Day());
      case FieldType::kMoney:
        return Value(Money{static_cast<int64_t>(Below(10'000'000'000ull))});
      case FieldType::kStrings: {
        std::vector<std::string> v;
        for (uint64_t i = Below(4); i > 0; --i) v.push_back(Text(true));
        return Value(std::move(v));
      }
      case FieldType::kParts: {
        std::vector<Part> v;
        for (uint64_t i = Below(4); i > 0; --i) {
          Part p;
          p.code = Chance(50) ? Text(true) : "";
          p.name = Text(true);
          p.qty = static_cast<int64_t>(1 + (Chance(10) ? 999999 : Below(50)));
          if (Chance(60)) p.unit = Money{static_cast<int64_t>(Below(100'000'000))};
          static const char* const kSupply[] = {"", "warranty", "customer", "returned", "scrapped"};
          p.supply = kSupply[Below(5)];
          v.push_back(std::move(p));
        }
        return Value(std::move(v));
      }
    }
    return Value(std::string("?"));
  }

  // A ticket ParseTicket accepts: events in time order, required keys set,
  // event strings not empty (ParseTicket drops empty ones), quantities in range.
  Ticket MakeTicket(int n) {
    static const char* const kVia[] = {"YX", "SH", "SC", "ZC1"};
    Ticket t;
    t.via = kVia[Below(std::size(kVia))];
    t.id = t.via + "-26-" + (Chance(50) ? "11" : "02") + "-" + std::to_string(n % 100 + 1);
    int64_t at = 1'790'000'000 + static_cast<int64_t>(Below(10'000'000));
    t.received = When(at);
    Customer& c = t.customer;
    for (std::string* s : {&c.name, &c.contact, &c.title, &c.phone, &c.address}) {
      if (Chance(60)) *s = Text(true);
    }
    if (Chance(70)) {
      Equipment& q = t.equipment;
      for (std::string* s : {&q.product, &q.model, &q.size, &q.serial, &q.project_no,
                             &q.equipment_no, &q.invoice_no}) {
        if (Chance(50)) *s = Text(true);
      }
      if (Chance(50)) q.quantity = static_cast<int64_t>(1 + Below(1'000'000));
      if (Chance(40)) q.commissioned = Day();
      if (Chance(40)) q.purchased = Day();
    }
    if (Chance(80)) t.description = Text(true);
    const auto& actions = AllActions();
    for (uint64_t i = Below(14); i > 0; --i) {
      const ActionSpec& spec = actions[Below(actions.size())];
      Event e;
      at += static_cast<int64_t>(Below(3) == 0 ? 0 : Below(200'000));
      e.at = When(at);
      if (Chance(20)) e.recorded = When(at + static_cast<int64_t>(Below(100'000)));
      e.actor = Text(false);
      e.action = std::string(spec.action);
      for (const FieldSpec& f : spec.fields) {
        if (Chance(60)) e.fields.emplace_back(std::string(f.key), Sample(f.type));
      }
      t.events.push_back(std::move(e));
    }
    return t;
  }

 private:
  std::mt19937_64 rng_;
};

// ---- the comparison ----

std::string Show(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (c == '\n') {
      out += "\\n\n";
    } else if (c < 0x20 || c == 0x7F) {
      out += "\\x" + std::string(1, "0123456789abcdef"[c >> 4]) + "0123456789abcdef"[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// "" when the readers agree on `text` (the fast reader may decline anything;
// what it accepts toml++ must read as the same ticket), else what differs.
std::string Disagreement(std::string_view text) {
  Ticket fast;
  if (!ReadFastTicket(text, &fast)) return "";
  Ticket slow;
  Status s = ParseTicket(text, "t.toml", &slow);
  if (!s.ok()) return "the fast reader accepts what toml++ rejects: " + s.message();
  if (!(fast == slow)) {
    return "the fast reader reads another ticket than toml++ (toml++'s, written back:\n" +
           Show(WriteTicket(slow)) + ")";
  }
  return "";
}

void CheckAgree(std::string_view text) {
  std::string why = Disagreement(text);
  CHECK_MESSAGE(why.empty(), why << "\n--- input ---\n" << Show(text));
}

// `t` is written canonically: both readers read it back as `t`.
void CheckCanonical(const Ticket& t) {
  std::string text = WriteTicket(t);
  Ticket slow;
  Status s = ParseTicket(text, "t.toml", &slow);
  REQUIRE_MESSAGE(s.ok(), s.message() << "\n" << Show(text));
  REQUIRE(slow == t);
  Ticket fast;
  bool accepted = Canonical(text, &fast);
  CHECK_MESSAGE(accepted, "the fast reader declines a canonical text:\n" << Show(text));
  if (accepted) CHECK(fast == t);
  Ticket fast2;
  CHECK(ReadFastTicket(text, &fast2));
  CHECK(fast2 == t);
}

std::vector<std::filesystem::path> BundledTickets() {
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
  return files;
}

TEST_CASE("fast reader: every bundled record is read fast, as toml++ reads it") {
  std::vector<std::filesystem::path> files = BundledTickets();
  CHECK(files.size() >= 10);
  for (const auto& path : files) {
    CAPTURE(path.string());
    std::string text = svc_test::ReadAll(path.string());
    Ticket slow;
    Status s = ParseTicket(text, path.string(), &slow);
    REQUIRE_MESSAGE(s.ok(), s.message());
    Ticket fast;
    REQUIRE(Canonical(text, &fast));
    CHECK(fast == slow);
    CHECK(WriteTicket(fast) == text);
  }
}

TEST_CASE("fast reader: a ticket with every action and field, nasty strings and offsets") {
  Ticket t = FullTicket();
  REQUIRE(t.events.size() == AllActions().size() + 2);
  CheckCanonical(t);
  // Each action on its own, with each sample.
  for (const ActionSpec& spec : AllActions()) {
    for (int variant : {0, 1, 2}) {
      CAPTURE(spec.action);
      CAPTURE(variant);
      Ticket one;
      one.id = "SC-26-12-100";
      one.via = "SC";
      one.received = T("2026-11-30T20:00:00Z");
      one.events.push_back(FullEvent(spec, T("2026-11-30T21:00:00-12:00"), variant));
      CheckCanonical(one);
    }
  }
  // Only the required keys.
  Ticket bare;
  bare.id = "SH-26-01-01";
  bare.via = "SH";
  bare.received = T("2026-01-01T00:00:00+14:00");
  CheckCanonical(bare);
}

TEST_CASE("fast reader: strings of every shape") {
  for (const std::string& s : StringsOfEveryShape()) {
    CAPTURE(s);
    Ticket t;
    t.id = "YX-26-11-01";
    t.via = "YX";
    t.received = T("2026-11-29T09:10:00+08:00");
    t.customer.name = s;
    t.customer.address = s;
    t.equipment.product = s;
    t.description = s;
    Event e;
    e.at = t.received;
    e.actor = s;
    e.action = "note";
    e.fields.emplace_back("text", s);
    t.events.push_back(e);
    Event d;
    d.at = t.received;
    d.actor = "x";
    d.action = "finish";
    d.fields.emplace_back("record", std::string(s));
    d.fields.emplace_back("parts", std::vector<Part>{Part{s, s, 1, Money{1}, s}});
    t.events.push_back(d);
    Event l;
    l.at = t.received;
    l.actor = "x";
    l.action = "dispatch";
    l.fields.emplace_back("techs", std::vector<std::string>{s, s});
    t.events.push_back(l);
    CheckCanonical(t);
  }
}

TEST_CASE("fast reader: generated tickets") {
  Gen g(20261129);
  for (int n = 0; n < 300; ++n) {
    CAPTURE(n);
    CheckCanonical(g.MakeTicket(n));
  }
}

// [fault] written as the dotted key fault.description in the form.
std::string DottedFault(const std::string& base) {
  size_t at = base.find("\n[fault]\ndescription = ");
  REQUIRE(at != std::string::npos);
  size_t value = at + std::string_view("\n[fault]\n").size();
  size_t end = base.find('\n', value);
  std::string line = base.substr(value, end + 1 - value);
  std::string out = base.substr(0, at) + base.substr(end);
  return ReplaceOnce(out, "\n[customer]\n", "fault." + line + "\n[customer]\n");
}

// Not canonical: Canonical declines it; ReadFastTicket reads what
// it recognises (keys in another order) as toml++ does, and leaves the rest.
TEST_CASE("fast reader: non-canonical TOML is read as toml++ reads it, or left to toml++") {
  const std::string base =
      svc_test::ReadAll(std::string(SVC_SOURCE_DIR) + "/records/tickets/2026/11/SC-26-11-01.toml");
  Ticket expect;
  SVC_REQUIRE_OK(ParseTicket(base, "t.toml", &expect));
  struct Row {
    const char* what;
    std::string text;
  };
  std::string crlf;
  for (char c : base) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  const Row rows[] = {
      {"keys reordered in the form", ReplaceOnce(base, "id = \"SC-26-11-01\"\nvia = \"SC\"\n",
                                                 "via = \"SC\"\nid = \"SC-26-11-01\"\n")},
      {"keys reordered in [customer]",
       ReplaceOnce(base, "contact = \"马建国\"\ntitle = \"动力车间主任\"\n",
                   "title = \"动力车间主任\"\ncontact = \"马建国\"\n")},
      {"keys reordered in an event", ReplaceOnce(base, "actor = \"李娜\"\naction = \"open\"\n",
                                                 "action = \"open\"\nactor = \"李娜\"\n")},
      {"'at' after the action",
       ReplaceOnce(base, "at = 2026-11-16T14:20:00+08:00\nactor = \"李娜\"\naction = \"open\"\n",
                   "actor = \"李娜\"\naction = \"open\"\nat = 2026-11-16T14:20:00+08:00\n")},
      {"extra spaces around =", ReplaceOnce(base, "via = \"SC\"", "via  =  \"SC\"")},
      {"no spaces around =", ReplaceOnce(base, "via = \"SC\"", "via=\"SC\"")},
      {"trailing spaces", ReplaceOnce(base, "via = \"SC\"\n", "via = \"SC\"   \n")},
      {"a trailing comment", ReplaceOnce(base, "via = \"SC\"\n", "via = \"SC\" # 生产部\n")},
      {"the heading comment moved",
       ReplaceOnce(
           ReplaceOnce(base, "# 售后信息处理单 After-sales Information Processing Form (R-4.2.1)\n",
                       ""),
           "[customer]\n",
           "# 售后信息处理单 After-sales Information Processing Form (R-4.2.1)\n[customer]\n")},
      {"the heading comment removed",
       ReplaceOnce(base, "# 售后信息处理单 After-sales Information Processing Form (R-4.2.1)\n",
                   "")},
      {"an extra comment line", ReplaceOnce(base, "[fault]\n", "# 故障\n[fault]\n")},
      {"an extra blank line", ReplaceOnce(base, "[fault]\n", "\n[fault]\n")},
      {"no blank line before a table", ReplaceOnce(base, "\n[fault]\n", "[fault]\n")},
      {"a literal string", ReplaceOnce(base, "via = \"SC\"", "via = 'SC'")},
      {"a multi-line string for a one-line value",
       ReplaceOnce(base, "via = \"SC\"", "via = \"\"\"SC\"\"\"")},
      {"a \\u escape for printable text", ReplaceOnce(base, "via = \"SC\"", "via = \"\\u0053C\"")},
      {"a \\U escape", ReplaceOnce(base, "via = \"SC\"", "via = \"\\U00000053C\"")},
      {"an inline table for [customer]",
       ReplaceOnce(base,
                   "\n[customer]\nname = \"郑州宇达汽车零部件有限公司\"\ncontact = \"马建国\"\n"
                   "title = \"动力车间主任\"\nphone = \"13703716620\"\n"
                   "address = \"河南省郑州市经济技术开发区第九大街88号\"\n",
                   "customer = { name = \"郑州宇达汽车零部件有限公司\", contact = \"马建国\", "
                   "title = \"动力车间主任\", phone = \"13703716620\", "
                   "address = \"河南省郑州市经济技术开发区第九大街88号\" }\n")},
      {"a dotted key", DottedFault(base)},
      {"a date-time with a space", ReplaceOnce(base, "received = 2026-11-16T13:30:00+08:00",
                                               "received = 2026-11-16 13:30:00+08:00")},
      {"an integer with a plus sign", ReplaceOnce(base, "quantity = 1", "quantity = +1")},
      {"an integer in hex", ReplaceOnce(base, "people = 1", "people = 0x1")},
      {"a list on two lines", ReplaceOnce(base, "techs = [\"刘洋\"]", "techs = [\n  \"刘洋\",\n]")},
      {"a list with a trailing comma",
       ReplaceOnce(base, "techs = [\"刘洋\"]", "techs = [\"刘洋\",]")},
      {"a part on the same line",
       ReplaceOnce(
           base, "parts = [\n  { name = \"温控器 BWDK-3207\", qty = 1, supply = \"returned\" },\n]",
           "parts = [{ name = \"温控器 BWDK-3207\", qty = 1, supply = \"returned\" }]")},
      {"a part's keys reordered",
       ReplaceOnce(base, "{ name = \"温控器 BWDK-3207\", qty = 1, supply = \"returned\" }",
                   "{ qty = 1, name = \"温控器 BWDK-3207\", supply = \"returned\" }")},
      {"a part without spaces in braces",
       ReplaceOnce(base, "{ name = \"温控器 BWDK-3207\", qty = 1, supply = \"returned\" }",
                   "{name = \"温控器 BWDK-3207\", qty = 1, supply = \"returned\"}")},
      {"CRLF line endings", crlf},
      {"no final newline", base.substr(0, base.size() - 1)},
      {"two final newlines", base + "\n"},
      {"a final comment", base + "# end\n"},
      {"a byte-order mark", "\xEF\xBB\xBF" + base},
  };
  for (const Row& row : rows) {
    std::string what = row.what;
    CAPTURE(what);
    Ticket fast;
    CHECK_FALSE(Canonical(row.text, &fast));
    CheckAgree(row.text);
    Ticket slow;
    Status s = ParseTicket(row.text, "t.toml", &slow);
    REQUIRE_MESSAGE(s.ok(), s.message());
    CHECK(slow == expect);
  }
}

// ---- what the fast reader must not accept (toml++ does not, or reads otherwise) ----

// A small canonical ticket to edit.
std::string SmallText() {
  Ticket t;
  t.id = "YX-26-11-01";
  t.via = "YX";
  t.received = T("2026-11-29T09:10:00+08:00");
  t.customer.name = "客户";
  t.equipment.product = "开关柜";
  t.equipment.quantity = 2;
  t.equipment.commissioned = Date{2025, 6, 30};
  Event open;
  open.at = T("2026-11-29T09:30:00+08:00");
  open.actor = "王芳";
  open.action = "open";
  open.fields.emplace_back("level", int64_t{2});
  t.events.push_back(open);
  Event finish;
  finish.at = T("2026-11-29T10:00:00+08:00");
  finish.actor = "刘洋";
  finish.action = "finish";
  finish.fields.emplace_back("record", std::string("SC-26-11-01"));
  finish.fields.emplace_back("work", std::string("换继电器"));
  finish.fields.emplace_back("parts",
                             std::vector<Part>{Part{"", "继电器", 2, Money{1250}, "warranty"}});
  t.events.push_back(finish);
  Event note;
  note.at = T("2026-11-29T11:00:00+08:00");
  note.actor = "王芳";
  note.action = "note";
  note.fields.emplace_back("text", std::string("催促"));
  t.events.push_back(note);
  return WriteTicket(t);
}

TEST_CASE("fast reader: the small base is canonical") {
  std::string text = SmallText();
  Ticket t;
  CHECK(Canonical(text, &t));
  CheckAgree(text);
}

// ParseTicket requires events in time order.
TEST_CASE("fast reader: events out of time order are not accepted") {
  CheckAgree(
      ReplaceOnce(SmallText(), "at = 2026-11-29T11:00:00+08:00", "at = 2026-11-29T09:00:00+08:00"));
}

// ParseTicket gives an event's fields in schema order, whatever the file's.
TEST_CASE("fast reader: an event's fields out of schema order are not accepted") {
  CheckAgree(ReplaceOnce(SmallText(), "record = \"SC-26-11-01\"\nwork = \"换继电器\"\n",
                         "work = \"换继电器\"\nrecord = \"SC-26-11-01\"\n"));
}

// A repeated key is invalid TOML.
TEST_CASE("fast reader: a repeated key in an event is not accepted") {
  CheckAgree(ReplaceOnce(SmallText(), "text = \"催促\"\n", "text = \"催促\"\ntext = \"催促\"\n"));
}

// ParseTicket drops an event's empty string field.
TEST_CASE("fast reader: an empty string field of an event reads as toml++ reads it") {
  CheckAgree(ReplaceOnce(SmallText(), "text = \"催促\"", "text = \"\""));
}

// WriteTicket omits an empty id, via or actor; ParseTicket requires them.
TEST_CASE("fast reader: a ticket without id, via or actor is not accepted") {
  std::string text = SmallText();
  SUBCASE("id") {
    CheckAgree(ReplaceOnce(text, "id = \"YX-26-11-01\"\n", ""));
  }
  SUBCASE("via") {
    CheckAgree(ReplaceOnce(text, "via = \"YX\"\n", ""));
  }
  SUBCASE("actor") {
    CheckAgree(ReplaceOnce(text, "actor = \"刘洋\"\n", ""));
  }
}

// Ranges ParseTicket enforces: quantity and a part's qty from 1 to 1000000.
TEST_CASE("fast reader: quantities out of range are not accepted") {
  std::string text = SmallText();
  SUBCASE("quantity too large") {
    CheckAgree(ReplaceOnce(text, "quantity = 2", "quantity = 1000001"));
  }
  SUBCASE("quantity negative") {
    CheckAgree(ReplaceOnce(text, "quantity = 2", "quantity = -2"));
  }
  SUBCASE("part qty zero") {
    CheckAgree(ReplaceOnce(text, "qty = 2,", "qty = 0,"));
  }
  SUBCASE("part qty negative") {
    CheckAgree(ReplaceOnce(text, "qty = 2,", "qty = -2,"));
  }
}

// toml++ rejects invalid UTF-8 ("Encountered invalid utf-8 sequence").
TEST_CASE("fast reader: invalid UTF-8 is not accepted") {
  std::string text = SmallText();
  CheckAgree(ReplaceOnce(text, "催促", "\xE5\x82"));
  CheckAgree(ReplaceOnce(text, "催促", "\xFF"));
  CheckAgree(ReplaceOnce(text, "催促", "\xC0\xAF"));          // overlong
  CheckAgree(ReplaceOnce(text, "催促", "\xED\xA0\x80"));      // a surrogate
  CheckAgree(ReplaceOnce(text, "客户", "\xF4\x90\x80\x80"));  // past U+10FFFF
}

// The fast reader checks UTF-8 where it reads strings and comments, and
// matches everything else exactly: a malformed byte anywhere is declined.
TEST_CASE("fast reader: malformed UTF-8 outside strings is declined too") {
  std::string text = SmallText() + "# 末尾\n";
  Ticket t;
  REQUIRE(ReadFastTicket(text, &t));
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"# 末尾", "# \xE6\x9C"},               // a comment
           {"# 末尾", "#\xFF"},                    // a comment
           {"[customer]", "[customer\xFF]"},       // a table header
           {"quantity = 2", "quantity = 2\xC0"},   // after a value
           {"quantity = 2", "quan\xE6tity = 2"},   // in a key
           {"qty = 2,", "qty = 2\xFF,"},           // in an inline table
           {"level = 2", "level = \xEF\xBC\x92"},  // a fullwidth digit (well-formed, not TOML)
           {"\"继电器\"", "\"继电\xE5\x99\""}}) {  // a string cut inside a character
    CAPTURE(to);
    std::string bad = ReplaceOnce(text, from, to);
    REQUIRE(bad != text);
    CHECK_FALSE(ReadFastTicket(bad, &t));
    CheckAgree(bad);
  }
}

// Found by the fuzz targets tests/fuzz/ticket.cc and index.cc: a key with
// nothing after `key = ` on the last line read one byte past the text.
// Each text is held in a buffer of exactly its size, so that the sanitizer
// build sees a read past it.
TEST_CASE("fast reader: a key without a value is declined, at the end of the text too") {
  std::string small = SmallText();
  for (std::string text : {std::string("\xBF]ae\xC6 = "), std::string("\0s = ", 5),
                           std::string("id = "), small + "[[event]]\nat = ", small + "level = ",
                           ReplaceOnce(small, "quantity = 2", "quantity = ")}) {
    CAPTURE(text);
    auto exact = std::make_unique<char[]>(text.size());
    std::copy(text.begin(), text.end(), exact.get());
    Ticket t;
    CHECK_FALSE(ReadFastTicket(std::string_view(exact.get(), text.size()), &t));
    CheckAgree(text);
  }
}

TEST_CASE("fast reader: escapes, dates and times toml++ rejects or reads otherwise") {
  std::string text = SmallText();
  CheckAgree(ReplaceOnce(text, "催促", "\\u0000"));
  CheckAgree(ReplaceOnce(text, "催促", "\\uD800"));
  CheckAgree(ReplaceOnce(text, "催促", "\\u001F"));
  CheckAgree(ReplaceOnce(text, "催促", "\\u007F"));
  CheckAgree(ReplaceOnce(text, "催促", "\\e"));
  CheckAgree(ReplaceOnce(text, "commissioned = 2025-06-30", "commissioned = 2025-02-29"));
  CheckAgree(ReplaceOnce(text, "commissioned = 2025-06-30", "commissioned = 2024-02-30"));
  CheckAgree(ReplaceOnce(text, "commissioned = 2025-06-30", "commissioned = 0000-01-01"));
  CheckAgree(ReplaceOnce(text, "commissioned = 2025-06-30", "commissioned = 2025-13-01"));
  CheckAgree(ReplaceOnce(text, "commissioned = 2025-06-30", "commissioned = 2025-00-10"));
  for (const char* at :
       {"2026-11-29T11:00:00+14:59", "2026-11-29T11:00:00-14:59", "2026-11-29T11:00:00+15:00",
        "2026-11-29T11:00:00+00:00", "2026-11-29T11:00:00-00:00", "2026-11-29T11:00:00z",
        "2026-11-29t11:00:00Z", "2026-11-29T24:00:00+08:00", "2026-11-29T23:59:60+08:00",
        "2026-11-29T11:00:00+08:60", "2026-11-31T11:00:00+08:00"}) {
    CAPTURE(at);
    std::string later = "2026-11-30" + std::string(at).substr(10);
    CheckAgree(ReplaceOnce(text, "at = 2026-11-29T11:00:00+08:00", "at = " + later));
  }
}

// The strict subset: what toml++ refuses (and a few things toml++ reads but
// svc never writes: raw tabs and CRs, four closing quotes) is declined.
TEST_CASE("fast reader: what TOML forbids is declined") {
  std::string text = SmallText();
  struct Row {
    const char* what;
    std::string text;
  };
  const Row rows[] = {
      {"a repeated key in the form",
       ReplaceOnce(text, "via = \"YX\"\n", "via = \"YX\"\nvia = \"YX\"\n")},
      {"a repeated key in [customer]",
       ReplaceOnce(text, "name = \"客户\"\n", "name = \"客户\"\nname = \"客户\"\n")},
      {"a repeated table", ReplaceOnce(text, "[equipment]\n", "[customer]\n[equipment]\n")},
      {"a repeated empty string in an event",
       ReplaceOnce(text, "text = \"催促\"", "text = \"\"\ntext = \"\"")},
      {"a repeated 'at'",
       ReplaceOnce(text, "at = 2026-11-29T11:00:00+08:00\n",
                   "at = 2026-11-29T11:00:00+08:00\nat = 2026-11-29T11:00:00+08:00\n")},
      {"a repeated action",
       ReplaceOnce(text, "action = \"note\"\n", "action = \"note\"\naction = \"note\"\n")},
      {"an event without 'at'", ReplaceOnce(text, "at = 2026-11-29T11:00:00+08:00\n", "")},
      {"an event without an action", ReplaceOnce(text, "action = \"note\"\n", "")},
      {"a leading zero", ReplaceOnce(text, "quantity = 2", "quantity = 02")},
      {"a leading zero on a negative number", ReplaceOnce(text, "level = 2", "level = -02")},
      {"a raw tab in a string", ReplaceOnce(text, "催促", "催\t促")},
      {"a raw control character in a string", ReplaceOnce(text, "催促", "催\x01促")},
      {"a raw DEL in a string", ReplaceOnce(text, "催促", "催\x7f促")},
      {"a raw CR in a string", ReplaceOnce(text, "催促", "催\r促")},
      {"a control character in a comment", ReplaceOnce(text, "# ", "# \x01")},
      {"a DEL in a comment", ReplaceOnce(text, "# ", "# \x7f")},
      {"a surrogate escape", ReplaceOnce(text, "催促", "\\uDFFF")},
      {"a trailing comma in a part",
       ReplaceOnce(text, "supply = \"warranty\" }", "supply = \"warranty\", }")},
      {"a comma without a space in a part", ReplaceOnce(text, "qty = 2, ", "qty = 2,")},
      {"a repeated key in a part", ReplaceOnce(text, "qty = 2,", "qty = 2, qty = 2,")},
      {"a part without qty", ReplaceOnce(text, "qty = 2, ", "")},
      {"an empty part",
       ReplaceOnce(text, "{ name = \"继电器\", qty = 2, unit = \"12.50\", supply = \"warranty\" }",
                   "{ }")},
      {"a multi-line string with a line-ending backslash",
       ReplaceOnce(text, "text = \"催促\"", "text = \"\"\"\n催\\\n  促\"\"\"")},
      {"a multi-line string ending in four quotes",
       ReplaceOnce(text, "text = \"催促\"", "text = \"\"\"\n催促\"\"\"\"")},
  };
  for (const Row& row : rows) {
    std::string what = row.what;
    CAPTURE(what);
    REQUIRE(row.text != text);
    Ticket t;
    CHECK_FALSE(ReadFastTicket(row.text, &t));
    CheckAgree(row.text);
  }
  // A tab in a comment is TOML, and read.
  Ticket t;
  CHECK(ReadFastTicket(ReplaceOnce(text, "# ", "#\t"), &t));
  CheckAgree(ReplaceOnce(text, "# ", "#\t"));
}

// ---- fuzzing ----

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size() - 1;
    lines.push_back(text.substr(start, end + 1 - start));
    start = end + 1;
  }
  return lines;
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l;
  return out;
}

// One random edit of `text`; *what names it.
std::string Mutate(Gen& g, const std::string& text, std::string* what) {
  static const char kBytes[] =
      "\"\\\n =[]{}#,.-:+Tt0123456789eufalsrZ'\t\r\x01\x7f\x80\xe4\xbf\xff\x00";
  std::string s = text;
  std::vector<std::string> lines = SplitLines(s);
  size_t at = s.empty() ? 0 : g.Below(s.size());
  switch (g.Below(11)) {
    case 0:
      *what = "delete byte " + std::to_string(at);
      if (!s.empty()) s.erase(at, 1);
      return s;
    case 1:
      *what = "insert a byte at " + std::to_string(at);
      s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), kBytes[g.Below(sizeof kBytes)]);
      return s;
    case 2:
      *what = "replace byte " + std::to_string(at);
      if (!s.empty())
        s[at] = g.Chance(50) ? kBytes[g.Below(sizeof kBytes)] : static_cast<char>(g.Below(256));
      return s;
    case 3: {
      *what = "duplicate a line";
      if (lines.empty()) return s;
      size_t i = g.Below(lines.size());
      lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(i), lines[i]);
      return JoinLines(lines);
    }
    case 4: {
      *what = "swap two lines";
      if (lines.size() < 2) return s;
      size_t i = g.Below(lines.size()),
             j = g.Chance(50) ? std::min(i + 1, lines.size() - 1) : g.Below(lines.size());
      std::swap(lines[i], lines[j]);
      return JoinLines(lines);
    }
    case 5: {
      *what = "delete a line";
      if (lines.empty()) return s;
      lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(g.Below(lines.size())));
      return JoinLines(lines);
    }
    case 6:
    case 7: {
      *what = "change a digit";
      std::vector<size_t> digits;
      for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] >= '0' && s[i] <= '9') digits.push_back(i);
      }
      if (digits.empty()) return s;
      size_t i = digits[g.Below(digits.size())];
      s[i] = static_cast<char>('0' + g.Below(10));
      if (g.Chance(10)) s.insert(i, 1, '-');
      return s;
    }
    case 8: {
      *what = "change a quote";
      std::vector<size_t> quotes;
      for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '"') quotes.push_back(i);
      }
      if (quotes.empty()) return s;
      size_t i = quotes[g.Below(quotes.size())];
      static const char* const kTo[] = {"", "'", "\"\"", "\\\"", "\"\"\"", "\\", "\"x"};
      s.replace(i, 1, kTo[g.Below(std::size(kTo))]);
      return s;
    }
    case 9: {
      *what = "move a line";
      if (lines.size() < 2) return s;
      size_t i = g.Below(lines.size());
      std::string line = lines[i];
      lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(i));
      lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(g.Below(lines.size() + 1)), line);
      return JoinLines(lines);
    }
    default: {
      *what = "cut the text";
      return s.substr(0, at);
    }
  }
}

std::vector<std::string> FuzzBases() {
  std::vector<std::string> bases;
  for (const auto& path : BundledTickets()) bases.push_back(svc_test::ReadAll(path.string()));
  bases.push_back(WriteTicket(FullTicket()));
  bases.push_back(SmallText());
  Gen g(7);
  for (int n = 0; n < 8; ++n) bases.push_back(WriteTicket(g.MakeTicket(n)));
  return bases;
}

// Runs `rounds` mutations (1 to 3 edits each) of every base; returns the
// number of inputs on which the readers disagree, with the first few shown.
int Fuzz(uint64_t seed, int rounds, int* accepted, int* total, std::map<std::string, int>* kinds) {
  Gen g(seed);
  int bad = 0;
  for (const std::string& base : FuzzBases()) {
    for (int r = 0; r < rounds; ++r) {
      std::string text = base, what;
      for (uint64_t k = 1 + g.Below(3); k > 0; --k) {
        std::string step;
        text = Mutate(g, text, &step);
        what += (what.empty() ? "" : ", ") + step;
      }
      ++*total;
      Ticket t;
      if (ReadFastTicket(text, &t)) ++*accepted;
      std::string why = Disagreement(text);
      if (!why.empty()) {
        std::string kind = why.substr(0, why.find('\n'));
        if (size_t c = kind.find("t.toml:"); c != std::string::npos) {
          size_t m = kind.find(": ", c);
          kind = kind.substr(0, c) + kind.substr(m + 2);
        }
        for (char& c : kind) {
          if (c >= '0' && c <= '9') c = '#';
        }
        if (kind.size() > 110) kind.resize(110);
        ++(*kinds)[kind];
      }
      if (!why.empty() && ++bad <= 8) {
        MESSAGE("disagreement after " << what << ": " << why << "\n--- input ---\n" << Show(text));
      }
    }
  }
  return bad;
}

// Every mutated input is given to the fast reader (the sanitizer build proves
// it never crashes); whatever it accepts, toml++ must read the same.
// Disagreements are counted by kind (numbers masked) and the first few shown.
// SVC_FUZZ_ROUNDS and SVC_FUZZ_SEED run it longer, or otherwise, by hand.
TEST_CASE("fast reader: fuzzed canonical texts") {
  int accepted = 0, total = 0;
  std::map<std::string, int> kinds;
  const char* rounds = std::getenv("SVC_FUZZ_ROUNDS");
  const char* seed = std::getenv("SVC_FUZZ_SEED");
  int bad = Fuzz(seed ? std::strtoull(seed, nullptr, 0) : 0x5eed, rounds ? std::atoi(rounds) : 700,
                 &accepted, &total, &kinds);
  for (const auto& [kind, n] : kinds) MESSAGE(n << " x " << kind);
  MESSAGE(total << " mutated inputs, " << accepted << " accepted by the fast reader, " << bad
                << " disagreements");
  CHECK(accepted > 0);
  CHECK(bad == 0);
}

}  // namespace
}  // namespace svc
