#include "ops/workflow.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>

#include "base/i18n.h"
#include "base/text.h"
#include "format/ticket_toml.h"
#include "model/form.h"
#include "model/record.h"
#include "model/vocabulary.h"
#include "ops/intake.h"
#include "rules/authority.h"

namespace svc {
namespace {

// A bad value of the event's field `field` (the CLI names its option instead).
Status NotOneOf(std::string_view field, std::string_view v,
                const std::vector<std::string>& allowed) {
  return Status::InvalidField(field, TrF(": '{}' is not one of {}", v, fmt::join(allowed, ", ")));
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

// The reason an amendment, a reopen or a correction must give.
Status CheckReason(std::string_view reason, std::string_view why) {
  if (Trim(reason).empty()) return Status::InvalidField("reason", TrF(" is required: {}", why));
  return CheckText(reason, "reason", false);
}

// Marks `e` as an amendment of the step taken at `earlier` (null: none, the
// refusal `none`, "there is no … to amend") and keeps that step's time unless
// --at was given.
Status Amend(const Amendment& a, const Ticket& t, const TicketState& st, const Time* earlier,
             std::string_view none, Event* e) {
  SVC_RETURN_IF_ERROR(CheckReason(a.reason, _("say why the record is corrected")));
  if (!earlier) {
    return Refusal(t, *e, none, st.offset_minutes);
  }
  if (!a.at_given) e->at = *earlier;
  e->Set("amend", true);
  e->Set("reason", a.reason);
  return Status::OK();
}

}  // namespace

Status Act(const Store& store, const std::string& id, const Actor& actor, const EventMaker& make,
           Ticket* out) {
  SVC_RETURN_IF_ERROR(CheckText(actor.name, "actor", false));
  if (actor.at.secs > actor.now.secs) {
    return Status::InvalidField(
        "at", TrF(" {} is later than now ({})", FormatTime(actor.at), FormatTime(actor.now)));
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
    return Status::Corruption(TrF("{} (its history is not valid; see 'svc check')", s.message()));
  }
  Event e;
  e.at = actor.at;
  e.actor = actor.name;
  Status made = make(t, before, &e);
  // A settled ticket says so first, whatever else the step lacks (a refusal
  // of a step the ticket could no longer take anyway would name a command it
  // refuses too).
  if (made.code() == Status::Code::kNotAllowed && !e.action.empty()) {
    SVC_RETURN_IF_ERROR(RefuseIfSettled(t, before, e));
  }
  SVC_RETURN_IF_ERROR(made);
  SVC_RETURN_IF_ERROR(RefuseIfSettled(t, before, e));
  if (TicketKind().Amendable(e.action) && !e.Flag("amend")) {
    // A step recorded once is judged against the records as they stand, so
    // that a second one with an earlier --at is refused as the second.
    TicketState probe = before;
    SVC_RETURN_IF_ERROR(ApplyEvent(t, e, &probe));
  }
  if (e.at.secs != actor.now.secs) e.recorded = actor.now;
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
    return Status::InvalidField("level", TrF(" must be 1 to 4, not {}", r.level));
  }
  if (!r.service.empty()) SVC_RETURN_IF_ERROR(CheckWord("service", Services(), r.service));
  if (r.major && r.kind != word::kQuality) {
    return Status::InvalidFields(_("{major} applies to quality problems ({kind} quality)"));
  }
  std::string route = r.to;
  if (route.empty()) {
    // quality information goes to the Quality dept; by category otherwise.
    route = config.routing.at(r.kind == word::kQuality ? std::string(word::kQuality) : r.category);
  } else if (!config.FindDepartment(route)) {
    return Status::InvalidField("route", TrF(": '{}' is no department code in svc.toml", route));
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

Status MakeAnalyzeEvent(const AnalyzeRequest& r, const Config& config, Event* e) {
  if (Trim(r.cause).empty()) return Status::InvalidField("cause", _(" must not be empty"));
  SVC_RETURN_IF_ERROR(
      CheckTexts({{"cause", &r.cause}, {"measures", &r.measures}, {"corrective", &r.corrective}}));
  std::string responsibility =
      r.responsibility.empty() ? std::string(word::kUndetermined) : r.responsibility;
  SVC_RETURN_IF_ERROR(CheckWord("responsibility", Responsibility(), responsibility));
  const CauseCategory* category = nullptr;
  if (!r.cause_category.empty()) {
    category = config.FindCause(Trim(r.cause_category));
    if (!category) {
      std::string known;
      for (const CauseCategory& c : config.causes) {
        known += fmt::format("{}{} ({})", known.empty() ? "" : ", ", c.code, c.name);
      }
      return Status::InvalidField(
          "cause_category",
          TrF(": '{}' is no cause category of svc.toml [causes]: {}", r.cause_category, known));
    }
  }
  e->action = "analyze";
  e->Set("cause", r.cause);
  if (category) e->Set("cause_category", category->code);
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
  if (role == word::kCustomer) {
    // the customer's endorsement names the customer's person.
    if (Trim(r.by).empty()) {
      return Status::InvalidField("by", _(": the customer's endorsement names who gave it "
                                          "(--as customer --by NAME)"));
    }
    SVC_RETURN_IF_ERROR(CheckText(r.by, "by", false));
  } else if (!r.by.empty()) {
    return Status::InvalidField("by",
                                _(" names the customer's person: it goes with --as customer"));
  }
  e->action = "approve";
  if (!role.empty()) e->Set("role", role);
  if (!r.by.empty()) e->Set("by", std::string(Trim(r.by)));
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
  if (r.techs.empty()) return Status::InvalidField("techs", _(": name at least one engineer"));
  for (const auto& tech : r.techs) {
    if (Trim(tech).empty()) return Status::InvalidField("techs", _(" must not be empty"));
    SVC_RETURN_IF_ERROR(CheckText(tech, "techs", false));
  }
  if (!r.dept.empty() && !config.FindDepartment(r.dept)) {
    return Status::InvalidField("dept", TrF(": '{}' is no department code in svc.toml", r.dept));
  }
  // The record's number is allocated under the same lock as the ticket's write,
  // after the history has proved the dispatch allowed.
  std::string allocated;
  Status s =
      Act(store, id, actor, [&](const Ticket& t, const TicketState& now_state, Event* e) -> Status {
        e->action = "dispatch";
        TicketState st;  // as of the filing: the classification in force then
        SVC_RETURN_IF_ERROR(FoldUntil(t, config, e->at, &st));
        SVC_RETURN_IF_ERROR(RefuseIfVoided(t, now_state, *e));
        if (!st.classification) {
          return Refusal(t, *e,
                         TrF("the ticket has not been classified yet (svc classify {})", t.id),
                         config.offset_minutes);
        }
        // PRODUCT.md: the department whose engineers go — by default the one the
        // ticket is routed to; for a quality-kind ticket the one its category routes
        // to (the Quality dept supervises, it does not staff).
        SVC_RETURN_IF_ERROR(RefuseUnplannedDispatch(t, st, config, *e));
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
        // The registry entry, then the ticket, both named in the intent
        // journal first: if the ticket is not written, releasing the lock
        // gives the number back; if svc is killed, the next command keeps it
        // as abandoned (storage/recovery.h).
        DocNumber ticket;
        SVC_RETURN_IF_ERROR(ParseDocNumber(t.id, &ticket));
        SVC_RETURN_IF_ERROR(store.Intend({OutboundPath(n), TicketPath(ticket)}));
        SVC_RETURN_IF_ERROR(
            store.CreateFile(OutboundPath(n), WriteOutboundEntry(OutboundEntry{n.str(), t.id})));
        allocated = n.str();
        store.Touch(OutboundPath(n));
        return Status::OK();
      });
  SVC_RETURN_IF_ERROR(s);
  *number = allocated;
  return Status::OK();
}

Status MakeMarkEvent(const MarkRequest& r, const Ticket& t, const TicketState& state, Event* e) {
  e->action = r.action;
  if (r.amendment.amend) e->Set("amend", true);  // (said first: a refusal may follow)
  SVC_RETURN_IF_ERROR(RefuseIfVoided(t, state, *e));
  if (r.amendment.amend && r.action == "arrive" && !r.amendment.at_given) {
    return Status::InvalidField(
        "at", _(" is required with --amend --arrive: the corrected arrival time"));
  }
  const OutboundRecord* rec = state.FindRecord(r.record);
  if (!rec) {
    return Refusal(t, *e,
                   r.record.empty() ? TrF("the ticket has no outbound record yet (svc dispatch {} "
                                          "--tech NAME)",
                                          t.id)
                                    : TrF("the ticket has no outbound record {}", r.record),
                   state.offset_minutes);
  }
  SVC_RETURN_IF_ERROR(
      CheckTexts({{"work", &r.work}, {"nonconformity", &r.nonconformity}, {"data", &r.data}}));
  SVC_RETURN_IF_ERROR(CheckText(r.signed_by, "signed_by", false));  // a name: one line
  e->action = r.action;
  e->Set("record", rec->number);
  // An amendment keeps what is not given again.
  bool amend = r.amendment.amend;
  auto keep = [&](const std::string& given, const std::string& earlier) {
    return given.empty() && amend ? earlier : given;
  };
  if (r.action == "finish") {
    std::string work = keep(r.work, rec->work), hours = keep(r.hours, rec->hours),
                signed_by = keep(r.signed_by, rec->signed_by);
    const std::vector<Part>& parts = r.parts.empty() && amend ? rec->parts : r.parts;
    if (!work.empty()) e->Set("work", work);
    if (!hours.empty()) e->Set("hours", hours);
    if (!parts.empty()) e->Set("parts", parts);
    if (!signed_by.empty()) e->Set("signed_by", signed_by);
  } else if (r.action == "back") {
    const std::vector<Part>& parts = r.parts.empty() && amend ? rec->returned : r.parts;
    if (!parts.empty()) e->Set("parts", parts);
  } else if (r.action == "warehouse") {
    // An amendment keeps the receipt's number; a booking's number is taken
    // under the lock once the booking is allowed (MarkRecord).
    if (amend && !rec->receipt.empty()) e->Set("receipt", rec->receipt);
    std::string data = keep(r.data, rec->data);
    if (!data.empty()) e->Set("data", data);
    std::string nonconformity = keep(r.nonconformity, rec->nonconformity);
    if (!nonconformity.empty()) e->Set("nonconformity", nonconformity);
  }
  if (amend) {
    const std::optional<Step>& earlier = r.action == "arrive"   ? rec->arrived
                                         : r.action == "finish" ? rec->finished
                                         : r.action == "back"   ? rec->back
                                                                : rec->warehoused;
    static const std::map<std::string, const char*, std::less<>> kNone = {
        {"arrive", N_("there is no arrival of {} to amend")},
        {"finish", N_("there is no completion of {} to amend")},
        {"back", N_("there is no return of {} to amend")},
        {"warehouse", N_("there is no booking into store of {} to amend")}};
    SVC_RETURN_IF_ERROR(Amend(r.amendment, t, state, earlier ? &earlier->at : nullptr,
                              TrF(kNone.at(r.action), rec->number), e));
  }
  return Status::OK();
}

namespace {

// R-4.5.3.1: the warehousing receipt's number (入库单, RK-yy-mm-NN by the
// month of booking) for the booking `e` of ticket `t`, from the registry
// outbound/ as a dispatch takes its record's: the history proved to allow
// the booking first, the entry and the ticket named in the intent journal.
Status TakeReceipt(const Store& store, const Ticket& t, Event* e, std::string* receipt) {
  const Config& config = store.config();
  Time booked = InOffset(e->at, config.offset_minutes);
  Date month = LocalDate(booked);
  std::vector<int> taken;
  SVC_RETURN_IF_ERROR(
      store.TakenSequences(kOutboundFolder, config.receipt_code, month.year, month.month, &taken));
  DocNumber n;
  SVC_RETURN_IF_ERROR(NextNumber(config.receipt_code, booked, taken, config.sequence_width, &n));
  e->Set("receipt", n.str());
  Ticket trial = t;
  trial.Append(*e);
  TicketState check;
  SVC_RETURN_IF_ERROR(Fold(trial, config, std::nullopt, &check));
  DocNumber ticket;
  SVC_RETURN_IF_ERROR(ParseDocNumber(t.id, &ticket));
  SVC_RETURN_IF_ERROR(store.Intend({OutboundPath(n), TicketPath(ticket)}));
  OutboundEntry entry{n.str(), t.id};
  entry.receipt = true;
  SVC_RETURN_IF_ERROR(store.CreateFile(OutboundPath(n), WriteOutboundEntry(entry)));
  store.Touch(OutboundPath(n));
  if (receipt) *receipt = n.str();
  return Status::OK();
}

}  // namespace

Status MarkRecord(const Store& store, const std::string& id, const Actor& actor,
                  const MarkRequest& r, std::string* record, std::string* receipt) {
  return Act(store, id, actor, [&](const Ticket& t, const TicketState& now_state, Event* e) {
    e->action = r.action;
    SVC_RETURN_IF_ERROR(RefuseIfVoided(t, now_state, *e));
    // As of the mark's own time; an amendment corrects the step as it stands now.
    TicketState then;
    if (r.amendment.amend) {
      then = now_state;
    } else {
      SVC_RETURN_IF_ERROR(FoldUntil(t, store.config(), e->at, &then));
    }
    SVC_RETURN_IF_ERROR(MakeMarkEvent(r, t, then, e));
    if (record) *record = e->Str("record");
    if (r.action == "warehouse" && !r.amendment.amend) {
      SVC_RETURN_IF_ERROR(TakeReceipt(store, t, e, receipt));
    }
    return Status::OK();
  });
}

Status MakeCloseEvent(const CloseRequest& r, const Ticket& t, const TicketState& st, Event* e) {
  e->action = "close";
  if (r.amendment.amend) e->Set("amend", true);  // (said first: a refusal may follow)
  const Closing* earlier = r.amendment.amend && st.closing ? &*st.closing : nullptr;
  std::string result = r.result.empty() && earlier ? earlier->result : r.result;
  std::string resolution = r.resolution.empty() && earlier ? earlier->resolution : r.resolution;
  bool remote = r.remote || (earlier && earlier->remote);
  if (result.empty() && !r.amendment.amend)
    return Status::InvalidField("result", _(" is required"));
  if (!result.empty()) SVC_RETURN_IF_ERROR(CheckWord("result", CloseResults(), result));
  SVC_RETURN_IF_ERROR(CheckTexts({{"resolution", &r.resolution}}));
  if (!result.empty()) e->Set("result", result);
  if (remote) e->Set("remote", true);
  if (!resolution.empty()) e->Set("resolution", resolution);
  if (r.amendment.amend) {
    SVC_RETURN_IF_ERROR(Amend(r.amendment, t, st, earlier ? &earlier->at : nullptr,
                              _("there is no close (the ticket is not closed) to amend"), e));
  }
  return Status::OK();
}

Status Redeliver(const Store& store, const std::string& id, const Actor& actor,
                 const std::string& record, const std::string& text, std::string* done) {
  SVC_RETURN_IF_ERROR(CheckTexts({{"text", &text}}));
  return Act(store, id, actor, [&](const Ticket& t, const TicketState&, Event* e) {
    e->action = "redeliver";
    TicketState then;  // the latest record as of the re-delivery
    SVC_RETURN_IF_ERROR(FoldUntil(t, store.config(), e->at, &then));
    const OutboundRecord* rec = then.FindRecord(record);
    if (!rec) {
      return Refusal(t, *e,
                     record.empty() ? _("the ticket has no outbound record yet")
                                    : TrF("the ticket has no outbound record {}", record),
                     then.offset_minutes);
    }
    e->Set("record", rec->number);
    if (!text.empty()) e->Set("text", text);
    if (done) *done = rec->number;
    return Status::OK();
  });
}

Status FollowUp(const Store& store, const std::string& id, const Actor& actor,
                const std::string& text) {
  if (Trim(text).empty()) {
    return Status::InvalidField("action", _(": say what was done to follow up (--action TEXT)"));
  }
  SVC_RETURN_IF_ERROR(CheckTexts({{"action", &text}}));
  return Act(store, id, actor, [&](const Ticket&, const TicketState&, Event* e) {
    e->action = "follow-up";
    e->Set("text", text);
    return Status::OK();
  });
}

Status Notify(const Store& store, const std::string& id, const Actor& actor, const std::string& to,
              const std::string& comment) {
  SVC_RETURN_IF_ERROR(CheckWord("to", ApprovalRoles(), to));
  if (to == word::kCustomer) {
    return Status::InvalidField("to",
                                _(": the customer is not told through svc notify; name a role "
                                  "of the company (gm, head, quality, desk)"));
  }
  SVC_RETURN_IF_ERROR(CheckTexts({{"comment", &comment}}));
  return Act(store, id, actor, [&](const Ticket&, const TicketState&, Event* e) {
    e->action = "notify";
    e->Set("to", to);
    if (!comment.empty()) e->Set("comment", comment);
    return Status::OK();
  });
}

Status MakeReopenEvent(const std::string& reason, Event* e) {
  e->action = "reopen";
  SVC_RETURN_IF_ERROR(CheckReason(reason, _("say why the ticket is opened again")));
  e->Set("reason", reason);
  return Status::OK();
}

Status MakeCorrectEvent(const CorrectRequest& r, const Ticket& t, const TicketState& st,
                        const Config& config, Event* e) {
  e->action = "correct";
  const FormField* f = FindFormField(r.field);
  if (!f) {
    return Status::InvalidField(
        "field", TrF(": the info form has no field '{}' (fields: {})", r.field, FormFieldNames()));
  }
  SVC_RETURN_IF_ERROR(CheckReason(r.reason, _("say why the form is corrected")));
  Ticket form = CorrectedForm(t, st);
  std::string before = FormFieldText(*f, form);
  Time received = form.received;
  std::string value;
  Status s = SetFormField(*f, r.value, config.offset_minutes, &form, &value);
  if (!s.ok()) {
    // "quantity: 'x' is not …" → "value for quantity: 'x' is not …"
    std::string_view why = s.message();
    if (why.starts_with(f->name)) why.remove_prefix(f->name.size());
    return Status::InvalidField("value", TrF(" for {}{}", f->name, why));
  }
  if (value == before || (f->name == "received" && form.received.secs == received.secs)) {
    return Refusal(t, *e, TrF("the form's {} is already '{}'", f->name, before), st.offset_minutes);
  }
  if (f->name == "received") {
    // the number names the month of receipt; the form follows the receipt.
    if (st.opened && form.received.secs > st.opened->at.secs) {
      return Status::InvalidField(
          "value", TrF(" {} is later than the form was filled ({})", FormatTime(form.received),
                       FormatTime(st.opened->at)));
    }
    DocNumber number;
    SVC_RETURN_IF_ERROR(ParseDocNumber(t.id, &number));
    Date month = LocalDate(InOffset(form.received, config.offset_minutes));
    if (month.year % 100 != number.year % 100 || month.month != number.month) {
      return Status::InvalidField(
          "value", TrF(" {} is outside {}'s month of receipt", FormatTime(form.received), t.id));
    }
  }
  e->Set("field", std::string(f->name));
  if (!value.empty()) e->Set("value", value);  // none: the field cleared
  e->Set("reason", r.reason);
  return Status::OK();
}

Status MakeSurveyEvent(const SurveyRequest& r, const Ticket& t, const TicketState& st, Event* e) {
  e->action = "survey";
  bool amend = r.amendment.amend;
  if (amend) e->Set("amend", true);  // (said first: a refusal may follow)
  const Survey* earlier = amend && st.survey ? &*st.survey : nullptr;
  std::string satisfaction, attitude, damage, cleanliness;
  if (!r.satisfaction.empty() || !amend) {
    if (r.satisfaction.empty()) return Status::InvalidField("satisfaction", _(" is required"));
    SVC_RETURN_IF_ERROR(ParseWord("satisfaction", Satisfaction(), r.satisfaction, &satisfaction));
  }
  if (!r.attitude.empty())
    SVC_RETURN_IF_ERROR(ParseWord("attitude", Attitude(), r.attitude, &attitude));
  if (!r.damage.empty()) SVC_RETURN_IF_ERROR(ParseWord("damage", Damage(), r.damage, &damage));
  if (!r.cleanliness.empty()) {
    SVC_RETURN_IF_ERROR(ParseWord("cleanliness", Cleanliness(), r.cleanliness, &cleanliness));
  }
  SVC_RETURN_IF_ERROR(CheckTexts({{"comment", &r.comment}}));
  std::string comment = r.comment;
  int64_t attitude_level = attitude.empty() ? 0 : int64_t{attitude[0] - '0'};
  if (earlier) {  // what is not given again stays
    if (satisfaction.empty()) satisfaction = earlier->satisfaction;
    if (!attitude_level) attitude_level = earlier->attitude;
    if (damage.empty()) damage = earlier->damage;
    if (cleanliness.empty()) cleanliness = earlier->cleanliness;
    if (comment.empty()) comment = earlier->comment;
  }
  if (!satisfaction.empty()) e->Set("satisfaction", satisfaction);
  if (attitude_level) e->Set("attitude", attitude_level);
  if (!damage.empty()) e->Set("damage", damage);
  if (!cleanliness.empty()) e->Set("cleanliness", cleanliness);
  if (!comment.empty()) e->Set("comment", comment);
  if (amend) {
    SVC_RETURN_IF_ERROR(Amend(r.amendment, t, st, earlier ? &earlier->at : nullptr,
                              _("there is no survey (of the latest close) to amend"), e));
  }
  return Status::OK();
}

}  // namespace svc
