// Overdue: every running clock of the store past its deadline, and those
// due within a warning window — what cron and monitoring ask every few
// minutes. Streams the store ticket by ticket; holds only the clocks found,
// each encoded in a few dozen bytes (DueList): a million-ticket store with a
// hundred thousand clocks overdue stays within a few MiB.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "rules/clocks.h"
#include "storage/index.h"
#include "storage/store.h"

namespace svc {

struct DueClock {
  std::string id;
  Clock clock;
  bool overdue = false;  // else due within the warning window
  std::string route, via, customer;
  int level = 0;
};

// The clocks found, sorted by deadline (stably: in the store's order where
// deadlines are equal). Each is kept encoded in blocks of 1 MiB, with a key of
// 16 bytes to sort by, and decoded one at a time for whoever prints it — a
// DueClock of its own strings would take some 400 bytes.
class DueList {
 public:
  void Add(const DueClock& d);
  size_t size() const { return keys_.size(); }
  bool empty() const { return keys_.empty(); }
  void Sort();
  // Calls `fn` with each clock in order (the reference is valid during the call).
  void ForEach(const std::function<void(const DueClock&)>& fn) const;

 private:
  struct Key {
    int64_t deadline;
    uint32_t block, offset;  // where its encoding starts (also its place in the store's order)
  };
  std::vector<std::string> blocks_;
  std::vector<Key> keys_;
};

struct DueFilter {
  Duration warn;  // 0: overdue only
  std::string route, via, clock;
  int level = 0;  // 0: any
};

struct DueSummary {
  int overdue = 0, due = 0, unreadable = 0, tickets = 0;
  // For the OpenMetrics exposition (ops/overdue_metrics.h): the clocks of
  // tickets and plan items still running and not yet due, by clock and route
  // ("" when none), and the open tickets (not closed) with a clock running,
  // by route. Both after the filters.
  std::map<std::pair<std::string, std::string>, int> running;
  std::map<std::string, int> open_tickets;
};

// Clocks overdue (and due within filter.warn) as of `now`, sorted by deadline.
// A ticket that cannot be read is passed to `unreadable` and counted.
Status FindDue(const Store& store, const Time& now, const DueFilter& filter,
               const ScanOptions& options, const std::function<void(const Status&)>& unreadable,
               DueList* out, DueSummary* summary);

}  // namespace svc
