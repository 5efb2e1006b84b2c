// The fold of a visit record (model/visit.h): the one reader of its
// history, and the two clocks of a.
//
// The visit as it stands — its report, the report's corrections, its notes
// — is derived by replaying the events in time order over the header. The
// fold is also the record's rules: a history not opened by `record`, a
// report before the visit, a second report that is no amendment, an
// amendment with no report to amend or without a reason fail it with the
// reason, so a command validates a new event by folding the history with
// it appended, and `svc check` and the merge driver validate a file the
// same way.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/timepoint.h"
#include "model/config.h"
#include "model/record.h"
#include "rules/clocks.h"

namespace svc {

struct VisitReport {
  Time at;             // when it was filed (the latest amendment's time, if amended)
  Time first;          // when the first report was filed: stops clock visit-report
  std::string by;      // who filed it
  std::string text;    // the report (the latest amendment's)
  int amendments = 0;  // corrections filed after it
};

struct VisitState {
  std::string id;                       // BF-26-11-01
  std::string customer_code, customer;  // the customer's code and name as at the visit
  Time at;                              // when the visit was made
  std::vector<std::string> by;          // who made it
  std::string findings, requests;
  std::vector<std::string> serials;  // units seen
  bool recorded = false;             // the `record` event counted (as of the fold's moment)
  Time recorded_at;                  // the `record` event
  std::string recorded_by;
  std::optional<VisitReport> report;
  std::vector<Event> notes;
  std::vector<Event> history;  // every event counted, in time order
};

// Folds `r` (a record of VisitKind()). With `as_of`, only the events that had
// happened and been recorded by then count (--now). On a refusal, *failed
// (if given) is the refused event's index.
Status FoldVisit(const Record& r, const std::optional<Time>& as_of, VisitState* out,
                 size_t* failed = nullptr);

// "reported" or "unreported".
std::string_view VisitStatus(const VisitState& v);

// Clock visit-report (R-4.6 a): from the visit to its (first) report,
// config.clocks.visit_report (10 days). REQUIRES: v.recorded.
Clock VisitReportClock(const VisitState& v, const Config& config, const Time& now);

// Clock visit (R-4.6 a): a key customer visited at least once a year — from
// `since` (its latest visit, or its customer file's creation) to the next
// visit, config.clocks.visit_months calendar months in the company's time
// zone. Never stopped: the next visit starts the next clock.
Clock KeyCustomerVisitClock(const Time& since, const Config& config, const Time& now);

// `t` plus `months` calendar months in `offset_minutes`, the same time of
// day; a day past the month's end is its last day (01-31 + 1 month: 02-28).
Time AddMonths(const Time& t, int months, int offset_minutes);

}  // namespace svc
