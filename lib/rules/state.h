// State: a ticket's current state, derived by folding its events in time
// order. Nothing here is stored; the fold is also the state machine: an
// event the state does not allow makes the fold fail with the reason, so a
// command validates a new event by folding the history with it inserted,
// and `svc check` validates a file (also one produced by a merge) the same way.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/config.h"
#include "model/record.h"
#include "model/ticket.h"
#include "rules/fees.h"

namespace svc {

enum class TicketStatus { kNew, kOpen, kClosed, kVoid };
std::string_view StatusName(TicketStatus s);
// "new", "open", "closed", "void"; false if unknown.
bool ParseStatusName(std::string_view name, TicketStatus* out);

// Who did something when: the common part of every step.
struct Step {
  Time at;
  std::string actor;
  // For a step whose values an amendment (`amend = true`) set: when the
  // amendment was recorded (secs); 0 otherwise. A plain event of the same
  // step recorded before it is the one it corrected, however their times
  // order them (an amendment with an earlier --at comes first).
  int64_t amended = 0;
};

struct Classification : Step {
  std::string kind;      // support | quality
  std::string category;  // hardware | software | data | integration | unknown
  int level = 0;         // Table 2
  std::string service;   // a-f, or empty
  bool major = false;    // a major quality problem
  std::string route;     // department code
};

struct Analysis : Step {
  std::string cause, measures, responsibility, corrective;
  std::string cause_category;  // a code of svc.toml [causes] ("": not given)
};

struct Plan : Step {
  std::string text;
};

// A step with what was said or done (a follow-up).
struct Note : Step {
  std::string text;
};

struct Approval : Step {
  std::string role;  // "gm" for the general manager; "customer": the customer's endorsement
  std::string by;    // role "customer": who endorsed it for the customer
  std::string comment;
};

// an actual cost of an outbound record (svc expense).
struct Expense : Step {
  std::string item;      // ExpenseItems(): transport | lodging | meals | material | labour | other
  Money amount;          // > 0
  std::string engineer;  // who spent it (one of the record's techs, or as given)
  std::string note;
};

// 外出服务记录表: one visit.
struct OutboundRecord {
  std::string number;  // SC-26-11-01
  std::string dept;
  std::vector<std::string> techs;
  std::string complexity;  // simple | complex
  std::optional<Time> planned;
  Step filed;
  std::optional<Step> arrived, finished, back, warehoused;
  std::string work, hours, signed_by;
  std::vector<Part> parts;     // used on site
  std::vector<Part> returned;  // brought back (returned / scrapped)
  std::string receipt;         // 入库单: the warehousing receipt's number (RK-yy-mm-NN)
  // Every booking's receipt: also the later of two clones' bookings of the
  // record (the first one's stands as `receipt`; the other's number stays taken).
  std::vector<std::string> receipts;
  std::string data;  // R-4.5.3.2: the re-collected or reworked data booked in
  std::string nonconformity;
  std::optional<Step> redelivered;  // R-4.5.3.2: the data re-delivered to the customer
  std::string redelivery;           // what was re-delivered
  std::vector<Expense> expenses;    // actual costs, in time order
};

// The current quote: what was asked, the schedule used, the result.
struct QuoteState : Step {
  QuoteRequest request;
  Date schedule;
  Money total, charged;
  std::optional<Step> accepted;
};

struct Closing : Step {
  std::string result;  // completed | incomplete
  bool remote = false;
  std::string resolution;
};

struct Verification : Step {
  std::string result;  // resolved | unresolved
  std::string comment;
};

struct Survey : Step {
  std::string satisfaction;  // satisfied | unsatisfied | very-unsatisfied
  int attitude = 0;          // 1-5 (差 一般 满意 好 很好), 0: not asked
  std::string damage;        // none | some | severe
  std::string cleanliness;   // good | poor
  std::string comment;
  int amendments = 0;
};

struct TicketState {
  TicketStatus status = TicketStatus::kNew;
  int offset_minutes = 0;      // the company's (svc.toml), in which messages give times
  std::optional<Step> opened;  // the info form filled
  int opened_level = 0;        // the level given at intake (open --level); 0: none
  int level = 0;               // fault level (from open or classification); 0: not judged
  std::optional<Classification> classification;  // the latest
  int classifications = 0;                       // how many times judged
  std::optional<Analysis> analysis;
  std::optional<Plan> plan;
  std::vector<Approval> approvals;
  std::vector<OutboundRecord> records;  // in filing order
  std::optional<QuoteState> quote;      // the latest quote
  int quotes = 0;
  std::optional<Closing> closing;
  // The unit was out of warranty when the request was received (WarrantyOf,
  // over the form as corrected): paid service unless decided otherwise.
  bool out_of_warranty = false;
  std::optional<Verification> verification;
  std::optional<Survey> survey;
  bool complaint = false;  // opened as a customer complaint (R-4.7 d)
  // the times of answers that call for a follow-up — a
  // survey answered unsatisfied or very unsatisfied, a verification
  // unresolved (amendments included) — and of each follow-up recorded.
  std::vector<Time> unhappy, follow_ups;
  std::vector<Note> follow_up_notes;  // each follow-up: who, when, what was done
  // the first classification as a major problem, and each
  // time the general manager was told (svc notify --to gm, or an approval as gm).
  std::optional<Time> first_major;
  std::vector<Time> gm_told;
  std::optional<Step> voided;
  std::string void_reason;
  int notes = 0;

