#include "ops/report.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/i18n.h"
#include "model/values.h"
#include "model/vocabulary.h"
#include "ops/annual_plan.h"
#include "ops/nonconformity.h"
#include "ops/visits.h"
#include "rules/annual_plan.h"
#include "rules/clocks.h"
#include "rules/state.h"
#include "rules/visit.h"
#include "storage/index.h"

namespace svc {
namespace {

bool In(const Period& p, const Time& t) {
  return t.secs >= p.start.secs && t.secs < p.end.secs;
}

Status ParseYear(std::string_view text, std::string_view field, int* year) {
  if (text.size() != 4 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return Status::InvalidField(field, TrF(": '{}' is not a year like 2026", text));
  }
  *year = std::stoi(std::string(text));
  return CheckYear(*year).ForField(field);
}

// [first month, first month + months) of `year`.
Period Months(int year, int first, int months, int offset, std::string label) {
  int end_year = year + (first - 1 + months) / 12;
  int end_month = (first - 1 + months) % 12 + 1;
  return Period{StartOfDay(Date{year, first, 1}, offset),
                StartOfDay(Date{end_year, end_month, 1}, offset), std::move(label)};
}

void Count(Counts& c, const std::string& key) {
  ++c[key.empty() ? "-" : key];
}

// The report's counts and sums, one ticket summary added at a time.
class Tally {
 public:
  explicit Tally(Report* r) : r_(*r) {}
  void Add(const TicketSummary& t);

