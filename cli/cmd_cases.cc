// cases: the case library (案例库, R-3.1) of closed quality tickets.
#include <fmt/format.h>

#include "base/json.h"
#include "base/text.h"
#include "commands.h"
#include "model/values.h"
#include "ops/cases.h"
#include "ops/forms.h"

namespace svc::cli {

int RunCases(Context& ctx, const CasesOptions& o) {
  if (Status s = CheckText(o.product, "--product", false); !s.ok()) return Fail(s);
  if (Status j = JsonAndFormat(ctx, o.format); !j.ok()) return Fail(j);
  Status s = ctx.OpenStore();
  Time now;
  if (s.ok()) s = ctx.Now(&now);
  if (!s.ok()) return Fail(s);
  Progress progress("cases");
  ScanOptions scan = ctx.Scan();
  scan.progress = [&](int64_t done) { progress.Update(done); };
  std::vector<ProductCases> library;
  s = CaseLibrary(ctx.store(), now, o.product, scan, &library, [&](const Status& e) {
    fmt::print(stderr, "svc: {}\n", EscapeControls(e.message()));
  });
  if (!s.ok()) return Fail(s);
  if (ctx.json()) {
    fmt::print("{}", ToJson(CasesJson(library, ctx.store().config().offset_minutes)));
    return 0;
  }
  std::string out;
  if (!(s = RenderCaseLibrary(ctx.store(), library, o.product, o.format, now, &out)).ok()) {
    return Fail(s);
  }
  fmt::print("{}", out);
  return 0;
}

}  // namespace svc::cli
