#include "ops/record_ops.h"

#include <fmt/format.h>

#include <variant>

#include "base/i18n.h"
#include "format/record_toml.h"
#include "rules/state.h"
#include "storage/paths.h"

namespace svc {

Status CheckWhen(const Time& at, const Time& now) {
  if (at.secs > now.secs) {
    return Status::InvalidField("at",
                                TrF(" {} is later than now ({})", FormatTime(at), FormatTime(now)));
  }
  return Status::OK();
}

Event NewEvent(std::string_view action, const Time& at, const Time& now, const std::string& actor) {
  Event e;
  e.at = at;
  if (at.secs != now.secs) e.recorded = now;  // entered later than it happened
  e.actor = actor;
  e.action = std::string(action);
  return e;
}

Time MadeAt(const Record& r) {
  if (const Value* v = r.Find("at"); v && std::holds_alternative<Time>(*v)) {
    return std::get<Time>(*v);
  }
  return r.events.empty() ? Time{} : r.events.front().at;
}

bool MadeBefore(const Record& a, const Record& b) {
  int64_t x = MadeAt(a).secs, y = MadeAt(b).secs;
  return x != y ? x < y : WriteRecord(a) < WriteRecord(b);
}

Status LoadReplayed(const Store& store, const RecordKind& kind, const std::string& id,
                    const Status& missing, Record* out) {
  Status s = store.LoadRecord(kind, id, out);
  if (s.code() == Status::Code::kInvalidArgument || s.code() == Status::Code::kNotFound) {
    return missing;
  }
  SVC_RETURN_IF_ERROR(s);
  s = ReplayRecord(*out, store.config());
  if (!s.ok()) {
    std::string rel;
    (void)RecordPath(kind, id, &rel);
    return Status::Corruption(TrF("{}: {} (see 'svc check')", store.Abs(rel), s.message()));
  }
  return Status::OK();
}

Status AppendUnderLock(const Store& store, const RecordKind& kind, const std::string& id,
                       const Status& missing, Event e) {
  std::unique_ptr<FileLock> lock;
  SVC_RETURN_IF_ERROR(store.Lock(&lock));
  Record r;
  SVC_RETURN_IF_ERROR(LoadReplayed(store, kind, id, missing, &r));
  r.Append(std::move(e));
  SVC_RETURN_IF_ERROR(ReplayRecord(r, store.config()));
  return store.SaveRecord(r);
}

JsonValue StringsJson(const std::vector<std::string>& list) {
  JsonValue a = JsonValue::Array();
  for (const std::string& s : list) a.Push(JsonValue(s));
  return a;
}

JsonValue EventsJson(const std::vector<Event>& events, int offset_minutes) {
  JsonValue out = JsonValue::Array();
  for (const Event& e : events) {
    JsonValue h = JsonValue::Object();
    h.Add("at", FormatTimeIn(e.at, offset_minutes));
    if (e.recorded) h.Add("recorded", FormatTimeIn(*e.recorded, offset_minutes));
    h.Add("actor", e.actor);
    h.Add("action", e.action);
    for (const auto& [key, value] : e.fields) {
      if (const auto* l = std::get_if<std::vector<std::string>>(&value)) {
        h.Add(key, StringsJson(*l));
      } else if (const auto* b = std::get_if<bool>(&value)) {
        h.Add(key, *b);
      } else {
        h.Add(key, ValueText(value));
      }
    }
    out.Push(std::move(h));
  }
  return out;
}

JsonValue NotesJson(const std::vector<Event>& notes, int offset_minutes) {
  JsonValue out = JsonValue::Array();
  for (const Event& e : notes) {
    JsonValue n = JsonValue::Object();
    n.Add("at", FormatTimeIn(e.at, offset_minutes));
    n.Add("actor", e.actor);
    n.Add("text", e.Str("text"));
    out.Push(std::move(n));
  }
  return out;
}

}  // namespace svc
