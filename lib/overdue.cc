#include "overdue.h"

#include <algorithm>

#include "state.h"

namespace svc {

Status FindDue(const Store& store, const Time& now, const DueFilter& filter,
               const std::function<void(const Status&)>& unreadable, std::vector<DueClock>* out,
               DueSummary* summary) {
  *summary = DueSummary{};
  out->clear();
  const Config& config = store.config();
  SVC_RETURN_IF_ERROR(store.ForEachFile([&](const Store::Entry& e) -> Status {
    if (!e.numbered) return Status::OK();
    Ticket t;
    TicketState st;
    Status s = store.LoadFile(e, &t);
    if (s.ok()) s = Fold(t, config, now, &st);
    if (!s.ok()) {
      ++summary->unreadable;
      unreadable(s);
      return Status::OK();
    }
    if (!st.opened || st.voided) return Status::OK();
    ++summary->tickets;
    if (!filter.via.empty() && t.via != filter.via) return Status::OK();
    if (!filter.route.empty() && st.route() != filter.route) return Status::OK();
    if (filter.level && st.level != filter.level) return Status::OK();
    for (Clock& c : ComputeClocks(t, config, now)) {
      if (!filter.clock.empty() && c.name != filter.clock) continue;
      bool overdue = c.state == ClockState::kOverdue;
      bool due = c.state == ClockState::kRunning && c.deadline.secs - now.secs <= filter.warn.secs &&
                 filter.warn.secs > 0;
      if (!overdue && !due) continue;
      ++(overdue ? summary->overdue : summary->due);
      out->push_back(DueClock{t.id, std::move(c), overdue, st.route(), t.via, t.customer.name,
                              st.level});
    }
    return Status::OK();
  }));
  std::stable_sort(out->begin(), out->end(), [](const DueClock& a, const DueClock& b) {
    return a.clock.deadline.secs < b.clock.deadline.secs;
  });
  return Status::OK();
}

}  // namespace svc
