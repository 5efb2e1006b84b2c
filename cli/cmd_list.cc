#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "base/json.h"
#include "base/text.h"
#include "base/typed.h"
#include "commands.h"
#include "format/ticket_toml.h"
#include "model/values.h"
#include "ops/filters.h"
#include "rules/state.h"
#include "storage/index.h"

namespace svc::cli {
namespace {

struct Filter {
  std::optional<TicketStatus> status;
  std::string via;
  std::optional<Time> since, until;  // received in [since, until)
  std::string customer;
};

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// A date means its whole day: --since its start, --until the start of the next.
Status Bound(Context& ctx, const std::string& option, const std::string& text, bool until,
             std::optional<Time>* out) {
  if (text.empty()) return Status::OK();
  int offset = ctx.store().config().offset_minutes;
  Date d;
  if (ParseDate(FoldTyped(text), &d).ok()) {
    SVC_RETURN_IF_ERROR(CheckYear(d.year).Prefixed(option));
    *out = StartOfDay(until ? DateFromDays(DaysFromDate(d) + 1) : d, offset);
    return Status::OK();
  }
  Time t;
  SVC_RETURN_IF_ERROR(ctx.TimeOption(option, text, &t));
  if (until) t.secs += 1;  // a time is inclusive
  *out = t;
  return Status::OK();
}

bool Matches(const Filter& f, const TicketSummary& t) {
  if (f.status && t.status != *f.status) return false;
  if (!f.via.empty() && t.via != f.via) return false;
  if (f.since && t.received.secs < f.since->secs) return false;
  if (f.until && t.received.secs >= f.until->secs) return false;
  if (!f.customer.empty() && Lower(t.customer).find(f.customer) == std::string::npos) {
    return false;
  }
  return true;
}

void PrintRow(const TicketSummary& t, const Config& config) {
  std::string level = t.level ? fmt::format("L{}", t.level) : "-";
  std::string route = t.route.empty() ? "-" : t.route;
  fmt::print(
      "{}\n",
      EscapeControls(fmt::format(
          "{} {} {} {} {} {} {}", PadRight(t.id, 12), PadRight(StatusName(t.status), 6),
          FormatTimeShortIn(t.received, config.offset_minutes), PadRight(level, 2),
          PadRight(route, 4), PadRight(Truncate(t.customer, 24), 24), Truncate(t.headline, 30))));
}

void JsonRow(JsonWriter& w, const TicketSummary& t, const Config& config) {
  w.BeginObject();
  w.Field("id", t.id);
  w.Field("status", StatusName(t.status));
  w.Field("via", t.via);
  w.Field("received", FormatTimeIn(t.received, config.offset_minutes));
  w.Key("level");
  if (t.level) {
    w.Int(t.level);
  } else {
    w.Null();
  }
  w.FieldOrNull("route", t.route);
  w.Field("customer", t.customer);
  w.FieldOrNull("product", t.product);
  w.EndObject();
}

}  // namespace

int RunList(Context& ctx, const ListOptions& o) {
  Status s = ctx.OpenStore();
  if (!s.ok()) return Fail(s);
  const Store& store = ctx.store();
  Filter f;
  Time now;
  if (!(s = ctx.Now(&now)).ok()) return Fail(s);
  const FilterValue filters[] = {{"--status", FilterOn::kStatus, o.status},
                                 {"--via", FilterOn::kDepartment, o.via}};
  if (!(s = CheckFilters(store.config(), filters)).ok()) return Fail(s);
  if (!o.status.empty()) {
    TicketStatus st;
    ParseStatusName(o.status, &st);
    f.status = st;
  }
  f.via = o.via;
  f.customer = Lower(o.customer);
  if (!(s = Bound(ctx, "--since", o.since, false, &f.since)).ok() ||
      !(s = Bound(ctx, "--until", o.until, true, &f.until)).ok()) {
    return Fail(s);
  }
  JsonWriter w;
  if (ctx.json()) w.BeginArray();
  int unreadable = 0;
  Progress progress("list");
  ScanOptions scan = ctx.Scan();
  scan.progress = [&](int64_t done) { progress.Update(done); };
  s = ScanSummaries(
      store, now, scan,
      [&](const Store::Entry&, const TicketSummary& t) {
        if (!t.opened || !Matches(f, t)) return;
        if (ctx.json()) {
          JsonRow(w, t, store.config());
          fmt::print("{}", w.TakeSoFar());  // as found: the list may be the whole store
        } else {
          PrintRow(t, store.config());
        }
      },
      [&](const Status& e) {
        ++unreadable;
        fmt::print(stderr, "svc: {}\n", EscapeControls(e.message()));
      });
  if (ctx.json()) {
    w.EndArray();
    fmt::print("{}", w.Take());
  }
  if (!s.ok()) return Fail(s);
  if (unreadable) {
    fmt::print(stderr,
               "svc: {} ticket file{} could not be read (see above; 'svc check' lists all)\n",
               unreadable, unreadable == 1 ? "" : "s");
    return 1;
  }
  return 0;
}

}  // namespace svc::cli
