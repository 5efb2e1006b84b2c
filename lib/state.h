// State: a ticket's current state, derived by folding its events in time
// order. Nothing here is stored; the fold is also the state machine: an
// event the state does not allow makes the fold fail with the reason, so a
// command validates a new event by folding the history with it inserted,
// and `svc check` validates a file (also one produced by a merge) the same way.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "config.h"
#include "status.h"
#include "ticket.h"

namespace svc {

enum class TicketStatus { kNew, kOpen, kClosed, kVoid };
std::string_view StatusName(TicketStatus s);
// "new", "open", "closed", "void"; false if unknown.
bool ParseStatusName(std::string_view name, TicketStatus* out);

struct TicketState {
  TicketStatus status = TicketStatus::kNew;
  std::optional<Time> opened;  // the info form filled (open event)
  int level = 0;               // Table 2 fault level; 0 = not judged yet
  std::string route;           // department code the ticket is routed to
  std::optional<Time> voided;
  std::string void_reason;
  int notes = 0;
};

// Folds the events of `t` with at <= as_of (all when as_of is empty).
// Fails with NotAllowed naming the first event the state does not allow.
Status Fold(const Ticket& t, const Config& config, const std::optional<Time>& as_of,
            TicketState* out);

}  // namespace svc
