// Customers and equipment (顾客档案, R-4.6 b; ): `svc customer
// add|edit|show|list` and `svc equipment add|edit|show|list`, on the record
// model — each customer file a record of CustomerKind() (model/customer.h),
// folded by rules/customer.h.
//
// Every write takes the store lock, reads the one customer file it changes,
// folds its history with the new event appended (the fold refuses what the
// file's rules do not allow) and saves it atomically; `customer add` takes
// the next free code under the lock (Store::TakenSerials), so two concurrent
// adds never share one.
//
// A serial number is registered to one customer only. The book
// (CustomerBook) is every customer file read and folded, a few thousand
// files: equipment add reads it under the lock to refuse a serial already
// registered anywhere; show, list, and the lookups of `svc open` (issue 17
// item 2: FindByCode, Match, ByPhone, FindUnit) read it once per command.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "base/timepoint.h"
#include "rules/customer.h"
#include "storage/store.h"

namespace svc {

// A customer as first filled (`svc customer add`).
struct CustomerForm {
  std::string name;
  std::vector<std::string> aliases, contacts, phones, addresses;
  bool key = false;
};

// A change of the customer's particulars (`svc customer edit`).
struct CustomerChange {
  std::optional<std::string> name;
  std::vector<std::string> aliases, contacts, phones, addresses;  // added
  std::vector<std::string> drop_aliases, drop_contacts, drop_phones, drop_addresses;
  std::optional<bool> key;
  std::string reason;
};

// A unit of equipment (`svc equipment add`; with `edit`, the fields given replace).
struct UnitForm {
  std::string serial;
  std::optional<std::string> product, model, project_no, location;
  std::optional<Date> commissioned, warranty_until;
  std::string reason;  // edit only
};

// Every customer file read and folded, in code order.
class CustomerBook {
 public:
  // Reads every file of customers/ (as of `as_of`, if given). Corruption
  // naming the file (file:line) if one cannot be read or does not replay.
  static Status Load(const Store& store, const std::optional<Time>& as_of,
                     std::unique_ptr<CustomerBook>* out);

  const std::vector<CustomerState>& customers() const { return customers_; }
  // The customer with `code`, or null.
  const CustomerState* FindByCode(std::string_view code) const;
  // The customers whose code, name or an alias is `text` (NameMatches).
  std::vector<const CustomerState*> Match(std::string_view text) const;
  // The customers with the phone `phone` (PhoneMatches).
  std::vector<const CustomerState*> ByPhone(std::string_view phone) const;
  // The unit with `serial` and its customer (*owner), or null.
  const Unit* FindUnit(std::string_view serial, const CustomerState** owner = nullptr) const;

 private:
  std::vector<CustomerState> customers_;
};

// The one customer `text` names: its code, else its name or an alias.
// NotFound if none; NotAllowed if the name is several customers'.
Status ResolveCustomer(const CustomerBook& book, std::string_view text, const CustomerState** out);

// Validates, takes the lock, gives the next code (K0001 …) and writes the
// file: the header as filled and its `create` event at `at` by `actor`.
Status AddCustomer(const Store& store, const CustomerForm& form, const Time& at, const Time& now,
                   const std::string& actor, std::string* code);
// `svc import`'s writes, many at once under a lock the caller holds
// (REQUIRES), so that the rows are checked against the records as they are
// written. All or nothing: when one write fails, what this call wrote is
// removed or restored again (best effort; a crash midway leaves the files
// written so far, each whole). AddCustomersLocked gives the next codes in
// order (*codes); AddUnitsLocked takes (customer code, unit) pairs, each
// customer's file read and saved once, its units in the pairs' order.
Status AddCustomersLocked(const Store& store, const std::vector<CustomerForm>& forms,
                          const Time& at, const Time& now, const std::string& actor,
                          std::vector<std::string>* codes);
Status AddUnitsLocked(const Store& store,
                      const std::vector<std::pair<std::string, UnitForm>>& units, const Time& at,
                      const Time& now, const std::string& actor);
// Appends an `edit` event to the customer `code`. InvalidArgument if it changes nothing.
Status EditCustomer(const Store& store, const std::string& code, const CustomerChange& change,
                    const Time& at, const Time& now, const std::string& actor);
// Registers a unit to the customer `customer` (a code, name or alias);
// NotAllowed if its serial is registered to any customer already.
Status AddEquipment(const Store& store, const std::string& customer, const UnitForm& unit,
                    const Time& at, const Time& now, const std::string& actor, std::string* code);
// Changes the registered unit `unit.serial` (the fields given replace). NotFound if none.
Status EditEquipment(const Store& store, const UnitForm& unit, const Time& at, const Time& now,
                     const std::string& actor, std::string* code);
// Reads and folds one customer file (as of `as_of`).
Status LoadCustomer(const Store& store, const std::string& code, const std::optional<Time>& as_of,
                    CustomerState* out);

// Views for `show --json` and `list --json`, times in the company's offset.
// "in" while `today` is on or before the unit's warranty_until, "out" after
// it, "" when the unit has no warranty date (R-4.3.6 a).
std::string_view WarrantyOn(const Unit& u, const Date& today);
JsonValue UnitJson(const Unit& u, const CustomerState& owner, int offset_minutes,
                   const Date& today);
// With `history` (show): its events too.
JsonValue CustomerJson(const CustomerState& c, int offset_minutes, const Date& today, bool history);

}  // namespace svc
