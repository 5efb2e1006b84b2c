#include "model/training.h"

namespace svc {
namespace {

using enum FieldType;

}  // namespace

const std::vector<ActionSpec>& TrainingActions() {
  // docs/FORMAT.md, "The training record".
  static const std::vector<ActionSpec> kActions = {
      // the session recorded; the header holds it as first filled.
      {"record", {}},
      // a trainee's assessment result (考核).
      {"assess", {{"trainee", kString}, {"result", kString}, {"comment", kString}}},
      // A free note.
      {"note", {{"text", kString}}},
      // Given a new number after two clones had numbered two records alike
      // offline (svc renumber); `from` is the number it had.
      {"renumber", {{"from", kString}}},
  };
  return kActions;
}

const RecordKind& TrainingKind() {
  static const RecordKind kTraining = [] {
    RecordKind k{
        "training",
        "training",
        "培训记录 Training Record (R-3.1, R-4.3.1)",
        "R-3.1, R-4.3.1",
        Numbering::kMonthly,
        {{"",
          {{"id", kString, true},
           {"date", kDate, true},
           {"topic", kString, true},
           {"trainer", kString, true},
           {"trainees", kStrings, true},
           {"hours", kString},
           {"assessment", kString},
           {"materials", kStrings},
           {"at", kTime, true},
           {"by", kString, true}}}},
        {},
        "",
        2,
    };
    for (const ActionSpec& a : TrainingActions()) k.actions.push_back(a.action);
    k.schemas = &TrainingActions();
    return k;
  }();
  return kTraining;
}

}  // namespace svc
