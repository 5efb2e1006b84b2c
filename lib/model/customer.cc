#include "model/customer.h"

namespace svc {
namespace {

using enum FieldType;

}  // namespace

const std::vector<ActionSpec>& CustomerActions() {
  // docs/FORMAT.md, "The customer file".
  static const std::vector<ActionSpec> kActions = {
      // b: the customer file opened; the header holds it as first filled.
      {"create", {}},
      // b: the customer's particulars changed (R-4.8: as an event, the
      // header stays as first filled).
      {"edit",
       {{"name", kString},
        {"aliases", kStrings},
        {"contacts", kStrings},
        {"phones", kStrings},
        {"addresses", kStrings},
        {"key", kBool},
        {"drop_aliases", kStrings},
        {"drop_contacts", kStrings},
        {"drop_phones", kStrings},
        {"drop_addresses", kStrings},
        {"reason", kString}}},
      // b, R-4.3.6 a: a unit of the customer's equipment registered.
      {"equipment",
       {{"serial", kString},
        {"product", kString},
        {"model", kString},
        {"project_no", kString},
        {"commissioned", kDate},
        {"warranty_until", kDate},
        {"location", kString}}},
      // a unit's details corrected or changed; the fields given replace.
      {"equipment-edit",
       {{"serial", kString},
        {"product", kString},
        {"model", kString},
        {"project_no", kString},
        {"commissioned", kDate},
        {"warranty_until", kDate},
        {"location", kString},
        {"reason", kString}}},
      // b: a free note — the customer's needs, an improvement request.
      {"note", {{"text", kString}}},
  };
  return kActions;
}

const RecordKind& CustomerKind() {
  static const RecordKind kCustomer = [] {
    RecordKind k{
        "customer",
        "customers",
        "顾客档案 Customer File (R-4.6 b, R-3.2)",
        "R-4.6 b, R-3.2",
        Numbering::kSerial,
        {{"",
          {{"id", kString, true},
           {"name", kString, true},
           {"aliases", kStrings},
           {"contacts", kStrings},
           {"phones", kStrings},
           {"addresses", kStrings},
           {"key", kBool}}}},
        {},
        "K",
        4,
    };
    for (const ActionSpec& a : CustomerActions()) k.actions.push_back(a.action);
    k.schemas = &CustomerActions();
    return k;
  }();
  return kCustomer;
}

}  // namespace svc
