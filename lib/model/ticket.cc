#include "model/ticket.h"

#include "model/record.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cassert>

namespace svc {
namespace {

using enum FieldType;

// The event schemas, in the order the fields are written (docs/FORMAT.md).
const std::vector<ActionSpec>& Schemas() {
  static const std::vector<ActionSpec> kSchemas = {
      // R-4.2.1: the info form filled; its fields are the file's header.
      // `complaint`: the request is a customer complaint (R-4.7 d).
      {"open", {{"level", kInt}, {"complaint", kBool}}},
      // R-4.2.1, R-4.4.1, Table 2: type, category and fault level judged, routed.
      {"classify",
       {{"kind", kString},
        {"category", kString},
        {"level", kInt},
        {"service", kString},
        {"major", kBool},
        {"route", kString}}},
      // R-4.2.2, R-4.5.3.1: the Quality dept's cause analysis and responsibility.
      {"analyze",
       {{"cause", kString},
        {"cause_category", kString},  // R-3.1: a code of svc.toml [causes]
        {"measures", kString},
        {"responsibility", kString},
        {"corrective", kString}}},
      // R-4.2.2, R-4.4.1: the technical service plan.
      {"plan", {{"text", kString}}},
      // R-4.2.2: the plan reviewed; a major problem needs the general manager,
      // and its corrective action the customer's endorsement (role "customer",
      // `by` the customer's person who endorsed it, R-4.3.3).
      {"approve", {{"role", kString}, {"by", kString}, {"comment", kString}}},
      // R-4.2.2, R-4.3.3: a major quality problem reported to the general
      // manager at once (`to` a role: gm).
      {"notify", {{"to", kString}, {"comment", kString}}},
      // R-4.4.2, R-4.4.3: an outbound service record filed.
      {"dispatch",
       {{"record", kString},
        {"dept", kString},
        {"techs", kStrings},
        {"complexity", kString},
        {"planned", kTime}}},
      // R-4.4.3: staff arrived on site.
      {"arrive", {{"record", kString}, {"amend", kBool}, {"reason", kString}}},
      // R-4.4.4: work on site completed; the record signed by the customer.
      {"finish",
       {{"record", kString},
        {"work", kString},
        {"hours", kString},
        {"parts", kParts},
        {"signed_by", kString},
        {"amend", kBool},
        {"reason", kString}}},
      // R-4.5.3.1: back at HQ, with returned or scrapped parts.
      {"back", {{"record", kString}, {"parts", kParts}, {"amend", kBool}, {"reason", kString}}},
      // R-4.5.3.1: returned parts booked into store under a warehousing receipt
      // (入库单, `receipt`: RK-yy-mm-NN); R-4.5.3.2: re-collected or reworked
      // data booked in (`data`); a nonconformity noted if parts failed.
      {"warehouse",
       {{"record", kString},
        {"receipt", kString},
        {"data", kString},
        {"nonconformity", kString},
        {"amend", kBool},
        {"reason", kString}}},
      // R-4.5.3.2: the booked data, inspected, re-delivered to the customer.
      {"redeliver", {{"record", kString}, {"text", kString}}},
      // R-4.4.3, Table 1: a quote computed from the fee schedule in force.
      {"quote",
       {{"schedule", kDate},
        {"people", kInt},
        {"days", kInt},
        {"lodging_days", kInt},
        {"meal_days", kInt},
        {"transport", kMoney},
        {"labor_rate", kMoney},
        {"parts", kParts},
        {"free", kBool},
        {"reason", kString},
        {"total", kMoney},
        {"charged", kMoney}}},
      // R-4.4.3: the customer accepted the quote.
      {"accept", {{"total", kMoney}, {"amend", kBool}, {"reason", kString}}},
      // R-4.4.1, R-4.5.1: the ticket closed.
      {"close",
       {{"result", kString},
        {"remote", kBool},
        {"resolution", kString},
        {"amend", kBool},
        {"reason", kString}}},
      // R-4.4.1: a remote result verified with the customer.
      {"verify",
       {{"result", kString}, {"comment", kString}, {"amend", kBool}, {"reason", kString}}},
      // R-4.5.1: the satisfaction survey (R-7's outbound record fields).
      {"survey",
       {{"satisfaction", kString},
        {"attitude", kInt},
        {"damage", kString},
        {"cleanliness", kString},
        {"comment", kString},
        {"amend", kBool},
        {"reason", kString}}},
      // R-4.5.1, R-4.4.1: the follow-up of an unsatisfied survey or an
      // unresolved verification: what the desk and the Quality dept did.
      {"follow-up", {{"text", kString}}},
      // R-4.8: a closed ticket opened again (the customer called back about the
      // same fault); the close stays in the history.
      {"reopen", {{"reason", kString}}},
      // R-4.8: one field of the info form corrected; the form as first filled
      // stays at the top of the file (FormFields() names the fields).
      {"correct", {{"field", kString}, {"value", kString}, {"reason", kString}}},
      // R-3.1, R-4.5.4: an actual cost of an outbound record (借支与核销): the
      // item (ExpenseItems()), the amount in whole fen, who spent it.
      {"expense",
       {{"record", kString},
        {"item", kString},
        {"amount", kMoney},
        {"engineer", kString},
        {"note", kString}}},
      // A free note: a call, a promise to the customer.
      {"note", {{"text", kString}}},
      // The ticket was given a new number: two clones had numbered different
      // requests alike; `from` is the number it had (R-4.5.2).
      {"renumber", {{"from", kString}, {"record", kString}}},
      // The ticket voided; its number stays taken (R-4.5.2).
      {"void", {{"reason", kString}}},
  };
  return kSchemas;
}

}  // namespace

const std::vector<ActionSpec>& AllActions() {
  return Schemas();
}

const ActionSpec* FindAction(std::string_view action) {
  for (const auto& spec : Schemas()) {
    if (spec.action == action) return &spec;
  }
  return nullptr;
}

const Value* Event::Find(std::string_view key) const {
  for (const auto& [k, v] : fields) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::string Event::Str(std::string_view key) const {
  return std::string(View(key));
}

std::string_view Event::View(std::string_view key) const {
  const Value* v = Find(key);
  const auto* s = v ? std::get_if<std::string>(v) : nullptr;
  return s ? std::string_view(*s) : std::string_view();
}

int64_t Event::Int(std::string_view key, int64_t absent) const {
  const Value* v = Find(key);
  const auto* i = v ? std::get_if<int64_t>(v) : nullptr;
  return i ? *i : absent;
}

bool Event::Flag(std::string_view key) const {
  const Value* v = Find(key);
  const auto* b = v ? std::get_if<bool>(v) : nullptr;
  return b && *b;
}

void Event::Set(std::string_view key, Value value) {
  const ActionSpec* spec = FindAction(action);
  for (const RecordKind* kind : AllKinds()) {  // another kind's own action (customer.h)
    if (!spec && kind->schemas) spec = kind->Schema(action);
  }
  assert(spec);
  auto rank = [&](std::string_view k) {
    for (size_t i = 0; i < spec->fields.size(); ++i) {
      if (spec->fields[i].key == k) return i;
    }
    assert(false && "key not in the action's schema");
    return spec->fields.size();
  };
  size_t r = rank(key);
  auto it = fields.begin();
  while (it != fields.end() && rank(it->first) < r) ++it;
  if (it != fields.end() && it->first == key) {
    it->second = std::move(value);
  } else {
    fields.insert(it, {std::string(key), std::move(value)});
  }
}

void Ticket::Append(Event e) {
  AppendEvent(&events, std::move(e));
}

namespace {

std::string PartText(const Part& p) {
  return fmt::format("{}{} ×{}{}{}", p.code.empty() ? "" : p.code + " ", p.name, p.qty,
                     p.unit ? " @" + FormatMoney(*p.unit) : "",
                     p.supply.empty() ? "" : " (" + p.supply + ")");
}

}  // namespace

std::string PartsText(const std::vector<Part>& parts) {
  std::vector<std::string> out;
  for (const Part& p : parts) out.push_back(PartText(p));
  return fmt::format("{}", fmt::join(out, "; "));
}

std::string_view WarrantyOf(const Ticket& t, int offset_minutes) {
  if (!t.equipment.warranty_until) return "";
  return LocalDate(InOffset(t.received, offset_minutes)) > *t.equipment.warranty_until ? "out"
                                                                                       : "in";
}

std::string ValueText(const Value& v) {
  struct Visit {
    std::string operator()(const std::string& s) { return s; }
    std::string operator()(int64_t i) { return std::to_string(i); }
    std::string operator()(bool b) { return b ? "yes" : "no"; }
    std::string operator()(const Time& t) { return FormatTime(t); }
    std::string operator()(const Date& d) { return FormatDate(d); }
    std::string operator()(const Money& m) { return FormatMoney(m); }
    std::string operator()(const std::vector<std::string>& l) {
      return fmt::format("{}", fmt::join(l, ", "));
    }
    std::string operator()(const std::vector<Part>& parts) { return PartsText(parts); }
  };
  return std::visit(Visit{}, v);
}

}  // namespace svc
