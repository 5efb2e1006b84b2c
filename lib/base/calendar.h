// WorkingCalendar: working hours per weekday, public holidays and the
// make-up working days (调休) that Chinese calendars swap with weekends, in
// the company's time zone (svc.toml [calendar], optional). A clock set to
// count working time reaches its deadline after `target` of working time.
#pragma once

#include <array>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "base/timepoint.h"

namespace svc {

struct WorkingCalendar {
  // Working periods per weekday (0 = Monday), minutes from midnight [from, to).
  std::array<std::vector<std::pair<int, int>>, 7> hours;
  std::vector<std::pair<int, int>> workday_hours;  // hours of a make-up working day
  std::set<int64_t> holidays;                      // days since 1970-01-01
  std::set<int64_t> workdays;                      // make-up working days
  int offset_minutes = 480;

  // The working periods of a day (days since the epoch, in the company's zone).
  const std::vector<std::pair<int, int>>& HoursOn(int64_t day) const;
  // The moment `d` of working time after `start` has passed. REQUIRES: some
  // working hours in the week (checked when svc.toml is read).
  Time AddWorking(const Time& start, Duration d) const;
};

// "08:30-12:00,13:30-17:30" (or "" for a day off) -> periods.
Status ParseWorkingHours(std::string_view text, std::vector<std::pair<int, int>>* out);

}  // namespace svc
