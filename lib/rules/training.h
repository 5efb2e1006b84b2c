// The fold of a training record (model/training.h): the one reader of its
// history.
//
// The session as it stands — each trainee's assessment result and the notes
// — is derived by replaying the events in time order over the header. The
// fold is also the record's rules: a history not opened by `record`; an
// assessment before the record was made or before the training's day, of
// someone who is not among the trainees, without a result, or of a trainee
// already assessed, fails it with the reason. A command validates a new
// event by folding the history with it appended, and `svc check` and the
// merge driver validate a file the same way.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/timepoint.h"
#include "model/record.h"

namespace svc {

// One trainee's assessment result (考核结果).
struct TrainingAssessment {
  Time at;
  std::string by;  // who recorded it
  std::string trainee;
  std::string result;
  std::string comment;
};

struct TrainingState {
  std::string id;  // PX-26-11-01
  Date date;       // the training's day
  std::string topic, trainer;
  std::vector<std::string> trainees;
  std::string hours;       // "2.5"; "" if not given
  std::string assessment;  // how the trainees are assessed (考核方式); "" if not given
  std::vector<std::string> materials;
  Time at;                                  // when it was recorded
  std::string by;                           // who recorded it
  bool recorded = false;                    // the `record` event counted (as of the fold's moment)
  std::vector<TrainingAssessment> results;  // in time order
  std::vector<Event> notes;
  std::vector<Event> history;  // every event counted, in time order

  // The result of `trainee`, or null if not yet assessed.
  const TrainingAssessment* ResultOf(std::string_view trainee) const;
};

// Folds `r` (a record of TrainingKind()). With `as_of`, only the events that
// had happened and been recorded by then count (--now). On a refusal,
// *failed (if given) is the refused event's index.
Status FoldTraining(const Record& r, const std::optional<Time>& as_of, TrainingState* out,
                    size_t* failed = nullptr);

}  // namespace svc
