#include "ops/ticket_view.h"

#include <fmt/format.h>

#include "base/i18n.h"
#include "model/form.h"
#include "rules/clocks.h"

namespace svc {
namespace {

// Every time of the view is shown in the company's offset `off` (the file
// keeps the offset typed): the same instant, one time zone for a history.
JsonValue ValueView(const Value& v, int off) {
  struct Visit {
    int off;
    JsonValue operator()(const std::string& s) { return s; }
    JsonValue operator()(int64_t i) { return i; }
    JsonValue operator()(bool b) { return b; }
    JsonValue operator()(const Time& t) { return FormatTimeIn(t, off); }
    JsonValue operator()(const Date& d) { return FormatDate(d); }
    JsonValue operator()(const Money& m) { return FormatMoney(m); }
    JsonValue operator()(const std::vector<std::string>& l) {
      JsonValue a = JsonValue::Array();
      for (const auto& s : l) a.Push(s);
      return a;
    }
    JsonValue operator()(const std::vector<Part>& parts) { return PartsView(parts); }
  };
  return std::visit(Visit{off}, v);
}

JsonValue TimeOrNull(const std::optional<Time>& t, int off) {
  return t ? JsonValue(FormatTimeIn(*t, off)) : JsonValue();
}

JsonValue DateOrNull(const std::optional<Date>& d) {
  return d ? JsonValue(FormatDate(*d)) : JsonValue();
}

JsonValue RecordView(const OutboundRecord& r, int off) {
  JsonValue v = JsonValue::Object();
  v.Add("number", r.number);
  v.Add("dept", r.dept);
  v.Add("techs", ValueView(r.techs, off));
  v.Add("complexity", r.complexity);
  v.Add("planned", TimeOrNull(r.planned, off));
  v.Add("filed", StepView(r.filed, off));
  v.Add("arrived", StepView(r.arrived, off));
  v.Add("finished", StepView(r.finished, off));
  v.Add("back", StepView(r.back, off));
  v.Add("warehoused", StepView(r.warehoused, off));
  v.Add("receipt", JsonValue::OrNull(r.receipt));
  v.Add("data", JsonValue::OrNull(r.data));
  v.Add("redelivered", StepView(r.redelivered, off));
  v.Add("redelivery", JsonValue::OrNull(r.redelivery));
  v.Add("work", JsonValue::OrNull(r.work));
  v.Add("hours", JsonValue::OrNull(r.hours));
  v.Add("signed_by", JsonValue::OrNull(r.signed_by));
  v.Add("parts", PartsView(r.parts));
  v.Add("returned", PartsView(r.returned));
  v.Add("nonconformity", JsonValue::OrNull(r.nonconformity));
  // the record's actual costs (svc expense), money as decimal strings.
  JsonValue expenses = JsonValue::Array();
  Money total;
  for (const Expense& x : r.expenses) {
    JsonValue j = JsonValue::Object();
    j.Add("at", FormatTimeIn(x.at, off));
    j.Add("actor", x.actor);
    j.Add("item", x.item);
    j.Add("amount", FormatMoney(x.amount));
    j.Add("engineer", JsonValue::OrNull(x.engineer));
    j.Add("note", JsonValue::OrNull(x.note));
    expenses.Push(std::move(j));
    (void)AddMoney(total, x.amount, &total);  // each at most kMaxFen: a ticket's few fit
  }
  v.Add("expenses", std::move(expenses));
  v.Add("expenses_total", FormatMoney(total));
  return v;
}

// The info form: customer, equipment, fault description.
void FormView(JsonValue& v, const Ticket& t) {
  JsonValue c = JsonValue::Object();
  c.Add("name", t.customer.name);
  c.Add("contact", JsonValue::OrNull(t.customer.contact));
  c.Add("title", JsonValue::OrNull(t.customer.title));
  c.Add("phone", JsonValue::OrNull(t.customer.phone));
  c.Add("address", JsonValue::OrNull(t.customer.address));
  v.Add("customer", std::move(c));
  const Equipment& q = t.equipment;
  JsonValue e = JsonValue::Object();
  e.Add("product", JsonValue::OrNull(q.product));
  e.Add("model", JsonValue::OrNull(q.model));
  e.Add("size", JsonValue::OrNull(q.size));
  e.Add("serial", JsonValue::OrNull(q.serial));
  e.Add("quantity", JsonValue::IntOrNull(q.quantity));
  e.Add("project_no", JsonValue::OrNull(q.project_no));
  e.Add("equipment_no", JsonValue::OrNull(q.equipment_no));
  e.Add("commissioned", DateOrNull(q.commissioned));
  e.Add("purchased", DateOrNull(q.purchased));
  e.Add("invoice_no", JsonValue::OrNull(q.invoice_no));
  e.Add("warranty_until", DateOrNull(q.warranty_until));
  v.Add("equipment", std::move(e));
  v.Add("description", JsonValue::OrNull(t.description));
}

// A step's "at" and "actor" followed by its own fields.
JsonValue StepObject(const Step& s, int off) {
  JsonValue v = JsonValue::Object();
  v.Add("at", FormatTimeIn(s.at, off));
  v.Add("actor", s.actor);
  return v;
}

void StateView(JsonValue& v, const TicketState& st, const Config& config) {
  const int off = config.offset_minutes;
  const auto& c = st.classification;
  v.Add("kind", JsonValue::OrNull(c ? c->kind : ""));
  v.Add("category", JsonValue::OrNull(c ? c->category : ""));
  v.Add("level", JsonValue::IntOrNull(st.level));
  v.Add("route", JsonValue::OrNull(st.route()));
  v.Add("service", JsonValue::OrNull(c ? c->service : ""));
  v.Add("major", c && c->major);
  v.Add("classified", StepView(c ? std::optional<Step>(*c) : std::nullopt, off));
  JsonValue analysis;
  if (const auto& a = st.analysis) {
    analysis = StepObject(*a, off);
    analysis.Add("cause", a->cause);
    analysis.Add("cause_category", JsonValue::OrNull(a->cause_category));
    analysis.Add("measures", JsonValue::OrNull(a->measures));
    analysis.Add("responsibility", a->responsibility);
    analysis.Add("corrective", JsonValue::OrNull(a->corrective));
  }
  v.Add("analysis", std::move(analysis));
  JsonValue plan;
  if (const auto& p = st.plan) {
    plan = StepObject(*p, off);
    plan.Add("text", p->text);
    plan.Add("approved", st.PlanApproved());
    plan.Add("gm_approved", st.GmApproved());
    plan.Add("customer_endorsed", st.CustomerEndorsement() != nullptr);
  }
  v.Add("plan", std::move(plan));
  JsonValue approvals = JsonValue::Array();
  for (const auto& a : st.approvals) {
    JsonValue ap = StepObject(a, off);
    ap.Add("role", JsonValue::OrNull(a.role));
    ap.Add("by", JsonValue::OrNull(a.by));
    ap.Add("comment", JsonValue::OrNull(a.comment));
    approvals.Push(std::move(ap));
  }
  v.Add("approvals", std::move(approvals));
  JsonValue dispatches = JsonValue::Array();
  for (const auto& r : st.records) dispatches.Push(RecordView(r, off));
  v.Add("dispatches", std::move(dispatches));
  JsonValue quote;
  Quote q;
  bool same = false;
  if (!st.quote) {
  } else if (RecomputeQuote(*st.quote, config, &q, &same).ok() && same) {
    quote = QuoteView(q, st.quote->accepted, off);
  } else {
    // The schedule it used is gone or changed: show what was stored (svc check reports it).
    quote = JsonValue::Object();
    quote.Add("schedule", FormatDate(st.quote->schedule));
    quote.Add("total", FormatMoney(st.quote->total));
    quote.Add("charged", FormatMoney(st.quote->charged));
    quote.Add("free", st.quote->request.free);
    quote.Add("accepted", StepView(st.quote->accepted, off));
  }
  v.Add("quote", std::move(quote));
  JsonValue close;
  if (const auto& k = st.closing) {
    close = StepObject(*k, off);
    close.Add("result", k->result);
    close.Add("remote", k->remote);
    close.Add("resolution", JsonValue::OrNull(k->resolution));
  }
  v.Add("close", std::move(close));
  JsonValue verification;
  if (const auto& k = st.verification) {
    verification = StepObject(*k, off);
    verification.Add("result", k->result);
    verification.Add("comment", JsonValue::OrNull(k->comment));
  }
  v.Add("verification", std::move(verification));
  JsonValue survey;
  if (st.survey) {
    const Survey& s = *st.survey;
    survey = StepObject(s, off);
    survey.Add("satisfaction", s.satisfaction);
    survey.Add("attitude", JsonValue::IntOrNull(s.attitude));
    survey.Add("damage", JsonValue::OrNull(s.damage));
    survey.Add("cleanliness", JsonValue::OrNull(s.cleanliness));
    survey.Add("comment", JsonValue::OrNull(s.comment));
    survey.Add("amendments", s.amendments);
  }
  v.Add("survey", std::move(survey));
  // d, R-4.5.1, R-4.2.2: a complaint, the follow-ups, the general manager told.
  v.Add("complaint", st.complaint);
  JsonValue follow_ups = JsonValue::Array();
  for (const Note& n : st.follow_up_notes) {
    JsonValue f = StepObject(n, off);
    f.Add("action", n.text);
    follow_ups.Push(std::move(f));
  }
  v.Add("follow_ups", std::move(follow_ups));
  v.Add("voided", StepView(st.voided, off));
  v.Add("void_reason", JsonValue::OrNull(st.void_reason));
  // reopens (each with the close it undid) and the form's corrections.
  v.Add("reopened", st.reopened());
  JsonValue reopens = JsonValue::Array();
  for (size_t i = 0; i < st.reopens.size(); ++i) {
    JsonValue r = StepObject(st.reopens[i], off);
    const Closing& k = st.earlier_closings[i];
    JsonValue undone = StepObject(k, off);
    undone.Add("result", k.result);
    undone.Add("remote", k.remote);
    undone.Add("resolution", JsonValue::OrNull(k.resolution));
    r.Add("close", std::move(undone));
    reopens.Push(std::move(r));
  }
  v.Add("reopens", std::move(reopens));
}

struct QuoteLine {
  std::string item, detail;
  Money amount;
};

std::vector<QuoteLine> QuoteLines(const Quote& q) {
  const QuoteRequest& r = q.request;
  std::vector<QuoteLine> lines;
  auto per_day = [&](int64_t days, Money rate) {
    return TrF("{} × {} d × {}", r.people, days, FormatMoney(rate));
  };
  lines.push_back(
      {"labour",
       per_day(r.days, q.labor_rate) + (r.labor_rate ? TrF(" (lowered: {})", r.reason) : ""),
       q.labor});
  lines.push_back(
      {"lodging",
       r.lodging_days ? per_day(r.lodging_days, q.lodging_rate) : _("provided by the customer"),
       q.lodging});
  lines.push_back({"meals",
                   r.meal_days ? per_day(r.meal_days, q.meal_rate) : _("provided by the customer"),
                   q.meals});
  lines.push_back({"transport", _("actual cost"), q.transport});
  for (const Part& p : r.parts) {
    Money amount;
    MulMoney(*p.unit, p.qty, &amount);
    lines.push_back({"material",
                     fmt::format("{}{} × {}", p.code.empty() ? "" : p.code + " ", p.name, p.qty) +
                         " × " + FormatMoney(*p.unit),
                     amount});
  }
  return lines;
}

}  // namespace

JsonValue StepView(const std::optional<Step>& s, int offset_minutes) {
  return s ? StepObject(*s, offset_minutes) : JsonValue();
}

JsonValue PartsView(const std::vector<Part>& parts) {
  JsonValue a = JsonValue::Array();
  for (const Part& p : parts) {
    JsonValue v = JsonValue::Object();
    v.Add("code", JsonValue::OrNull(p.code));
    v.Add("name", p.name);
    v.Add("qty", p.qty);
    v.Add("unit", JsonValue::OrNull(p.unit ? FormatMoney(*p.unit) : ""));
    v.Add("supply", JsonValue::OrNull(p.supply));
    a.Push(std::move(v));
  }
  return a;
}

JsonValue QuoteView(const Quote& q, const std::optional<Step>& accepted, int offset_minutes) {
  const QuoteRequest& r = q.request;
  JsonValue v = JsonValue::Object();
  v.Add("schedule", FormatDate(q.schedule));
  v.Add("people", r.people);
  v.Add("days", r.days);
  v.Add("lodging_days", r.lodging_days);
  v.Add("meal_days", r.meal_days);
  JsonValue lines = JsonValue::Array();
  for (const auto& l : QuoteLines(q)) {
    JsonValue line = JsonValue::Object();
    line.Add("item", l.item);
    line.Add("detail", l.detail);
    line.Add("amount", FormatMoney(l.amount));
    lines.Push(std::move(line));
  }
  v.Add("lines", std::move(lines));
  v.Add("parts", PartsView(r.parts));
  const std::pair<const char*, Money> amounts[] = {{"labor_rate", q.labor_rate},
                                                   {"lodging_rate", q.lodging_rate},
                                                   {"meal_rate", q.meal_rate},
                                                   {"labor", q.labor},
                                                   {"lodging", q.lodging},
                                                   {"meals", q.meals},
                                                   {"transport", q.transport},
                                                   {"materials", q.materials},
                                                   {"travel", q.travel},
                                                   {"subtotal", q.subtotal},
                                                   {"tax", q.tax},
                                                   {"cost", q.cost},
                                                   {"management", q.management},
                                                   {"total", q.total},
                                                   {"charged", q.charged}};
  for (auto [key, m] : amounts) v.Add(key, FormatMoney(m));
  v.Add("tax_rate", FormatPercent(q.tax_bp));
  v.Add("management_rate", FormatPercent(q.management_bp));
  v.Add("free", r.free);
  v.Add("reason", JsonValue::OrNull(r.reason));
  v.Add("accepted", StepView(accepted, offset_minutes));
  return v;
}

JsonValue TicketView(const Ticket& filed, const TicketState& st, const Config& config,
                     const Time& now, TicketViewParts parts) {
  // The form as corrected, the history as filed.
  Ticket t = CorrectedForm(filed, st);
  t.events = filed.events;
  const int off = config.offset_minutes;
  JsonValue v = JsonValue::Object();
  v.Add("id", t.id);
  v.Add("status", StatusName(st.status));
  v.Add("via", t.via);
  v.Add("received", FormatTimeIn(t.received, off));
  // The customer file the form names (R-4.6 b), and whether the unit was in
  // warranty when the request was received (R-4.3.6 a): "in", "out" or null.
  v.Add("customer_code", JsonValue::OrNull(t.customer.code));
  v.Add("warranty", JsonValue::OrNull(std::string(WarrantyOf(t, off))));
  v.Add("paid", st.Paid());
  v.Add("annual_plan", JsonValue::OrNull(t.annual_plan));  // "2026:3", R-4.5.5
  v.Add("opened", StepView(st.opened, off));
  StateView(v, st, config);
  JsonValue clocks = JsonValue::Array();
  if (parts.clocks) {
    for (const Clock& c : ComputeClocks(t, st, config, now)) {
      JsonValue k = JsonValue::Object();
      k.Add("name", c.name);
      k.Add("record", JsonValue::OrNull(c.record));
      k.Add("state", ClockStateName(c.state));
      k.Add("start", FormatTimeIn(c.start, off));
      k.Add("deadline", FormatTimeIn(c.deadline, off));
      k.Add("stop", TimeOrNull(c.stop, off));
      k.Add("target", FormatDuration(c.target));
      k.Add("clause", c.clause);
      clocks.Push(std::move(k));
    }
    v.Add("clocks", std::move(clocks));
  }
  FormView(v, t);
  JsonValue corrections = JsonValue::Array();
  for (const auto& [field, value] : st.corrections) {
    JsonValue c = JsonValue::Object();
    c.Add("field", field);
    c.Add("value", value);
    if (const FormField* f = FindFormField(field)) c.Add("filed", FormFieldText(*f, filed));
    corrections.Push(std::move(c));
  }
  v.Add("corrections", std::move(corrections));
  if (!parts.history) return v;
  JsonValue events = JsonValue::Array();
  for (const Event& e : t.events) {
    if (!InRecordsAt(e, now)) continue;  // not in the records yet as of --now
    JsonValue ev = JsonValue::Object();
    ev.Add("at", FormatTimeIn(e.at, off));
    ev.Add("recorded", TimeOrNull(e.recorded, off));
    ev.Add("actor", e.actor);
    ev.Add("action", e.action);
    JsonValue details = JsonValue::Object();
    for (const auto& [k, val] : e.fields) details.Add(k, ValueView(val, off));
    ev.Add("details", std::move(details));
    events.Push(std::move(ev));
  }
  v.Add("events", std::move(events));
  return v;
}

}  // namespace svc
