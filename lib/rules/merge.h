// Merge: the three-way merge of one ticket file, for git's merge driver
// (`svc merge-driver %O %A %B %P`, registered by `svc init` / `svc git-setup`).
//
// A ticket is its form plus an append-only history, so two clones' versions
// merge by taking the union of their events, in time order (ties broken
// deterministically, identical events kept once): no event is ever lost. The
// form is taken from the side that changed it; both changing it differently
// is a conflict. When both sides recorded the same step (both closed it, both
// ran the survey, both marked the same arrival), the later event stands and
// is marked `amend = true`; both stay in history and the merge reports it.
// A history that still does not replay is a conflict git shows.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/config.h"
#include "model/record.h"
#include "model/ticket.h"

namespace svc {

struct MergeOutcome {
  Ticket merged;
  std::vector<std::string> notes;  // what the merge decided, for people
};

// Conflict when the forms differ on both sides (e.g. two clones gave the same
// number to two different requests) or the merged history does not replay;
// in the latter case out->merged still holds every event of both sides.
Status MergeTickets(const std::optional<Ticket>& base, const Ticket& ours, const Ticket& theirs,
                    const Config& config, MergeOutcome* out);

// Replays the merged history as it now stands (the kind's fold); on a
// refusal sets *failed to the refused event's index. Between two calls the
// merge changes only the refused event (it marks it amended), so a replay
// may go on from that event rather than start over (ResumableFold).
using Replay = std::function<Status(size_t* failed)>;

// The history half of every kind's merge (model/record.h): the union of
// `ours` and `theirs` into *merged in time order (each event once), then
// replayed; a step both sides recorded (kind.Amendable) is resolved by marking
// the later `amend = true`, noted in *notes as "<id>: both sides recorded …".
// Conflict when the history still does not replay; *merged then holds every
// event of both sides. Costs n log n in the events of both sides (issue 16):
// duplicates are found by hash, and each refusal is a later event than the
// one before, so with a replay that goes on (ResumableFold) every event is
// folded once, an amended one twice.
Status MergeHistories(const RecordKind& kind, std::string_view id, const std::vector<Event>& ours,
                      const std::vector<Event>& theirs, const Replay& replay,
                      std::vector<Event>* merged, std::vector<std::string>* notes);

// A record of any kind (model/record.h): the header from the side that
// changed it (both changing it differently is a conflict), the history by
// MergeHistories with the kind's fold as `replay`.
using RecordReplay = std::function<Status(const Record& r, size_t* failed)>;
Status MergeRecords(const std::optional<Record>& base, const Record& ours, const Record& theirs,
                    const RecordReplay& replay, Record* merged, std::vector<std::string>* notes);

// Deterministic order of events: by time, then recorded time, actor, action
// and the rest of the event.
bool EventLess(const Event& a, const Event& b);

}  // namespace svc
