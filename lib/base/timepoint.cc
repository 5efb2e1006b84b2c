#include "base/timepoint.h"

#include <fmt/format.h>

#include <charconv>
#include <chrono>

#include "base/i18n.h"

namespace svc {
namespace {

constexpr int64_t kSecsPerDay = 86400;

int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// Reads exactly `n` digits at text[*pos].
bool Digits(std::string_view text, size_t* pos, size_t n, int* out) {
  if (*pos + n > text.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = text[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *out = v;
  return true;
}

bool Expect(std::string_view text, size_t* pos, char c) {
  if (*pos >= text.size() || text[*pos] != c) return false;
  ++*pos;
  return true;
}

bool ParseDateAt(std::string_view text, size_t* pos, Date* d) {
  return Digits(text, pos, 4, &d->year) && Expect(text, pos, '-') &&
         Digits(text, pos, 2, &d->month) && Expect(text, pos, '-') &&
         Digits(text, pos, 2, &d->day) && IsValidDate(*d);
}

bool ParseOffsetAt(std::string_view text, size_t* pos, int* minutes) {
  if (*pos < text.size() && (text[*pos] == 'Z' || text[*pos] == 'z')) {
    ++*pos;
    *minutes = 0;
    return true;
  }
  if (*pos >= text.size() || (text[*pos] != '+' && text[*pos] != '-')) return false;
  int sign = text[*pos] == '-' ? -1 : 1;
  ++*pos;
  int h = 0, m = 0;
  if (!Digits(text, pos, 2, &h) || !Expect(text, pos, ':') || !Digits(text, pos, 2, &m)) {
    return false;
  }
  if (h > 14 || m > 59) return false;
  *minutes = sign * (h * 60 + m);
  return true;
}

}  // namespace

int64_t DaysFromDate(const Date& d) {
  using namespace std::chrono;
  sys_days days{year{d.year} / month{static_cast<unsigned>(d.month)} /
                day{static_cast<unsigned>(d.day)}};
  return days.time_since_epoch().count();
}

Date DateFromDays(int64_t days) {
  using namespace std::chrono;
  year_month_day ymd{sys_days{std::chrono::days{days}}};
  return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

bool IsValidDate(const Date& d) {
  using namespace std::chrono;
  if (d.year < 1 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) {
    return false;
  }
  return year_month_day{year{d.year} / month{static_cast<unsigned>(d.month)} /
                        day{static_cast<unsigned>(d.day)}}
      .ok();
}

Date LocalDate(const Time& t) {
  return DateFromDays(FloorDiv(t.secs + t.offset_minutes * 60, kSecsPerDay));
}

Time InOffset(const Time& t, int offset_minutes) {
  return Time{t.secs, offset_minutes};
}

Time StartOfDay(const Date& d, int offset_minutes) {
  return Time{DaysFromDate(d) * kSecsPerDay - offset_minutes * 60, offset_minutes};
}

Status ParseTime(std::string_view text, int default_offset_minutes, Time* out) {
  auto bad = [&] {
    return Status::InvalidArgument(
        TrF("'{}' is not a date-time; write it as 2026-11-29T09:30:00+08:00 or 2026-11-29T09:30",
            text));
  };
  size_t pos = 0;
  Date d;
  if (!ParseDateAt(text, &pos, &d)) return bad();
  if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ')) {
    return bad();
  }
  ++pos;
  int h = 0, m = 0, s = 0;
  if (!Digits(text, &pos, 2, &h) || !Expect(text, &pos, ':') || !Digits(text, &pos, 2, &m)) {
    return bad();
  }
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    if (!Digits(text, &pos, 2, &s)) return bad();
  }
  if (h > 23 || m > 59 || s > 59) return bad();
  int offset = default_offset_minutes;
  if (pos < text.size() && !ParseOffsetAt(text, &pos, &offset)) return bad();
  if (pos != text.size()) return bad();
  int64_t local = DaysFromDate(d) * kSecsPerDay + h * 3600 + m * 60 + s;
  *out = Time{local - offset * 60, offset};
  return Status::OK();
}

void AppendTime(std::string* out, const Time& t) {
  int64_t local = t.secs + t.offset_minutes * 60;
  int64_t days = FloorDiv(local, kSecsPerDay);
  int64_t sod = local - days * kSecsPerDay;
  Date d = DateFromDays(days);
  char buf[32];
  auto two = [](char* p, int64_t v) {
    p[0] = static_cast<char>('0' + v / 10 % 10);
    p[1] = static_cast<char>('0' + v % 10);
  };
  if (d.year < 0 || d.year > 9999) {
    *out += fmt::format("{:04}", d.year);
  } else {
    two(buf, d.year / 100);
    two(buf + 2, d.year % 100);
    out->append(buf, 4);
  }
  buf[0] = '-';
  two(buf + 1, d.month);
  buf[3] = '-';
  two(buf + 4, d.day);
  buf[6] = 'T';
  two(buf + 7, sod / 3600);
  buf[9] = ':';
  two(buf + 10, sod / 60 % 60);
  buf[12] = ':';
  two(buf + 13, sod % 60);
  int a = t.offset_minutes < 0 ? -t.offset_minutes : t.offset_minutes;
  buf[15] = t.offset_minutes < 0 ? '-' : '+';
  two(buf + 16, a / 60);
  buf[18] = ':';
  two(buf + 19, a % 60);
  out->append(buf, 21);
}

std::string FormatTime(const Time& t) {
  std::string out;
  out.reserve(25);
  AppendTime(&out, t);
  return out;
}

std::string FormatTimeShort(const Time& t) {
  std::string full = FormatTime(t);
  return full.substr(0, 10) + " " + full.substr(11, 5);
}

std::string FormatTimeIn(const Time& t, int offset_minutes) {
  return FormatTime(InOffset(t, offset_minutes));
}

std::string FormatTimeShortIn(const Time& t, int offset_minutes) {
  return FormatTimeShort(InOffset(t, offset_minutes));
}

Status ParseDate(std::string_view text, Date* out) {
  size_t pos = 0;
  Date d;
  if (!ParseDateAt(text, &pos, &d) || pos != text.size()) {
    return Status::InvalidArgument(TrF("'{}' is not a date; write it as 2026-11-29", text));
  }
  *out = d;
  return Status::OK();
}

std::string FormatDate(const Date& d) {
  return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

Status ParseOffset(std::string_view text, int* offset_minutes) {
  size_t pos = 0;
  int m = 0;
  if (!ParseOffsetAt(text, &pos, &m) || pos != text.size()) {
    return Status::InvalidArgument(TrF("'{}' is not a UTC offset; write it as +08:00", text));
  }
  *offset_minutes = m;
  return Status::OK();
}

std::string FormatOffset(int offset_minutes) {
  char sign = offset_minutes < 0 ? '-' : '+';
  int a = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  return fmt::format("{}{:02}:{:02}", sign, a / 60, a % 60);
}

Status ParseDuration(std::string_view text, Duration* out) {
  static constexpr std::string_view kUnits = "dhms";
  static constexpr int64_t kSecs[] = {86400, 3600, 60, 1};
  auto bad = [&] {
    return Status::InvalidArgument(
        TrF("'{}' is not a duration; write it as 10m, 2h, 1h30m or 2d", text));
  };
  if (text.empty()) return bad();
  int64_t total = 0;
  size_t next_unit = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start || pos - start > 9 || pos >= text.size()) return bad();
    int64_t n = 0;
    std::from_chars(text.data() + start, text.data() + pos, n);
    size_t unit = kUnits.find(text[pos]);
    if (unit == std::string_view::npos || unit < next_unit) return bad();
    next_unit = unit + 1;
    total += n * kSecs[unit];
    ++pos;
  }
  out->secs = total;
  return Status::OK();
}

std::string FormatDuration(Duration d) {
  if (d.secs == 0) return "0m";
  std::string out;
  int64_t s = d.secs < 0 ? -d.secs : d.secs;
  if (d.secs < 0) out += '-';
  const std::pair<int64_t, char> parts[] = {{86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}};
  // Whole days are written as hours up to 72 h: the procedure speaks of "48 hours".
  bool days = s % 86400 == 0 && s > 3 * 86400;
  for (auto [unit, c] : parts) {
    if (c == 'd' && !days) continue;
    if (s >= unit) {
      out += fmt::format("{}{}", s / unit, c);
      s %= unit;
    }
  }
  return out;
}

}  // namespace svc
