// The report as one self-contained, print-ready HTML page for the general
// manager's management review (R-4.6 c; `svc report --format html`): a
// title with the company, the period and "as of"; charts drawn as inline
// SVG (format/svg_chart.h) — each clock's success rate month by month,
// tickets opened by fault level and by category, the survey's answers and
// the satisfaction rate by month; then every table of ReportTables, whatever
// tables it holds. No script, nothing fetched: the CSS is inline, A4 print
// rules keep a table or a chart on one page. Every text from the records or
// svc.toml is HTML-escaped.
#pragma once

#include <string>

#include "model/config.h"
#include "ops/report.h"

namespace svc {

std::string ReportHtml(const Report& r, const Config& config);

}  // namespace svc
