// The clocks of `svc overdue` as an OpenMetrics exposition
// (format/openmetrics.h) for node_exporter's textfile collector:
//
//   svc_clocks{clock,state,route}   clocks by state: overdue, due (within
//                                   --warn) or running (not yet due)
//   svc_tickets_open{route}         open tickets with a clock running
//   svc_tickets_unreadable          tickets that could not be read
//   svc_overdue_generated_seconds   the moment of the check (`now`)
//
// Every clock of the vocabulary is written in every state for every route of
// svc.toml (zeros too) so that no series vanishes between two scrapes; the
// filters of the check (route, clock) narrow that set as they narrow the
// count. Clocks without a route (plan items, visits) carry route="".
#pragma once

#include <string>

#include "base/timepoint.h"
#include "model/config.h"
#include "ops/overdue.h"

namespace svc {

std::string OverdueOpenMetrics(const Config& config, const DueFilter& filter, const DueList& due,
                               const DueSummary& summary, const Time& now);

}  // namespace svc
