// Fuzz target: times, dates, offsets and durations (base/timepoint.h) and
// the years a user may type (model/values.h: ParseUserTime, ParseUserDate,
// what --at, --now, --received-at and --since go through). On any bytes
// nothing crashes, and every value a parser accepts is written back
// (FormatTime, FormatDate, FormatOffset, FormatDuration: up to 999,999,999
// hours) as text that parses to the same value; the civil calendar's day
// numbers go both ways.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/timepoint.h"
#include "fuzz_util.h"
#include "model/limits.h"
#include "model/values.h"

using namespace svc;
using svc::fuzz::Require;

namespace {

void CheckTime(const Time& t) {
  std::string s = FormatTime(t);
  Time back;
  Require(ParseTime(s, 0, &back).ok() && back == t, "FormatTime does not read back");
  Date local = LocalDate(t);
  Require(IsValidDate(local), "LocalDate is no date");
  Require(FormatDate(local) == s.substr(0, 10), "LocalDate is not the date written");
  Time midnight = StartOfDay(local, t.offset_minutes);
  Require(midnight.secs <= t.secs && t.secs - midnight.secs < 86400, "StartOfDay is not that day");
  std::string shown = FormatTimeShort(t);
  Require(shown.size() == 16 && shown.substr(0, 10) == s.substr(0, 10), "FormatTimeShort");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  // The default offset for a time typed without one: from the first byte,
  // -14:00 to +14:00 in steps of 15 minutes (what svc.toml may hold).
  int default_offset = size > 0 ? (static_cast<int>(data[0]) % 113 - 56) * 15 : 480;

  Time t;
  if (ParseTime(text, default_offset, &t).ok()) {
    CheckTime(t);
    Time user;
    bool user_ok = ParseUserTime(text, default_offset, &user).ok();
    int year = LocalDate(t).year;
    Require(user_ok == (year >= kMinYear && year <= kMaxYear), "ParseUserTime's years");
    if (user_ok) Require(user == t, "ParseUserTime reads another time");
    // Shown in any other offset, it is the same instant.
    Time other = InOffset(t, -default_offset);
    Require(other.secs == t.secs, "InOffset moved the instant");
    int other_year = LocalDate(other).year;
    if (other_year >= 1 && other_year <= 9999) CheckTime(other);
  } else {
    Time user;
    Require(!ParseUserTime(text, default_offset, &user).ok(), "ParseUserTime accepts more");
  }

  Date d;
  if (ParseDate(text, &d).ok()) {
    Require(IsValidDate(d), "ParseDate accepts an invalid date");
    Require(FormatDate(d) == text, "FormatDate does not write the date read");
    Require(DateFromDays(DaysFromDate(d)) == d, "days and dates disagree");
    Date user;
    bool user_ok = ParseUserDate(text, &user, kMinEquipmentYear).ok();
    Require(user_ok == (d.year >= kMinEquipmentYear && d.year <= kMaxYear),
            "ParseUserDate's years");
  }

  int offset = 0;
  if (ParseOffset(text, &offset).ok()) {
    Require(offset >= -(14 * 60 + 59) && offset <= 14 * 60 + 59, "an offset out of range");
    int back = 1;
    Require(ParseOffset(FormatOffset(offset), &back).ok() && back == offset,
            "FormatOffset does not read back");
  }

  Duration dur;
  if (ParseDuration(text, &dur).ok()) {
    Require(dur.secs >= 0, "a negative duration");
    // FormatDuration (for people: svc never reads back what it writes) may
    // write more than the nine digits a part of ParseDuration holds: beyond
    // 999,999,999 hours ("99999991d2h" is 2399999786h).
    if (dur.secs / 3600 <= 999'999'999) {
      Duration back;
      Require(ParseDuration(FormatDuration(dur), &back).ok() && back == dur,
              "FormatDuration does not read back");
    }
  }

  // Any 8 bytes as a day number within the years svc reads (0001-9999).
  if (size >= 8) {
    uint64_t raw = 0;
    for (int i = 0; i < 8; ++i) raw = raw << 8 | data[i];
    int64_t days = static_cast<int64_t>(raw % 3652059) - 719162;  // 0001-01-01 .. 9999-12-31
    Date day = DateFromDays(days);
    Require(IsValidDate(day) && DaysFromDate(day) == days, "DateFromDays and back");
  }
  return 0;
}
