// overdue: what cron and monitoring ask every few minutes (PRODUCT.md, Exit
// status): 0 OK, 1 something due within --warn, 2 something overdue, 3 the
// check itself failed. The first line of text output is the plugins' summary;
// with --format openmetrics, stdout (or --output) holds only the exposition.
#include <fmt/format.h>

#include "base/i18n.h"
#include "base/json.h"
#include "base/text.h"
#include "colour.h"
#include "commands.h"
#include "model/vocabulary.h"
#include "ops/filters.h"
#include "ops/overdue.h"
#include "ops/overdue_metrics.h"
#include "render.h"
#include "storage/disk.h"

namespace svc::cli {
namespace {

constexpr int kOk = 0, kWarning = 1, kCritical = 2, kUnknown = 3;

// stdout holds the summary line, except under --format openmetrics
// (summary_line false): there it holds the exposition only, and an error is
// on stderr alone.
int Unknown(const Status& s, bool summary_line) {
  if (summary_line) fmt::print("SVC UNKNOWN - {}\n", EscapeControls(s.message()));
  fmt::print(stderr, "svc: {}\n", EscapeControls(s.message()));
  return kUnknown;
}

// A value the command line gave that svc does not know: UNKNOWN, as a bad
// option is (cli/parse.cc), so that a typo never reads as "nothing overdue".
int BadCommandLine(const Status& s, bool summary_line) {
  if (summary_line) {
    fmt::print("SVC UNKNOWN - bad command line: {}\n", EscapeControls(s.message()));
  }
  fmt::print(stderr, "svc: {}\n", EscapeControls(s.message()));
  return kUnknown;
}

std::string Summary(int status, const DueSummary& s, const DueFilter& f) {
  static const char* kNames[] = {"OK", "WARNING", "CRITICAL", "UNKNOWN"};
  std::string text = fmt::format("{} overdue", s.overdue);
  if (f.warn.secs > 0) text += fmt::format(", {} due within {}", s.due, FormatDuration(f.warn));
  if (s.unreadable) text += fmt::format(", {} unreadable", s.unreadable);
  return fmt::format("SVC {} - {} | overdue={} due={} unreadable={} tickets={}", kNames[status],
                     text, s.overdue, s.due, s.unreadable, s.tickets);
}

}  // namespace

int RunOverdue(Context& ctx, const OverdueOptions& o) {
  const bool metrics = o.format == "openmetrics";
  if (Status j = JsonAndFormat(ctx, o.format); !j.ok()) return BadCommandLine(j, !metrics);
  if (!o.output.empty() && !metrics) {
    return BadCommandLine(Status::InvalidArgument(_("--output needs --format openmetrics")),
                          !metrics);
  }
  Status s = ctx.OpenStore();
  if (!s.ok()) return Unknown(s, !metrics);
  const FilterValue filters[] = {{"--route", FilterOn::kDepartment, o.route},
                                 {"--via", FilterOn::kDepartment, o.via},
                                 {"--level", FilterOn::kLevel, o.level},
                                 {"--clock", FilterOn::kClock, o.clock}};
  if (!(s = CheckFilters(ctx.store().config(), filters)).ok()) return BadCommandLine(s, !metrics);
  DueFilter f;
  f.route = o.route;
  f.via = o.via;
  f.clock = o.clock;
  f.level = o.level.empty() ? 0 : std::stoi(o.level);  // checked: a level of svc.toml
  if (!o.warn.empty() && !(s = ParseDuration(o.warn, &f.warn).Prefixed("--warn")).ok()) {
    return Unknown(s, !metrics);
  }
  Time now;
  if (!(s = ctx.Now(&now)).ok()) return Unknown(s, !metrics);
  DueList due;
  DueSummary summary;
  s = FindDue(
      ctx.store(), now, f, ctx.Scan(),
      [](const Status& e) { fmt::print(stderr, "svc: {}\n", EscapeControls(e.message())); }, &due,
      &summary);
  if (!s.ok()) return Unknown(s, !metrics);
  const int off = ctx.store().config().offset_minutes;  // every time in the company's time zone
  int status = summary.overdue      ? kCritical
               : summary.unreadable ? kUnknown
               : summary.due        ? kWarning
                                    : kOk;
  if (metrics) {
    std::string text = OverdueOpenMetrics(ctx.store().config(), f, due, summary, now);
    if (o.output.empty()) {
      fmt::print("{}", text);
    } else if (!(s = RealDisk()->WriteFileAtomic(o.output, text)).ok()) {
      return Unknown(s, !metrics);
    }
    return status;
  }
  // Printed as it is decoded, clock by clock: the list may be long.
  if (ctx.json()) {
    JsonWriter w;
    w.BeginArray();
    due.ForEach([&](const DueClock& d) {
      w.BeginObject();
      w.Field("id", d.id);
      w.Field("clock", d.clock.name);
      w.FieldOrNull("record", d.clock.record);
      w.Field("state", d.overdue ? "overdue" : "due");
      w.Field("start", FormatTimeIn(d.clock.start, off));
      w.Field("deadline", FormatTimeIn(d.clock.deadline, off));
      w.Field("target", FormatDuration(d.clock.target));
      w.Field("seconds_left", d.clock.Left(now).secs);
      w.FieldOrNull("route", d.route);
      w.Field("via", d.via);
      w.Key("level");
      if (d.level) {
        w.Int(d.level);
      } else {
        w.Null();
      }
      w.Field("customer", d.customer);
      w.EndObject();
      fmt::print("{}", w.TakeSoFar());
    });
    w.EndArray();
    fmt::print("{}", w.Take());
    return status;
  }
  fmt::print("{}\n", Summary(status, summary, f));
  auto row = [&](const DueClock& d) -> std::vector<std::string> {
    Duration left = d.clock.Left(now);
    return {FormatTimeShortIn(d.clock.deadline, off),
            d.id,
            std::string(Clocks().Shown(d.clock.name)) +
                (d.clock.record.empty() ? "" : " " + d.clock.record),
            d.overdue ? _("overdue") : _("due"),
            d.overdue ? TrF("over by {}", Minutes(-left.secs)) : TrF("{} left", Minutes(left.secs)),
            d.route.empty() ? "-" : d.route,
            d.level ? fmt::format("L{}", d.level) : "-",
            Truncate(d.customer, 24)};
  };
  TableLayout layout;
  due.ForEach([&](const DueClock& d) { layout.Measure(row(d)); });
  // On a terminal: overdue in red, due in yellow (the summary line stays plain).
  const bool colour = ColourOn(1);
  due.ForEach([&](const DueClock& d) {
    std::string line = layout.Format(row(d));
    const bool newline = !line.empty() && line.back() == '\n';
    if (newline) line.pop_back();
    fmt::print("{}{}", Paint(line, d.overdue ? Colour::kRed : Colour::kYellow, colour),
               newline ? "\n" : "");
  });
  return status;
}

}  // namespace svc::cli
