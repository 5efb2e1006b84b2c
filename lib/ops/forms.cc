#include "ops/forms.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <kainjow/mustache.hpp>
#include <tuple>

#include "model/vocabulary.h"
#include "rules/clocks.h"
#include "rules/fees.h"

namespace svc {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::list;
using kainjow::mustache::mustache;

std::string Short(const std::optional<Time>& t, int offset) {
  return t ? FormatTimeShort(InOffset(*t, offset)) : "";
}

std::string Zh(std::string_view v, const Vocabulary& words) {
  return std::string(words.Zh(v));
}

// "■满意 □不满意 □非常不满意": the paper form's boxes, the chosen one filled.
data Boxes(std::string_view chosen, const Vocabulary& words) {
  list items;
  std::string line;
  for (const Word* w : words.Printed()) {
    bool on = w->stored == chosen;
    data item;
    item.set("label", std::string(w->zh));
    item.set("mark", on ? "■" : "□");
    item.set("checked", on ? data::type::bool_true : data::type::bool_false);
    items.push_back(item);
    if (!line.empty()) line += " ";
    line += std::string(on ? "■" : "□") + std::string(w->zh);
  }
  data d;
  d.set("options", items);
  d.set("line", line);
  return d;
}

data PartData(const Part& p) {
  data d;
  d.set("code", p.code);
  d.set("name", p.name);
  d.set("qty", std::to_string(p.qty));
  d.set("unit", p.unit ? FormatMoney(*p.unit) : "");
  Money amount;
  d.set("amount", p.unit && MulMoney(*p.unit, p.qty, &amount) ? FormatMoney(amount) : "");
  d.set("supply", p.supply);
  d.set("supply_zh", Zh(p.supply, PartSupplies()));
  return d;
}

list Parts(const std::vector<Part>& parts, std::string_view supply = {}) {
  list l;
  for (const Part& p : parts) {
    if (supply.empty() || p.supply == supply) l.push_back(PartData(p));
  }
  return l;
}

data RecordData(const OutboundRecord& r, const Config& config) {
  int off = config.offset_minutes;
  const Department* dept = config.FindDepartment(r.dept);
  data d;
  d.set("number", r.number);
  d.set("dept", r.dept);
  d.set("dept_name", dept ? dept->name : "");
  d.set("techs", fmt::format("{}", fmt::join(r.techs, "、")));
  d.set("complexity", r.complexity);
  d.set("complexity_zh", Zh(r.complexity, Complexity()));
  d.set("filed", Short(r.filed.at, off));
  d.set("planned", Short(r.planned, off));
  d.set("arrived", Short(r.arrived ? std::optional<Time>(r.arrived->at) : std::nullopt, off));
  d.set("finished", Short(r.finished ? std::optional<Time>(r.finished->at) : std::nullopt, off));
  d.set("back", Short(r.back ? std::optional<Time>(r.back->at) : std::nullopt, off));
  d.set("warehoused",
        Short(r.warehoused ? std::optional<Time>(r.warehoused->at) : std::nullopt, off));
  d.set("work", r.work);
  d.set("hours", r.hours);
  d.set("signed_by", r.signed_by);
  d.set("parts", Parts(r.parts));
  d.set("warranty_parts", Parts(r.parts, word::kWarranty));
  d.set("customer_parts", Parts(r.parts, word::kCustomer));
  // 合计 of the customer-bought parts (the repair record's last column).
  Money total;
  bool priced = false;
  for (const Part& p : r.parts) {
    Money amount;
    if (p.supply == word::kCustomer && p.unit && MulMoney(*p.unit, p.qty, &amount) &&
        AddMoney(total, amount, &total)) {
      priced = true;
    }
  }
  d.set("customer_parts_total", priced ? FormatMoney(total) : "");
  d.set("returned", Parts(r.returned));
  d.set("nonconformity", r.nonconformity);
  return d;
}

data QuoteData(const Quote& q, const QuoteState& st, int off) {
  data d;
  d.set("at", Short(st.at, off));
  d.set("actor", st.actor);
  d.set("schedule", FormatDate(q.schedule));
  d.set("people", std::to_string(q.request.people));
  d.set("days", std::to_string(q.request.days));
  const std::pair<const char*, Money> amounts[] = {{"labor", q.labor},
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
                                                   {"charged", q.charged},
                                                   {"labor_rate", q.labor_rate},
                                                   {"lodging_rate", q.lodging_rate},
                                                   {"meal_rate", q.meal_rate}};
  for (auto [k, m] : amounts) d.set(k, FormatMoney(m));
  d.set("lodging_days", std::to_string(q.request.lodging_days));
  d.set("meal_days", std::to_string(q.request.meal_days));
  d.set("tax_rate", FormatPercent(q.tax_bp));
  d.set("management_rate", FormatPercent(q.management_bp));
  d.set("parts", Parts(q.request.parts));
  d.set("free", q.request.free ? data::type::bool_true : data::type::bool_false);
  d.set("reason", q.request.reason);
  d.set("accepted", st.accepted ? Short(st.accepted->at, off) : "");
  return d;
}

data FormData(const Store& store, const Ticket& t, const TicketState& st, const FormRequest& req,
              const Time& now, Status* error) {
  const Config& config = store.config();
  int off = config.offset_minutes;
  data d;
  d.set("company", config.company);
  d.set("id", t.id);
  d.set("printed", FormatTimeShort(InOffset(now, off)));
  d.set("status", std::string(StatusName(st.status)));
  d.set("status_zh", Zh(StatusName(st.status), TicketStatuses()));
  // The repair record's three copies, printed one after another.
  list copies;
  for (auto [no, zh, en] :
       {std::tuple{"第一联", "存根", "Counterfoil"}, std::tuple{"第二联", "售后服务", "Service"},
        std::tuple{"第三联", "客户", "Customer"}}) {
    data copy;
    copy.set("copy_no", no);
    copy.set("copy_name", zh);
    copy.set("copy_en", en);
    copies.push_back(copy);
  }
  d.set("copies", copies);
  const Department* via = config.FindDepartment(t.via);
  d.set("via", t.via);
  d.set("via_name", via ? via->name : "");
  d.set("received", Short(t.received, off));
  d.set("opened", Short(st.opened ? std::optional<Time>(st.opened->at) : std::nullopt, off));
  d.set("recorder", st.opened ? st.opened->actor : "");
  data c;
  c.set("name", t.customer.name);
  c.set("contact", t.customer.contact);
  c.set("title", t.customer.title);
  c.set("phone", t.customer.phone);
  c.set("address", t.customer.address);
  d.set("customer", c);
  const Equipment& q = t.equipment;
  data e;
  e.set("product", q.product);
  e.set("model", q.model);
  e.set("size", q.size);
  e.set("serial", q.serial);
  e.set("quantity", q.quantity ? std::to_string(q.quantity) : "");
  e.set("project_no", q.project_no);
  e.set("equipment_no", q.equipment_no);
  e.set("commissioned", q.commissioned ? FormatDate(*q.commissioned) : "");
  e.set("purchased", q.purchased ? FormatDate(*q.purchased) : "");
  e.set("invoice_no", q.invoice_no);
  d.set("equipment", e);
  d.set("description", t.description);
  d.set("level", st.level ? std::to_string(st.level) : "");
  const FaultLevel* level = config.FindLevel(st.level);
  d.set("level_name", level ? level->name : "");
  if (const auto& k = st.classification) {
    data cl;
    cl.set("kind", k->kind);
    cl.set("kind_zh", Zh(k->kind, TicketKinds()));
    cl.set("category", k->category);
    cl.set("category_zh", Zh(k->category, Categories()));
    cl.set("service", k->service);
    cl.set("service_zh", Zh(k->service, Services()));
    cl.set("major", k->major ? data::type::bool_true : data::type::bool_false);
    const Department* route = config.FindDepartment(k->route);
    cl.set("route", k->route);
    cl.set("route_name", route ? route->name : "");
    cl.set("at", Short(k->at, off));
    cl.set("actor", k->actor);
    d.set("classification", cl);
  }
  if (const auto& a = st.analysis) {
    data an;
    an.set("cause", a->cause);
    an.set("measures", a->measures);
    an.set("responsibility", a->responsibility);
    an.set("responsibility_zh", Zh(a->responsibility, Responsibility()));
    an.set("corrective", a->corrective);
    an.set("at", Short(a->at, off));
    an.set("actor", a->actor);
    d.set("analysis", an);
  }
  if (const auto& p = st.plan) {
    data pl;
    pl.set("text", p->text);
    pl.set("at", Short(p->at, off));
    pl.set("actor", p->actor);
    d.set("plan", pl);
  }
  // Reviews of the plan; a major problem needs the general manager.
  list approvals;
  for (const Approval& a : st.approvals) {
    data ap;
    ap.set("role", a.role);
    ap.set("role_zh", Zh(a.role, ApprovalRoles()));
    ap.set("actor", a.actor);
    ap.set("at", Short(a.at, off));
    ap.set("comment", a.comment);
    approvals.push_back(ap);
  }
  d.set("approvals", approvals);
  list records;
  for (const auto& r : st.records) records.push_back(RecordData(r, config));
  d.set("records", records);
  if (const OutboundRecord* r = st.FindRecord(req.record)) {
    d.set("record", RecordData(*r, config));
  } else if (!req.record.empty()) {
    *error = Status::NotFound(fmt::format("{} has no outbound record {}", t.id, req.record));
  }
  if (const auto& cl = st.closing) {
    data k;
    k.set("at", Short(cl->at, off));
    k.set("result", cl->result);
    k.set("result_zh", Zh(cl->result, CloseResults()));
    k.set("result_boxes", Boxes(cl->result, CloseResults()));
    k.set("remote", cl->remote ? data::type::bool_true : data::type::bool_false);
    k.set("resolution", cl->resolution);
    k.set("actor", cl->actor);
    d.set("close", k);
  }
  if (const auto& v = st.verification) {
    data vd;
    vd.set("result", v->result);
    vd.set("result_zh", Zh(v->result, VerifyResults()));
    vd.set("comment", v->comment);
    vd.set("at", Short(v->at, off));
    vd.set("actor", v->actor);
    d.set("verification", vd);
  }
  if (const auto& v = st.voided) {
    data vd;
    vd.set("at", Short(v->at, off));
    vd.set("actor", v->actor);
    vd.set("reason", st.void_reason);
    d.set("voided", vd);
  }
  const Survey* sv = st.survey ? &*st.survey : nullptr;
  data s;
  s.set("done", sv ? data::type::bool_true : data::type::bool_false);
  s.set("at", sv ? Short(sv->at, off) : "");
  s.set("actor", sv ? sv->actor : "");
  s.set("satisfaction", Boxes(sv ? sv->satisfaction : "", Satisfaction()));
  s.set("attitude", Boxes(sv && sv->attitude ? std::to_string(sv->attitude) : "", Attitude()));
  s.set("damage", Boxes(sv ? sv->damage : "", Damage()));
  s.set("cleanliness", Boxes(sv ? sv->cleanliness : "", Cleanliness()));
  s.set("comment", sv ? sv->comment : "");
  d.set("survey", s);
  d.set("result_boxes", Boxes(st.closing ? st.closing->result : "", CloseResults()));
  if (st.quote) {
    Quote quote;
    bool same = false;
    if (RecomputeQuote(*st.quote, config, &quote, &same).ok())
      d.set("quote", QuoteData(quote, *st.quote, off));
    d.set("charges", FormatMoney(st.quote->charged));
  } else {
    d.set("charges", "");
  }
  return d;
}

}  // namespace

