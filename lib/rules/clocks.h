// Clocks: every time limit of the procedure (PRODUCT.md, Clocks), computed
// exactly as a pure function of a ticket, the configuration and `now`.
//
// A clock starts at one event, stops at another and has a target. It is
// met (stopped at or before its deadline — exactly at the deadline is met),
// breached (stopped late), running, or overdue (not stopped, past its
// deadline). Only events at or before `now` count, so the same question
// about a past moment always has the same answer. Closing a ticket stops
// the clocks of work before it (a remote fix ends the wait for arrival);
// voiding stops them all.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/timepoint.h"
#include "model/config.h"
#include "model/ticket.h"

namespace svc {

struct TicketState;

enum class ClockState { kMet, kBreached, kRunning, kOverdue };
std::string_view ClockStateName(ClockState s);

struct Clock {
  std::string name;    // form, response, analysis, plan, application, arrival, repair, verify,
                       // survey, warehousing
  std::string record;  // the outbound record, for repair and warehousing
  std::string clause;
  Time start;
  Duration target;
  Time deadline;
  std::optional<Time> stop;
  ClockState state = ClockState::kRunning;

  // Time left (running) or over (overdue, breached): deadline - (stop or now).
  Duration Left(const Time& now) const;
};

// The clock names in the order they are listed.
const std::vector<std::string_view>& ClockNames();

// A clock's state at `now` from its deadline and stop: the one place that
// decides met, breached, running and overdue.
ClockState StateAt(const Clock& c, const Time& now);

// Every clock that applies to the ticket as of `now`, in procedure order,
// from its state folded as of `now` (state.h: the fold is the one reader of
// the history; the clocks read only what it produced, and `t` for its form).
std::vector<Clock> ComputeClocks(const Ticket& t, const TicketState& state, const Config& config,
                                 const Time& now);
// The same, folding `t` as of `now` first (no clocks if it does not replay).
std::vector<Clock> ComputeClocks(const Ticket& t, const Config& config, const Time& now);

}  // namespace svc
