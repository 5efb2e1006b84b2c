// The annual service plan (年度服务计划, R-4.5.5): `svc annual-plan
// add|approve|show`, on the record model — each year's plan a record of
// PlanKind() (model/annual_plan.h), folded by rules/annual_plan.h. Copied
// from the customer file's pattern (ops/customers.h).
//
// Every write takes the store lock, reads the one plan file it changes,
// folds its history with the new event appended (the fold refuses what the
// plan's rules do not allow) and saves it atomically; `add` gives the next
// item number under the lock.
#pragma once

#include <optional>
#include <string>

#include "base/json.h"
#include "base/status.h"
#include "base/timepoint.h"
#include "rules/annual_plan.h"
#include "storage/store.h"

namespace svc {

// An item as planned (`svc annual-plan add`).
struct PlanItemForm {
  std::string customer;  // a customer code, name or alias (stored as its code)
  std::string serial;    // optional: one of the customer's units
  int month = 0;         // 1–12
  std::string work;      // technical | repair | upgrade (or 技术服务 维修 升级)
  std::string note;
};

// Validates, takes the lock and appends an `item` to plan `year` (the file
// is created by its first item); *n is its number. NotFound for an unknown
// customer, NotAllowed for a serial that is not the customer's.
Status AddPlanItem(const Store& store, const std::string& year, const PlanItemForm& form,
                   const Time& at, const Time& now, const std::string& actor, int* n);
// Appends an `approve` by `actor` in `role` ("": gm) — the general manager
// (rules/authority.h, MayApprove). NotAllowed if nothing awaits approval;
// *approved is how many items it approved.
Status ApprovePlan(const Store& store, const std::string& year, const std::string& role,
                   const std::string& comment, const Time& at, const Time& now,
                   const std::string& actor, int* approved);
// Appends a `cancel` of item `n` with its reason.
Status CancelPlanItem(const Store& store, const std::string& year, int n, const std::string& reason,
                      const Time& at, const Time& now, const std::string& actor);
// Reads and folds plan `year` (as of `as_of`). NotFound if there is none.
Status LoadPlan(const Store& store, const std::string& year, const std::optional<Time>& as_of,
                PlanState* out);
// Every plan of plans/, folded as of `as_of` (in year order); Corruption
// naming the file if one does not replay.
Status LoadPlans(const Store& store, const std::optional<Time>& as_of, std::vector<PlanState>* out);

// For `svc open --annual-plan YEAR:N`, REQUIRES the lock: OK if item N of
// plan YEAR may be served by a new ticket (it exists, is approved, not
// cancelled, not served), with the `served` event for `ticket` in *out.
Status PrepareServed(const Store& store, const std::string& ref, const std::string& ticket,
                     const Time& at, const Time& now, const std::string& actor, Event* out);
// Appends the prepared `served` to its plan. REQUIRES: the lock is held.
Status RecordServed(const Store& store, const std::string& year, const Event& served);

// The plan for `show --json`, times in the company's offset; each item's
// clock state at `now` (overdue: approved, unserved, past its month).
JsonValue PlanJson(const PlanState& plan, int offset_minutes, const Time& now);

}  // namespace svc
