#include <fmt/format.h>

#include "base/text.h"
#include "commands.h"
#include "render.h"
#include "rules/state.h"

namespace svc::cli {

int RunShow(Context& ctx, const ShowOptions& o) {
  Status s = ctx.OpenStore();
  if (!s.ok()) return Fail(s);
  Time now;
  if (!(s = ctx.Now(&now)).ok()) return Fail(s);
  Ticket t;
  if (!(s = ctx.store().Load(o.id, &t)).ok()) return Fail(s);
  TicketState st;
  if (!(s = Fold(t, ctx.store().config(), now, &st)).ok()) return Fail(s);
  fmt::print("{}", ctx.json() ? TicketJson(t, st, ctx.store().config(), now)
                              : EscapeControls(TicketText(t, st, ctx.store().config(), now)));
  return 0;
}

}  // namespace svc::cli
