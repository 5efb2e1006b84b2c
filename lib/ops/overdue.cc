#include "ops/overdue.h"

#include <algorithm>
#include <tuple>

#include "ops/annual_plan.h"
#include "ops/visits.h"
#include "rules/annual_plan.h"
#include "rules/summary.h"

namespace svc {
namespace {

constexpr size_t kBlock = 1 << 20;
constexpr std::string_view kPlanClock = "annual-plan";

}  // namespace

// Each clock as the index's summaries encode it (rules/summary.h), then its
// state as of the scan, and the ticket's fields shown beside it.
void DueList::Add(const DueClock& d) {
  std::string e;
  PutString(&e, d.id);
  EncodeClock(d.clock, &e);
  e += static_cast<char>(d.clock.state);
  e += d.overdue ? '1' : '0';
  PutString(&e, d.route);
  PutString(&e, d.via);
  PutString(&e, d.customer);
  PutVarint(&e, static_cast<uint64_t>(d.level));
  if (blocks_.empty() || blocks_.back().size() + e.size() > kBlock) {
    blocks_.emplace_back();
    blocks_.back().reserve(std::max(kBlock, e.size()));
  }
  keys_.push_back(Key{d.clock.deadline.secs, static_cast<uint32_t>(blocks_.size() - 1),
                      static_cast<uint32_t>(blocks_.back().size())});
  blocks_.back() += e;
}

void DueList::Sort() {
  // Block and offset grow in the order clocks were added: sorting by them
  // second keeps that order among equal deadlines.
  std::sort(keys_.begin(), keys_.end(), [](const Key& a, const Key& b) {
    return std::tie(a.deadline, a.block, a.offset) < std::tie(b.deadline, b.block, b.offset);
  });
}

void DueList::ForEach(const std::function<void(const DueClock&)>& fn) const {
  DueClock d;
  for (const Key& k : keys_) {
    // (written by Add above: never malformed)
    std::string_view in(blocks_[k.block]);
    in.remove_prefix(k.offset);
    GetString(&in, &d.id);
    DecodeClock(&in, &d.clock);
    d.clock.state = static_cast<ClockState>(in[0]);
    d.overdue = in[1] == '1';
    in.remove_prefix(2);
    GetString(&in, &d.route);
    GetString(&in, &d.via);
    GetString(&in, &d.customer);
    uint64_t level = 0;
    GetVarint(&in, &level);
    d.level = static_cast<int>(level);
    fn(d);
  }
}

Status FindDue(const Store& store, const Time& now, const DueFilter& filter,
               const ScanOptions& options, const std::function<void(const Status&)>& unreadable,
               DueList* out, DueSummary* summary) {
  *summary = DueSummary{};
  *out = DueList();
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
        if (!t.closed) ++summary->open_tickets[t.route];
        for (const Clock& c : t.clocks) {
          if (!filter.clock.empty() && c.name != filter.clock) continue;
          ClockState state = StateAt(c, now);
          bool overdue = state == ClockState::kOverdue;
          // a major problem is reported "at once": its notify
          // clock is due from its start, with or without --warn.
          bool due = state == ClockState::kRunning &&
                     ((filter.warn.secs > 0 && c.deadline.secs - now.secs <= filter.warn.secs) ||
                      c.name == "notify");
          if (!overdue && !due) {
            if (state == ClockState::kRunning) ++summary->running[{c.name, t.route}];
            continue;
          }
          ++(overdue ? summary->overdue : summary->due);
          Clock found = c;
          found.state = state;
          out->Add(DueClock{t.id, std::move(found), overdue, t.route, t.via, t.customer, t.level});
        }
      },
      [&](const Status& s) {
        ++summary->unreadable;
        unreadable(s);
      }));
  // a: the visits' reports and the key customers' visits (visits/ and
  // customers/ only: nothing more is read for the tickets).
  SVC_RETURN_IF_ERROR(FindVisitsDue(store, now, filter, unreadable, out, summary));
  // The annual plan's items: their clocks are in the plan files,
  // a few, read whole; they have no department, route or level.
  if (filter.via.empty() && filter.route.empty() && !filter.level &&
      (filter.clock.empty() || filter.clock == kPlanClock)) {
    std::vector<PlanState> plans;
    Status s = LoadPlans(store, now, &plans);
    if (!s.ok()) {
      ++summary->unreadable;
      unreadable(s);
    }
    for (const PlanState& plan : plans) {
      for (const Clock& c : PlanClocks(plan, store.config().offset_minutes, now)) {
        bool overdue = c.state == ClockState::kOverdue;
        bool due = c.state == ClockState::kRunning && filter.warn.secs > 0 &&
                   c.deadline.secs - now.secs <= filter.warn.secs;
        if (!overdue && !due) {
          if (c.state == ClockState::kRunning) ++summary->running[{c.name, ""}];
          continue;
        }
        ++(overdue ? summary->overdue : summary->due);
        std::string customer;
        for (const PlanItem& it : plan.items) {
          if (PlanItemRef(plan.id, it.n) == c.record) customer = it.customer;
        }
        out->Add(DueClock{c.record, c, overdue, "", "", customer, 0});
      }
    }
  }
  out->Sort();
  return Status::OK();
}

}  // namespace svc
