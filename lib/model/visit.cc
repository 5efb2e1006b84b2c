#include "model/visit.h"

namespace svc {
namespace {

using enum FieldType;

}  // namespace

const std::vector<ActionSpec>& VisitActions() {
  // docs/FORMAT.md, "The visit record".
  static const std::vector<ActionSpec> kActions = {
      // a: the visit recorded; the header holds it as first filled.
      {"record", {}},
      // a: the visit's report, within 10 days of the visit: a
      // correction is a second report with amend and its reason.
      {"report", {{"text", kString}, {"amend", kBool}, {"reason", kString}}},
      // A free note (what was agreed later, a call back).
      {"note", {{"text", kString}}},
      // Given a new number after two clones had numbered two records alike
      // offline (svc renumber); `from` is the number it had.
      {"renumber", {{"from", kString}}},
  };
  return kActions;
}

const RecordKind& VisitKind() {
  static const RecordKind kVisit = [] {
    RecordKind k{
        "visit",
        "visits",
        "顾客走访记录 Customer Visit Record (R-4.6 a)",
        "R-4.6 a",
        Numbering::kMonthly,
        {{"",
          {{"id", kString, true},
           {"at", kTime, true},
           {"by", kStrings, true},
           {"findings", kString},
           {"requests", kString},
           {"serials", kStrings}}},
         {"customer", {{"code", kString, true}, {"name", kString, true}}, true}},
        {},
        "",
        2,
    };
    for (const ActionSpec& a : VisitActions()) k.actions.push_back(a.action);
    k.schemas = &VisitActions();
    return k;
  }();
  return kVisit;
}

}  // namespace svc
