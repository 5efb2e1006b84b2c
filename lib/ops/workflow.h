// Workflow: the procedure's actions on an existing ticket.
//
// Every action is an event. A Make*Event function checks the values given
// (InvalidArgument naming the field, Status::field()) and builds the event; Act then takes
// the store lock, loads the ticket, inserts the event at its time, replays
// the history to prove the state allows it (NotAllowed otherwise), and writes
// the ticket atomically. Nothing is written when any step fails.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "model/config.h"
#include "model/ticket.h"
#include "model/values.h"
#include "rules/state.h"
#include "storage/store.h"

namespace svc {

// Who acts, when it happened, and the clock it is judged against.
struct Actor {
  std::string name;
  Time at;
  Time now;
};

// `--amend --reason`: the event corrects the latest such step, whose
// values not given again stay; both stay in the history. Without --at the
// step keeps its time (the correction is inserted there, recorded now);
// with it, --at is the step's corrected time.
struct Amendment {
  bool amend = false;
  std::string reason;     // required with amend
  bool at_given = false;  // --at was given
};

// Builds the event from the ticket and its state as of now; may refuse. The
// event comes with `at` (--at) set; a maker may move it to the time of the
// step it amends.
using EventMaker = std::function<Status(const Ticket&, const TicketState&, Event*)>;

// Records one event on ticket `id` (see above). A settled ticket refuses it
// (RefuseIfSettled: voided, or closed and the event changes the work or the
// money agreed). On success *out (if given) holds the ticket as written.
Status Act(const Store& store, const std::string& id, const Actor& actor, const EventMaker& make,
           Ticket* out = nullptr);

struct ClassifyRequest {
  std::string kind, category, service, to;
  int level = 0;
  bool major = false;
};
Status MakeClassifyEvent(const ClassifyRequest& r, const Config& config, Event* e);

struct AnalyzeRequest {
  std::string cause, measures, responsibility, corrective;
  std::string cause_category;  // a code or name of svc.toml [causes], or empty
};
Status MakeAnalyzeEvent(const AnalyzeRequest& r, const Config& config, Event* e);

struct ApproveRequest {
  std::string role;  // explicit --as; else from the staff list
  std::string comment;
  std::string by;  // role customer: who endorsed it for the customer (required then)
};
Status MakeApproveEvent(const ApproveRequest& r, const Config& config, const std::string& actor,
                        Event* e);
// MakeApproveEvent for ticket `t` as Act's EventMaker (e->actor and e->at
// filled in), refused unless [[staff]] lets the actor approve in that role
// (rules/authority.h): what `svc approve` records.
Status MakeAuthorizedApproveEvent(const ApproveRequest& r, const Config& config, const Ticket& t,
                                  Event* e);

struct DispatchRequest {
  std::vector<std::string> techs;
  std::string complexity;  // simple | complex
  std::string dept;        // default: the route's department (also for quality kind)
  std::optional<Time> planned;
};
// Files an outbound service record: numbered per department code and month
// of filing from the outbound/ registry, under the store lock.
Status Dispatch(const Store& store, const std::string& id, const Actor& actor,
                const DispatchRequest& r, std::string* number);

// --arrive, --finish, --back, --warehouse on the record `record` (latest if empty).
struct MarkRequest {
  std::string action;  // arrive | finish | back | warehouse
  std::string record;
  std::string work, hours, signed_by, nonconformity;
  std::string data;  // warehouse: re-collected or reworked data booked in (R-4.5.3.2)
  std::vector<Part> parts;
  Amendment amendment;  // an arrive amendment needs at_given: the time is its value
};
// `state` is the ticket as of the event's time, so that "the latest record"
// is the latest then (an engineer records a visit hours later).
Status MakeMarkEvent(const MarkRequest& r, const Ticket& t, const TicketState& state, Event* e);

// Records the mark on ticket `id`: the record is chosen as of actor.at, so a
// visit entered hours later lands on the record that was the latest then.
// *record (if given) receives the record's number. A booking into store
// (warehouse, not an amendment) takes the next warehousing receipt's number
// (入库单 RK-yy-mm-NN, svc.toml [numbers] receipt) by the month of booking,
// into *receipt (if given).
Status MarkRecord(const Store& store, const std::string& id, const Actor& actor,
                  const MarkRequest& r, std::string* record = nullptr,
                  std::string* receipt = nullptr);

// R-4.5.3.2: the data booked in from `record` (latest if empty) re-delivered.
Status Redeliver(const Store& store, const std::string& id, const Actor& actor,
                 const std::string& record, const std::string& text, std::string* done = nullptr);

// the follow-up of an unsatisfied survey or unresolved verification.
Status FollowUp(const Store& store, const std::string& id, const Actor& actor,
                const std::string& text);

// a major problem reported to `to` (a role: gm).
Status Notify(const Store& store, const std::string& id, const Actor& actor, const std::string& to,
              const std::string& comment);

struct CloseRequest {
  std::string result;  // completed | incomplete; with an amendment "" keeps the earlier
  bool remote = false;
  std::string resolution;
  Amendment amendment;
};
// `st` is the ticket's state now (an amendment corrects its close).
Status MakeCloseEvent(const CloseRequest& r, const Ticket& t, const TicketState& st, Event* e);

struct SurveyRequest {
  std::string satisfaction, damage, cleanliness, comment, attitude;
  Amendment amendment;  // "" keeps the earlier answer
};
// Accepts the forms' Chinese words: 满意/不满意/非常不满意, 差/一般/满意/好/很好 (or 1-5),
// 有/无/严重, 好/不好. `st` is the ticket's state now (an amendment corrects its survey).
Status MakeSurveyEvent(const SurveyRequest& r, const Ticket& t, const TicketState& st, Event* e);

// `svc reopen`: the closed ticket is open again; `reason` required.
Status MakeReopenEvent(const std::string& reason, Event* e);

// `svc correct`: one field of the info form (model/form.h) corrected.
struct CorrectRequest {
  std::string field, value, reason;
};
// `st` is the ticket's state now: the value must differ from the form as
// corrected so far; a corrected receipt time stays in the number's month and
// not after the form was filled.
Status MakeCorrectEvent(const CorrectRequest& r, const Ticket& t, const TicketState& st,
                        const Config& config, Event* e);

}  // namespace svc
