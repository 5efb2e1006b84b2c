// close, verify, survey: the end of the path.
#include <fmt/format.h>

#include "commands.h"
#include "ops/intake.h"

namespace svc::cli {

int RunClose(Context& ctx, const CloseOptions& o) {
  CloseRequest r{o.result, o.remote, o.resolution};
  return RunAct(ctx, o, fmt::format("closed ({})", o.result),
                [&](const Ticket&, const TicketState&, Event* e) { return MakeCloseEvent(r, e); });
}

int RunVerify(Context& ctx, const VerifyOptions& o) {
  return RunAct(ctx, o, "remote result verified with the customer",
                [&](const Ticket&, const TicketState&, Event* e) {
                  SVC_RETURN_IF_ERROR(CheckText(o.comment, "--comment", true));
                  e->action = "verify";
                  e->Set("result", o.result);
                  if (!o.comment.empty()) e->Set("comment", o.comment);
                  return Status::OK();
                });
}

int RunSurvey(Context& ctx, const SurveyOptions& o) {
  SurveyRequest r{o.satisfaction, o.damage, o.cleanliness, o.comment, o.attitude, o.amend};
  return RunAct(ctx, o, o.amend ? "survey amended" : "survey recorded",
                [&](const Ticket&, const TicketState&, Event* e) { return MakeSurveyEvent(r, e); });
}

}  // namespace svc::cli
