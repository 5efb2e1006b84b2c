// The fold of a nonconformity report (model/nonconformity.h): the one reader
// of its history.
//
// The report as it stands — its corrective action and the action's
// corrections, its close-out and disposition, its notes — is derived by
// replaying the events in time order over the header. The fold is also the
// report's rules: a history not opened by `file`; an action or a close
// before the filing; a second action that is no amendment, an amendment with
// no action to amend or without a reason; an empty action; a disposition
// that is no word of Dispositions(); a second close; and anything but a note
// after the close fail it with the reason. A command validates a new event
// by folding the history with it appended, and `svc check` and the merge
// driver validate a file the same way.
//
// Closing needs no corrective action first: the disposition of the parts
// (return, repair, scrap, concession) is decided for every report, a
// corrective action only where the Quality dept finds a cause to remove.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/timepoint.h"
#include "model/record.h"

namespace svc {

// The Quality dept's corrective action (纠正措施).
struct CorrectiveAction {
  Time at;             // when it was filed (the latest amendment's time, if amended)
  std::string by;      // who filed it (the latest amendment's)
  std::string text;    // the action (the latest amendment's)
  int amendments = 0;  // corrections filed after it
};

// The close-out: the disposition of the parts (处置).
struct NonconformityClose {
  Time at;
  std::string by;
  std::string disposition;  // return | repair | scrap | concession (Dispositions())
  std::string comment;
};

struct NonconformityState {
  std::string id;      // NC-26-11-01
  Time at;             // when it was filed
  std::string by;      // who filed it
  std::string ticket;  // the ticket it comes from (YX-26-11-01)
  std::string record;  // the outbound record that brought the parts back ("" if none)
  std::string customer_code, customer;  // as the ticket names them
  std::string product, model, serial;   // the unit, as the ticket names it
  std::vector<Part> parts;
  std::string description;
  bool filed = false;  // the `file` event counted (as of the fold's moment)
  std::optional<CorrectiveAction> action;
  std::optional<NonconformityClose> closed;
  std::vector<Event> notes;
  std::vector<Event> history;  // every event counted, in time order
};

// Folds `r` (a record of NonconformityKind()). With `as_of`, only the events
// that had happened and been recorded by then count (--now). On a refusal,
// *failed (if given) is the refused event's index.
Status FoldNonconformity(const Record& r, const std::optional<Time>& as_of, NonconformityState* out,
                         size_t* failed = nullptr);

// "open" or "closed".
std::string_view NonconformityStatus(const NonconformityState& n);

}  // namespace svc
