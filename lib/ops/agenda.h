// The agenda: what is planned for engineers, for `svc agenda` — a plain
// list or an RFC 5545 calendar (format/ics.h) a phone imports:
//
//   dispatch  each outbound record with a planned arrival (svc dispatch
//             --planned): a one-hour event at that time; the ticket,
//             customer, address and techs. UID: the record's number@svc.
//   visit     each customer visit recorded (visits/): a one-hour event at
//             its time; the customer and who went. UID: BF-…@svc.
//   plan      each annual-plan item not cancelled: an all-day event on the
//             first day of its month (not a VTODO: the calendars of
//             phones ignore VTODOs on import, and the plan gives a month,
//             not a deadline). UID: plan-2026-3@svc. It names no engineer,
//             so --tech leaves it out.
//
// As of `now` (events recorded later are not seen); voided tickets are left
// out. Sorted by start, then UID. A ticket that cannot be read is passed to
// `unreadable` and skipped.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/timepoint.h"
#include "storage/index.h"
#include "storage/store.h"

namespace svc {

struct AgendaItem {
  std::string uid;   // SC-26-11-01@svc
  std::string kind;  // dispatch | visit | plan
  Time start;        // plan: the month's first day, 00:00 in the company's offset
  bool all_day = false;
  Date day;  // all_day: the day
  std::string summary, location, description;
  std::vector<std::string> techs;
};

struct AgendaQuery {
  std::string tech;          // "": everyone's
  std::optional<Time> from;  // start at or after
  std::optional<Time> to;    // start before
};

// The dispatches are found through the index's summaries (each outbound
// record's planned arrival and the engineers sent): only the tickets with a
// planned arrival in range, by one of the engineers asked for, are read.
Status BuildAgenda(const Store& store, const Time& now, const AgendaQuery& query,
                   const ScanOptions& options, const std::function<void(const Status&)>& unreadable,
                   std::vector<AgendaItem>* out);

// The VCALENDAR: one VEVENT per item, DTSTAMP `now`, times in UTC.
std::string AgendaIcs(const std::vector<AgendaItem>& items, const Time& now);

}  // namespace svc
