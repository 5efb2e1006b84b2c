#include "ops/intake.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/i18n.h"
#include "base/text.h"
#include "model/annual_plan.h"
#include "model/customer.h"
#include "model/form.h"
#include "model/limits.h"
#include "model/number.h"
#include "model/values.h"
#include "ops/annual_plan.h"
#include "rules/annual_plan.h"

namespace svc {

Status ValidateForm(const IntakeForm& form, const Config& config, const Time& at, const Time& now) {
  if (!config.FindDepartment(form.via)) {
    return Status::InvalidField(
        "via", TrF(": '{}' is no department code in svc.toml (codes: {})", form.via,
                   fmt::join(
                       [&] {
                         std::vector<std::string> codes;
                         for (const auto& d : config.departments) codes.push_back(d.code);
                         return codes;
                       }(),
                       ", ")));
  }
  if (form.customer.name.empty()) {  // not given (a blank one: CheckFormText says so)
    return Status::InvalidField("customer",
                                _(" is required: the customer's name, or its code in the customer "
                                  "file (a serial or phone on file finds it too)"));
  }
  const Equipment& q = form.equipment;
  Ticket filled;  // the form's text, checked field by field (model/form.h)
  filled.customer = form.customer;
  filled.equipment = form.equipment;
  filled.description = form.description;
  SVC_RETURN_IF_ERROR(CheckFormText(filled));
  if (at.secs > now.secs) {
    return Status::InvalidField(
        "at", TrF(" {} is later than now ({})", FormatTimeIn(at, config.offset_minutes),
                  FormatTimeIn(now, config.offset_minutes)));
  }
  if (form.received && form.received->secs > at.secs) {
    return Status::InvalidField("received", TrF(" {} is later than the form was filled ({})",
                                                FormatTimeIn(*form.received, config.offset_minutes),
                                                FormatTimeIn(at, config.offset_minutes)));
  }
  // The ticket file reads 1 to kMaxQuantity (0: not given); never write what cannot be read back.
  if (q.quantity < 0 || q.quantity > kMaxQuantity) {
    return Status::InvalidField("quantity",
                                TrF(" must be 1 to {}, not {}", kMaxQuantity, q.quantity));
  }
  if (form.level != 0 && !config.FindLevel(form.level)) {
    return Status::InvalidField("level", TrF(" must be 1 to 4, not {}", form.level));
  }
  return Status::OK();
}

Ticket NewTicket(const IntakeForm& form, const DocNumber& id, const Time& at,
                 const std::string& actor) {
  Ticket t;
  t.id = id.str();
  t.via = form.via;
  t.received = form.received ? *form.received : at;
  t.customer = form.customer;
  t.equipment = form.equipment;
  t.description = form.description;
  Event e;
  e.at = at;
  e.actor = actor;
  e.action = "open";
  if (form.level) e.Set("level", int64_t{form.level});
  if (form.complaint) e.Set("complaint", true);
  t.Append(std::move(e));
  return t;
}

Status OpenTicket(const Store& store, const IntakeForm& form, const Time& at, const Time& now,
                  const std::string& actor, std::string* id) {
  const Config& config = store.config();
  SVC_RETURN_IF_ERROR(ValidateForm(form, config, at, now));
  SVC_RETURN_IF_ERROR(CheckText(actor, "actor", false));
  if (!form.annual_plan.empty()) {
    std::string year;
    int n = 0;
    SVC_RETURN_IF_ERROR(ParsePlanItemRef(form.annual_plan, &year, &n).Prefixed("--annual-plan"));
    std::string rel;
    SVC_RETURN_IF_ERROR(RecordPath(PlanKind(), year, &rel).Prefixed("--annual-plan"));
  }
  // the month of receipt in the company's time zone.
  Time received = InOffset(form.received ? *form.received : at, config.offset_minutes);
  if (Status y = CheckYear(LocalDate(received).year); !y.ok()) {
    return Status::InvalidField(
        form.received ? "received" : "at",
        TrF(": received {}: {}", FormatTimeIn(received, config.offset_minutes), y.message()));
  }
  std::unique_ptr<FileLock> lock;
  SVC_RETURN_IF_ERROR(store.Lock(&lock));
  Date month = LocalDate(received);
  std::vector<int> taken;
  SVC_RETURN_IF_ERROR(
      store.TakenSequences(kTicketsFolder, form.via, month.year, month.month, &taken));
  DocNumber number;
  SVC_RETURN_IF_ERROR(NextNumber(form.via, received, taken, config.sequence_width, &number));
  Ticket t = NewTicket(form, number, at, actor);
  if (at.secs != now.secs) t.events.front().recorded = now;  // filled in later than it happened
  if (!form.annual_plan.empty()) {
    Event served;
    SVC_RETURN_IF_ERROR(PrepareServed(store, form.annual_plan, t.id, at, now, actor, &served));
    t.annual_plan = form.annual_plan;
    std::string year = form.annual_plan.substr(0, form.annual_plan.find(':'));
    std::string plan;
    SVC_RETURN_IF_ERROR(RecordPath(PlanKind(), year, &plan));
    SVC_RETURN_IF_ERROR(store.Intend({t.id + " " + form.annual_plan}, "annual-plan"));
    SVC_RETURN_IF_ERROR(store.Intend({TicketPath(number), plan}));
    SVC_RETURN_IF_ERROR(store.Create(t));
    SVC_RETURN_IF_ERROR(RecordServed(store, year, served));
    *id = t.id;
    return Status::OK();
  }
  SVC_RETURN_IF_ERROR(store.Create(t));
  *id = t.id;
  return Status::OK();
}

namespace {

std::string Named(const CustomerState& c) {
  return fmt::format("{} ({})", c.code, c.name);
}

// Fills what the form leaves empty from the customer's file.
void FillCustomer(const CustomerState& c, Customer* f) {
  f->code = c.code;
  f->name = c.name;
  auto first = [](const std::vector<std::string>& v) { return v.empty() ? "" : v.front(); };
  if (f->contact.empty()) f->contact = first(c.contacts);
  if (f->phone.empty()) f->phone = first(c.phones);
  if (f->address.empty()) f->address = first(c.addresses);
}

void FillUnit(const Unit& u, Equipment* q) {
  if (q->product.empty()) q->product = u.product;
  if (q->model.empty()) q->model = u.model;
  if (q->project_no.empty()) q->project_no = u.project_no;
  if (!q->commissioned) q->commissioned = u.commissioned;
  if (!q->warranty_until) q->warranty_until = u.warranty_until;
}

std::string Listed(const std::vector<const CustomerState*>& found) {
  std::vector<std::string> names;
  for (const CustomerState* c : found) names.push_back(Named(*c));
  return fmt::format("{}", fmt::join(names, ", "));
}

}  // namespace

Status MatchCustomerFile(const CustomerBook& book, bool new_customer, IntakeForm* form,
                         std::vector<std::string>* notes) {
  if (book.customers().empty()) return Status::OK();
  Customer& f = form->customer;
  const std::string text(Trim(f.name));
  const std::string& serial = form->equipment.serial;
  const std::string& phone = f.phone;

  // The customer the form names, if it is on file.
  const CustomerState* named = nullptr;
  if (!text.empty()) {
    std::vector<const CustomerState*> found = book.Match(text);
    if (found.size() > 1) {
      return Status::NotAllowed(TrF("--customer '{}' names {} customers ({}): give the code", text,
                                    found.size(), Listed(found)));
    }
    if (found.size() == 1) named = found.front();
    SerialNumber code;
    if (!named &&
        ParseSerialNumber(CustomerKind().prefix, CustomerKind().width, text, &code).ok()) {
      return Status::NotFound(
          TrF("--customer: no customer {} in the customer file (see 'svc customer list')", text));
    }
    if (named && new_customer) {
      return Status::NotAllowed(
          TrF("--new-customer: '{}' is {} in the customer file; leave --new-customer out", text,
              Named(*named)));
    }
  }

  // A registered unit names its customer.
  const CustomerState* owner = nullptr;
  const Unit* unit = serial.empty() ? nullptr : book.FindUnit(serial, &owner);
  if (unit) {
    if (!text.empty() && named != owner) {
      return Status::NotAllowed(
          TrF("--serial {} is registered to {}, not to '{}': leave --customer out or give {}",
              serial, Named(*owner), text, owner->code));
    }
    named = owner;
  } else if (!serial.empty()) {
    notes->push_back(named ? TrF("serial {} is not in the customer file (svc equipment add "
                                 "--customer {} --serial {} --product …)",
                                 serial, named->code, serial)
                           : TrF("serial {} is not in the customer file", serial));
  }

  std::vector<const CustomerState*> by_phone;
  if (!phone.empty()) by_phone = book.ByPhone(phone);
  if (!named && text.empty() && !by_phone.empty()) {
    if (by_phone.size() > 1) {
      return Status::NotAllowed(
          TrF("--phone {} is on file under {} customers ({}): give "
              "--customer",
              phone, by_phone.size(), Listed(by_phone)));
    }
    named = by_phone.front();
  }

  if (!named && !text.empty() && !new_customer) {
    // A near miss is pointed out, not taken for a customer not on file.
    std::vector<const CustomerState*> near;
    for (const CustomerState& c : book.customers()) {
      if (NearName(c, text)) near.push_back(&c);
    }
    if (!near.empty()) {
      return Status::NotAllowed(
          near.size() > 1
              ? TrF("--customer '{}' is not in the customer file, but {} are one character off: "
                    "give --customer {}, or --new-customer to open for a customer not on file",
                    text, Listed(near), near.front()->code)
              : TrF("--customer '{}' is not in the customer file, but {} is one character off: "
                    "give --customer {}, or --new-customer to open for a customer not on file",
                    text, Listed(near), near.front()->code));
    }
    if (!by_phone.empty()) {
      return Status::NotAllowed(
          TrF("--phone {} is on file under {}, not '{}': give --customer {}, or --new-customer to "
              "open for a customer not on file",
              phone, Listed(by_phone), text, by_phone.front()->code));
    }
  }
  if (!named) return Status::OK();
  for (const CustomerState* c : by_phone) {
    if (c != named) {
      notes->push_back(TrF("phone {} is on file under {} too", phone, Named(*c)));
    }
  }
  FillCustomer(*named, &f);
  if (unit) FillUnit(*unit, &form->equipment);
  return Status::OK();
}

Status MatchCustomerFile(const Store& store, bool new_customer, IntakeForm* form,
                         std::vector<std::string>* notes) {
  std::unique_ptr<CustomerBook> book;
  SVC_RETURN_IF_ERROR(CustomerBook::Load(store, std::nullopt, &book));
  return MatchCustomerFile(*book, new_customer, form, notes);
}

}  // namespace svc
