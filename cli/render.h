// Presenting a ticket: the readable text of `svc show` and its --json.
#pragma once

#include <string>
#include <vector>

#include "model/config.h"
#include "model/ticket.h"
#include "rules/fees.h"
#include "rules/state.h"

namespace svc::cli {

// The ticket as of `now` (events after it are left out); the JSON is
// ops/ticket_view.h's TicketView written out.
std::string TicketText(const Ticket& t, const TicketState& st, const Config& config,
                       const Time& now);
std::string TicketJson(const Ticket& t, const TicketState& st, const Config& config,
                       const Time& now);

// A duration to the minute, for people: "2h5m"; past a day "6d23h9m".
std::string Minutes(int64_t secs);

// "history" and one line per event — time, actor, action, key=value … — as
// the record kinds' `show` prints it (customers, visits, nonconformities).
std::string HistoryText(const std::vector<Event>& history, int offset_minutes);

// The quote itemised for people (its JSON is ops/ticket_view.h's QuoteView).
std::string QuoteText(const Quote& q, const std::string& id);

}  // namespace svc::cli
