#include "ops/intake.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "flags.h"
#include "format/config_toml.h"
#include "format/ticket_toml.h"
#include "model/form.h"
#include "model/number.h"
#include "model/values.h"
#include "test_util.h"

namespace svc {
namespace {

using svc_test::T;
using svc_test::TempDir;

Config DefaultConfig() {
  Config c;
  Status s = ParseConfig(DefaultConfigText(), "svc.toml", &c);
  REQUIRE_MESSAGE(s.ok(), s.message());
  return c;
}

IntakeForm GoodForm() {
  IntakeForm f;
  f.via = "YX";
  f.customer.name = "上海某某电力公司";
  f.customer.contact = "张三";
  f.customer.phone = "021-5555 0000";
  f.customer.address = "上海市浦东新区某路 1 号";
  f.equipment.product = "高压开关柜";
  f.equipment.model = "KYN28A-12";
  f.description = "开关柜无法合闸\n\t报警灯亮，\"紧急\"";
  return f;
}

std::vector<std::string> TicketFiles(const std::string& root) {
  std::vector<std::string> files;
  if (!std::filesystem::exists(root + "/tickets")) return files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root + "/tickets")) {
    if (e.is_regular_file()) {
      files.push_back(std::filesystem::relative(e.path(), root).string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST_CASE("ValidateForm accepts a good form") {
  Config c = DefaultConfig();
  Time now = T("2026-11-29T10:00:00+08:00");
  IntakeForm f = GoodForm();
  SVC_CHECK_OK(ValidateForm(f, c, now, now));  // at == now is fine
  f.received = T("2026-11-29T09:00:00+08:00");
  SVC_CHECK_OK(ValidateForm(f, c, T("2026-11-29T09:00:00+08:00"), now));  // received == at
  for (int level : {0, 1, 2, 3, 4}) {
    f.level = level;
    SVC_CHECK_OK(ValidateForm(f, c, now, now));
  }
  f.via = "ZC1";
  SVC_CHECK_OK(ValidateForm(f, c, now, now));
  f.customer = Customer{};  // only the name is needed
  f.customer.name = "ACME";
  f.equipment = Equipment{};
  f.description.clear();
  SVC_CHECK_OK(ValidateForm(f, c, now, now));
}

TEST_CASE("ValidateForm refuses a bad form, naming the option") {
  Config c = DefaultConfig();
  const Time now = T("2026-11-29T10:00:00+08:00");
  const Time at = T("2026-11-29T09:30:00+08:00");
  const std::string kCodes = "SH, YX, SC, SJ, ZL, XT, YF, HY, ZC1, ZC2, CW";
  struct Row {
    const char* what;
    void (*edit)(IntakeForm*);
    std::string message;
  };
  const Row rows[] = {
      {"unknown --via", [](IntakeForm* f) { f->via = "XX"; },
       "--via: 'XX' is no department code in svc.toml (codes: " + kCodes + ")"},
      {"lowercase --via", [](IntakeForm* f) { f->via = "yx"; },
       "--via: 'yx' is no department code in svc.toml (codes: " + kCodes + ")"},
      {"empty --via", [](IntakeForm* f) { f->via = ""; },
       "--via: '' is no department code in svc.toml (codes: " + kCodes + ")"},
      {"empty customer", [](IntakeForm* f) { f->customer.name = ""; },
       "--customer is required: the customer's name, or its code in the customer file (a serial "
       "or phone on file finds it too)"},
      {"blank customer", [](IntakeForm* f) { f->customer.name = " \t "; },
       "--customer: the customer's name must not be empty"},
      {"newline in the customer", [](IntakeForm* f) { f->customer.name = "上海\n电力"; },
       "--customer holds a newline (U+000A): it takes one line"},
      {"tab in the phone", [](IntakeForm* f) { f->customer.phone = "021\t5555"; },
       "--phone holds the control character U+0009"},
      {"escape in the address", [](IntakeForm* f) { f->customer.address = "\x1b[31m红"; },
       "--address holds the control character U+001B"},
      {"DEL in the contact", [](IntakeForm* f) { f->customer.contact = "a\x7f"; },
       "--contact holds the control character U+007F"},
      {"carriage return in the title", [](IntakeForm* f) { f->customer.title = "科长\r"; },
       "--title holds the control character U+000D"},
      {"control in the product", [](IntakeForm* f) { f->equipment.product = "a\x01"; },
       "--product holds the control character U+0001"},
      {"control in the serial", [](IntakeForm* f) { f->equipment.serial = "SN\n1"; },
       "--serial holds a newline (U+000A): it takes one line"},
      {"control in the invoice", [](IntakeForm* f) { f->equipment.invoice_no = "\x02"; },
       "--invoice-no holds the control character U+0002"},
      {"NUL in the description", [](IntakeForm* f) { f->description = std::string("a\0b", 3); },
       "the description holds the control character U+0000"},
      {"carriage return in the description", [](IntakeForm* f) { f->description = "a\r\nb"; },
       "the description holds the control character U+000D"},
      {"invalid UTF-8 in the customer", [](IntakeForm* f) { f->customer.name = "\xC0\xAF"; },
       "--customer is not valid UTF-8 text"},
      {"truncated UTF-8 in the model", [](IntakeForm* f) { f->equipment.model = "KYN\xE4\xB8"; },
       "--model is not valid UTF-8 text"},
      {"invalid UTF-8 in the description", [](IntakeForm* f) { f->description = "\xFF"; },
       "the description is not valid UTF-8 text"},
      {"negative quantity", [](IntakeForm* f) { f->equipment.quantity = -3; },
       "--quantity must be 1 to 1000000, not -3"},
      {"huge quantity", [](IntakeForm* f) { f->equipment.quantity = 1000001; },
       "--quantity must be 1 to 1000000, not 1000001"},
      {"level 5", [](IntakeForm* f) { f->level = 5; }, "--level must be 1 to 4, not 5"},
      {"level -1", [](IntakeForm* f) { f->level = -1; }, "--level must be 1 to 4, not -1"},
      {"received after the form was filled",
       [](IntakeForm* f) { f->received = T("2026-11-29T09:30:01+08:00"); },
       "--received-at 2026-11-29T09:30:01+08:00 is later than the form was filled "
       "(2026-11-29T09:30:00+08:00)"},
      {"received after, in another offset",
       [](IntakeForm* f) { f->received = T("2026-11-29T01:31:00Z"); },
       "--received-at 2026-11-29T09:31:00+08:00 is later than the form was filled "
       "(2026-11-29T09:30:00+08:00)"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    IntakeForm f = GoodForm();
    row.edit(&f);
    Status s = ValidateForm(f, c, at, now);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(cli::UserText(s) == row.message);
  }
}

TEST_CASE("ValidateForm refuses --at after now") {
  Config c = DefaultConfig();
  Status s =
      ValidateForm(GoodForm(), c, T("2026-11-29T10:00:01+08:00"), T("2026-11-29T10:00:00+08:00"));
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(cli::UserText(s) ==
        "--at 2026-11-29T10:00:01+08:00 is later than now (2026-11-29T10:00:00+08:00)");
  // Compared as instants: 02:00:01Z is later than 10:00+08:00, and named in
  // the company's offset, as every time svc shows.
  s = ValidateForm(GoodForm(), c, T("2026-11-29T02:00:01Z"), T("2026-11-29T10:00:00+08:00"));
  CHECK(cli::UserText(s) ==
        "--at 2026-11-29T10:00:01+08:00 is later than now (2026-11-29T10:00:00+08:00)");
  SVC_CHECK_OK(
      ValidateForm(GoodForm(), c, T("2026-11-29T01:59:59Z"), T("2026-11-29T10:00:00+08:00")));
}

TEST_CASE("CheckText") {
  SVC_CHECK_OK(CheckText("", "--x", false));
  SVC_CHECK_OK(CheckText("中文 text", "--x", false));
  SVC_CHECK_OK(CheckText("line\n\tindented", "--x", true));
  SVC_CHECK_OK(CheckText("\u00a0\u00ff\u202e", "--x", false));  // not controls (shown escaped)
  CHECK(cli::UserText(CheckText("line\nline", "--x", false)) ==
        "--x holds a newline (U+000A): it takes one line");
  CHECK(cli::UserText(CheckText("a\tb", "--x", false)) == "--x holds the control character U+0009");
  CHECK(cli::UserText(CheckText("a\x0b", "the text", true)) ==
        "the text holds the control character U+000B");
  CHECK(cli::UserText(CheckText("王\x1b[2J", "--actor", false)) ==
        "--actor holds the control character U+001B");
  CHECK(cli::UserText(CheckText("a\x7f", "--x", true)) == "--x holds the control character U+007F");
  CHECK(cli::UserText(CheckText("a\r\n", "--x", true)) == "--x holds the control character U+000D");
  CHECK(cli::UserText(CheckText(std::string("a\0b", 3), "--x", true)) ==
        "--x holds the control character U+0000");
  // C1 controls (U+0080-U+009F): a terminal acts on U+009B as on ESC [.
  CHECK(cli::UserText(CheckText("a\u009b2J", "--x", true)) ==
        "--x holds the control character U+009B");
  CHECK(cli::UserText(CheckText("a\u0085", "--x", true)) ==
        "--x holds the control character U+0085");
  CHECK(cli::UserText(CheckText("\xED\xA0\x80", "--x", true)) == "--x is not valid UTF-8 text");
}

TEST_CASE("IsMultilineField: the fields that may span lines, and only those") {
  for (const char* key : {"description", "text", "cause", "measures", "corrective", "comment",
                          "resolution", "work", "nonconformity", "reason", "value"}) {
    CHECK(IsMultilineField(key));
  }
  for (const char* key : {"customer", "contact", "phone", "actor", "techs", "signed_by", "record",
                          "dept", "route", "role", "field", "parts", ""}) {
    CHECK_FALSE(IsMultilineField(key));
  }
}

TEST_CASE("CheckEventTexts: one problem per field, each named") {
  Event e;
  e.at = T("2026-11-29T10:00:00+08:00");
  e.actor = "王\n芳";
  e.action = "dispatch";
  e.Set("record", "SC-26-11-01");
  e.Set("techs", std::vector<std::string>{"张伟", "李\x1b强"});
  std::vector<std::string> found;
  CheckEventTexts(e, [&](const Status& s) { found.push_back(cli::UserText(s)); });
  CHECK(found == std::vector<std::string>{"--actor holds a newline (U+000A): it takes one line",
                                          "--tech holds the control character U+001B"});
  Event n;
  n.actor = "王芳";
  n.action = "note";
  n.Set("text", "第一行\n第二行");
  found.clear();
  CheckEventTexts(n, [&](const Status& s) { found.push_back(cli::UserText(s)); });
  CHECK(found.empty());
  // A correction's value as the corrected field takes it.
  Event c;
  c.actor = "王芳";
  c.action = "correct";
  c.Set("field", "customer");
  c.Set("value", " ");
  c.Set("reason", "登记有误");
  found.clear();
  CheckEventTexts(c, [&](const Status& s) { found.push_back(cli::UserText(s)); });
  CHECK(found == std::vector<std::string>{"--customer: the customer's name must not be empty"});
  c.Set("field", "description");
  c.Set("value", "两行\n描述");
  found.clear();
  CheckEventTexts(c, [&](const Status& s) { found.push_back(cli::UserText(s)); });
  CHECK(found.empty());
  c.Set("field", "phone");
  found.clear();
  CheckEventTexts(c, [&](const Status& s) { found.push_back(cli::UserText(s)); });
  CHECK(found == std::vector<std::string>{"--phone holds a newline (U+000A): it takes one line"});
}

TEST_CASE("CheckFormFields: every field in error, the customer's name required") {
  Ticket t;
  t.customer.phone = "021\x1b";
  t.equipment.serial = "SN\n2";
  t.description = "多行\n描述";
  std::vector<std::string> found;
  CheckFormFields(t, [&](const Status& s) { found.push_back(cli::UserText(s)); });
  CHECK(found == std::vector<std::string>{
                     "--customer: the customer's name must not be empty",
                     "--phone holds the control character U+001B",
                     "--serial holds a newline (U+000A): it takes one line",
                 });
}

TEST_CASE("User times and dates: years 2000-2099 only, as the number holds two digits") {
  Time t;
  SVC_CHECK_OK(ParseUserTime("2000-01-01T00:00", 480, &t));
  SVC_CHECK_OK(ParseUserTime("2099-12-31T23:59:59+08:00", 480, &t));
  Status s = ParseUserTime("1999-12-31T23:59", 480, &t);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(s.message() ==
        "'1999-12-31T23:59': the year 1999 is not from 2000 to 2099: a ticket number holds the "
        "year in two digits");
  CHECK_FALSE(ParseUserTime("2100-01-01T00:00", 480, &t).ok());
  CHECK_FALSE(ParseUserTime("1926-05-01T00:00", 480, &t).ok());
  CHECK_FALSE(ParseUserTime("", 480, &t).ok());
  // The year as typed, in the offset typed.
  SVC_CHECK_OK(ParseUserTime("2000-01-01T00:00+14:00", 480, &t));
  Date d;
  SVC_CHECK_OK(ParseUserDate("2026-11-29", &d));
  CHECK_FALSE(ParseUserDate("1998-03-01", &d).ok());
  // An equipment's dates may be older.
  SVC_CHECK_OK(ParseUserDate("1998-03-01", &d, kMinEquipmentYear));
  CHECK(ParseUserDate("1899-12-31", &d, kMinEquipmentYear).message() ==
        "'1899-12-31': the year 1899 is not from 1900 to 2099");
}

TEST_CASE("A number is never made for a year it cannot hold") {
  DocNumber n;
  Status s = NextNumber("YX", T("1999-12-31T23:59:00+08:00"), {}, 2, &n);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(s.message() ==
        "no YX number for 1999-12-31 23:59: the year 1999 is not from 2000 to 2099: a ticket "
        "number holds the year in two digits");
  SVC_CHECK_OK(NextNumber("YX", T("2099-12-31T23:59:00+08:00"), {}, 2, &n));
  CHECK(n.str() == "YX-99-12-01");
}

TEST_CASE("What ValidateForm accepts, the ticket file reads back") {
  Config c = DefaultConfig();
  const Time at = T("2026-11-29T09:30:00+08:00");
  IntakeForm f = GoodForm();
  f.customer.title = "\"总工\"";
  f.equipment.serial = "C:\\sn\\";
  f.equipment.quantity = 1000000;
  f.equipment.purchased = Date{2024, 2, 29};
  f.description = "\"\"\"\n\t\\\n末尾\"";
  f.level = 4;
  f.received = T("2026-11-29T01:00:00Z");
  SVC_REQUIRE_OK(ValidateForm(f, c, at, at));
  Ticket t = NewTicket(f, DocNumber{"YX", 2026, 11, 1, 2}, at, "王芳");
  Ticket parsed;
  Status s = ParseTicket(WriteTicket(t), "t.toml", &parsed);
  REQUIRE_MESSAGE(s.ok(), s.message());
  CHECK(parsed == t);
}

TEST_CASE("NewTicket builds the form and the open event") {
  IntakeForm f = GoodForm();
  f.equipment.quantity = 2;
  f.equipment.commissioned = Date{2025, 6, 30};
  DocNumber id{"YX", 2026, 11, 7, 2};
  Time at = T("2026-11-29T09:30:00+08:00");

  Ticket t = NewTicket(f, id, at, "王芳");
  CHECK(t.id == "YX-26-11-07");
  CHECK(t.via == "YX");
  CHECK(t.received == at);  // received defaults to when the form is filled
  CHECK(t.customer == f.customer);
  CHECK(t.equipment == f.equipment);
  CHECK(t.description == f.description);
  REQUIRE(t.events.size() == 1);
  const Event& e = t.events[0];
  CHECK(e.at == at);
  CHECK_FALSE(e.recorded.has_value());
  CHECK(e.actor == "王芳");
  CHECK(e.action == "open");
  CHECK(e.fields.empty());  // no level judged yet
  CHECK(e.Find("level") == nullptr);

  f.received = T("2026-11-29T08:55:00Z");
  f.level = 2;
  t = NewTicket(f, id, at, "li.wei");
  CHECK(t.received == T("2026-11-29T08:55:00Z"));  // kept as given, offset and all
  REQUIRE(t.events.size() == 1);
  CHECK(t.events[0].actor == "li.wei");
  CHECK(t.events[0].Int("level") == 2);
  CHECK(t.events[0].fields.size() == 1);

  // It is a ticket the file format takes.
  Ticket parsed;
  Status s = ParseTicket(WriteTicket(t), "t.toml", &parsed);
  REQUIRE_MESSAGE(s.ok(), s.message());
  CHECK(parsed == t);
}

struct Fixture {
  TempDir dir;
  std::unique_ptr<Store> store;
  Time now = T("2027-06-30T00:00:00+08:00");

  Fixture() {
    Status s = Store::Init(dir.path(), RealDisk());
    REQUIRE_MESSAGE(s.ok(), s.message());
    s = Store::Open(dir.path(), RealDisk(), &store);
    REQUIRE_MESSAGE(s.ok(), s.message());
  }

  std::string Open(const std::string& via, std::string_view at,
                   std::optional<std::string_view> received = std::nullopt) {
    IntakeForm f = GoodForm();
    f.via = via;
    if (received) f.received = T(*received);
    std::string id;
    Status s = OpenTicket(*store, f, T(at), now, "王芳", &id);
    REQUIRE_MESSAGE(s.ok(), s.message());
    return id;
  }
};

TEST_CASE("OpenTicket numbers per code and month") {
  Fixture fx;
  CHECK(fx.Open("YX", "2026-11-29T09:30") == "YX-26-11-01");
  CHECK(fx.Open("YX", "2026-11-29T09:40") == "YX-26-11-02");
  CHECK(fx.Open("SC", "2026-11-29T09:50") == "SC-26-11-01");
  CHECK(fx.Open("YX", "2026-11-30T23:59:59") == "YX-26-11-03");
  CHECK(fx.Open("YX", "2026-12-01T00:00") == "YX-26-12-01");
  CHECK(fx.Open("ZC1", "2026-12-01T08:00") == "ZC1-26-12-01");
  // A form filled late takes the month of receipt, not of filing.
  CHECK(fx.Open("YX", "2026-12-01T09:00", "2026-11-30T18:00") == "YX-26-11-04");
  CHECK(fx.Open("YX", "2026-12-02T09:00") == "YX-26-12-02");

  CHECK(TicketFiles(fx.dir.path()) ==
        std::vector<std::string>{
            "tickets/2026/11/SC-26-11-01.toml", "tickets/2026/11/YX-26-11-01.toml",
            "tickets/2026/11/YX-26-11-02.toml", "tickets/2026/11/YX-26-11-03.toml",
            "tickets/2026/11/YX-26-11-04.toml", "tickets/2026/12/YX-26-12-01.toml",
            "tickets/2026/12/YX-26-12-02.toml", "tickets/2026/12/ZC1-26-12-01.toml"});

  Ticket t;
  SVC_REQUIRE_OK(fx.store->Load("YX-26-11-04", &t));
  CHECK(t.received == T("2026-11-30T18:00"));
  REQUIRE(t.events.size() == 1);
  CHECK(t.events[0].at == T("2026-12-01T09:00"));
  CHECK(t.events[0].actor == "王芳");
  CHECK(t.customer.name == "上海某某电力公司");
  CHECK(t.description == GoodForm().description);
}

TEST_CASE("OpenTicket takes the month in the company's time zone") {
  Fixture fx;
  // 20:00 UTC on 30 November is 04:00 on 1 December in China.
  CHECK(fx.Open("YX", "2026-11-30T20:30:00Z", "2026-11-30T20:00:00Z") == "YX-26-12-01");
  CHECK(TicketFiles(fx.dir.path()) == std::vector<std::string>{"tickets/2026/12/YX-26-12-01.toml"});
  // Still November in China.
  CHECK(fx.Open("YX", "2026-11-30T15:59:59Z") == "YX-26-11-01");
  // The new year.
  CHECK(fx.Open("SC", "2026-12-31T16:00:00Z") == "SC-27-01-01");
  CHECK(std::filesystem::exists(fx.dir / "tickets/2027/01/SC-27-01-01.toml"));
  // The times are stored as given.
  Ticket t;
  SVC_REQUIRE_OK(fx.store->Load("YX-26-12-01", &t));
  CHECK(FormatTime(t.received) == "2026-11-30T20:00:00+00:00");
  CHECK(FormatTime(t.events[0].at) == "2026-11-30T20:30:00+00:00");
}

TEST_CASE("OpenTicket continues after gaps and never wraps") {
  Fixture fx;
  svc_test::WriteAll(fx.dir / "tickets/2026/11/YX-26-11-05.toml", "");
  CHECK(fx.Open("YX", "2026-11-29T09:30") == "YX-26-11-06");

  svc_test::WriteAll(fx.dir / "tickets/2026/11/SC-26-11-99.toml", "");
  IntakeForm f = GoodForm();
  f.via = "SC";
  std::string id = "unchanged";
  Status s = OpenTicket(*fx.store, f, T("2026-11-29T10:00"), fx.now, "王芳", &id);
  CHECK(s.code() == Status::Code::kConflict);
  CHECK(cli::UserText(s) ==
        "no SC number left for 2026-11: SC-26-11-99 was the last of 2 digits (raise "
        "sequence_width in svc.toml's [company] to go on)");
  CHECK(id == "unchanged");
  CHECK(TicketFiles(fx.dir.path()) == std::vector<std::string>{"tickets/2026/11/SC-26-11-99.toml",
                                                               "tickets/2026/11/YX-26-11-05.toml",
                                                               "tickets/2026/11/YX-26-11-06.toml"});
}

TEST_CASE("OpenTicket with three-digit sequences") {
  Fixture fx;
  std::string text = svc_test::ReadAll(fx.dir / "svc.toml");
  svc_test::WriteAll(fx.dir / "svc.toml",
                     svc_test::ReplaceOnce(text, "sequence_width = 2", "sequence_width = 3"));
  SVC_REQUIRE_OK(Store::Open(fx.dir.path(), RealDisk(), &fx.store));
  svc_test::WriteAll(fx.dir / "tickets/2026/11/YX-26-11-99.toml", "");
  CHECK(fx.Open("YX", "2026-11-29T09:30") == "YX-26-11-100");
  CHECK(fx.Open("SC", "2026-11-29T09:30") == "SC-26-11-001");
}

TEST_CASE("OpenTicket writes nothing when the form is refused") {
  Fixture fx;
  IntakeForm f = GoodForm();
  f.via = "XX";
  std::string id;
  Status s = OpenTicket(*fx.store, f, T("2026-11-29T09:30"), fx.now, "王芳", &id);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  f = GoodForm();
  s = OpenTicket(*fx.store, f, T("2027-07-01T00:00"), fx.now, "王芳", &id);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(TicketFiles(fx.dir.path()).empty());
}

}  // namespace
}  // namespace svc
