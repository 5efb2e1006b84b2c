#include "ops/visits.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "base/i18n.h"
#include "base/text.h"
#include "format/record_toml.h"
#include "model/customer.h"
#include "model/values.h"
#include "model/visit.h"
#include "ops/customers.h"
#include "ops/record_ops.h"
#include "storage/paths.h"

namespace svc {
namespace {

namespace act = visit_action;

Status NoVisit(std::string_view id) {
  return Status::NotFound(TrF("no visit '{}' (see 'svc visit list')", id));
}

// One line of text a user gave for `field`: readable, and not blank when `required`.
Status CheckLine(std::string_view field, std::string_view text, bool required) {
  if (required && Trim(text).empty()) return Status::InvalidField(field, _(" is empty"));
  return CheckText(text, field, false);
}

// The list without repeats, in the order given.
std::vector<std::string> Unique(const std::vector<std::string>& list) {
  std::vector<std::string> out;
  for (const std::string& s : list) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  return out;
}

std::string FileOf(const Store& store, std::string_view id) {
  std::string rel;
  (void)RecordPath(VisitKind(), id, &rel);
  return store.Abs(rel);
}

// Whether a clock is due or overdue as of `now` under `filter`; counts it and adds it.
void AddIfDue(const Clock& c, const std::string& id, const std::string& customer,
              const DueFilter& filter, const Time& now, DueList* out, DueSummary* summary) {
  if (!filter.clock.empty() && c.name != filter.clock) return;
  ClockState state = StateAt(c, now);
  bool overdue = state == ClockState::kOverdue;
  bool due = state == ClockState::kRunning && filter.warn.secs > 0 &&
             c.deadline.secs - now.secs <= filter.warn.secs;
  if (!overdue && !due) return;
  ++(overdue ? summary->overdue : summary->due);
  Clock found = c;
  found.state = state;
  out->Add(DueClock{id, std::move(found), overdue, "", "", customer, 0});
}

// Every visit file's number, in number order (stray files are check's).
Status VisitNumbers(const Store& store, std::vector<std::string>* out) {
  return store.ForEachFile(
      [&](const Store::Entry& e) {
        if (!e.stray && e.numbered && e.rel.ends_with("/" + e.number.str() + ".toml")) {
          out->push_back(e.number.str());
        }
        return Status::OK();
      },
      VisitKind().folder);
}

}  // namespace

Status LoadVisit(const Store& store, const std::string& id, const std::optional<Time>& as_of,
                 VisitState* out) {
  Record r;
  Status s = store.LoadRecord(VisitKind(), id, &r);
  if (s.code() == Status::Code::kInvalidArgument || s.code() == Status::Code::kNotFound) {
    return NoVisit(id);
  }
  SVC_RETURN_IF_ERROR(s);
  s = FoldVisit(r, as_of, out);
  if (!s.ok()) {
    return Status::Corruption(TrF("{}: {} (see 'svc check')", FileOf(store, id), s.message()));
  }
  return Status::OK();
}

Status LoadVisits(const Store& store, const std::optional<Time>& as_of,
                  std::vector<VisitState>* out) {
  std::vector<std::string> ids;
  SVC_RETURN_IF_ERROR(VisitNumbers(store, &ids));
  out->clear();
  for (const std::string& id : ids) {
    VisitState v;
    SVC_RETURN_IF_ERROR(LoadVisit(store, id, as_of, &v));
    if (v.recorded) out->push_back(std::move(v));
  }
  return Status::OK();
}

Status RecordVisit(const Store& store, const VisitForm& form, const Time& now,
                   const std::string& actor, std::string* id) {
  SVC_RETURN_IF_ERROR(CheckLine("customer", form.customer, true));
  if (form.by.empty()) return Status::InvalidField("by", _(" is empty: who made the visit"));
  for (const std::string& b : form.by) SVC_RETURN_IF_ERROR(CheckLine("by", b, true));
  SVC_RETURN_IF_ERROR(CheckText(form.findings, "findings", true));
  SVC_RETURN_IF_ERROR(CheckText(form.requests, "requests", true));
  for (const std::string& s : form.serials) SVC_RETURN_IF_ERROR(CheckLine("serial", s, true));
  SVC_RETURN_IF_ERROR(CheckText(actor, "actor", false));
  SVC_RETURN_IF_ERROR(CheckWhen(form.at, now));
  const Config& config = store.config();
  std::unique_ptr<FileLock> lock;
  SVC_RETURN_IF_ERROR(store.Lock(&lock));
  CustomerState current;
  SVC_RETURN_IF_ERROR(LoadCustomer(store, form.customer, std::nullopt, &current));
  for (const std::string& serial : form.serials) {
    if (!current.FindUnit(serial)) {
      return Status::NotAllowed(
          TrF("no unit with the serial number '{}' is registered to {} (see 'svc equipment list "
              "--customer {}')",
              serial, current.code, current.code));
    }
  }
  // The customer's name as at the visit: its history up to the visit's time
  // (whenever each event was entered); its current name if the file was
  // opened after the visit.
  std::string name = current.name;
  Record file;
  SVC_RETURN_IF_ERROR(store.LoadRecord(CustomerKind(), current.code, &file));
  std::erase_if(file.events, [&](const Event& e) { return e.at.secs > form.at.secs; });
  CustomerState then;
  if (!file.events.empty() && FoldCustomer(file, std::nullopt, &then).ok()) name = then.name;
  Date day = LocalDate(InOffset(form.at, config.offset_minutes));
  std::vector<int> taken;
  SVC_RETURN_IF_ERROR(
      store.TakenSequences(VisitKind().folder, config.visit_code, day.year, day.month, &taken));
  DocNumber number;
  SVC_RETURN_IF_ERROR(NextNumber(config.visit_code, InOffset(form.at, config.offset_minutes), taken,
                                 config.sequence_width, &number));
  Record r;
  r.kind = &VisitKind();
  r.Set("id", number.str());
  r.Set("at", form.at);
  r.Set("by", Unique(form.by));
  if (!form.findings.empty()) r.Set("findings", form.findings);
  if (!form.requests.empty()) r.Set("requests", form.requests);
  if (!form.serials.empty()) r.Set("serials", Unique(form.serials));
  r.Set("customer.code", current.code);
  r.Set("customer.name", name);
  r.Append(NewEvent(act::kRecord, form.at, now, actor));
  VisitState st;
  SVC_RETURN_IF_ERROR(FoldVisit(r, std::nullopt, &st));
  SVC_RETURN_IF_ERROR(store.CreateRecord(r));
  *id = number.str();
  return Status::OK();
}

Status ReportVisit(const Store& store, const std::string& id, const VisitReportForm& form,
                   const Time& at, const Time& now, const std::string& actor) {
  std::string text(Trim(form.text));
  if (text.empty()) return Status::InvalidArgument(_("the report is empty: give --text or --file"));
  SVC_RETURN_IF_ERROR(CheckText(form.text, _("the report"), true));
  if (form.amend) {
    if (Trim(form.reason).empty()) {
      return Status::InvalidField("reason", _(" is required: say why the report is corrected"));
    }
    SVC_RETURN_IF_ERROR(CheckText(form.reason, "reason", false));
  }
  SVC_RETURN_IF_ERROR(CheckText(actor, "actor", false));
  SVC_RETURN_IF_ERROR(CheckWhen(at, now));
  std::unique_ptr<FileLock> lock;
  SVC_RETURN_IF_ERROR(store.Lock(&lock));
  Record r;
  Status s = store.LoadRecord(VisitKind(), id, &r);
  if (s.code() == Status::Code::kInvalidArgument || s.code() == Status::Code::kNotFound) {
    return NoVisit(id);
  }
  SVC_RETURN_IF_ERROR(s);
  VisitState before;
  s = FoldVisit(r, std::nullopt, &before);
  if (!s.ok()) {
    return Status::Corruption(TrF("{}: {} (see 'svc check')", FileOf(store, id), s.message()));
  }
  Event e = NewEvent(act::kReport, at, now, actor);
  e.Set("text", text);
  if (form.amend) {
    e.Set("amend", true);
    e.Set("reason", form.reason);
  }
  r.Append(std::move(e));
  VisitState st;
  SVC_RETURN_IF_ERROR(FoldVisit(r, std::nullopt, &st));
  return store.SaveRecord(r);
}

Status FindVisitsDue(const Store& store, const Time& now, const DueFilter& filter,
                     const std::function<void(const Status&)>& unreadable, DueList* out,
                     DueSummary* summary) {
  if (!filter.route.empty() || !filter.via.empty() || filter.level) return Status::OK();
  if (!filter.clock.empty() && filter.clock != "visit" && filter.clock != "visit-report") {
    return Status::OK();
  }
  const Config& config = store.config();
  std::map<std::string, Time> latest;  // customer code -> its latest visit
  std::vector<std::string> ids;
  SVC_RETURN_IF_ERROR(VisitNumbers(store, &ids));
  for (const std::string& id : ids) {
    VisitState v;
    Status s = LoadVisit(store, id, now, &v);
    if (!s.ok()) {
      ++summary->unreadable;
      unreadable(s);
      continue;
    }
    if (!v.recorded) continue;  // after now
    auto [it, added] = latest.emplace(v.customer_code, v.at);
    if (!added && it->second.secs < v.at.secs) it->second = v.at;
    AddIfDue(VisitReportClock(v, config, now), v.id, v.customer, filter, now, out, summary);
  }
  // Key customers: a listing of customers/, and each file read only if it exists.
  const RecordKind& kind = CustomerKind();
  std::vector<int> taken;  // the folder's customer files, by number
  SVC_RETURN_IF_ERROR(store.TakenSerials(kind, &taken));
  std::sort(taken.begin(), taken.end());
  std::vector<std::pair<int, std::string>> files;
  for (int seq : taken)
    files.emplace_back(seq, SerialNumber{std::string(kind.prefix), seq, kind.width}.str());
  for (const auto& [seq, code] : files) {
    // Only a file that says `key = true` somewhere (its header or an edit)
    // can be a key customer's: the others are not parsed.
    std::string rel = KindFile(kind, code + ".toml"), text;
    Status s = store.ReadFile(rel, &text);
    if (s.ok() && text.find("\nkey = true\n") == std::string::npos) continue;
    Record r;
    CustomerState c;
    if (s.ok()) s = ParseRecord(text, store.Abs(rel), kind, &r);
    if (s.ok() && r.View("id") != code) {
      s = Status::Corruption(
          TrF("{}:1: the file holds customer '{}', not {}", store.Abs(rel), r.View("id"), code));
    }
    if (s.ok() && !(s = FoldCustomer(r, now, &c)).ok()) {
      s = Status::Corruption(TrF("{}: {} (see 'svc check')", store.Abs(rel), s.message()));
    }
    if (!s.ok()) {
      ++summary->unreadable;
      unreadable(s);
      continue;
    }
    if (c.history.empty() || !c.key) continue;
    auto it = latest.find(c.code);
    Time since = it != latest.end() ? it->second : c.created;
    AddIfDue(KeyCustomerVisitClock(since, config, now), c.code, c.name, filter, now, out, summary);
  }
  return Status::OK();
}

JsonValue VisitJson(const VisitState& v, const Config& config, const Time& now, bool history) {
  const int off = config.offset_minutes;
  JsonValue o = JsonValue::Object();
  o.Add("id", v.id);
  o.Add("customer_code", v.customer_code);
  o.Add("customer", v.customer);
  o.Add("at", FormatTimeIn(v.at, off));
  o.Add("by", StringsJson(v.by));
  o.Add("findings", JsonValue::OrNull(v.findings));
  o.Add("requests", JsonValue::OrNull(v.requests));
  o.Add("serials", StringsJson(v.serials));
  o.Add("recorded_by", v.recorded_by);
  o.Add("reported", v.report ? JsonValue(FormatTimeIn(v.report->first, off)) : JsonValue());
  o.Add("reported_by", v.report ? JsonValue(v.report->by) : JsonValue());
  o.Add("report", v.report ? JsonValue(v.report->text) : JsonValue());
  o.Add("amendments", v.report ? v.report->amendments : 0);
  o.Add("status", VisitStatus(v));
  Clock c = VisitReportClock(v, config, now);
  o.Add("report_due", FormatTimeIn(c.deadline, off));
  o.Add("report_clock", ClockStateName(c.state));
  o.Add("notes", NotesJson(v.notes, off));
  if (!history) return o;
  o.Add("history", EventsJson(v.history, off));
  return o;
}

}  // namespace svc
