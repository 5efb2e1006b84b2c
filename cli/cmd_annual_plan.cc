// annual-plan: the annual service plan (年度服务计划, R-4.5.5).
#include <fmt/format.h>

#include "base/i18n.h"
#include "base/text.h"
#include "commands.h"
#include "model/vocabulary.h"
#include "ops/annual_plan.h"

namespace svc::cli {
namespace {

std::string PlanText(const PlanState& plan, int offset, const Time& now) {
  std::vector<Clock> clocks = PlanClocks(plan, offset, now);
  std::string out =
      TrF("{} 年度服务计划 annual service plan ({} items)\n", plan.id, plan.items.size());
  for (const PlanItem& it : plan.items) {
    std::string state(it.State());
    std::string ref = PlanItemRef(plan.id, it.n);
    if (it.served) state += TrF(" by {}", it.ticket);
    for (const Clock& c : clocks) {
      if (c.record == ref && c.state == ClockState::kOverdue) state += _(", OVERDUE");
    }
    out += fmt::format("{:>3}  {:02}月  {}  {}{}  {}  {}", it.n, it.month, it.customer,
                       it.serial.empty() ? "-" : it.serial, "", PlanWorks().Zh(it.work), state);
    if (it.given != it.n) out += TrF("  (entered as {} in another clone)", it.given);
    if (!it.note.empty()) out += "  " + it.note;
    out += "\n";
  }
  for (const Event& e : plan.approvals) {
    out += TrF("approved {} by {}{}\n", FormatTimeShortIn(e.at, offset), e.actor,
               e.View("comment").empty() ? "" : "  " + e.Str("comment"));
  }
  return out;
}

}  // namespace

int RunAnnualPlan(Context& ctx, const AnnualPlanOptions& o) {
  Status s = ctx.OpenStore();
  Time now, at;
  std::string actor;
  if (s.ok()) s = ctx.Now(&now);
  if (!s.ok()) return Fail(s);
  int offset = ctx.store().config().offset_minutes;
  if (o.verb == "show") {
    PlanState plan;
    std::optional<Time> as_of = ctx.NowGiven() ? std::optional<Time>(now) : std::nullopt;
    if (!(s = LoadPlan(ctx.store(), o.year, as_of, &plan)).ok()) return Fail(s);
    fmt::print("{}", ctx.json() ? ToJson(PlanJson(plan, offset, now))
                                : EscapeControls(PlanText(plan, offset, now)));
    return 0;
  }
  s = ctx.TimeOption("--at", o.at, &at);
  if (s.ok()) s = ctx.ActorName(&actor);
  if (!s.ok()) return Fail(s);
  if (o.verb == "add") {
    PlanItemForm form{o.customer, o.serial, o.month, o.work, o.note};
    int n = 0;
    if (!(s = AddPlanItem(ctx.store(), o.year, form, at, now, actor, &n)).ok()) return Fail(s);
    fmt::print("{}\n", n);
    ctx.SetCommitMessage(fmt::format("annual plan {}: item {} planned", o.year, n));
    return 0;
  }
  if (o.verb == "approve") {
    int approved = 0;
    s = ApprovePlan(ctx.store(), o.year, o.as, o.comment, at, now, actor, &approved);
    if (!s.ok()) return Fail(s);
    fmt::print(stderr, "svc: {}\n",
               approved == 1 ? TrF("annual plan {}: {} item approved", o.year, approved)
                             : TrF("annual plan {}: {} items approved", o.year, approved));
    ctx.SetCommitMessage(fmt::format("annual plan {}: approved", o.year));
    return 0;
  }
  // cancel
  if (!(s = CancelPlanItem(ctx.store(), o.year, o.item, o.reason, at, now, actor)).ok()) {
    return Fail(s);
  }
  fmt::print(stderr, "svc: {}\n", TrF("annual plan {}: item {} cancelled", o.year, o.item));
  ctx.SetCommitMessage(fmt::format("annual plan {}: item {} cancelled", o.year, o.item));
  return 0;
}

}  // namespace svc::cli
