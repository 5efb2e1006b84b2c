#include "ops/training.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "base/i18n.h"
#include "base/text.h"
#include "model/number.h"
#include "model/training.h"
#include "model/values.h"
#include "ops/record_ops.h"
#include "storage/paths.h"

namespace svc {
namespace {

namespace act = training_action;

Status NoRecord(std::string_view id) {
  return Status::NotFound(TrF("no training record '{}' (see 'svc training list')", id));
}

std::string FileOf(const Store& store, std::string_view id) {
  std::string rel;
  (void)RecordPath(TrainingKind(), id, &rel);
  return store.Abs(rel);
}

// NotAllowed when svc.toml lists [[staff]] and not `name`.
Status CheckStaff(const Config& config, std::string_view field, const std::string& name) {
  if (config.staff.empty() || config.FindStaff(name)) return Status::OK();
  return Status::NotAllowed(TrF("{} '{}' is not listed in svc.toml's [[staff]]", field, name));
}

// A one-line name: not empty, no control characters.
Status CheckName(const std::string& name, std::string_view field) {
  if (Trim(name).empty()) return Status::InvalidField(field, _(" is empty"));
  return CheckText(name, field, false);
}

}  // namespace

Status AddTraining(const Store& store, const TrainingForm& form, const Time& now,
                   const std::string& actor, std::string* id) {
  const Config& config = store.config();
  Date date;
  SVC_RETURN_IF_ERROR(ParseUserDate(form.date, &date).Prefixed("--date"));
  std::string topic(Trim(form.topic));
  if (topic.empty())
    return Status::InvalidField("topic", _(" is empty: say what the training is on"));
  SVC_RETURN_IF_ERROR(CheckText(form.topic, "topic", false));
  SVC_RETURN_IF_ERROR(CheckName(form.trainer, "trainer"));
  if (form.trainees.empty()) {
    return Status::InvalidField("trainees", _(" is missing: name at least one trainee"));
  }
  std::vector<std::string> trainees;
  for (const std::string& t : form.trainees) {
    SVC_RETURN_IF_ERROR(CheckName(t, "trainees"));
    std::string name(Trim(t));
    if (std::find(trainees.begin(), trainees.end(), name) != trainees.end()) {
      return Status::InvalidField("trainees", TrF(" '{}' is named twice", name));
    }
    trainees.push_back(std::move(name));
  }
  SVC_RETURN_IF_ERROR(CheckText(form.assessment, "assessment", false));
  std::vector<std::string> materials;
  for (const std::string& m : form.materials) {
    if (Trim(m).empty()) return Status::InvalidField("materials", _(" must not be empty"));
    SVC_RETURN_IF_ERROR(CheckText(m, "materials", false));
    materials.emplace_back(Trim(m));
  }
  std::string hours;
  if (!form.hours.empty()) SVC_RETURN_IF_ERROR(ParseHours(form.hours, &hours).Prefixed("--hours"));
  SVC_RETURN_IF_ERROR(CheckName(actor, "actor"));
  SVC_RETURN_IF_ERROR(CheckWhen(form.at, now));
  std::string trainer(Trim(form.trainer));
  SVC_RETURN_IF_ERROR(CheckStaff(config, "trainer", trainer));
  for (const std::string& t : trainees) SVC_RETURN_IF_ERROR(CheckStaff(config, "trainee", t));

  std::unique_ptr<FileLock> lock;
  SVC_RETURN_IF_ERROR(store.Lock(&lock));
  std::vector<int> taken;
  SVC_RETURN_IF_ERROR(store.TakenSequences(TrainingKind().folder, config.training_code, date.year,
                                           date.month, &taken));
  DocNumber number;
  SVC_RETURN_IF_ERROR(NextNumber(config.training_code, StartOfDay(date, config.offset_minutes),
                                 taken, config.sequence_width, &number));
  Record r;
  r.kind = &TrainingKind();
  r.Set("id", number.str());
  r.Set("date", date);
  r.Set("topic", topic);
  r.Set("trainer", trainer);
  r.Set("trainees", trainees);
  if (!hours.empty()) r.Set("hours", hours);
  if (!Trim(form.assessment).empty()) r.Set("assessment", std::string(Trim(form.assessment)));
  if (!materials.empty()) r.Set("materials", materials);
  r.Set("at", form.at);
  r.Set("by", actor);
  r.Append(NewEvent(act::kRecord, form.at, now, actor));
  TrainingState check;
  SVC_RETURN_IF_ERROR(FoldTraining(r, std::nullopt, &check));
  SVC_RETURN_IF_ERROR(store.CreateRecord(r));
  *id = number.str();
  return Status::OK();
}

Status AssessTraining(const Store& store, const std::string& id, const std::string& trainee,
                      const std::string& result, const std::string& comment, const Time& at,
                      const Time& now, const std::string& actor) {
  SVC_RETURN_IF_ERROR(CheckName(trainee, "trainee"));
  if (Trim(result).empty()) return Status::InvalidField("result", _(" is empty"));
  SVC_RETURN_IF_ERROR(CheckText(result, "result", false));
  SVC_RETURN_IF_ERROR(CheckText(comment, "comment", true));
  SVC_RETURN_IF_ERROR(CheckName(actor, "actor"));
  SVC_RETURN_IF_ERROR(CheckWhen(at, now));
  Event e = NewEvent(act::kAssess, at, now, actor);
  e.Set("trainee", std::string(Trim(trainee)));
  e.Set("result", std::string(Trim(result)));
  if (!Trim(comment).empty()) e.Set("comment", std::string(Trim(comment)));
  return AppendUnderLock(store, TrainingKind(), id, NoRecord(id), std::move(e));
}

Status NoteTraining(const Store& store, const std::string& id, const std::string& text,
                    const Time& at, const Time& now, const std::string& actor) {
  std::string note(Trim(text));
  if (note.empty()) return Status::InvalidArgument(_("the note is empty"));
  SVC_RETURN_IF_ERROR(CheckText(text, _("the note"), true));
  SVC_RETURN_IF_ERROR(CheckName(actor, "actor"));
  SVC_RETURN_IF_ERROR(CheckWhen(at, now));
  Event e = NewEvent(act::kNote, at, now, actor);
  e.Set("text", note);
  return AppendUnderLock(store, TrainingKind(), id, NoRecord(id), std::move(e));
}

Status LoadTraining(const Store& store, const std::string& id, const std::optional<Time>& as_of,
                    TrainingState* out) {
  Record r;
  Status s = store.LoadRecord(TrainingKind(), id, &r);
  if (s.code() == Status::Code::kInvalidArgument || s.code() == Status::Code::kNotFound) {
    return NoRecord(id);
  }
  SVC_RETURN_IF_ERROR(s);
  s = FoldTraining(r, as_of, out);
  if (!s.ok()) {
    return Status::Corruption(TrF("{}: {} (see 'svc check')", FileOf(store, id), s.message()));
  }
  if (!out->recorded) return NoRecord(id);  // recorded after as_of
  return Status::OK();
}

Status LoadTrainings(const Store& store, const std::optional<Time>& as_of,
                     const std::optional<int>& year, std::vector<TrainingState>* out) {
  std::vector<std::string> ids;
  SVC_RETURN_IF_ERROR(store.ForEachFile(
      [&](const Store::Entry& e) {
        if (e.stray || !e.numbered || !e.rel.ends_with("/" + e.number.str() + ".toml")) {
          return Status::OK();  // stray files are check's
        }
        if (year && e.number.year != *year) return Status::OK();
        ids.push_back(e.number.str());
        return Status::OK();
      },
      TrainingKind().folder));
  out->clear();
  for (const std::string& id : ids) {
    TrainingState t;
    Status s = LoadTraining(store, id, as_of, &t);
    if (s.code() == Status::Code::kNotFound) continue;  // recorded after as_of
    SVC_RETURN_IF_ERROR(s);
    out->push_back(std::move(t));
  }
  std::stable_sort(out->begin(), out->end(), [](const TrainingState& a, const TrainingState& b) {
    if (a.date != b.date) return a.date > b.date;
    return a.id > b.id;
  });
  return Status::OK();
}

JsonValue TrainingJson(const TrainingState& t, int off, bool history) {
  JsonValue o = JsonValue::Object();
  o.Add("number", t.id);
  o.Add("date", FormatDate(t.date));
  o.Add("topic", t.topic);
  o.Add("trainer", t.trainer);
  o.Add("trainees", StringsJson(t.trainees));
  o.Add("hours", JsonValue::OrNull(t.hours));
  o.Add("assessment", JsonValue::OrNull(t.assessment));
  o.Add("materials", StringsJson(t.materials));
  o.Add("recorded", FormatTimeIn(t.at, off));
  o.Add("by", t.by);
  JsonValue results = JsonValue::Array();
  for (const TrainingAssessment& a : t.results) {
    JsonValue j = JsonValue::Object();
    j.Add("trainee", a.trainee);
    j.Add("result", a.result);
    j.Add("comment", JsonValue::OrNull(a.comment));
    j.Add("at", FormatTimeIn(a.at, off));
    j.Add("by", a.by);
    results.Push(std::move(j));
  }
  o.Add("results", std::move(results));
  o.Add("notes", NotesJson(t.notes, off));
  if (!history) return o;
  o.Add("history", EventsJson(t.history, off));
  return o;
}

}  // namespace svc
