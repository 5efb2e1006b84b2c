// The customer visit (顾客走访, R-4.6 a): one visit to a customer and its
// report, as stored in visits/YYYY/MM/BF-yy-mm-NN.toml (docs/FORMAT.md,
// "The visit record").
//
// A record of the record model (record.h): the header is the visit as
// first recorded — its number, when it was made, who made it, what they
// found, what the customer asked for, the units seen, and the customer (its
// code and its name as at the visit); everything after — the report, a
// corrected report, a note — is an event of the append-only history. The
// visit as it stands is the fold of that history (rules/visit.h). Numbers
// run by month like the info form's: CODE-yy-mm-NN with the code
// of svc.toml's [numbers] visit ("BF", 拜访) and the month of the visit in
// the company's time zone.
#pragma once

#include <string_view>
#include <vector>

#include "model/record.h"

namespace svc {

// The kind "visit": folder visits/, numbers BF-yy-mm-NN by month.
const RecordKind& VisitKind();

// The actions of a visit's history and their fields, in the order they are
// written:
//   record  the visit recorded (the header holds what was filled)
//   report  its report filed (R-4.6 a: within 10 days): `text`; with
//           `amend` and `reason` a correction of the report filed before
//   note    a free note
const std::vector<ActionSpec>& VisitActions();

namespace visit_action {
inline constexpr std::string_view kRecord = "record";
inline constexpr std::string_view kReport = "report";
inline constexpr std::string_view kNote = "note";
inline constexpr std::string_view kRenumber = "renumber";
}  // namespace visit_action

// The default code of visit numbers (svc.toml [numbers] visit).
inline constexpr std::string_view kDefaultVisitCode = "BF";

}  // namespace svc
