// Training records (培训记录, R-3.1, R-4.3.1): `svc training`
// add|assess|note|show|list — each session a record of TrainingKind()
// (model/training.h), folded by rules/training.h.
//
// Every write takes the store lock, folds the record with the new event
// appended and saves it atomically; adding takes the next free number of
// the training date's month under the lock (Store::TakenSequences), so two
// concurrent additions never share one. Names (trainer, trainees, whoever
// records an assessment's trainee) are checked against svc.toml's [[staff]]
// when it lists staff. A year's list reads only that year's files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "base/timepoint.h"
#include "rules/training.h"
#include "storage/store.h"

namespace svc {

// A training session as recorded (`svc training add`).
struct TrainingForm {
  std::string date;  // the training's day, as typed (2026-11-20)
  std::string topic;
  std::string trainer;
  std::vector<std::string> trainees;  // at least one
  std::string assessment;             // how they are assessed (考核方式), optional
  std::vector<std::string> materials;
  std::string hours;  // "2.5", optional
  Time at;            // when it is recorded
};

// Validates (InvalidArgument: a bad date or hours, an empty topic, trainer
// or trainee, a trainee named twice; NotAllowed: a name [[staff]] does not
// list when it lists staff), takes the lock, gives the next number of the
// date's month (PX-yy-mm-NN) and writes the file with its `record` event at
// form.at by `actor`.
Status AddTraining(const Store& store, const TrainingForm& form, const Time& now,
                   const std::string& actor, std::string* id);

// A trainee's assessment result (`svc training assess`).
Status AssessTraining(const Store& store, const std::string& id, const std::string& trainee,
                      const std::string& result, const std::string& comment, const Time& at,
                      const Time& now, const std::string& actor);

// A free note on training `id`.
Status NoteTraining(const Store& store, const std::string& id, const std::string& text,
                    const Time& at, const Time& now, const std::string& actor);

// Reads and folds one record (as of `as_of`). NotFound: "no training record 'ID'".
Status LoadTraining(const Store& store, const std::string& id, const std::optional<Time>& as_of,
                    TrainingState* out);
// Every record (as of `as_of`: those recorded by then); with `year`, only
// that year's (by the training's date, whose month the number carries).
// Newest first: by date, then the higher number first. Corruption naming
// the file if one cannot be read or does not replay.
Status LoadTrainings(const Store& store, const std::optional<Time>& as_of,
                     const std::optional<int>& year, std::vector<TrainingState>* out);

// For show and list --json: number, date, topic, trainer, trainees, hours,
// assessment, materials, recorded, by, results ({trainee, result, comment,
// at, by}), notes; with `history` (show) its events too.
JsonValue TrainingJson(const TrainingState& t, int offset_minutes, bool history);

}  // namespace svc
