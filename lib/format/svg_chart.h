// Charts drawn as inline SVG for the printed reports (svc report --format
// html): pure functions, figures in, one `<svg>` element out — no script, no
// external font or image, every label HTML-escaped (HtmlText) and cut to
// the room it has by its display width (CJK characters count two columns,
// base/text.h), so a long Chinese name never runs out of the picture.
//
// Two kinds: columns over months (a series per clock or per figure, a
// missing value is a gap marked "–", never a bar at 0) and horizontal bars
// over categories (counts). Values below 0 are drawn at 0 and values above
// the scale's top at the top: nothing is drawn outside the plot.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace svc {

// A linear axis from 0 to `top`, labelled at `ticks` (0 first, `top` last).
struct Scale {
  double top = 1;
  std::vector<double> ticks;
};

// 0 to `max` rounded up to a nice step (1, 2 or 5 times a power of ten;
// whole steps of at least 1 for counts), about `target` steps. A max of 0
// or below (or not a number) gives 0..1.
Scale CountScale(double max, int target = 5);
// 0% to 100% in steps of 20.
Scale PercentScale();

// Cuts `label` to at most `columns` display columns, ending in "…" when cut.
std::string FitLabel(const std::string& label, int columns);

// Columns over the x labels (e.g. months): one value per label, nullopt
// where there is no data (a gap, marked "–").
struct ColumnChart {
  std::string title;
  std::vector<std::string> labels;
  std::vector<std::optional<double>> values;  // same size as labels
  bool percent = false;                       // 0-100 % axis, else counts
  int width = 340, height = 150;              // px of the viewBox
};
std::string ColumnChartSvg(const ColumnChart& chart);

// Horizontal bars, one per labelled count, the labels on the left.
struct BarChart {
  std::string title;
  std::vector<std::string> labels;
  std::vector<double> values;  // same size as labels
  int width = 340;             // px; the height follows the number of bars
};
std::string BarChartSvg(const BarChart& chart);

}  // namespace svc
