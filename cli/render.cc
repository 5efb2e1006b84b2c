#include "render.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/json.h"
#include "base/text.h"
#include "rules/clocks.h"

namespace svc::cli {
namespace {

std::string By(const Step& s) {
  return fmt::format("{} by {}", FormatTimeShort(s.at), s.actor);
}

void JsonValue(JsonWriter& w, const Value& v);

void JsonParts(JsonWriter& w, const std::vector<Part>& parts) {
  w.BeginArray();
  for (const Part& p : parts) {
    w.BeginObject();
    w.FieldOrNull("code", p.code);
    w.Field("name", p.name);
    w.Field("qty", p.qty);
    w.FieldOrNull("unit", p.unit ? FormatMoney(*p.unit) : "");
    w.FieldOrNull("supply", p.supply);
    w.EndObject();
  }
  w.EndArray();
}

void JsonValue(JsonWriter& w, const Value& v) {
  struct Visit {
    JsonWriter& w;
    void operator()(const std::string& s) { w.String(s); }
    void operator()(int64_t i) { w.Int(i); }
    void operator()(bool b) { w.Bool(b); }
    void operator()(const Time& t) { w.String(FormatTime(t)); }
    void operator()(const Date& d) { w.String(FormatDate(d)); }
    void operator()(const Money& m) { w.String(FormatMoney(m)); }
    void operator()(const std::vector<std::string>& l) {
      w.BeginArray();
      for (const auto& s : l) w.String(s);
      w.EndArray();
    }
    void operator()(const std::vector<Part>& parts) { JsonParts(w, parts); }
  };
  std::visit(Visit{w}, v);
}

// "at" and "actor" of a step, or the key null.
void JsonStep(JsonWriter& w, std::string_view key, const std::optional<Step>& s) {
  w.Key(key);
  if (!s) {
    w.Null();
    return;
  }
  w.BeginObject();
  w.Field("at", FormatTime(s->at));
  w.Field("actor", s->actor);
  w.EndObject();
}

void JsonIntOrNull(JsonWriter& w, std::string_view key, int64_t v) {
  w.Key(key);
  if (v) {
    w.Int(v);
  } else {
    w.Null();
  }
}

void JsonRecord(JsonWriter& w, const OutboundRecord& r) {
  w.BeginObject();
  w.Field("number", r.number);
  w.Field("dept", r.dept);
  w.Key("techs");
  JsonValue(w, r.techs);
  w.Field("complexity", r.complexity);
  w.FieldOrNull("planned", r.planned ? FormatTime(*r.planned) : "");
  JsonStep(w, "filed", r.filed);
  JsonStep(w, "arrived", r.arrived);
  JsonStep(w, "finished", r.finished);
  JsonStep(w, "back", r.back);
  JsonStep(w, "warehoused", r.warehoused);
  w.FieldOrNull("work", r.work);
  w.FieldOrNull("hours", r.hours);
  w.FieldOrNull("signed_by", r.signed_by);
  w.Key("parts");
  JsonParts(w, r.parts);
  w.Key("returned");
  JsonParts(w, r.returned);
  w.FieldOrNull("nonconformity", r.nonconformity);
  w.EndObject();
}

void JsonForm(JsonWriter& w, const Ticket& t) {
  w.Key("customer");
  w.BeginObject();
  w.Field("name", t.customer.name);
  w.FieldOrNull("contact", t.customer.contact);
  w.FieldOrNull("title", t.customer.title);
  w.FieldOrNull("phone", t.customer.phone);
  w.FieldOrNull("address", t.customer.address);
  w.EndObject();
  const Equipment& q = t.equipment;
  w.Key("equipment");
  w.BeginObject();
  w.FieldOrNull("product", q.product);
  w.FieldOrNull("model", q.model);
  w.FieldOrNull("size", q.size);
  w.FieldOrNull("serial", q.serial);
  JsonIntOrNull(w, "quantity", q.quantity);
  w.FieldOrNull("project_no", q.project_no);
  w.FieldOrNull("equipment_no", q.equipment_no);
  w.FieldOrNull("commissioned", q.commissioned ? FormatDate(*q.commissioned) : "");
  w.FieldOrNull("purchased", q.purchased ? FormatDate(*q.purchased) : "");
  w.FieldOrNull("invoice_no", q.invoice_no);
  w.EndObject();
  w.FieldOrNull("description", t.description);
}

void JsonState(JsonWriter& w, const TicketState& st, const Config& config) {
  const auto& c = st.classification;
  w.FieldOrNull("kind", c ? c->kind : "");
  w.FieldOrNull("category", c ? c->category : "");
  JsonIntOrNull(w, "level", st.level);
  w.FieldOrNull("route", st.route());
  w.FieldOrNull("service", c ? c->service : "");
  w.Field("major", c && c->major);
  JsonStep(w, "classified", c ? std::optional<Step>(*c) : std::nullopt);
  w.Key("analysis");
  if (st.analysis) {
    w.BeginObject();
    w.Field("at", FormatTime(st.analysis->at));
    w.Field("actor", st.analysis->actor);
    w.Field("cause", st.analysis->cause);
    w.FieldOrNull("measures", st.analysis->measures);
    w.Field("responsibility", st.analysis->responsibility);
    w.FieldOrNull("corrective", st.analysis->corrective);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("plan");
  if (st.plan) {
    w.BeginObject();
    w.Field("at", FormatTime(st.plan->at));
    w.Field("actor", st.plan->actor);
    w.Field("text", st.plan->text);
    w.Field("approved", st.PlanApproved());
    w.Field("gm_approved", st.GmApproved());
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("approvals");
  w.BeginArray();
  for (const auto& a : st.approvals) {
    w.BeginObject();
    w.Field("at", FormatTime(a.at));
    w.Field("actor", a.actor);
    w.FieldOrNull("role", a.role);
    w.FieldOrNull("comment", a.comment);
    w.EndObject();
  }
  w.EndArray();
  w.Key("dispatches");
  w.BeginArray();
  for (const auto& r : st.records) JsonRecord(w, r);
  w.EndArray();
  w.Key("quote");
  Quote q;
  bool same = false;
  if (!st.quote) {
    w.Null();
  } else if (RecomputeQuote(*st.quote, config, &q, &same).ok() && same) {
    QuoteJson(w, q, st.quote->accepted);
  } else {
    // The schedule it used is gone or changed: show what was stored (svc check reports it).
    w.BeginObject();
    w.Field("schedule", FormatDate(st.quote->schedule));
    w.Field("total", FormatMoney(st.quote->total));
    w.Field("charged", FormatMoney(st.quote->charged));
    w.Field("free", st.quote->request.free);
    JsonStep(w, "accepted", st.quote->accepted);
    w.EndObject();
  }
  w.Key("close");
  if (st.closing) {
    w.BeginObject();
    w.Field("at", FormatTime(st.closing->at));
    w.Field("actor", st.closing->actor);
    w.Field("result", st.closing->result);
    w.Field("remote", st.closing->remote);
    w.FieldOrNull("resolution", st.closing->resolution);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("verification");
  if (st.verification) {
    w.BeginObject();
    w.Field("at", FormatTime(st.verification->at));
    w.Field("actor", st.verification->actor);
    w.Field("result", st.verification->result);
    w.FieldOrNull("comment", st.verification->comment);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("survey");
  if (st.survey) {
    const Survey& s = *st.survey;
    w.BeginObject();
    w.Field("at", FormatTime(s.at));
    w.Field("actor", s.actor);
    w.Field("satisfaction", s.satisfaction);
    JsonIntOrNull(w, "attitude", s.attitude);
    w.FieldOrNull("damage", s.damage);
    w.FieldOrNull("cleanliness", s.cleanliness);
    w.FieldOrNull("comment", s.comment);
    w.Field("amendments", s.amendments);
    w.EndObject();
  } else {
    w.Null();
  }
  JsonStep(w, "voided", st.voided);
  w.FieldOrNull("void_reason", st.void_reason);
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

void FormRows(Rows& rows, const Ticket& t) {
  rows.push_back({"customer"});
  Row(rows, "name", t.customer.name);
  Row(rows, "contact", t.customer.contact);
  Row(rows, "title", t.customer.title);
  Row(rows, "phone", t.customer.phone);
  Row(rows, "address", t.customer.address);
  const Equipment& q = t.equipment;
  if (q == Equipment{}) return;
  rows.push_back({"equipment"});
  Row(rows, "product", q.product);
  Row(rows, "model", q.model);
  Row(rows, "size", q.size);
  Row(rows, "serial", q.serial);
  if (q.quantity) Row(rows, "quantity", std::to_string(q.quantity));
  Row(rows, "project no.", q.project_no);
  Row(rows, "equipment no.", q.equipment_no);
  if (q.commissioned) Row(rows, "commissioned", FormatDate(*q.commissioned));
  if (q.purchased) Row(rows, "purchased", FormatDate(*q.purchased));
  Row(rows, "invoice no.", q.invoice_no);
}

void RecordRows(Rows& rows, const OutboundRecord& r, const Config& config) {
  const Department* d = config.FindDepartment(r.dept);
  rows.push_back({fmt::format("outbound {}", r.number),
                  fmt::format("{}{} · {} · {}", r.dept, d ? " " + d->name : "",
                              fmt::join(r.techs, ", "), r.complexity)});
  Row(rows, "filed", By(r.filed));
  if (r.planned) Row(rows, "planned", FormatTimeShort(*r.planned));
  if (r.arrived) Row(rows, "arrived", By(*r.arrived));
  if (r.finished) Row(rows, "finished", By(*r.finished));
  Row(rows, "work", r.work);
  Row(rows, "hours", r.hours);
  Row(rows, "parts used", PartsText(r.parts));
  Row(rows, "signed by", r.signed_by);
  if (r.back) Row(rows, "back at HQ", By(*r.back));
  Row(rows, "returned", PartsText(r.returned));
  if (r.warehoused) Row(rows, "into store", By(*r.warehoused));
  Row(rows, "nonconformity", r.nonconformity);
}

void StateRows(Rows& rows, const TicketState& st, const Config& config) {
  if (const auto& c = st.classification) {
    const Department* d = config.FindDepartment(c->route);
    rows.push_back({"classified", By(*c)});
    Row(rows, "kind", c->kind + (c->major ? " (major)" : ""));
    Row(rows, "category", c->category);
    Row(rows, "service", c->service);
    Row(rows, "route", c->route + (d ? " " + d->name : ""));
  }
  if (const auto& a = st.analysis) {
    rows.push_back({"cause analysis", By(*a)});
    Row(rows, "cause", a->cause);
    Row(rows, "measures", a->measures);
    Row(rows, "responsibility", a->responsibility);
    Row(rows, "corrective", a->corrective);
  }
  if (const auto& p = st.plan) {
    rows.push_back({"plan", By(*p)});
    Row(rows, "text", p->text);
  }
  for (const auto& a : st.approvals) {
    rows.push_back({"approved", By(a) + (a.role.empty() ? "" : " (" + a.role + ")")});
    Row(rows, "comment", a.comment);
  }
  for (const auto& r : st.records) RecordRows(rows, r, config);
  if (const auto& q = st.quote) {
    rows.push_back({"quote", By(*q)});
    Row(rows, "total",
        FormatMoney(q->total) + " yuan (fee schedule of " + FormatDate(q->schedule) + ")");
    Row(rows, "charged", FormatMoney(q->charged) + (q->request.free ? " (free)" : ""));
    Row(rows, "accepted",
        q->accepted           ? By(*q->accepted)
        : q->charged.fen == 0 ? std::string("not needed (free)")
                              : std::string("not yet"));
  }
  if (const auto& c = st.closing) {
    rows.push_back({"closed", By(*c)});
    Row(rows, "result", c->result + (c->remote ? " (remote)" : ""));
    Row(rows, "resolution", c->resolution);
  }
  if (const auto& v = st.verification) {
    rows.push_back({"verified", By(*v)});
    Row(rows, "result", v->result);
    Row(rows, "comment", v->comment);
  }
  if (const auto& s = st.survey) {
    static const char* kAttitude[] = {"", "差", "一般", "满意", "好", "很好"};
    rows.push_back({"survey", By(*s) + (s->amendments ? " (amended)" : "")});
    Row(rows, "satisfaction", s->satisfaction);
    if (s->attitude)
      Row(rows, "attitude", fmt::format("{}/5 {}", s->attitude, kAttitude[s->attitude]));
    Row(rows, "damage", s->damage);
    Row(rows, "cleanliness", s->cleanliness);
    Row(rows, "comment", s->comment);
  }
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

std::string Minutes(int64_t secs) {
  return FormatDuration(Duration{secs / 60 * 60});  // to the minute, for people
}

std::string QuoteText(const Quote& q, const std::string& id) {
  Rows rows;
  for (const auto& l : QuoteLines(q))
    rows.push_back({"  " + l.item, l.detail, FormatMoney(l.amount)});
  rows.push_back({"  materials", "", FormatMoney(q.materials)});
  rows.push_back({"  travel", "transport + lodging + meals", FormatMoney(q.travel)});
  rows.push_back({"  subtotal", "materials + labour + travel", FormatMoney(q.subtotal)});
  rows.push_back({"  tax", FormatPercent(q.tax_bp) + " of subtotal", FormatMoney(q.tax)});
  rows.push_back({"  cost", "subtotal + tax", FormatMoney(q.cost)});
  rows.push_back(
      {"  management fee", FormatPercent(q.management_bp) + " of cost", FormatMoney(q.management)});
  rows.push_back({"  total", "cost + management fee", FormatMoney(q.total)});
  rows.push_back({"  charged", q.request.free ? "free: warranty or our responsibility" : "",
                  FormatMoney(q.charged)});
  // Right-align the amounts.
  size_t width = 0;
  for (const auto& row : rows) width = std::max(width, row[2].size());
  for (auto& row : rows) row[2] = std::string(width - row[2].size(), ' ') + row[2];
  return fmt::format("quote for {} (fee schedule of {}, yuan)\n", id, FormatDate(q.schedule)) +
         FormatTable(rows);
}

void QuoteJson(JsonWriter& w, const Quote& q, const std::optional<Step>& accepted) {
  const QuoteRequest& r = q.request;
  w.BeginObject();
  w.Field("schedule", FormatDate(q.schedule));
  w.Field("people", r.people);
  w.Field("days", r.days);
  w.Field("lodging_days", r.lodging_days);
  w.Field("meal_days", r.meal_days);
  w.Key("lines");
  w.BeginArray();
  for (const auto& l : QuoteLines(q)) {
    w.BeginObject();
    w.Field("item", l.item);
    w.Field("detail", l.detail);
    w.Field("amount", FormatMoney(l.amount));
    w.EndObject();
  }
  w.EndArray();
  w.Key("parts");
  JsonParts(w, r.parts);
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
  for (auto [key, m] : amounts) w.Field(key, FormatMoney(m));
  w.Field("tax_rate", FormatPercent(q.tax_bp));
  w.Field("management_rate", FormatPercent(q.management_bp));
  w.Field("free", r.free);
  w.FieldOrNull("reason", r.reason);
  JsonStep(w, "accepted", accepted);
  w.EndObject();
}

std::string TicketJson(const Ticket& t, const TicketState& st, const Config& config,
                       const Time& now) {
  JsonWriter w;
  w.BeginObject();
  w.Field("id", t.id);
  w.Field("status", StatusName(st.status));
  w.Field("via", t.via);
  w.Field("received", FormatTime(t.received));
  JsonStep(w, "opened", st.opened);
  JsonState(w, st, config);
  w.Key("clocks");
  w.BeginArray();
  for (const Clock& c : ComputeClocks(t, config, now)) {
    w.BeginObject();
    w.Field("name", c.name);
    w.FieldOrNull("record", c.record);
    w.Field("state", ClockStateName(c.state));
    w.Field("start", FormatTime(c.start));
    w.Field("deadline", FormatTime(c.deadline));
    w.FieldOrNull("stop", c.stop ? FormatTime(*c.stop) : "");
    w.Field("target", FormatDuration(c.target));
    w.Field("clause", c.clause);
    w.EndObject();
  }
  w.EndArray();
  JsonForm(w, t);
  w.Key("events");
  w.BeginArray();
  for (const Event& e : t.events) {
    if (e.at.secs > now.secs) break;  // not yet happened as of --now
    w.BeginObject();
    w.Field("at", FormatTime(e.at));
    w.FieldOrNull("recorded", e.recorded ? FormatTime(*e.recorded) : "");
    w.Field("actor", e.actor);
    w.Field("action", e.action);
    w.Key("details");
    w.BeginObject();
    for (const auto& [k, v] : e.fields) {
      w.Key(k);
      JsonValue(w, v);
    }
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

std::string TicketText(const Ticket& t, const TicketState& st, const Config& config,
                       const Time& now) {
  std::string out = fmt::format("{}  {}  {}\n", t.id, StatusName(st.status), t.customer.name);
  Rows rows;
  const Department* via = config.FindDepartment(t.via);
  Row(rows, "received",
      fmt::format("{} via {}{}", FormatTimeShort(t.received), t.via, via ? " " + via->name : ""));
  if (st.opened) Row(rows, "form filled", By(*st.opened));
  if (st.level) {
    const FaultLevel* l = config.FindLevel(st.level);
    Row(rows, "fault level",
        fmt::format("{}{}", st.level, l && !l->name.empty() ? " — " + l->name : ""));
  }
  if (st.voided) Row(rows, "voided", By(*st.voided) + " — " + st.void_reason);
  FormRows(rows, t);
  out += FormatTable(rows);
  if (!t.description.empty()) {
    out += "fault\n";
    for (std::string_view line : Split(t.description, '\n')) out += fmt::format("  {}\n", line);
  }
  rows.clear();
  StateRows(rows, st, config);
  out += FormatTable(rows);
  Rows clocks;
  for (const Clock& c : ComputeClocks(t, config, now)) {
    Duration left = c.Left(now);
    std::string how;
    switch (c.state) {
      case ClockState::kMet:
        how = "met, " + Minutes(left.secs) + " to spare";
        break;
      case ClockState::kBreached:
        how = "breached by " + Minutes(-left.secs);
        break;
      case ClockState::kRunning:
        how = Minutes(left.secs) + " left";
        break;
      case ClockState::kOverdue:
        how = "over by " + Minutes(-left.secs);
        break;
    }
    clocks.push_back({"  " + c.name + (c.record.empty() ? "" : " " + c.record),
                      std::string(ClockStateName(c.state)),
                      fmt::format("{} → {}", FormatTimeShort(c.start), FormatTimeShort(c.deadline)),
                      FormatDuration(c.target), how, c.clause});
  }
  if (!clocks.empty()) out += "clocks\n" + FormatTable(clocks);
  out += "history\n";
  Rows history;
  for (const Event& e : t.events) {
    if (e.at.secs > now.secs) break;  // not yet happened as of --now
    std::vector<std::string> details;
    for (const auto& [k, v] : e.fields) details.push_back(fmt::format("{}: {}", k, ValueText(v)));
    std::string when = FormatTimeShort(e.at);
    if (e.recorded) when += " (recorded " + FormatTimeShort(*e.recorded) + ")";
    history.push_back({"  " + when, e.actor, e.action,
                       Truncate(fmt::format("{}", fmt::join(details, "; ")), 160)});
  }
  out += FormatTable(history);
  return out;
}

}  // namespace svc::cli
