// The nonconformity report (不合格品报告处理单, R-4.5.3.1): parts that failed
// the inspection when brought back and booked into store, reported to the
// Quality dept, its corrective action (纠正措施) and the disposition of the
// parts (处置), as stored in nonconformities/YYYY/MM/NC-yy-mm-NN.toml
// (docs/FORMAT.md, "The nonconformity report").
//
// A record of the record model (record.h): the header is the report as
// filed — its number, when and by whom, the ticket it comes from and the
// outbound record that brought the parts back, the customer and the unit as
// the ticket names them (so the printed form stands alone), the parts and
// what is wrong with them; the corrective action, the close-out with its
// disposition and the notes are events of the append-only history, folded by
// rules/nonconformity.h. Numbers run by month like the info form's:
// CODE-yy-mm-NN with the code of svc.toml's [numbers] nonconformity ("NC")
// and the month of filing in the company's time zone.
#pragma once

#include <string_view>
#include <vector>

#include "model/record.h"

namespace svc {

// The kind "nonconformity": folder nonconformities/, numbers NC-yy-mm-NN by month.
const RecordKind& NonconformityKind();

// The actions of a report's history and their fields, in the order written:
//   file    the report filed (the header holds what was filled)
//   action  the Quality dept's corrective action (纠正措施): `text`; with
//           `amend` and `reason` a correction of the action filed before
//   dispose the report closed with the parts' `disposition` (Dispositions())
//           and an optional `comment` (`svc nonconformity close`; not named
//           "close", which is the ticket's action with other fields)
//   note    a free note (the only action a closed report still takes)
const std::vector<ActionSpec>& NonconformityActions();

namespace nc_action {
inline constexpr std::string_view kFile = "file";
inline constexpr std::string_view kAction = "action";
inline constexpr std::string_view kDispose = "dispose";
inline constexpr std::string_view kNote = "note";
inline constexpr std::string_view kRenumber = "renumber";
}  // namespace nc_action

// The default code of nonconformity numbers (svc.toml [numbers] nonconformity).
inline constexpr std::string_view kDefaultNonconformityCode = "NC";

}  // namespace svc
