#include "model/nonconformity.h"

namespace svc {
namespace {

using enum FieldType;

}  // namespace

const std::vector<ActionSpec>& NonconformityActions() {
  // docs/FORMAT.md, "The nonconformity report".
  static const std::vector<ActionSpec> kActions = {
      // R-4.5.3.1: the report filed; the header holds it as first filled.
      {"file", {}},
      // R-4.5.3.1: the Quality dept's corrective action: a correction is
      // a second action with amend and its reason.
      {"action", {{"text", kString}, {"amend", kBool}, {"reason", kString}}},
      // R-4.5.3.1: closed with the disposition of the parts (处置); `amend`:
      // the later of two clones' close-outs, marked by the merge, stands.
      {"dispose", {{"disposition", kString}, {"comment", kString}, {"amend", kBool}}},
      // A free note.
      {"note", {{"text", kString}}},
      // Given a new number after two clones had numbered two records alike
      // offline (svc renumber); `from` is the number it had.
      {"renumber", {{"from", kString}}},
  };
  return kActions;
}

const RecordKind& NonconformityKind() {
  static const RecordKind kNonconformity = [] {
    RecordKind k{
        "nonconformity",
        "nonconformities",
        "不合格品报告处理单 Nonconformity Report (R-4.5.3.1)",
        "R-4.5.3.1",
        Numbering::kMonthly,
        {{"",
          {{"id", kString, true},
           {"at", kTime, true},
           {"by", kString, true},
           {"ticket", kString, true},
           {"record", kString},
           {"parts", kParts, true},
           {"description", kString, true}}},
         {"customer", {{"code", kString}, {"name", kString}}, true},
         {"equipment", {{"product", kString}, {"model", kString}, {"serial", kString}}}},
        {},
        "",
        2,
    };
    for (const ActionSpec& a : NonconformityActions()) k.actions.push_back(a.action);
    k.schemas = &NonconformityActions();
    return k;
  }();
  return kNonconformity;
}

}  // namespace svc
