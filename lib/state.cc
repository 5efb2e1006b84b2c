#include "state.h"

#include <fmt/format.h>

namespace svc {
namespace {

constexpr std::string_view kStatusNames[] = {"new", "open", "closed", "void"};

Status Apply(const Event& e, TicketState* s) {
  if (s->status == TicketStatus::kVoid && e.action != "note") {
    return Status::NotAllowed(fmt::format("the ticket was voided at {}; '{}' is not allowed",
                                          FormatTime(*s->voided), e.action));
  }
  if (e.action == "open") {
    if (s->opened) return Status::NotAllowed("the ticket was already opened");
    s->opened = e.at;
    s->level = static_cast<int>(e.Int("level"));
  } else if (!s->opened) {
    return Status::NotAllowed(
        fmt::format("'{}' at {} comes before the ticket was opened", e.action, FormatTime(e.at)));
  } else if (e.action == "note") {
    ++s->notes;
  } else if (e.action == "void") {
    s->status = TicketStatus::kVoid;
    s->voided = e.at;
    s->void_reason = e.Str("reason");
  }
  return Status::OK();
}

}  // namespace

std::string_view StatusName(TicketStatus s) { return kStatusNames[static_cast<int>(s)]; }

bool ParseStatusName(std::string_view name, TicketStatus* out) {
  for (int i = 0; i < 4; ++i) {
    if (kStatusNames[i] == name) {
      *out = static_cast<TicketStatus>(i);
      return true;
    }
  }
  return false;
}

Status Fold(const Ticket& t, const Config& config, const std::optional<Time>& as_of,
            TicketState* out) {
  (void)config;
  TicketState s;
  for (const Event& e : t.events) {
    if (as_of && e.at.secs > as_of->secs) break;
    Status st = Apply(e, &s);
    if (!st.ok()) return st;
  }
  *out = std::move(s);
  return Status::OK();
}

}  // namespace svc
