// classify, analyze, plan, approve: judging a ticket.
#include <fmt/format.h>

#include "base/i18n.h"
#include "commands.h"
#include "ops/intake.h"

namespace svc::cli {

int RunClassify(Context& ctx, const ClassifyOptions& o) {
  ClassifyRequest r{o.kind, o.category, o.service, o.to, o.level, o.major};
  // Filled in once the route is known, printed after the write: `shown` in
  // the interface's language, `what` (English) for the commit message.
  std::string what, shown;
  int rc = RunAct(ctx, o, shown, [&](const Ticket&, const TicketState&, Event* e) {
    SVC_RETURN_IF_ERROR(MakeClassifyEvent(r, ctx.store().config(), e));
    what = fmt::format("classified; routed to {}", e->Str("route"));
    shown = TrF("classified; routed to {}", e->Str("route"));
    return Status::OK();
  });
  if (rc == 0) ctx.SetCommitMessage(fmt::format("{}: {}", o.id, what));
  return rc;
}

int RunAnalyze(Context& ctx, const AnalyzeOptions& o) {
  AnalyzeRequest r{o.cause, o.measures, o.responsibility, o.corrective, o.cause_category};
  return RunAct(ctx, o, N_("cause analysis recorded"),
                [&](const Ticket&, const TicketState&, Event* e) {
                  return MakeAnalyzeEvent(r, ctx.store().config(), e);
                });
}

int RunPlan(Context& ctx, const PlanOptions& o) {
  std::string text = o.text;
  if (o.text == "-" || !o.file.empty()) {
    Status s = ReadInput(o.text == "-" ? "-" : o.file, &text);
    if (!s.ok()) return Fail(s.Prefixed("--file"));
  }
  while (!text.empty() && text.back() == '\n') text.pop_back();
  if (text.empty())
    return Fail(Status::InvalidArgument(_("the plan is empty: give --text or --file")));
  return RunAct(ctx, o, N_("plan recorded"), [&](const Ticket&, const TicketState&, Event* e) {
    SVC_RETURN_IF_ERROR(CheckText(text, _("the plan"), true));
    e->action = "plan";
    e->Set("text", text);
    return Status::OK();
  });
}

int RunApprove(Context& ctx, const ApproveOptions& o) {
  ApproveRequest r{o.as, o.comment, o.by};
  const bool customer = o.as == "customer";
  std::string what = customer ? fmt::format("corrective action endorsed by the customer ({})", o.by)
                              : std::string("plan approved");
  std::string shown = customer ? TrF("corrective action endorsed by the customer ({})", o.by)
                               : std::string(_("plan approved"));
  int rc = RunAct(ctx, o, shown, [&](const Ticket& t, const TicketState&, Event* e) {
    return MakeAuthorizedApproveEvent(r, ctx.store().config(), t, e);
  });
  if (rc == 0) ctx.SetCommitMessage(fmt::format("{}: {}", o.id, what));
  return rc;
}

int RunNotify(Context& ctx, const NotifyOptions& o) {
  Status s = ctx.OpenStore();
  svc::Actor actor;
  if (s.ok()) s = ctx.MakeActor(o.at, &actor);
  if (s.ok()) s = Notify(ctx.store(), o.id, actor, o.to, o.comment);
  if (!s.ok()) return Fail(s);
  std::string what = fmt::format("{}: reported to {}", o.id, o.to);
  fmt::print(stderr, "svc: {}\n", TrF("{}: reported to {}", o.id, o.to));
  ctx.SetCommitMessage(what);
  return 0;
}

}  // namespace svc::cli
