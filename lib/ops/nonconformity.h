// Nonconformity reports (不合格品报告处理单, R-4.5.3.1): `svc nonconformity`
// file|action|close|note|show|list, the report's counts in `svc report` and
// its form — each report a record of NonconformityKind()
// (model/nonconformity.h), folded by rules/nonconformity.h.
//
// Every write takes the store lock, folds the record with the new event
// appended (the fold refuses what the report's rules do not allow) and
// saves it atomically; filing takes the next free number of the month of
// filing under the lock (Store::TakenSequences), so two concurrent filings
// never share one. Reports are few (a few a week) against up to 100,000
// tickets: nothing here reads a ticket but the one a report is filed on.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "base/timepoint.h"
#include "rules/nonconformity.h"
#include "storage/store.h"

namespace svc {

// A report as filed (`svc nonconformity ID`).
struct NonconformityForm {
  std::string ticket;              // the ticket it comes from (YX-26-11-01)
  std::string record;              // the outbound record; "": see FileNonconformity
  std::vector<std::string> parts;  // NAME:QTY each, at least one
  std::string description;         // what is wrong with them
  Time at;                         // when it is filed
};

// "NAME:QTY" (ParsePart's, without a price or a supply): a part a report names.
Status ParseNonconformingPart(std::string_view text, Part* out);

// Validates, takes the lock, reads the ticket (NotFound "no ticket ..." if
// there is none; NotAllowed if it is void; NotAllowed if `record` is none of
// its outbound records), gives the next number of the month of filing
// (NC-yy-mm-NN) and writes the file: the header as filled, the customer and
// the unit as the ticket's form (as corrected) names them, and its `file`
// event at form.at by `actor`. Without a record the report names the
// ticket's latest outbound record (as of form.at) that brought parts back,
// or none if no record did.
Status FileNonconformity(const Store& store, const NonconformityForm& form, const Time& now,
                         const std::string& actor, std::string* id);

// The Quality dept's corrective action (`svc nonconformity action`).
struct CorrectiveActionForm {
  std::string text;
  bool amend = false;  // corrects the action filed before
  std::string reason;  // required with amend
};
Status FileCorrectiveAction(const Store& store, const std::string& id,
                            const CorrectiveActionForm& form, const Time& at, const Time& now,
                            const std::string& actor);

// Closes report `id` with `disposition` as typed (a word of Dispositions()
// or its Chinese; InvalidArgument otherwise) and an optional comment.
Status CloseNonconformity(const Store& store, const std::string& id, const std::string& disposition,
                          const std::string& comment, const Time& at, const Time& now,
                          const std::string& actor);

// A free note on report `id`; a closed report takes it too.
Status NoteNonconformity(const Store& store, const std::string& id, const std::string& text,
                         const Time& at, const Time& now, const std::string& actor);

// Reads and folds one report (as of `as_of`). NotFound: "no nonconformity report 'ID'".
Status LoadNonconformity(const Store& store, const std::string& id,
                         const std::optional<Time>& as_of, NonconformityState* out);
// Every report (as of `as_of`: those filed by then), in number order; with
// `until`, only the months' folders up to its month (the report's period).
// Corruption naming the file if one cannot be read or does not replay.
Status LoadNonconformities(const Store& store, const std::optional<Time>& as_of,
                           std::vector<NonconformityState>* out,
                           const std::optional<Time>& until = std::nullopt);

// Open ones first, then newest filed first (ties: the higher number first).
void SortNonconformities(std::vector<NonconformityState>* list);

// For show and list --json: number, ticket, record, customer_code, customer,
// product, model, serial, filed, by, parts, description, status,
// disposition, closed, closed_by, comment, action, action_at, action_by,
// amendments, notes; with `history` (show) its events too.
JsonValue NonconformityJson(const NonconformityState& n, int offset_minutes, bool history);

}  // namespace svc
