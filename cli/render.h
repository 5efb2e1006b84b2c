// Presenting a ticket: the readable text of `svc show` and its --json.
#pragma once

#include <string>

#include "config.h"
#include "state.h"
#include "ticket.h"

namespace svc::cli {

// The ticket as of `now` (events after it are left out).
std::string TicketText(const Ticket& t, const TicketState& st, const Config& config,
                       const Time& now);
std::string TicketJson(const Ticket& t, const TicketState& st, const Time& now);

// "3 yuan"-free text of an event's value, for history lines.
std::string ValueText(const Value& v);

}  // namespace svc::cli
