#include "model/annual_plan.h"

namespace svc {
namespace {

using enum FieldType;

}  // namespace

const std::vector<ActionSpec>& PlanActions() {
  // docs/FORMAT.md, "The annual service plan".
  static const std::vector<ActionSpec> kActions = {
      // an item of the plan — a customer (and unit), a month, the work.
      {"item",
       {{"n", kInt},
        {"customer", kString},
        {"serial", kString},
        {"month", kInt},
        {"work", kString},
        {"note", kString}}},
      // the plan approved by the general manager.
      {"approve", {{"role", kString}, {"comment", kString}}},
      // the item carried out — a ticket opened for it (svc open --annual-plan).
      {"served", {{"item", kInt}, {"added", kTime}, {"ticket", kString}}},
      // an item taken off the plan, with its reason.
      {"cancel", {{"item", kInt}, {"added", kTime}, {"reason", kString}}},
  };
  return kActions;
}

const RecordKind& PlanKind() {
  static const RecordKind kPlan = [] {
    RecordKind k{
        "plan",
        "plans",
        "年度服务计划 Annual Service Plan (R-4.5.5)",
        "R-4.5.5",
        Numbering::kYearly,
        {{"", {{"id", kString, true}}}},
        {},
        "",
        4,
    };
    for (const ActionSpec& a : PlanActions()) k.actions.push_back(a.action);
    k.schemas = &PlanActions();
    return k;
  }();
  return kPlan;
}

}  // namespace svc
