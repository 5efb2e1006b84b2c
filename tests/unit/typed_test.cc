#include "base/typed.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace svc {
namespace {

constexpr int kChina = 480;  // +08:00

TEST_CASE("FoldTyped") {
  struct Row {
    std::string_view typed, folded;
  };
  const Row rows[] = {
      {"", ""},
      {"SH-26-11-01", "SH-26-11-01"},
      {"ＳＨ－２６－１１－０１", "SH-26-11-01"},
      {"ｓｈ‐２６–１１—０１", "sh-26-11-01"},  // U+2010 hyphen, en and em dash
      {"SH−26―11‑01", "SH-26-11-01"},          // U+2212 minus, U+2015 bar, U+2011
      {"昨天\u3000１４：３０", "昨天 14:30"},  // ideographic space, full-width colon
      {"张伟：现场", "张伟:现场"},
      {"\xff！", "\xff!"},  // a byte that is not UTF-8 stays
  };
  for (const Row& r : rows) {
    CAPTURE(r.typed);
    CHECK(FoldTyped(r.typed) == r.folded);
  }
}

TEST_CASE("NormalizeNumber") {
  CHECK(NormalizeNumber("sh-26-11-01") == "SH-26-11-01");
  CHECK(NormalizeNumber("ＳＨ－２６－１１－０１") == "SH-26-11-01");
  CHECK(NormalizeNumber("\u3000yx-26-11-01 ") == "YX-26-11-01");
  CHECK(NormalizeNumber("Yx－26－11－01") == "YX-26-11-01");
  CHECK(NormalizeNumber("张伟") == "张伟");
}

// What ResolveTypedTime makes of `typed` as of `now`, read by ParseTime.
std::string At(std::string_view typed, std::string_view now_text) {
  Time now;
  REQUIRE(ParseTime(now_text, 0, &now).ok());
  Time t;
  Status s = ParseTime(ResolveTypedTime(typed, now, kChina), kChina, &t);
  return s.ok() ? FormatTime(t) : "refused: " + s.message();
}

TEST_CASE("ResolveTypedTime: today and yesterday in the company's zone, now given in UTC") {
  struct Row {
    std::string_view typed, now, time;
  };
  const Row rows[] = {
      // 2026-12-06T17:00Z is already 2026-12-07 01:00 in +08:00: "today" is the 7th.
      {"14:30", "2026-12-06T17:00:00Z", "2026-12-07T14:30:00+08:00"},
      {"today 9:05", "2026-12-06T17:00:00Z", "2026-12-07T09:05:00+08:00"},
      {"今天 16:00", "2026-12-06T17:00:00Z", "2026-12-07T16:00:00+08:00"},
      {"yesterday 16:00", "2026-12-06T17:00:00Z", "2026-12-06T16:00:00+08:00"},
      {"昨天 16:00", "2026-12-06T17:00:00Z", "2026-12-06T16:00:00+08:00"},
      {"昨天１６：００", "2026-12-06T17:00:00Z", "2026-12-06T16:00:00+08:00"},
      {"１４：３０", "2026-12-06T17:00:00Z", "2026-12-07T14:30:00+08:00"},
      {"\u3000今天\u3000１４：３０ ", "2026-12-06T17:00:00Z", "2026-12-07T14:30:00+08:00"},
      // 15:59Z is still the 6th in +08:00 (23:59).
      {"14:30", "2026-12-06T15:59:00Z", "2026-12-06T14:30:00+08:00"},
      // Across a month end: 2026-11-30T16:30Z is 2026-12-01 00:30 in +08:00.
      {"yesterday 23:00", "2026-11-30T16:30:00Z", "2026-11-30T23:00:00+08:00"},
      {"today 08:00", "2026-11-30T16:30:00Z", "2026-12-01T08:00:00+08:00"},
      // Across a year end.
      {"昨天 12:00", "2026-12-31T16:00:00Z", "2026-12-31T12:00:00+08:00"},
      // The absolute forms keep working, full-width too.
      {"2026-11-29 09:30", "2026-12-06T17:00:00Z", "2026-11-29T09:30:00+08:00"},
      {"２０２６－１１－２９ ０９：３０", "2026-12-06T17:00:00Z", "2026-11-29T09:30:00+08:00"},
      {"2026-11-29T09:30:00Z", "2026-12-06T17:00:00Z", "2026-11-29T09:30:00+00:00"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.typed);
    CAPTURE(r.now);
    CHECK(At(r.typed, r.now) == r.time);
  }
}

TEST_CASE("ResolveTypedTime: what is no time stays for ParseTime to refuse") {
  Time now{1796576400, 0};  // 2026-12-06T17:00:00Z
  CHECK(ResolveTypedTime("yesterday", now, kChina) == "yesterday");
  CHECK(ResolveTypedTime("tomorrow 10:00", now, kChina) == "tomorrow 10:00");
  CHECK(ResolveTypedTime("14:3", now, kChina) == "14:3");
  CHECK(ResolveTypedTime("143:00", now, kChina) == "143:00");
  CHECK(ResolveTypedTime("昨天 ", now, kChina) == "昨天 ");
  CHECK(At("25:00", "2026-12-06T17:00:00Z").starts_with("refused: "));
  CHECK(At("14:60", "2026-12-06T17:00:00Z").starts_with("refused: "));
}

}  // namespace
}  // namespace svc
