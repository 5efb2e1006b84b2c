// Fees (Table 1, R-4.4.3, R-4.5.3.1): the quote for paid service, exact to
// the fen, as a pure function of what was asked and the fee schedule.
//
// REQUIREMENTS.md, Decision (fee formula): per-day rates are per person per
// day; travel = transport + lodging + meals; subtotal = materials + labour +
// travel; tax = 15 % of subtotal; cost = subtotal + tax; management fee =
// 40 % of cost; total = cost + management fee. Each percentage is rounded
// half-up to the fen once, where it is computed. Items the customer provides
// are zero. Overflow is an error, never a wrap.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/money.h"
#include "base/status.h"
#include "model/config.h"
#include "model/price_list.h"
#include "model/ticket.h"

namespace svc {

struct QuoteRequest {
  int64_t people = 1;
  int64_t days = 1;
  Money transport;                  // actual cost; 0 when the customer provides it
  int64_t lodging_days = 0;         // per person; 0 when the customer provides lodging
  int64_t meal_days = 0;            // per person; 0 when the customer provides meals
  std::optional<Money> labor_rate;  // lowered labour rate (needs a reason)
  std::string reason;               // why the rate was lowered / why free or paid
  std::vector<Part> parts;          // materials, each with its unit price
  bool free = false;                // warranty or our responsibility: charged 0
};

struct Quote {
  QuoteRequest request;
  Date schedule;  // effective date of the fee schedule used
  Money labor_rate, lodging_rate, meal_rate;
  int64_t tax_bp = 0, management_bp = 0;
  Money labor, lodging, meals, transport, materials;
  Money travel, subtotal, tax, cost, management, total, charged;
};

// Checks the request against the schedule (a labour rate above the
// schedule's is refused; a lower one needs a reason) and computes every line.
Status ComputeQuote(const QuoteRequest& r, const FeeSchedule& schedule, Quote* out);

// The quote event's fields and back (quote.h's storage in the history).
void QuoteToEvent(const Quote& q, Event* e);
QuoteRequest RequestFromEvent(const Event& e);

// What `svc quote` was asked, before the schedule and the ticket decide.
struct QuoteArgs {
  int64_t people = 0, days = 0;
  std::optional<Money> transport, labor_rate;
  std::optional<int64_t> lodging_days, meal_days;  // default: days
  bool no_lodging = false, no_meals = false;
  std::vector<std::string> parts;  // NAME:QTY:UNIT_YUAN or CODE:QTY (price list)
  bool free = false, paid = false;
  std::string reason;
};

// The quote for a ticket in `state` made at `at`: the schedule in force on
// that day (company time zone), free unless the service is paid
// (TicketState::Paid), free or paid against that only with a reason.
struct TicketState;
Status MakeQuote(const QuoteArgs& a, const Config& config, const PriceList& prices,
                 const TicketState& state, const Time& at, Quote* out);

// The quote as it was made, recomputed from the schedule it names; fails if
// that schedule is gone. `*same` tells whether it still gives the stored total.
struct QuoteState;
Status RecomputeQuote(const QuoteState& q, const Config& config, Quote* out, bool* same);

}  // namespace svc
