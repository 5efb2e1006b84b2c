#include "rules/visit.h"

#include <fmt/format.h>

#include "base/i18n.h"
#include "model/visit.h"
#include "rules/state.h"

namespace svc {
namespace {

class VisitFold {
 public:
  VisitFold(const Record& r, VisitState* st) : r_(r), s_(*st) {}

  Status Apply(const Event& e) {
    namespace a = visit_action;
    if (e.Is(a::kRecord)) {
      if (s_.recorded) return Refuse(e, _("the visit was already recorded"));
      s_.recorded = true;
      s_.recorded_at = e.at;
      s_.recorded_by = e.actor;
      return Status::OK();
    }
    if (!s_.recorded) return Refuse(e, _("it comes before the visit was recorded"));
    if (e.Is(a::kReport)) return Report(e);
    if (e.Is(a::kNote)) {
      s_.notes.push_back(e);
      return Status::OK();
    }
    if (e.Is(a::kRenumber)) return Status::OK();  // the number is the file's; history only
    return Refuse(e, _("a visit record has no such action"));
  }

 private:
  Status Refuse(const Event& e, std::string_view why) const {
    return Refusal(r_.View("id"), e, why);
  }

  Status Report(const Event& e) {
    if (e.View("text").empty()) return Refuse(e, _("the report is empty"));
    if (e.at.secs < s_.at.secs) {
      return Refuse(e, TrF("it comes before the visit ({})", FormatTime(s_.at)));
    }
    if (e.Flag("amend")) {
      // `svc visit report --amend` gives a reason (ops); the merge's mark on
      // the later of two clones' reports has none.
      if (!s_.report) return Refuse(e, _("there is no report to amend"));
      s_.report->at = e.at;
      s_.report->by = e.actor;
      s_.report->text = e.Str("text");
      ++s_.report->amendments;
      return Status::OK();
    }
    if (s_.report) {
      return Refuse(e, TrF("the report was already filed at {}; correct it with --amend",
                           FormatTime(s_.report->first)));
    }
    VisitReport rep;
    rep.at = rep.first = e.at;
    rep.by = e.actor;
    rep.text = e.Str("text");
    s_.report = std::move(rep);
    return Status::OK();
  }

  const Record& r_;
  VisitState& s_;
};

}  // namespace

Status FoldVisit(const Record& r, const std::optional<Time>& as_of, VisitState* out,
                 size_t* failed) {
  VisitState st;
  st.id = std::string(r.View("id"));
  st.customer_code = std::string(r.View("customer.code"));
  st.customer = std::string(r.View("customer.name"));
  if (const Value* v = r.Find("at"); v && std::holds_alternative<Time>(*v)) {
    st.at = std::get<Time>(*v);
  }
  st.by = r.List("by");
  st.findings = std::string(r.View("findings"));
  st.requests = std::string(r.View("requests"));
  st.serials = r.List("serials");
  VisitFold fold(r, &st);
  SVC_RETURN_IF_ERROR(FoldEvents(
      r, as_of, [&](const Event& e) { return fold.Apply(e); }, &st.history, failed));
  *out = std::move(st);
  return Status::OK();
}

std::string_view VisitStatus(const VisitState& v) {
  return v.report ? "reported" : "unreported";
}

Time AddMonths(const Time& t, int months, int offset_minutes) {
  Time local = InOffset(t, offset_minutes);
  Date d = LocalDate(local);
  int64_t day_secs = local.secs - StartOfDay(d, offset_minutes).secs;
  int m = d.year * 12 + (d.month - 1) + months;
  Date to{m / 12, m % 12 + 1, d.day};
  while (to.day > 28 && !IsValidDate(to)) --to.day;
  Time out = StartOfDay(to, offset_minutes);
  out.secs += day_secs;
  out.offset_minutes = offset_minutes;
  return out;
}

Clock VisitReportClock(const VisitState& v, const Config& config, const Time& now) {
  Clock c;
  c.name = "visit-report";
  c.clause = "R-4.6 a";
  c.start = v.at;
  c.target = config.clocks.visit_report;
  c.deadline = Add(v.at, c.target);
  if (v.report) c.stop = v.report->first;
  c.state = StateAt(c, now);
  return c;
}

Clock KeyCustomerVisitClock(const Time& since, const Config& config, const Time& now) {
  Clock c;
  c.name = "visit";
  c.clause = "R-4.6 a";
  c.start = since;
  c.deadline = AddMonths(since, config.clocks.visit_months, config.offset_minutes);
  c.target = Duration{c.deadline.secs - since.secs};
  c.state = StateAt(c, now);
  return c;
}

}  // namespace svc
