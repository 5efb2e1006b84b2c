#include "base/calendar.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/i18n.h"
#include "base/text.h"

namespace svc {

const std::vector<std::pair<int, int>>& WorkingCalendar::HoursOn(int64_t day) const {
  static const std::vector<std::pair<int, int>> kNone;
  if (holidays.count(day)) return kNone;
  if (workdays.count(day)) return workday_hours;
  // 1970-01-01 was a Thursday (weekday 3 with Monday = 0).
  int64_t weekday = ((day % 7) + 7 + 3) % 7;
  return hours[static_cast<size_t>(weekday)];
}

Time WorkingCalendar::AddWorking(const Time& start, Duration d) const {
  int64_t offset = offset_minutes * 60;
  int64_t local = start.secs + offset;
  int64_t day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  int64_t left = d.secs;
  int64_t cursor = local;
  // Ten years of days is far more than any target; it bounds a calendar
  // whose working days all fall on holidays.
  for (int i = 0; i < 3660; ++i, ++day) {
    for (auto [from, to] : HoursOn(day)) {
      int64_t a = std::max<int64_t>(day * 86400 + from * 60, cursor);
      int64_t b = day * 86400 + to * 60;
      if (a >= b) continue;
      if (b - a >= left) return Time{a + left - offset, start.offset_minutes};
      left -= b - a;
      cursor = b;
    }
  }
  return Time{cursor - offset, start.offset_minutes};
}

Status ParseWorkingHours(std::string_view text, std::vector<std::pair<int, int>>* out) {
  out->clear();
  auto bad = [&] {
    return Status::InvalidArgument(TrF(
        "'{}' is not working hours; write them as \"08:30-12:00,13:30-17:30\" (\"\" for a day off)",
        text));
  };
  if (Trim(text).empty()) return Status::OK();
  int last = -1;
  for (std::string_view period : Split(text, ',')) {
    period = Trim(period);
    auto minutes = [](std::string_view hm, int* m) {
      if (hm.size() != 5 || hm[2] != ':') return false;
      for (size_t i : {0u, 1u, 3u, 4u}) {
        if (hm[i] < '0' || hm[i] > '9') return false;
      }
      int h = (hm[0] - '0') * 10 + (hm[1] - '0'), mm = (hm[3] - '0') * 10 + (hm[4] - '0');
      if (h > 24 || mm > 59 || (h == 24 && mm != 0)) return false;
      *m = h * 60 + mm;
      return true;
    };
    size_t dash = period.find('-');
    int from = 0, to = 0;
    if (dash == std::string_view::npos || !minutes(Trim(period.substr(0, dash)), &from) ||
        !minutes(Trim(period.substr(dash + 1)), &to) || from >= to || from < last) {
      return bad();
    }
    last = to;
    out->emplace_back(from, to);
  }
  return Status::OK();
}

}  // namespace svc
