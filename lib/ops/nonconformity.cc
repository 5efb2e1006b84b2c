#include "ops/nonconformity.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "base/i18n.h"
#include "base/text.h"
#include "format/record_toml.h"
#include "model/nonconformity.h"
#include "model/number.h"
#include "model/values.h"
#include "model/vocabulary.h"
#include "ops/record_ops.h"
#include "rules/state.h"
#include "storage/paths.h"

namespace svc {
namespace {

namespace act = nc_action;

Status NoReport(std::string_view id) {
  return Status::NotFound(TrF("no nonconformity report '{}' (see 'svc nonconformity list')", id));
}

std::string FileOf(const Store& store, std::string_view id) {
  std::string rel;
  (void)RecordPath(NonconformityKind(), id, &rel);
  return store.Abs(rel);
}

// Every report file's number, in number order (stray files are check's);
// with `until`, only those of its month and before.
Status ReportNumbers(const Store& store, const std::optional<Date>& until,
                     std::vector<std::string>* out) {
  return store.ForEachFile(
      [&](const Store::Entry& e) {
        if (e.stray || !e.numbered || !e.rel.ends_with("/" + e.number.str() + ".toml")) {
          return Status::OK();
        }
        if (until && e.number.year * 12 + e.number.month > until->year * 12 + until->month) {
          return Status::OK();
        }
        out->push_back(e.number.str());
        return Status::OK();
      },
      NonconformityKind().folder);
}

}  // namespace

Status ParseNonconformingPart(std::string_view text, Part* out) {
  if (Split(text, ':').size() != 2) {
    return Status::InvalidField("parts",
                                TrF(" '{}': write NAME:QTY (the part and how many failed)", text));
  }
  return ParsePart(text, {}, "", out);
}

Status FileNonconformity(const Store& store, const NonconformityForm& form, const Time& now,
                         const std::string& actor, std::string* id) {
  if (Trim(form.ticket).empty()) return Status::InvalidField("ticket", _(" is empty"));
  DocNumber ticket_no;
  SVC_RETURN_IF_ERROR(ParseDocNumber(form.ticket, &ticket_no));
  SVC_RETURN_IF_ERROR(CheckText(form.record, "record", false));
  if (form.parts.empty()) {
    return Status::InvalidField("parts", _(" is missing: name at least one part (NAME:QTY)"));
  }
  std::vector<Part> parts;
  for (const std::string& text : form.parts) {
    Part p;
    SVC_RETURN_IF_ERROR(ParseNonconformingPart(text, &p));
    parts.push_back(std::move(p));
  }
  if (Trim(form.description).empty()) {
    return Status::InvalidField("description", _(" is empty: say what is wrong with the parts"));
  }
  SVC_RETURN_IF_ERROR(CheckText(form.description, "description", true));
  SVC_RETURN_IF_ERROR(CheckText(actor, "actor", false));
  if (Trim(actor).empty()) return Status::InvalidField("actor", _(" is empty"));
  SVC_RETURN_IF_ERROR(CheckWhen(form.at, now));
  const Config& config = store.config();
  std::unique_ptr<FileLock> lock;
  SVC_RETURN_IF_ERROR(store.Lock(&lock));
  Ticket t;
  SVC_RETURN_IF_ERROR(store.Load(form.ticket, &t));
  TicketState st;
  Status s = Fold(t, config, std::nullopt, &st);
  if (!s.ok()) {
    return Status::Corruption(TrF("{} (its history is not valid; see 'svc check')", s.message()));
  }
  if (st.voided) {
    return Status::NotAllowed(TrF("{} is void: a void ticket takes no nonconformity report", t.id));
  }
  if (st.opened && form.at.secs < st.opened->at.secs) {
    return Status::NotAllowed(TrF("{} was not yet opened at {} (opened {})", t.id,
                                  FormatTimeIn(form.at, config.offset_minutes),
                                  FormatTimeIn(st.opened->at, config.offset_minutes)));
  }
  std::string record = form.record;
  if (!record.empty()) {
    auto it = std::find_if(st.records.begin(), st.records.end(),
                           [&](const OutboundRecord& o) { return o.number == record; });
    if (it == st.records.end()) {
      std::vector<std::string> numbers;
      for (const OutboundRecord& o : st.records) numbers.push_back(o.number);
      return Status::NotAllowed(TrF("{} has no outbound record {} ({})", t.id, record,
                                    numbers.empty()
                                        ? std::string(_("it has none"))
                                        : TrF("its records: {}", fmt::join(numbers, ", "))));
    }
  } else {
    // The latest record that had brought parts back by the filing.
    for (const OutboundRecord& o : st.records) {
      if (!o.returned.empty() && o.back && o.back->at.secs <= form.at.secs) record = o.number;
    }
  }
  Ticket shown = CorrectedForm(t, st);
  Date day = LocalDate(InOffset(form.at, config.offset_minutes));
  std::vector<int> taken;
  SVC_RETURN_IF_ERROR(store.TakenSequences(NonconformityKind().folder, config.nonconformity_code,
                                           day.year, day.month, &taken));
  DocNumber number;
  SVC_RETURN_IF_ERROR(NextNumber(config.nonconformity_code,
                                 InOffset(form.at, config.offset_minutes), taken,
                                 config.sequence_width, &number));
  Record r;
  r.kind = &NonconformityKind();
  r.Set("id", number.str());
  r.Set("at", form.at);
  r.Set("by", actor);
  r.Set("ticket", t.id);
  if (!record.empty()) r.Set("record", record);
  r.Set("parts", parts);
  r.Set("description", form.description);
  if (!shown.customer.code.empty()) r.Set("customer.code", shown.customer.code);
  if (!shown.customer.name.empty()) r.Set("customer.name", shown.customer.name);
  if (!shown.equipment.product.empty()) r.Set("equipment.product", shown.equipment.product);
  if (!shown.equipment.model.empty()) r.Set("equipment.model", shown.equipment.model);
  if (!shown.equipment.serial.empty()) r.Set("equipment.serial", shown.equipment.serial);
  r.Append(NewEvent(act::kFile, form.at, now, actor));
  NonconformityState check;
  SVC_RETURN_IF_ERROR(FoldNonconformity(r, std::nullopt, &check));
  SVC_RETURN_IF_ERROR(store.CreateRecord(r));
  *id = number.str();
  return Status::OK();
}

Status FileCorrectiveAction(const Store& store, const std::string& id,
                            const CorrectiveActionForm& form, const Time& at, const Time& now,
                            const std::string& actor) {
  std::string text(Trim(form.text));
  if (text.empty()) return Status::InvalidArgument(_("the corrective action is empty"));
  SVC_RETURN_IF_ERROR(CheckText(form.text, _("the corrective action"), true));
  if (form.amend) {
    if (Trim(form.reason).empty()) {
      return Status::InvalidField("reason",
                                  _(" is required: say why the corrective action is corrected"));
    }
    SVC_RETURN_IF_ERROR(CheckText(form.reason, "reason", true));
  }
  SVC_RETURN_IF_ERROR(CheckText(actor, "actor", false));
  SVC_RETURN_IF_ERROR(CheckWhen(at, now));
  Event e = NewEvent(act::kAction, at, now, actor);
  e.Set("text", text);
  if (form.amend) {
    e.Set("amend", true);
    e.Set("reason", form.reason);
  }
  return AppendUnderLock(store, NonconformityKind(), id, NoReport(id), std::move(e));
}

Status CloseNonconformity(const Store& store, const std::string& id, const std::string& disposition,
                          const std::string& comment, const Time& at, const Time& now,
                          const std::string& actor) {
  const Word* d = Dispositions().Parse(Trim(disposition));
  if (!d) {
    return Status::InvalidField("disposition",
                                TrF(" '{}' is no disposition (one of {})", disposition,
                                    fmt::join(Dispositions().Typed(), ", ")));
  }
  SVC_RETURN_IF_ERROR(CheckText(comment, "comment", true));
  SVC_RETURN_IF_ERROR(CheckText(actor, "actor", false));
  SVC_RETURN_IF_ERROR(CheckWhen(at, now));
  Event e = NewEvent(act::kDispose, at, now, actor);
  e.Set("disposition", std::string(d->stored));
  if (!Trim(comment).empty()) e.Set("comment", std::string(Trim(comment)));
  return AppendUnderLock(store, NonconformityKind(), id, NoReport(id), std::move(e));
}

Status NoteNonconformity(const Store& store, const std::string& id, const std::string& text,
                         const Time& at, const Time& now, const std::string& actor) {
  std::string note(Trim(text));
  if (note.empty()) return Status::InvalidArgument(_("the note is empty"));
  SVC_RETURN_IF_ERROR(CheckText(text, _("the note"), true));
  SVC_RETURN_IF_ERROR(CheckText(actor, "actor", false));
  SVC_RETURN_IF_ERROR(CheckWhen(at, now));
  Event e = NewEvent(act::kNote, at, now, actor);
  e.Set("text", note);
  return AppendUnderLock(store, NonconformityKind(), id, NoReport(id), std::move(e));
}

Status LoadNonconformity(const Store& store, const std::string& id,
                         const std::optional<Time>& as_of, NonconformityState* out) {
  Record r;
  Status s = store.LoadRecord(NonconformityKind(), id, &r);
  if (s.code() == Status::Code::kInvalidArgument || s.code() == Status::Code::kNotFound) {
    return NoReport(id);
  }
  SVC_RETURN_IF_ERROR(s);
  s = FoldNonconformity(r, as_of, out);
  if (!s.ok()) {
    return Status::Corruption(TrF("{}: {} (see 'svc check')", FileOf(store, id), s.message()));
  }
  if (!out->filed) return NoReport(id);  // filed after as_of
  return Status::OK();
}

Status LoadNonconformities(const Store& store, const std::optional<Time>& as_of,
                           std::vector<NonconformityState>* out, const std::optional<Time>& until) {
  std::optional<Date> last;
  if (until) last = LocalDate(InOffset(*until, store.config().offset_minutes));
  std::vector<std::string> ids;
  SVC_RETURN_IF_ERROR(ReportNumbers(store, last, &ids));
  out->clear();
  for (const std::string& id : ids) {
    NonconformityState n;
    Status s = LoadNonconformity(store, id, as_of, &n);
    if (s.code() == Status::Code::kNotFound) continue;  // filed after as_of
    SVC_RETURN_IF_ERROR(s);
    out->push_back(std::move(n));
  }
  return Status::OK();
}

void SortNonconformities(std::vector<NonconformityState>* list) {
  std::stable_sort(list->begin(), list->end(),
                   [](const NonconformityState& a, const NonconformityState& b) {
                     if (a.closed.has_value() != b.closed.has_value()) return !a.closed;
                     if (a.at.secs != b.at.secs) return a.at.secs > b.at.secs;
                     return a.id > b.id;
                   });
}

JsonValue NonconformityJson(const NonconformityState& n, int off, bool history) {
  JsonValue o = JsonValue::Object();
  o.Add("number", n.id);
  o.Add("ticket", n.ticket);
  o.Add("record", JsonValue::OrNull(n.record));
  o.Add("customer_code", JsonValue::OrNull(n.customer_code));
  o.Add("customer", JsonValue::OrNull(n.customer));
  o.Add("product", JsonValue::OrNull(n.product));
  o.Add("model", JsonValue::OrNull(n.model));
  o.Add("serial", JsonValue::OrNull(n.serial));
  o.Add("filed", FormatTimeIn(n.at, off));
  o.Add("by", n.by);
  JsonValue parts = JsonValue::Array();
  for (const Part& p : n.parts) {
    JsonValue j = JsonValue::Object();
    j.Add("name", p.name);
    j.Add("qty", p.qty);
    parts.Push(std::move(j));
  }
  o.Add("parts", std::move(parts));
  o.Add("description", n.description);
  o.Add("status", NonconformityStatus(n));
  o.Add("action", n.action ? JsonValue(n.action->text) : JsonValue());
  o.Add("action_at", n.action ? JsonValue(FormatTimeIn(n.action->at, off)) : JsonValue());
  o.Add("action_by", n.action ? JsonValue(n.action->by) : JsonValue());
  o.Add("amendments", n.action ? n.action->amendments : 0);
  o.Add("disposition", n.closed ? JsonValue(n.closed->disposition) : JsonValue());
  o.Add("closed", n.closed ? JsonValue(FormatTimeIn(n.closed->at, off)) : JsonValue());
  o.Add("closed_by", n.closed ? JsonValue(n.closed->by) : JsonValue());
  o.Add("comment", n.closed ? JsonValue::OrNull(n.closed->comment) : JsonValue());
  o.Add("notes", NotesJson(n.notes, off));
  if (!history) return o;
  o.Add("history", EventsJson(n.history, off));
  return o;
}

}  // namespace svc
