// History (R-4.6 b): everything done for one customer or one unit — `svc
// history --customer CODE|NAME | --serial S | --phone P` — every ticket
// and every visit, newest first, each with its
// status and latest step. A desk clerk asked "what have we done for this
// substation's switchgear?" answers it with one command.
//
// Tickets come from the index's summaries (storage/index.h: a warm scan
// reads no ticket file), which carry each ticket's customer code, phone,
// serial and latest step (rules/summary.h). A ticket belongs to a customer
// on file when it carries the customer's code, or — opened before the
// customer file knew it — its name is the customer's name or an alias; to
// a phone when its phone has the same digits; to a unit by its serial.
// Only the matching tickets are kept: the scan holds none of the others.
// Visits (ops/visits.h) are a few hundred a year and read from their files:
// a customer's by its code, a unit's when the visit saw it.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/timepoint.h"
#include "rules/customer.h"
#include "storage/index.h"
#include "storage/store.h"

namespace svc {

// What to look for: exactly one of the three.
struct HistoryQuery {
  std::string customer;  // a code (K0001), a name or an alias; a name not on file matches as is
  std::string serial;
  std::string phone;
};

struct HistoryEntry {
  std::string id;
  std::string kind;  // "ticket" or "visit"
  Time when;         // a ticket: received; a visit: when it was
  std::string status;
  std::string customer, customer_code;
  std::string what;         // a ticket: its headline (product or the fault's first line)
  std::string last_action;  // the latest step ("" when none)
  std::optional<Time> last_at;
};

struct History {
  // The customer on file the query named (by code, name, alias, phone or
  // its unit's serial), if any.
  std::optional<CustomerState> customer;
  std::vector<HistoryEntry> entries;  // newest first; equal times by number
  int64_t unreadable = 0;
};

// The history as of `now` (the records as they stood then). InvalidArgument
// when the query names nothing or more than one thing; NotAllowed when a
// name is several customers'. A customer or unit with nothing done yet is an
// empty history, not an error.
Status CustomerHistory(const Store& store, const HistoryQuery& query, const Time& now,
                       const ScanOptions& options, History* out,
                       const std::function<void(const Status&)>& unreadable);

}  // namespace svc
