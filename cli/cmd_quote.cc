// quote: Table 1 fees for paid service, and the customer's acceptance.
#include <fmt/format.h>

#include "base/i18n.h"
#include "base/json.h"
#include "base/text.h"
#include "commands.h"
#include "ops/ticket_view.h"
#include "render.h"
#include "rules/fees.h"

namespace svc::cli {
namespace {

Status MoneyOption(const std::string& option, const std::string& text, std::optional<Money>* out) {
  if (text.empty()) return Status::OK();
  Money m;
  SVC_RETURN_IF_ERROR(ParseMoney(text, &m).Prefixed(option));
  *out = m;
  return Status::OK();
}

int Accept(Context& ctx, const QuoteOptions& o) {
  if (o.people || o.days || !o.transport.empty() || !o.parts.empty() || o.free || o.paid ||
      !o.labor_rate.empty()) {
    return Fail(Status::InvalidArgument(_("--accept takes no other quote options")));
  }
  std::string what, shown;  // shown: in the interface's language; what: the commit message's
  int rc = RunAct(ctx, o, shown, [&](const Ticket&, const TicketState& st, Event* e) {
    // Whether there is a quote to accept is the fold's to say (state.h).
    e->action = "accept";
    if (!st.quote) return Status::OK();
    e->Set("total", st.quote->total);
    what =
        fmt::format("the customer accepted the quote of {} yuan", FormatMoney(st.quote->charged));
    shown = TrF("the customer accepted the quote of {} yuan", FormatMoney(st.quote->charged));
    return Status::OK();
  });
  if (rc == 0) ctx.SetCommitMessage(fmt::format("{}: {}", o.id, what));
  return rc;
}

}  // namespace

int RunQuote(Context& ctx, const QuoteOptions& o) {
  if (o.accept) return Accept(ctx, o);
  QuoteArgs a;
  a.people = o.people;
  a.days = o.days;
  if (o.lodging_days >= 0) a.lodging_days = o.lodging_days;
  if (o.meal_days >= 0) a.meal_days = o.meal_days;
  a.no_lodging = o.no_lodging;
  a.no_meals = o.no_meals;
  a.parts = o.parts;
  a.free = o.free;
  a.paid = o.paid;
  a.reason = o.reason;
  Status s;
  if (!(s = MoneyOption("--transport", o.transport, &a.transport)).ok() ||
      !(s = MoneyOption("--labor-rate", o.labor_rate, &a.labor_rate)).ok()) {
    return Fail(s);
  }
  if (!o.reason.empty() && o.labor_rate.empty() && !o.free && !o.paid) {
    return Fail(Status::InvalidArgument(_("--reason goes with --labor-rate, --free or --paid")));
  }
  if (!(s = ctx.OpenStore()).ok()) return Fail(s);
  PriceList prices;
  if (!(s = ctx.store().LoadPriceList(&prices)).ok()) return Fail(s);
  Quote quote;
  std::string what, shown;  // shown: in the interface's language; what: the commit message's
  int rc = RunAct(
      ctx, o, shown,
      [&](const Ticket&, const TicketState& st, Event* e) {
        SVC_RETURN_IF_ERROR(MakeQuote(a, ctx.store().config(), prices, st, e->at, &quote));
        QuoteToEvent(quote, e);
        what = fmt::format("quoted {} yuan, charged {}", FormatMoney(quote.total),
                           FormatMoney(quote.charged));
        shown =
            TrF("quoted {} yuan, charged {}", FormatMoney(quote.total), FormatMoney(quote.charged));
        return Status::OK();
      },
      /*own_output=*/true);
  if (rc != 0) return rc;
  ctx.SetCommitMessage(fmt::format("{}: {}", o.id, what));
  if (ctx.json()) {
    EnglishScope english;  // JSON's values as its keys: the same in every language
    fmt::print("{}", ToJson(QuoteView(quote, std::nullopt, ctx.store().config().offset_minutes)));
  } else {
    fmt::print("{}", EscapeControls(QuoteText(quote, o.id)));  // parts.toml's names included
  }
  return 0;
}

}  // namespace svc::cli
