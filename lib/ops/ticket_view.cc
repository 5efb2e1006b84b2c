#include "ops/ticket_view.h"

#include <fmt/format.h>

#include "rules/clocks.h"

namespace svc {
namespace {

JsonValue ValueView(const Value& v) {
  struct Visit {
    JsonValue operator()(const std::string& s) { return s; }
    JsonValue operator()(int64_t i) { return i; }
    JsonValue operator()(bool b) { return b; }
    JsonValue operator()(const Time& t) { return FormatTime(t); }
    JsonValue operator()(const Date& d) { return FormatDate(d); }
    JsonValue operator()(const Money& m) { return FormatMoney(m); }
    JsonValue operator()(const std::vector<std::string>& l) {
      JsonValue a = JsonValue::Array();
      for (const auto& s : l) a.Push(s);
      return a;
    }
    JsonValue operator()(const std::vector<Part>& parts) { return PartsView(parts); }
  };
  return std::visit(Visit{}, v);
}

JsonValue TimeOrNull(const std::optional<Time>& t) {
  return t ? JsonValue(FormatTime(*t)) : JsonValue();
}

JsonValue DateOrNull(const std::optional<Date>& d) {
  return d ? JsonValue(FormatDate(*d)) : JsonValue();
}

JsonValue RecordView(const OutboundRecord& r) {
  JsonValue v = JsonValue::Object();
  v.Set("number", r.number);
  v.Set("dept", r.dept);
  v.Set("techs", ValueView(r.techs));
  v.Set("complexity", r.complexity);
  v.Set("planned", TimeOrNull(r.planned));
  v.Set("filed", StepView(r.filed));
  v.Set("arrived", StepView(r.arrived));
  v.Set("finished", StepView(r.finished));
  v.Set("back", StepView(r.back));
  v.Set("warehoused", StepView(r.warehoused));
  v.Set("work", JsonValue::OrNull(r.work));
  v.Set("hours", JsonValue::OrNull(r.hours));
  v.Set("signed_by", JsonValue::OrNull(r.signed_by));
  v.Set("parts", PartsView(r.parts));
  v.Set("returned", PartsView(r.returned));
  v.Set("nonconformity", JsonValue::OrNull(r.nonconformity));
  return v;
}

// The info form: customer, equipment, fault description.
void FormView(JsonValue& v, const Ticket& t) {
  JsonValue c = JsonValue::Object();
  c.Set("name", t.customer.name);
  c.Set("contact", JsonValue::OrNull(t.customer.contact));
  c.Set("title", JsonValue::OrNull(t.customer.title));
  c.Set("phone", JsonValue::OrNull(t.customer.phone));
  c.Set("address", JsonValue::OrNull(t.customer.address));
  v.Set("customer", std::move(c));
  const Equipment& q = t.equipment;
  JsonValue e = JsonValue::Object();
  e.Set("product", JsonValue::OrNull(q.product));
  e.Set("model", JsonValue::OrNull(q.model));
  e.Set("size", JsonValue::OrNull(q.size));
  e.Set("serial", JsonValue::OrNull(q.serial));
  e.Set("quantity", JsonValue::IntOrNull(q.quantity));
  e.Set("project_no", JsonValue::OrNull(q.project_no));
  e.Set("equipment_no", JsonValue::OrNull(q.equipment_no));
  e.Set("commissioned", DateOrNull(q.commissioned));
  e.Set("purchased", DateOrNull(q.purchased));
  e.Set("invoice_no", JsonValue::OrNull(q.invoice_no));
  v.Set("equipment", std::move(e));
  v.Set("description", JsonValue::OrNull(t.description));
}

// A step's "at" and "actor" followed by its own fields.
JsonValue StepObject(const Step& s) {
  JsonValue v = JsonValue::Object();
  v.Set("at", FormatTime(s.at));
  v.Set("actor", s.actor);
  return v;
}

void StateView(JsonValue& v, const TicketState& st, const Config& config) {
  const auto& c = st.classification;
  v.Set("kind", JsonValue::OrNull(c ? c->kind : ""));
  v.Set("category", JsonValue::OrNull(c ? c->category : ""));
  v.Set("level", JsonValue::IntOrNull(st.level));
  v.Set("route", JsonValue::OrNull(st.route()));
  v.Set("service", JsonValue::OrNull(c ? c->service : ""));
  v.Set("major", c && c->major);
  v.Set("classified", StepView(c ? std::optional<Step>(*c) : std::nullopt));
  JsonValue analysis;
  if (const auto& a = st.analysis) {
    analysis = StepObject(*a);
    analysis.Set("cause", a->cause);
    analysis.Set("measures", JsonValue::OrNull(a->measures));
    analysis.Set("responsibility", a->responsibility);
    analysis.Set("corrective", JsonValue::OrNull(a->corrective));
  }
  v.Set("analysis", std::move(analysis));
  JsonValue plan;
  if (const auto& p = st.plan) {
    plan = StepObject(*p);
    plan.Set("text", p->text);
    plan.Set("approved", st.PlanApproved());
    plan.Set("gm_approved", st.GmApproved());
  }
  v.Set("plan", std::move(plan));
  JsonValue approvals = JsonValue::Array();
  for (const auto& a : st.approvals) {
    JsonValue ap = StepObject(a);
    ap.Set("role", JsonValue::OrNull(a.role));
    ap.Set("comment", JsonValue::OrNull(a.comment));
    approvals.Push(std::move(ap));
  }
  v.Set("approvals", std::move(approvals));
  JsonValue dispatches = JsonValue::Array();
  for (const auto& r : st.records) dispatches.Push(RecordView(r));
  v.Set("dispatches", std::move(dispatches));
  JsonValue quote;
  Quote q;
  bool same = false;
  if (!st.quote) {
  } else if (RecomputeQuote(*st.quote, config, &q, &same).ok() && same) {
    quote = QuoteView(q, st.quote->accepted);
  } else {
    // The schedule it used is gone or changed: show what was stored (svc check reports it).
    quote = JsonValue::Object();
    quote.Set("schedule", FormatDate(st.quote->schedule));
    quote.Set("total", FormatMoney(st.quote->total));
    quote.Set("charged", FormatMoney(st.quote->charged));
    quote.Set("free", st.quote->request.free);
    quote.Set("accepted", StepView(st.quote->accepted));
  }
  v.Set("quote", std::move(quote));
  JsonValue close;
  if (const auto& k = st.closing) {
    close = StepObject(*k);
    close.Set("result", k->result);
    close.Set("remote", k->remote);
    close.Set("resolution", JsonValue::OrNull(k->resolution));
  }
  v.Set("close", std::move(close));
  JsonValue verification;
  if (const auto& k = st.verification) {
    verification = StepObject(*k);
    verification.Set("result", k->result);
    verification.Set("comment", JsonValue::OrNull(k->comment));
  }
  v.Set("verification", std::move(verification));
  JsonValue survey;
  if (st.survey) {
    const Survey& s = *st.survey;
    survey = StepObject(s);
    survey.Set("satisfaction", s.satisfaction);
    survey.Set("attitude", JsonValue::IntOrNull(s.attitude));
    survey.Set("damage", JsonValue::OrNull(s.damage));
    survey.Set("cleanliness", JsonValue::OrNull(s.cleanliness));
    survey.Set("comment", JsonValue::OrNull(s.comment));
    survey.Set("amendments", s.amendments);
  }
  v.Set("survey", std::move(survey));
  v.Set("voided", StepView(st.voided));
  v.Set("void_reason", JsonValue::OrNull(st.void_reason));
}

struct QuoteLine {
  std::string item, detail;
  Money amount;
};

std::vector<QuoteLine> QuoteLines(const Quote& q) {
  const QuoteRequest& r = q.request;
  std::vector<QuoteLine> lines;
  auto per_day = [&](int64_t days, Money rate) {
    return fmt::format("{} × {} d × {}", r.people, days, FormatMoney(rate));
  };
  lines.push_back(
      {"labour",
       per_day(r.days, q.labor_rate) + (r.labor_rate ? " (lowered: " + r.reason + ")" : ""),
       q.labor});
  lines.push_back(
      {"lodging",
       r.lodging_days ? per_day(r.lodging_days, q.lodging_rate) : "provided by the customer",
       q.lodging});
  lines.push_back({"meals",
                   r.meal_days ? per_day(r.meal_days, q.meal_rate) : "provided by the customer",
                   q.meals});
  lines.push_back({"transport", "actual cost", q.transport});
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

JsonValue StepView(const std::optional<Step>& s) {
  return s ? StepObject(*s) : JsonValue();
}

JsonValue PartsView(const std::vector<Part>& parts) {
  JsonValue a = JsonValue::Array();
  for (const Part& p : parts) {
    JsonValue v = JsonValue::Object();
    v.Set("code", JsonValue::OrNull(p.code));
    v.Set("name", p.name);
    v.Set("qty", p.qty);
    v.Set("unit", JsonValue::OrNull(p.unit ? FormatMoney(*p.unit) : ""));
    v.Set("supply", JsonValue::OrNull(p.supply));
    a.Push(std::move(v));
  }
  return a;
}

JsonValue QuoteView(const Quote& q, const std::optional<Step>& accepted) {
  const QuoteRequest& r = q.request;
  JsonValue v = JsonValue::Object();
  v.Set("schedule", FormatDate(q.schedule));
  v.Set("people", r.people);
  v.Set("days", r.days);
  v.Set("lodging_days", r.lodging_days);
  v.Set("meal_days", r.meal_days);
  JsonValue lines = JsonValue::Array();
  for (const auto& l : QuoteLines(q)) {
    JsonValue line = JsonValue::Object();
    line.Set("item", l.item);
    line.Set("detail", l.detail);
    line.Set("amount", FormatMoney(l.amount));
    lines.Push(std::move(line));
  }
  v.Set("lines", std::move(lines));
  v.Set("parts", PartsView(r.parts));
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
  for (auto [key, m] : amounts) v.Set(key, FormatMoney(m));
  v.Set("tax_rate", FormatPercent(q.tax_bp));
  v.Set("management_rate", FormatPercent(q.management_bp));
  v.Set("free", r.free);
  v.Set("reason", JsonValue::OrNull(r.reason));
  v.Set("accepted", StepView(accepted));
  return v;
}

JsonValue TicketView(const Ticket& t, const TicketState& st, const Config& config,
                     const Time& now) {
  JsonValue v = JsonValue::Object();
  v.Set("id", t.id);
  v.Set("status", StatusName(st.status));
  v.Set("via", t.via);
  v.Set("received", FormatTime(t.received));
  v.Set("opened", StepView(st.opened));
  StateView(v, st, config);
  JsonValue clocks = JsonValue::Array();
  for (const Clock& c : ComputeClocks(t, config, now)) {
    JsonValue k = JsonValue::Object();
    k.Set("name", c.name);
    k.Set("record", JsonValue::OrNull(c.record));
    k.Set("state", ClockStateName(c.state));
    k.Set("start", FormatTime(c.start));
    k.Set("deadline", FormatTime(c.deadline));
    k.Set("stop", TimeOrNull(c.stop));
    k.Set("target", FormatDuration(c.target));
    k.Set("clause", c.clause);
    clocks.Push(std::move(k));
  }
  v.Set("clocks", std::move(clocks));
  FormView(v, t);
  JsonValue events = JsonValue::Array();
  for (const Event& e : t.events) {
    if (e.at.secs > now.secs) break;  // not yet happened as of --now
    JsonValue ev = JsonValue::Object();
    ev.Set("at", FormatTime(e.at));
    ev.Set("recorded", TimeOrNull(e.recorded));
    ev.Set("actor", e.actor);
    ev.Set("action", e.action);
    JsonValue details = JsonValue::Object();
    for (const auto& [k, val] : e.fields) details.Set(k, ValueView(val));
    ev.Set("details", std::move(details));
    events.Push(std::move(ev));
  }
  v.Set("events", std::move(events));
  return v;
}

}  // namespace svc
