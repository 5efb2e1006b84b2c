#include "base/timepoint.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "test_util.h"

namespace svc {
namespace {

constexpr int kChina = 480;  // +08:00

Time MustParse(std::string_view text, int default_offset = kChina) {
  Time t;
  Status s = ParseTime(text, default_offset, &t);
  REQUIRE_MESSAGE(s.ok(), s.message());
  return t;
}

TEST_CASE("ParseTime accepts the documented forms") {
  struct Row {
    const char* text;
    int default_offset;
    int64_t secs;
    int offset;
    const char* formatted;
  };
  // Expected instants computed independently (Python's datetime).
  const Row rows[] = {
      {"2026-11-29T09:30:00+08:00", kChina, 1795915800, 480, "2026-11-29T09:30:00+08:00"},
      {"2026-11-29T09:30:00Z", kChina, 1795944600, 0, "2026-11-29T09:30:00+00:00"},
      {"2026-11-29T09:30:00z", kChina, 1795944600, 0, "2026-11-29T09:30:00+00:00"},
      {"2026-11-29T09:30:00+00:00", kChina, 1795944600, 0, "2026-11-29T09:30:00+00:00"},
      {"2026-11-29T09:30:00-05:30", kChina, 1795964400, -330, "2026-11-29T09:30:00-05:30"},
      // No offset: read in the default offset.
      {"2026-11-29T09:30", kChina, 1795915800, 480, "2026-11-29T09:30:00+08:00"},
      {"2026-11-29T09:30:00", kChina, 1795915800, 480, "2026-11-29T09:30:00+08:00"},
      {"2026-11-29 09:30", kChina, 1795915800, 480, "2026-11-29T09:30:00+08:00"},
      {"2026-11-29t09:30", kChina, 1795915800, 480, "2026-11-29T09:30:00+08:00"},
      {"2026-11-29T09:30", 0, 1795944600, 0, "2026-11-29T09:30:00+00:00"},
      {"2026-11-29T09:30", -330, 1795964400, -330, "2026-11-29T09:30:00-05:30"},
      // A minute form with an explicit offset.
      {"2026-11-29T09:30+08:00", 0, 1795915800, 480, "2026-11-29T09:30:00+08:00"},
      {"2026-11-29 09:30Z", kChina, 1795944600, 0, "2026-11-29T09:30:00+00:00"},
      // Leap day, midnight, the last second of a day, before the epoch.
      {"2024-02-29T12:00:00+08:00", kChina, 1709179200, 480, "2024-02-29T12:00:00+08:00"},
      {"2026-12-01T00:00:00+08:00", kChina, 1796054400, 480, "2026-12-01T00:00:00+08:00"},
      {"1969-12-31T23:59:59Z", kChina, -1, 0, "1969-12-31T23:59:59+00:00"},
      {"2026-01-01T00:30:00-01:00", kChina, 1767231000, -60, "2026-01-01T00:30:00-01:00"},
      {"2026-11-29T09:30:00+14:00", kChina, 1795915800 - 6 * 3600, 840,
       "2026-11-29T09:30:00+14:00"},
      {"2026-11-29T09:30:00-14:00", kChina, 1795915800 + 22 * 3600, -840,
       "2026-11-29T09:30:00-14:00"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    Time t;
    Status s = ParseTime(row.text, row.default_offset, &t);
    REQUIRE_MESSAGE(s.ok(), s.message());
    CHECK(t.secs == row.secs);
    CHECK(t.offset_minutes == row.offset);
    CHECK(FormatTime(t) == row.formatted);
  }
}

TEST_CASE("ParseTime refuses everything else with one message") {
  const char* rows[] = {
      "",
      "2026-11-29",
      "2026-11-29T",
      "2026-02-30T10:00",  // no such day
      "2025-02-29T10:00",  // not a leap year
      "2026-04-31T10:00",
      "2026-13-01T10:00",
      "2026-00-01T10:00",
      "2026-11-00T10:00",
      "2026-11-29T24:00",  // 24:00 is not a time of day here
      "2026-11-29T23:60",
      "2026-11-29T23:59:60",  // no leap seconds
      "2026-11-29T9:30",
      "2026-11-29T09:3",
      "2026-11-29T09:30:0",
      "2026-11-29T0930",
      "2026-11-29T09:30:00.5+08:00",  // no fractions
      "2026-11-29T09:30:00+08:00x",   // trailing junk
      "2026-11-29T09:30:00+08:00 ",
      " 2026-11-29T09:30",
      "2026-11-29T09:30 ",
      "2026-11-29T09:30:00+0800",
      "2026-11-29T09:30:00+08",
      "2026-11-29T09:30:00+8:00",
      "2026-11-29T09:30:00+15:00",
      "2026-11-29T09:30:00+08:60",
      "2026-11-29T09:30:00UTC",
      "2026-11-29_09:30",
      "2026-11-29  09:30",
      "26-11-29T09:30",
      "2026/11/29 09:30",
      "2026-1-29T09:30",
      "now",
      "0000-01-01T00:00",
  };
  for (const char* text : rows) {
    CAPTURE(text);
    Time t{42, 7};
    Status s = ParseTime(text, kChina, &t);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(s.message() == "'" + std::string(text) +
                             "' is not a date-time; write it as 2026-11-29T09:30:00+08:00 or "
                             "2026-11-29T09:30");
    CHECK(t == Time{42, 7});  // untouched on failure
  }
}

TEST_CASE("FormatTime round-trips and keeps the offset") {
  const char* rows[] = {
      "2026-11-29T09:30:00+08:00", "2026-11-29T09:30:00-05:30", "2026-11-29T00:00:00+00:00",
      "2026-12-31T23:59:59+08:00", "2027-01-01T00:00:00-10:00", "1970-01-01T00:00:00+00:00",
      "1969-12-31T23:59:59+00:00", "1900-03-01T12:00:00+08:00", "2024-02-29T23:00:00-01:00",
      "9999-12-31T23:59:59+14:00", "0001-01-01T00:00:00+00:00",
  };
  for (const char* text : rows) {
    CAPTURE(text);
    Time t = MustParse(text);
    CHECK(FormatTime(t) == text);
    Time again = MustParse(FormatTime(t));
    CHECK(again == t);
  }
}

TEST_CASE("Times compare by instant; == also compares the offset") {
  Time china = MustParse("2026-11-29T09:30:00+08:00");
  Time utc = MustParse("2026-11-29T01:30:00Z");
  CHECK(china.secs == utc.secs);
  CHECK_FALSE(china == utc);
  CHECK_FALSE(Before(china, utc));
  CHECK_FALSE(Before(utc, china));
  CHECK(InOffset(utc, kChina) == china);
  CHECK(FormatTime(InOffset(china, 0)) == "2026-11-29T01:30:00+00:00");
  CHECK(FormatTime(InOffset(china, -300)) == "2026-11-28T20:30:00-05:00");
  Time later = MustParse("2026-11-29T09:30:01+08:00");
  CHECK(Before(china, later));
  CHECK_FALSE(Before(later, china));
}

TEST_CASE("FormatTimeShort shows the time in its own offset, to the minute") {
  CHECK(FormatTimeShort(MustParse("2026-11-29T09:30:59+08:00")) == "2026-11-29 09:30");
  CHECK(FormatTimeShort(MustParse("2026-11-30T20:00:00Z")) == "2026-11-30 20:00");
  CHECK(FormatTimeShort(InOffset(MustParse("2026-11-30T20:00:00Z"), kChina)) == "2026-12-01 04:00");
}

TEST_CASE("FormatTimeIn shows the same instant in the company's offset") {
  CHECK(FormatTimeIn(MustParse("2026-12-05T14:30:00Z"), kChina) == "2026-12-05T22:30:00+08:00");
  CHECK(FormatTimeIn(MustParse("2026-12-05T23:30:00+09:00"), kChina) ==
        "2026-12-05T22:30:00+08:00");
  CHECK(FormatTimeIn(MustParse("2026-12-05T22:30:00+08:00"), 0) == "2026-12-05T14:30:00+00:00");
  CHECK(FormatTimeShortIn(MustParse("2026-11-30T20:00:00Z"), kChina) == "2026-12-01 04:00");
}

TEST_CASE("LocalDate follows the offset across midnight") {
  Time utc = MustParse("2026-11-30T20:00:00Z");
  CHECK(LocalDate(utc) == Date{2026, 11, 30});
  CHECK(LocalDate(InOffset(utc, kChina)) == Date{2026, 12, 1});
  CHECK(LocalDate(InOffset(utc, -300)) == Date{2026, 11, 30});
  // New year's eve in UTC is already the new year in China.
  Time eve = MustParse("2026-12-31T16:00:00Z");
  CHECK(LocalDate(eve) == Date{2026, 12, 31});
  CHECK(LocalDate(InOffset(eve, kChina)) == Date{2027, 1, 1});
  // A negative offset moves the date back.
  Time early = MustParse("2026-01-01T02:00:00Z");
  CHECK(LocalDate(InOffset(early, -180)) == Date{2025, 12, 31});
  // Before the epoch.
  CHECK(LocalDate(Time{-1, 0}) == Date{1969, 12, 31});
  CHECK(LocalDate(Time{-1, 60}) == Date{1970, 1, 1});
}

TEST_CASE("StartOfDay is midnight in the given offset") {
  Time t = StartOfDay(Date{2026, 12, 1}, kChina);
  CHECK(t.secs == 1796054400);
  CHECK(t.offset_minutes == kChina);
  CHECK(FormatTime(t) == "2026-12-01T00:00:00+08:00");
  CHECK(FormatTime(InOffset(t, 0)) == "2026-11-30T16:00:00+00:00");
  CHECK(FormatTime(StartOfDay(Date{2026, 11, 30}, -330)) == "2026-11-30T00:00:00-05:30");
  CHECK(FormatTime(InOffset(StartOfDay(Date{2026, 11, 30}, -330), 0)) ==
        "2026-11-30T05:30:00+00:00");
  CHECK(StartOfDay(Date{1970, 1, 1}, 0).secs == 0);
  // One second before midnight is the day before; midnight is the day itself.
  Time midnight = StartOfDay(Date{2027, 1, 1}, kChina);
  CHECK(LocalDate(midnight) == Date{2027, 1, 1});
  CHECK(LocalDate(Time{midnight.secs - 1, kChina}) == Date{2026, 12, 31});
}

TEST_CASE("DaysFromDate and DateFromDays agree with the civil calendar") {
  struct Row {
    Date date;
    int64_t days;
  };
  const Row rows[] = {
      {{1970, 1, 1}, 0},         {{1969, 12, 31}, -1},    {{1970, 1, 2}, 1},
      {{2000, 3, 1}, 11017},     {{2026, 11, 29}, 20786}, {{1, 1, 1}, -719162},
      {{9999, 12, 31}, 2932896},
  };
  for (const Row& row : rows) {
    CAPTURE(FormatDate(row.date));
    CHECK(DaysFromDate(row.date) == row.days);
    CHECK(DateFromDays(row.days) == row.date);
  }
  // Every day across two leap years round-trips and is valid.
  for (int64_t d = DaysFromDate({2023, 12, 25}); d < DaysFromDate({2025, 1, 5}); ++d) {
    Date date = DateFromDays(d);
    CHECK(IsValidDate(date));
    CHECK(DaysFromDate(date) == d);
    CHECK(DateFromDays(d + 1) > date);
  }
}

TEST_CASE("IsValidDate") {
  CHECK(IsValidDate({2024, 2, 29}));
  CHECK(IsValidDate({2000, 2, 29}));
  CHECK(IsValidDate({2026, 12, 31}));
  CHECK(IsValidDate({1, 1, 1}));
  CHECK(IsValidDate({9999, 12, 31}));
  CHECK_FALSE(IsValidDate({2100, 2, 29}));
  CHECK_FALSE(IsValidDate({2026, 2, 29}));
  CHECK_FALSE(IsValidDate({2026, 2, 30}));
  CHECK_FALSE(IsValidDate({2026, 4, 31}));
  CHECK_FALSE(IsValidDate({2026, 0, 1}));
  CHECK_FALSE(IsValidDate({2026, 13, 1}));
  CHECK_FALSE(IsValidDate({2026, 1, 0}));
  CHECK_FALSE(IsValidDate({2026, 1, 32}));
  CHECK_FALSE(IsValidDate({0, 1, 1}));
  CHECK_FALSE(IsValidDate({10000, 1, 1}));
  CHECK_FALSE(IsValidDate({-1, 1, 1}));
  CHECK_FALSE(IsValidDate(Date{}));
}

TEST_CASE("ParseDate and FormatDate") {
  Date d;
  SVC_CHECK_OK(ParseDate("2026-11-29", &d));
  CHECK(d == Date{2026, 11, 29});
  CHECK(FormatDate(d) == "2026-11-29");
  SVC_CHECK_OK(ParseDate("2024-02-29", &d));
  CHECK(d == Date{2024, 2, 29});
  CHECK(FormatDate(Date{7, 1, 2}) == "0007-01-02");

  const char* bad[] = {"",           "2026-11-29T00:00", "2026-1-29",   "2026-11-9",
                       "2026/11/29", "2026-02-29",       "2026-02-30",  "2026-13-01",
                       "26-11-29",   " 2026-11-29",      "2026-11-29 ", "2026-11-29Z"};
  for (const char* text : bad) {
    CAPTURE(text);
    Date out{1, 2, 3};
    Status s = ParseDate(text, &out);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(s.message() == "'" + std::string(text) + "' is not a date; write it as 2026-11-29");
    CHECK(out == Date{1, 2, 3});
  }
}

TEST_CASE("ParseOffset and FormatOffset") {
  struct Row {
    const char* text;
    int minutes;
    const char* formatted;
  };
  const Row good[] = {
      {"+08:00", 480, "+08:00"}, {"-05:30", -330, "-05:30"}, {"Z", 0, "+00:00"},
      {"z", 0, "+00:00"},        {"+00:00", 0, "+00:00"},    {"-00:00", 0, "+00:00"},
      {"+14:00", 840, "+14:00"}, {"-14:00", -840, "-14:00"}, {"+05:45", 345, "+05:45"},
      {"-00:30", -30, "-00:30"},
  };
  for (const Row& row : good) {
    CAPTURE(row.text);
    int m = 1;
    SVC_CHECK_OK(ParseOffset(row.text, &m));
    CHECK(m == row.minutes);
    CHECK(FormatOffset(m) == row.formatted);
  }
  const char* bad[] = {"",       "08:00",         "+8:00", "+08",     "+0800",  "+08:0",
                       "+15:00", "+08:60",        "Z ",    " +08:00", "UTC",    "+08:00Z",
                       "ZZ",     "Asia/Shanghai", "+8",    "08",      "--08:00"};
  for (const char* text : bad) {
    CAPTURE(text);
    int m = 99;
    Status s = ParseOffset(text, &m);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(s.message() == "'" + std::string(text) + "' is not a UTC offset; write it as +08:00");
    CHECK(m == 99);
  }
}

TEST_CASE("ParseDuration accepts d h m s, each once, in that order") {
  struct Row {
    const char* text;
    int64_t secs;
  };
  const Row rows[] = {
      {"10m", 600},
      {"2h", 7200},
      {"1h30m", 5400},
      {"2d", 172800},
      {"90s", 90},
      {"1d2h3m4s", 93784},
      {"48h", 172800},
      {"0m", 0},
      {"1d12h", 129600},
      {"2h30s", 7230},
      {"1d1s", 86401},
      {"007m", 420},
      {"999999999s", 999999999},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    Duration d{-1};
    SVC_CHECK_OK(ParseDuration(row.text, &d));
    CHECK(d.secs == row.secs);
  }
}

TEST_CASE("ParseDuration refuses malformed durations") {
  const char* rows[] = {
      "",     "h",     "2x",  "1m2h",        "-1h", "1.5h", "2",      "2h2h", "2hh",
      "2H",   "2 h",   " 2h", "2h ",         "m30", "+2h",  "1h-30m", "1,5h", "1e3s",
      "2h30", "30m1h", "1w",  "1234567890s", "1y",  "2ms",  "1d1d",   "s",
  };
  for (const char* text : rows) {
    CAPTURE(text);
    Duration d{77};
    Status s = ParseDuration(text, &d);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(s.message() ==
          "'" + std::string(text) + "' is not a duration; write it as 10m, 2h, 1h30m or 2d");
    CHECK(d.secs == 77);
  }
}

TEST_CASE("FormatDuration writes the shape the procedure speaks in") {
  struct Row {
    int64_t secs;
    const char* text;
  };
  const Row rows[] = {
      {0, "0m"},       {600, "10m"},      {7200, "2h"},    {5400, "1h30m"},
      {90, "1m30s"},   {59, "59s"},       {86400, "24h"},  {172800, "48h"},
      {259200, "72h"}, {345600, "4d"},    {349200, "97h"}, {93784, "26h3m4s"},
      {-3600, "-1h"},  {-5400, "-1h30m"}, {3601, "1h1s"},  {864000, "10d"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.secs);
    CHECK(FormatDuration(Duration{row.secs}) == row.text);
    if (row.secs >= 0) {
      // What FormatDuration writes, ParseDuration reads back to the same length.
      Duration back;
      SVC_CHECK_OK(ParseDuration(row.text, &back));
      CHECK(back.secs == row.secs);
    }
  }
}

TEST_CASE("Add moves the instant and keeps the offset") {
  Time t = MustParse("2026-11-30T23:00:00+08:00");
  Time later = Add(t, Duration{2 * 3600});
  CHECK(FormatTime(later) == "2026-12-01T01:00:00+08:00");
  CHECK(later.offset_minutes == kChina);
  CHECK(FormatTime(Add(t, Duration{-86400})) == "2026-11-29T23:00:00+08:00");
}

}  // namespace
}  // namespace svc