  // each `svc reopen` and the close it undid (earlier_closings[i] was
  // reopened by reopens[i]); the close and what followed it stay in history.
  std::vector<Step> reopens;
  std::vector<Closing> earlier_closings;
  // the info form's corrections, the latest value per field, in the
  // order the fields were first corrected (model/form.h names the fields).
  std::vector<std::pair<std::string, std::string>> corrections;

  // When steps were taken, as the clocks (clocks.h) and summaries measure
  // them: the first classification and its level, the first of quality kind
  // and the first with an on-site service, the first arrival of any record,
  // and every analysis, plan, verification and survey recorded (amendments
  // included), in history order.
  std::optional<Time> first_classified, first_quality, first_onsite, first_arrival;
  int first_level = 0;
  std::vector<Time> analyses, plans, verifications, surveys;

  const std::string& route() const;  // "" until classified
  // The latest outbound record, or the one numbered `number`; null if none.
  const OutboundRecord* FindRecord(std::string_view number) const;
  // True when a plan was approved by the general manager after the latest plan.
  bool GmApproved() const;
  // True when the plan (if any) has a review's approval after it (the
  // customer's endorsement is not a review).
  bool PlanApproved() const;
  // The customer's endorsement (approve --as customer) after the latest plan.
  const Approval* CustomerEndorsement() const;
  // Paid service: the customer is responsible (quality analysis), or, with no
  // responsibility decided, the ticket was classified --service paid or the
  // unit was out of warranty (R-4.3.6 a, R-4.5.3.1). Our responsibility
  // makes it free; `svc quote --free --reason` decides otherwise too.
  bool Paid() const;
  // How many times the ticket was reopened.
  int reopened() const { return static_cast<int>(reopens.size()); }
};

// The form of `t` as corrected by the `correct` events folded into `st`
// (`t`'s own form is the form as first filled): a ticket with `t`'s form
// and no events.
Ticket CorrectedForm(const Ticket& t, const TicketState& st);

// Whether `e` changes the work or the money agreed, which a closed ticket
// refuses until it is reopened: classify, analyze, plan, approve,
// quote, accept, dispatch, and arrive, finish and close unless they amend.
bool ChangesAgreedWork(const Event& e);

// The one shape of every refusal: "<id>: '<action>' at <time> is not allowed: <why>",
// the time shown in the company's offset.
Status Refusal(const Ticket& t, const Event& e, std::string_view why, int offset_minutes);
// The same for a record of another kind (a customer file, a visit, a plan:
// `id` as its messages name it), the time as the event gives it.
Status Refusal(std::string_view id, const Event& e, std::string_view why);
// A refusal if the ticket is voided (only notes follow a void), else OK.
Status RefuseIfVoided(const Ticket& t, const TicketState& st, const Event& e);
// A refusal if the ticket in state `st` (its state now, whatever `e`'s time)
// is settled for `e`: voided (only notes follow), or closed and `e` changes
// the work or the money agreed (ChangesAgreedWork; reopen it first). A step
// recorded late with --at before the close is refused too: the close settled
// the ticket as the desk saw it.
Status RefuseIfSettled(const Ticket& t, const TicketState& st, const Event& e);

// `[rules] plan_before_dispatch`: the refusal of a
// dispatch `e` of ticket `t` in state `st` (the state as of the filing)
// whose plan is missing or not yet approved as the rule asks — naming the
// plan and the approval missing — else OK. A major problem's plan needs the
// general manager's approval and the customer's endorsement of its
// corrective action under every setting.
Status RefuseUnplannedDispatch(const Ticket& t, const TicketState& st, const Config& config,
                               const Event& e);

// When an event entered the records: its `recorded` time when it was written
// later than it happened (Event::recorded), else its `at`; the later of the
// two should a hand edit have put `recorded` first.
int64_t EnteredSecs(const Event& e);
// Whether `e` was in the records at `moment` (PRODUCT.md, --now): it had
// happened (at) and had been written (recorded) by then.
inline bool InRecordsAt(const Event& e, const Time& moment) {
  return EnteredSecs(e) <= moment.secs;
}

// The fold of a record of any kind but the ticket: `apply(e)` on each event
// of `r` in the records as of `as_of` (InRecordsAt; every event when
// empty), in history order, each one counted appended to *counted. On a
// refusal, *failed (if given) is the refused event's index.
template <typename Apply>
Status FoldEvents(const Record& r, const std::optional<Time>& as_of, Apply apply,
                  std::vector<Event>* counted, size_t* failed) {
  for (size_t i = 0; i < r.events.size(); ++i) {
    const Event& e = r.events[i];
    if (as_of && !InRecordsAt(e, *as_of)) continue;
    if (Status s = apply(e); !s.ok()) {
      if (failed) *failed = i;
      return s;
    }
    counted->push_back(e);
  }
  return Status::OK();
}

// Applies `e` to `st` as the history's next event: the refusal if the
// state does not allow it (`st` then unchanged), else OK with `st` moved on.
Status ApplyEvent(const Ticket& t, const Event& e, TicketState* st);

// Folds the events of `t` as the records stood at `as_of` (all when empty):
// each event in InRecordsAt(as_of), in history order. An event back-dated
// with --at and written after as_of sits early in the history and is skipped.
// Fails with NotAllowed naming the first event the state does not allow;
// *failed_event (if given) is then its index in t.events.
Status Fold(const Ticket& t, const Config& config, const std::optional<Time>& as_of,
            TicketState* out, size_t* failed_event = nullptr);

// How many events this thread's folds have applied (refused ones too), ever:
// for tests that a replay goes on rather than starting over.
uint64_t EventsApplied();

class StateMachine;  // state.cc: the procedure's state machine over one history

// A fold of the whole history of `t` (Fold with no as_of) that can go on
// after a refusal: Run folds the events from the one it reached; on a
// refusal it stops there, the state as it was before the refused event (the
// state machine checks an event before it changes anything), so the caller
// may change that event — the merge marks it amended — and Run again from
// it. The merge driver replays a history with n steps recorded twice in one
// fold this way, not n folds. Holds `t`: its events before the one reached
// must not change.
class ResumableFold {
 public:
  ResumableFold(const Ticket& t, const Config& config);
  ~ResumableFold();
  ResumableFold(const ResumableFold&) = delete;
  ResumableFold& operator=(const ResumableFold&) = delete;

