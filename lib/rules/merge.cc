#include "rules/merge.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "base/i18n.h"
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

// Whether `a` and `b` are one event, an `amend` flag aside.
bool SamePlain(const Event& a, const Event& b) {
  if (!(a.at == b.at && a.recorded == b.recorded && a.actor == b.actor && a.action == b.action)) {
    return false;
  }
  auto amend = [](const auto& f) { return f.first == "amend"; };
  auto i = a.fields.begin(), j = b.fields.begin();
  while (true) {
    while (i != a.fields.end() && amend(*i)) ++i;
    while (j != b.fields.end() && amend(*j)) ++j;
    if (i == a.fields.end() || j == b.fields.end()) {
      return i == a.fields.end() && j == b.fields.end();
    }
    if (!(*i == *j)) return false;
    ++i, ++j;
  }
}

// A hash of the event, an `amend` flag aside: equal for SamePlain events.
size_t PlainHash(const Event& e) {
  size_t h = std::hash<int64_t>()(e.at.secs);
  auto mix = [&h](size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
  if (e.recorded) mix(std::hash<int64_t>()(e.recorded->secs));
  mix(std::hash<std::string>()(e.actor));
  mix(std::hash<std::string>()(e.action));
  for (const auto& [key, value] : e.fields) {
    if (key == "amend") continue;
    mix(std::hash<std::string>()(key));
    const std::string* text = std::get_if<std::string>(&value);
    mix(text ? std::hash<std::string>()(*text) : value.index());
  }
  return h;
}

// The step an amendable event records: its action and outbound record.
std::string StepKey(const Event& e) {
  return fmt::format("{}:{}{}", e.action.size(), e.action, e.View("record"));
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
      return Status::Conflict(
          TrF("{}: the two versions hold different forms (receipt {} and {}): two clones gave the "
              "same number to different requests, or the form was edited on both sides",
              ours.id, FormatTime(ours.received), FormatTime(theirs.received)));
    }
  }
  MergeOutcome result;
  result.merged = form;
  // One fold of the merged history, resumed at each step recorded twice.
  ResumableFold fold(result.merged, config);
  Status s = MergeHistories(
      TicketKind(), ours.id, ours.events, theirs.events,
      [&](size_t* failed) { return fold.Run(failed); }, &result.merged.events, &result.notes);
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
      return Status::Conflict(
          TrF("{}: the two versions hold different headers: it was edited on both sides", id));
    }
  }
  Status s = MergeHistories(
      *ours.kind, id, ours.events, theirs.events,
      [&](size_t* failed) { return replay(result, failed); }, &result.events, notes);
  *merged = std::move(result);
  return s;
}

Status MergeHistories(const RecordKind& kind, std::string_view id, const std::vector<Event>& ours,
                      const std::vector<Event>& theirs, const Replay& replay,
                      std::vector<Event>* merged, std::vector<std::string>* notes) {
  // The union: both histories are in time order; merging them by EventLess
  // keeps each side's own order for events of the same second (open before
  // classify) and gives the same result whichever side is ours. An event
  // both have — also one side's merge-made amendment of it — is kept once:
  // found by its hash among those kept, so n events cost n look-ups.
  std::vector<Event> both;
  both.reserve(ours.size() + theirs.size());
  std::merge(ours.begin(), ours.end(), theirs.begin(), theirs.end(), std::back_inserter(both),
             EventLess);
  std::vector<Event>& events = *merged;
  events.clear();
  events.reserve(both.size());
  std::unordered_multimap<size_t, size_t> kept;  // PlainHash -> index in events
  kept.reserve(both.size());
  for (Event& e : both) {
    size_t h = PlainHash(e);
    Event* same = nullptr;
    for (auto [it, end] = kept.equal_range(h); it != end && !same; ++it) {
      if (SamePlain(events[it->second], e)) same = &events[it->second];
    }
    if (!same) {
      kept.emplace(h, events.size());
      events.push_back(std::move(e));
    } else if (e.Flag("amend") && !same->Flag("amend")) {
      *same = std::move(e);
    }
  }
  // Both sides recorded the same step: the later stands, as an amendment.
  // Each refusal is at a later event than the one before (the events before
  // it replayed, and an amended event refused again ends the merge), so the
  // steps recorded before it are gathered once, as the refusals move on.
  std::unordered_set<std::string> steps;  // StepKey of the amendable events before `scanned`
  size_t scanned = 0;
  for (size_t tries = 0; tries <= events.size(); ++tries) {
    size_t failed = 0;
    Status s = replay(&failed);
    if (s.ok()) return Status::OK();
    Event& e = events[failed];
    if (failed < scanned) steps.clear(), scanned = 0;  // a replay that went back: gather again
    for (; scanned < failed; ++scanned) {
      if (kind.Amendable(events[scanned].action)) steps.insert(StepKey(events[scanned]));
    }
    // Only a step recorded twice is resolved by the later one.
    if (!kind.Amendable(e.action) || e.Flag("amend") || !steps.contains(StepKey(e))) {
      return Status::Conflict(TrF("the merged history does not replay: {}", s.message()));
    }
    e.Set("amend", true);
    notes->push_back(
        e.Str("record").empty()
            ? TrF("{}: both sides recorded '{}'; the later one ({} by {}) stands, both are kept",
                  id, e.action, FormatTime(e.at), e.actor)
            : TrF("{}: both sides recorded '{}' of {}; the later one ({} by {}) stands, both are "
                  "kept",
                  id, e.action, e.Str("record"), FormatTime(e.at), e.actor));
  }
  return Status::Conflict(_("the merged history does not replay"));
}

}  // namespace svc
