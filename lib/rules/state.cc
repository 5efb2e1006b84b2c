#include "rules/state.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <unordered_map>

#include "base/i18n.h"
#include "model/annual_plan.h"
#include "model/customer.h"
#include "model/finance.h"
#include "model/form.h"
#include "model/nonconformity.h"
#include "model/training.h"
#include "model/visit.h"
#include "model/vocabulary.h"
#include "rules/annual_plan.h"
#include "rules/customer.h"
#include "rules/finance.h"
#include "rules/nonconformity.h"
#include "rules/training.h"
#include "rules/visit.h"

namespace svc {
namespace {

template <typename T>
T& Fill(T& step, const Event& e) {
  step.at = e.at;
  step.actor = e.actor;
  step.amended = e.Flag("amend") ? EnteredSecs(e) : 0;
  return step;
}

// Why a closed ticket refuses a step that changes the work or the money.
std::string ClosedWhy(const Ticket& t, const TicketState& st) {
  return TrF("the ticket was closed at {}; reopen it first (svc reopen {} --reason TEXT)",
             FormatTimeIn(st.closing->at, st.offset_minutes), t.id);
}

Step StepOf(const Event& e) {
  Step s;
  return Fill(s, e);
}

std::vector<Part> PartsOf(const Event& e) {
  const Value* v = e.Find("parts");
  const auto* p = v ? std::get_if<std::vector<Part>>(v) : nullptr;
  return p ? *p : std::vector<Part>();
}

}  // namespace

// The procedure's state machine over one ticket's history: Apply takes the
// next event, refuses it (with the reason) if the state does not allow it,
// and otherwise moves the state on. Every refusal comes before any change to
// the state (ResumableFold relies on it).
class StateMachine {
 public:
  StateMachine(const Ticket& t, TicketState* s) : t_(t), s_(*s) {}
  Status Apply(const Event& e);

 private:
  // The outbound record numbered `number` (the first so numbered); null if
  // none. By a scan of a few records, else by an index of their numbers.
  OutboundRecord* FindRecord(std::string_view number) const;
  Status Refuse(const Event& e, std::string_view why) const {
    return Refusal(t_, e, why, s_.offset_minutes);
  }
  std::string Shown(const Time& t) const { return FormatTimeIn(t, s_.offset_minutes); }
  const Step* CurrentStep(const Event& e) const;
  bool Superseded(const Event& e) const;
  Status Require(const Event& e, std::initializer_list<std::string_view> keys) const;
  Status NeedClassified(const Event& e) const;
  Status Closed(const Event& e) const { return Refuse(e, ClosedWhy(t_, s_)); }
  Status RecordOf(const Event& e, OutboundRecord** out);
  Status Classify(const Event& e);
  Status Dispatch(const Event& e);
  Status Mark(const Event& e);
  Status Close(const Event& e);
  Status Survey(const Event& e);
  Status Reopen(const Event& e);
  Status Correct(const Event& e);
  // Sets out_of_warranty from the form as corrected so far.
  void Warranty();
  Status Renumber(const Event& e);

