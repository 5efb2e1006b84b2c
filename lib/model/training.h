// The training record (培训记录, R-3.1, R-4.3.1): one training session of the
// service staff — when, on what, by whom, who was trained, the materials
// used and how the trainees are assessed — as stored in
// training/YYYY/MM/PX-yy-mm-NN.toml (docs/FORMAT.md, "The training record").
//
// A record of the record model (record.h): the header is the session as
// recorded; each trainee's assessment result (考核结果) and the notes are
// events of the append-only history, folded by rules/training.h. Numbers
// run by month like the info form's: CODE-yy-mm-NN with the code
// of svc.toml's [numbers] training ("PX", 培训) and the month of the
// training's date.
#pragma once

#include <string_view>
#include <vector>

#include "model/record.h"

namespace svc {

// The kind "training": folder training/, numbers PX-yy-mm-NN by month of the date.
const RecordKind& TrainingKind();

// The actions of a training record's history and their fields:
//   record  the session recorded (the header holds what was filled)
//   assess  one trainee's assessment result (考核): `trainee`, `result`,
//           an optional `comment`
//   note    a free note
const std::vector<ActionSpec>& TrainingActions();

namespace training_action {
inline constexpr std::string_view kRecord = "record";
inline constexpr std::string_view kAssess = "assess";
inline constexpr std::string_view kNote = "note";
}  // namespace training_action

// The default code of training numbers (svc.toml [numbers] training).
inline constexpr std::string_view kDefaultTrainingCode = "PX";

}  // namespace svc
