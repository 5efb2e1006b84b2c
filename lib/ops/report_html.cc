#include "ops/report_html.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <optional>

#include "base/text.h"
#include "format/svg_chart.h"
#include "model/vocabulary.h"
#include "rules/clocks.h"

namespace svc {
namespace {

constexpr const char* kStyle = R"(<style>
@page { size: A4; margin: 12mm 12mm 14mm }
* { box-sizing: border-box }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact }
body { margin: 0; color: #000; background: #fff; font-size: 9.5pt; line-height: 1.3;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC",
    "Hiragino Sans GB", "Microsoft YaHei", SimSun, sans-serif }
@media screen { body { max-width: 186mm; margin: 10mm auto; padding: 0 4mm } }
header { text-align: center; margin-bottom: 4mm; border-bottom: 2px solid #000; padding-bottom: 2mm }
.company { font-size: 11pt }
h1 { font-size: 17pt; margin: 1mm 0; letter-spacing: .1em }
h1 small { display: block; font-size: 9pt; font-weight: normal; letter-spacing: 0; color: #333 }
.meta { display: flex; justify-content: center; flex-wrap: wrap; gap: 1mm 6mm; font-size: 9pt }
h2 { font-size: 12pt; margin: 5mm 0 2mm; border-bottom: 1.5px solid #000;
  break-after: avoid; page-break-after: avoid }
h2 small, h3 small { font-weight: normal; color: #333; margin-left: 2mm; font-size: 8pt }
h3 { font-size: 10pt; margin: 0 0 1mm }
.charts { display: flex; flex-wrap: wrap; gap: 3mm 4%; }
figure { margin: 0; width: 48%; break-inside: avoid; page-break-inside: avoid }
figure.wide { width: 100% }
svg.chart { display: block; width: 100%; height: auto; overflow: hidden }
.note { font-size: 8pt; color: #333; margin: 1mm 0 }
section.table { break-inside: avoid; page-break-inside: avoid; margin-bottom: 3mm }
table { width: auto; min-width: 60%; max-width: 100%; border-collapse: collapse; font-size: 8.5pt }
th, td { border: 1px solid #000; padding: .6mm 1.5mm; text-align: left; overflow-wrap: anywhere }
th { background: #eee; font-weight: bold }
td.num, th.num { text-align: right; white-space: nowrap }
tr { break-inside: avoid; page-break-inside: avoid }
td.none { text-align: center; color: #555 }
.tables { break-before: page; page-break-before: always }
</style>
)";

// A figure (a count, an amount, a rate, a duration such as 1h30m, "-").
bool IsFigure(std::string_view cell) {
  return !cell.empty() && cell.find_first_not_of("0123456789.,%-+:dhms ") == std::string::npos;
}

// Columns of figures only are aligned right, headings included; the first
// column (what a row counts) and any text wrap on the left.
std::vector<bool> FigureColumns(const ReportTable& t) {
  std::vector<bool> figures(t.header.size(), !t.rows.empty());
  if (!figures.empty()) figures[0] = false;
  for (const auto& row : t.rows) {
    for (size_t i = 1; i < figures.size(); ++i) {
      figures[i] = figures[i] && i < row.size() && IsFigure(row[i]);
    }
  }
  return figures;
}

std::string Row(const std::vector<std::string>& cells, const std::vector<bool>& figures,
                const char* tag) {
  std::string out = "<tr>";
  for (size_t i = 0; i < cells.size(); ++i) {
    bool figure = i < figures.size() && figures[i];
    out +=
        fmt::format("<{0}{1}>{2}</{0}>", tag, figure ? " class=\"num\"" : "", HtmlText(cells[i]));
  }
  return out + "</tr>\n";
}

std::string Table(const ReportTable& t) {
  const std::vector<bool> figures = FigureColumns(t);
  std::string out = "<section class=\"table\"><h3>" + HtmlText(t.title) + "</h3>\n<table>\n";
  out += "<thead>" + Row(t.header, figures, "th") + "</thead>\n<tbody>\n";
  for (const auto& row : t.rows) out += Row(row, figures, "td");
  if (t.rows.empty()) {
    out += fmt::format("<tr><td class=\"none\" colspan=\"{}\">无数据 no data</td></tr>\n",
                       std::max<size_t>(1, t.header.size()));
  }
  return out + "</tbody></table></section>\n";
}

std::string Figure(const std::string& svg, bool wide = false) {
  return std::string(wide ? "<figure class=\"wide\">" : "<figure>") + svg + "</figure>\n";
}

// The months' labels, short enough for a year's twelve columns: "11月" for
// up to six months of one year, "26-11" for up to six across a year's end,
// else the month's number (the header says the period).
std::vector<std::string> MonthLabels(const std::vector<std::string>& months) {
  bool one_year = months.empty() || months.front().substr(0, 4) == months.back().substr(0, 4);
  std::vector<std::string> labels;
  for (const auto& m : months) {
    std::string number = std::to_string(std::stoi(m.substr(5)));
    labels.push_back(months.size() > 6 ? number : one_year ? number + "月" : m.substr(2));
  }
  return labels;
}

std::optional<double> Rate(int64_t n, int64_t d) {
  if (d <= 0) return std::nullopt;
  return 100.0 * static_cast<double>(n) / static_cast<double>(d);
}

std::string WordLabel(const Vocabulary& v, const std::string& stored) {
  std::string_view zh = v.Zh(stored);
  return zh == stored ? stored : std::string(zh) + " " + stored;
}

// R-4.6 c: each clock's success rate, month by month; a clock with no
// figure in any month of the period is named in a note instead.
std::string ClockCharts(const Report& r, const std::vector<std::string>& months) {
  std::string out, idle;
  for (std::string_view name : ClockNames()) {
    ColumnChart c{WordLabel(Clocks(), std::string(name)), MonthLabels(months), {}, true};
    bool any = false;
    for (const auto& m : months) {
      std::optional<double> v;
      auto month = r.clocks_by_month.find(m);
      if (month != r.clocks_by_month.end()) {
        auto it = month->second.find(std::string(name));
        if (it != month->second.end()) {
          const ClockFigures& f = it->second;
          v = Rate(f.met, f.met + f.breached + f.overdue);
        }
      }
      any = any || v.has_value();
      c.values.push_back(v);
    }
    if (any) {
      out += Figure(ColumnChartSvg(c));
    } else if (r.clocks.count(std::string(name))) {
      idle += (idle.empty() ? "" : ", ") + std::string(name);
    }
  }
  if (out.empty())
    out = Figure(ColumnChartSvg({"时限 time limits", MonthLabels(months),
                                 std::vector<std::optional<double>>(months.size()), true}));
  out = "<div class=\"charts\">\n" + out + "</div>\n";
  if (!idle.empty())
    out += "<p class=\"note\">无数据 no data in the period: " + HtmlText(idle) + "</p>\n";
  return out;
}

BarChart CountChart(const std::string& title, const Counts& counts,
                    const std::function<std::string(const std::string&)>& label) {
  BarChart c{title, {}, {}};
  for (const auto& [k, v] : counts) {
    c.labels.push_back(label(k));
    c.values.push_back(static_cast<double>(v));
  }
  return c;
}

std::string OpenedCharts(const Report& r, const Config& config) {
  auto level = [&](const std::string& k) {
    int n = std::atoi(k.c_str());
    const FaultLevel* l = n ? config.FindLevel(n) : nullptr;
    return l ? fmt::format("{}级 level {}", n, n) : k;
  };
  auto category = [](const std::string& k) { return WordLabel(Categories(), k); };
  return "<div class=\"charts\">\n" +
         Figure(BarChartSvg(CountChart("按故障等级 by fault level", r.by_level, level))) +
         Figure(BarChartSvg(CountChart("按类别 by category", r.by_category, category))) +
         "</div>\n";
}

std::string SatisfactionCharts(const Report& r, const std::vector<std::string>& months) {
  BarChart answers{"调查结果 answers", {}, {}};
  for (const Word& w : Satisfaction().words()) {
    auto it = r.satisfaction.answers.find(std::string(w.stored));
    answers.labels.push_back(WordLabel(Satisfaction(), std::string(w.stored)));
    answers.values.push_back(it == r.satisfaction.answers.end() ? 0
                                                                : static_cast<double>(it->second));
  }
  ColumnChart rate{"满意率（按月） satisfaction rate by month", MonthLabels(months), {}, true};
  for (const auto& m : months) {
    auto it = r.satisfaction_by_month.find(m);
    rate.values.push_back(it == r.satisfaction_by_month.end()
                              ? std::nullopt
                              : Rate(it->second.satisfied, it->second.responses));
  }
  return "<div class=\"charts\">\n" + Figure(BarChartSvg(answers)) + Figure(ColumnChartSvg(rate)) +
         "</div>\n";
}

}  // namespace

std::string ReportHtml(const Report& r, const Config& config) {
  const int off = config.offset_minutes;
  const std::vector<std::string> months = PeriodMonths(r.period);
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>售后服务管理评审报告 " +
      HtmlText(r.period.label) + "</title>\n" + kStyle + "</head>\n<body>\n<header>\n";
  if (!config.company.empty())
    out += "<div class=\"company\">" + HtmlText(config.company) + "</div>\n";
  out += "<h1>售后服务管理评审报告<small>After-sales service management review</small></h1>\n";
  out += "<div class=\"meta\"><span>期间 period: <b>" + HtmlText(r.period.label) + "</b> (" +
         HtmlText(FormatTimeIn(r.period.start, off)) + " – " +
         HtmlText(FormatTimeIn(r.period.end, off)) + ")</span>";
  if (!r.route.empty()) out += "<span>部门 route: <b>" + HtmlText(r.route) + "</b></span>";
  out += "<span>截至 as of: " + HtmlText(FormatTimeIn(r.as_of, off)) + "</span></div>\n</header>\n";
  out += "<h2>时限达标率（按月）<small>time limits met, month by month (R-4.6 c)</small></h2>\n";
  out += ClockCharts(r, months);
  out += "<h2>受理<small>tickets opened</small></h2>\n" + OpenedCharts(r, config);
  out +=
      "<h2>顾客满意度<small>satisfaction (R-4.5.1)</small></h2>\n" + SatisfactionCharts(r, months);
  out += "<div class=\"tables\">\n<h2>统计表<small>tables</small></h2>\n";
  for (const ReportTable& t : ReportTables(r, config)) out += Table(t);
  return out + "</div>\n</body>\n</html>\n";
}

}  // namespace svc
