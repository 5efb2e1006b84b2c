// note and void.
#include <fmt/format.h>

#include "base/i18n.h"
#include "base/text.h"
#include "commands.h"
#include "ops/intake.h"

namespace svc::cli {

int RunNote(Context& ctx, const NoteOptions& o) {
  return RunAct(ctx, o, N_("note added"), [&](const Ticket&, const TicketState&, Event* e) {
    if (Trim(o.text).empty()) return Status::InvalidArgument(_("the note is empty"));
    SVC_RETURN_IF_ERROR(CheckText(o.text, _("the note"), true));
    e->action = "note";
    e->Set("text", o.text);
    return Status::OK();
  });
}

int RunVoid(Context& ctx, const VoidOptions& o) {
  return RunAct(ctx, o, N_("voided (its number stays taken)"),
                [&](const Ticket&, const TicketState&, Event* e) {
                  if (Trim(o.reason).empty())
                    return Status::InvalidArgument(_("--reason is empty"));
                  SVC_RETURN_IF_ERROR(CheckText(o.reason, "--reason", true));
                  e->action = "void";
                  e->Set("reason", o.reason);
                  return Status::OK();
                });
}

}  // namespace svc::cli
