// expense, advance, writeoff: finance's actual costs, advances (借支) and the
// monthly write-off (核销), R-3.1 and.
#include <fmt/format.h>

#include "base/i18n.h"
#include "base/json.h"
#include "base/text.h"
#include "commands.h"
#include "model/vocabulary.h"
#include "ops/finance.h"

namespace svc::cli {

int RunExpense(Context& ctx, const ExpenseOptions& o) {
  Status s = ctx.OpenStore();
  svc::Actor actor;
  if (s.ok()) s = ctx.MakeActor(o.at, &actor);
  if (s.ok()) {
    s = RecordExpense(ctx.store(), o.id, actor, {o.record, o.item, o.amount, o.engineer, o.note});
  }
  if (!s.ok()) return Fail(s);
  // As stored: the item's word and the amount with two decimals (both checked above).
  const Word* item = ExpenseItems().Parse(Trim(o.item));
  Money amount;
  (void)ParseMoney(Trim(o.amount), &amount);
  std::string what = fmt::format("{}: expense on {} recorded ({} {})", o.id, Trim(o.record),
                                 item ? item->stored : Trim(o.item), FormatMoney(amount));
  fmt::print(stderr, "svc: {}\n",
             EscapeControls(TrF("{}: expense on {} recorded ({} {})", o.id, Trim(o.record),
                                item ? item->stored : Trim(o.item), FormatMoney(amount))));
  ctx.SetCommitMessage(what);
  return 0;
}

int RunAdvance(Context& ctx, const AdvanceOptions& o) {
  Status s = ctx.OpenStore();
  Time now;
  AdvanceForm form{o.engineer, o.amount, o.note, {}};
  std::string actor, id;
  if (s.ok()) s = ctx.Now(&now);
  if (s.ok()) s = ctx.TimeOption("--at", o.at, &form.at);
  if (s.ok()) s = ctx.ActorName(&actor);
  if (s.ok()) s = RecordAdvance(ctx.store(), form, now, actor, &id);
  if (!s.ok()) return Fail(s);
  fmt::print("{}\n", id);
  ctx.SetCommitMessage(
      EscapeControls(fmt::format("{}: advance of {} to {}", id, Trim(o.amount), Trim(o.engineer))));
  return 0;
}

int RunWriteoff(Context& ctx, const WriteoffOptions& o) {
  if (Status j = JsonAndFormat(ctx, o.format); !j.ok()) return Fail(j);
  if (o.bom && o.format != "csv") {
    return Fail(Status::InvalidArgument(_("--bom goes with --format csv")));
  }
  Month month;
  Status s = ParseMonth(o.month, &month);
  if (!s.ok()) return Fail(s);
  s = ctx.OpenStore();
  Time now;
  std::string actor;
  if (s.ok()) s = ctx.Now(&now);
  if (s.ok()) s = ctx.ActorName(&actor);
  Writeoff w;
  bool already = false;
  if (s.ok()) s = WriteOffMonth(ctx.store(), month, now, actor, ctx.Scan(), &w, &already);
  if (!s.ok()) return Fail(s);
  const int off = ctx.store().config().offset_minutes;
  std::string format = ctx.json() ? "json" : o.format.empty() ? "text" : o.format;
  if (format == "json") {
    fmt::print("{}", ToJson(WriteoffJson(w, off)));
  } else if (format == "csv") {
    fmt::print("{}", WriteoffCsv(w, o.bom));
  } else {
    fmt::print("{}", EscapeControls(WriteoffText(w, off)));
  }
  if (already) {
    fmt::print(stderr, "svc: {}\n",
               TrF("{} was written off at {} by {} ({}); nothing written", month.str(),
                   FormatTimeIn(w.at, off), EscapeControls(w.by), w.id));
  } else {
    fmt::print(stderr, "svc: {}\n", TrF("{}: {} written off", w.id, month.str()));
    ctx.SetCommitMessage(fmt::format("{}: {} written off", w.id, month.str()));
  }
  return 0;
}

}  // namespace svc::cli
