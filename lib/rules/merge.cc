#include "rules/merge.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "format/ticket_toml.h"
#include "rules/state.h"

namespace svc {
namespace {

// The form: everything but the history.
Ticket Form(const Ticket& t) {
  Ticket f = t;
  f.events.clear();
  return f;
}

// One event as text, for the deterministic tie-break.
std::string Text(const Event& e) {
  Ticket t;
  t.events.push_back(e);
  return WriteTicket(t);
}

}  // namespace

bool EventLess(const Event& a, const Event& b) {
  if (a.at.secs != b.at.secs) return a.at.secs < b.at.secs;
  int64_t ra = a.recorded ? a.recorded->secs : a.at.secs;
  int64_t rb = b.recorded ? b.recorded->secs : b.at.secs;
  if (ra != rb) return ra < rb;
  if (std::tie(a.actor, a.action) != std::tie(b.actor, b.action)) {
    return std::tie(a.actor, a.action) < std::tie(b.actor, b.action);
  }
  return Text(a) < Text(b);
}

Status MergeTickets(const std::optional<Ticket>& base, const Ticket& ours, const Ticket& theirs,
                    const Config& config, MergeOutcome* out) {
  Ticket o = Form(ours), t = Form(theirs);
  Ticket form = o;
  if (!(o == t)) {
    if (base && Form(*base) == o) {
      form = t;
    } else if (base && Form(*base) == t) {
      form = o;
    } else {
      return Status::Conflict(fmt::format(
          "{}: the two versions hold different forms (receipt {} and {}): two clones gave the "
          "same number to different requests, or the form was edited on both sides",
          ours.id, FormatTime(ours.received), FormatTime(theirs.received)));
    }
  }
  MergeOutcome result;
  result.merged = form;
  Status s = MergeHistories(
      ours.id, ours.events, theirs.events,
      [&](size_t* failed) {
        TicketState st;
        return Fold(result.merged, config, std::nullopt, &st, failed);
      },
      &result.merged.events, &result.notes);
  *out = std::move(result);
  return s;
}

Status MergeRecords(const std::optional<Record>& base, const Record& ours, const Record& theirs,
                    const RecordReplay& replay, Record* merged, std::vector<std::string>* notes) {
  std::string id(ours.View("id"));
  Record result = ours;
  if (ours.header != theirs.header) {
    if (base && base->header == ours.header) {
      result.header = theirs.header;
    } else if (!(base && base->header == theirs.header)) {
      return Status::Conflict(fmt::format(
          "{}: the two versions hold different headers: it was edited on both sides", id));
    }
  }
  Status s = MergeHistories(
      id, ours.events, theirs.events, [&](size_t* failed) { return replay(result, failed); },
      &result.events, notes);
  *merged = std::move(result);
  return s;
}

Status MergeHistories(std::string_view id, const std::vector<Event>& ours,
                      const std::vector<Event>& theirs, const Replay& replay,
                      std::vector<Event>* merged, std::vector<std::string>* notes) {
  // The union: both histories are in time order; merging them by EventLess
  // keeps each side's own order for events of the same second (open before
  // classify) and gives the same result whichever side is ours. An event
  // both have — also one side's merge-made amendment of it — is kept once.
  auto plain = [](Event e) {
    std::erase_if(e.fields, [](const auto& f) { return f.first == "amend"; });
    return e;
  };
  std::vector<Event> both;
  std::merge(ours.begin(), ours.end(), theirs.begin(), theirs.end(), std::back_inserter(both),
             EventLess);
  std::vector<Event>& events = *merged;
  events.clear();
  for (Event& e : both) {
    Event p = plain(e);
    auto same = std::find_if(events.begin(), events.end(), [&](const Event& x) {
      return x.at.secs == e.at.secs && plain(x) == p;
    });
    if (same == events.end()) {
      events.push_back(std::move(e));
    } else if (e.Flag("amend") && !same->Flag("amend")) {
      *same = std::move(e);
    }
  }
  // Both sides recorded the same step: the later stands, as an amendment.
  for (size_t tries = 0; tries <= events.size(); ++tries) {
    size_t failed = 0;
    Status s = replay(&failed);
    if (s.ok()) return Status::OK();
    Event& e = events[failed];
    // Only a step recorded twice is resolved by the later one.
    bool twice = false;
    for (size_t i = 0; i < failed; ++i) {
      const Event& x = events[i];
      twice = twice || (x.action == e.action && x.Str("record") == e.Str("record"));
    }
    if (!IsAmendable(e.action) || e.Flag("amend") || !twice) {
      return Status::Conflict(fmt::format("the merged history does not replay: {}", s.message()));
    }
    e.Set("amend", true);
    notes->push_back(
        fmt::format("{}: both sides recorded '{}'{}; the later one ({} by {}) stands, "
                    "both are kept",
                    id, e.action, e.Str("record").empty() ? "" : " of " + e.Str("record"),
                    FormatTime(e.at), e.actor));
  }
  return Status::Conflict("the merged history does not replay");
}

}  // namespace svc
