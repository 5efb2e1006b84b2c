// svc history (--customer CODE|NAME | --serial S | --phone P): every ticket
// (and visit) of a customer or a unit, newest first (R-4.6 b).
#include <fmt/format.h>

#include "base/i18n.h"
#include "base/json.h"
#include "base/text.h"
#include "commands.h"
#include "ops/history.h"

namespace svc::cli {

int RunHistory(Context& ctx, const HistoryOptions& o) {
  Status s = ctx.OpenStore();
  Time now;
  if (s.ok()) s = ctx.Now(&now);
  if (!s.ok()) return Fail(s);
  const int off = ctx.store().config().offset_minutes;
  HistoryQuery query{o.customer, o.serial, o.phone};
  History h;
  Progress progress("history");
  ScanOptions scan = ctx.Scan();
  scan.progress = [&](int64_t done) { progress.Update(done); };
  s = CustomerHistory(ctx.store(), query, now, scan, &h, [&](const Status& e) {
    fmt::print(stderr, "svc: {}\n", EscapeControls(e.message()));
  });
  if (!s.ok()) return Fail(s);
  if (ctx.json()) {
    JsonValue a = JsonValue::Array();
    for (const HistoryEntry& e : h.entries) {
      JsonValue v = JsonValue::Object();
      v.Add("id", e.id);
      v.Add("kind", e.kind);
      v.Add(e.kind == "ticket" ? "received" : "at", FormatTimeIn(e.when, off));
      v.Add("status", e.status);
      v.Add("customer", e.customer);
      v.Add("customer_code", JsonValue::OrNull(e.customer_code));
      v.Add("what", JsonValue::OrNull(e.what));
      if (e.last_at) {
        JsonValue step = JsonValue::Object();
        step.Add("action", e.last_action);
        step.Add("at", FormatTimeIn(*e.last_at, off));
        v.Add("latest", std::move(step));
      } else {
        v.Add("latest", JsonValue());
      }
      a.Push(std::move(v));
    }
    fmt::print("{}", ToJson(a));
  } else {
    std::string out;
    if (h.customer) {
      out += fmt::format("{}  {}{}\n", h.customer->code, h.customer->name,
                         h.customer->key ? _("  (key customer)") : "");
    }
    if (!o.serial.empty()) out += TrF("unit {}\n", o.serial);
    std::vector<std::vector<std::string>> rows;
    for (const HistoryEntry& e : h.entries) {
      // The kind in words for people (the JSON keeps "ticket" / "visit").
      std::string kind = e.kind == "ticket" ? _("ticket") : e.kind == "visit" ? _("visit") : e.kind;
      rows.push_back({FormatTimeShortIn(e.when, off), e.id, kind, e.status,
                      Truncate(e.customer, 24), Truncate(e.what, 24),
                      e.last_at
                          ? fmt::format("{} {}", e.last_action, FormatTimeShortIn(*e.last_at, off))
                          : ""});
    }
    out += FormatTable(rows);
    if (h.entries.empty()) out += _("nothing on record\n");
    fmt::print("{}", EscapeControls(out));
  }
  if (h.unreadable) {
    fmt::print(stderr, "svc: {}\n",
               h.unreadable == 1
                   ? TrF("{} ticket file could not be read (see above; 'svc check' lists all)",
                         h.unreadable)
                   : TrF("{} ticket files could not be read (see above; 'svc check' lists all)",
                         h.unreadable));
    return 1;
  }
  return 0;
}

}  // namespace svc::cli
