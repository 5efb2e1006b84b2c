// nonconformity: nonconformity reports (不合格品报告处理单, R-4.5.3.1).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/i18n.h"
#include "base/text.h"
#include "commands.h"
#include "model/number.h"
#include "model/vocabulary.h"
#include "ops/nonconformity.h"
#include "render.h"

namespace svc::cli {
namespace {

// The moment show and list judge by: --now if asked for (the records as they stood).
std::optional<Time> AsOf(Context& ctx, const Time& now) {
  return ctx.NowGiven() ? std::optional<Time>(now) : std::nullopt;
}

std::string PartsLine(const std::vector<Part>& parts) {
  std::vector<std::string> out;
  for (const Part& p : parts) out.push_back(fmt::format("{}×{}", p.name, p.qty));
  return fmt::format("{}", fmt::join(out, "; "));
}

std::string StatusLine(const NonconformityState& n, int off) {
  if (!n.closed) return _("open");
  return TrF("closed {} {} ({})", FormatTimeShortIn(n.closed->at, off), n.closed->disposition,
             Dispositions().Zh(n.closed->disposition));
}

std::string ReportText(const NonconformityState& n, int off) {
  std::string out = fmt::format("{}  {}\n", n.id, StatusLine(n, off));
  auto row = [&](std::string_view key, std::string_view value) {
    if (!value.empty()) out += fmt::format("{:<12} {}\n", key, value);
  };
  row(_("filed"), fmt::format("{}  {}", FormatTimeShortIn(n.at, off), n.by));
  row(_("ticket"), n.ticket);
  row(_("record"), n.record);
  row(_("customer"), Trim(fmt::format("{} {}", n.customer_code, n.customer)));
  std::vector<std::string> unit;
  for (const std::string* v : {&n.product, &n.model, &n.serial}) {
    if (!v->empty()) unit.push_back(*v);
  }
  row(_("unit"), fmt::format("{}", fmt::join(unit, " ")));
  row(_("parts"), PartsLine(n.parts));
  out += std::string(_("description")) + "\n";
  for (std::string_view line : Split(n.description, '\n')) out += fmt::format("  {}\n", line);
  if (n.action) {
    out += TrF("action       {}  {}{}\n", FormatTimeShortIn(n.action->at, off), n.action->by,
               n.action->amendments ? TrF(" (amended {}×)", n.action->amendments) : "");
    for (std::string_view line : Split(n.action->text, '\n')) out += fmt::format("  {}\n", line);
  } else {
    out += _("action       none yet\n");
  }
  if (n.closed) {
    row(_("disposition"), fmt::format("{} ({})  {}  {}", n.closed->disposition,
                                      Dispositions().Zh(n.closed->disposition),
                                      FormatTimeShortIn(n.closed->at, off), n.closed->by));
    row(_("comment"), n.closed->comment);
  }
  out += HistoryText(n.history, off);
  return out;
}

int File(Context& ctx, const NonconformityOptions& o, const Time& now) {
  NonconformityForm form{o.ticket, o.record, o.parts, o.description, {}};
  std::string actor, id;
  Status s = ctx.TimeOption("--at", o.at, &form.at);
  if (s.ok()) s = ctx.ActorName(&actor);
  if (s.ok()) s = FileNonconformity(ctx.store(), form, now, actor, &id);
  if (!s.ok()) return Fail(s);
  fmt::print("{}\n", id);
  ctx.SetCommitMessage(fmt::format("{}: nonconformity report filed on {}", id, o.ticket));
  return 0;
}

// action, close, note: one event on the report.
int Act(Context& ctx, const NonconformityOptions& o, const Time& now) {
  if (o.verb == "action" && !o.amend && !o.reason.empty()) {
    return Fail(
        Status::InvalidArgument(_("--reason goes with --amend (the reason for a correction)")));
  }
  Time at;
  std::string actor, what, shown;  // shown: in the interface's language; what: the commit's
  Status s = ctx.TimeOption("--at", o.at, &at);
  if (s.ok()) s = ctx.ActorName(&actor);
  if (!s.ok()) return Fail(s);
  if (o.verb == "action") {
    s = FileCorrectiveAction(ctx.store(), o.id, {o.text, o.amend, o.reason}, at, now, actor);
    what = o.amend ? "corrective action amended" : "corrective action filed";
    shown = o.amend ? _("corrective action amended") : _("corrective action filed");
  } else if (o.verb == "close") {
    s = CloseNonconformity(ctx.store(), o.id, o.disposition, o.comment, at, now, actor);
    if (s.ok()) {
      std::string stored(Dispositions().Parse(Trim(o.disposition))->stored);
      what = fmt::format("closed ({})", stored);
      shown = TrF("closed ({})", stored);
    }
  } else {
    s = NoteNonconformity(ctx.store(), o.id, o.text, at, now, actor);
    what = "note added";
    shown = _("note added");
  }
  if (!s.ok()) return Fail(s);
  fmt::print(stderr, "svc: {}: {}\n", o.id, shown);
  ctx.SetCommitMessage(fmt::format("{}: {}", o.id, what));
  return 0;
}

}  // namespace

int RunNonconformity(Context& ctx, const NonconformityOptions& o) {
  if (o.verb.empty()) {
    if (o.ticket.empty()) {
      return Fail(Status::InvalidArgument(
          _("give the ticket a report is filed on (svc nonconformity ID --part NAME:QTY "
            "--description TEXT) or a verb: action, close, note, show, list")));
    }
    if (o.parts.empty()) {
      return Fail(
          Status::InvalidArgument(_("--part is required: name at least one part (NAME:QTY)")));
    }
    if (o.description.empty()) {
      return Fail(
          Status::InvalidArgument(_("--description is required: what is wrong with the parts")));
    }
  } else if (!o.ticket.empty() || !o.parts.empty() || !o.description.empty() || !o.record.empty()) {
    return Fail(Status::InvalidArgument(
        TrF("svc nonconformity {} takes no ticket, --part, --description or --record (they file a "
            "report)",
            o.verb)));
  }
  Status s = ctx.OpenStore();
  Time now;
  if (s.ok()) s = ctx.Now(&now);
  if (!s.ok()) return Fail(s);
  if (o.verb.empty()) return File(ctx, o, now);
  if (o.verb == "action" || o.verb == "close" || o.verb == "note") return Act(ctx, o, now);
  const int off = ctx.store().config().offset_minutes;
  if (o.verb == "show") {
    NonconformityState n;
    if (!(s = LoadNonconformity(ctx.store(), o.id, AsOf(ctx, now), &n)).ok()) return Fail(s);
    fmt::print("{}", ctx.json() ? ToJson(NonconformityJson(n, off, true))
                                : EscapeControls(ReportText(n, off)));
    return 0;
  }
  // list: the open ones first, then newest first
  if (!o.list_ticket.empty()) {
    DocNumber number;
    if (!(s = ParseDocNumber(o.list_ticket, &number)).ok()) return Fail(s.Prefixed("--ticket"));
  }
  std::vector<NonconformityState> list;
  if (!(s = LoadNonconformities(ctx.store(), AsOf(ctx, now), &list)).ok()) return Fail(s);
  SortNonconformities(&list);
  JsonValue a = JsonValue::Array();
  for (const NonconformityState& n : list) {
    if (o.open && n.closed) continue;
    if (!o.list_ticket.empty() && n.ticket != o.list_ticket) continue;
    if (ctx.json()) {
      a.Push(NonconformityJson(n, off, false));
    } else {
      fmt::print("{}\n", EscapeControls(fmt::format("{}  {}  {}  {}  {}  {}", n.id,
                                                    FormatTimeShortIn(n.at, off), n.ticket,
                                                    n.customer.empty() ? "-" : n.customer,
                                                    PartsLine(n.parts), StatusLine(n, off))));
    }
  }
  if (ctx.json()) fmt::print("{}", ToJson(a));
  return 0;
}

}  // namespace svc::cli
