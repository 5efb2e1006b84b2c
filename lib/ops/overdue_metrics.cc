#include "ops/overdue_metrics.h"

#include <array>
#include <set>
#include <tuple>

#include "format/openmetrics.h"
#include "model/vocabulary.h"

namespace svc {
namespace {

constexpr std::array<std::string_view, 3> kStates = {"overdue", "due", "running"};

// Count of (clock, route) in each state, in kStates's order.
using Counts = std::map<std::pair<std::string, std::string>, std::array<int64_t, 3>>;

Counts CountClocks(const Config& config, const DueFilter& filter, const DueList& due,
                   const DueSummary& summary) {
  Counts counts;
  // The zeros first: every clock asked for, on every route asked for.
  for (const std::string& clock : Clocks().Stored()) {
    if (!filter.clock.empty() && clock != filter.clock) continue;
    for (const Department& d : config.departments) {
      if (!filter.route.empty() && d.code != filter.route) continue;
      counts[{clock, d.code}];
    }
  }
  due.ForEach([&](const DueClock& d) { ++counts[{d.clock.name, d.route}][d.overdue ? 0 : 1]; });
  for (const auto& [key, n] : summary.running) counts[key][2] += n;
  return counts;
}

}  // namespace

std::string OverdueOpenMetrics(const Config& config, const DueFilter& filter, const DueList& due,
                               const DueSummary& summary, const Time& now) {
  OpenMetricsWriter w;
  w.Family("svc_clocks", "gauge",
           "Clocks of the procedure by state: overdue, due within --warn, or running and not yet "
           "due.");
  for (const auto& [key, n] : CountClocks(config, filter, due, summary)) {
    for (size_t i = 0; i < kStates.size(); ++i) {
      w.Sample("svc_clocks",
               {{"clock", key.first}, {"state", std::string(kStates[i])}, {"route", key.second}},
               n[i]);
    }
  }
  std::map<std::string, int> open = summary.open_tickets;
  for (const Department& d : config.departments) {
    if (filter.route.empty() || d.code == filter.route) open[d.code];
  }
  w.Family("svc_tickets_open", "gauge", "Open tickets with a clock running, by route.");
  for (const auto& [route, n] : open) w.Sample("svc_tickets_open", {{"route", route}}, n);
  w.Family("svc_tickets_unreadable", "gauge", "Tickets and files the check could not read.");
  w.Sample("svc_tickets_unreadable", {}, summary.unreadable);
  w.Family("svc_overdue_generated_seconds", "gauge",
           "The moment of the check (svc overdue --now), in seconds since the epoch.", "seconds");
  w.Sample("svc_overdue_generated_seconds", {}, now.secs);
  return w.Finish();
}

}  // namespace svc
