// print: a paper form of the procedure, through its mustache template.
#include <fmt/format.h>

#include "base/i18n.h"
#include "commands.h"
#include "ops/annual_plan.h"
#include "ops/finance.h"
#include "ops/forms.h"
#include "ops/nonconformity.h"
#include "ops/visits.h"

namespace svc::cli {

int RunPrint(Context& ctx, const PrintOptions& o) {
  if (ctx.json()) {  // refused, not ignored: a script asking for JSON gets no form
    return Fail(Status::InvalidArgument(
        "svc print takes no --json: a paper form is text, md or html (--format)"));
  }
  if ((o.form == "annual-plan") != !o.year.empty() || (o.form == "annual-plan") == !o.id.empty()) {
    return Fail(Status::InvalidArgument(
        o.form == "annual-plan" ? _("the annual plan's form takes --year YYYY and no ticket number")
                                : _("give the ticket number (--year is for --form annual-plan)")));
  }
  Status s = ctx.OpenStore();
  if (!s.ok()) return Fail(s);
  if (o.form == "annual-plan") {
    Time now;
    PlanState plan;
    std::string out;
    if (!(s = ctx.Now(&now)).ok() ||
        !(s = LoadPlan(ctx.store(), o.year,
                       ctx.NowGiven() ? std::optional<Time>(now) : std::nullopt, &plan))
             .ok() ||
        !(s = RenderPlanForm(ctx.store(), plan, o.format, now, &out)).ok()) {
      return Fail(s);
    }
    fmt::print("{}", out);
    return 0;
  }
  Time now;
  if (o.form == "visit") {  // 顾客走访记录 (R-4.6 a): a visit's number, not a ticket's
    VisitState v;
    std::string out;
    if (!(s = ctx.Now(&now)).ok() || !(s = LoadVisit(ctx.store(), o.id, std::nullopt, &v)).ok() ||
        !(s = RenderVisitForm(ctx.store(), v, o.format, now, &out)).ok()) {
      return Fail(s);
    }
    fmt::print("{}", out);
    return 0;
  }
  if (o.form == "writeoff") {  // 费用核销单: the month written off, YYYY-MM
    Month month;
    Writeoff w;
    std::string out;
    if (!(s = ParseMonth(o.id, &month)).ok()) return Fail(s.Prefixed("--form writeoff"));
    if (!(s = ctx.Now(&now)).ok() || !(s = LoadWriteoff(ctx.store(), month, ctx.Scan(), &w)).ok() ||
        !(s = RenderWriteoffForm(ctx.store(), w, o.format, now, &out)).ok()) {
      return Fail(s);
    }
    fmt::print("{}", out);
    return 0;
  }
  if (o.form == "nonconformity") {  // 不合格品报告处理单 (R-4.5.3.1): a report's number
    NonconformityState n;
    std::string out;
    if (!(s = ctx.Now(&now)).ok() ||
        !(s = LoadNonconformity(ctx.store(), o.id, std::nullopt, &n)).ok() ||
        !(s = RenderNonconformityForm(ctx.store(), n, o.format, now, &out)).ok()) {
      return Fail(s);
    }
    fmt::print("{}", out);
    return 0;
  }
  Ticket t;
  TicketState st;
  std::string out;
  if (!(s = ctx.Now(&now)).ok() || !(s = ctx.store().Load(o.id, &t)).ok() ||
      !(s = Fold(t, ctx.store().config(), now, &st)).ok() ||
      !(s = RenderForm(ctx.store(), t, st, FormRequest{o.form, o.format, o.record}, now, &out))
           .ok()) {
    return Fail(s);
  }
  fmt::print("{}", out);
  return 0;
}

}  // namespace svc::cli
