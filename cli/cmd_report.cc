// report: the period's statistics as text, Markdown, CSV (RFC 4180), JSON or
// the management review's HTML page.
#include <fmt/format.h>

#include <algorithm>

#include "base/i18n.h"
#include "base/json.h"
#include "base/text.h"
#include "commands.h"
#include "model/vocabulary.h"
#include "ops/filters.h"
#include "ops/report.h"
#include "ops/report_html.h"
#include "rules/clocks.h"

namespace svc::cli {
namespace {

std::string Text(const std::vector<ReportTable>& tables) {
  std::string out;
  for (const auto& t : tables) {
    if (t.rows.empty()) continue;
    out += t.title + "\n";
    std::vector<std::vector<std::string>> rows;
    rows.push_back({});
    for (const auto& h : t.header) rows.back().push_back("  " + h);
    for (const auto& r : t.rows) {
      rows.push_back({});
      for (const auto& cell : r) rows.back().push_back("  " + cell);
    }
    out += FormatTable(rows) + "\n";
  }
  return out;
}

std::string Markdown(const std::vector<ReportTable>& tables, const Report& r) {
  std::string out = TrF("# After-sales service report {}\n\n", r.period.label);
  for (const auto& t : tables) {
    if (t.rows.empty()) continue;
    out += "## " + t.title + "\n\n|";
    for (const auto& h : t.header) out += " " + MarkdownText(h) + " |";
    out += "\n|";
    for (size_t i = 0; i < t.header.size(); ++i) out += i == 0 ? "---|" : "---:|";
    out += "\n";
    for (const auto& row : t.rows) {
      out += "|";
      for (const auto& cell : row) out += " " + MarkdownText(cell) + " |";
      out += "\n";
    }
    out += "\n";
  }
  return out;
}

// One CSV table (RFC 4180, CRLF): every line has the same fields — the
// section, whether the line names the section's columns or holds data, and
// the cells, padded.
std::string Csv(const std::vector<ReportTable>& tables, bool bom) {
  size_t width = 0;
  for (const auto& t : tables) {
    width = std::max(width, t.header.size());
    for (const auto& row : t.rows) width = std::max(width, row.size());
  }
  std::string out = bom ? "\xEF\xBB\xBF" : "";
  auto line = [&](const std::string& section, const char* kind,
                  const std::vector<std::string>& cells) {
    out += CsvField(section) + "," + kind;
    for (size_t i = 0; i < width; ++i) out += "," + (i < cells.size() ? CsvField(cells[i]) : "");
    out += "\r\n";
  };
  std::vector<std::string> columns;
  for (size_t i = 1; i <= width; ++i) columns.push_back(fmt::format("column{}", i));
  line("section", "row", columns);
  for (const auto& t : tables) {
    line(t.title, "header", t.header);
    for (const auto& row : t.rows) line(t.title, "data", row);
  }
  return out;
}

void Counts(JsonWriter& w, std::string_view key, const svc::Counts& c) {
  w.Key(key);
  w.BeginObject();
  for (const auto& [k, v] : c) w.Field(k, v);
  w.EndObject();
}

void RateOrNull(JsonWriter& w, std::string_view key, int64_t n, int64_t d) {
  w.Key(key);
  if (d == 0) {
    w.Null();
  } else {
    w.Ratio(n, d);
  }
}

void Fees(JsonWriter& w, const FeeFigures& f) {
  w.BeginObject();
  w.Field("quotes", f.quotes);
  w.Field("cost", FormatMoney(f.cost));
  w.Field("total", FormatMoney(f.total));
  w.Field("charged", FormatMoney(f.charged));
  w.EndObject();
}

std::string Json(const Report& r, const Config& config) {
  const int off = config.offset_minutes;  // every time in the company's time zone
  JsonWriter w;
  w.BeginObject();
  w.Key("period");
  w.BeginObject();
  w.Field("label", r.period.label);
  w.Field("start", FormatTimeIn(r.period.start, off));
  w.Field("end", FormatTimeIn(r.period.end, off));
  w.EndObject();
  w.Field("as_of", FormatTimeIn(r.as_of, off));
  w.FieldOrNull("route", r.route);
  w.Field("opened", r.opened);
  w.Field("closed", r.closed);
  w.Field("reopened", r.reopened);
  w.Field("voided", r.voided);
  w.Field("backlog", r.backlog);
  w.Field("unreadable", r.unreadable);
  Counts(w, "by_route", r.by_route);
  Counts(w, "by_level", r.by_level);
  Counts(w, "by_category", r.by_category);
  Counts(w, "by_kind", r.by_kind);
  Counts(w, "by_service", r.by_service);
  Counts(w, "by_via", r.by_via);
  Counts(w, "by_product", r.by_product);
  Counts(w, "by_customer", r.by_customer);
  Counts(w, "by_worked", r.by_worked);
  Counts(w, "by_cause", r.by_cause);
  w.Key("comments");
  w.BeginArray();
  for (const Report::Comment& c : r.comments) {
    w.BeginObject();
    w.Field("ticket", c.ticket);
    w.Field("customer", c.customer);
    w.Field("at", FormatTimeIn(c.at, off));
    w.Field("satisfaction", c.satisfaction);
    w.Field("comment", c.comment);
    w.EndObject();
  }
  w.EndArray();
  w.Key("sla");
  w.BeginObject();
  for (std::string_view name : ClockNames()) {
    auto it = r.clocks.find(std::string(name));
    if (it == r.clocks.end()) continue;
    const ClockFigures& f = it->second;
    w.Key(name);
    w.BeginObject();
    w.Field("met", f.met);
    w.Field("breached", f.breached + f.overdue);
    w.Field("overdue_at_end", f.overdue);
    RateOrNull(w, "rate", f.met, f.met + f.breached + f.overdue);
    w.Key("median_seconds");
    f.seconds.empty() ? w.Null() : w.Int(Percentile(f.seconds, 50));
    w.Key("p90_seconds");
    f.seconds.empty() ? w.Null() : w.Int(Percentile(f.seconds, 90));
    w.EndObject();
  }
  w.EndObject();
  const auto& s = r.satisfaction;
  w.Key("satisfaction");
  w.BeginObject();
  w.Field("responses", s.responses);
  w.Field("satisfied", s.satisfied);
  RateOrNull(w, "rate", s.satisfied, s.responses);
  Counts(w, "answers", s.answers);
  Counts(w, "damage", s.damage);
  Counts(w, "cleanliness", s.cleanliness);
  w.Key("attitude_average");
  if (s.attitude_count) {
    w.Ratio(s.attitude_sum, s.attitude_count, 2);
  } else {
    w.Null();
  }
  w.EndObject();
  w.Key("fees");
  w.BeginObject();
  w.Field("quotes", r.fees.quotes);
  w.Field("cost", FormatMoney(r.fees.cost));
  w.Field("total", FormatMoney(r.fees.total));
  w.Field("charged", FormatMoney(r.fees.charged));
  w.Key("by_route");
  w.BeginObject();
  for (const auto& [code, f] : r.fees_by_route) {
    w.Key(code);
    Fees(w, f);
  }
  w.EndObject();
  w.EndObject();
  w.Key("expenses");
  w.BeginObject();
  w.Field("count", r.expenses.count);
  w.Field("total", FormatMoney(r.expenses.total));
  w.Key("by_item");
  w.BeginObject();
  for (const Word& word : ExpenseItems().words()) {
    auto it = r.expenses.by_item.find(std::string(word.stored));
    if (it != r.expenses.by_item.end()) w.Field(word.stored, FormatMoney(it->second));
  }
  w.EndObject();
  w.EndObject();
  w.Key("quality");
  w.BeginObject();
  w.Field("count", r.quality.count);
  w.Field("major", r.quality.major);
  w.Field("nonconformities", r.quality.nonconformities);
  Counts(w, "responsibility", r.quality.responsibility);
  w.EndObject();
  w.Field("complaints", r.complaints);
  w.Key("follow_ups");
  w.BeginObject();
  w.Field("started", r.follow_ups.started);
  w.Field("in_time", r.follow_ups.in_time);
  w.Field("late", r.follow_ups.late);
  w.Field("pending", r.follow_ups.pending);
  w.EndObject();
  w.Key("visits");
  w.BeginObject();
  w.Field("made", r.visits.made);
  w.Field("reports", r.visits.reports);
  w.Field("in_time", r.visits.in_time);
  w.Field("late", r.visits.late);
  w.Field("unreported", r.visits.unreported);
  w.EndObject();
  w.Key("nonconformities");
  w.BeginObject();
  w.Field("filed", r.nonconformities.filed);
  w.Field("closed", r.nonconformities.closed);
  w.Field("open", r.nonconformities.open);
  w.EndObject();
  w.Key("annual_plan");
  w.BeginObject();
  w.Field("due", r.plan.due);
  w.Field("served", r.plan.served);
  w.Field("late", r.plan.late);
  w.Field("unserved", r.plan.unserved);
  w.EndObject();
  w.EndObject();
  return w.Take();
}

}  // namespace

int RunReport(Context& ctx, const ReportOptions& o) {
  Status s = ctx.OpenStore();
  if (!s.ok()) return Fail(s);
  Period period;
  if (!(s = ParsePeriod(PeriodSpec{o.month, o.quarter, o.half, o.year, o.from, o.to},
                        ctx.store().config().offset_minutes, &period))
           .ok()) {
    return Fail(s);
  }
  const FilterValue filters[] = {{"--route", FilterOn::kDepartment, o.route}};
  if (!(s = CheckFilters(ctx.store().config(), filters)).ok()) return Fail(s);
  if (o.bom && o.format != "csv")
    return Fail(Status::InvalidArgument(_("--bom goes with --format csv")));
  if (!(s = JsonAndFormat(ctx, o.format)).ok()) return Fail(s);
  Time now;
  if (!(s = ctx.Now(&now)).ok()) return Fail(s);
  Report r;
  s = BuildReport(
      ctx.store(), period, now, o.route, ctx.Scan(),
      [](const Status& e) { fmt::print(stderr, "svc: {}\n", EscapeControls(e.message())); }, &r);
  if (!s.ok()) return Fail(s);
  std::string format = ctx.json() ? "json" : o.format;
  if (format == "json") {
    fmt::print("{}", Json(r, ctx.store().config()));
  } else if (format == "html") {
    fmt::print("{}", ReportHtml(r, ctx.store().config()));
  } else if (format == "csv") {
    EnglishScope english;  // a spreadsheet's sections, headings and labels are its keys
    fmt::print("{}", Csv(ReportTables(r, ctx.store().config()), o.bom));
  } else {
    std::vector<ReportTable> tables = ReportTables(r, ctx.store().config());
    fmt::print("{}", format == "md" ? Markdown(tables, r) : Text(tables));
  }
  if (r.unreadable) {
    fmt::print(stderr, "svc: {}\n",
               r.unreadable == 1
                   ? TrF("{} ticket file could not be read and is left out", r.unreadable)
                   : TrF("{} ticket files could not be read and are left out", r.unreadable));
    return 1;
  }
  return 0;
}

}  // namespace svc::cli
