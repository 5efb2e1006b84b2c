// dispatch and warehouse: outbound service records (R-4.4.2-R-4.4.4, R-4.5.3.1).
#include <fmt/format.h>

#include <map>

#include "base/i18n.h"
#include "base/text.h"
#include "commands.h"
#include "model/vocabulary.h"
#include "ops/workflow.h"

namespace svc::cli {
namespace {

// Records the mark and says what happened (also in the --commit message).
int Record(Context& ctx, const Target& t, const MarkRequest& r) {
  static const std::map<std::string, std::string> kDone = {{"arrive", "arrived on site"},
                                                           {"finish", "finished on site"},
                                                           {"back", "back at HQ"},
                                                           {"warehouse", "booked into store"}};
  // The same, as shown (the commit message stays English): ID, record.
  static const std::map<std::string, const char*> kShown = {
      {"arrive", N_("{}: {} arrived on site")},
      {"finish", N_("{}: {} finished on site")},
      {"back", N_("{}: {} back at HQ")},
      {"warehouse", N_("{}: {} booked into store")}};
  Status s = ctx.OpenStore();
  svc::Actor actor;
  std::string record, receipt;
  if (s.ok()) s = ctx.MakeActor(t.at, &actor);
  if (s.ok()) s = MarkRecord(ctx.store(), t.id, actor, r, &record, &receipt);
  if (!s.ok()) return Fail(s);
  // R-4.5.3.1: the receipt's number is the command's output, as dispatch's record's.
  if (!receipt.empty()) fmt::print("{}\n", receipt);
  std::string what = fmt::format("{}: {} {}{}{}", t.id, record, kDone.at(r.action),
                                 receipt.empty() ? "" : " under " + receipt,
                                 r.amendment.amend ? " (amended)" : "");
  std::string shown = TrF(kShown.at(r.action), t.id, record);
  if (!receipt.empty()) shown = TrF("{} under {}", shown, receipt);  // the receipt's number
  if (r.amendment.amend) shown += _(" (amended)");
  fmt::print(stderr, "svc: {}\n", EscapeControls(shown));
  ctx.SetCommitMessage(what);
  return 0;
}

int Mark(Context& ctx, const DispatchOptions& o, const std::string& action) {
  MarkRequest r;
  r.action = action;
  r.record = o.record;
  r.work = o.work;
  r.signed_by = o.signed_by;
  if (!o.techs.empty() || !o.complexity.empty() || !o.dept.empty() || !o.planned.empty()) {
    return Fail(Status::InvalidArgument(TrF(
        "--{}: --tech, --complexity, --dept and --planned belong to filing a new record", action)));
  }
  if (action != "finish" && (!o.work.empty() || !o.hours.empty() || !o.signed_by.empty())) {
    return Fail(Status::InvalidArgument(_("--work, --hours and --signed-by go with --finish")));
  }
  if (Status s = AmendmentOf(o, o, &r.amendment); !s.ok()) return Fail(s);
  if (action == "arrive" && !o.parts.empty()) {
    return Fail(Status::InvalidArgument(
        _("--part goes with --finish (parts used) or --back (parts returned)")));
  }
  if (!o.hours.empty()) {
    Status s = ParseHours(o.hours, &r.hours);
    if (!s.ok()) return Fail(s);
  }
  for (const auto& text : o.parts) {
    Part p;
    Status s = action == "finish"
                   ? ParsePart(text, UsedPartSupplies().Stored(), std::string(word::kWarranty), &p)
                   : ParsePart(text, BackPartSupplies().Stored(), std::string(word::kReturned), &p);
    if (!s.ok()) return Fail(s);
    r.parts.push_back(std::move(p));
  }
  return Record(ctx, o, r);
}

}  // namespace

int RunDispatch(Context& ctx, const DispatchOptions& o) {
  if (o.arrive) return Mark(ctx, o, "arrive");
  if (o.finish) return Mark(ctx, o, "finish");
  if (o.back) return Mark(ctx, o, "back");
  if (o.techs.empty()) {
    return Fail(Status::InvalidArgument(
        _("dispatch: name the engineers with --tech NAME, or mark a record with --arrive, --finish "
          "or --back")));
  }
  if (!o.record.empty() || !o.work.empty() || !o.hours.empty() || !o.parts.empty() ||
      !o.signed_by.empty() || o.amend || !o.reason.empty()) {
    return Fail(Status::InvalidArgument(
        _("--record, --work, --hours, --part, --signed-by, --amend and --reason go with --arrive, "
          "--finish or --back")));
  }
  Status s = ctx.OpenStore();
  svc::Actor actor;
  DispatchRequest r{o.techs, o.complexity, o.dept, std::nullopt};
  if (s.ok()) s = ctx.MakeActor(o.at, &actor);
  if (s.ok() && !o.planned.empty()) {
    Time planned;
    s = ctx.TimeOption("--planned", o.planned, &planned);
    r.planned = planned;
  }
  std::string number;
  if (s.ok()) s = Dispatch(ctx.store(), o.id, actor, r, &number);
  if (!s.ok()) return Fail(s);
  fmt::print("{}\n", number);
  ctx.SetCommitMessage(fmt::format("{}: dispatch {}", o.id, number));
  return 0;
}

int RunWarehouse(Context& ctx, const WarehouseOptions& o) {
  MarkRequest r;
  r.action = "warehouse";
  r.record = o.record;
  r.nonconformity = o.nonconformity;
  r.data = o.data;
  return Record(ctx, o, r);
}

int RunRedeliver(Context& ctx, const RedeliverOptions& o) {
  Status s = ctx.OpenStore();
  svc::Actor actor;
  std::string record;
  if (s.ok()) s = ctx.MakeActor(o.at, &actor);
  if (s.ok()) s = Redeliver(ctx.store(), o.id, actor, o.record, o.text, &record);
  if (!s.ok()) return Fail(s);
  std::string what = fmt::format("{}: {}'s data re-delivered", o.id, record);
  fmt::print(stderr, "svc: {}\n", EscapeControls(TrF("{}: {}'s data re-delivered", o.id, record)));
  ctx.SetCommitMessage(what);
  return 0;
}

}  // namespace svc::cli
