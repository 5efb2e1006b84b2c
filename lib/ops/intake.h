// Intake: the service desk fills the After-sales Information
// Processing Form for a customer's request and gives it the next number of
// the receiving department for the month of receipt.
#pragma once

#include <optional>
#include <string>

#include "base/status.h"
#include "model/config.h"
#include "model/ticket.h"
#include "model/values.h"
#include "ops/customers.h"
#include "storage/store.h"

namespace svc {

struct IntakeForm {
  std::string via;  // receiving department's code
  Customer customer;
  Equipment equipment;
  std::string description;
  std::optional<Time> received;  // default: when the form is filled
  int level = 0;                 // 0: not judged yet
  std::string annual_plan;       // "2026:3": the annual plan's item it serves
  bool complaint = false;        // a customer complaint (R-4.7 d)
};

// Checks the form against the configuration: a known department, a customer
// name, readable text, a receipt not after the filling time `at`, which is not
// after `now`. InvalidArgument names the field at fault (Status::field()).
Status ValidateForm(const IntakeForm& form, const Config& config, const Time& at, const Time& now);

// The ticket for `form` with number `id`, opened at `at` by `actor`. Pure.
Ticket NewTicket(const IntakeForm& form, const DocNumber& id, const Time& at,
                 const std::string& actor);

// The customer file's part in intake (R-4.6 b, R-4.3.6 a). The customer
// `--customer` names — its code, name or an alias — or, with no customer
// given, the one whose phone is `--phone`, fills the form's customer code
// and the particulars not given (name as on file, first contact, phone and
// address); a registered `--serial` fills the customer the same way, and the
// product, model, project number, commissioning date and warranty end of the
// unit. Refused (nothing opened):
// - NotFound: a code that is no customer's (K0009);
// - NotAllowed: a name that is several customers'; a serial registered to
//   another customer than the one named; unless `new_customer`, a name on no
//   file that is one character off a customer's name or alias (NearName) or
//   whose phone is on file under another customer — pointed out, with the
//   code to give; with `new_customer`, a name that is on file.
// Things worth a line that do not stop the intake go to *notes: a serial not
// in the customer file, a phone on file under another customer than the one
// named. With no customer file at all nothing changes.
Status MatchCustomerFile(const CustomerBook& book, bool new_customer, IntakeForm* form,
                         std::vector<std::string>* notes);
// The same, reading the customer file (every customers/ file, as of now).
Status MatchCustomerFile(const Store& store, bool new_customer, IntakeForm* form,
                         std::vector<std::string>* notes);

// Validates, takes the store lock, numbers the form and writes it. With
// form.annual_plan, the item must await service (ops/annual_plan.h,
// PrepareServed: it exists, is approved, not served or cancelled); the
// ticket names it and the plan gains `served` in the same locked command —
// the ticket first, then the plan, the journal naming both (recovery.h
// completes the plan's `served` once the ticket exists).
Status OpenTicket(const Store& store, const IntakeForm& form, const Time& at, const Time& now,
                  const std::string& actor, std::string* id);

}  // namespace svc
