// The OpenMetrics exposition (format/openmetrics.h): escaping of label values
// and help text, the family's metadata lines, and the closing # EOF.
#include <doctest/doctest.h>

#include <string>

#include "format/openmetrics.h"

using namespace svc;

TEST_CASE("openmetrics: label values escape backslash, quote and line feed only") {
  CHECK(EscapeLabelValue("SC") == "SC");
  CHECK(EscapeLabelValue(R"(a\b)") == R"(a\\b)");
  CHECK(EscapeLabelValue(R"(say "hi")") == R"(say \"hi\")");
  CHECK(EscapeLabelValue("two\nlines") == R"(two\nlines)");
  CHECK(EscapeLabelValue("生产部 {x=1},") == "生产部 {x=1},");
}

TEST_CASE("openmetrics: a family's TYPE, HELP and UNIT, its samples, then # EOF") {
  OpenMetricsWriter w;
  w.Family("svc_clocks", "gauge", "Clocks by \"state\"\nand route \\ here.");
  w.Sample("svc_clocks", {{"clock", "response"}, {"state", "overdue"}, {"route", "S\"C"}}, 3);
  w.Family("svc_overdue_generated_seconds", "gauge", "The moment.", "seconds");
  w.Sample("svc_overdue_generated_seconds", {}, 1795000000);
  CHECK(w.Finish() ==
        "# TYPE svc_clocks gauge\n"
        "# HELP svc_clocks Clocks by \\\"state\\\"\\nand route \\\\ here.\n"
        "svc_clocks{clock=\"response\",state=\"overdue\",route=\"S\\\"C\"} 3\n"
        "# TYPE svc_overdue_generated_seconds gauge\n"
        "# HELP svc_overdue_generated_seconds The moment.\n"
        "# UNIT svc_overdue_generated_seconds seconds\n"
        "svc_overdue_generated_seconds 1795000000\n"
        "# EOF\n");
}

TEST_CASE("openmetrics: an empty exposition is just # EOF") {
  OpenMetricsWriter w;
  CHECK(w.Finish() == "# EOF\n");
}
