// The report's inline SVG charts (format/svg_chart.h): scales and their
// ticks, labels cut to their room by display width, escaping, empty data,
// and nothing drawn outside the plot.
#include <doctest/doctest.h>

#include <regex>
#include <string>
#include <vector>

#include "base/text.h"
#include "format/svg_chart.h"

using namespace svc;

namespace {

size_t CountOf(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t i = s.find(what); i != std::string::npos; i = s.find(what, i + 1)) ++n;
  return n;
}

// Every rect's attributes as numbers: x, y, width, height.
std::vector<std::vector<double>> Rects(const std::string& svg) {
  static const std::regex rect(
      "<rect x=\"([-0-9.]+)\" y=\"([-0-9.]+)\" width=\"([-0-9.]+)\" height=\"([-0-9.]+)\"");
  std::vector<std::vector<double>> out;
  for (std::sregex_iterator it(svg.begin(), svg.end(), rect), end; it != end; ++it) {
    out.push_back(
        {std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4])});
  }
  return out;
}

}  // namespace

TEST_CASE("CountScale: 0 to max rounded up to a nice whole step") {
  struct Row {
    double max;
    double top;
    std::vector<double> ticks;
  };
  const Row rows[] = {
      {0, 1, {0, 1}},                        // nothing counted: still an axis
      {-3, 1, {0, 1}},                       // never below 0
      {1, 1, {0, 1}},                        // whole steps of at least 1
      {3, 3, {0, 1, 2, 3}},                  //
      {7, 8, {0, 2, 4, 6, 8}},               //
      {10, 10, {0, 2, 4, 6, 8, 10}},         //
      {23, 25, {0, 5, 10, 15, 20, 25}},      //
      {100, 100, {0, 20, 40, 60, 80, 100}},  //
      {1234, 1500, {0, 500, 1000, 1500}},
  };
  for (const Row& r : rows) {
    CAPTURE(r.max);
    Scale s = CountScale(r.max);
    CHECK(s.top == r.top);
    CHECK(s.ticks == r.ticks);
  }
  CHECK(PercentScale().top == 100);
  CHECK(PercentScale().ticks == std::vector<double>{0, 20, 40, 60, 80, 100});
}

TEST_CASE("FitLabel cuts by display width, Chinese counting two columns") {
  CHECK(FitLabel("hardware", 10) == "hardware");
  CHECK(FitLabel("hardware", 5) == "hard…");
  CHECK(FitLabel("国网杭州供电公司", 8) == "国网杭…");
  CHECK(DisplayWidth(FitLabel("国网杭州供电公司", 8)) <= 8);
  CHECK(FitLabel("国网", 4) == "国网");
}

TEST_CASE("ColumnChartSvg: a bar per value, a gap marked for no data, no script") {
  ColumnChart c{"响应 response", {"10月", "11月", "12月"}, {50.0, std::nullopt, 100.0}, true};
  std::string svg = ColumnChartSvg(c);
  CHECK(svg.rfind("<svg ", 0) == 0);
  CHECK(svg.find("</svg>") == svg.size() - 6);
  CHECK(Rects(svg).size() == 2);
  CHECK(CountOf(svg, ">–<") == 1);
  CHECK(svg.find(">100%<") != std::string::npos);  // the top tick
  CHECK(svg.find(">响应 response<") != std::string::npos);
  CHECK(svg.find(">11月<") != std::string::npos);
  CHECK(svg.find("no data") == std::string::npos);
  CHECK(svg.find("<script") == std::string::npos);
  CHECK(svg.find("http") == std::string::npos);
  // The 100% bar reaches the top of the plot, the 50% one half of it.
  auto rects = Rects(svg);
  CHECK(rects[1][3] == doctest::Approx(2 * rects[0][3]));
}

TEST_CASE("ColumnChartSvg: every month empty says no data; none drawn outside the plot") {
  ColumnChart empty{"满意率", {"11月"}, {std::nullopt}, true};
  std::string svg = ColumnChartSvg(empty);
  CHECK(Rects(svg).empty());
  CHECK(svg.find("无数据 no data") != std::string::npos);
  ColumnChart none{"nothing", {}, {}, false};
  CHECK(ColumnChartSvg(none).find("no data") != std::string::npos);

  ColumnChart wild{"t", {"a", "b", "c"}, {-20.0, 0.0, 250.0}, true, 300, 200};
  for (const auto& r : Rects(ColumnChartSvg(wild))) {
    CHECK(r[2] >= 0);
    CHECK(r[3] >= 0);
    CHECK(r[1] >= 0);
    CHECK(r[1] + r[3] <= 200);
    CHECK(r[0] >= 0);
    CHECK(r[0] + r[2] <= 300);
  }
}

TEST_CASE("BarChartSvg: labels escaped and cut, bars within the chart, empty data") {
  BarChart c{"<b>客户</b>",
             {"<script>alert(1)</script>", "国网杭州供电公司国网杭州供电公司", "ok"},
             {3, 12, 0},
             340};
  std::string svg = BarChartSvg(c);
  CHECK(svg.find("<script") == std::string::npos);
  CHECK(svg.find("<b>") == std::string::npos);
  CHECK(svg.find("&lt;b&gt;客户&lt;/b&gt;") != std::string::npos);
  CHECK(svg.find("国网杭州供电公司国网杭州供电公司") == std::string::npos);  // cut to its room
  CHECK(svg.find("国网杭州") != std::string::npos);
  auto rects = Rects(svg);
  REQUIRE(rects.size() == 2);  // a zero is no bar
  for (const auto& r : rects) CHECK(r[0] + r[2] <= 340);
  CHECK(rects[1][2] > rects[0][2]);

  std::string empty = BarChartSvg(BarChart{"按类别", {}, {}, 340});
  CHECK(Rects(empty).empty());
  CHECK(empty.find("无数据 no data") != std::string::npos);
  CHECK(empty.find(">0<") != std::string::npos);  // the axis 0..1 still drawn
}
