#include "format/svg_chart.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "base/text.h"

namespace svc {
namespace {

constexpr int kFont = 11;                  // px, labels
constexpr double kColumnPx = kFont * 0.6;  // one display column, generously
constexpr const char* kBar = "#3b6ea5";    // prints legibly in grey too
constexpr const char* kGrid = "#c8c8c8";
constexpr const char* kNoData = "无数据 no data";
// Grey on a white halo, legible across the grid lines.
constexpr const char* kNoDataStyle =
    " fill=\"#555\" stroke=\"#fff\" stroke-width=\"4\" paint-order=\"stroke\"";

std::string Num(double v) {
  return std::fabs(v - std::round(v)) < 1e-9
             ? fmt::format("{}", static_cast<long long>(std::round(v)))
             : fmt::format("{:.1f}", v);
}

std::string TickText(double v, bool percent) {
  return Num(v) + (percent ? "%" : "");
}

// `v` clamped into [0, top].
double Clamp(double v, double top) {
  if (!(v > 0)) return 0;  // also NaN
  return std::min(v, top);
}

int Columns(double px) {
  return std::max(1, static_cast<int>(px / kColumnPx));
}

std::string Text(double x, double y, const std::string& text, const char* anchor,
                 const char* extra = "") {
  return fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"{}\"{}>{}</text>", x, y, anchor,
                     extra, HtmlText(text));
}

std::string Open(int width, int height, const std::string& title) {
  return fmt::format(
             "<svg class=\"chart\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\" "
             "role=\"img\" font-size=\"{2}\">",
             width, height, kFont) +
         "<title>" + HtmlText(title) + "</title>" +
         Text(0, 13, FitLabel(title, Columns(width)), "start", " font-weight=\"bold\"");
}

}  // namespace

Scale CountScale(double max, int target) {
  Scale s;
  if (!(max > 0)) {
    s.ticks = {0, 1};
    return s;
  }
  double raw = max / std::max(1, target);
  double power = std::pow(10, std::floor(std::log10(raw)));
  double step = 10 * power;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * power >= raw) {
      step = m * power;
      break;
    }
  }
  step = std::max(step, 1.0);  // counts: whole steps
  s.top = std::ceil(max / step - 1e-9) * step;
  for (int i = 0; i * step <= s.top + 1e-9; ++i) s.ticks.push_back(i * step);
  return s;
}

Scale PercentScale() {
  return Scale{100, {0, 20, 40, 60, 80, 100}};
}

std::string FitLabel(const std::string& label, int columns) {
  return Truncate(label, columns);
}

std::string ColumnChartSvg(const ColumnChart& c) {
  const double left = 40, right = 6, top = 24, bottom = 20;
  const double pw = c.width - left - right, ph = c.height - top - bottom;
  std::string out = Open(c.width, c.height, c.title);
  double max = 0;
  bool any = false;
  for (const auto& v : c.values) {
    if (v) any = true, max = std::max(max, *v);
  }
  Scale s = c.percent ? PercentScale() : CountScale(max);
  for (double t : s.ticks) {
    double y = top + ph - t / s.top * ph;
    out +=
        fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\"/>",
                    left, y, left + pw, y, kGrid);
    out += Text(left - 3, y + 4, TickText(t, c.percent), "end");
  }
  const size_t n = c.labels.size();
  const double slot = n ? pw / static_cast<double>(n) : pw;
  for (size_t i = 0; i < n; ++i) {
    double cx = left + slot * (static_cast<double>(i) + 0.5);
    out += Text(cx, top + ph + 14, FitLabel(c.labels[i], Columns(slot)), "middle");
    std::optional<double> v = i < c.values.size() ? c.values[i] : std::nullopt;
    if (!v) {
      out += Text(cx, top + ph - 3, "–", "middle", " fill=\"#888\"");
      continue;
    }
    double h = Clamp(*v, s.top) / s.top * ph, w = slot * 0.6;
    out += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"/>",
        cx - w / 2, top + ph - h, w, h, kBar);
    // The value over its bar (9 px): one decimal, or whole if that is too wide.
    const int room = static_cast<int>(slot / (9 * 0.55));
    std::string value = TickText(std::round(*v * 10) / 10, c.percent);
    if (DisplayWidth(value) > room) value = TickText(std::round(*v), c.percent);
    if (DisplayWidth(value) <= room) {
      out += Text(cx, top + ph - h - 2, value, "middle", " font-size=\"9\"");
    }
  }
  if (!any) out += Text(left + pw / 2, top + ph / 2, kNoData, "middle", kNoDataStyle);
  out +=
      fmt::format("<line x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\" stroke=\"#000\"/>",
                  left, top + ph, left + pw);
  return out + "</svg>";
}

std::string BarChartSvg(const BarChart& c) {
  // The labels' column as wide as the longest label, up to 55% of the chart.
  int columns = 4;
  for (const auto& label : c.labels) columns = std::max(columns, DisplayWidth(label));
  const double row = 18, top = 22, bottom = 18, right = 30;
  const double label_w = std::min(std::ceil(columns * kColumnPx), std::round(c.width * 0.55));
  const size_t n = c.labels.size();
  const double ph = n ? row * static_cast<double>(n) : 2 * row;
  const int height = static_cast<int>(top + ph + bottom);
  std::string out = Open(c.width, height, c.title);
  double max = 0;
  for (double v : c.values) max = std::max(max, v);
  Scale s = CountScale(max);
  const double left = label_w + 4, pw = c.width - left - right;
  for (double t : s.ticks) {
    double x = left + t / s.top * pw;
    out += fmt::format("<line x1=\"{:.1f}\" y1=\"{}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\"/>",
                       x, top, x, top + ph, kGrid);
    out += Text(x, top + ph + 13, TickText(t, false), "middle");
  }
  for (size_t i = 0; i < n; ++i) {
    double y = top + row * static_cast<double>(i);
    double v = i < c.values.size() ? c.values[i] : 0;
    out += Text(label_w, y + 13, FitLabel(c.labels[i], Columns(label_w)), "end");
    double w = Clamp(v, s.top) / s.top * pw;
    if (w > 0)
      out += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\"/>", left,
          y + 3, w, row - 6, kBar);
    out += Text(left + w + 3, y + 13, Num(v), "start", " font-size=\"9\"");
  }
  if (n == 0) out += Text(left + pw / 2, top + ph / 2 + 4, kNoData, "middle", kNoDataStyle);
  out +=
      fmt::format("<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#000\"/>",
                  left, top, top + ph);
  return out + "</svg>";
}

}  // namespace svc
