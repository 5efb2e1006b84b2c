// Form: the info form's fields by name (售后信息处理单, R-4.2.1), for what
// reads or corrects one field at a time: `svc correct --field NAME`,
// whose `correct` events show, list, the printed forms and the reports
// apply over the form as first filled (which stays at the top of the file).
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "base/status.h"
#include "model/ticket.h"

namespace svc {

enum class FormFieldType {
  kLine,      // one line of text
  kText,      // text that may span lines (the fault description)
  kQuantity,  // 1 to kMaxQuantity
  kDate,
  kTime,  // the receipt
};

struct FormField {
  std::string_view name;  // stored in a `correct` event: customer, phone, project_no, received …
  std::string_view key;   // where the file keeps it: [customer] name, [equipment] project_no …
  std::string_view zh;    // the paper form's label
  FormFieldType type;
};

// Every field of the form a correction may change, in the form's order.
std::span<const FormField> FormFields();
// The field named `name` (its stored name, or with '-' for '_' as the
// `svc open` option spells it: project-no, received-at); null if none.
const FormField* FindFormField(std::string_view name);
// "customer, contact, …": the names for messages and help.
std::string FormFieldNames();

// The field's value in `t` as text (dates and times as svc writes them,
// quantity as a number, "" when not given).
std::string FormFieldText(const FormField& f, const Ticket& t);

// A text field's value (kLine, kText) as `svc open` takes it: CheckText
// (model/values.h; newlines only in the description) and, for the customer,
// a name that is not blank. InvalidField naming the field.
Status CheckFormFieldText(const FormField& f, std::string_view text);

// Checks every text field of `t`'s form as `svc open` does: the first error.
Status CheckFormText(const Ticket& t);
// The same, calling `problem` once for each field in error (`svc check`).
void CheckFormFields(const Ticket& t, const std::function<void(const Status&)>& problem);

// Sets the field from `text` as a user types it (a time without an offset
// is in `offset_minutes`): checked as `svc open` checks it, and written back
// in *canonical (what a `correct` event stores). InvalidField names the
// field when the text is not a valid value.
Status SetFormField(const FormField& f, std::string_view text, int offset_minutes, Ticket* t,
                    std::string* canonical = nullptr);

}  // namespace svc
