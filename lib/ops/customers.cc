#include "ops/customers.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>

#include "base/i18n.h"
#include "base/text.h"
#include "format/record_toml.h"
#include "model/customer.h"
#include "model/values.h"
#include "ops/record_ops.h"
#include "storage/paths.h"

namespace svc {
namespace {

namespace act = customer_action;

// "customers/K0001.toml" ("" for no code).
std::string KindFileOf(std::string_view code) {
  std::string rel;
  (void)RecordPath(CustomerKind(), code, &rel);
  return rel;
}

// One line of text a user gave for `field`: readable, and not blank when `required`.
Status CheckLine(std::string_view field, std::string_view text, bool required) {
  if (required && Trim(text).empty()) return Status::InvalidField(field, _(" is empty"));
  return CheckText(text, field, false);
}

Status CheckLines(std::string_view field, const std::vector<std::string>& list) {
  for (const std::string& s : list) SVC_RETURN_IF_ERROR(CheckLine(field, s, true));
  return Status::OK();
}

// The list without repeats, in the order given.
std::vector<std::string> Unique(const std::vector<std::string>& list) {
  std::vector<std::string> out;
  for (const std::string& s : list) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  return out;
}

// Appends `e` to the customer file `code`, folds it and saves it. REQUIRES: the lock is held.
Status AppendTo(const Store& store, const std::string& code, Event e) {
  Record r;
  SVC_RETURN_IF_ERROR(store.LoadRecord(CustomerKind(), code, &r));
  r.Append(std::move(e));
  CustomerState st;
  SVC_RETURN_IF_ERROR(FoldCustomer(r, std::nullopt, &st));
  return store.SaveRecord(r);
}

void SetList(Event* e, std::string_view key, const std::vector<std::string>& list) {
  if (!list.empty()) e->Set(key, Unique(list));
}

Status CheckUnit(const UnitForm& u) {
  SVC_RETURN_IF_ERROR(CheckLine("serial", u.serial, true));
  if (u.product) SVC_RETURN_IF_ERROR(CheckLine("product", *u.product, true));
  if (u.model) SVC_RETURN_IF_ERROR(CheckLine("model", *u.model, false));
  if (u.project_no) SVC_RETURN_IF_ERROR(CheckLine("project_no", *u.project_no, false));
  if (u.location) SVC_RETURN_IF_ERROR(CheckLine("location", *u.location, false));
  if (u.commissioned && u.warranty_until && *u.warranty_until < *u.commissioned) {
    return Status::InvalidField("warranty_until",
                                TrF(" {} is before the unit was commissioned ({})",
                                    FormatDate(*u.warranty_until), FormatDate(*u.commissioned)));
  }
  return CheckText(u.reason, "reason", true);
}

void SetUnitFields(const UnitForm& u, Event* e) {
  e->Set("serial", u.serial);
  auto str = [&](std::string_view key, const std::optional<std::string>& v) {
    if (v && !v->empty()) e->Set(key, *v);
  };
  str("product", u.product);
  str("model", u.model);
  str("project_no", u.project_no);
  if (u.commissioned) e->Set("commissioned", *u.commissioned);
  if (u.warranty_until) e->Set("warranty_until", *u.warranty_until);
  str("location", u.location);
}

}  // namespace

Status CustomerBook::Load(const Store& store, const std::optional<Time>& as_of,
                          std::unique_ptr<CustomerBook>* out) {
  const RecordKind& kind = CustomerKind();
  std::vector<int> taken;  // the folder's customer files, by number
  SVC_RETURN_IF_ERROR(store.TakenSerials(kind, &taken));
  std::sort(taken.begin(), taken.end());
  std::vector<std::pair<int, std::string>> files;
  for (int seq : taken)
    files.emplace_back(seq, SerialNumber{std::string(kind.prefix), seq, kind.width}.str());
  auto book = std::make_unique<CustomerBook>();
  book->customers_.reserve(files.size());
  for (const auto& [seq, code] : files) {
    CustomerState st;
    SVC_RETURN_IF_ERROR(LoadCustomer(store, code, as_of, &st));
    if (as_of && st.history.empty()) continue;  // not created yet at that moment
    book->customers_.push_back(std::move(st));
  }
  *out = std::move(book);
  return Status::OK();
}

const CustomerState* CustomerBook::FindByCode(std::string_view code) const {
  for (const CustomerState& c : customers_) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

std::vector<const CustomerState*> CustomerBook::Match(std::string_view text) const {
  std::vector<const CustomerState*> out;
  for (const CustomerState& c : customers_) {
    if (NameMatches(c, text)) out.push_back(&c);
  }
  return out;
}

std::vector<const CustomerState*> CustomerBook::ByPhone(std::string_view phone) const {
  std::vector<const CustomerState*> out;
  for (const CustomerState& c : customers_) {
    if (PhoneMatches(c, phone)) out.push_back(&c);
  }
  return out;
}

const Unit* CustomerBook::FindUnit(std::string_view serial, const CustomerState** owner) const {
  for (const CustomerState& c : customers_) {
    if (const Unit* u = c.FindUnit(serial)) {
      if (owner) *owner = &c;
      return u;
    }
  }
  return nullptr;
}

Status ResolveCustomer(const CustomerBook& book, std::string_view text, const CustomerState** out) {
  if (const CustomerState* c = book.FindByCode(text)) {
    *out = c;
    return Status::OK();
  }
  std::vector<const CustomerState*> found = book.Match(text);
  if (found.empty()) {
    return Status::NotFound(TrF("no customer '{}' (see 'svc customer list')", text));
  }
  if (found.size() > 1) {
    std::vector<std::string> codes;
    for (const CustomerState* c : found) codes.push_back(fmt::format("{} {}", c->code, c->name));
    return Status::NotAllowed(TrF("'{}' names {} customers ({}): give the code", text, found.size(),
                                  fmt::join(codes, ", ")));
  }
  *out = found.front();
  return Status::OK();
}

Status LoadCustomer(const Store& store, const std::string& code, const std::optional<Time>& as_of,
                    CustomerState* out) {
  Record r;
  Status s = store.LoadRecord(CustomerKind(), code, &r);
  if (s.code() == Status::Code::kInvalidArgument || s.code() == Status::Code::kNotFound) {
    return Status::NotFound(TrF("no customer '{}' (see 'svc customer list')", code));
  }
  SVC_RETURN_IF_ERROR(s);
  s = FoldCustomer(r, as_of, out);
  if (!s.ok()) {
    return Status::Corruption(
        TrF("{}: {} (see 'svc check')", store.Abs(KindFileOf(code)), s.message()));
  }
  return Status::OK();
}

namespace {

Status CheckCustomerForm(const CustomerForm& form) {
  SVC_RETURN_IF_ERROR(CheckLine("name", form.name, true));
  SVC_RETURN_IF_ERROR(CheckLines("aliases", form.aliases));
  SVC_RETURN_IF_ERROR(CheckLines("contacts", form.contacts));
  SVC_RETURN_IF_ERROR(CheckLines("phones", form.phones));
  return CheckLines("addresses", form.addresses);
}

// The new customer file of `form`, numbered `number`.
Record NewCustomerRecord(const CustomerForm& form, const SerialNumber& number, const Time& at,
                         const Time& now, const std::string& actor) {
  const RecordKind& kind = CustomerKind();
  Record r;
  r.kind = &kind;
  r.Set("id", number.str());
  r.Set("name", form.name);
  auto list = [&](std::string_view key, const std::vector<std::string>& v) {
    if (!v.empty()) r.Set(key, Unique(v));
  };
  list("aliases", form.aliases);
  list("contacts", form.contacts);
  list("phones", form.phones);
  list("addresses", form.addresses);
  if (form.key) r.Set("key", true);
  r.Append(NewEvent(act::kCreate, at, now, actor));
  return r;
}

}  // namespace

Status AddCustomer(const Store& store, const CustomerForm& form, const Time& at, const Time& now,
                   const std::string& actor, std::string* code) {
  std::unique_ptr<FileLock> lock;
  SVC_RETURN_IF_ERROR(CheckCustomerForm(form));
  SVC_RETURN_IF_ERROR(CheckText(actor, "actor", false));
  SVC_RETURN_IF_ERROR(CheckWhen(at, now));
  SVC_RETURN_IF_ERROR(store.Lock(&lock));
  std::vector<std::string> codes;
  SVC_RETURN_IF_ERROR(AddCustomersLocked(store, {form}, at, now, actor, &codes));
  *code = codes.front();
  return Status::OK();
}

Status AddCustomersLocked(const Store& store, const std::vector<CustomerForm>& forms,
                          const Time& at, const Time& now, const std::string& actor,
                          std::vector<std::string>* codes) {
  for (const CustomerForm& form : forms) SVC_RETURN_IF_ERROR(CheckCustomerForm(form));
  SVC_RETURN_IF_ERROR(CheckText(actor, "actor", false));
  SVC_RETURN_IF_ERROR(CheckWhen(at, now));
  const RecordKind& kind = CustomerKind();
  std::vector<int> taken;
  SVC_RETURN_IF_ERROR(store.TakenSerials(kind, &taken));
  std::vector<std::string> made;  // files written so far, removed again if one fails
  for (const CustomerForm& form : forms) {
    SerialNumber number = NextSerial(kind.prefix, kind.width, taken);
    taken.push_back(number.seq);
    Record r = NewCustomerRecord(form, number, at, now, actor);
    std::string rel;
    Status s = RecordPath(kind, number.str(), &rel);
    if (s.ok()) s = store.CreateRecord(r);
    if (!s.ok()) {
      for (const std::string& m : made) store.RemoveFile(m);  // all or nothing (best effort)
      return s;
    }
    made.push_back(rel);
    codes->push_back(number.str());
  }
  return Status::OK();
}

Status AddUnitsLocked(const Store& store,
                      const std::vector<std::pair<std::string, UnitForm>>& units, const Time& at,
                      const Time& now, const std::string& actor) {
  for (const auto& [code, unit] : units) {
    SVC_RETURN_IF_ERROR(CheckUnit(unit));
    if (!unit.product || Trim(*unit.product).empty()) {
      return Status::InvalidField("product", _(" is empty"));
    }
  }
  SVC_RETURN_IF_ERROR(CheckText(actor, "actor", false));
  SVC_RETURN_IF_ERROR(CheckWhen(at, now));
  // Each customer file read, grown and saved once, in code order.
  std::map<std::string, std::vector<const UnitForm*>> by_code;
  for (const auto& [code, unit] : units) by_code[code].push_back(&unit);
  std::vector<Record> saved;  // as they were before, for a rollback
  auto rollback = [&](Status s) {
    for (const Record& r : saved) store.SaveRecord(r);  // all or nothing (best effort)
    return s;
  };
  for (const auto& [code, forms] : by_code) {
    Record r;
    SVC_RETURN_IF_ERROR(store.LoadRecord(CustomerKind(), code, &r).Prefixed(code));
    Record before = r;
    for (const UnitForm* u : forms) {
      Event e = NewEvent(act::kEquipment, at, now, actor);
      SetUnitFields(*u, &e);
      r.Append(std::move(e));
    }
    CustomerState st;
    if (Status s = FoldCustomer(r, std::nullopt, &st); !s.ok()) return rollback(s);
    if (Status s = store.SaveRecord(r); !s.ok()) return rollback(s);
    saved.push_back(std::move(before));
  }
  return Status::OK();
}

Status EditCustomer(const Store& store, const std::string& code, const CustomerChange& change,
                    const Time& at, const Time& now, const std::string& actor) {
  if (change.name) SVC_RETURN_IF_ERROR(CheckLine("name", *change.name, true));
  SVC_RETURN_IF_ERROR(CheckLines("aliases", change.aliases));
  SVC_RETURN_IF_ERROR(CheckLines("contacts", change.contacts));
  SVC_RETURN_IF_ERROR(CheckLines("phones", change.phones));
  SVC_RETURN_IF_ERROR(CheckLines("addresses", change.addresses));
  SVC_RETURN_IF_ERROR(CheckLines("drop_aliases", change.drop_aliases));
  SVC_RETURN_IF_ERROR(CheckLines("drop_contacts", change.drop_contacts));
  SVC_RETURN_IF_ERROR(CheckLines("drop_phones", change.drop_phones));
  SVC_RETURN_IF_ERROR(CheckLines("drop_addresses", change.drop_addresses));
  SVC_RETURN_IF_ERROR(CheckText(change.reason, "reason", true));
  SVC_RETURN_IF_ERROR(CheckText(actor, "actor", false));
  SVC_RETURN_IF_ERROR(CheckWhen(at, now));
  Event e = NewEvent(act::kEdit, at, now, actor);
  if (change.name) e.Set("name", *change.name);
  SetList(&e, "aliases", change.aliases);
  SetList(&e, "contacts", change.contacts);
  SetList(&e, "phones", change.phones);
  SetList(&e, "addresses", change.addresses);
  if (change.key) e.Set("key", *change.key);
  SetList(&e, "drop_aliases", change.drop_aliases);
  SetList(&e, "drop_contacts", change.drop_contacts);
  SetList(&e, "drop_phones", change.drop_phones);
  SetList(&e, "drop_addresses", change.drop_addresses);
  if (e.fields.empty())
    return Status::InvalidArgument(_("nothing to change (see 'svc customer edit --help')"));
  if (!change.reason.empty()) e.Set("reason", change.reason);
  std::unique_ptr<FileLock> lock;
  SVC_RETURN_IF_ERROR(store.Lock(&lock));
  CustomerState st;
  SVC_RETURN_IF_ERROR(LoadCustomer(store, code, std::nullopt, &st));
  return AppendTo(store, code, std::move(e));
}

Status AddEquipment(const Store& store, const std::string& customer, const UnitForm& unit,
                    const Time& at, const Time& now, const std::string& actor, std::string* code) {
  SVC_RETURN_IF_ERROR(CheckUnit(unit));
  if (!unit.product || Trim(*unit.product).empty()) {
    return Status::InvalidField("product", _(" is empty"));
  }
  SVC_RETURN_IF_ERROR(CheckText(actor, "actor", false));
  SVC_RETURN_IF_ERROR(CheckWhen(at, now));
  std::unique_ptr<FileLock> lock;
  SVC_RETURN_IF_ERROR(store.Lock(&lock));
  // Every customer file under the lock: the serial must be registered nowhere yet.
  std::unique_ptr<CustomerBook> book;
  SVC_RETURN_IF_ERROR(CustomerBook::Load(store, std::nullopt, &book));
  const CustomerState* owner = nullptr;
  SVC_RETURN_IF_ERROR(ResolveCustomer(*book, customer, &owner));
  const CustomerState* holder = nullptr;
  if (book->FindUnit(unit.serial, &holder)) {
    return Status::NotAllowed(TrF("the serial number {} is already registered to {} ({})",
                                  unit.serial, holder->code, holder->name));
  }
  Event e = NewEvent(act::kEquipment, at, now, actor);
  SetUnitFields(unit, &e);
  *code = owner->code;
  return AppendTo(store, owner->code, std::move(e));
}

Status EditEquipment(const Store& store, const UnitForm& unit, const Time& at, const Time& now,
                     const std::string& actor, std::string* code) {
  SVC_RETURN_IF_ERROR(CheckUnit(unit));
  SVC_RETURN_IF_ERROR(CheckText(actor, "actor", false));
  SVC_RETURN_IF_ERROR(CheckWhen(at, now));
  Event e = NewEvent(act::kEquipmentEdit, at, now, actor);
  SetUnitFields(unit, &e);
  if (e.fields.size() == 1) {
    return Status::InvalidArgument(_("nothing to change (see 'svc equipment edit --help')"));
  }
  if (!unit.reason.empty()) e.Set("reason", unit.reason);
  std::unique_ptr<FileLock> lock;
  SVC_RETURN_IF_ERROR(store.Lock(&lock));
  std::unique_ptr<CustomerBook> book;
  SVC_RETURN_IF_ERROR(CustomerBook::Load(store, std::nullopt, &book));
  const CustomerState* owner = nullptr;
  const Unit* u = book->FindUnit(unit.serial, &owner);
  if (!u) {
    return Status::NotFound(
        TrF("no unit with the serial number '{}' is registered (see "
            "'svc equipment list')",
            unit.serial));
  }
  if (unit.commissioned && !unit.warranty_until && u->warranty_until &&
      *u->warranty_until < *unit.commissioned) {
    return Status::InvalidField(
        "commissioned", TrF(" {} is after the warranty ends ({})", FormatDate(*unit.commissioned),
                            FormatDate(*u->warranty_until)));
  }
  *code = owner->code;
  return AppendTo(store, owner->code, std::move(e));
}

namespace {

JsonValue DateOrNull(const std::optional<Date>& d) {
  return d ? JsonValue(FormatDate(*d)) : JsonValue();
}

}  // namespace

std::string_view WarrantyOn(const Unit& u, const Date& today) {
  if (!u.warranty_until) return "";
  return today <= *u.warranty_until ? "in" : "out";
}

JsonValue UnitJson(const Unit& u, const CustomerState& owner, int offset_minutes,
                   const Date& today) {
  JsonValue o = JsonValue::Object();
  o.Add("serial", u.serial);
  o.Add("customer_code", owner.code);
  o.Add("customer", owner.name);
  o.Add("product", u.product);
  o.Add("model", JsonValue::OrNull(u.model));
  o.Add("project_no", JsonValue::OrNull(u.project_no));
  o.Add("commissioned", DateOrNull(u.commissioned));
  o.Add("warranty_until", DateOrNull(u.warranty_until));
  o.Add("warranty", JsonValue::OrNull(WarrantyOn(u, today)));
  o.Add("location", JsonValue::OrNull(u.location));
  o.Add("registered", FormatTimeIn(u.registered, offset_minutes));
  o.Add("registered_by", u.registered_by);
  o.Add("changed", FormatTimeIn(u.changed, offset_minutes));
  return o;
}

JsonValue CustomerJson(const CustomerState& c, int offset_minutes, const Date& today,
                       bool history) {
  JsonValue o = JsonValue::Object();
  o.Add("code", c.code);
  o.Add("name", c.name);
  o.Add("aliases", StringsJson(c.aliases));
  o.Add("contacts", StringsJson(c.contacts));
  o.Add("phones", StringsJson(c.phones));
  o.Add("addresses", StringsJson(c.addresses));
  o.Add("key", c.key);
  o.Add("created", FormatTimeIn(c.created, offset_minutes));
  o.Add("created_by", c.created_by);
  o.Add("changed", FormatTimeIn(c.changed, offset_minutes));
  JsonValue units = JsonValue::Array();
  for (const Unit& u : c.units) units.Push(UnitJson(u, c, offset_minutes, today));
  o.Add("equipment", std::move(units));
  o.Add("notes", NotesJson(c.notes, offset_minutes));
  if (!history) return o;
  o.Add("history", EventsJson(c.history, offset_minutes));
  return o;
}

}  // namespace svc
