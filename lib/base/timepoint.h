// Times, dates and durations, exact to the second.
//
// A Time is an instant (seconds since the Unix epoch) together with the UTC
// offset it was given in, so that it is written back exactly as it was read:
// 2026-11-29T09:30:00+08:00 stays +08:00. Instants compare by `secs` alone.
// The company's time zone is a fixed UTC offset (China keeps no summer time).
// Nothing here reads the system clock: `now` is always passed in.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace svc {

struct Date {
  int year = 0;
  int month = 0;  // 1-12
  int day = 0;    // 1-31
  bool operator==(const Date&) const = default;
  auto operator<=>(const Date&) const = default;
};

struct Time {
  int64_t secs = 0;                              // instant, seconds since 1970-01-01T00:00:00Z
  int offset_minutes = 0;                        // the UTC offset it is shown in
  bool operator==(const Time&) const = default;  // same instant and same offset
};

inline bool Before(const Time& a, const Time& b) {
  return a.secs < b.secs;
}

// Days since 1970-01-01 of a civil date, and back.
int64_t DaysFromDate(const Date& d);
Date DateFromDays(int64_t days);
bool IsValidDate(const Date& d);

// The civil date and seconds-of-day of `t` in its own offset.
Date LocalDate(const Time& t);
// The same instant shown in another offset.
Time InOffset(const Time& t, int offset_minutes);
// Midnight starting `d` in the given offset.
Time StartOfDay(const Date& d, int offset_minutes);

// Parses an ISO 8601 date-time: 2026-11-29T09:30:00+08:00, ...Z, 2026-11-29T09:30,
// "2026-11-29 09:30". Without an offset the text is read in `default_offset`.
Status ParseTime(std::string_view text, int default_offset_minutes, Time* out);
// 2026-11-29T09:30:00+08:00 (Z is written as +00:00).
std::string FormatTime(const Time& t);
void AppendTime(std::string* out, const Time& t);
// 2026-11-29 09:30 in the time's own offset, for people.
std::string FormatTimeShort(const Time& t);
// The same instant written in another offset: how svc shows every time, in
// the company's time zone, whatever offset it was typed and stored in.
std::string FormatTimeIn(const Time& t, int offset_minutes);
std::string FormatTimeShortIn(const Time& t, int offset_minutes);

// 2026-11-29.
Status ParseDate(std::string_view text, Date* out);
std::string FormatDate(const Date& d);

// "+08:00", "-05:30", "Z".
Status ParseOffset(std::string_view text, int* offset_minutes);
std::string FormatOffset(int offset_minutes);

// Durations: "10m", "2h", "1h30m", "2d", "90s"; at least one part, each unit once,
// in the order d h m s. Written back in the same shape ("1h30m").
struct Duration {
  int64_t secs = 0;
  bool operator==(const Duration&) const = default;
  auto operator<=>(const Duration&) const = default;
};
Status ParseDuration(std::string_view text, Duration* out);
std::string FormatDuration(Duration d);

inline Time Add(const Time& t, Duration d) {
  return Time{t.secs + d.secs, t.offset_minutes};
}

}  // namespace svc
