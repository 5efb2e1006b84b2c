// The annual service plan (年度服务计划, R-4.5.5): scheduled technical
// service, repairs and upgrades follow the plan the general manager
// approved. One year's plan, as stored in plans/2026.toml (docs/FORMAT.md,
// "The annual service plan").
//
// A record of the record model (record.h), copied from the customer file's
// pattern (customer.h): the header is the year; everything else — an item
// planned, the plan approved, an item served by a ticket, an item cancelled
// — is an event of the append-only history, folded by rules/annual_plan.h.
// The file is opened by its first item.
#pragma once

#include <string_view>
#include <vector>

#include "model/record.h"

namespace svc {

// The kind "plan": folder plans/, one file per year (Numbering::kYearly).
const RecordKind& PlanKind();

// The actions of a plan's history and their fields, in the order written:
//   item     an item planned: n (its number in the year, 1, 2 …), customer
//            (a customer code), serial (optional: one of its units), month
//            (1–12), work (technical | repair | upgrade), note
//   approve  the general manager approved every item planned before it and
//            not yet approved: role (gm), comment
//   served   item `item` (its number; `added`: the item's own time, which
//            names it across clones) served by the ticket `ticket`
//   cancel   item `item` (and `added`) taken off the plan, with a reason
const std::vector<ActionSpec>& PlanActions();

namespace plan_action {
inline constexpr std::string_view kItem = "item";
inline constexpr std::string_view kApprove = "approve";
inline constexpr std::string_view kServed = "served";
inline constexpr std::string_view kCancel = "cancel";
}  // namespace plan_action

}  // namespace svc
