// Presenting a ticket: the readable text of `svc show` and its --json.
#pragma once

#include <optional>
#include <string>

#include "base/json.h"
#include "rules/fees.h"

#include "model/config.h"
#include "model/ticket.h"
#include "rules/state.h"

namespace svc::cli {

// The ticket as of `now` (events after it are left out).
std::string TicketText(const Ticket& t, const TicketState& st, const Config& config,
                       const Time& now);
std::string TicketJson(const Ticket& t, const TicketState& st, const Config& config,
                       const Time& now);

// A duration to the minute, for people: "2h5m".
std::string Minutes(int64_t secs);

// The quote itemised for people, and as JSON (every amount a decimal string).
std::string QuoteText(const Quote& q, const std::string& id);
void QuoteJson(JsonWriter& w, const Quote& q, const std::optional<Step>& accepted);

}  // namespace svc::cli
