// The report's months (ops/report.h MonthOf, PeriodMonths): the months the
// html report charts, in the company's offset, every one of the period's.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "ops/report.h"

using namespace svc;

namespace {

// The period given by one option (&PeriodSpec::month, "2026-11"), or by
// --from and --to; in +08:00.
Period Parsed(std::string PeriodSpec::*option, const std::string& value,
              const std::string& to = "") {
  PeriodSpec spec;
  spec.*option = value;
  spec.to = to;
  Period p;
  REQUIRE(ParsePeriod(spec, 480, &p).ok());
  return p;
}

}  // namespace

TEST_CASE("PeriodMonths: every month the period touches, in order") {
  using V = std::vector<std::string>;
  CHECK(PeriodMonths(Parsed(&PeriodSpec::month, "2026-11")) == V{"2026-11"});
  CHECK(PeriodMonths(Parsed(&PeriodSpec::quarter, "2026-Q4")) ==
        V{"2026-10", "2026-11", "2026-12"});
  CHECK(PeriodMonths(Parsed(&PeriodSpec::half, "2026-H1")).size() == 6);
  V year = PeriodMonths(Parsed(&PeriodSpec::year, "2026"));
  REQUIRE(year.size() == 12);
  CHECK(year.front() == "2026-01");
  CHECK(year.back() == "2026-12");
  // A period of one's own across a year's end, ending on a month's first day.
  CHECK(PeriodMonths(Parsed(&PeriodSpec::from, "2026-11-15", "2027-02-01")) ==
        V{"2026-11", "2026-12", "2027-01", "2027-02"});
  CHECK(PeriodMonths(Parsed(&PeriodSpec::from, "2026-11-15", "2026-11-15")) == V{"2026-11"});
}

TEST_CASE("MonthOf: the month in the period's offset, not UTC's") {
  Period p = Parsed(&PeriodSpec::month, "2026-12");
  Time t;
  REQUIRE(ParseTime("2026-11-30T16:00:00Z", 0, &t).ok());  // 2026-12-01T00:00+08:00
  CHECK(MonthOf(p, t) == "2026-12");
  REQUIRE(ParseTime("2026-11-30T15:59:59Z", 0, &t).ok());
  CHECK(MonthOf(p, t) == "2026-11");
}
