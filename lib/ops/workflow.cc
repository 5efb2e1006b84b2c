#include "ops/workflow.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "base/text.h"
#include "format/ticket_toml.h"
#include "model/vocabulary.h"
#include "ops/intake.h"
#include "rules/authority.h"

namespace svc {
namespace {

// A bad value of the event's field `field` (the CLI names its option instead).
Status NotOneOf(std::string_view field, std::string_view v,
                const std::vector<std::string>& allowed) {
  return Status::InvalidField(field,
                              fmt::format(": '{}' is not one of {}", v, fmt::join(allowed, ", ")));
}

// `v` must be a stored word of `words`.
Status CheckWord(std::string_view field, const Vocabulary& words, std::string_view v) {
  return words.Has(v) ? Status::OK() : NotOneOf(field, v, words.Stored());
}

// The stored word of what a user typed: a stored word of `words` or a Chinese one of the forms.
Status ParseWord(std::string_view field, const Vocabulary& words, std::string_view typed,
                 std::string* out) {
  const Word* w = words.Parse(typed);
  if (!w) return NotOneOf(field, typed, words.Typed());
  *out = std::string(w->stored);
  return Status::OK();
}

Status CheckTexts(std::initializer_list<std::pair<std::string_view, const std::string*>> texts) {
  for (auto [what, text] : texts) SVC_RETURN_IF_ERROR(CheckText(*text, what, true));
  return Status::OK();
}

// Whether the ticket `id` as stored has filed outbound record `record`.
bool FiledBy(const Store& store, const std::string& id, const std::string& record) {
  Ticket t;
  if (!store.Load(id, &t).ok()) return false;
  return std::any_of(t.events.begin(), t.events.end(), [&](const Event& e) {
    return e.Is("dispatch") && e.View("record") == record;
  });
}

}  // namespace

Status Act(const Store& store, const std::string& id, const Actor& actor, const EventMaker& make,
           Ticket* out) {
  if (actor.at.secs > actor.now.secs) {
    return Status::InvalidField("at", fmt::format(" {} is later than now ({})",
                                                  FormatTime(actor.at), FormatTime(actor.now)));
  }
  DocNumber number;
  SVC_RETURN_IF_ERROR(ParseDocNumber(id, &number));
  std::unique_ptr<FileLock> lock;
  SVC_RETURN_IF_ERROR(store.Lock(&lock));
  Ticket t;
  SVC_RETURN_IF_ERROR(store.Load(id, &t));
  TicketState before;
  Status s = Fold(t, store.config(), std::nullopt, &before);
  if (!s.ok()) {
    return Status::Corruption(
        fmt::format("{} (its history is not valid; see 'svc check')", s.message()));
  }
  Event e;
  e.at = actor.at;
  if (actor.at.secs != actor.now.secs) e.recorded = actor.now;
  e.actor = actor.name;
  SVC_RETURN_IF_ERROR(make(t, before, &e));
  t.Append(std::move(e));
  TicketState after;
  SVC_RETURN_IF_ERROR(Fold(t, store.config(), std::nullopt, &after));
  SVC_RETURN_IF_ERROR(store.Save(t));
  if (out) *out = std::move(t);
  return Status::OK();
}

Status MakeClassifyEvent(const ClassifyRequest& r, const Config& config, Event* e) {
  SVC_RETURN_IF_ERROR(CheckWord("kind", TicketKinds(), r.kind));
  SVC_RETURN_IF_ERROR(CheckWord("category", Categories(), r.category));
  if (!config.FindLevel(r.level)) {
    return Status::InvalidField("level", fmt::format(" must be 1 to 4, not {}", r.level));
  }
  if (!r.service.empty()) SVC_RETURN_IF_ERROR(CheckWord("service", Services(), r.service));
  if (r.major && r.kind != word::kQuality) {
    return Status::InvalidFields("{major} applies to quality problems ({kind} quality)");
  }
  std::string route = r.to;
  if (route.empty()) {
    // quality information goes to the Quality dept; by category otherwise.
    route = config.routing.at(r.kind == word::kQuality ? std::string(word::kQuality) : r.category);
  } else if (!config.FindDepartment(route)) {
    return Status::InvalidField("route",
                                fmt::format(": '{}' is no department code in svc.toml", route));
  }
  e->action = "classify";
  e->Set("kind", r.kind);
  e->Set("category", r.category);
  e->Set("level", int64_t{r.level});
  if (!r.service.empty()) e->Set("service", r.service);
  if (r.major) e->Set("major", true);
  e->Set("route", route);
  return Status::OK();
}

Status MakeAnalyzeEvent(const AnalyzeRequest& r, Event* e) {
  if (Trim(r.cause).empty()) return Status::InvalidField("cause", " must not be empty");
  SVC_RETURN_IF_ERROR(
      CheckTexts({{"cause", &r.cause}, {"measures", &r.measures}, {"corrective", &r.corrective}}));
  std::string responsibility =
      r.responsibility.empty() ? std::string(word::kUndetermined) : r.responsibility;
  SVC_RETURN_IF_ERROR(CheckWord("responsibility", Responsibility(), responsibility));
  e->action = "analyze";
  e->Set("cause", r.cause);
  if (!r.measures.empty()) e->Set("measures", r.measures);
  e->Set("responsibility", responsibility);
  if (!r.corrective.empty()) e->Set("corrective", r.corrective);
  return Status::OK();
}

Status MakeApproveEvent(const ApproveRequest& r, const Config& config, const std::string& actor,
                        Event* e) {
  std::string role = r.role;
  if (role.empty()) {
    if (const StaffMember* m = config.FindStaff(actor)) role = m->role;
  } else {
    SVC_RETURN_IF_ERROR(CheckWord("role", ApprovalRoles(), role));
  }
  SVC_RETURN_IF_ERROR(CheckTexts({{"comment", &r.comment}}));
  e->action = "approve";
  if (!role.empty()) e->Set("role", role);
  if (!r.comment.empty()) e->Set("comment", r.comment);
  return Status::OK();
}

Status MakeAuthorizedApproveEvent(const ApproveRequest& r, const Config& config, const Ticket& t,
                                  Event* e) {
  SVC_RETURN_IF_ERROR(MakeApproveEvent(r, config, e->actor, e));
  return AuthorizeApproval(t, config, *e);
}

Status Dispatch(const Store& store, const std::string& id, const Actor& actor,
                const DispatchRequest& r, std::string* number) {
  const Config& config = store.config();
  std::string complexity = r.complexity.empty() ? std::string(word::kSimple) : r.complexity;
  SVC_RETURN_IF_ERROR(CheckWord("complexity", Complexity(), complexity));
  if (r.techs.empty()) return Status::InvalidField("techs", ": name at least one engineer");
  for (const auto& tech : r.techs) {
    if (Trim(tech).empty()) return Status::InvalidField("techs", " must not be empty");
    SVC_RETURN_IF_ERROR(CheckText(tech, "techs", false));
  }
  if (!r.dept.empty() && !config.FindDepartment(r.dept)) {
    return Status::InvalidField("dept",
                                fmt::format(": '{}' is no department code in svc.toml", r.dept));
  }
  // The record's number is allocated under the same lock as the ticket's write,
  // after the history has proved the dispatch allowed.
  std::string allocated;
  std::string registry;  // the entry this dispatch created (or may have)
  std::string record;
  Status s =
      Act(store, id, actor, [&](const Ticket& t, const TicketState& now_state, Event* e) -> Status {
        e->action = "dispatch";
        TicketState st;  // as of the filing: the classification in force then
        SVC_RETURN_IF_ERROR(FoldUntil(t, config, e->at, &st));
        SVC_RETURN_IF_ERROR(RefuseIfVoided(t, now_state, *e));
        if (!st.classification) {
          return Refusal(
              t, *e, fmt::format("the ticket has not been classified yet (svc classify {})", t.id));
        }
        // PRODUCT.md: the department whose engineers go — by default the one the
        // ticket is routed to; for a quality-kind ticket the one its category routes
        // to (the Quality dept supervises, it does not staff).
        const Classification& c = *st.classification;
        std::string dept = !r.dept.empty()            ? r.dept
                           : c.kind == word::kQuality ? config.routing.at(c.category)
                                                      : c.route;
        Time filed = InOffset(actor.at, config.offset_minutes);
        Date month = LocalDate(filed);
        std::vector<int> taken;
        SVC_RETURN_IF_ERROR(
            store.TakenSequences(kOutboundFolder, dept, month.year, month.month, &taken));
        DocNumber n;
        SVC_RETURN_IF_ERROR(NextNumber(dept, filed, taken, config.sequence_width, &n));
        // Validate the history with this record before taking the number.
        Ticket trial = t;
        e->Set("record", n.str());
        e->Set("dept", dept);
        e->Set("techs", r.techs);
        e->Set("complexity", complexity);
        if (r.planned) e->Set("planned", *r.planned);
        trial.Append(*e);
        TicketState check;
        SVC_RETURN_IF_ERROR(Fold(trial, config, std::nullopt, &check));
        Status created =
            store.CreateFile(OutboundPath(n), WriteOutboundEntry(OutboundEntry{n.str(), t.id}));
        // Conflict: another's entry, never to be removed; any other failure
        // may have left ours in place (a failed fsync after the rename).
        if (created.code() != Status::Code::kConflict) registry = OutboundPath(n);
        record = n.str();
        SVC_RETURN_IF_ERROR(created);
        allocated = n.str();
        store.Touch(OutboundPath(n));
        return Status::OK();
      });
  if (!s.ok()) {
    // The ticket was not written: give the number back so none is left dangling
    // (unless the ticket's write failed only after its rename put it in place).
    if (!registry.empty() && !FiledBy(store, id, record)) {
      store.RemoveFile(registry);
    }
    return s;
  }
  *number = allocated;
  return Status::OK();
}

Status MakeMarkEvent(const MarkRequest& r, const Ticket& t, const TicketState& state, Event* e) {
  e->action = r.action;
  SVC_RETURN_IF_ERROR(RefuseIfVoided(t, state, *e));
  const OutboundRecord* rec = state.FindRecord(r.record);
  if (!rec) {
    return Refusal(t, *e,
                   r.record.empty()
                       ? fmt::format("the ticket has no outbound record yet (svc dispatch {} "
                                     "--tech NAME)",
                                     t.id)
                       : fmt::format("the ticket has no outbound record {}", r.record));
  }
  SVC_RETURN_IF_ERROR(CheckTexts(
      {{"work", &r.work}, {"signed_by", &r.signed_by}, {"nonconformity", &r.nonconformity}}));
  e->action = r.action;
  e->Set("record", rec->number);
  if (r.action == "finish") {
    if (!r.work.empty()) e->Set("work", r.work);
    if (!r.hours.empty()) e->Set("hours", r.hours);
    if (!r.parts.empty()) e->Set("parts", r.parts);
    if (!r.signed_by.empty()) e->Set("signed_by", r.signed_by);
  } else if (r.action == "back") {
    if (!r.parts.empty()) e->Set("parts", r.parts);
  } else if (r.action == "warehouse") {
    if (!r.nonconformity.empty()) e->Set("nonconformity", r.nonconformity);
  }
  return Status::OK();
}

Status MarkRecord(const Store& store, const std::string& id, const Actor& actor,
                  const MarkRequest& r, std::string* record) {
  return Act(store, id, actor, [&](const Ticket& t, const TicketState& now_state, Event* e) {
    e->action = r.action;
    SVC_RETURN_IF_ERROR(RefuseIfVoided(t, now_state, *e));
    TicketState then;  // as of the mark's own time
    SVC_RETURN_IF_ERROR(FoldUntil(t, store.config(), e->at, &then));
    SVC_RETURN_IF_ERROR(MakeMarkEvent(r, t, then, e));
    if (record) *record = e->Str("record");
    return Status::OK();
  });
}

Status MakeCloseEvent(const CloseRequest& r, Event* e) {
  SVC_RETURN_IF_ERROR(CheckWord("result", CloseResults(), r.result));
  SVC_RETURN_IF_ERROR(CheckTexts({{"resolution", &r.resolution}}));
  e->action = "close";
  e->Set("result", r.result);
  if (r.remote) e->Set("remote", true);
  if (!r.resolution.empty()) e->Set("resolution", r.resolution);
  return Status::OK();
}

Status MakeSurveyEvent(const SurveyRequest& r, Event* e) {
  std::string satisfaction, attitude, damage, cleanliness;
  SVC_RETURN_IF_ERROR(ParseWord("satisfaction", Satisfaction(), r.satisfaction, &satisfaction));
  if (!r.attitude.empty())
    SVC_RETURN_IF_ERROR(ParseWord("attitude", Attitude(), r.attitude, &attitude));
  if (!r.damage.empty()) SVC_RETURN_IF_ERROR(ParseWord("damage", Damage(), r.damage, &damage));
  if (!r.cleanliness.empty()) {
    SVC_RETURN_IF_ERROR(ParseWord("cleanliness", Cleanliness(), r.cleanliness, &cleanliness));
  }
  SVC_RETURN_IF_ERROR(CheckTexts({{"comment", &r.comment}}));
  e->action = "survey";
  e->Set("satisfaction", satisfaction);
  if (!attitude.empty()) e->Set("attitude", int64_t{attitude[0] - '0'});
  if (!damage.empty()) e->Set("damage", damage);
  if (!cleanliness.empty()) e->Set("cleanliness", cleanliness);
  if (!r.comment.empty()) e->Set("comment", r.comment);
  if (r.amend) e->Set("amend", true);
  return Status::OK();
}

}  // namespace svc