 private:
  void Clocks(const TicketSummary& t);
  void Fees(const TicketSummary& t);
  Report& r_;
};

void Tally::Add(const TicketSummary& t) {
  const Period& p = r_.period;
  if (In(p, t.received)) {
    ++r_.opened;
    bool classified = !t.kind.empty();
    Count(r_.by_kind, classified ? t.kind : "unclassified");
    Count(r_.by_category, classified ? t.category : "unclassified");
    Count(r_.by_level, t.level ? std::to_string(t.level) : "unjudged");
    Count(r_.by_service, classified ? (t.service.empty() ? "none" : t.service) : "unclassified");
    Count(r_.by_route, classified ? t.route : "unclassified");
    std::vector<std::string> worked = WorkedBy(t);
    if (worked.empty()) worked.push_back("unclassified");
    for (const std::string& dept : worked) Count(r_.by_worked, dept);
    // (An analysis always names a responsibility, "undetermined" at least.)
    Count(r_.by_cause, t.responsibility.empty()   ? "unanalysed"
                       : t.cause_category.empty() ? "uncategorised"
                                                  : t.cause_category);
    Count(r_.by_via, t.via);
    Count(r_.by_product, t.product);
    Count(r_.by_customer, t.customer);
    if (t.complaint) ++r_.complaints;
    if (t.kind == word::kQuality) {
      ++r_.quality.count;
      if (t.major) ++r_.quality.major;
      Count(r_.quality.responsibility,
            t.responsibility.empty() ? std::string(word::kUndetermined) : t.responsibility);
    }
  }
  if (t.closed && In(p, *t.closed)) {
    ++r_.closed;
    Fees(t);
  }
  if (t.voided && In(p, *t.voided)) ++r_.voided;
  for (int64_t reopen : t.reopens) {
    if (reopen >= p.start.secs && reopen < p.end.secs) {
      ++r_.reopened;
      break;
    }
  }
  if (t.received.secs < p.end.secs && !t.closed && !t.voided) ++r_.backlog;
  // The survey counts in the period of its first recording, with its latest answers.
  if (t.surveyed && In(p, *t.surveyed)) {
    auto& s = r_.satisfaction;
    ++s.responses;
    Count(s.answers, t.satisfaction);
    if (t.satisfaction == word::kSatisfied) ++s.satisfied;
    auto& month = r_.satisfaction_by_month[MonthOf(p, *t.surveyed)];
    ++month.responses;
    if (t.satisfaction == word::kSatisfied) ++month.satisfied;
    if (t.attitude) {
      s.attitude_sum += t.attitude;
      ++s.attitude_count;
    }
    if (!t.damage.empty()) Count(s.damage, t.damage);
    if (!t.cleanliness.empty()) Count(s.cleanliness, t.cleanliness);
    if (!t.comment.empty()) {
      r_.comments.push_back({t.id, t.customer, *t.surveyed, t.satisfaction, t.comment});
    }
  }
  for (int64_t at : t.nonconformities) {
    if (at >= p.start.secs && at < p.end.secs) ++r_.quality.nonconformities;
  }
  if (!t.voided) {
    for (const TicketSummary::Spent& x : t.expenses) {
      if (x.at < p.start.secs || x.at >= p.end.secs) continue;
      auto& e = r_.expenses;
      ++e.count;
      AddMoney(e.total, Money{x.fen}, &e.total);
      Money& item =
          e.by_item[std::string(ExpenseItems().words()[static_cast<size_t>(x.item)].stored)];
      AddMoney(item, Money{x.fen}, &item);
    }
  }
  if (!t.voided) Clocks(t);
}

void Tally::Clocks(const TicketSummary& t) {
  for (const Clock& c : t.clocks) {
    if (c.name == "follow-up") {
      auto& f = r_.follow_ups;
      if (In(r_.period, c.start)) ++f.started;
      if (c.stop && In(r_.period, *c.stop)) {
        ++(c.stop->secs <= c.deadline.secs ? f.in_time : f.late);
      } else if (!c.stop && c.start.secs < r_.period.end.secs) {
        ++f.pending;
      }
    }
    ClockFigures& f = r_.clocks[c.name];
    if (c.stop && In(r_.period, *c.stop)) {
      bool met = StateAt(c, r_.as_of) == ClockState::kMet;
      ++(met ? f.met : f.breached);
      f.seconds.push_back(c.stop->secs - c.start.secs);
      ClockFigures& m = r_.clocks_by_month[MonthOf(r_.period, *c.stop)][c.name];
      ++(met ? m.met : m.breached);
    } else if (StateAt(c, r_.as_of) == ClockState::kOverdue) {
      ++f.overdue;
      // In the month of as_of, the period's start if now is before it.
      const Time& end = Before(r_.as_of, r_.period.start) ? r_.period.start : r_.as_of;
      ++r_.clocks_by_month[MonthOf(r_.period, end)][c.name].overdue;
    }
  }
}

void Tally::Fees(const TicketSummary& t) {
  if (!t.quoted) return;
  for (FeeFigures* f : {&r_.fees, &r_.fees_by_route[t.route.empty() ? "-" : t.route]}) {
    ++f->quotes;
    AddMoney(f->cost, t.quote_cost, &f->cost);
    AddMoney(f->total, t.quote_total, &f->total);
    AddMoney(f->charged, t.quote_charged, &f->charged);
  }
}

// A time for people, rounded half-up to the minute ("1h5m", not "1h4m31s").
std::string ToTheMinute(int64_t secs) {
  return FormatDuration(Duration{(secs + 30) / 60 * 60});
}

// A count's key as the tables show it: the report's own words for a ticket
// with none (as the JSON keys have them) in the interface's language.
std::string CountLabel(const std::string& key) {
  static constexpr const char* kOwn[] = {N_("unclassified"), N_("unjudged"), N_("none"),
                                         N_("unanalysed"), N_("uncategorised")};
  for (const char* own : kOwn) {
    if (key == own) return _(own);
  }
  return key;
}

// The rows of `c`; the keys of `words` (kinds, categories …) as people read them.
std::vector<std::vector<std::string>> CountRows(const Counts& c, size_t limit = 0,
                                                const Vocabulary* words = nullptr) {
  std::vector<std::pair<std::string, int64_t>> items(c.begin(), c.end());
  if (limit) {
    std::stable_sort(items.begin(), items.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    if (items.size() > limit) items.resize(limit);
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& [k, v] : items) {
    std::string label = words && words->Has(k) ? std::string(words->Shown(k)) : CountLabel(k);
    rows.push_back({std::move(label), std::to_string(v)});
  }
  return rows;
}

}  // namespace

Status ParsePeriod(const PeriodSpec& s, int offset, Period* out) {
  int given = !s.month.empty() + !s.quarter.empty() + !s.half.empty() + !s.year.empty() +
              (!s.from.empty() || !s.to.empty());
  if (given != 1) {
    return Status::InvalidFields(_(
        "give exactly one period: {month} 2026-11, {quarter} 2026-Q4, {half} 2026-H2, {year} 2026 "
        "or {from} DATE {to} DATE"));
  }
  int year = 0;
  if (!s.month.empty()) {
    Date d;
    if (s.month.size() != 7 || !ParseDate(s.month + "-01", &d).ok()) {
      return Status::InvalidField("month", TrF(": '{}' is not a month like 2026-11", s.month));
    }
    SVC_RETURN_IF_ERROR(CheckYear(d.year).ForField("month"));
    *out = Months(d.year, d.month, 1, offset, s.month);
  } else if (!s.quarter.empty()) {
    if (s.quarter.size() != 7 || s.quarter.substr(4, 2) != "-Q" || s.quarter[6] < '1' ||
        s.quarter[6] > '4') {
      return Status::InvalidField("quarter",
                                  TrF(": '{}' is not a quarter like 2026-Q4", s.quarter));
    }
    SVC_RETURN_IF_ERROR(ParseYear(s.quarter.substr(0, 4), "quarter", &year));
    *out = Months(year, (s.quarter[6] - '1') * 3 + 1, 3, offset, s.quarter);
  } else if (!s.half.empty()) {
    if (s.half.size() != 7 || s.half.substr(4, 2) != "-H" ||
        (s.half[6] != '1' && s.half[6] != '2')) {
      return Status::InvalidField("half", TrF(": '{}' is not a half year like 2026-H2", s.half));
    }
    SVC_RETURN_IF_ERROR(ParseYear(s.half.substr(0, 4), "half", &year));
    *out = Months(year, s.half[6] == '1' ? 1 : 7, 6, offset, s.half);
  } else if (!s.year.empty()) {
    SVC_RETURN_IF_ERROR(ParseYear(s.year, "year", &year));
    *out = Months(year, 1, 12, offset, s.year);
  } else {
    if (s.from.empty() || s.to.empty()) {
      return Status::InvalidFields(_("{from} and {to} go together"));
    }
    Date from, to;
    SVC_RETURN_IF_ERROR(ParseUserDate(s.from, &from).ForField("from"));
    SVC_RETURN_IF_ERROR(ParseUserDate(s.to, &to).ForField("to"));
    if (to < from) return Status::InvalidFields(_("{to} is before {from}"));
    *out = Period{StartOfDay(from, offset), StartOfDay(DateFromDays(DaysFromDate(to) + 1), offset),
                  s.from + ".." + s.to};
  }
  return Status::OK();
}

namespace {

bool InPeriod(const Period& p, int64_t secs) {
  return secs >= p.start.secs && secs < p.end.secs;
}

// The visits and the plan's items (a few hundred files a year, read whole),
// as the records stand at `now`, judged at r->as_of.
Status CountVisitsAndPlan(const Store& store, const Time& now, Report* r) {
  const Config& config = store.config();
  const int64_t end = r->as_of.secs;
  std::vector<VisitState> visits;
  SVC_RETURN_IF_ERROR(LoadVisits(store, now, &visits));
  for (const VisitState& v : visits) {
    std::optional<Time> reported;
    if (v.report && v.report->first.secs <= end) reported = v.report->first;
    if (reported && InPeriod(r->period, reported->secs)) ++r->visits.reports;
    if (!InPeriod(r->period, v.at.secs) || v.at.secs > end) continue;
    ++r->visits.made;
    if (!reported) {
      ++r->visits.unreported;
    } else if (reported->secs <= VisitReportClock(v, config, now).deadline.secs) {
      ++r->visits.in_time;
    } else {
      ++r->visits.late;
    }
  }
  std::vector<PlanState> plans;
  SVC_RETURN_IF_ERROR(LoadPlans(store, now, &plans));
  for (const PlanState& plan : plans) {
    for (const PlanItem& it : plan.items) {
      if (it.cancelled || !it.approved || it.approved->secs > end) continue;
      Time month = StartOfDay(Date{plan.year, it.month, 1}, config.offset_minutes);
      if (!InPeriod(r->period, month.secs)) continue;
      Date next = it.month == 12 ? Date{plan.year + 1, 1, 1} : Date{plan.year, it.month + 1, 1};
      int64_t deadline = StartOfDay(next, config.offset_minutes).secs;
      ++r->plan.due;
      if (!it.served || it.served->secs > end) {
        ++r->plan.unserved;
      } else if (it.served->secs < deadline) {
        ++r->plan.served;
      } else {
        ++r->plan.late;
      }
    }
  }
  return Status::OK();
}

// The nonconformity reports (a few a week): the months' folders up to the
// period's end only, as the records stand at `now`, judged at r->as_of.
Status CountNonconformities(const Store& store, const Time& now, Report* r) {
  const int64_t end = r->as_of.secs;
  std::vector<NonconformityState> list;
  SVC_RETURN_IF_ERROR(LoadNonconformities(store, now, &list, r->as_of));
  for (const NonconformityState& n : list) {
    if (n.at.secs > end) continue;
    if (InPeriod(r->period, n.at.secs)) ++r->nonconformities.filed;
    bool closed = n.closed && n.closed->at.secs <= end;
    if (closed && InPeriod(r->period, n.closed->at.secs)) ++r->nonconformities.closed;
    if (!closed) ++r->nonconformities.open;
  }
  return Status::OK();
}

}  // namespace

Status BuildReport(const Store& store, const Period& period, const Time& now,
                   const std::string& route, const ScanOptions& options,
                   const std::function<void(const Status&)>& unreadable, Report* out) {
  Report r;
  r.period = period;
  r.route = route;
  // As the records stood at the end of the period (the last second in it), or now.
  r.as_of = now.secs < period.end.secs ? now : Time{period.end.secs - 1, period.end.offset_minutes};
  Tally b(&r);
  // A ticket settled before the period, closed or voided, with no clock
  // left running, adds nothing to it (Tally::Add) but the names of its
  // clocks (a row each in "time limits"): most of the years before are only
  // looked at that far. (Not with a route: the head does not say the route.)
  ScanOptions scan = options;
  scan.known = now;  // steps entered after the period's end count at their own time
  if (route.empty()) {
    scan.wanted = [start = period.start.secs](const SummaryHead& h) {
      return h.opened &&
             !(std::max(h.settled, h.received) < start && (h.closed || h.voided) && !h.running);
    };
    scan.skipped = [&](const SummaryHead& h) {
      if (!h.opened || h.voided) return;
      for (size_t i = 0; i < ClockNames().size(); ++i) {
        if (h.clock_names & (1u << i)) r.clocks[std::string(ClockNames()[i])];
      }
    };
  }
  SVC_RETURN_IF_ERROR(ScanSummaries(
      store, r.as_of, scan,
      [&](const Store::Entry&, const TicketSummary& t) {
        if (!t.opened) return;
        if (!route.empty()) {
          std::vector<std::string> worked = WorkedBy(t);
          if (std::find(worked.begin(), worked.end(), route) == worked.end()) return;
        }
        b.Add(t);
      },
      [&](const Status& s) {
        ++r.unreadable;
        unreadable(s);
      }));
  if (route.empty()) {
    // A damaged visit or plan file is reported as a ticket file is, not fatal.
    if (Status s = CountVisitsAndPlan(store, now, &r); !s.ok()) {
      ++r.unreadable;
      unreadable(s);
    }
    if (Status s = CountNonconformities(store, now, &r); !s.ok()) {
      ++r.unreadable;
      unreadable(s);
    }
  }
  *out = std::move(r);
  return Status::OK();
}

std::string MonthOf(const Period& p, const Time& t) {
  Date d = LocalDate(InOffset(t, p.start.offset_minutes));
  return fmt::format("{:04}-{:02}", d.year, d.month);
}

std::vector<std::string> PeriodMonths(const Period& p) {
  std::vector<std::string> months;
  if (p.end.secs <= p.start.secs) return months;
  Date d = LocalDate(InOffset(p.start, p.start.offset_minutes));
  const std::string last = MonthOf(p, Time{p.end.secs - 1, p.start.offset_minutes});
  for (int y = d.year, m = d.month;; m == 12 ? (++y, m = 1) : ++m) {
    months.push_back(fmt::format("{:04}-{:02}", y, m));
    if (months.back() >= last) break;
  }
  return months;
}

int64_t Percentile(std::vector<int64_t> seconds, int percent) {
  if (seconds.empty()) return 0;
  std::sort(seconds.begin(), seconds.end());
  size_t rank = (seconds.size() * static_cast<size_t>(percent) + 99) / 100;  // ceil
  return seconds[rank == 0 ? 0 : rank - 1];
}

std::string PercentText(int64_t n, int64_t d) {
  if (d == 0) return "-";
  int64_t tenths = (n * 2000 + d) / (d * 2);  // per mille, half-up
  return fmt::format("{}.{}%", tenths / 10, tenths % 10);
}

std::string AverageText(int64_t sum, int64_t count) {
  int64_t hundredths = (sum * 200 + count) / (count * 2);  // half-up
  return fmt::format("{}.{:02}", hundredths / 100, hundredths % 100);
}

std::vector<ReportTable> ReportTables(const Report& r, const Config& config) {
  std::vector<ReportTable> t;
  t.push_back({_("summary"), {_("item"), _("value")}, {}});
  auto& s = t.back().rows;
  const int off = config.offset_minutes;
  s.push_back({_("period"), TrF("{} ({} to {})", r.period.label, FormatTimeIn(r.period.start, off),
                                FormatTimeIn(r.period.end, off))});
  if (!r.route.empty()) s.push_back({_("route"), r.route});
  s.push_back({_("as of"), FormatTimeIn(r.as_of, off)});
  s.push_back({_("opened"), std::to_string(r.opened)});
  s.push_back({_("closed"), std::to_string(r.closed)});
  s.push_back({_("reopened"), std::to_string(r.reopened)});
  s.push_back({_("voided"), std::to_string(r.voided)});
  s.push_back({_("backlog at the end"), std::to_string(r.backlog)});
  if (r.unreadable) s.push_back({_("unreadable tickets"), std::to_string(r.unreadable)});
  t.push_back(
      {_("opened by kind"), {_("kind"), _("tickets")}, CountRows(r.by_kind, 0, &TicketKinds())});
  t.push_back({_("opened by category"),
               {_("category"), _("tickets")},
               CountRows(r.by_category, 0, &Categories())});
  t.push_back({_("opened by fault level"), {_("level"), _("tickets")}, CountRows(r.by_level)});
  t.push_back({_("opened by service"),
               {_("service"), _("tickets")},
               CountRows(r.by_service, 0, &Services())});
  ReportTable routes{_("opened by route"), {_("route"), _("department"), _("tickets")}, {}};
  for (const auto& [code, n] : r.by_route) {
    const Department* d = config.FindDepartment(code);
    routes.rows.push_back({code, d ? d->name : "", std::to_string(n)});
  }
  t.push_back(routes);
  ReportTable worked{_("opened by department that did the work (R-3.1)"),
                     {_("department"), _("name"), _("tickets")},
                     {}};
  for (const auto& [code, n] : r.by_worked) {
    const Department* d = config.FindDepartment(code);
    worked.rows.push_back({code, d ? d->name : "", std::to_string(n)});
  }
  t.push_back(worked);
  ReportTable causes{
      _("opened by cause category (R-3.1)"), {_("cause"), _("name"), _("tickets")}, {}};
  for (const auto& [code, n] : r.by_cause) {
    const CauseCategory* c = config.FindCause(code);
    causes.rows.push_back({code, c ? c->name : "", std::to_string(n)});
  }
  t.push_back(causes);
  t.push_back({_("opened by receiving department"), {_("via"), _("tickets")}, CountRows(r.by_via)});
  t.push_back(
      {_("most frequent equipment"), {_("product"), _("tickets")}, CountRows(r.by_product, 10)});
  t.push_back(
      {_("most frequent customers"), {_("customer"), _("tickets")}, CountRows(r.by_customer, 10)});
  ReportTable sla{_("time limits"),
                  {_("clock"), _("met"), _("breached"), _("of which overdue at end"), _("success"),
                   _("median"), _("90th pct")},
                  {}};
  for (std::string_view name : ClockNames()) {
    auto it = r.clocks.find(std::string(name));
    if (it == r.clocks.end()) continue;
    const ClockFigures& f = it->second;
    bool timed = name == "response" || name == "arrival" || name == "repair";
    sla.rows.push_back(
        {std::string(name), std::to_string(f.met), std::to_string(f.breached + f.overdue),
         std::to_string(f.overdue), PercentText(f.met, f.met + f.breached + f.overdue),
         timed && !f.seconds.empty() ? ToTheMinute(Percentile(f.seconds, 50)) : "-",
         timed && !f.seconds.empty() ? ToTheMinute(Percentile(f.seconds, 90)) : "-"});
  }
  t.push_back(sla);
  const auto& sat = r.satisfaction;
  ReportTable survey{_("satisfaction (R-4.5.1)"), {_("item"), _("value")}, {}};
  survey.rows.push_back({_("responses"), std::to_string(sat.responses)});
  for (const Word& answer : Satisfaction().words()) {
    auto it = sat.answers.find(std::string(answer.stored));
    survey.rows.push_back(
        {std::string(answer.stored), std::to_string(it == sat.answers.end() ? 0 : it->second)});
  }
  survey.rows.push_back({_("satisfaction rate"), PercentText(sat.satisfied, sat.responses)});
  survey.rows.push_back(
      {_("attitude average (1-5)"),
       sat.attitude_count ? AverageText(sat.attitude_sum, sat.attitude_count) : "-"});
  t.push_back(survey);
  ReportTable comments{_("survey comments (R-3.2)"),
                       {_("ticket"), _("customer"), _("surveyed"), _("answer"), _("comment")},
                       {}};
  for (const Report::Comment& c : r.comments) {
    std::string line;  // one line a comment in a table
    for (char ch : c.comment) line += ch == '\n' ? ' ' : ch == '\r' ? ' ' : ch;
    comments.rows.push_back(
        {c.ticket, c.customer, FormatTimeShortIn(c.at, off), c.satisfaction, line});
  }
  t.push_back(comments);
  ReportTable fees{_("fees of tickets closed (R-4.5.4)"),
                   {_("route"), _("quotes"), _("cost"), _("total"), _("charged")},
                   {}};
  for (const auto& [code, f] : r.fees_by_route) {
    fees.rows.push_back({code, std::to_string(f.quotes), FormatMoney(f.cost), FormatMoney(f.total),
                         FormatMoney(f.charged)});
  }
  fees.rows.push_back({_("all"), std::to_string(r.fees.quotes), FormatMoney(r.fees.cost),
                       FormatMoney(r.fees.total), FormatMoney(r.fees.charged)});
  t.push_back(fees);
  ReportTable expenses{_("actual expenses (R-3.1, R-4.5.4)"), {_("item"), _("amount")}, {}};
  for (const Word& w : ExpenseItems().words()) {
    auto it = r.expenses.by_item.find(std::string(w.stored));
    if (it != r.expenses.by_item.end()) {
      expenses.rows.push_back({std::string(w.stored), FormatMoney(it->second)});
    }
  }
  if (r.expenses.count) {
    expenses.rows.push_back({TrF("all ({})", r.expenses.count), FormatMoney(r.expenses.total)});
  }
  t.push_back(expenses);
  ReportTable quality{_("quality problems (R-4.2.2, R-4.5.3)"), {_("item"), _("value")}, {}};
  quality.rows.push_back({_("quality tickets opened"), std::to_string(r.quality.count)});
  quality.rows.push_back({_("major"), std::to_string(r.quality.major)});
  for (const auto& [k, v] : r.quality.responsibility) {
    quality.rows.push_back({TrF("responsibility: {}", CountLabel(k)), std::to_string(v)});
  }
  quality.rows.push_back(
      {_("warehousings with a nonconformity note"), std::to_string(r.quality.nonconformities)});
  t.push_back(quality);
  ReportTable follow{
      _("complaints and follow-ups (R-4.7 d, R-4.5.1)"), {_("item"), _("value")}, {}};
  follow.rows.push_back({_("complaints received"), std::to_string(r.complaints)});
  follow.rows.push_back(
      {_("unsatisfied or unresolved answers"), std::to_string(r.follow_ups.started)});
  follow.rows.push_back({_("followed up in time"), std::to_string(r.follow_ups.in_time)});
  follow.rows.push_back({_("followed up late"), std::to_string(r.follow_ups.late)});
  follow.rows.push_back({_("awaiting follow-up"), std::to_string(r.follow_ups.pending)});
  t.push_back(follow);
  if (!r.route.empty()) return t;  // visits and the plan have no route
  ReportTable visits{_("customer visits (R-4.6 a)"), {_("item"), _("value")}, {}};
  visits.rows.push_back({_("visits made"), std::to_string(r.visits.made)});
  visits.rows.push_back({_("reports filed"), std::to_string(r.visits.reports)});
  visits.rows.push_back({_("made and reported in time"), std::to_string(r.visits.in_time)});
  visits.rows.push_back({_("made and reported late"), std::to_string(r.visits.late)});
  visits.rows.push_back({_("made, not reported"), std::to_string(r.visits.unreported)});
  t.push_back(visits);
  ReportTable nc{_("nonconformity reports (R-4.5.3.1)"), {_("item"), _("value")}, {}};
  nc.rows.push_back({_("filed"), std::to_string(r.nonconformities.filed)});
  nc.rows.push_back({_("closed"), std::to_string(r.nonconformities.closed)});
  nc.rows.push_back({_("open at the period's end"), std::to_string(r.nonconformities.open)});
  t.push_back(nc);
  ReportTable plan{_("annual service plan (R-4.5.5)"), {_("item"), _("value")}, {}};
  plan.rows.push_back({_("items due in the period"), std::to_string(r.plan.due)});
  plan.rows.push_back({_("served in their month"), std::to_string(r.plan.served)});
  plan.rows.push_back({_("served late"), std::to_string(r.plan.late)});
  plan.rows.push_back({_("not served"), std::to_string(r.plan.unserved)});
  t.push_back(plan);
  return t;
}

}  // namespace svc
