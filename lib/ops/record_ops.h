// What the commands of every record kind but the ticket share — customers
// (ops/customers.h), visits (ops/visits.h), the annual plan
// (ops/annual_plan.h): the event an action appends, the check that it is
// not dated after now, and a history as `show --json` gives it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "base/timepoint.h"
#include "model/record.h"
#include "model/ticket.h"
#include "storage/store.h"

namespace svc {

// InvalidField("at") when `at` is later than `now`.
Status CheckWhen(const Time& at, const Time& now);

// The event of `action` at `at` by `actor`, with `recorded = now` when it
// is entered later than it happened.
Event NewEvent(std::string_view action, const Time& at, const Time& now, const std::string& actor);

// When a record was made: its header's `at`, else its first event's.
Time MadeAt(const Record& r);
// Whether `a` was made before `b` (MadeAt; at the same second, by their
// canonical bytes): which of two records under one number keeps it (the
// merge driver's set-aside and svc renumber decide alike).
bool MadeBefore(const Record& a, const Record& b);

// Reads record `id` of `kind` and replays its history (ReplayRecord, the
// kind's fold): `missing` when there is no such record or `id` is no number
// of the kind; Corruption naming the file ("… (see 'svc check')") when the
// history does not replay.
Status LoadReplayed(const Store& store, const RecordKind& kind, const std::string& id,
                    const Status& missing, Record* out);

// One event added to record `id` of `kind`: under the store lock the record
// is read (LoadReplayed), `e` appended in time order, the history replayed
// (the fold refuses what the kind's rules do not allow) and the file saved
// atomically.
Status AppendUnderLock(const Store& store, const RecordKind& kind, const std::string& id,
                       const Status& missing, Event e);

JsonValue StringsJson(const std::vector<std::string>& list);

// Each event as an object: at, recorded (if entered later), actor, action,
// then its fields — lists as arrays, flags as booleans, the rest as
// ValueText gives them; times in `offset_minutes`.
JsonValue EventsJson(const std::vector<Event>& events, int offset_minutes);
// Each note as {at, actor, text}.
JsonValue NotesJson(const std::vector<Event>& notes, int offset_minutes);

}  // namespace svc
