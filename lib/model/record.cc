#include "model/record.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>

#include "base/i18n.h"
#include "model/annual_plan.h"
#include "model/customer.h"
#include "model/finance.h"
#include "model/nonconformity.h"
#include "model/training.h"
#include "model/visit.h"

namespace svc {
namespace {

using enum FieldType;

std::vector<std::string_view> TicketActions() {
  std::vector<std::string_view> names;
  for (const ActionSpec& a : AllActions()) names.push_back(a.action);
  return names;
}

// The position of `key` in the kind's canonical header order.
size_t Rank(const RecordKind& kind, std::string_view key) {
  size_t i = 0;
  for (const HeaderSection& s : kind.header) {
    for (const HeaderField& f : s.fields) {
      if (s.table.empty()
              ? key == f.key
              : key.size() == s.table.size() + 1 + f.key.size() && key.starts_with(s.table) &&
                    key[s.table.size()] == '.' && key.ends_with(f.key)) {
        return i;
      }
      ++i;
    }
  }
  return i;
}

template <typename T>
const T* Get(const Record& r, std::string_view key) {
  const Value* v = r.Find(key);
  return v ? std::get_if<T>(v) : nullptr;
}

Status String(const Record& r, std::string_view key, std::string* out) {
  if (const Value* v = r.Find(key)) {
    const auto* s = std::get_if<std::string>(v);
    if (!s) return Status::Corruption(TrF("'{}' must be a string", key));
    *out = *s;
  }
  return Status::OK();
}

}  // namespace

bool RecordKind::Allows(std::string_view action) const {
  return std::find(actions.begin(), actions.end(), action) != actions.end();
}

const ActionSpec* RecordKind::Schema(std::string_view action) const {
  if (!Allows(action)) return nullptr;
  if (!schemas) return FindAction(action);
  for (const ActionSpec& spec : *schemas) {
    if (spec.action == action) return &spec;
  }
  return nullptr;
}

bool RecordKind::Amendable(std::string_view action) const {
  const ActionSpec* spec = Schema(action);
  return spec && std::any_of(spec->fields.begin(), spec->fields.end(),
                             [](const FieldSpec& f) { return f.key == "amend"; });
}

const HeaderField* RecordKind::FindField(std::string_view key) const {
  for (const HeaderSection& s : header) {
    std::string_view rest = key;
    if (!s.table.empty()) {
      if (!(key.size() > s.table.size() && key.starts_with(s.table) && key[s.table.size()] == '.'))
        continue;
      rest = key.substr(s.table.size() + 1);
    }
    for (const HeaderField& f : s.fields) {
      if (f.key == rest) return &f;
    }
  }
  return nullptr;
}

const RecordKind& TicketKind() {
  // docs/FORMAT.md, "The ticket file": the info form (售后信息处理单, R-4.2.1).
  static const RecordKind kTicket{
      "ticket",
      "tickets",
      "售后信息处理单 After-sales Information Processing Form (R-4.2.1)",
      "R-4.2.1, R-4.5.2",
      Numbering::kMonthly,
      {{"",
        {{"id", kString, true},
         {"via", kString, true},
         {"received", kTime, true},
         {"annual_plan", kString}}},
       {"customer",
        {{"code", kString},
         {"name", kString},
         {"contact", kString},
         {"title", kString},
         {"phone", kString},
         {"address", kString}},
        true},
       {"equipment",
        {{"product", kString},
         {"model", kString},
         {"size", kString},
         {"serial", kString},
         {"quantity", kInt},
         {"project_no", kString},
         {"equipment_no", kString},
         {"commissioned", kDate},
         {"purchased", kDate},
         {"invoice_no", kString},
         {"warranty_until", kDate}}},
       {"fault", {{"description", kString}}}},
      TicketActions(),
      "",
      2,
  };
  return kTicket;
}

const std::vector<const RecordKind*>& AllKinds() {
  static const std::vector<const RecordKind*> kKinds = {
      &TicketKind(),        &CustomerKind(), &VisitKind(),    &PlanKind(),
      &NonconformityKind(), &AdvanceKind(),  &WriteoffKind(), &TrainingKind()};
  return kKinds;
}

const RecordKind* FindKind(std::string_view name) {
  for (const RecordKind* k : AllKinds()) {
    if (k->name == name) return k;
  }
  return nullptr;
}

const Value* Record::Find(std::string_view key) const {
  for (const auto& [k, v] : header) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::string_view Record::View(std::string_view key) const {
  const auto* s = Get<std::string>(*this, key);
  return s ? std::string_view(*s) : std::string_view();
}

std::vector<std::string> Record::List(std::string_view key) const {
  const Value* v = Find(key);
  const auto* l = v ? std::get_if<std::vector<std::string>>(v) : nullptr;
  return l ? *l : std::vector<std::string>{};
}

void Record::Set(std::string_view key, Value value) {
  assert(kind && kind->FindField(key) && "key not in the kind's header schema");
  size_t r = Rank(*kind, key);
  auto it = header.begin();
  while (it != header.end() && Rank(*kind, it->first) < r) ++it;
  if (it != header.end() && it->first == key) {
    it->second = std::move(value);
  } else {
    header.insert(it, {std::string(key), std::move(value)});
  }
}

void AppendEvent(std::vector<Event>* events, Event e) {
  auto it = std::upper_bound(events->begin(), events->end(), e,
                             [](const Event& a, const Event& b) { return a.at.secs < b.at.secs; });
  events->insert(it, std::move(e));
}

void Record::Append(Event e) {
  AppendEvent(&events, std::move(e));
}

Record TicketRecord(const Ticket& t) {
  Record r;
  r.kind = &TicketKind();
  auto str = [&](std::string_view key, const std::string& v) {
    if (!v.empty()) r.Set(key, v);
  };
  str("id", t.id);
  str("via", t.via);
  r.Set("received", t.received);
  str("annual_plan", t.annual_plan);
  const Customer& c = t.customer;
  str("customer.code", c.code);
  str("customer.name", c.name);
  str("customer.contact", c.contact);
  str("customer.title", c.title);
  str("customer.phone", c.phone);
  str("customer.address", c.address);
  const Equipment& q = t.equipment;
  str("equipment.product", q.product);
  str("equipment.model", q.model);
  str("equipment.size", q.size);
  str("equipment.serial", q.serial);
  if (q.quantity) r.Set("equipment.quantity", q.quantity);
  str("equipment.project_no", q.project_no);
  str("equipment.equipment_no", q.equipment_no);
  if (q.commissioned) r.Set("equipment.commissioned", *q.commissioned);
  if (q.purchased) r.Set("equipment.purchased", *q.purchased);
  str("equipment.invoice_no", q.invoice_no);
  if (q.warranty_until) r.Set("equipment.warranty_until", *q.warranty_until);
  str("fault.description", t.description);
  r.events = t.events;
  return r;
}

Status TicketFromRecord(const Record& r, Ticket* out) {
  if (r.kind != &TicketKind()) return Status::InvalidArgument(_("the record is not a ticket"));
  Ticket t;
  SVC_RETURN_IF_ERROR(String(r, "id", &t.id));
  SVC_RETURN_IF_ERROR(String(r, "via", &t.via));
  if (const Time* received = Get<Time>(r, "received")) t.received = *received;
  SVC_RETURN_IF_ERROR(String(r, "annual_plan", &t.annual_plan));
  Customer& c = t.customer;
  SVC_RETURN_IF_ERROR(String(r, "customer.code", &c.code));
  SVC_RETURN_IF_ERROR(String(r, "customer.name", &c.name));
  SVC_RETURN_IF_ERROR(String(r, "customer.contact", &c.contact));
  SVC_RETURN_IF_ERROR(String(r, "customer.title", &c.title));
  SVC_RETURN_IF_ERROR(String(r, "customer.phone", &c.phone));
  SVC_RETURN_IF_ERROR(String(r, "customer.address", &c.address));
  Equipment& q = t.equipment;
  SVC_RETURN_IF_ERROR(String(r, "equipment.product", &q.product));
  SVC_RETURN_IF_ERROR(String(r, "equipment.model", &q.model));
  SVC_RETURN_IF_ERROR(String(r, "equipment.size", &q.size));
  SVC_RETURN_IF_ERROR(String(r, "equipment.serial", &q.serial));
  if (const int64_t* n = Get<int64_t>(r, "equipment.quantity")) q.quantity = *n;
  SVC_RETURN_IF_ERROR(String(r, "equipment.project_no", &q.project_no));
  SVC_RETURN_IF_ERROR(String(r, "equipment.equipment_no", &q.equipment_no));
  if (const Date* d = Get<Date>(r, "equipment.commissioned")) q.commissioned = *d;
  if (const Date* d = Get<Date>(r, "equipment.purchased")) q.purchased = *d;
  SVC_RETURN_IF_ERROR(String(r, "equipment.invoice_no", &q.invoice_no));
  if (const Date* d = Get<Date>(r, "equipment.warranty_until")) q.warranty_until = *d;
  SVC_RETURN_IF_ERROR(String(r, "fault.description", &t.description));
  t.events = r.events;
  *out = std::move(t);
  return Status::OK();
}

}  // namespace svc
