#include "model/finance.h"

namespace svc {
namespace {

using enum FieldType;

}  // namespace

const std::vector<ActionSpec>& FinanceActions() {
  // docs/FORMAT.md, "Finance: advances and write-offs".
  static const std::vector<ActionSpec> kActions = {
      // the record filed; the header holds it as first filled.
      {"file", {}},
      // A free note.
      {"note", {{"text", kString}}},
  };
  return kActions;
}

// An advance's actions: the finance actions, and `renumber` (two clones
// that numbered two advances alike offline; svc renumber).
const std::vector<ActionSpec>& AdvanceActions() {
  static const std::vector<ActionSpec> kActions = [] {
    std::vector<ActionSpec> v = FinanceActions();
    v.push_back({"renumber", {{"from", FieldType::kString}}});
    return v;
  }();
  return kActions;
}

const RecordKind& AdvanceKind() {
  static const RecordKind kAdvance = [] {
    RecordKind k{
        "advance",
        "advances",
        "借支单 Advance to an engineer (R-3.1)",
        "R-3.1",
        Numbering::kMonthly,
        {{"",
          {{"id", kString, true},
           {"at", kTime, true},
           {"by", kString, true},
           {"engineer", kString, true},
           {"amount", kMoney, true},
           {"note", kString}}}},
        {},
        "",
        2,
    };
    for (const ActionSpec& a : AdvanceActions()) k.actions.push_back(a.action);
    k.schemas = &AdvanceActions();
    return k;
  }();
  return kAdvance;
}

const RecordKind& WriteoffKind() {
  static const RecordKind kWriteoff = [] {
    RecordKind k{
        "writeoff",
        "writeoffs",
        "费用核销单 Monthly write-off of service costs (R-4.5.4, R-3.1)",
        "R-4.5.4, R-3.1",
        Numbering::kMonthly,
        {{"",
          {{"id", kString, true},
           {"month", kString, true},
           {"at", kTime, true},
           {"by", kString, true},
           {"records", kStrings},
           {"engineers", kStrings}}},
         {"totals",
          {{"quoted", kMoney, true},
           {"actual", kMoney, true},
           {"advances", kMoney, true},
           {"expenses", kMoney, true}},
          true}},
        {},
        "",
        2,
    };
    for (const ActionSpec& a : FinanceActions()) k.actions.push_back(a.action);
    k.schemas = &FinanceActions();
    return k;
  }();
  return kWriteoff;
}

}  // namespace svc
