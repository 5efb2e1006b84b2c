// print: a paper form of the procedure, through its mustache template.
#include <fmt/format.h>

#include "commands.h"
#include "ops/forms.h"

namespace svc::cli {

int RunPrint(Context& ctx, const PrintOptions& o) {
  Status s = ctx.OpenStore();
  if (!s.ok()) return Fail(s);
  Time now;
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
