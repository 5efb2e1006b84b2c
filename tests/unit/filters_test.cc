// Filters (lib/ops/filters.h): every value a scan may be narrowed to is
// checked against svc.toml and the vocabulary, and an unknown one names the
// known values. A table of good and bad values, as leveldb's filename_test.
#include "ops/filters.h"

#include <doctest/doctest.h>

#include <string>

#include "format/config_toml.h"
#include "test_util.h"

namespace svc {
namespace {

const Config& Cfg() {
  static const Config config = [] {
    Config c;
    Status s = ParseConfig(svc_test::ReadAll(std::string(SVC_SOURCE_DIR) + "/records/svc.toml"),
                           "svc.toml", &c);
    REQUIRE_MESSAGE(s.ok(), s.message());
    return c;
  }();
  return config;
}

constexpr const char* kCodes = "SH, YX, SC, SJ, ZL, XT, YF, HY, ZC1, ZC2, CW";
constexpr const char* kClocks =
    "form, response, notify, analysis, plan, application, arrival, repair, verify, survey, "
    "follow-up, warehousing, visit-report, visit, annual-plan";

TEST_CASE("filters: known values pass, nothing given passes") {
  const struct {
    FilterOn on;
    const char* typed;
  } good[] = {
      {FilterOn::kDepartment, "SC"},     {FilterOn::kDepartment, "ZC1"},
      {FilterOn::kDepartment, ""},       {FilterOn::kLevel, "1"},
      {FilterOn::kLevel, "4"},           {FilterOn::kClock, "response"},
      {FilterOn::kClock, "warehousing"}, {FilterOn::kStatus, "open"},
      {FilterOn::kStatus, "void"},
  };
  for (const auto& g : good) {
    CAPTURE(g.typed);
    Status s = CheckFilter(Cfg(), g.on, g.typed);
    CHECK_MESSAGE(s.ok(), s.message());
  }
}

TEST_CASE("filters: an unknown value is a bad value naming the known ones") {
  const struct {
    FilterOn on;
    const char* typed;
    std::string message;
  } bad[] = {
      {FilterOn::kDepartment, "QQ",
       std::string("'QQ' is no department code in svc.toml (known: ") + kCodes + ")"},
      {FilterOn::kDepartment, "sc",
       std::string("'sc' is no department code in svc.toml: did you mean SC? (known: ") + kCodes +
           ")"},
      {FilterOn::kDepartment, "zc1",
       std::string("'zc1' is no department code in svc.toml: did you mean ZC1? (known: ") + kCodes +
           ")"},
      {FilterOn::kDepartment, " SC",
       std::string("' SC' is no department code in svc.toml (known: ") + kCodes + ")"},
      {FilterOn::kLevel, "5", "'5' is no fault level in svc.toml (known: 1, 2, 3, 4)"},
      {FilterOn::kLevel, "0", "'0' is no fault level in svc.toml (known: 1, 2, 3, 4)"},
      {FilterOn::kLevel, "x", "'x' is no fault level in svc.toml (known: 1, 2, 3, 4)"},
      {FilterOn::kLevel, "L2",
       "'L2' is no fault level in svc.toml: did you mean 2? (known: 1, 2, 3, 4)"},
      {FilterOn::kClock, "lunch", std::string("'lunch' is no clock (known: ") + kClocks + ")"},
      {FilterOn::kClock, "Response",
       std::string("'Response' is no clock: did you mean response? (known: ") + kClocks + ")"},
      {FilterOn::kStatus, "opened",
       "'opened' is no ticket status (known: new, open, closed, void)"},
      {FilterOn::kStatus, "OPEN",
       "'OPEN' is no ticket status: did you mean open? (known: new, open, closed, void)"},
  };
  for (const auto& b : bad) {
    CAPTURE(b.typed);
    Status s = CheckFilter(Cfg(), b.on, b.typed);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(s.message() == b.message);
  }
}

TEST_CASE("filters: the first unknown value of several, named as the caller names it") {
  const FilterValue filters[] = {{"--route", FilterOn::kDepartment, "SC"},
                                 {"--via", FilterOn::kDepartment, "xx"},
                                 {"--level", FilterOn::kLevel, "9"}};
  Status s = CheckFilters(Cfg(), filters);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(s.message() ==
        std::string("--via: 'xx' is no department code in svc.toml (known: ") + kCodes + ")");
  const FilterValue fine[] = {{"--route", FilterOn::kDepartment, "SC"},
                              {"--level", FilterOn::kLevel, ""}};
  CHECK(CheckFilters(Cfg(), fine).ok());
}

}  // namespace
}  // namespace svc