  const Ticket& t_;
  TicketState& s_;
  // s_.records[0, indexed_) by number: records are only ever added.
  mutable std::unordered_map<std::string, size_t> by_number_;
  mutable size_t indexed_ = 0;
};

OutboundRecord* StateMachine::FindRecord(std::string_view number) const {
  std::vector<OutboundRecord>& records = s_.records;
  if (records.size() <= 8) {
    for (auto& r : records) {
      if (r.number == number) return &r;
    }
    return nullptr;
  }
  if (indexed_ > records.size()) by_number_.clear(), indexed_ = 0;  // not the same records
  for (; indexed_ < records.size(); ++indexed_)
    by_number_.emplace(records[indexed_].number, indexed_);
  auto it = by_number_.find(std::string(number));
  return it == by_number_.end() ? nullptr : &records[it->second];
}

// The step an event of an amendable action (RecordKind::Amendable)
// records, as it stands; null if not taken yet or not such an action.
const Step* StateMachine::CurrentStep(const Event& e) const {
  auto of = [](const auto& step) -> const Step* { return step ? &*step : nullptr; };
  if (e.Is("close")) return of(s_.closing);
  if (e.Is("survey")) return of(s_.survey);
  if (e.Is("verify")) return of(s_.verification);
  if (e.Is("accept")) return s_.quote ? of(s_.quote->accepted) : nullptr;
  if (e.Is("arrive") || e.Is("finish") || e.Is("back") || e.Is("warehouse")) {
    if (const OutboundRecord* r = FindRecord(e.View("record"))) {
      return e.Is("arrive")   ? of(r->arrived)
             : e.Is("finish") ? of(r->finished)
             : e.Is("back")   ? of(r->back)
                              : of(r->warehoused);
    }
  }
  return nullptr;
}

// A plain step recorded before the amendment that already stands for it
// (the amendment moved the step earlier): the amendment's values stay.
bool StateMachine::Superseded(const Event& e) const {
  if (e.Flag("amend")) return false;
  const Step* current = CurrentStep(e);
  return current && current->amended && EnteredSecs(e) <= current->amended;
}

Status StateMachine::Require(const Event& e, std::initializer_list<std::string_view> keys) const {
  for (std::string_view k : keys) {
    if (!e.Find(k)) return Refuse(e, TrF("the event has no '{}'", k));
  }
  return Status::OK();
}

Status StateMachine::NeedClassified(const Event& e) const {
  if (!s_.classification) {
    return Refuse(e, TrF("the ticket has not been classified yet (svc classify {})", t_.id));
  }
  return Status::OK();
}

Status StateMachine::RecordOf(const Event& e, OutboundRecord** out) {
  *out = FindRecord(e.View("record"));
  if (*out) return Status::OK();
  return Refuse(e, TrF("there is no outbound record {} (yet)", e.View("record")));
}

Status StateMachine::Classify(const Event& e) {
  SVC_RETURN_IF_ERROR(Require(e, {"kind", "category", "level", "route"}));
  Classification c;
  Fill(c, e);
  c.kind = e.Str("kind");
  c.category = e.Str("category");
  c.level = static_cast<int>(e.Int("level"));
  c.service = e.Str("service");
  c.major = e.Flag("major");
  c.route = e.Str("route");
  s_.level = c.level;
  if (!s_.first_classified) {
    s_.first_classified = e.at;
    s_.first_level = c.level;
  }
  if (!s_.first_quality && c.kind == word::kQuality) s_.first_quality = e.at;
  if (!s_.first_major && c.major) s_.first_major = e.at;
  if (!s_.first_onsite && (c.service == word::kOnsiteSupport || c.service == word::kOnsiteRepair)) {
    s_.first_onsite = e.at;
  }
  s_.classification = std::move(c);
  ++s_.classifications;
  s_.status = TicketStatus::kOpen;
  return Status::OK();
}

Status StateMachine::Dispatch(const Event& e) {
  SVC_RETURN_IF_ERROR(Require(e, {"record", "dept", "techs"}));
  SVC_RETURN_IF_ERROR(NeedClassified(e));
  if (s_.Paid() && !(s_.quote && (s_.quote->accepted || s_.quote->charged.fen == 0))) {
    return Refuse(e, TrF("it is paid service: the customer must accept the quote first "
                         "(R-4.4.3; svc quote {} … then svc quote {} --accept)",
                         t_.id, t_.id));
  }
  if (s_.classification->major && !s_.GmApproved()) {
    return Refuse(e, TrF("it is a major quality problem: the general manager must approve "
                         "the plan first (R-4.2.2; svc approve {} --as gm)",
                         t_.id));
  }
  OutboundRecord r;
  r.number = e.Str("record");
  if (FindRecord(r.number)) return Refuse(e, TrF("{} was already filed", r.number));
  r.dept = e.Str("dept");
  if (const Value* v = e.Find("techs")) r.techs = std::get<std::vector<std::string>>(*v);
  r.complexity = e.Str("complexity").empty() ? std::string(word::kSimple) : e.Str("complexity");
  if (const Value* v = e.Find("planned")) r.planned = std::get<Time>(*v);
  r.filed = StepOf(e);
  s_.records.push_back(std::move(r));
  return Status::OK();
}

Status StateMachine::Mark(const Event& e) {
  SVC_RETURN_IF_ERROR(Require(e, {"record"}));
  OutboundRecord* r = nullptr;
  SVC_RETURN_IF_ERROR(RecordOf(e, &r));
  // An amendment replaces the step it corrects; anything else may happen once.
  bool amend = e.Flag("amend");
  // `msgid`: "{} was already marked … at {}" (the record, the time).
  auto already = [&](const std::optional<Step>& step, const char* msgid) {
    return Refuse(e, TrF(msgid, r->number, Shown(step->at)));
  };
  if (e.Is("arrive")) {
    if (r->arrived && !amend) return already(r->arrived, N_("{} was already marked arrived at {}"));
    if (r->finished && e.at.secs > r->finished->at.secs) {
      return Refuse(e, TrF("{} finished on site at {}, before this arrival", r->number,
                           Shown(r->finished->at)));
    }
    // The first arrival of any record (an amendment may move it): the
    // earliest, the first record filed among equals. Only an arrival at or
    // before it, or the amendment of one there, can change it.
    std::optional<int64_t> before;
    if (r->arrived) before = r->arrived->at.secs;
    r->arrived = StepOf(e);
    const std::optional<Time>& first = s_.first_arrival;
    bool was_first = before && first && *before <= first->secs;
    if (!before && (!first || e.at.secs < first->secs)) {
      s_.first_arrival = e.at;  // the earliest now, alone
    } else if (was_first || !first || e.at.secs <= first->secs) {
      s_.first_arrival.reset();
      for (const auto& x : s_.records) {
        if (x.arrived && (!s_.first_arrival || x.arrived->at.secs < s_.first_arrival->secs)) {
          s_.first_arrival = x.arrived->at;
        }
      }
    }
  } else if (e.Is("finish")) {
    if (!r->arrived) return Refuse(e, TrF("{} has not arrived on site yet", r->number));
    if (r->finished && !amend)
      return already(r->finished, N_("{} was already marked finished at {}"));
    if (r->back && e.at.secs > r->back->at.secs) {
      return Refuse(
          e, TrF("{} was back at HQ at {}, before this completion", r->number, Shown(r->back->at)));
    }
    r->finished = StepOf(e);
    r->work = e.Str("work");
    r->hours = e.Str("hours");
    r->signed_by = e.Str("signed_by");
    r->parts = PartsOf(e);
  } else if (e.Is("back")) {
    if (!r->finished) return Refuse(e, TrF("{} has not finished on site yet", r->number));
    if (r->back && !amend) return already(r->back, N_("{} was already marked back at HQ at {}"));
    r->back = StepOf(e);
    r->returned = PartsOf(e);
  } else if (e.Is("warehouse")) {
    if (!r->back) return Refuse(e, TrF("{} is not back at HQ yet", r->number));
    if (r->returned.empty() && e.View("data").empty()) {
      return Refuse(e, TrF("{} brought back no parts to book into store (a data project "
                           "books its data: --data TEXT, R-4.5.3.2)",
                           r->number));
    }
    if (r->warehoused && !amend)
      return already(r->warehoused, N_("{} was already marked booked into store at {}"));
    r->warehoused = StepOf(e);
    // The first booking's receipt stands: an amendment (also the merge's
    // mark on the later of two clones' bookings) keeps it.
    if (r->receipt.empty() || !amend) r->receipt = e.Str("receipt");
    std::string_view receipt = e.View("receipt");
    if (!receipt.empty() &&
        std::find(r->receipts.begin(), r->receipts.end(), receipt) == r->receipts.end()) {
      r->receipts.emplace_back(receipt);
    }
    r->data = e.Str("data");
    r->nonconformity = e.Str("nonconformity");
  }
  return Status::OK();
}

// A ticket renumbered (no `record`) keeps its history: the number is the
// file's. With `record`: one of its outbound records or warehousing receipts
// was renumbered after two clones took its number for two tickets; later
// events name the new number.
Status StateMachine::Renumber(const Event& e) {
  std::string_view record = e.View("record");
  if (record.empty()) return Status::OK();
  std::string_view from = e.View("from");
  if (FindRecord(record)) return Refuse(e, TrF("{} is already one of its records", record));
  for (auto& r : s_.records) {
    if (r.number == from) {
      r.number = std::string(record);
      by_number_.clear(), indexed_ = 0;
      return Status::OK();
    }
    for (auto& taken : r.receipts) {
      if (taken != from) continue;
      taken = std::string(record);
      if (r.receipt == from) r.receipt = taken;
      return Status::OK();
    }
  }
  return Refuse(e, TrF("it renumbers {}, which is none of its records or receipts", from));
}

Status StateMachine::Close(const Event& e) {
  SVC_RETURN_IF_ERROR(Require(e, {"result"}));
  if (e.Flag("amend") && s_.closing) {
    Fill(*s_.closing, e);
    s_.closing->result = e.Str("result");
    s_.closing->remote = e.Flag("remote");
    s_.closing->resolution = e.Str("resolution");
    return Status::OK();
  }
  SVC_RETURN_IF_ERROR(NeedClassified(e));
  if (e.View("result") == word::kCompleted) {
    for (const auto& r : s_.records) {
      if (r.arrived && !r.finished) {
        return Refuse(e, TrF("{} is still on site (arrived {}, not finished); finish it "
                             "or close as incomplete",
                             r.number, Shown(r.arrived->at)));
      }
    }
  }
  Closing c;
  Fill(c, e);
  c.result = e.Str("result");
  c.remote = e.Flag("remote");
  c.resolution = e.Str("resolution");
  s_.closing = std::move(c);
  s_.status = TicketStatus::kClosed;
  return Status::OK();
}

Status StateMachine::Survey(const Event& e) {
  SVC_RETURN_IF_ERROR(Require(e, {"satisfaction"}));
  if (!s_.closing)
    return Refuse(e, _("the ticket is not closed yet; the survey follows closing (R-4.5.1)"));
  int amendments = 0;
  if (e.Flag("amend")) {
    amendments = s_.survey ? s_.survey->amendments + 1 : 1;
  } else if (s_.survey) {
    return Refuse(e, TrF("the survey was already recorded at {}; correct it with --amend",
                         Shown(s_.survey->at)));
  }
  svc::Survey v;
  Fill(v, e);
  v.satisfaction = e.Str("satisfaction");
  v.attitude = static_cast<int>(e.Int("attitude"));
  v.damage = e.Str("damage");
  v.cleanliness = e.Str("cleanliness");
  v.comment = e.Str("comment");
  v.amendments = amendments;
  if (v.satisfaction != word::kSatisfied) s_.unhappy.push_back(e.at);
  s_.survey = std::move(v);
  s_.surveys.push_back(e.at);
  return Status::OK();
}

Status StateMachine::Reopen(const Event& e) {
  if (!s_.closing) return Refuse(e, _("the ticket is not closed"));
  s_.reopens.push_back(StepOf(e));
  s_.earlier_closings.push_back(std::move(*s_.closing));
  // The next close is a new one: its own verification and survey.
  s_.closing.reset();
  s_.verification.reset();
  s_.survey.reset();
  s_.status = TicketStatus::kOpen;
  return Status::OK();
}

Status StateMachine::Correct(const Event& e) {
  SVC_RETURN_IF_ERROR(Require(e, {"field"}));  // no value: an optional field cleared
  std::string_view name = e.View("field");
  const FormField* f = FindFormField(name);
  if (!f || f->name != name) {
    return Refuse(e, TrF("the form has no field '{}' (fields: {})", name, FormFieldNames()));
  }
  Ticket scratch;
  if (Status st = SetFormField(*f, e.View("value"), 0, &scratch); !st.ok()) {
    return Refuse(e, st.message());
  }
  auto it = std::find_if(s_.corrections.begin(), s_.corrections.end(),
                         [&](const auto& c) { return c.first == name; });
  if (it != s_.corrections.end()) {
    it->second = e.Str("value");
  } else {
    s_.corrections.emplace_back(std::string(name), e.Str("value"));
  }
  if (name == "warranty_until" || name == "received") Warranty();
  return Status::OK();
}

void StateMachine::Warranty() {
  if (!t_.equipment.warranty_until && s_.corrections.empty()) return;  // (most tickets: no copy)
  s_.out_of_warranty = s_.corrections.empty()
                           ? WarrantyOf(t_, s_.offset_minutes) == "out"
                           : WarrantyOf(CorrectedForm(t_, s_), s_.offset_minutes) == "out";
}

namespace {
thread_local uint64_t events_applied = 0;
}  // namespace

uint64_t EventsApplied() {
  return events_applied;
}

Status StateMachine::Apply(const Event& e) {
  ++events_applied;
  // (A view: each comparison below checks the length before the letters.)
  std::string_view a = e.action;
  if (s_.voided && a != "note" && a != "renumber") {
    return Refuse(e, TrF("the ticket was voided at {}", Shown(s_.voided->at)));
  }
  if (a == "open") {
    if (s_.opened) return Refuse(e, _("the ticket was already opened"));
    s_.opened = StepOf(e);
    Warranty();
    s_.level = static_cast<int>(e.Int("level"));
    s_.opened_level = s_.level;
    s_.complaint = e.Flag("complaint");
    return Status::OK();
  }
  if (!s_.opened) return Refuse(e, _("it comes before the ticket was opened"));
  if (Superseded(e)) return Status::OK();
  if (s_.closing && ChangesAgreedWork(e)) return Closed(e);
  if (a == "classify") return Classify(e);
  if (a == "analyze") {
    SVC_RETURN_IF_ERROR(NeedClassified(e));
    Analysis x;
    Fill(x, e);
    x.cause = e.Str("cause");
    x.cause_category = e.Str("cause_category");
    x.measures = e.Str("measures");
    x.responsibility = e.Str("responsibility");
    x.corrective = e.Str("corrective");
    s_.analysis = std::move(x);
    s_.analyses.push_back(e.at);
    return Status::OK();
  }
  if (a == "plan") {
    SVC_RETURN_IF_ERROR(Require(e, {"text"}));
    SVC_RETURN_IF_ERROR(NeedClassified(e));
    Plan p;
    Fill(p, e);
    p.text = e.Str("text");
    s_.plan = std::move(p);
    s_.plans.push_back(e.at);
    return Status::OK();
  }
  if (a == "approve") {
    SVC_RETURN_IF_ERROR(NeedClassified(e));
    if (!s_.plan) return Refuse(e, TrF("there is no plan to approve (svc plan {})", t_.id));
    Approval x;
    Fill(x, e);
    x.role = e.Str("role");
    x.by = e.Str("by");
    x.comment = e.Str("comment");
    if (x.role == word::kCustomer && x.by.empty()) {
      return Refuse(e, _("the customer's endorsement names who gave it (--by NAME)"));
    }
    if (x.role == word::kGeneralManager) s_.gm_told.push_back(e.at);
    s_.approvals.push_back(std::move(x));
    return Status::OK();
  }
  if (a == "notify") {
    SVC_RETURN_IF_ERROR(Require(e, {"to"}));
    if (e.View("to") == word::kGeneralManager) s_.gm_told.push_back(e.at);
    return Status::OK();
  }
  if (a == "follow-up") {
    SVC_RETURN_IF_ERROR(Require(e, {"text"}));
    if (s_.unhappy.empty()) {
      return Refuse(e, _("there is nothing to follow up: no survey answered unsatisfied and no "
                         "verification unresolved (R-4.5.1)"));
    }
    s_.follow_ups.push_back(e.at);
    Note n;
    Fill(n, e);
    n.text = e.Str("text");
    s_.follow_up_notes.push_back(std::move(n));
    return Status::OK();
  }
  if (a == "redeliver") {
    SVC_RETURN_IF_ERROR(Require(e, {"record"}));
    OutboundRecord* r = nullptr;
    SVC_RETURN_IF_ERROR(RecordOf(e, &r));
    if (!r->warehoused || r->data.empty()) {
      return Refuse(e, TrF("{} has no data booked in to re-deliver (svc warehouse {} "
                           "--data TEXT, R-4.5.3.2)",
                           r->number, t_.id));
    }
    if (e.at.secs < r->warehoused->at.secs) {
      return Refuse(e, TrF("{}'s data was booked in at {}, after this re-delivery", r->number,
                           Shown(r->warehoused->at)));
    }
    if (r->redelivered) {
      return Refuse(
          e, TrF("{}'s data was already re-delivered at {}", r->number, Shown(r->redelivered->at)));
    }
    r->redelivered = StepOf(e);
    r->redelivery = e.Str("text");
    return Status::OK();
  }
  if (a == "dispatch") return Dispatch(e);
  if (a == "expense") {
    SVC_RETURN_IF_ERROR(Require(e, {"record", "item", "amount"}));
    OutboundRecord* r = nullptr;
    SVC_RETURN_IF_ERROR(RecordOf(e, &r));
    if (!ExpenseItems().Has(e.View("item"))) {
      return Refuse(e, TrF("'{}' is no expense item ({})", e.View("item"),
                           fmt::join(ExpenseItems().Stored(), ", ")));
    }
    Expense x;
    Fill(x, e);
    x.item = e.Str("item");
    x.amount = std::get<Money>(*e.Find("amount"));
    if (x.amount.fen <= 0) return Refuse(e, _("an expense's amount is more than 0"));
    x.engineer = e.Str("engineer");
    x.note = e.Str("note");
    r->expenses.push_back(std::move(x));
    return Status::OK();
  }
  if (a == "quote") {
    SVC_RETURN_IF_ERROR(Require(e, {"schedule", "total", "charged"}));
    SVC_RETURN_IF_ERROR(NeedClassified(e));
    QuoteState q;
    Fill(q, e);
    q.request = RequestFromEvent(e);
    q.schedule = std::get<Date>(*e.Find("schedule"));
    q.total = std::get<Money>(*e.Find("total"));
    q.charged = std::get<Money>(*e.Find("charged"));
    s_.quote = std::move(q);
    ++s_.quotes;
    return Status::OK();
  }
  if (a == "accept") {
    if (!s_.quote) return Refuse(e, TrF("there is no quote to accept (svc quote {} …)", t_.id));
    if (s_.quote->accepted && !e.Flag("amend")) {
      return Refuse(e, TrF("the quote was already accepted at {}", Shown(s_.quote->accepted->at)));
    }
    s_.quote->accepted = StepOf(e);
    return Status::OK();
  }
  if (a == "arrive" || a == "finish" || a == "back" || a == "warehouse") return Mark(e);
  if (a == "close") return Close(e);
  if (a == "verify") {
    if (!s_.closing) return Refuse(e, _("the ticket is not closed; there is no result to verify"));
    if (!s_.closing->remote) {
      return Refuse(e,
                    _("the ticket was not closed --remote; there is no remote result to verify"));
    }
    if (s_.verification && !e.Flag("amend")) {
      return Refuse(e, TrF("it was already verified at {}", Shown(s_.verification->at)));
    }
    Verification v;
    Fill(v, e);
    v.result = e.Str("result");
    v.comment = e.Str("comment");
    if (v.result != word::kResolved) s_.unhappy.push_back(e.at);
    s_.verification = std::move(v);
    s_.verifications.push_back(e.at);
    return Status::OK();
  }
  if (a == "survey") return Survey(e);
  if (a == "reopen") return Reopen(e);
  if (a == "correct") return Correct(e);
  if (a == "renumber") return Renumber(e);
  if (a == "note") {
    ++s_.notes;
    return Status::OK();
  }
  if (a == "void") {
    s_.voided = StepOf(e);
    s_.void_reason = e.Str("reason");
    s_.status = TicketStatus::kVoid;
    return Status::OK();
  }
  return Refuse(e, _("svc knows no such action"));
}

Status Refusal(const Ticket& t, const Event& e, std::string_view why, int offset_minutes) {
  return Status::NotAllowed(TrF("{}: '{}' at {} is not allowed: {}", t.id, e.action,
                                FormatTimeIn(e.at, offset_minutes), why));
}

Status Refusal(std::string_view id, const Event& e, std::string_view why) {
  return Status::NotAllowed(
      TrF("{}: '{}' at {} is not allowed: {}", id, e.action, FormatTime(e.at), why));
}

Status RefuseIfVoided(const Ticket& t, const TicketState& st, const Event& e) {
  if (!st.voided || e.Is("note") || e.Is("renumber")) return Status::OK();
  return Refusal(t, e,
                 TrF("the ticket was voided at {}", FormatTimeIn(st.voided->at, st.offset_minutes)),
                 st.offset_minutes);
}

bool ChangesAgreedWork(const Event& e) {
  std::string_view a = e.action;
  if (a == "classify" || a == "analyze" || a == "plan" || a == "approve" || a == "quote" ||
      a == "accept" || a == "dispatch") {
    return true;
  }
  return (a == "arrive" || a == "finish" || a == "close") && !e.Flag("amend");
}

Status RefuseIfSettled(const Ticket& t, const TicketState& st, const Event& e) {
  SVC_RETURN_IF_ERROR(RefuseIfVoided(t, st, e));
  if (st.closing && ChangesAgreedWork(e)) return Refusal(t, e, ClosedWhy(t, st), st.offset_minutes);
  return Status::OK();
}

Ticket CorrectedForm(const Ticket& t, const TicketState& st) {
  Ticket form;
  form.id = t.id;
  form.via = t.via;
  form.received = t.received;
  form.customer = t.customer;
  form.equipment = t.equipment;
  form.description = t.description;
  form.annual_plan = t.annual_plan;
  for (const auto& [field, value] : st.corrections) {
    // The fold checked each value.
    if (const FormField* f = FindFormField(field)) (void)SetFormField(*f, value, 0, &form);
  }
  return form;
}

std::string_view StatusName(TicketStatus s) {
  return TicketStatuses().words()[static_cast<size_t>(s)].stored;
}

bool ParseStatusName(std::string_view name, TicketStatus* out) {
  const Word* w = TicketStatuses().Find(name);
  if (!w) return false;
  *out = static_cast<TicketStatus>(w - TicketStatuses().words().data());
  return true;
}

const std::string& TicketState::route() const {
  static const std::string kNone;
  return classification ? classification->route : kNone;
}

const OutboundRecord* TicketState::FindRecord(std::string_view number) const {
  if (records.empty()) return nullptr;
  if (number.empty()) return &records.back();
  for (const auto& r : records) {
    if (r.number == number) return &r;
  }
  return nullptr;
}

bool TicketState::GmApproved() const {
  if (!plan) return false;
  for (const auto& a : approvals) {
    if (a.role == word::kGeneralManager && a.at.secs >= plan->at.secs) return true;
  }
  return false;
}

bool TicketState::Paid() const {
  if (analysis && analysis->responsibility == word::kCustomer) return true;
  if (analysis && analysis->responsibility == word::kOurs) return false;
  return (classification && classification->service == word::kPaid) || out_of_warranty;
}

bool TicketState::PlanApproved() const {
  if (!plan) return false;
  for (const auto& a : approvals) {
    if (a.role != word::kCustomer && a.at.secs >= plan->at.secs) return true;
  }
  return false;
}

const Approval* TicketState::CustomerEndorsement() const {
  if (!plan) return nullptr;
  for (const auto& a : approvals) {
    if (a.role == word::kCustomer && a.at.secs >= plan->at.secs) return &a;
  }
  return nullptr;
}

Status RefuseUnplannedDispatch(const Ticket& t, const TicketState& st, const Config& config,
                               const Event& e) {
  if (!st.classification) return Status::OK();  // the fold says so
  const Classification& c = *st.classification;
  const std::string& rule = config.plan_before_dispatch;
  bool onsite = c.service == word::kOnsiteSupport || c.service == word::kOnsiteRepair;
  std::string_view what;
  if (c.major) {
    what = _("it is a major quality problem");
  } else if (c.kind == word::kQuality && rule != "major") {
    what = _("it is a quality problem");
  } else if (onsite && rule == "onsite") {
    what = _("it is an on-site service");
  } else {
    return Status::OK();
  }
  auto refuse = [&](const std::string& why) {
    return Refusal(t, e, TrF("{} and [rules] plan_before_dispatch = \"{}\": {}", what, rule, why),
                   st.offset_minutes);
  };
  if (!st.plan) {
    return refuse(
        TrF("it has no service plan yet; the plan is recorded and approved "
            "before dispatch (R-4.2.2, R-4.4.1; svc plan {} --text TEXT, then "
            "svc approve {}{})",
            t.id, t.id, c.major ? " --as gm" : ""));
  }
  std::string plan = TrF("the plan recorded at {} by {}",
                         FormatTimeIn(st.plan->at, st.offset_minutes), st.plan->actor);
  if (c.major) {
    bool gm = st.GmApproved();
    const Approval* customer = st.CustomerEndorsement();
    if (!gm && !customer) {
      return refuse(
          TrF("{} has neither the general manager's approval nor the "
              "customer's endorsement (R-4.2.2, R-4.3.3; svc approve {} --as "
              "gm, and svc approve {} --as customer --by NAME)",
              plan, t.id, t.id));
    }
    if (!gm) {
      return refuse(
          TrF("{} is not approved by the general manager (R-4.2.2; svc "
              "approve {} --as gm)",
              plan, t.id));
    }
    if (!customer) {
      return refuse(
          TrF("the customer has not endorsed the corrective action of {} "
              "(R-4.3.3; svc approve {} --as customer --by NAME)",
              plan, t.id));
    }
    return Status::OK();
  }
  if (!st.PlanApproved()) {
    return refuse(TrF("{} has not been approved (R-4.2.2; svc approve {})", plan, t.id));
  }
  return Status::OK();
}

namespace {

// Folds the events of `t` that `counts` takes, in history order.
template <typename Counts>
Status FoldIf(const Ticket& t, const Config& config, const Counts& counts, TicketState* out,
              size_t* failed_event) {
  TicketState s;
  s.offset_minutes = config.offset_minutes;
  StateMachine machine(t, &s);
  for (size_t i = 0; i < t.events.size(); ++i) {
    const Event& e = t.events[i];
    if (!counts(e)) continue;
    Status st = machine.Apply(e);
    if (!st.ok()) {
      if (failed_event) *failed_event = i;
      return st;
    }
  }
  *out = std::move(s);
  return Status::OK();
}

}  // namespace

int64_t EnteredSecs(const Event& e) {
  return e.recorded ? std::max(e.at.secs, e.recorded->secs) : e.at.secs;
}

Status Fold(const Ticket& t, const Config& config, const std::optional<Time>& as_of,
            TicketState* out, size_t* failed_event) {
  if (!as_of)
    return FoldIf(
        t, config, [](const Event&) { return true; }, out, failed_event);
  return FoldIf(
      t, config, [&](const Event& e) { return InRecordsAt(e, *as_of); }, out, failed_event);
}

Status FoldUntil(const Ticket& t, const Config& config, const Time& until, TicketState* out) {
  return FoldIf(
      t, config, [&](const Event& e) { return e.at.secs <= until.secs; }, out, nullptr);
}

Status FoldKnownAt(const Ticket& t, const Config& config, const Time& until, const Time& known,
                   TicketState* out) {
  return FoldIf(
      t, config, [&](const Event& e) { return e.at.secs <= until.secs && InRecordsAt(e, known); },
      out, nullptr);
}

Status ApplyEvent(const Ticket& t, const Event& e, TicketState* st) {
  TicketState next = *st;
  StateMachine machine(t, &next);
  SVC_RETURN_IF_ERROR(machine.Apply(e));
  *st = std::move(next);
  return Status::OK();
}

ResumableFold::ResumableFold(const Ticket& t, const Config& config) : t_(t) {
  state_.offset_minutes = config.offset_minutes;
  machine_ = std::make_unique<StateMachine>(t_, &state_);
}

ResumableFold::~ResumableFold() = default;

Status ResumableFold::Run(size_t* failed) {
  for (; next_ < t_.events.size(); ++next_) {
    Status st = machine_->Apply(t_.events[next_]);
    if (!st.ok()) {
      if (failed) *failed = next_;
      return st;
    }
  }
  return Status::OK();
}

Status ReplayRecord(const Record& r, const Config& config, size_t* failed) {
  if (r.kind == &TicketKind()) {
    Ticket t;
    SVC_RETURN_IF_ERROR(TicketFromRecord(r, &t));
    TicketState st;
    return Fold(t, config, std::nullopt, &st, failed);
  }
  if (r.kind == &CustomerKind()) {
    CustomerState st;
    return FoldCustomer(r, std::nullopt, &st, failed);
  }
  if (r.kind == &VisitKind()) {
    VisitState st;
    return FoldVisit(r, std::nullopt, &st, failed);
  }
  if (r.kind == &PlanKind()) {
    PlanState st;
    return FoldPlan(r, std::nullopt, &st, failed);
  }
  if (r.kind == &NonconformityKind()) {
    NonconformityState st;
    return FoldNonconformity(r, std::nullopt, &st, failed);
  }
  if (r.kind == &AdvanceKind() || r.kind == &WriteoffKind()) {
    return FoldFinanceRecord(r, std::nullopt, nullptr, failed);
  }
  if (r.kind == &TrainingKind()) {
    TrainingState st;
    return FoldTraining(r, std::nullopt, &st, failed);
  }
  // A kind without a fold of its own has no rules beyond its schema.
  return Status::OK();
}

}  // namespace svc
