#include <fmt/format.h>

#include "base/i18n.h"
#include "base/json.h"
#include "base/text.h"
#include "commands.h"
#include "flags.h"
#include "ops/check.h"
#include "storage/recovery.h"

namespace svc::cli {

int RunCheck(Context& ctx, const CheckOptions& o) {
  Status s = ctx.OpenStore();
  if (!s.ok()) {
    // A configuration that does not load is a problem found, reported like the others.
    if (s.code() == Status::Code::kCorruption) {
      fmt::print("{}\n", EscapeControls(s.message()));
      return 1;
    }
    return Fail(s);
  }
  if (o.repair) {
    // Under the store lock: what the lock's recovery and the repairs did, one line each.
    s = RepairStore(ctx.store(), [](const std::string& what) {
      fmt::print(stderr, "svc: {}\n", TrF("recovered: {}", EscapeControls(what)));
    });
    if (!s.ok()) return Fail(s);
  }
  JsonWriter w;
  if (ctx.json()) {
    w.BeginObject();
    w.Key("problems");
    w.BeginArray();
  }
  // --now: the records as they stood then; else every event, whenever written.
  std::optional<Time> as_of;
  if (ctx.NowGiven()) {
    Time now;
    if (!(s = ctx.Now(&now)).ok()) return Fail(s);
    as_of = now;
  }
  // The moment a date in the future is judged by: --now, or the clock if later.
  Time present;
  if (!(s = ctx.Present(&present)).ok()) return Fail(s);
  CheckSummary summary;
  Progress progress("check");
  s = CheckStore(
      ctx.store(),
      [&](const Problem& found) {
        Problem p = found;
        if (!p.cause.ok()) p.message = UserText(p.cause);  // its fields named as flags
        if (!ctx.json()) {
          fmt::print("{}\n", UserProblem(found));
          return;
        }
        w.BeginObject();
        w.Field("file", p.file);
        w.Field("line", p.line);
        w.Key("column");
        if (p.column) {
          w.Int(p.column);
        } else {
          w.Null();
        }
        w.Field("message", p.message);
        w.EndObject();
        fmt::print("{}", w.TakeSoFar());  // as found: a damaged store can have a million
      },
      &summary, [&](int64_t done) { progress.Update(done); }, as_of, present);
  if (!s.ok()) return Fail(s);
  if (ctx.json()) {
    w.EndArray();
    w.Field("files", summary.files);
    w.Field("clean", summary.problems == 0);
    w.EndObject();
    fmt::print("{}", w.Take());
  }
  if (summary.unverified_approvals) {
    // Not a problem (exit 0): the procedure's authority is simply not configured.
    const int64_t n = summary.unverified_approvals;
    fmt::print(stderr, "svc: {}\n",
               n == 1 ? TrF("note: {} approval is not verified: svc.toml lists no [[staff]] to say "
                            "who may approve (R-4.2.2)",
                            n)
                      : TrF("note: {} approvals are not verified: svc.toml lists no [[staff]] to "
                            "say who may approve (R-4.2.2)",
                            n));
  }
  std::string found = summary.problems == 0   ? std::string(_("no problems"))
                      : summary.problems == 1 ? TrF("{} problem", summary.problems)
                                              : TrF("{} problems", summary.problems);
  fmt::print(stderr, "svc: {}\n",
             summary.files == 1 ? TrF("checked {} record file: {}", summary.files, found)
                                : TrF("checked {} record files: {}", summary.files, found));
  return summary.problems == 0 ? 0 : 1;
}

}  // namespace svc::cli
