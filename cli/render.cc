#include "render.h"

#include <climits>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/i18n.h"
#include "base/json.h"
#include "base/text.h"
#include "model/vocabulary.h"
#include "ops/ticket_view.h"
#include "rules/clocks.h"

namespace svc::cli {
namespace {

// A step's time in the company's offset `off` (as every time svc shows) and who.
std::string By(const Step& s, int off) {
  return TrF("{} by {}", FormatTimeShortIn(s.at, off), s.actor);
}

// An event's value for people (model/ticket.h ValueText), a time in `off`.
std::string Shown(const Value& v, int off) {
  const Time* t = std::get_if<Time>(&v);
  return t ? FormatTimeIn(*t, off) : ValueText(v);
}

using Rows = std::vector<std::vector<std::string>>;

// A labelled value; the lines of a multi-line value stay under the value column.
void Row(Rows& rows, std::string label, std::string value) {
  if (value.empty()) return;
  bool first = true;
  for (std::string_view line : Split(value, '\n')) {
    rows.push_back({first ? "  " + label : "", std::string(line)});
    first = false;
  }
}

void FormRows(Rows& rows, const Ticket& t, int off) {
  rows.push_back({_("customer")});
  Row(rows, _("code"), t.customer.code);
  Row(rows, _("name"), t.customer.name);
  Row(rows, _("contact"), t.customer.contact);
  Row(rows, _("title"), t.customer.title);
  Row(rows, _("phone"), t.customer.phone);
  Row(rows, _("address"), t.customer.address);
  const Equipment& q = t.equipment;
  if (q == Equipment{}) return;
  rows.push_back({_("equipment")});
  Row(rows, _("product"), q.product);
  Row(rows, _("model"), q.model);
  Row(rows, _("size"), q.size);
  Row(rows, _("serial"), q.serial);
  if (q.quantity) Row(rows, _("quantity"), std::to_string(q.quantity));
  Row(rows, _("project no."), q.project_no);
  Row(rows, _("equipment no."), q.equipment_no);
  if (q.commissioned) Row(rows, _("commissioned"), FormatDate(*q.commissioned));
  if (q.purchased) Row(rows, _("purchased"), FormatDate(*q.purchased));
  Row(rows, _("invoice no."), q.invoice_no);
  if (q.warranty_until) {
    Row(rows, _("warranty until"),
        WarrantyOf(t, off) == "out"
            ? TrF("{} (out of warranty when received)", FormatDate(*q.warranty_until))
            : TrF("{} (in warranty when received)", FormatDate(*q.warranty_until)));
  }
}

void RecordRows(Rows& rows, const OutboundRecord& r, const Config& config) {
  const int off = config.offset_minutes;
  const Department* d = config.FindDepartment(r.dept);
  rows.push_back({TrF("outbound {}", r.number),
                  fmt::format("{}{} · {} · {}", r.dept, d ? " " + d->name : "",
                              fmt::join(r.techs, ", "), Complexity().Shown(r.complexity))});
  Row(rows, _("filed"), By(r.filed, off));
  if (r.planned) Row(rows, _("planned"), FormatTimeShortIn(*r.planned, off));
  if (r.arrived) Row(rows, _("arrived"), By(*r.arrived, off));
  if (r.finished) Row(rows, _("finished"), By(*r.finished, off));
  Row(rows, _("work"), r.work);
  Row(rows, _("hours"), r.hours);
  Row(rows, _("parts used"), PartsText(r.parts));
  Row(rows, _("signed by"), r.signed_by);
  if (r.back) Row(rows, _("back at HQ"), By(*r.back, off));
  Row(rows, _("returned"), PartsText(r.returned));
  if (r.warehoused) {
    Row(rows, _("into store"),
        By(*r.warehoused, off) + (r.receipt.empty() ? "" : TrF(" · receipt {}", r.receipt)));
  }
  Row(rows, _("data booked"), r.data);
  Row(rows, _("nonconformity"), r.nonconformity);
  if (r.redelivered) Row(rows, _("re-delivered"), By(*r.redelivered, off));
  Row(rows, _("re-delivery"), r.redelivery);
  // the actual costs, one line each, and their total.
  Money total;
  bool summed = true;  // false: the total overflowed (not a real ticket's)
  for (const Expense& x : r.expenses) {
    Row(rows, _("expense"),
        fmt::format("{} {} · {} · {}{}", FormatMoney(x.amount), x.item,
                    x.engineer.empty() ? x.actor : x.engineer, FormatTimeShortIn(x.at, off),
                    x.note.empty() ? "" : " · " + x.note));
    summed = summed && AddMoney(total, x.amount, &total);
  }
  if (r.expenses.size() > 1) Row(rows, _("expenses"), summed ? FormatMoney(total) : "-");
}

void StateRows(Rows& rows, const TicketState& st, const Config& config) {
  const int off = config.offset_minutes;
  if (const auto& c = st.classification) {
    const Department* d = config.FindDepartment(c->route);
    rows.push_back({_("classified"), By(*c, off)});
    Row(rows, _("kind"),
        std::string(TicketKinds().Shown(c->kind)) + (c->major ? _(" (major)") : ""));
    Row(rows, _("category"), std::string(Categories().Shown(c->category)));
    Row(rows, _("service"), std::string(Services().Shown(c->service)));
    Row(rows, _("route"), c->route + (d ? " " + d->name : ""));
  }
  if (const auto& a = st.analysis) {
    rows.push_back({_("cause analysis"), By(*a, off)});
    Row(rows, _("cause"), a->cause);
    if (!a->cause_category.empty()) {
      const CauseCategory* k = config.FindCause(a->cause_category);
      Row(rows, _("cause category"), a->cause_category + (k ? " " + k->name : ""));
    }
    Row(rows, _("measures"), a->measures);
    Row(rows, _("responsibility"), std::string(Responsibility().Shown(a->responsibility)));
    Row(rows, _("corrective"), a->corrective);
  }
  if (const auto& p = st.plan) {
    rows.push_back({_("plan"), By(*p, off)});
    Row(rows, _("text"), p->text);
  }
  for (const auto& a : st.approvals) {
    std::string role =
        a.role.empty() ? "" : " (" + a.role + (a.by.empty() ? "" : ": " + a.by) + ")";
    rows.push_back({a.role == word::kCustomer ? _("endorsed") : _("approved"), By(a, off) + role});
    Row(rows, _("comment"), a.comment);
  }
  for (const auto& r : st.records) RecordRows(rows, r, config);
  if (const auto& q = st.quote) {
    rows.push_back({_("quote"), By(*q, off)});
    Row(rows, _("total"),
        TrF("{} yuan (fee schedule of {})", FormatMoney(q->total), FormatDate(q->schedule)));
    Row(rows, _("charged"), FormatMoney(q->charged) + (q->request.free ? _(" (free)") : ""));
    Row(rows, _("accepted"),
        q->accepted           ? By(*q->accepted, off)
        : q->charged.fen == 0 ? std::string(_("not needed (free)"))
                              : std::string(_("not yet")));
  }
  for (size_t i = 0; i < st.earlier_closings.size(); ++i) {
    const Closing& c = st.earlier_closings[i];
    rows.push_back({_("closed"), TrF("{} — reopened {}", By(c, off), By(st.reopens[i], off))});
    Row(rows, _("result"), c.result + (c.remote ? _(" (remote)") : ""));
    Row(rows, _("resolution"), c.resolution);
  }
  if (const auto& c = st.closing) {
    rows.push_back({_("closed"), By(*c, off)});
    Row(rows, _("result"), c->result + (c->remote ? _(" (remote)") : ""));
    Row(rows, _("resolution"), c->resolution);
  }
  if (const auto& v = st.verification) {
    rows.push_back({_("verified"), By(*v, off)});
    Row(rows, _("result"), v->result);
    Row(rows, _("comment"), v->comment);
  }
  if (const auto& s = st.survey) {
    static const char* kAttitude[] = {"", "差", "一般", "满意", "好", "很好"};
    rows.push_back({_("survey"), By(*s, off) + (s->amendments ? _(" (amended)") : "")});
    Row(rows, _("satisfaction"), s->satisfaction);
    if (s->attitude)
      Row(rows, _("attitude"), fmt::format("{}/5 {}", s->attitude, kAttitude[s->attitude]));
    Row(rows, _("damage"), s->damage);
    Row(rows, _("cleanliness"), s->cleanliness);
    Row(rows, _("comment"), s->comment);
  }
  for (const Note& n : st.follow_up_notes) {
    rows.push_back({_("followed up"), By(n, off)});
    Row(rows, _("action"), n.text);
  }
}

}  // namespace

std::string HistoryText(const std::vector<Event>& history, int offset_minutes) {
  std::string out = _("history\n");
  for (const Event& e : history) {
    std::vector<std::string> fields;
    for (const auto& [key, value] : e.fields) {
      fields.push_back(fmt::format("{}={}", key, ValueText(value)));
    }
    out += fmt::format("  {}  {}  {}{}{}\n", FormatTimeShortIn(e.at, offset_minutes), e.actor,
                       e.action, fields.empty() ? "" : "  ", fmt::join(fields, "  "));
  }
  return out;
}

std::string Minutes(int64_t secs) {
  // To the minute, for people; past a day in days and hours ("6d23h9m", not
  // "167h9m").
  const int64_t minutes = (secs < 0 ? -secs : secs) / 60;
  if (minutes < 24 * 60) return FormatDuration(Duration{secs / 60 * 60});
  std::string out = secs < 0 ? "-" : "";
  out += fmt::format("{}d", minutes / (24 * 60));
  if (minutes % (24 * 60) / 60) out += fmt::format("{}h", minutes % (24 * 60) / 60);
  if (minutes % 60) out += fmt::format("{}m", minutes % 60);
  return out;
}

std::string QuoteText(const Quote& q, const std::string& id) {
  // The lines and amounts as the quote's view has them (the same as --json).
  JsonValue v = QuoteView(q, std::nullopt, 0);  // no acceptance: no time shown
  auto amount = [&](std::string_view key) { return v[key].AsString(); };
  Rows rows;
  auto label = [](const char* text) { return "  " + std::string(text); };
  for (const JsonValue& l : v["lines"].items())
    rows.push_back({"  " + l["item"].AsString(), l["detail"].AsString(), l["amount"].AsString()});
  rows.push_back({label(_("materials")), "", amount("materials")});
  rows.push_back({label(_("travel")), _("transport + lodging + meals"), amount("travel")});
  rows.push_back({label(_("subtotal")), _("materials + labour + travel"), amount("subtotal")});
  rows.push_back({label(_("tax")), TrF("{} of subtotal", amount("tax_rate")), amount("tax")});
  rows.push_back({label(_("cost")), _("subtotal + tax"), amount("cost")});
  rows.push_back({label(_("management fee")), TrF("{} of cost", amount("management_rate")),
                  amount("management")});
  rows.push_back({label(_("total")), _("cost + management fee"), amount("total")});
  rows.push_back({label(_("charged")),
                  v["free"].AsBool() ? _("free: warranty or our responsibility") : "",
                  amount("charged")});
  // Right-align the amounts.
  size_t width = 0;
  for (const auto& row : rows) width = std::max(width, row[2].size());
  for (auto& row : rows) row[2] = std::string(width - row[2].size(), ' ') + row[2];
  return TrF("quote for {} (fee schedule of {}, yuan)\n", id, amount("schedule")) +
         FormatTable(rows);
}

std::string TicketJson(const Ticket& t, const TicketState& st, const Config& config,
                       const Time& now) {
  EnglishScope english;  // JSON's values as its keys: the same in every language
  return ToJson(TicketView(t, st, config, now));
}

std::string TicketText(const Ticket& filed, const TicketState& st, const Config& config,
                       const Time& now) {
  // The form as corrected, the history as filed.
  Ticket t = CorrectedForm(filed, st);
  t.events = filed.events;
  const int off = config.offset_minutes;
  std::string out = fmt::format("{}  {}  {}\n", t.id, TicketStatuses().Shown(StatusName(st.status)),
                                t.customer.name);
  Rows rows;
  const Department* via = config.FindDepartment(t.via);
  Row(rows, _("received"),
      TrF("{} via {}{}", FormatTimeShortIn(t.received, off), t.via, via ? " " + via->name : ""));
  if (st.opened) Row(rows, _("form filled"), By(*st.opened, off));
  if (st.level) {
    const FaultLevel* l = config.FindLevel(st.level);
    Row(rows, _("fault level"),
        fmt::format("{}{}", st.level, l && !l->name.empty() ? " — " + l->name : ""));
  }
  if (st.voided) Row(rows, _("voided"), By(*st.voided, off) + " — " + st.void_reason);
  if (st.reopened()) {
    Row(rows, _("reopened"),
        st.reopened() > 1 ? TrF("{} times, last {}", st.reopened(), By(st.reopens.back(), off))
                          : TrF("{} time, last {}", st.reopened(), By(st.reopens.back(), off)));
  }
  if (!st.corrections.empty()) {
    std::vector<std::string_view> fields;
    for (const auto& c : st.corrections) fields.push_back(c.first);
    Row(rows, _("corrected"),
        TrF("{} (svc correct; the form as first filled is in the file)", fmt::join(fields, ", ")));
  }
  if (!t.annual_plan.empty())
    Row(rows, _("annual plan"), TrF("{} (svc annual-plan show)", t.annual_plan));
  if (st.complaint) Row(rows, _("complaint"), _("yes: a customer complaint (R-4.7 d)"));
  FormRows(rows, t, off);
  out += FormatTable(rows);
  if (!t.description.empty()) {
    out += _("fault\n");
    for (std::string_view line : Split(t.description, '\n')) out += fmt::format("  {}\n", line);
  }
  rows.clear();
  StateRows(rows, st, config);
  out += FormatTable(rows);
  Rows clocks;
  for (const Clock& c : ComputeClocks(t, st, config, now)) {
    Duration left = c.Left(now);
    std::string how;
    switch (c.state) {
      case ClockState::kMet:
        how = TrF("met, {} to spare", Minutes(left.secs));
        break;
      case ClockState::kBreached:
        how = TrF("breached by {}", Minutes(-left.secs));
        break;
      case ClockState::kRunning:
        how = TrF("{} left", Minutes(left.secs));
        break;
      case ClockState::kOverdue:
        how = TrF("over by {}", Minutes(-left.secs));
        break;
    }
    clocks.push_back(
        {"  " + std::string(Clocks().Shown(c.name)) + (c.record.empty() ? "" : " " + c.record),
         std::string(_(ClockStateName(c.state).data())),  // a literal's
         fmt::format("{} → {}", FormatTimeShortIn(c.start, off),
                     FormatTimeShortIn(c.deadline, off)),
         FormatDuration(c.target), how, c.clause});
  }
  if (!clocks.empty()) out += _("clocks\n") + FormatTable(clocks);
  out += _("history\n");
  Rows history;
  for (const Event& e : t.events) {
    if (!InRecordsAt(e, now)) continue;  // not in the records yet as of --now
    std::vector<std::string> details;
    for (const auto& [k, v] : e.fields) details.push_back(fmt::format("{}: {}", k, Shown(v, off)));
    std::string when = FormatTimeShortIn(e.at, off);
    if (e.recorded) when += TrF(" (recorded {})", FormatTimeShortIn(*e.recorded, off));
    // The whole of every value (show is the whole ticket): a long text on one
    // line, its newlines as spaces, never cut.
    history.push_back({"  " + when, e.actor, e.action,
                       Truncate(fmt::format("{}", fmt::join(details, "; ")), INT_MAX)});
  }
  out += FormatTable(history);
  return out;
}

}  // namespace svc::cli
