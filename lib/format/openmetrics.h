// OpenMetrics: the text exposition of Prometheus's OpenMetrics 1.0
// (https://prometheus.io/docs/specs/om/open_metrics_spec/), for
// node_exporter's textfile collector. A family is opened with its
// `# TYPE`, `# HELP` and, when it has one, `# UNIT` lines; its samples
// follow; `# EOF` ends the exposition. Label values are escaped (\\, \",
// \n); HELP text likewise (\\, \n, and \" for symmetry with the parser).
// Pure: builds a string, prints nothing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace svc {

// A label's value as the exposition writes it between quotes.
std::string EscapeLabelValue(std::string_view value);

using MetricLabels = std::vector<std::pair<std::string, std::string>>;

class OpenMetricsWriter {
 public:
  // REQUIRES: `name` ends in "_" + unit when a unit is given (the spec's rule).
  void Family(std::string_view name, std::string_view type, std::string_view help,
              std::string_view unit = "");
  void Sample(std::string_view name, const MetricLabels& labels, int64_t value);
  // Appends `# EOF` and returns the exposition.
  std::string Finish();

 private:
  std::string out_;
};

}  // namespace svc
