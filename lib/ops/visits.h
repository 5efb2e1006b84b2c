// Customer visits (顾客走访, R-4.6 a): `svc visit record|report|show|list`
// and the visits' clocks in `svc overdue`, on the record model — each visit
// a record of VisitKind() (model/visit.h), folded by rules/visit.h.
//
// Every write takes the store lock, folds the record with the new event
// appended (the fold refuses what the record's rules do not allow) and
// saves it atomically; `visit record` takes the next free number of the
// visit's month under the lock (Store::TakenSequences), so two concurrent
// records never share one.
//
// Visits are few (hundreds a year) against up to 100,000 tickets: the
// clocks read visits/ and customers/ only (two folder listings when there
// are none), never the tickets.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "base/timepoint.h"
#include "ops/overdue.h"
#include "rules/visit.h"
#include "storage/store.h"

namespace svc {

// A visit as recorded (`svc visit record`).
struct VisitForm {
  std::string customer;         // the customer's code (K0001)
  Time at;                      // when the visit was made
  std::vector<std::string> by;  // who made it
  std::string findings, requests;
  std::vector<std::string> serials;  // units of the customer's seen
};

// Validates, takes the lock, gives the next number of the visit's month
// (BF-yy-mm-NN) and writes the file: the header as filled, the customer's
// name as at the visit, and its `record` event at form.at by `actor`.
// NotFound if the customer code is unknown; NotAllowed if a serial is not
// registered to that customer.
Status RecordVisit(const Store& store, const VisitForm& form, const Time& now,
                   const std::string& actor, std::string* id);

// A report of the visit `id` (`svc visit report`).
struct VisitReportForm {
  std::string text;
  bool amend = false;  // corrects the report filed before
  std::string reason;  // required with amend
};
// Appends the `report` event at `at` by `actor`. NotFound if there is no
// such visit; NotAllowed if it already has a report and this is no
// amendment (the fold's rules).
Status ReportVisit(const Store& store, const std::string& id, const VisitReportForm& form,
                   const Time& at, const Time& now, const std::string& actor);

// Reads and folds one visit (as of `as_of`). NotFound: "no visit 'ID'".
Status LoadVisit(const Store& store, const std::string& id, const std::optional<Time>& as_of,
                 VisitState* out);
// Every visit (as of `as_of`: those recorded by then), in number order.
// Corruption naming the file if one cannot be read or does not replay.
Status LoadVisits(const Store& store, const std::optional<Time>& as_of,
                  std::vector<VisitState>* out);

// The clocks of the visits (visit-report) and of the key customers (visit)
// due or overdue as of `now`, added to `out` and counted in `summary`; a
// file that cannot be read is passed to `unreadable` and counted. Nothing
// when the filter asks for a route, a receiving department, a level or
// another clock (visits have none of them).
Status FindVisitsDue(const Store& store, const Time& now, const DueFilter& filter,
                     const std::function<void(const Status&)>& unreadable, DueList* out,
                     DueSummary* summary);

// For show and list --json: id, customer_code, customer, at, by, findings,
// requests, serials, reported (time or null), status, report; with
// `history` (show) its events and the clock too.
JsonValue VisitJson(const VisitState& v, const Config& config, const Time& now, bool history);

}  // namespace svc
