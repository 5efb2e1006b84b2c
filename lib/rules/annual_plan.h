// The fold of a year's annual service plan (model/annual_plan.h): the one
// reader of its history. The items as they stand — planned, approved,
// served by a ticket, cancelled — are derived by replaying the events in
// time order; nothing of it is stored. The fold is also the file's rules:
// an event it refuses (a month outside 1–12, an item number that leaves a
// gap, a `served` of an item never approved, an item served twice) fails it
// with the reason, so a command validates a new event by folding the
// history with it appended, and `svc check` and the merge driver validate a
// file the same way.
//
// Numbering across clones: each item is written with the number its clone
// gave it (the next after the highest it knew). Two clones adding items
// offline both give the same numbers; the merge keeps every item (the union
// of the histories), and the fold numbers them in time order: an item whose
// number an earlier item already holds takes the next free number (its
// `given` number stays in the file). A `served` or `cancel` names its item
// by number and by the item's own time (`added`), so it finds the right one
// whichever number the merge gave it.
//
// Approval: an `approve` approves every item planned before it and not yet
// approved; an item added after the approval is planned until the next one,
// and its clock (annual-plan) starts only then.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/timepoint.h"
#include "model/record.h"
#include "rules/clocks.h"

namespace svc {

struct PlanItem {
  int n = 0;             // its number in the year, as the fold gives it
  int given = 0;         // as written in the file (differs after a merge renumbered it)
  std::string customer;  // code, K0001
  std::string serial;    // "" if for the customer as a whole
  int month = 0;         // 1–12
  std::string work;      // technical | repair | upgrade
  std::string note;
  Time added;  // the `item` event's time: names it across clones
  std::string added_by;
  std::optional<Time> approved;  // the approval that covered it
  std::string approved_by;
  std::string ticket;  // the ticket that served it
  std::optional<Time> served;
  bool cancelled = false;
  std::string cancel_reason;

  // planned | approved | served | cancelled
  std::string_view State() const;
};

struct PlanState {
  std::string id;  // "2026"
  int year = 0;
  std::vector<PlanItem> items;  // by number
  std::vector<Event> approvals;
  std::vector<Event> history;  // every event counted, in time order

  // The item numbered `n`, or null.
  const PlanItem* Find(int n) const;
  // The highest item number (0 if none).
  int Last() const;
};

// Folds `r` (a record of PlanKind()). With `as_of`, only the events that had
// happened and been recorded by then count (--now). On a refusal, *failed
// (if given) is the refused event's index.
Status FoldPlan(const Record& r, const std::optional<Time>& as_of, PlanState* out,
                size_t* failed = nullptr);

// The clock `annual-plan` of each approved item (not cancelled): from the
// approval to the ticket opened for it, the deadline the end of the item's
// month in the company's offset (the first instant of the next month; met
// when served before it). Only events at or before `now` count (the state
// folded as of `now`). Clock::record is "2026:3".
std::vector<Clock> PlanClocks(const PlanState& plan, int offset_minutes, const Time& now);

// "2026:3" and back: a plan item's reference (svc open --annual-plan).
std::string PlanItemRef(std::string_view year, int n);
Status ParsePlanItemRef(std::string_view text, std::string* year, int* n);

}  // namespace svc
