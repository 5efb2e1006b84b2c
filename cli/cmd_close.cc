// close, verify, survey: the end of the path; reopen and
// correct: putting a record right.
#include <fmt/format.h>

#include "base/i18n.h"
#include "commands.h"
#include "ops/intake.h"

namespace svc::cli {

Status AmendmentOf(const Target& t, const AmendOptions& o, Amendment* out) {
  if (!o.amend && !o.reason.empty()) {
    return Status::InvalidArgument(_("--reason goes with --amend (the reason for a correction)"));
  }
  *out = Amendment{o.amend, o.reason, !t.at.empty()};
  return Status::OK();
}

int RunClose(Context& ctx, const CloseOptions& o) {
  CloseRequest r{o.result, o.remote, o.resolution, {}};
  if (Status s = AmendmentOf(o, o, &r.amendment); !s.ok()) return Fail(s);
  std::string what = o.amend ? "close amended" : fmt::format("closed ({})", o.result);
  std::string shown = o.amend ? std::string(_("close amended")) : TrF("closed ({})", o.result);
  int rc = RunAct(ctx, o, shown, [&](const Ticket& t, const TicketState& st, Event* e) {
    return MakeCloseEvent(r, t, st, e);
  });
  if (rc == 0) ctx.SetCommitMessage(fmt::format("{}: {}", o.id, what));  // English, as recorded
  return rc;
}

int RunVerify(Context& ctx, const VerifyOptions& o) {
  return RunAct(ctx, o, N_("remote result verified with the customer"),
                [&](const Ticket&, const TicketState&, Event* e) {
                  SVC_RETURN_IF_ERROR(CheckText(o.comment, "--comment", true));
                  e->action = "verify";
                  e->Set("result", o.result);
                  if (!o.comment.empty()) e->Set("comment", o.comment);
                  return Status::OK();
                });
}

int RunSurvey(Context& ctx, const SurveyOptions& o) {
  SurveyRequest r{o.satisfaction, o.damage, o.cleanliness, o.comment, o.attitude, {}};
  if (Status s = AmendmentOf(o, o, &r.amendment); !s.ok()) return Fail(s);
  return RunAct(ctx, o, o.amend ? N_("survey amended") : N_("survey recorded"),
                [&](const Ticket& t, const TicketState& st, Event* e) {
                  return MakeSurveyEvent(r, t, st, e);
                });
}

int RunReopen(Context& ctx, const ReopenOptions& o) {
  return RunAct(ctx, o, N_("reopened"), [&](const Ticket&, const TicketState&, Event* e) {
    return MakeReopenEvent(o.reason, e);
  });
}

int RunCorrect(Context& ctx, const CorrectOptions& o) {
  CorrectRequest r{o.field, o.value, o.reason};
  std::string what = fmt::format("{} corrected", o.field);
  std::string shown = TrF("{} corrected", o.field);
  int rc = RunAct(ctx, o, shown, [&](const Ticket& t, const TicketState& st, Event* e) {
    SVC_RETURN_IF_ERROR(MakeCorrectEvent(r, t, st, ctx.store().config(), e));
    what = fmt::format("{} corrected to '{}'", e->Str("field"), e->Str("value"));
    shown = TrF("{} corrected to '{}'", e->Str("field"), e->Str("value"));
    return Status::OK();
  });
  if (rc == 0) ctx.SetCommitMessage(fmt::format("{}: {}", o.id, what));  // English, as recorded
  return rc;
}

int RunFollowUp(Context& ctx, const FollowUpOptions& o) {
  Status s = ctx.OpenStore();
  svc::Actor actor;
  if (s.ok()) s = ctx.MakeActor(o.at, &actor);
  if (s.ok()) s = FollowUp(ctx.store(), o.id, actor, o.action);
  if (!s.ok()) return Fail(s);
  std::string what = fmt::format("{}: followed up", o.id);
  fmt::print(stderr, "svc: {}\n", TrF("{}: followed up", o.id));
  ctx.SetCommitMessage(what);
  return 0;
}

}  // namespace svc::cli
