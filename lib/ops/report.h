// Report: the statistics the procedure asks for over
// a period — monthly statistics, the desk's quarterly report, each service
// department's half-yearly fault analysis (with a route), the annual summary
// and finance's monthly cost figure. Periods are half-open [start, end) in
// the company's time zone; the tickets are judged as of the end of the
// period (or `now`, if earlier) as the records stood at `now`: a step
// entered after the period ended counts in it at its own time (--at), and
// the same --now gives the same report.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/money.h"
#include "base/status.h"
#include "base/timepoint.h"
#include "storage/index.h"
#include "storage/store.h"

namespace svc {

struct Period {
  Time start, end;    // [start, end)
  std::string label;  // "2026-11", "2026-Q4", "2026-H2", "2026", "2026-11-01..2026-11-15"
};

// Exactly one of the forms: month "2026-11", quarter "2026-Q4", half "2026-H2",
// year "2026", or from/to dates (to inclusive). InvalidArgument naming the option.
struct PeriodSpec {
  std::string month, quarter, half, year, from, to;
};
Status ParsePeriod(const PeriodSpec& spec, int offset_minutes, Period* out);

struct ClockFigures {
  int64_t met = 0, breached = 0;  // stopped in the period
  int64_t overdue = 0;            // running past the deadline at the period's end: counted
                        // as breached in the success rate met / (met + breached + overdue)
  std::vector<int64_t> seconds;  // start-to-stop of those stopped in the period
};

struct FeeFigures {
  int64_t quotes = 0;
  Money cost, total, charged;
};

using Counts = std::map<std::string, int64_t>;

struct Report {
  Period period;
  Time as_of;
  std::string route;  // only tickets whose work this department did (WorkedBy), if set
  int64_t opened = 0, closed = 0, voided = 0, backlog = 0, unreadable = 0;
  int64_t reopened = 0;  // tickets reopened in the period, each once
  Counts by_kind, by_category, by_level, by_service, by_route, by_via, by_product, by_customer;
  // tickets opened in the period by each department that did the work
  // (WorkedBy: a ticket sent to two counts for both), and by the cause
  // category of their analysis ("unanalysed", "uncategorised").
  Counts by_worked, by_cause;
  // the survey comments of the period (first recorded in it), in
  // ticket number order, with the latest answers.
  struct Comment {
    std::string ticket, customer;
    Time at;  // the first survey
    std::string satisfaction, comment;
  };
  std::vector<Comment> comments;
  std::map<std::string, ClockFigures> clocks;  // by clock name
  // Month by month (MonthOf, the company's offset) for the html report's
  // charts, from the same scan: each clock's met and breached by the month of
  // its stop, overdue at the period's end in the month of `as_of` (the first
  // month if `now` is before the period; `seconds` left empty); the survey responses by the month
  // of their first recording.
  std::map<std::string, std::map<std::string, ClockFigures>> clocks_by_month;
  struct MonthSatisfaction {
    int64_t responses = 0, satisfied = 0;
  };
  std::map<std::string, MonthSatisfaction> satisfaction_by_month;
  struct {
    int64_t responses = 0, satisfied = 0, attitude_sum = 0, attitude_count = 0;
    Counts answers, damage, cleanliness;
  } satisfaction;
  FeeFigures fees;
  std::map<std::string, FeeFigures> fees_by_route;
  // the actual costs (svc expense) dated in the period, of
  // tickets not void: how many, the total and by item (ExpenseItems()).
  struct {
    int64_t count = 0;
    Money total;
    std::map<std::string, Money> by_item;
  } expenses;
  // nonconformities: warehousings of the period whose event carries a
  // nonconformity note (svc warehouse --nonconformity), as before the reports
  // became records of their own.
  struct {
    int64_t count = 0, major = 0, nonconformities = 0;
    Counts responsibility;
  } quality;
  // d: customer complaints received in the period (tickets opened
  // --complaint).: the follow-ups of unsatisfied surveys and
  // unresolved verifications: answers in the period that called for one,
  // follow-ups made in the period in time and late, and those still
  // awaited at the period's end (whenever the answer was).
  int64_t complaints = 0;
  struct {
    int64_t started = 0, in_time = 0, late = 0, pending = 0;
  } follow_ups;
  // Nonconformity reports (R-4.5.3.1, nonconformities/): filed in the period,
  // closed in it, and open at its end (filed by then, not closed by then).
  // Left at 0 with a route (reports have none).
  struct {
    int64_t filed = 0, closed = 0, open = 0;
  } nonconformities;
  // Customer visits (R-4.6 a): made in the period (the visit's time); their
  // first reports filed in the period; and of the visits made in it, those
  // reported within the visit-report target, reported late, and not reported
  // by the period's end. Left at 0 with a route (visits have none).
  struct {
    int64_t made = 0, reports = 0, in_time = 0, late = 0, unreported = 0;
  } visits;
  // The annual service plan: the approved items whose month falls
  // in the period (cancelled ones left out), served by a ticket opened by the
  // end of their month, served later, and not served by the period's end.
  // Left at 0 with a route.
  struct {
    int64_t due = 0, served = 0, late = 0, unserved = 0;
  } plan;
};

// Scans the store once, ticket by ticket. Unreadable tickets are passed to
// `unreadable`, counted, and left out.
Status BuildReport(const Store& store, const Period& period, const Time& now,
                   const std::string& route, const ScanOptions& options,
                   const std::function<void(const Status&)>& unreadable, Report* out);

// "2026-11": the month of `t` in the period's offset (that of its start).
std::string MonthOf(const Period& p, const Time& t);
// Every month the period touches, first to last ("2026-10", "2026-11", ...).
std::vector<std::string> PeriodMonths(const Period& p);

// The nearest-rank percentile (0-100) of `seconds`; 0 when empty.
int64_t Percentile(std::vector<int64_t> seconds, int percent);

// The report as titled tables of text cells (for text, Markdown and CSV).
struct ReportTable {
  std::string title;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};
std::vector<ReportTable> ReportTables(const Report& r, const Config& config);

// "4.33" for 13 over 3 (two decimals, half-up). REQUIRES: count > 0.
std::string AverageText(int64_t sum, int64_t count);
// "83.3%" for 5 of 6 (one decimal, half-up), "-" when nothing was counted.
std::string PercentText(int64_t numerator, int64_t denominator);

}  // namespace svc
