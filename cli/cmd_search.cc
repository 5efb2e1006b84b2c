// svc search (the tickets whose text holds a string, like grep: exit 0
// found, 1 nothing) and svc status (the desk's morning view). The library
// (ops/find.h) does the finding and counting; this file only prints.
#include <fmt/format.h>

#include "base/i18n.h"
#include "base/json.h"
#include "base/text.h"
#include "commands.h"
#include "model/vocabulary.h"
#include "ops/find.h"
#include "render.h"
#include "rules/state.h"

namespace svc::cli {
int RunSearch(Context& ctx, const SearchOptions& o) {
  Status s = ctx.OpenStore();
  if (!s.ok()) return Fail(s);
  Time now;
  if (!(s = ctx.Now(&now)).ok()) return Fail(s);
  TicketQuery q;
  if (!(s = QueryFromFlags(ctx, o.status, o.since, o.until, &q)).ok()) return Fail(s);
  const int off = ctx.store().config().offset_minutes;
  JsonWriter w;
  if (ctx.json()) w.BeginArray();
  int found = 0, unreadable = 0;
  Progress progress("search");
  ScanOptions scan = ctx.Scan();
  scan.progress = [&](int64_t done) { progress.Update(done); };
  s = SearchTickets(
      ctx.store(), now, o.text, q, scan,
      [&](const Status& e) {
        ++unreadable;
        fmt::print(stderr, "svc: {}\n", EscapeControls(e.message()));
      },
      [&](const TicketSummary& t, const std::vector<SearchMatch>& matches) {
        ++found;
        if (ctx.json()) {
          w.BeginObject();
          w.Field("id", t.id);
          w.Field("status", StatusName(t.status));
          w.Field("received", FormatTimeIn(t.received, off));
          w.Field("customer", t.customer);
          w.Key("matches");
          w.BeginArray();
          for (const SearchMatch& m : matches) {
            w.BeginObject();
            w.Field("field", m.field);
            w.Field("text", m.value);
            w.EndObject();
          }
          w.EndArray();
          w.EndObject();
          fmt::print("{}", w.TakeSoFar());
          return;
        }
        const SearchMatch& m = matches.front();
        fmt::print("{}\n", EscapeControls(fmt::format(
                               "{} {} {} {}: {}", PadRight(t.id, 12),
                               PadRight(TicketStatuses().Shown(StatusName(t.status)), 6),
                               PadRight(Truncate(t.customer, 20), 20), m.field, m.snippet)));
      });
  if (ctx.json()) {
    w.EndArray();
    fmt::print("{}", w.Take());
  }
  if (!s.ok()) return Fail(s);
  if (ReportUnreadable(unreadable)) return 2;  // nothing certain: neither found nor not
  if (!found && !ctx.json()) {
    fmt::print(stderr, "svc: {}\n", EscapeControls(TrF("no ticket holds '{}'", Trim(o.text))));
  }
  return found ? 0 : 1;
}

int RunStatus(Context& ctx, const StatusOptions& o) {
  Status s = ctx.OpenStore();
  if (!s.ok()) return Fail(s);
  Time now;
  if (!(s = ctx.Now(&now)).ok()) return Fail(s);
  const int off = ctx.store().config().offset_minutes;
  DeskDay day;
  Progress progress("status");
  ScanOptions scan = ctx.Scan();
  scan.progress = [&](int64_t done) { progress.Update(done); };
  s = DeskStatus(
      ctx.store(), now, scan, o.worst,
      [&](const Status& e) { fmt::print(stderr, "svc: {}\n", EscapeControls(e.message())); }, &day);
  if (!s.ok()) return Fail(s);
  auto clock_json = [&](JsonWriter& w, const DueClock& d) {
    w.BeginObject();
    w.Field("id", d.id);
    w.Field("clock", d.clock.name);
    w.FieldOrNull("record", d.clock.record);
    w.Field("deadline", FormatTimeIn(d.clock.deadline, off));
    w.Field("seconds_left", d.clock.Left(now).secs);
    w.FieldOrNull("route", d.route);
    w.Field("customer", d.customer);
    w.EndObject();
  };
  if (ctx.json()) {
    JsonWriter w;
    w.BeginObject();
    w.Field("now", FormatTimeIn(now, off));
    w.Key("tickets");
    w.BeginObject();
    for (TicketStatus st :
         {TicketStatus::kNew, TicketStatus::kOpen, TicketStatus::kClosed, TicketStatus::kVoid}) {
      w.Key(StatusName(st));
      w.Int(day.by_status[static_cast<size_t>(st)]);
    }
    w.EndObject();
    w.Field("received_today", static_cast<int64_t>(day.received_today));
    w.Field("received_yesterday", static_cast<int64_t>(day.received_yesterday));
    w.Field("end_of_today", FormatTimeIn(day.end_of_today, off));
    w.Field("overdue", static_cast<int64_t>(day.overdue));
    w.Field("due_today", static_cast<int64_t>(day.due_today));
    w.Key("worst_overdue");
    w.BeginArray();
    for (const DueClock& d : day.worst) clock_json(w, d);
    w.EndArray();
    w.Key("due_today_clocks");
    w.BeginArray();
    for (const DueClock& d : day.due) clock_json(w, d);
    w.EndArray();
    w.Field("unreadable", static_cast<int64_t>(day.unreadable));
    w.EndObject();
    fmt::print("{}", w.Take());
    return day.unreadable ? 1 : 0;
  }
  auto at = [&](int i) { return day.by_status[static_cast<size_t>(i)]; };
  fmt::print("{}\n",
             TrF("Tickets: {} new, {} open, {} closed, {} void", at(0), at(1), at(2), at(3)));
  fmt::print("{}\n",
             TrF("Received: {} today, {} yesterday", day.received_today, day.received_yesterday));
  auto line = [&](const DueClock& d) {
    Duration left = d.clock.Left(now);
    std::string when =
        left.secs < 0 ? TrF("over by {}", Minutes(-left.secs)) : TrF("{} left", Minutes(left.secs));
    fmt::print("  {}\n", EscapeControls(fmt::format(
                             "{} {} {} {} {} {}", FormatTimeShortIn(d.clock.deadline, off),
                             PadRight(d.id, 12), PadRight(Clocks().Shown(d.clock.name), 11),
                             PadRight(when, 18), PadRight(d.route.empty() ? "-" : d.route, 4),
                             Truncate(d.customer, 24))));
  };
  fmt::print("{}\n", day.overdue == 1 ? TrF("Overdue: {} clock", day.overdue)
                                      : TrF("Overdue: {} clocks", day.overdue));
  for (const DueClock& d : day.worst) line(d);
  const std::string end_of_today = FormatTimeShortIn(day.end_of_today, off);
  fmt::print("{}\n", day.due_today == 1
                         ? TrF("Due today (before {}): {} clock", end_of_today, day.due_today)
                         : TrF("Due today (before {}): {} clocks", end_of_today, day.due_today));
  for (const DueClock& d : day.due) line(d);
  return day.unreadable ? 1 : 0;
}

}  // namespace svc::cli