  // OK when every event is folded; else the refusal, *failed (if given)
  // the refused event's index, which the next Run starts at.
  Status Run(size_t* failed = nullptr);
  const TicketState& state() const { return state_; }
  size_t reached() const { return next_; }  // the index of the next event to fold

 private:
  const Ticket& t_;
  TicketState state_;
  std::unique_ptr<StateMachine> machine_;
  size_t next_ = 0;
};

// Folds the events of `t` that happened at or before `until`, whenever they
// were written: the history as known now up to a moment, which a step
// recorded now with --at `until` is judged against (the classification in
// force then, the latest outbound record then).
Status FoldUntil(const Ticket& t, const Config& config, const Time& until, TicketState* out);

// Folds the events of `t` that happened at or before `until` and were in the
// records at `known`: a past period's end as the records stood at a later
// --now (a report: steps entered after the period count at their own time).
// Fold(t, config, T, …) is FoldKnownAt(t, config, T, T, …).
// REQUIRES: known >= until.
Status FoldKnownAt(const Ticket& t, const Config& config, const Time& until, const Time& known,
                   TicketState* out);

// The fold of a record of any kind (model/record.h), for the code that
// serves every kind alike (the merge driver, check): OK if its history
// replays, else the refusal with *failed (if given) the refused event's
// index. A ticket is folded by Fold; each new kind adds its fold here (a
// kind without one has no rules beyond its schema: OK).
Status ReplayRecord(const Record& r, const Config& config, size_t* failed = nullptr);

}  // namespace svc
