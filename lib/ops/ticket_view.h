// The ticket view: a ticket, its folded state and its clocks as one
// JSON-shaped value tree, built once. `svc show --json` writes it as it is;
// the printed forms (ops/forms.cc) build their template data from it.
//
// Times are ISO 8601 strings in the company's offset (svc.toml's time zone;
// the file keeps the offset typed, the instant is the same), amounts of
// money decimal strings ("1234.50"); a field not filled in is null.
#pragma once

#include <optional>
#include <string>

#include "base/json.h"
#include "base/timepoint.h"
#include "model/config.h"
#include "model/ticket.h"
#include "rules/fees.h"
#include "rules/state.h"

namespace svc {

// What goes into a view besides the form and the state: the printed forms
// show neither the clocks nor the history, and are spared computing them.
struct TicketViewParts {
  bool clocks = true;   // "clocks"
  bool history = true;  // "events"
};

// The ticket as of `now` (events after it are left out): id, status, the
// classification and every later step, the clocks, the info form and the
// history, in the order `svc show --json` prints them.
JsonValue TicketView(const Ticket& t, const TicketState& st, const Config& config, const Time& now,
                     TicketViewParts parts = {});

// A quote: its request, the itemised lines ({item, detail, amount}), every
// amount, the rates, and the customer's acceptance (null if none; its time
// in `offset_minutes`, the company's).
JsonValue QuoteView(const Quote& q, const std::optional<Step>& accepted, int offset_minutes);

// Parts as the view shows them: [{code, name, qty, unit, supply}].
JsonValue PartsView(const std::vector<Part>& parts);

// "at" (in `offset_minutes`, the company's) and "actor" of a step, or null.
JsonValue StepView(const std::optional<Step>& s, int offset_minutes);

}  // namespace svc