const std::vector<std::string_view>& FormNames() {
  static const std::vector<std::string_view> kNames = [] {
    std::vector<std::string_view> names;
    for (const Word& w : Forms().words()) names.push_back(w.stored);
    return names;
  }();
  return kNames;
}

const std::vector<std::string_view>& FormFormats() {
  static const std::vector<std::string_view> kFormats = {"md", "html", "text"};
  return kFormats;
}

Status RenderForm(const Store& store, const Ticket& t, const TicketState& st,
                  const FormRequest& req, const Time& now, std::string* out) {
  if (req.form == "quote" && !st.quote) {
    return Status::NotAllowed(fmt::format("{} has no quote to print (svc quote {} …)", t.id, t.id));
  }
  std::string name = req.form + "." + req.format;
  std::string text;
  std::string source = store.Abs(TemplatePath(name));
  Status s = store.ReadFile(TemplatePath(name), &text);
  if (s.code() == Status::Code::kNotFound) {
    const std::string* builtin = BuiltinTemplate(name);
    if (!builtin) return Status::NotFound(fmt::format("no template {}.mustache", name));
    text = *builtin;
    source = "built-in " + name + ".mustache";
  } else {
    SVC_RETURN_IF_ERROR(s);
  }
  mustache tmpl{text};
  if (!tmpl.is_valid()) {
    return Status::Corruption(fmt::format("{}: {}", source, tmpl.error_message()));
  }
  if (req.format != "html") tmpl.set_custom_escape([](const std::string& v) { return v; });
  Status error;
  data d = FormData(store, t, st, req, now, &error);
  SVC_RETURN_IF_ERROR(error);
  *out = tmpl.render(d);
  if (!tmpl.is_valid()) {
    return Status::Corruption(fmt::format("{}: {}", source, tmpl.error_message()));
  }
  return Status::OK();
}

}  // namespace svc
