// visit: customer visits and their reports (顾客走访, R-4.6 a).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "base/i18n.h"
#include "base/text.h"
#include "commands.h"
#include "model/values.h"
#include "ops/customers.h"
#include "ops/visits.h"
#include "render.h"

namespace svc::cli {
namespace {

// The moment show and list judge by: --now if asked for (the records as they stood).
std::optional<Time> AsOf(Context& ctx, const Time& now) {
  return ctx.NowGiven() ? std::optional<Time>(now) : std::nullopt;
}

std::string ReportLine(const VisitState& v, const Config& config, const Time& now) {
  const int off = config.offset_minutes;
  Clock c = VisitReportClock(v, config, now);
  if (v.report) {
    return c.state == ClockState::kBreached
               ? TrF("reported {} (late)", FormatTimeShortIn(v.report->first, off))
               : TrF("reported {}", FormatTimeShortIn(v.report->first, off));
  }
  return c.state == ClockState::kOverdue
             ? TrF("unreported (due {}, overdue)", FormatTimeShortIn(c.deadline, off))
             : TrF("unreported (due {})", FormatTimeShortIn(c.deadline, off));
}

std::string VisitText(const VisitState& v, const Config& config, const Time& now) {
  const int off = config.offset_minutes;
  std::string out = fmt::format("{}  {}  {}\n", v.id, v.customer_code, v.customer);
  out += fmt::format("{:<10} {}\n", _("at"), FormatTimeShortIn(v.at, off));
  out += fmt::format("{:<10} {}\n", _("by"), fmt::join(v.by, "; "));
  if (!v.findings.empty()) out += fmt::format("{:<10} {}\n", _("findings"), v.findings);
  if (!v.requests.empty()) out += fmt::format("{:<10} {}\n", _("requests"), v.requests);
  if (!v.serials.empty())
    out += fmt::format("{:<10} {}\n", _("serials"), fmt::join(v.serials, "; "));
  out += fmt::format("{:<10} {}\n", _("report"), ReportLine(v, config, now));
  if (v.report) {
    out += fmt::format("{:<10} {}{}\n", "", v.report->by,
                       v.report->amendments ? TrF(" (amended {}×)", v.report->amendments) : "");
    for (std::string_view line : Split(v.report->text, '\n')) out += fmt::format("  {}\n", line);
  }
  out += HistoryText(v.history, off);
  return out;
}

int VisitRecord(Context& ctx, const VisitOptions& o, const Time& now) {
  VisitForm form{o.customer, {}, o.by, o.findings, o.requests, o.serials};
  std::string actor, id;
  Status s = ctx.TimeOption("--at", o.at, &form.at);
  if (s.ok()) s = ctx.ActorName(&actor);
  if (s.ok()) s = RecordVisit(ctx.store(), form, now, actor, &id);
  if (!s.ok()) return Fail(s);
  fmt::print("{}\n", id);
  ctx.SetCommitMessage(fmt::format("{}: visit to {} recorded", id, o.customer));
  return 0;
}

int VisitReport(Context& ctx, const VisitOptions& o, const Time& now) {
  if (!o.amend && !o.reason.empty()) {
    return Fail(
        Status::InvalidArgument(_("--reason goes with --amend (the reason for a correction)")));
  }
  VisitReportForm form{o.text, o.amend, o.reason};
  if (o.text == "-" || !o.file.empty()) {
    Status s = ReadInput(o.text == "-" ? "-" : o.file, &form.text);
    if (!s.ok()) return Fail(s.Prefixed("--file"));
  }
  Time at;
  std::string actor;
  Status s = ctx.TimeOption("--at", o.at, &at);
  if (s.ok()) s = ctx.ActorName(&actor);
  if (s.ok()) s = ReportVisit(ctx.store(), o.id, form, at, now, actor);
  if (!s.ok()) return Fail(s);
  std::string what = o.amend ? "visit report amended" : "visit report filed";
  fmt::print(stderr, "svc: {}: {}\n", o.id,
             o.amend ? _("visit report amended") : _("visit report filed"));
  ctx.SetCommitMessage(fmt::format("{}: {}", o.id, what));
  return 0;
}

}  // namespace

int RunVisit(Context& ctx, const VisitOptions& o) {
  Status s = ctx.OpenStore();
  Time now;
  if (s.ok()) s = ctx.Now(&now);
  if (!s.ok()) return Fail(s);
  if (o.verb == "record") return VisitRecord(ctx, o, now);
  if (o.verb == "report") return VisitReport(ctx, o, now);
  const Config& config = ctx.store().config();
  if (o.verb == "show") {
    VisitState v;
    s = LoadVisit(ctx.store(), o.id, AsOf(ctx, now), &v);
    if (s.ok() && !v.recorded)
      s = Status::NotFound(TrF("no visit '{}' (see 'svc visit list')", o.id));
    if (!s.ok()) return Fail(s);
    fmt::print("{}", ctx.json() ? ToJson(VisitJson(v, config, now, true))
                                : EscapeControls(VisitText(v, config, now)));
    return 0;
  }
  // list, newest first
  if (!o.customer.empty()) {
    CustomerState c;
    if (!(s = LoadCustomer(ctx.store(), o.customer, std::nullopt, &c)).ok()) return Fail(s);
  }
  std::vector<VisitState> visits;
  if (!(s = LoadVisits(ctx.store(), AsOf(ctx, now), &visits)).ok()) return Fail(s);
  std::stable_sort(visits.begin(), visits.end(),
                   [](const VisitState& a, const VisitState& b) { return a.at.secs > b.at.secs; });
  JsonValue a = JsonValue::Array();
  for (const VisitState& v : visits) {
    if (!o.customer.empty() && v.customer_code != o.customer) continue;
    if (ctx.json()) {
      a.Push(VisitJson(v, config, now, false));
    } else {
      fmt::print("{}\n", EscapeControls(fmt::format(
                             "{}  {}  {}  {}  {}  {}", v.id,
                             FormatTimeShortIn(v.at, config.offset_minutes), v.customer_code,
                             v.customer, fmt::join(v.by, "; "), ReportLine(v, config, now))));
    }
  }
  if (ctx.json()) fmt::print("{}", ToJson(a));
  return 0;
}

}  // namespace svc::cli
