#include "model/config.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "format/config_toml.h"
#include "test_util.h"

namespace svc {
namespace {

using svc_test::LineOf;
using svc_test::ReplaceOnce;

std::string RecordsConfigText() {
  return svc_test::ReadAll(std::string(SVC_SOURCE_DIR) + "/records/svc.toml");
}

Config MustParse(std::string_view text) {
  Config c;
  Status s = ParseConfig(text, "svc.toml", &c);
  REQUIRE_MESSAGE(s.ok(), s.message());
  return c;
}

// The error ParseConfig gives for `text`, which must be a Corruption.
std::string ErrorOf(std::string_view text) {
  Config c;
  Status s = ParseConfig(text, "svc.toml", &c);
  REQUIRE_FALSE_MESSAGE(s.ok(), "the config parsed");
  CHECK(s.code() == Status::Code::kCorruption);
  return s.message();
}

std::string At(std::string_view text, std::string_view needle, std::string_view msg) {
  return "svc.toml:" + std::to_string(LineOf(text, needle)) + ": " + std::string(msg);
}

// `text` without the block that starts at `start` and runs to the next blank line.
std::string CutBlock(std::string_view text, std::string_view start) {
  size_t from = text.find(start);
  REQUIRE(from != std::string_view::npos);
  size_t to = text.find("\n\n", from);
  REQUIRE(to != std::string_view::npos);
  return std::string(text.substr(0, from)) + std::string(text.substr(to + 2));
}

void CheckSameConfig(const Config& a, const Config& b) {
  CHECK(a.format == b.format);
  CHECK(a.company == b.company);
  CHECK(a.offset_minutes == b.offset_minutes);
  CHECK(a.desk == b.desk);
  CHECK(a.sequence_width == b.sequence_width);
  REQUIRE(a.departments.size() == b.departments.size());
  for (size_t i = 0; i < a.departments.size(); ++i) {
    CHECK(a.departments[i].code == b.departments[i].code);
    CHECK(a.departments[i].name == b.departments[i].name);
    CHECK(a.departments[i].name_en == b.departments[i].name_en);
  }
  CHECK(a.routing == b.routing);
  REQUIRE(a.levels.size() == b.levels.size());
  for (size_t i = 0; i < a.levels.size(); ++i) {
    CHECK(a.levels[i].level == b.levels[i].level);
    CHECK(a.levels[i].name == b.levels[i].name);
    CHECK(a.levels[i].response == b.levels[i].response);
    CHECK(a.levels[i].arrival == b.levels[i].arrival);
  }
  const ClockTargets &x = a.clocks, &y = b.clocks;
  CHECK(x.form == y.form);
  CHECK(x.analysis == y.analysis);
  CHECK(x.plan == y.plan);
  CHECK(x.application == y.application);
  CHECK(x.arrival == y.arrival);
  CHECK(x.repair_simple == y.repair_simple);
  CHECK(x.repair_complex == y.repair_complex);
  CHECK(x.verify == y.verify);
  CHECK(x.survey == y.survey);
  CHECK(x.warehousing == y.warehousing);
  CHECK(a.paper == b.paper);
  REQUIRE(a.fees.size() == b.fees.size());
  for (size_t i = 0; i < a.fees.size(); ++i) {
    CHECK(a.fees[i].effective == b.fees[i].effective);
    CHECK(a.fees[i].lodging_per_day == b.fees[i].lodging_per_day);
    CHECK(a.fees[i].meals_per_day == b.fees[i].meals_per_day);
    CHECK(a.fees[i].labor_per_day == b.fees[i].labor_per_day);
    CHECK(a.fees[i].tax_bp == b.fees[i].tax_bp);
    CHECK(a.fees[i].management_bp == b.fees[i].management_bp);
  }
}

constexpr int64_t kMinute = 60, kHour = 3600;

TEST_CASE("records/svc.toml and DefaultConfigText are the same and parse") {
  std::string records = RecordsConfigText();
  CHECK(records == DefaultConfigText());
  Config from_file = MustParse(records);
  Config from_default = MustParse(DefaultConfigText());
  CheckSameConfig(from_file, from_default);
}

TEST_CASE("The default configuration holds the procedure's values") {
  Config c = MustParse(DefaultConfigText());
  CHECK(c.format == 1);
  CHECK(c.company == "Xxxxx电气自动化有限公司");
  CHECK(c.offset_minutes == 480);
  CHECK(c.desk == "SH");
  CHECK(c.sequence_width == 2);

  const char* codes[] = {"SH", "YX", "SC", "SJ", "ZL", "XT", "YF", "HY", "ZC1", "ZC2", "CW"};
  REQUIRE(c.departments.size() == std::size(codes));
  for (size_t i = 0; i < std::size(codes); ++i) CHECK(c.departments[i].code == codes[i]);
  CHECK(c.departments[2].name == "生产部");
  CHECK(c.departments[2].name_en == "Production dept");

  CHECK(c.routing == std::map<std::string, std::string>{{"hardware", "SC"},
                                                        {"software", "YF"},
                                                        {"data", "SJ"},
                                                        {"integration", "XT"},
                                                        {"unknown", "ZL"},
                                                        {"quality", "ZL"}});
  // Table 2.
  struct LevelRow {
    int level;
    int64_t response, arrival;
  };
  const LevelRow levels[] = {{1, 10 * kMinute, 2 * kHour},
                             {2, 1 * kHour, 48 * kHour},
                             {3, 2 * kHour, 72 * kHour},
                             {4, 2 * kHour, 24 * kHour}};
  REQUIRE(c.levels.size() == 4);
  for (const LevelRow& row : levels) {
    CAPTURE(row.level);
    const FaultLevel* f = c.FindLevel(row.level);
    REQUIRE(f != nullptr);
    CHECK(f->level == row.level);
    CHECK(f->response.secs == row.response);
    CHECK(f->arrival.secs == row.arrival);
    CHECK_FALSE(f->name.empty());
  }
  CHECK(c.FindLevel(1)->name == "系统瘫痪或业务中断，基本功能丧失");

  CHECK(c.clocks.form.secs == 2 * kHour);
  CHECK(c.clocks.analysis.secs == 2 * kHour);
  CHECK(c.clocks.plan.secs == 4 * kHour);
  CHECK(c.clocks.application.secs == 2 * kHour);
  CHECK(c.clocks.arrival.secs == 24 * kHour);
  CHECK(c.clocks.repair_simple.secs == 24 * kHour);
  CHECK(c.clocks.repair_complex.secs == 48 * kHour);
  CHECK(c.clocks.verify.secs == 48 * kHour);
  CHECK(c.clocks.survey.secs == 16 * kHour);
  CHECK(c.clocks.warehousing.secs == 16 * kHour);

  // Table 1.
  REQUIRE(c.fees.size() == 1);
  const FeeSchedule& f = c.fees[0];
  CHECK(f.effective == Date{2017, 1, 1});
  CHECK(f.lodging_per_day.fen == 15000);
  CHECK(f.meals_per_day.fen == 5000);
  CHECK(f.labor_per_day.fen == 20000);
  CHECK(f.tax_bp == 1500);
  CHECK(f.management_bp == 4000);
}

TEST_CASE("FindDepartment and FindLevel") {
  Config c = MustParse(DefaultConfigText());
  const Department* d = c.FindDepartment("ZC1");
  REQUIRE(d != nullptr);
  CHECK(d->name == "智慧城市一部");
  CHECK(d->name_en == "Smart City dept 1");
  REQUIRE(c.FindDepartment("SH") != nullptr);
  CHECK(c.FindDepartment("SH")->name == "售后服务部");
  CHECK(c.FindDepartment("zc1") == nullptr);
  CHECK(c.FindDepartment("ZC") == nullptr);
  CHECK(c.FindDepartment("") == nullptr);
  CHECK(c.FindDepartment("SH ") == nullptr);
  for (int level : {1, 2, 3, 4}) {
    REQUIRE(c.FindLevel(level) != nullptr);
    CHECK(c.FindLevel(level)->level == level);
  }
  CHECK(c.FindLevel(0) == nullptr);
  CHECK(c.FindLevel(5) == nullptr);
  CHECK(c.FindLevel(-1) == nullptr);
}

TEST_CASE("FeesOn picks the schedule in force on a day") {
  std::string text = std::string(DefaultConfigText()) +
                     "\n"
                     "[[fees]]\n"
                     "effective = 2027-01-01\n"
                     "lodging_per_day = \"180.00\"\n"
                     "meals_per_day = \"60\"\n"
                     "labor_per_day = \"260.5\"\n"
                     "tax = \"13%\"\n"
                     "management = \"42.5 %\"\n";
  Config c = MustParse(text);
  REQUIRE(c.fees.size() == 2);
  CHECK(c.fees[1].effective == Date{2027, 1, 1});
  CHECK(c.fees[1].lodging_per_day.fen == 18000);
  CHECK(c.fees[1].meals_per_day.fen == 6000);
  CHECK(c.fees[1].labor_per_day.fen == 26050);
  CHECK(c.fees[1].tax_bp == 1300);
  CHECK(c.fees[1].management_bp == 4250);

  struct Row {
    Date day;
    int schedule;  // index into fees, -1 for none
  };
  const Row rows[] = {
      {{2016, 12, 31}, -1}, {{2017, 1, 1}, 0}, {{2017, 1, 2}, 0}, {{2026, 11, 29}, 0},
      {{2026, 12, 31}, 0},  {{2027, 1, 1}, 1}, {{2030, 6, 1}, 1}, {{1999, 1, 1}, -1},
  };
  for (const Row& row : rows) {
    CAPTURE(FormatDate(row.day));
    const FeeSchedule* f = c.FeesOn(row.day);
    if (row.schedule < 0) {
      CHECK(f == nullptr);
    } else {
      CHECK(f == &c.fees[static_cast<size_t>(row.schedule)]);
    }
  }
}

TEST_CASE("A company may change its settings") {
  std::string text(DefaultConfigText());
  text = ReplaceOnce(text, "timezone = \"+08:00\"", "timezone = \"-05:30\"");
  text = ReplaceOnce(text, "sequence_width = 2", "sequence_width = 3");
  text = ReplaceOnce(text, "desk = \"SH\"", "desk = \"YX\"");
  text = ReplaceOnce(text, "plan = \"4h\"", "plan = \"1d12h\"");
  Config c = MustParse(text);
  CHECK(c.offset_minutes == -330);
  CHECK(c.sequence_width == 3);
  CHECK(c.desk == "YX");
  CHECK(c.clocks.plan.secs == 36 * kHour);

  // sequence_width is optional: 2 digits by default.
  Config m = MustParse(ReplaceOnce(DefaultConfigText(), "sequence_width = 2", ""));
  CHECK(m.sequence_width == 2);
  // The time zone and the desk must be written out.
  std::string no_tz = ReplaceOnce(DefaultConfigText(), "timezone = \"+08:00\"", "");
  CHECK(ErrorOf(no_tz) == At(no_tz, "[company]", "missing key 'timezone' in [company]"));
  std::string no_desk = ReplaceOnce(DefaultConfigText(), "desk = \"SH\"", "");
  CHECK(ErrorOf(no_desk) == At(no_desk, "[company]", "missing key 'desk' in [company]"));
}

TEST_CASE("Errors name the file and line of the offending key") {
  const std::string base(DefaultConfigText());
  struct Row {
    const char* what;
    std::string from, to;
    const char* line_of;  // a text on the offending line of the mutated file
    const char* message;
  };
  const Row rows[] = {
      {"unknown key at the top level", "format = 1\n", "format = 1\ncolour = \"blue\"\n", "colour",
       "unknown key 'colour' in the top level"},
      {"unknown key in [company]", "desk = \"SH\"", "desk = \"SH\"\ndesks = \"YX\"", "desks",
       "unknown key 'desks' in [company]"},
      {"unknown key in a [[department]]", "name = \"营销中心\"",
       "name = \"营销中心\"\nnmae = \"Marketing\"", "nmae",
       "unknown key 'nmae' in [[department]] #2"},
      {"unknown key in [clocks]", "survey = \"16h\"", "survey = \"16h\"\nsurvy = \"16h\"", "survy",
       "unknown key 'survy' in [clocks]"},
      {"unknown key in [routing]", "quality = \"ZL\"", "quality = \"ZL\"\nservice = \"SH\"",
       "service = ", "unknown key 'service' in [routing]"},
      {"unknown key in [[fees]]", "management = \"40%\"", "management = \"40%\"\nvat = \"13%\"",
       "vat", "unknown key 'vat' in [[fees]] #1"},
      {"unknown key in [[level]]", "response = \"10m\"", "response = \"10m\"\nrespond = \"5m\"",
       "respond", "unknown key 'respond' in [[level]] #1"},
      {"duplicate department code", "code = \"SC\"", "code = \"YX\"",
       "code = \"YX\"\nname = \"生产部\"", "duplicate department code 'YX' in [[department]] #3"},
      {"lowercase department code", "code = \"SC\"", "code = \"sc\"", "code = \"sc\"",
       "department code 'sc' must be 1-8 uppercase letters or digits, starting with a letter in "
       "[[department]] #3"},
      {"malformed duration in [clocks]", "plan = \"4h\"", "plan = \"4 hours\"", "4 hours",
       "'plan': '4 hours' is not a duration; write it as 10m, 2h, 1h30m or 2d in [clocks]"},
      {"malformed duration in a level", "response = \"10m\"", "response = \"10 min\"", "10 min",
       "'response': '10 min' is not a duration; write it as 10m, 2h, 1h30m or 2d in [[level]] #1"},
      {"duration as a number", "verify = \"48h\"", "verify = 48", "verify",
       "'verify' must be a string in [clocks]"},
      {"malformed rate", "lodging_per_day = \"150.00\"", "lodging_per_day = \"150.005\"", "150.005",
       "'lodging_per_day': '150.005' is not an amount of yuan; write it as 860, 345.5 or 4912.11 "
       "in [[fees]] #1"},
      {"negative rate", "meals_per_day = \"50.00\"", "meals_per_day = \"-50\"", "-50",
       "'meals_per_day': '-50' is not an amount of yuan; write it as 860, 345.5 or 4912.11 in "
       "[[fees]] #1"},
      {"rate as a number", "labor_per_day = \"200.00\"", "labor_per_day = 200.00", "labor",
       "'labor_per_day' must be a string in [[fees]] #1"},
      {"bad percentage", "tax = \"15%\"", "tax = \"15\"", "tax",
       "'tax': '15' is not a percentage; write it as 15% or 15.5% in [[fees]] #1"},
      {"bad percentage", "management = \"40%\"", "management = \"40.125%\"", "management",
       "'management': '40.125%' is not a percentage; write it as 15% or 15.5% in [[fees]] #1"},
      {"routing to an unknown department", "hardware = \"SC\"", "hardware = \"XX\"", "hardware",
       "routing 'hardware' names 'XX', which is no department in [routing]"},
      {"timezone malformed", "timezone = \"+08:00\"", "timezone = \"+8\"", "timezone",
       "'timezone': '+8' is not a UTC offset; write it as +08:00 in [company]"},
      {"timezone by name", "timezone = \"+08:00\"", "timezone = \"Asia/Shanghai\"", "timezone",
       "'timezone': 'Asia/Shanghai' is not a UTC offset; write it as +08:00 in [company]"},
      {"sequence width too large", "sequence_width = 2", "sequence_width = 7", "sequence_width",
       "'sequence_width' must be from 2 to 6, not 7 in [company]"},
      {"sequence width as a string", "sequence_width = 2", "sequence_width = \"2\"",
       "sequence_width", "'sequence_width' must be an integer in [company]"},
      {"unknown format", "format = 1", "format = 2", "format = 2",
       "'format' must be from 1 to 1, not 2 in the top level"},
      {"level out of range", "level = 4", "level = 5", "level = 5",
       "'level' must be from 1 to 4, not 5 in [[level]] #4"},
      {"duplicate level", "level = 3", "level = 2", "level = 2\nname = \"附件",
       "duplicate fault level 2 in [[level]] #3"},
      {"fee date as a string", "effective = 2017-01-01", "effective = \"2017-01-01\"",
       "effective = \"", "'effective' must be a date like 2026-11-29 in [[fees]] #1"},
      {"paper not A4 or A5", "paper = \"A4\"", "paper = \"Letter\"", "paper = \"Letter\"",
       "'paper' must be \"A4\" or \"A5\", not 'Letter' in [forms]"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    std::string text = ReplaceOnce(base, row.from, row.to);
    CHECK(ErrorOf(text) == At(text, row.line_of, row.message));
  }
}

TEST_CASE("Missing keys and sections") {
  const std::string base(DefaultConfigText());
  SUBCASE("a missing clock names the [clocks] table") {
    std::string text = ReplaceOnce(base, "verify = \"48h\"", "");
    CHECK(ErrorOf(text) == At(text, "[clocks]", "missing key 'verify' in [clocks]"));
  }
  SUBCASE("a missing routing names the [routing] table") {
    std::string text = ReplaceOnce(base, "data = \"SJ\"\n", "");
    CHECK(ErrorOf(text) == At(text, "[routing]", "missing key 'data' in [routing]"));
  }
  SUBCASE("a missing department name") {
    std::string text = ReplaceOnce(base, "name = \"数据工程部\"\n", "");
    CHECK(ErrorOf(text) ==
          At(text, "[[department]]\ncode = \"SJ\"", "missing key 'name' in [[department]] #4"));
  }
  SUBCASE("a missing fault level") {
    std::string text = CutBlock(base, "[[level]]\nlevel = 3\n");
    CHECK(ErrorOf(text) ==
          At(text, "[[level]]", "fault level 3 is not defined ([[level]], Table 2)"));
  }
  SUBCASE("a desk that is no department") {
    std::string text = ReplaceOnce(base, "desk = \"SH\"", "desk = \"KF\"");
    CHECK(ErrorOf(text) == At(text, "[company]", "desk 'KF' is no department in [[department]]"));
  }
  SUBCASE("[company] missing") {
    std::string text = ReplaceOnce(base, "[company]\n", "[firm]\n");
    CHECK(ErrorOf(text) == "svc.toml:1: missing key 'company' in the top level");
  }
  SUBCASE("[company] not a table") {
    std::string text = ReplaceOnce(base, "format = 1\n", "format = 1\ncompany = \"ACME\"\n");
    // toml++ refuses the later [company] table before svc sees it.
    CHECK(ErrorOf(text) == "svc.toml:" + std::to_string(LineOf(text, "[company]")) +
                               ":1: Error while parsing table header: cannot redefine existing "
                               "string 'company' as table");
  }
  SUBCASE("no fee schedule") {
    std::string text = CutBlock(base, "[[fees]]\n");
    CHECK(ErrorOf(text) == "svc.toml:1: no fee schedule ([[fees]], Table 1)");
  }
  SUBCASE("a top-level key written under [company] belongs to [company]") {
    std::string text = ReplaceOnce(base, "# R-3, R-4.5.2: departments and their codes.\n",
                                   "department = 5\n# R-3\n");
    CHECK(ErrorOf(text) == At(text, "department = 5", "unknown key 'department' in [company]"));
  }
  SUBCASE("department not written as [[department]] tables") {
    std::string text =
        "format = 1\n"
        "department = \"SH\"\n"
        "[company]\n"
        "name = \"x\"\n"
        "timezone = \"+08:00\"\n"
        "desk = \"SH\"\n";
    CHECK(ErrorOf(text) ==
          "svc.toml:2: 'department' must be written as [[department]] tables in the top level");
  }
  SUBCASE("no departments") {
    std::string text =
        "format = 1\n[company]\nname = \"x\"\ntimezone = \"+08:00\"\ndesk = \"SH\"\n";
    CHECK(ErrorOf(text) == "svc.toml:1: no departments ([[department]])");
  }
}

TEST_CASE("Fee schedules must be in order of effective date") {
  const std::string base(DefaultConfigText());
  for (const char* date : {"2016-12-31", "2017-01-01"}) {
    CAPTURE(date);
    std::string text = base +
                       "\n[[fees]]\n"
                       "effective = " +
                       date +
                       "\n"
                       "lodging_per_day = \"160.00\"\n"
                       "meals_per_day = \"50.00\"\n"
                       "labor_per_day = \"200.00\"\n"
                       "tax = \"15%\"\n"
                       "management = \"40%\"\n";
    CHECK(ErrorOf(text) ==
          At(text, std::string("effective = ") + date + "\nlodging_per_day = \"160.00\"",
             "fee schedules must be listed by effective date, each later than the one before in "
             "[[fees]] #2"));
  }
}

TEST_CASE("A TOML syntax error gives line and column") {
  const std::string base(DefaultConfigText());
  SUBCASE("a value missing") {
    std::string text = ReplaceOnce(base, "sequence_width = 2", "sequence_width = ");
    CHECK(ErrorOf(text) == "svc.toml:" + std::to_string(LineOf(text, "sequence_width")) +
                               ":23: Error while parsing key-value pair: expected value, saw '#'");
  }
  SUBCASE("a key defined twice") {
    std::string text = ReplaceOnce(base, "desk = \"SH\"", "desk = \"SH\"\ndesk = \"YX\"");
    CHECK(ErrorOf(text) == "svc.toml:" + std::to_string(LineOf(text, "desk = \"YX\"")) +
                               ":8: Error while parsing key-value pair: cannot redefine existing "
                               "string 'desk'");
  }
  SUBCASE("exact message") {
    std::string text = "format = 1\n[company\nname = \"x\"\n";
    CHECK(ErrorOf(text) ==
          "svc.toml:2:9: Error while parsing table header: expected ']', saw '\\n'");
  }
}

}  // namespace

TEST_CASE("[forms] paper: A4 by default, A5 when set (R-6, R-7)") {
  CHECK(MustParse(DefaultConfigText()).paper == "A4");
  CHECK(MustParse(ReplaceOnce(DefaultConfigText(), "[forms]\npaper = \"A4\"\n", "")).paper == "A4");
  CHECK(MustParse(ReplaceOnce(DefaultConfigText(), "paper = \"A4\"", "paper = \"A5\"")).paper ==
        "A5");
}

}  // namespace svc
