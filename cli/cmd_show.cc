#include <fmt/format.h>

#include "commands.h"
#include "json.h"
#include "state.h"
#include "text.h"

namespace svc::cli {
namespace {

std::string ValueText(const Value& v) {
  struct Visit {
    std::string operator()(const std::string& s) { return s; }
    std::string operator()(int64_t i) { return std::to_string(i); }
    std::string operator()(bool b) { return b ? "yes" : "no"; }
    std::string operator()(const Time& t) { return FormatTime(t); }
    std::string operator()(const Date& d) { return FormatDate(d); }
    std::string operator()(const Money& m) { return FormatMoney(m); }
    std::string operator()(const std::vector<std::string>& l) { return fmt::format("{}", fmt::join(l, ", ")); }
    std::string operator()(const std::vector<Part>& parts) {
      std::vector<std::string> out;
      for (const Part& p : parts) {
        out.push_back(fmt::format("{}{} ×{}{}{}", p.code.empty() ? "" : p.code + " ", p.name, p.qty,
                                  p.unit ? " @" + FormatMoney(*p.unit) : "",
                                  p.supply.empty() ? "" : " (" + p.supply + ")"));
      }
      return fmt::format("{}", fmt::join(out, "; "));
    }
  };
  return std::visit(Visit{}, v);
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
    void operator()(const std::vector<Part>& parts) {
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
  };
  std::visit(Visit{w}, v);
}

void PrintJson(const Ticket& t, const TicketState& st, const Time& now) {
  JsonWriter w;
  w.BeginObject();
  w.Field("id", t.id);
  w.Field("status", StatusName(st.status));
  w.Field("via", t.via);
  w.Field("received", FormatTime(t.received));
  w.FieldOrNull("opened", st.opened ? FormatTime(*st.opened) : "");
  w.Key("kind"), w.Null();
  w.Key("category"), w.Null();
  w.Key("level");
  if (st.level) {
    w.Int(st.level);
  } else {
    w.Null();
  }
  w.FieldOrNull("route", st.route);
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
  w.Key("quantity");
  if (q.quantity) {
    w.Int(q.quantity);
  } else {
    w.Null();
  }
  w.FieldOrNull("project_no", q.project_no);
  w.FieldOrNull("equipment_no", q.equipment_no);
  w.FieldOrNull("commissioned", q.commissioned ? FormatDate(*q.commissioned) : "");
  w.FieldOrNull("purchased", q.purchased ? FormatDate(*q.purchased) : "");
  w.FieldOrNull("invoice_no", q.invoice_no);
  w.EndObject();
  w.FieldOrNull("description", t.description);
  w.Key("dispatches");
  w.BeginArray();
  w.EndArray();
  w.Key("quote");
  w.Null();
  w.Key("clocks");
  w.BeginArray();
  w.EndArray();
  w.FieldOrNull("void_reason", st.void_reason);
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
  fmt::print("{}", w.Take());
}

void PrintText(const Ticket& t, const TicketState& st, const Config& config, const Time& now) {
  std::vector<std::vector<std::string>> rows;
  auto row = [&](std::string label, std::string value) {
    if (!value.empty()) rows.push_back({"  " + label, std::move(value)});
  };
  const Department* via = config.FindDepartment(t.via);
  fmt::print("{}  {}  {}\n", t.id, StatusName(st.status), t.customer.name);
  row("received", fmt::format("{} via {}{}", FormatTime(t.received), t.via,
                              via ? " " + via->name : ""));
  if (st.opened) row("form filled", FormatTime(*st.opened));
  if (st.level) {
    const FaultLevel* l = config.FindLevel(st.level);
    row("fault level", fmt::format("{}{}", st.level, l && !l->name.empty() ? " — " + l->name : ""));
  }
  if (st.voided) row("voided", fmt::format("{} — {}", FormatTime(*st.voided), st.void_reason));
  rows.push_back({"customer"});
  row("name", t.customer.name);
  row("contact", t.customer.contact);
  row("title", t.customer.title);
  row("phone", t.customer.phone);
  row("address", t.customer.address);
  const Equipment& q = t.equipment;
  if (!(q == Equipment{})) {
    rows.push_back({"equipment"});
    row("product", q.product);
    row("model", q.model);
    row("size", q.size);
    row("serial", q.serial);
    if (q.quantity) row("quantity", std::to_string(q.quantity));
    row("project no.", q.project_no);
    row("equipment no.", q.equipment_no);
    if (q.commissioned) row("commissioned", FormatDate(*q.commissioned));
    if (q.purchased) row("purchased", FormatDate(*q.purchased));
    row("invoice no.", q.invoice_no);
  }
  fmt::print("{}", FormatTable(rows));
  if (!t.description.empty()) {
    fmt::print("fault\n");
    for (std::string_view line : Split(t.description, '\n')) fmt::print("  {}\n", line);
  }
  fmt::print("history\n");
  std::vector<std::vector<std::string>> history;
  for (const Event& e : t.events) {
    if (e.at.secs > now.secs) break;  // not yet happened as of --now
    std::vector<std::string> details;
    for (const auto& [k, v] : e.fields) details.push_back(fmt::format("{}: {}", k, ValueText(v)));
    std::string when = FormatTimeShort(e.at);
    if (e.recorded) when += " (recorded " + FormatTimeShort(*e.recorded) + ")";
    history.push_back({"  " + when, e.actor, e.action,
                       Truncate(fmt::format("{}", fmt::join(details, "; ")), 200)});
  }
  fmt::print("{}", FormatTable(history));
}

}  // namespace

int RunShow(Context& ctx, const ShowOptions& o) {
  Status s = ctx.OpenStore();
  if (!s.ok()) return Fail(s);
  Time now;
  if (!(s = ctx.Now(&now)).ok()) return Fail(s);
  Ticket t;
  if (!(s = ctx.store().Load(o.id, &t)).ok()) return Fail(s);
  TicketState st;
  if (!(s = Fold(t, ctx.store().config(), now, &st)).ok()) return Fail(s.Prefixed(t.id));
  if (ctx.json()) {
    PrintJson(t, st, now);
  } else {
    PrintText(t, st, ctx.store().config(), now);
  }
  return 0;
}

}  // namespace svc::cli
