// The customer file (顾客档案, R-4.6 b; R-3.2 "管理公司所有顾客资源"): one
// customer and its equipment, as stored in customers/K0001.toml
// (docs/FORMAT.md, "The customer file").
//
// A record of the record model (record.h): the header is the customer as
// first filled (code, name, aliases, contacts, phones, addresses, key
// customer); everything after — an edit of those, a unit of equipment
// registered, a unit's details changed, a note — is an event of the
// append-only history. The current customer and its equipment are the fold
// of that history (rules/customer.h); nothing else is stored. Codes are
// serial (K0001, K0002 …), continuous and never reused.
#pragma once

#include <string_view>
#include <vector>

#include "model/record.h"

namespace svc {

// The kind "customer": folder customers/, numbers K0001 …
const RecordKind& CustomerKind();

// The actions of a customer file's history and their fields, in the order
// they are written:
//   create          the file opened (the header holds what was filled)
//   edit            name, aliases, contacts, phones, addresses, key changed:
//                   `name` replaces; `aliases` … `addresses` are added,
//                   `drop_aliases` … `drop_addresses` removed; `key` set
//   equipment       a unit registered: serial, product, model, project_no,
//                   commissioned, warranty_until, location
//   equipment-edit  the unit `serial`: the fields given replace
//   note            a free note (a request of the customer's, R-4.6 b)
const std::vector<ActionSpec>& CustomerActions();

namespace customer_action {
inline constexpr std::string_view kCreate = "create";
inline constexpr std::string_view kEdit = "edit";
inline constexpr std::string_view kEquipment = "equipment";
inline constexpr std::string_view kEquipmentEdit = "equipment-edit";
inline constexpr std::string_view kNote = "note";
}  // namespace customer_action

}  // namespace svc
