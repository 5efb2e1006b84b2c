#include "ops/overdue.h"

#include <algorithm>

namespace svc {

Status FindDue(const Store& store, const Time& now, const DueFilter& filter,
               const ScanOptions& options, const std::function<void(const Status&)>& unreadable,
               std::vector<DueClock>* out, DueSummary* summary) {
  *summary = DueSummary{};
  out->clear();
  // Only a ticket with a clock still running can be due or overdue: the
  // others (most of a store: closed and surveyed) are only counted.
  ScanOptions scan = options;
  scan.wanted = [](const SummaryHead& h) { return h.opened && !h.voided && h.running; };
  scan.skipped = [&](const SummaryHead& h) {
    if (h.opened && !h.voided) ++summary->tickets;
  };
  SVC_RETURN_IF_ERROR(ScanSummaries(
      store, now, scan,
      [&](const Store::Entry&, const TicketSummary& t) {
        if (!t.opened || t.voided) return;
        ++summary->tickets;
        if (!filter.via.empty() && t.via != filter.via) return;
        if (!filter.route.empty() && t.route != filter.route) return;
        if (filter.level && t.level != filter.level) return;
        for (const Clock& c : t.clocks) {
          if (!filter.clock.empty() && c.name != filter.clock) continue;
          ClockState state = StateAt(c, now);
          bool overdue = state == ClockState::kOverdue;
          bool due = state == ClockState::kRunning && filter.warn.secs > 0 &&
                     c.deadline.secs - now.secs <= filter.warn.secs;
          if (!overdue && !due) continue;
          ++(overdue ? summary->overdue : summary->due);
          Clock found = c;
          found.state = state;
          out->push_back(
              DueClock{t.id, std::move(found), overdue, t.route, t.via, t.customer, t.level});
        }
      },
      [&](const Status& s) {
        ++summary->unreadable;
        unreadable(s);
      }));
  std::stable_sort(out->begin(), out->end(), [](const DueClock& a, const DueClock& b) {
    return a.clock.deadline.secs < b.clock.deadline.secs;
  });
  return Status::OK();
}

}  // namespace svc
