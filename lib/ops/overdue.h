// Overdue: every running clock of the store past its deadline, and those
// due within a warning window — what cron and monitoring ask every few
// minutes. Streams the store ticket by ticket; holds only the clocks found.
#pragma once

#include <functional>
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

struct DueFilter {
  Duration warn;  // 0: overdue only
  std::string route, via, clock;
  int level = 0;  // 0: any
};

struct DueSummary {
  int overdue = 0, due = 0, unreadable = 0, tickets = 0;
};

// Clocks overdue (and due within filter.warn) as of `now`, sorted by deadline.
// A ticket that cannot be read is passed to `unreadable` and counted.
Status FindDue(const Store& store, const Time& now, const DueFilter& filter,
               const ScanOptions& options, const std::function<void(const Status&)>& unreadable,
               std::vector<DueClock>* out, DueSummary* summary);

}  // namespace svc
