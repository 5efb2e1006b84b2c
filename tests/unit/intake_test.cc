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
       "--customer: the customer's name must not be empty"},
      {"blank customer", [](IntakeForm* f) { f->customer.name = " \t "; },
       "--customer: the customer's name must not be empty"},
      {"newline in the customer", [](IntakeForm* f) { f->customer.name = "上海\n电力"; },
       "--customer holds a control character (or a newline)"},
      {"tab in the phone", [](IntakeForm* f) { f->customer.phone = "021\t5555"; },
       "--phone holds a control character (or a newline)"},
      {"escape in the address", [](IntakeForm* f) { f->customer.address = "\x1b[31m红"; },
       "--address holds a control character (or a newline)"},
      {"DEL in the contact", [](IntakeForm* f) { f->customer.contact = "a\x7f"; },
       "--contact holds a control character (or a newline)"},
      {"carriage return in the title", [](IntakeForm* f) { f->customer.title = "科长\r"; },
       "--title holds a control character (or a newline)"},
      {"control in the product", [](IntakeForm* f) { f->equipment.product = "a\x01"; },
       "--product holds a control character (or a newline)"},
      {"control in the serial", [](IntakeForm* f) { f->equipment.serial = "SN\n1"; },
       "--serial holds a control character (or a newline)"},
      {"control in the invoice", [](IntakeForm* f) { f->equipment.invoice_no = "\x02"; },
       "--invoice-no holds a control character (or a newline)"},
      {"NUL in the description", [](IntakeForm* f) { f->description = std::string("a\0b", 3); },
       "the description holds a control character"},
      {"carriage return in the description", [](IntakeForm* f) { f->description = "a\r\nb"; },
       "the description holds a control character"},
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
  CHECK(cli::UserText(CheckText("line\nline", "--x", false)) ==
        "--x holds a control character (or a newline)");
  CHECK(cli::UserText(CheckText("a\tb", "--x", false)) ==
        "--x holds a control character (or a newline)");
  CHECK(cli::UserText(CheckText("a\x0b", "the text", true)) ==
        "the text holds a control character");
  CHECK(cli::UserText(CheckText("\xED\xA0\x80", "--x", true)) == "--x is not valid UTF-8 text");
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
