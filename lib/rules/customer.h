// The fold of a customer file (model/customer.h): the one reader of its
// history. The customer as it stands — its particulars after every edit and
// its equipment after every registration and change — is derived by
// replaying the events in time order over the header; nothing of it is
// stored. The fold is also the file's rules: an event it refuses (equipment
// registered twice under one serial, a change to a unit never registered, a
// history not opened by `create`) fails it with the reason, so a command
// validates a new event by folding the history with it appended, and
// `svc check` and the merge driver validate a file the same way.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/timepoint.h"
#include "model/record.h"

namespace svc {

// One unit of the customer's equipment (R-4.6 b; warranty: a).
struct Unit {
  std::string serial;  // 序列号 / 出厂编号: unique across all customers
  std::string product, model;
  std::string project_no;  // 项目号 (AB号)
  std::optional<Date> commissioned;
  std::optional<Date> warranty_until;
  std::string location;
  Time registered;  // when it was registered
  std::string registered_by;
  Time changed;  // its latest change (registered, if none)
};

struct CustomerState {
  std::string code;  // K0001
  std::string name;
  std::vector<std::string> aliases, contacts, phones, addresses;
  bool key = false;  // a key customer (重点客户): visited at least once a year (R-4.6 a)
  Time created;      // the `create` event
  std::string created_by;
  Time changed;             // the latest event
  std::vector<Unit> units;  // in order of registration
  std::vector<Event> notes;
  std::vector<Event> history;  // every event counted, in time order

  // The unit with `serial`, or null.
  const Unit* FindUnit(std::string_view serial) const;
};

// Folds `r` (a record of CustomerKind()). With `as_of`, only the events that
// had happened and been recorded by then count (--now). On a refusal,
// *failed (if given) is the refused event's index.
Status FoldCustomer(const Record& r, const std::optional<Time>& as_of, CustomerState* out,
                    size_t* failed = nullptr);

// Whether `text` matches the customer: its code, name or an alias (case
// and width of ASCII letters ignored, surrounding spaces too).
bool NameMatches(const CustomerState& c, std::string_view text);
// Whether `text` is one character off the customer's name or an alias (one
// character inserted, left out or changed; compared as NameMatches does) but
// not equal to it: a near miss that `svc open` points out instead of taking
// it for a customer not on file. Texts under three characters are never near.
bool NearName(const CustomerState& c, std::string_view text);
// Whether `phone` is one of its phones, compared by digits only
// ("021-5555 0101" is "02155550101").
bool PhoneMatches(const CustomerState& c, std::string_view phone);
// The digits of a phone number, for comparing.
std::string PhoneDigits(std::string_view phone);

}  // namespace svc
