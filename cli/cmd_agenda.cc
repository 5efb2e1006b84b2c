// agenda: what engineers have planned (ops/agenda.h), as a list or as an
// iCalendar file for a phone (--format ics).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <optional>

#include "base/i18n.h"
#include "base/json.h"
#include "base/text.h"
#include "commands.h"
#include "ops/agenda.h"

namespace svc::cli {
namespace {

// --from DAY: its start; --to DAY: the start of the day after (inclusive).
Status DayBound(const std::string& text, const char* option, int offset, int days_after,
                std::optional<Time>* out) {
  if (text.empty()) return Status::OK();
  Date d;
  Status s = ParseDate(text, &d);
  if (!s.ok()) return Status::InvalidArgument(std::string(option) + ": " + s.message());
  *out = StartOfDay(DateFromDays(DaysFromDate(d) + days_after), offset);
  return Status::OK();
}

// {uid, kind, start (the company's time; a plan item: its day), all_day,
// summary, location, description, techs}
void PrintJson(const std::vector<AgendaItem>& items, int off) {
  JsonWriter w;
  w.BeginArray();
  for (const AgendaItem& a : items) {
    w.BeginObject();
    w.Field("uid", a.uid);
    w.Field("kind", a.kind);
    w.Field("start", a.all_day ? FormatDate(a.day) : FormatTimeIn(a.start, off));
    w.Field("all_day", a.all_day);
    w.Field("summary", a.summary);
    w.Field("location", a.location);
    w.Field("description", a.description);
    w.Key("techs");
    w.BeginArray();
    for (const std::string& t : a.techs) w.String(t);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  fmt::print("{}", w.Take());
}

}  // namespace

int RunAgenda(Context& ctx, const AgendaOptions& o) {
  if (Status j = JsonAndFormat(ctx, o.format); !j.ok()) return Fail(j);
  Status s = ctx.OpenStore();
  if (!s.ok()) return Fail(s);
  const int off = ctx.store().config().offset_minutes;
  AgendaQuery q;
  q.tech = o.tech;
  if (!(s = DayBound(o.from, "--from", off, 0, &q.from)).ok()) return Fail(s);
  if (!(s = DayBound(o.to, "--to", off, 1, &q.to)).ok()) return Fail(s);
  Time now;
  if (!(s = ctx.Now(&now)).ok()) return Fail(s);
  std::vector<AgendaItem> items;
  // JSON's summaries and descriptions as its keys: the same in every language.
  std::optional<EnglishScope> english;
  if (ctx.json() && o.format != "ics") english.emplace();
  s = BuildAgenda(
      ctx.store(), now, q, ctx.Scan(),
      [](const Status& e) { fmt::print(stderr, "svc: {}\n", EscapeControls(e.message())); },
      &items);
  if (!s.ok()) return Fail(s);
  if (o.format == "ics") {
    fmt::print("{}", AgendaIcs(items, now));
    return 0;
  }
  if (ctx.json()) {
    PrintJson(items, off);
    return 0;
  }
  for (const AgendaItem& a : items) {
    std::string when =
        a.all_day ? TrF("{} (month)", FormatDate(a.day)) : FormatTimeShortIn(a.start, off);
    fmt::print("{}  {:<8}  {}{}\n", when, a.kind, EscapeControls(a.summary),
               a.techs.empty()
                   ? ""
                   : "  (" + EscapeControls(fmt::format("{}", fmt::join(a.techs, ", "))) + ")");
  }
  if (items.empty()) fmt::print(stderr, "svc: {}\n", _("nothing planned"));
  return 0;
}

}  // namespace svc::cli
