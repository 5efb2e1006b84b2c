// The fold is the state machine (lib/state.h): every transition the
// procedure allows, every one it refuses, each refusal word for word.
//
// Tickets are built in code (NewTicket, then events appended at their time)
// and folded; nothing touches the disk here.
#include "rules/state.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "format/config_toml.h"
#include "model/ticket.h"
#include "ops/intake.h"
#include "rules/clocks.h"
#include "test_util.h"

namespace svc {
namespace {

// --- building tickets --------------------------------------------------------

using svc_test::T;

// "09:30" -> 2026-11-29T09:30:00+08:00; anything longer is taken as it is.
Time At(std::string_view hhmm) {
  if (hhmm.size() == 5) return T("2026-11-29T" + std::string(hhmm) + ":00+08:00");
  return T(hhmm);
}

std::string Full(std::string_view hhmm) {
  return FormatTime(At(hhmm));
}

const Config& Cfg() {
  static const Config config = [] {
    Config c;
    Status s = ParseConfig(DefaultConfigText(), "svc.toml", &c);
    REQUIRE_MESSAGE(s.ok(), s.message());
    return c;
  }();
  return config;
}

constexpr const char* kId = "YX-26-11-01";

// The info form YX-26-11-01, received and filled at 09:00.
Ticket Opened(int level = 0) {
  IntakeForm form;
  form.via = "YX";
  form.customer.name = "华东电网检修公司";
  form.level = level;
  return NewTicket(form, DocNumber{"YX", 2026, 11, 1, 2}, At("09:00"), "王芳");
}

Event Ev(std::string_view hhmm, std::string action, std::string actor = "王芳") {
  Event e;
  e.at = At(hhmm);
  e.actor = std::move(actor);
  e.action = std::move(action);
  return e;
}

Event Classify(std::string_view at, std::string kind = "support", std::string category = "hardware",
               bool major = false, int level = 2) {
  Event e = Ev(at, "classify");
  e.Set("kind", kind);
  e.Set("category", category);
  e.Set("level", int64_t{level});
  if (major) e.Set("major", true);
  e.Set("route", kind == "quality" ? std::string("ZL") : std::string("SC"));
  return e;
}

Event Analyze(std::string_view at) {
  Event e = Ev(at, "analyze");
  e.Set("cause", std::string("继电器批次缺陷"));
  e.Set("responsibility", std::string("undetermined"));
  return e;
}

Event Plan(std::string_view at, std::string text = "更换继电器") {
  Event e = Ev(at, "plan");
  e.Set("text", text);
  return e;
}

Event Approve(std::string_view at, std::string role = "") {
  Event e = Ev(at, "approve", role == "gm" ? "张建国" : "王芳");
  if (!role.empty()) e.Set("role", role);
  return e;
}

Event Dispatch(std::string_view at, std::string record = "SC-26-11-01") {
  Event e = Ev(at, "dispatch");
  e.Set("record", record);
  e.Set("dept", record.substr(0, 2));
  e.Set("techs", std::vector<std::string>{"张伟"});
  e.Set("complexity", std::string("simple"));
  return e;
}

Event Mark(std::string_view at, std::string action, std::string record = "SC-26-11-01",
           std::vector<Part> parts = {}) {
  Event e = Ev(at, std::move(action));
  e.Set("record", record);
  if (!parts.empty()) e.Set("parts", parts);
  return e;
}

std::vector<Part> Returned() {
  return {Part{"", "继电器", 2, std::nullopt, "returned"}};
}

Event Close(std::string_view at, std::string result = "completed", bool remote = false) {
  Event e = Ev(at, "close");
  e.Set("result", result);
  if (remote) e.Set("remote", true);
  return e;
}

Event Verify(std::string_view at) {
  Event e = Ev(at, "verify");
  e.Set("result", std::string("resolved"));
  return e;
}

Event Survey(std::string_view at, bool amend = false, std::string satisfaction = "satisfied") {
  Event e = Ev(at, "survey");
  e.Set("satisfaction", satisfaction);
  if (amend) e.Set("amend", true);
  return e;
}

Event Note(std::string_view at) {
  Event e = Ev(at, "note");
  e.Set("text", std::string("客户来电催促"));
  return e;
}

Event Void(std::string_view at) {
  Event e = Ev(at, "void");
  e.Set("reason", std::string("重复登记"));
  return e;
}

Ticket With(std::vector<Event> events, Ticket t = Opened()) {
  for (auto& e : events) t.Append(std::move(e));
  return t;
}

Status FoldAll(const Ticket& t, TicketState* s) {
  return Fold(t, Cfg(), std::nullopt, s);
}

// The refusal of `action` at `hhmm` for `why`, as the fold words it.
std::string Refusal(std::string_view action, std::string_view hhmm, std::string_view why) {
  return std::string(kId) + ": '" + std::string(action) + "' at " + Full(hhmm) +
         " is not allowed: " + std::string(why);
}

const std::string kNotClassified =
    "the ticket has not been classified yet (svc classify YX-26-11-01)";
std::string ClosedAt(std::string_view hhmm) {
  return "the ticket was closed at " + Full(hhmm) +
         "; reopen it first (svc reopen YX-26-11-01 --reason TEXT)";
}
std::string VoidedAt(std::string_view hhmm) {
  return "the ticket was voided at " + Full(hhmm);
}
const std::string kNeedGm =
    "it is a major quality problem: the general manager must approve the plan first (R-4.2.2; "
    "svc approve YX-26-11-01 --as gm)";

// --- the table ----------------------------------------------------------------

struct Row {
  const char* name;
  std::vector<Event> events;  // after the open at 09:00
  std::string refusal;        // "" when the history is allowed
};

// Everything the fold sets in a state, as text: two states compared.
std::string Summary(const TicketState& s) {
  std::string out = fmt::format(
      "{} level {}/{}/{} classified {} quotes {} notes {} reopens {}/{} void '{}' corrections {}\n",
      StatusName(s.status), s.level, s.opened_level, s.first_level, s.classifications, s.quotes,
      s.notes, s.reopens.size(), s.earlier_closings.size(), s.void_reason, s.corrections.size());
  auto step = [&out](std::string_view name, const Step* st) {
    if (st) out += fmt::format("{} {} {} {}\n", name, FormatTime(st->at), st->actor, st->amended);
  };
  auto time = [&out](std::string_view name, const std::optional<Time>& t) {
    if (t) out += fmt::format("{} {}\n", name, FormatTime(*t));
  };
  step("opened", s.opened ? &*s.opened : nullptr);
  if (const auto& c = s.classification) {
    step("classified", &*c);
    out += fmt::format("{} {} {} {} {} {}\n", c->kind, c->category, c->level, c->service, c->major,
                       c->route);
  }
  if (s.analysis) step("analysis " + s.analysis->responsibility, &*s.analysis);
  if (s.plan) step("plan " + s.plan->text, &*s.plan);
  for (const Approval& a : s.approvals) step("approval " + a.role, &a);
  for (const OutboundRecord& r : s.records) {
    out += fmt::format("record {} {} {} {} {}/{}/{} {} parts {} returned {}\n", r.number, r.dept,
                       fmt::join(r.techs, ","), r.complexity, r.work, r.hours, r.signed_by,
                       r.nonconformity, r.parts.size(), r.returned.size());
    step("filed", &r.filed);
    step("arrived", r.arrived ? &*r.arrived : nullptr);
    step("finished", r.finished ? &*r.finished : nullptr);
    step("back", r.back ? &*r.back : nullptr);
    step("warehoused", r.warehoused ? &*r.warehoused : nullptr);
  }
  if (const auto& q = s.quote) {
    step("quote", &*q);
    out += fmt::format("{} {}\n", q->total.fen, q->charged.fen);
    step("accepted", q->accepted ? &*q->accepted : nullptr);
  }
  if (const auto& c = s.closing) step(fmt::format("closing {} {}", c->result, c->remote), &*c);
  if (const auto& v = s.verification) step("verification " + v->result, &*v);
  if (const auto& v = s.survey)
    step(fmt::format("survey {} {}", v->satisfaction, v->amendments), &*v);
  step("voided", s.voided ? &*s.voided : nullptr);
  for (const auto& [field, value] : s.corrections) out += field + " = " + value + "\n";
  time("first classified", s.first_classified);
  time("first quality", s.first_quality);
  time("first onsite", s.first_onsite);
  time("first arrival", s.first_arrival);
  out += fmt::format("{} {} {} {}\n", s.analyses.size(), s.plans.size(), s.verifications.size(),
                     s.surveys.size());
  return out;
}

// Folds `t` with a ResumableFold and checks it against Fold: the same
// outcome, and on a refusal the state as the events before the refused one
// leave it (the state machine refuses before it changes anything).
void CheckResumable(const Ticket& t, const Status& folded, const TicketState& fold_state) {
  ResumableFold fold(t, Cfg());
  size_t failed = 0;
  Status st = fold.Run(&failed);
  CHECK(st.message() == folded.message());
  if (st.ok()) {
    CHECK(Summary(fold.state()) == Summary(fold_state));
    return;
  }
  CHECK(fold.reached() == failed);
  Ticket before = t;
  before.events.resize(failed);
  TicketState s;
  SVC_CHECK_OK(FoldAll(before, &s));
  CHECK(Summary(fold.state()) == Summary(s));
  // Run again: the same refusal, nothing folded twice.
  CHECK(fold.Run().message() == st.message());
  CHECK(Summary(fold.state()) == Summary(s));
}

void RunTable(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    CAPTURE(row.name);
    TicketState s;
    Ticket t = With(row.events);
    Status st = FoldAll(t, &s);
    if (row.refusal.empty()) {
      CHECK_MESSAGE(st.ok(), row.name, ": ", st.message());
    } else {
      CHECK_MESSAGE(st.code() == Status::Code::kNotAllowed, row.name, ": ", st.message());
      CHECK_MESSAGE(st.message() == row.refusal, row.name);
    }
    CheckResumable(t, st, s);
  }
}

TEST_CASE("state: open comes first, once") {
  RunTable({
      {"open alone", {}, ""},
      {"note before open",
       {Note("08:59")},
       Refusal("note", "08:59", "it comes before the ticket was opened")},
      {"classify before open",
       {Classify("08:00")},
       Refusal("classify", "08:00", "it comes before the ticket was opened")},
      {"open twice",
       {Ev("09:05", "open")},
       Refusal("open", "09:05", "the ticket was already opened")},
      {"unknown action",
       {Ev("09:05", "frobnicate")},
       Refusal("frobnicate", "09:05", "svc knows no such action")},
  });
}

TEST_CASE("state: classify") {
  RunTable({
      {"classify", {Classify("09:10")}, ""},
      {"re-classify", {Classify("09:10"), Classify("09:20", "support", "software")}, ""},
      {"classify after close",
       {Classify("09:10"), Close("09:20"), Classify("09:30")},
       Refusal("classify", "09:30", ClosedAt("09:20"))},
      {"classify without route",
       {[] {
         Event e = Ev("09:10", "classify");
         e.Set("kind", std::string("support"));
         e.Set("category", std::string("hardware"));
         e.Set("level", int64_t{2});
         return e;
       }()},
       Refusal("classify", "09:10", "the event has no 'route'")},
      {"classify without level",
       {[] {
         Event e = Ev("09:10", "classify");
         e.Set("kind", std::string("support"));
         e.Set("category", std::string("hardware"));
         e.Set("route", std::string("SC"));
         return e;
       }()},
       Refusal("classify", "09:10", "the event has no 'level'")},
  });
}

TEST_CASE("state: re-classifying keeps the count and the latest judgement") {
  TicketState s;
  REQUIRE(FoldAll(With({Classify("09:10"), Classify("09:20", "quality", "software", true, 1)}), &s)
              .ok());
  CHECK(s.classifications == 2);
  REQUIRE(s.classification);
  CHECK(s.classification->kind == "quality");
  CHECK(s.classification->category == "software");
  CHECK(s.classification->major);
  CHECK(s.classification->level == 1);
  CHECK(s.classification->at == At("09:20"));
  CHECK(s.level == 1);
  CHECK(s.route() == "ZL");
  CHECK(s.status == TicketStatus::kOpen);
}

TEST_CASE("state: the quality path - analyze, plan, approve") {
  RunTable({
      {"analyze before classify", {Analyze("09:10")}, Refusal("analyze", "09:10", kNotClassified)},
      {"analyze", {Classify("09:10", "quality"), Analyze("09:20")}, ""},
      {"analyze after close",
       {Classify("09:10", "quality"), Close("09:20"), Analyze("09:30")},
       Refusal("analyze", "09:30", ClosedAt("09:20"))},
      {"plan before classify", {Plan("09:10")}, Refusal("plan", "09:10", kNotClassified)},
      {"plan without analysis (a support ticket's service plan)",
       {Classify("09:10"), Plan("09:20")},
       ""},
      {"plan after analysis", {Classify("09:10", "quality"), Analyze("09:20"), Plan("09:30")}, ""},
      {"plan after close",
       {Classify("09:10"), Close("09:20"), Plan("09:30")},
       Refusal("plan", "09:30", ClosedAt("09:20"))},
      {"plan without text",
       {Classify("09:10"), Ev("09:20", "plan")},
       Refusal("plan", "09:20", "the event has no 'text'")},
      {"approve before classify", {Approve("09:10")}, Refusal("approve", "09:10", kNotClassified)},
      {"approve without a plan",
       {Classify("09:10"), Approve("09:20")},
       Refusal("approve", "09:20", "there is no plan to approve (svc plan YX-26-11-01)")},
      {"approve before the plan (by --at)",
       {Classify("09:10"), Plan("09:30"), Approve("09:20")},
       Refusal("approve", "09:20", "there is no plan to approve (svc plan YX-26-11-01)")},
      {"approve after plan", {Classify("09:10"), Plan("09:20"), Approve("09:30")}, ""},
      {"approve twice",
       {Classify("09:10"), Plan("09:20"), Approve("09:30"), Approve("09:40", "gm")},
       ""},
      {"approve after close",
       {Classify("09:10"), Plan("09:20"), Close("09:25"), Approve("09:30")},
       Refusal("approve", "09:30", ClosedAt("09:25"))},
  });
}

TEST_CASE("state: plan and approvals as folded") {
  TicketState s;
  REQUIRE(FoldAll(With({Classify("09:10", "quality", "hardware", true), Analyze("09:20"),
                        Plan("09:30", "v1"), Approve("09:40", "head"), Approve("09:50", "gm"),
                        Plan("10:00", "v2")}),
                  &s)
              .ok());
  REQUIRE(s.analysis);
  CHECK(s.analysis->cause == "继电器批次缺陷");
  CHECK(s.analysis->responsibility == "undetermined");
  REQUIRE(s.plan);
  CHECK(s.plan->text == "v2");
  CHECK(s.approvals.size() == 2);
  CHECK(s.approvals[1].role == "gm");
  CHECK(s.approvals[1].actor == "张建国");
  // The new plan at 10:00 needs a new review.
  CHECK_FALSE(s.PlanApproved());
  CHECK_FALSE(s.GmApproved());

  REQUIRE(FoldAll(With({Classify("09:10", "quality", "hardware", true), Plan("09:30"),
                        Approve("09:40", "head")}),
                  &s)
              .ok());
  CHECK(s.PlanApproved());
  CHECK_FALSE(s.GmApproved());
  REQUIRE(FoldAll(With({Classify("09:10"), Plan("09:30")}), &s).ok());
  CHECK_FALSE(s.PlanApproved());
  REQUIRE(FoldAll(With({Classify("09:10")}), &s).ok());
  CHECK_FALSE(s.PlanApproved());
  CHECK_FALSE(s.GmApproved());
}

TEST_CASE("state: dispatch, and a major quality problem waits for the general manager") {
  const Event major = Classify("09:10", "quality", "hardware", true);
  RunTable({
      {"dispatch before classify",
       {Dispatch("09:10")},
       Refusal("dispatch", "09:10", kNotClassified)},
      {"dispatch", {Classify("09:10"), Dispatch("09:20")}, ""},
      {"dispatch a quality (not major) ticket without any plan",
       {Classify("09:10", "quality"), Dispatch("09:20")},
       ""},
      {"two records", {Classify("09:10"), Dispatch("09:20"), Dispatch("09:30", "SC-26-11-02")}, ""},
      {"the same record twice",
       {Classify("09:10"), Dispatch("09:20"), Dispatch("09:30")},
       Refusal("dispatch", "09:30", "SC-26-11-01 was already filed")},
      {"dispatch after close",
       {Classify("09:10"), Close("09:20"), Dispatch("09:30")},
       Refusal("dispatch", "09:30", ClosedAt("09:20"))},
      {"dispatch without techs",
       {Classify("09:10"),
        [] {
          Event e = Ev("09:20", "dispatch");
          e.Set("record", std::string("SC-26-11-01"));
          e.Set("dept", std::string("SC"));
          return e;
        }()},
       Refusal("dispatch", "09:20", "the event has no 'techs'")},
      {"major: no plan", {major, Dispatch("09:20")}, Refusal("dispatch", "09:20", kNeedGm)},
      {"major: plan not approved",
       {major, Plan("09:20"), Dispatch("09:30")},
       Refusal("dispatch", "09:30", kNeedGm)},
      {"major: approved without a role",
       {major, Plan("09:20"), Approve("09:30"), Dispatch("09:40")},
       Refusal("dispatch", "09:40", kNeedGm)},
      {"major: approved by the department head only",
       {major, Plan("09:20"), Approve("09:30", "head"), Dispatch("09:40")},
       Refusal("dispatch", "09:40", kNeedGm)},
      {"major: approved by the quality dept only",
       {major, Plan("09:20"), Approve("09:30", "quality"), Dispatch("09:40")},
       Refusal("dispatch", "09:40", kNeedGm)},
      {"major: approved by gm",
       {major, Analyze("09:15"), Plan("09:20"), Approve("09:30", "gm"), Dispatch("09:40")},
       ""},
      {"major: gm approval at the plan's very second",
       {major, Plan("09:20"), Approve("09:20", "gm"), Dispatch("09:40")},
       ""},
      {"major: dispatch filed (by --at) before the gm approval",
       {major, Plan("09:20"), Approve("09:30", "gm"), Dispatch("09:25")},
       Refusal("dispatch", "09:25", kNeedGm)},
      {"major: a new plan after the approval needs a new one",
       {major, Plan("09:20"), Approve("09:30", "gm"), Plan("09:35", "v2"), Dispatch("09:40")},
       Refusal("dispatch", "09:40", kNeedGm)},
      {"major: new plan, then only a head's approval",
       {major, Plan("09:20"), Approve("09:30", "gm"), Plan("09:35", "v2"), Approve("09:37", "head"),
        Dispatch("09:40")},
       Refusal("dispatch", "09:40", kNeedGm)},
      {"major: new plan approved again by gm",
       {major, Plan("09:20"), Approve("09:30", "gm"), Plan("09:35", "v2"), Approve("09:38", "gm"),
        Dispatch("09:40")},
       ""},
      {"major: a record filed before a new plan stays valid",
       {major, Plan("09:20"), Approve("09:30", "gm"), Dispatch("09:40"), Plan("09:50", "v2")},
       ""},
      {"major: the second visit after a new plan waits again",
       {major, Plan("09:20"), Approve("09:30", "gm"), Dispatch("09:40"), Plan("09:50", "v2"),
        Dispatch("10:00", "SC-26-11-02")},
       Refusal("dispatch", "10:00", kNeedGm)},
      {"re-classified major after the dispatch: the record stays",
       {Classify("09:10"), Dispatch("09:20"), Classify("09:30", "quality", "hardware", true)},
       ""},
  });
}

TEST_CASE("state: an outbound record is filed as the event says") {
  Event d = Dispatch("09:20");
  d.Set("techs", std::vector<std::string>{"张伟", "李强"});
  d.Set("complexity", std::string("complex"));
  d.Set("planned", At("12:00"));
  Event bare = Ev("09:30", "dispatch");
  bare.Set("record", std::string("YF-26-11-01"));
  bare.Set("dept", std::string("YF"));
  bare.Set("techs", std::vector<std::string>{"赵六"});
  TicketState s;
  REQUIRE(FoldAll(With({Classify("09:10"), d, bare}), &s).ok());
  REQUIRE(s.records.size() == 2);
  const OutboundRecord& r = s.records[0];
  CHECK(r.number == "SC-26-11-01");
  CHECK(r.dept == "SC");
  CHECK(r.techs == std::vector<std::string>{"张伟", "李强"});
  CHECK(r.complexity == "complex");
  REQUIRE(r.planned);
  CHECK(*r.planned == At("12:00"));
  CHECK(r.filed.at == At("09:20"));
  CHECK_FALSE(r.arrived);
  CHECK(s.records[1].complexity == "simple");  // simple when not given
  CHECK_FALSE(s.records[1].planned);
  CHECK(s.FindRecord("") == &s.records[1]);
  CHECK(s.FindRecord("SC-26-11-01") == &s.records[0]);
  CHECK(s.FindRecord("SC-26-11-09") == nullptr);
  TicketState none;
  CHECK(none.FindRecord("") == nullptr);
}

TEST_CASE("state: arrive, finish, back, warehouse in order, each once") {
  auto filed = [](std::vector<Event> more) {
    std::vector<Event> v = {Classify("09:10"), Dispatch("09:20")};
    for (auto& e : more) v.push_back(std::move(e));
    return v;
  };
  const std::string rec = "SC-26-11-01";
  RunTable({
      {"arrive without a record",
       {Classify("09:10"), Mark("09:20", "arrive")},
       Refusal("arrive", "09:20", "there is no outbound record SC-26-11-01 (yet)")},
      {"arrive before the record was filed (by --at)",
       {Classify("09:10"), Dispatch("09:30"), Mark("09:20", "arrive")},
       Refusal("arrive", "09:20", "there is no outbound record SC-26-11-01 (yet)")},
      {"arrive on another record", filed({Mark("09:30", "arrive", "SC-26-11-02")}),
       Refusal("arrive", "09:30", "there is no outbound record SC-26-11-02 (yet)")},
      {"arrive without 'record'", filed({Ev("09:30", "arrive")}),
       Refusal("arrive", "09:30", "the event has no 'record'")},
      {"arrive", filed({Mark("09:30", "arrive")}), ""},
      {"arrive twice", filed({Mark("09:30", "arrive"), Mark("09:40", "arrive")}),
       Refusal("arrive", "09:40", rec + " was already marked arrived at " + Full("09:30"))},
      {"arrive after close", filed({Close("09:30", "incomplete"), Mark("09:40", "arrive")}),
       Refusal("arrive", "09:40", ClosedAt("09:30"))},
      {"finish before arrive", filed({Mark("09:30", "finish")}),
       Refusal("finish", "09:30", rec + " has not arrived on site yet")},
      {"finish and arrive at the same second, finish recorded first",
       filed({Mark("09:30", "finish"), Mark("09:30", "arrive")}),
       Refusal("finish", "09:30", rec + " has not arrived on site yet")},
      {"arrive recorded after finish, but earlier by --at",
       filed({Mark("10:30", "finish"), Mark("09:30", "arrive")}), ""},
      {"finish", filed({Mark("09:30", "arrive"), Mark("10:30", "finish")}), ""},
      {"finish twice",
       filed({Mark("09:30", "arrive"), Mark("10:30", "finish"), Mark("10:40", "finish")}),
       Refusal("finish", "10:40", rec + " was already marked finished at " + Full("10:30"))},
      {"back before arrive", filed({Mark("09:30", "back")}),
       Refusal("back", "09:30", rec + " has not finished on site yet")},
      {"back before finish", filed({Mark("09:30", "arrive"), Mark("10:30", "back")}),
       Refusal("back", "10:30", rec + " has not finished on site yet")},
      {"back", filed({Mark("09:30", "arrive"), Mark("10:30", "finish"), Mark("12:00", "back")}),
       ""},
      {"back twice",
       filed({Mark("09:30", "arrive"), Mark("10:30", "finish"), Mark("12:00", "back"),
              Mark("12:10", "back", rec, Returned())}),
       Refusal("back", "12:10", rec + " was already marked back at HQ at " + Full("12:00"))},
      {"warehouse before back",
       filed({Mark("09:30", "arrive"), Mark("10:30", "finish"), Mark("11:00", "warehouse")}),
       Refusal("warehouse", "11:00", rec + " is not back at HQ yet")},
      {"warehouse without returned parts",
       filed({Mark("09:30", "arrive"), Mark("10:30", "finish"), Mark("12:00", "back"),
              Mark("13:00", "warehouse")}),
       Refusal("warehouse", "13:00",
               rec + " brought back no parts to book into store (a data project books its "
                     "data: --data TEXT, R-4.5.3.2)")},
      {"warehouse",
       filed({Mark("09:30", "arrive"), Mark("10:30", "finish"),
              Mark("12:00", "back", rec, Returned()), Mark("13:00", "warehouse")}),
       ""},
      {"warehouse twice",
       filed({Mark("09:30", "arrive"), Mark("10:30", "finish"),
              Mark("12:00", "back", rec, Returned()), Mark("13:00", "warehouse"),
              Mark("13:10", "warehouse")}),
       Refusal("warehouse", "13:10",
               rec + " was already marked booked into store at " + Full("13:00"))},
      {"finish after closing incomplete",
       filed({Mark("09:30", "arrive"), Close("10:00", "incomplete"), Mark("10:30", "finish")}),
       Refusal("finish", "10:30", ClosedAt("10:00"))},
      {"back and warehouse after closing incomplete",
       filed({Mark("09:30", "arrive"), Close("10:00", "incomplete"),
              Mark("12:00", "back", rec, Returned())}),
       Refusal("back", "12:00", rec + " has not finished on site yet")},
      {"back and warehouse after closing completed",
       filed({Mark("09:30", "arrive"), Mark("10:30", "finish"), Close("11:00"),
              Mark("12:00", "back", rec, Returned()), Mark("13:00", "warehouse")}),
       ""},
      {"a second visit is marked on its own",
       filed({Mark("09:30", "arrive"), Mark("10:30", "finish"), Dispatch("11:00", "SC-26-11-02"),
              Mark("12:00", "arrive", "SC-26-11-02"), Mark("12:30", "back"),
              Mark("13:00", "finish", "SC-26-11-02")}),
       ""},
      {"a second visit's finish before its arrival",
       filed({Mark("09:30", "arrive"), Mark("10:30", "finish"), Dispatch("11:00", "SC-26-11-02"),
              Mark("12:00", "finish", "SC-26-11-02")}),
       Refusal("finish", "12:00", "SC-26-11-02 has not arrived on site yet")},
  });
}

TEST_CASE("state: what the marks record") {
  Event finish = Mark("10:30", "finish", "SC-26-11-01",
                      {Part{"", "继电器", 2, Money{3550}, "warranty"},
                       Part{"", "螺丝", 10, std::nullopt, "customer"}});
  finish.Set("work", std::string("更换继电器"));
  finish.Set("hours", std::string("2.5"));
  finish.Set("signed_by", std::string("李工"));
  Event wh = Mark("13:00", "warehouse");
  wh.Set("nonconformity", std::string("触点烧蚀"));
  TicketState s;
  REQUIRE(FoldAll(With({Classify("09:10"), Dispatch("09:20"), Mark("09:30", "arrive"), finish,
                        Mark("12:00", "back", "SC-26-11-01", Returned()), wh}),
                  &s)
              .ok());
  REQUIRE(s.records.size() == 1);
  const OutboundRecord& r = s.records[0];
  REQUIRE(r.arrived);
  CHECK(r.arrived->at == At("09:30"));
  REQUIRE(r.finished);
  CHECK(r.finished->at == At("10:30"));
  CHECK(r.work == "更换继电器");
  CHECK(r.hours == "2.5");
  CHECK(r.signed_by == "李工");
  REQUIRE(r.parts.size() == 2);
  CHECK(r.parts[0].name == "继电器");
  CHECK(r.parts[0].unit == Money{3550});
  CHECK(r.parts[1].supply == "customer");
  REQUIRE(r.back);
  CHECK(r.returned == Returned());
  REQUIRE(r.warehoused);
  CHECK(r.warehoused->at == At("13:00"));
  CHECK(r.nonconformity == "触点烧蚀");
}

TEST_CASE("state: close") {
  auto onsite = std::vector<Event>{Classify("09:10"), Dispatch("09:20"), Mark("09:30", "arrive")};
  auto plus = [](std::vector<Event> v, std::vector<Event> more) {
    for (auto& e : more) v.push_back(std::move(e));
    return v;
  };
  RunTable({
      {"close before classify", {Close("09:10")}, Refusal("close", "09:10", kNotClassified)},
      {"close without result",
       {Classify("09:10"), Ev("09:20", "close")},
       Refusal("close", "09:20", "the event has no 'result'")},
      {"close completed", {Classify("09:10"), Close("09:20")}, ""},
      {"close incomplete", {Classify("09:10"), Close("09:20", "incomplete")}, ""},
      {"close --remote", {Classify("09:10"), Close("09:20", "completed", true)}, ""},
      {"close twice",
       {Classify("09:10"), Close("09:20"), Close("09:30", "incomplete")},
       Refusal("close", "09:30", ClosedAt("09:20"))},
      {"close completed while on site", plus(onsite, {Close("10:00")}),
       Refusal("close", "10:00",
               "SC-26-11-01 is still on site (arrived " + Full("09:30") +
                   ", not finished); finish it or close as incomplete")},
      {"close incomplete while on site", plus(onsite, {Close("10:00", "incomplete")}), ""},
      {"close completed after finish", plus(onsite, {Mark("09:50", "finish"), Close("10:00")}), ""},
      {"close completed with a record filed but not yet arrived",
       {Classify("09:10"), Dispatch("09:20"), Close("10:00")},
       ""},
      {"close completed while the second visit is on site",
       plus(onsite, {Mark("09:50", "finish"), Dispatch("10:00", "SC-26-11-02"),
                     Mark("10:30", "arrive", "SC-26-11-02"), Close("11:00")}),
       Refusal("close", "11:00",
               "SC-26-11-02 is still on site (arrived " + Full("10:30") +
                   ", not finished); finish it or close as incomplete")},
  });
}

TEST_CASE("state: verify only after close --remote, once") {
  const std::string not_remote =
      "the ticket was not closed --remote; there is no remote result to verify";
  const std::string not_closed = "the ticket is not closed; there is no result to verify";
  RunTable({
      {"verify before classify", {Verify("09:10")}, Refusal("verify", "09:10", not_closed)},
      {"verify before close",
       {Classify("09:10"), Verify("09:20")},
       Refusal("verify", "09:20", not_closed)},
      {"verify after an on-site close",
       {Classify("09:10"), Close("09:20"), Verify("09:30")},
       Refusal("verify", "09:30", not_remote)},
      {"verify before the remote close (by --at)",
       {Classify("09:10"), Close("09:30", "completed", true), Verify("09:20")},
       Refusal("verify", "09:20", not_closed)},
      {"verify after close --remote",
       {Classify("09:10"), Close("09:20", "completed", true), Verify("09:30")},
       ""},
      {"verify after close --remote incomplete",
       {Classify("09:10"), Close("09:20", "incomplete", true), Verify("09:30")},
       ""},
      {"verify twice",
       {Classify("09:10"), Close("09:20", "completed", true), Verify("09:30"), Verify("09:40")},
       Refusal("verify", "09:40", "it was already verified at " + Full("09:30"))},
  });
  TicketState s;
  Event v = Verify("09:30");
  v.Set("result", std::string("unresolved"));
  v.Set("comment", std::string("客户仍报警"));
  REQUIRE(FoldAll(With({Classify("09:10"), Close("09:20", "completed", true), v}), &s).ok());
  REQUIRE(s.verification);
  CHECK(s.verification->result == "unresolved");
  CHECK(s.verification->comment == "客户仍报警");
}

TEST_CASE("state: survey after close, once, corrections with amend") {
  RunTable({
      {"survey before close",
       {Classify("09:10"), Survey("09:20")},
       Refusal("survey", "09:20",
               "the ticket is not closed yet; the survey follows closing (R-4.5.1)")},
      {"survey before classify",
       {Survey("09:20")},
       Refusal("survey", "09:20",
               "the ticket is not closed yet; the survey follows closing (R-4.5.1)")},
      {"survey without satisfaction",
       {Classify("09:10"), Close("09:20"), Ev("09:30", "survey")},
       Refusal("survey", "09:30", "the event has no 'satisfaction'")},
      {"survey", {Classify("09:10"), Close("09:20"), Survey("09:30")}, ""},
      {"survey twice",
       {Classify("09:10"), Close("09:20"), Survey("09:30"), Survey("09:40")},
       Refusal(
           "survey", "09:40",
           "the survey was already recorded at " + Full("09:30") + "; correct it with --amend")},
      {"amend", {Classify("09:10"), Close("09:20"), Survey("09:30"), Survey("09:40", true)}, ""},
      {"amend twice",
       {Classify("09:10"), Close("09:20"), Survey("09:30"), Survey("09:40", true),
        Survey("09:50", true)},
       ""},
      {"a plain survey after an amendment",
       {Classify("09:10"), Close("09:20"), Survey("09:30"), Survey("09:40", true), Survey("09:50")},
       Refusal(
           "survey", "09:50",
           "the survey was already recorded at " + Full("09:40") + "; correct it with --amend")},
      // The amendment may come first (moved to an earlier --at; a merge);
      // svc survey --amend itself refuses when there is no survey.
      {"amend with no survey", {Classify("09:10"), Close("09:20"), Survey("09:30", true)}, ""},
      {"amend before close",
       {Classify("09:10"), Survey("09:15", true), Close("09:20")},
       Refusal("survey", "09:15",
               "the ticket is not closed yet; the survey follows closing (R-4.5.1)")},
  });
  Event first = Survey("09:30");
  first.Set("attitude", int64_t{5});
  first.Set("damage", std::string("none"));
  first.Set("cleanliness", std::string("good"));
  first.Set("comment", std::string("很好"));
  TicketState s;
  REQUIRE(
      FoldAll(With({Classify("09:10"), Close("09:20"), first, Survey("09:40", true, "unsatisfied"),
                    Survey("09:50", true, "very-unsatisfied")}),
              &s)
          .ok());
  REQUIRE(s.survey);
  CHECK(s.survey->satisfaction == "very-unsatisfied");
  CHECK(s.survey->amendments == 2);
  CHECK(s.survey->at == At("09:50"));
  CHECK(s.survey->attitude == 0);  // an amendment replaces the whole survey
  REQUIRE(FoldAll(With({Classify("09:10"), Close("09:20"), first}), &s).ok());
  CHECK(s.survey->attitude == 5);
  CHECK(s.survey->damage == "none");
  CHECK(s.survey->cleanliness == "good");
  CHECK(s.survey->comment == "很好");
  CHECK(s.survey->amendments == 0);
}

TEST_CASE("state: note anywhere after open; nothing but note after void") {
  RunTable({
      {"note on a new ticket", {Note("09:10")}, ""},
      {"notes all along",
       {Note("09:05"), Classify("09:10"), Note("09:15"), Close("09:20"), Note("09:25"),
        Survey("09:30"), Note("09:35")},
       ""},
      {"void a new ticket", {Void("09:10")}, ""},
      {"void a closed ticket", {Classify("09:10"), Close("09:20"), Void("09:30")}, ""},
      {"note after void", {Classify("09:10"), Void("09:20"), Note("09:30"), Note("09:40")}, ""},
      {"void twice", {Void("09:10"), Void("09:20")}, Refusal("void", "09:20", VoidedAt("09:10"))},
      {"an event before the void stays valid", {Void("09:30"), Classify("09:10")}, ""},
  });

  // Every action svc knows but note is refused after a void, with the void's time.
  const std::vector<Event> history = {Classify("09:10"),
                                      Plan("09:12"),
                                      Dispatch("09:15"),
                                      Mark("09:20", "arrive"),
                                      Close("09:25", "incomplete", true),
                                      Void("09:30")};
  int refused = 0;
  for (const ActionSpec& spec : AllActions()) {
    std::string action(spec.action);
    CAPTURE(action);
    Ticket t = With(history);
    t.Append(Ev("09:40", action));  // the void check comes before any field is looked at
    TicketState s;
    Status st = FoldAll(t, &s);
    if (action == "note" || action == "renumber") {  // a voided number may still collide
      CHECK_MESSAGE(st.ok(), st.message());
      continue;
    }
    ++refused;
    CHECK(st.code() == Status::Code::kNotAllowed);
    CHECK(st.message() == Refusal(action, "09:40", VoidedAt("09:30")));
  }
  CHECK(refused >= 14);

  // And with complete events, one of each.
  RunTable({
      {"classify after void",
       {Void("09:30"), Classify("09:40")},
       Refusal("classify", "09:40", VoidedAt("09:30"))},
      {"close after void",
       {Classify("09:10"), Void("09:30"), Close("09:40")},
       Refusal("close", "09:40", VoidedAt("09:30"))},
      {"survey after void",
       {Classify("09:10"), Close("09:20"), Void("09:30"), Survey("09:40")},
       Refusal("survey", "09:40", VoidedAt("09:30"))},
      {"finish after void",
       {Classify("09:10"), Dispatch("09:15"), Mark("09:20", "arrive"), Void("09:30"),
        Mark("09:40", "finish")},
       Refusal("finish", "09:40", VoidedAt("09:30"))},
  });
}

TEST_CASE("state: status through the path") {
  struct StatusRow {
    std::vector<Event> events;
    TicketStatus status;
  };
  const std::vector<StatusRow> steps = {
      {{}, TicketStatus::kNew},
      {{Note("09:05")}, TicketStatus::kNew},
      {{Classify("09:10")}, TicketStatus::kOpen},
      {{Classify("09:10"), Close("09:20")}, TicketStatus::kClosed},
      {{Classify("09:10"), Close("09:20"), Survey("09:30")}, TicketStatus::kClosed},
      {{Classify("09:10"), Void("09:20")}, TicketStatus::kVoid},
      {{Void("09:10")}, TicketStatus::kVoid},
      {{Classify("09:10"), Close("09:20"), Void("09:30"), Note("09:40")}, TicketStatus::kVoid},
  };
  for (const StatusRow& step : steps) {
    TicketState s;
    REQUIRE(FoldAll(With(step.events), &s).ok());
    CHECK(s.status == step.status);
  }
  TicketState s;
  REQUIRE(FoldAll(With({Note("09:05"), Classify("09:10"), Void("09:20"), Note("09:30")}), &s).ok());
  REQUIRE(s.opened);
  CHECK(s.opened->at == At("09:00"));
  CHECK(s.opened->actor == "王芳");
  REQUIRE(s.voided);
  CHECK(s.voided->at == At("09:20"));
  CHECK(s.void_reason == "重复登记");
  CHECK(s.notes == 2);
  CHECK_FALSE(s.closing);

  // The level from the form until a classification judges it.
  REQUIRE(FoldAll(With({}, Opened(3)), &s).ok());
  CHECK(s.level == 3);
  CHECK(s.route().empty());
  REQUIRE(FoldAll(With({Classify("09:10", "support", "hardware", false, 1)}, Opened(3)), &s).ok());
  CHECK(s.level == 1);
  CHECK(s.route() == "SC");
}

TEST_CASE("state: close as folded") {
  TicketState s;
  Event c = Close("09:20", "incomplete", true);
  c.Set("resolution", std::string("远程指导未果"));
  REQUIRE(FoldAll(With({Classify("09:10"), c}), &s).ok());
  REQUIRE(s.closing);
  CHECK(s.closing->result == "incomplete");
  CHECK(s.closing->remote);
  CHECK(s.closing->resolution == "远程指导未果");
  CHECK(s.closing->at == At("09:20"));
}

TEST_CASE("state: status names") {
  const std::pair<TicketStatus, const char*> names[] = {{TicketStatus::kNew, "new"},
                                                        {TicketStatus::kOpen, "open"},
                                                        {TicketStatus::kClosed, "closed"},
                                                        {TicketStatus::kVoid, "void"}};
  for (auto [status, name] : names) {
    CHECK(StatusName(status) == name);
    TicketStatus parsed = TicketStatus::kNew;
    CHECK(ParseStatusName(name, &parsed));
    CHECK(parsed == status);
  }
  TicketStatus parsed = TicketStatus::kOpen;
  CHECK_FALSE(ParseStatusName("voided", &parsed));
  CHECK_FALSE(ParseStatusName("", &parsed));
  CHECK(parsed == TicketStatus::kOpen);
}

TEST_CASE("state: folding as of a moment ignores what came later") {
  // An invalid event after as_of does not matter: it has not happened yet.
  const Ticket t =
      With({Classify("09:10"), Dispatch("09:20"), Mark("09:30", "arrive"), Mark("09:50", "finish"),
            Close("10:00", "incomplete"), Survey("11:00"), Mark("12:00", "finish")});
  TicketState s;
  Status all = FoldAll(t, &s);
  CHECK(all.message() == Refusal("finish", "12:00", ClosedAt("10:00")));

  struct AsOfRow {
    const char* as_of;
    TicketStatus status;
    size_t records;
    bool arrived, finished, surveyed;
  };
  const AsOfRow rows[] = {
      {"09:00", TicketStatus::kNew, 0, false, false, false},
      {"09:09", TicketStatus::kNew, 0, false, false, false},
      {"09:10", TicketStatus::kOpen, 0, false, false, false},  // at == as_of counts
      {"09:29", TicketStatus::kOpen, 1, false, false, false},
      {"09:30", TicketStatus::kOpen, 1, true, false, false},
      {"09:50", TicketStatus::kOpen, 1, true, true, false},
      {"10:00", TicketStatus::kClosed, 1, true, true, false},
      {"10:59", TicketStatus::kClosed, 1, true, true, false},
      {"11:59", TicketStatus::kClosed, 1, true, true, true},
  };
  for (const AsOfRow& row : rows) {
    CAPTURE(row.as_of);
    TicketState st;
    Status status = Fold(t, Cfg(), At(row.as_of), &st);
    REQUIRE_MESSAGE(status.ok(), status.message());
    CHECK(st.status == row.status);
    REQUIRE(st.records.size() == row.records);
    if (row.records) {
      CHECK(st.records[0].arrived.has_value() == row.arrived);
      CHECK(st.records[0].finished.has_value() == row.finished);
    }
    CHECK(st.survey.has_value() == row.surveyed);
  }
  // One second before the bad event is still fine; at it, it is refused.
  TicketState st;
  CHECK(Fold(t, Cfg(), T("2026-11-29T11:59:59+08:00"), &st).ok());
  CHECK(Fold(t, Cfg(), At("12:00"), &st).code() == Status::Code::kNotAllowed);
  // as_of before the open: an empty state.
  CHECK(Fold(t, Cfg(), At("08:00"), &st).ok());
  CHECK_FALSE(st.opened);
  CHECK(st.status == TicketStatus::kNew);
}

// Event `e` entered the records at `hhmm` (written later than it happened, --at).
Event EnteredAt(Event e, std::string_view hhmm) {
  e.recorded = At(hhmm);
  return e;
}

TEST_CASE("state: as of a moment, a back-dated event counts from when it was entered") {
  // Arrival, finish and close happened 15:00-15:40 and were entered at 21:00;
  // a note at 16:00 was entered at once.
  const Ticket t =
      With({Classify("09:10"), Dispatch("09:20"), EnteredAt(Mark("15:00", "arrive"), "21:00"),
            EnteredAt(Mark("15:20", "finish"), "21:00"), Note("16:00"),
            EnteredAt(Close("15:40"), "21:00")});
  struct AsOfEntered {
    const char* as_of;
    TicketStatus status;
    bool arrived, finished;
    int notes;
  };
  const AsOfEntered rows[] = {
      {"14:59", TicketStatus::kOpen, false, false, 0},  // before any of them happened
      {"15:00", TicketStatus::kOpen, false, false, 0},  // happened, not entered
      {"15:40", TicketStatus::kOpen, false, false, 0},
      {"16:00", TicketStatus::kOpen, false, false, 1},  // the note after them counts
      {"20:59", TicketStatus::kOpen, false, false, 1},
      {"21:00", TicketStatus::kClosed, true, true, 1},  // entered == as_of counts
      {"23:00", TicketStatus::kClosed, true, true, 1},
  };
  for (const AsOfEntered& row : rows) {
    CAPTURE(row.as_of);
    TicketState st;
    Status status = Fold(t, Cfg(), At(row.as_of), &st);
    REQUIRE_MESSAGE(status.ok(), status.message());
    CHECK(st.status == row.status);
    REQUIRE(st.records.size() == 1);
    CHECK(st.records[0].arrived.has_value() == row.arrived);
    CHECK(st.records[0].finished.has_value() == row.finished);
    CHECK(st.notes == row.notes);
    CHECK(st.closing.has_value() == (row.status == TicketStatus::kClosed));
  }
  // FoldUntil: the history as known now up to a moment, whenever entered.
  TicketState until;
  SVC_REQUIRE_OK(FoldUntil(t, Cfg(), At("15:30"), &until));
  CHECK(until.records[0].arrived.has_value());
  CHECK(until.records[0].finished.has_value());
  CHECK_FALSE(until.closing);
  CHECK(until.notes == 0);
  // FoldKnownAt: happened by 15:30, as the records stood later.
  TicketState known;
  SVC_REQUIRE_OK(FoldKnownAt(t, Cfg(), At("15:30"), At("20:00"), &known));
  CHECK_FALSE(known.records[0].arrived);
  SVC_REQUIRE_OK(FoldKnownAt(t, Cfg(), At("15:30"), At("21:00"), &known));
  CHECK(known.records[0].arrived.has_value());
  CHECK(known.records[0].finished.has_value());
  CHECK_FALSE(known.closing);
  SVC_REQUIRE_OK(FoldKnownAt(t, Cfg(), At("16:00"), At("16:00"), &known));
  CHECK_FALSE(known.records[0].arrived);  // as Fold as of 16:00
  CHECK(known.notes == 1);
}

TEST_CASE("state: when an event entered the records") {
  Event e = Note("10:00");
  CHECK(EnteredSecs(e) == At("10:00").secs);
  CHECK(InRecordsAt(e, At("10:00")));
  CHECK_FALSE(InRecordsAt(e, T("2026-11-29T09:59:59+08:00")));
  e.recorded = At("12:00");
  CHECK(EnteredSecs(e) == At("12:00").secs);
  CHECK_FALSE(InRecordsAt(e, At("11:59")));
  CHECK(InRecordsAt(e, At("12:00")));
  // A recorded time before `at` (only by hand) counts from `at`.
  e.recorded = At("08:00");
  CHECK(EnteredSecs(e) == At("10:00").secs);
  CHECK_FALSE(InRecordsAt(e, At("09:00")));
}

TEST_CASE("state: a failed fold leaves the output untouched") {
  TicketState s;
  REQUIRE(FoldAll(With({Classify("09:10")}), &s).ok());
  CHECK(FoldAll(With({Close("09:10")}), &s).code() == Status::Code::kNotAllowed);
  CHECK(s.status == TicketStatus::kOpen);
  CHECK(s.classifications == 1);
}

TEST_CASE("state: events are folded in time order, not in the order they were added") {
  // Recorded late: the engineer enters arrive, finish and back hours later,
  // after the desk already closed the ticket.
  Ticket t = Opened();
  t.Append(Classify("09:10"));
  t.Append(Dispatch("09:20"));
  t.Append(Close("15:00"));
  t.Append(Mark("14:00", "finish"));
  t.Append(Mark("10:00", "arrive"));
  t.Append(Mark("16:00", "back", "SC-26-11-01", Returned()));
  REQUIRE(t.events.size() == 7);
  std::vector<std::string> order;
  for (const auto& e : t.events) order.push_back(e.action);
  CHECK(order == std::vector<std::string>{"open", "classify", "dispatch", "arrive", "finish",
                                          "close", "back"});
  TicketState s;
  Status st = FoldAll(t, &s);
  CHECK_MESSAGE(st.ok(), st.message());
}

// --- settled tickets, reopen, corrections, amendments -----------------------

Event Reopen(std::string_view at) {
  Event e = Ev(at, "reopen");
  e.Set("reason", std::string("客户来电：同一故障复发"));
  return e;
}

Event Correct(std::string_view at, std::string field, std::string value) {
  Event e = Ev(at, "correct");
  e.Set("field", std::move(field));
  e.Set("value", std::move(value));
  e.Set("reason", std::string("登记有误"));
  return e;
}

// `e` as an amendment recorded at `recorded` (its `at` stays).
Event Amended(Event e, std::string_view recorded) {
  e.Set("amend", true);
  e.Set("reason", std::string("更正"));
  e.recorded = At(recorded);
  return e;
}

TEST_CASE("state: a closed ticket refuses what changes the work or the money") {
  auto closed = [](std::vector<Event> after) {
    std::vector<Event> v = {Classify("09:10"), Dispatch("09:20"), Mark("09:30", "arrive"),
                            Mark("09:40", "finish"), Close("10:00")};
    for (auto& e : after) v.push_back(std::move(e));
    return v;
  };
  Event quote = Ev("10:30", "quote");
  quote.Set("schedule", Date{2017, 1, 1});
  quote.Set("total", Money{100});
  quote.Set("charged", Money{100});
  RunTable({
      {"classify", closed({Classify("10:30")}), Refusal("classify", "10:30", ClosedAt("10:00"))},
      {"analyze", closed({Analyze("10:30")}), Refusal("analyze", "10:30", ClosedAt("10:00"))},
      {"plan", closed({Plan("10:30")}), Refusal("plan", "10:30", ClosedAt("10:00"))},
      {"approve", closed({Approve("10:30")}), Refusal("approve", "10:30", ClosedAt("10:00"))},
      {"quote", closed({quote}), Refusal("quote", "10:30", ClosedAt("10:00"))},
      {"dispatch", closed({Dispatch("10:30", "SC-26-11-02")}),
       Refusal("dispatch", "10:30", ClosedAt("10:00"))},
      {"arrive", closed({Mark("10:30", "arrive")}), Refusal("arrive", "10:30", ClosedAt("10:00"))},
      {"finish", closed({Mark("10:30", "finish")}), Refusal("finish", "10:30", ClosedAt("10:00"))},
      {"close", closed({Close("10:30")}), Refusal("close", "10:30", ClosedAt("10:00"))},
      // What follows a job stays open.
      {"note, back, warehouse, survey",
       closed({Note("10:10"), Mark("10:20", "back", "SC-26-11-01", Returned()),
               Mark("10:30", "warehouse"), Survey("10:40")}),
       ""},
      {"corrections and amendments",
       closed({Correct("10:10", "customer", "华东电网公司"),
               Amended(Close("10:00", "incomplete"), "10:20"),
               Amended(Mark("09:35", "arrive"), "10:30")}),
       ""},
      {"reopen, then the work again",
       closed({Reopen("11:00"), Dispatch("11:10", "SC-26-11-02"),
               Mark("12:00", "arrive", "SC-26-11-02"), Mark("13:00", "finish", "SC-26-11-02"),
               Close("13:30")}),
       ""},
  });
  CHECK(ChangesAgreedWork(Close("10:00")));
  CHECK_FALSE(ChangesAgreedWork(Amended(Close("10:00"), "11:00")));
  CHECK_FALSE(ChangesAgreedWork(Note("10:00")));
}

TEST_CASE("state: reopen") {
  RunTable({
      {"reopen an open ticket",
       {Classify("09:10"), Reopen("09:20")},
       Refusal("reopen", "09:20", "the ticket is not closed")},
      {"reopen before classify",
       {Reopen("09:20")},
       Refusal("reopen", "09:20", "the ticket is not closed")},
      {"reopen twice",
       {Classify("09:10"), Close("09:20"), Reopen("09:30"), Reopen("09:40")},
       Refusal("reopen", "09:40", "the ticket is not closed")},
      {"reopen a voided ticket",
       {Classify("09:10"), Close("09:20"), Void("09:30"), Reopen("09:40")},
       Refusal("reopen", "09:40", VoidedAt("09:30"))},
      {"closed, reopened, closed, reopened",
       {Classify("09:10"), Close("09:20"), Reopen("09:30"), Close("09:40"), Reopen("09:50")},
       ""},
      {"the second close is surveyed again",
       {Classify("09:10"), Close("09:20"), Survey("09:25"), Reopen("09:30"), Close("09:40"),
        Survey("09:50")},
       ""},
  });
  TicketState s;
  REQUIRE(FoldAll(With({Classify("09:10"), Close("09:20", "incomplete", true), Verify("09:22"),
                        Survey("09:25"), Reopen("09:30")}),
                  &s)
              .ok());
  CHECK(s.status == TicketStatus::kOpen);
  CHECK(s.reopened() == 1);
  CHECK_FALSE(s.closing);
  CHECK_FALSE(s.survey);
  CHECK_FALSE(s.verification);
  REQUIRE(s.earlier_closings.size() == 1);
  CHECK(s.earlier_closings[0].result == "incomplete");
  CHECK(s.reopens[0].at == At("09:30"));
}

TEST_CASE("state: a survey clock per close; a reopen ends the earlier close's") {
  struct ClockRow {
    const char* name;
    std::vector<Event> events;
    std::vector<std::string> surveys;  // "state start stop" of each survey clock
  };
  const ClockRow rows[] = {
      {"surveyed, reopened, closed again, not yet surveyed",
       {Classify("09:10"), Close("09:20"), Survey("09:25"), Reopen("10:00"), Close("11:00")},
       {"met 09:20 09:25", "running 11:00 -"}},
      {"reopened before the survey: the reopen stops it",
       {Classify("09:10"), Close("09:20"), Reopen("10:00"), Close("11:00"), Survey("11:30")},
       {"met 09:20 10:00", "met 11:00 11:30"}},
      {"reopened after the survey was due",
       {Classify("09:10"), Close("09:20"), Reopen("2026-11-30T09:00:00+08:00")},
       {"breached 09:20 2026-11-30T09:00:00+08:00"}},
  };
  for (const ClockRow& row : rows) {
    CAPTURE(row.name);
    Ticket t = With(row.events);
    TicketState st;
    REQUIRE(FoldAll(t, &st).ok());
    std::vector<std::string> got;
    for (const Clock& c : ComputeClocks(t, st, Cfg(), At("2026-11-29T12:00:00+08:00"))) {
      if (c.name != "survey") continue;
      auto hhmm = [](const Time& x) {
        std::string f = FormatTime(x);
        return f.substr(0, 10) == "2026-11-29" ? f.substr(11, 5) : f;
      };
      got.push_back(fmt::format("{} {} {}", ClockStateName(c.state), hhmm(c.start),
                                c.stop ? hhmm(*c.stop) : "-"));
    }
    CHECK(got == row.surveys);
  }
  // Work before the first close stops there; the second round's repair runs.
  Ticket t = With({Classify("09:10", "support", "hardware", false, 2), Close("09:20"),
                   Reopen("10:00"), Dispatch("10:10"), Mark("10:30", "arrive")});
  TicketState st;
  REQUIRE(FoldAll(t, &st).ok());
  for (const Clock& c : ComputeClocks(t, st, Cfg(), At("11:00"))) {
    CAPTURE(c.name);
    if (c.name == "repair") CHECK(c.state == ClockState::kRunning);
    if (c.name == "response") CHECK(c.stop == At("09:10"));
  }
}

TEST_CASE("state: corrections of the info form") {
  RunTable({
      {"a correction", {Correct("09:10", "customer", "华东电网公司")}, ""},
      {"on a closed ticket",
       {Classify("09:10"), Close("09:20"), Correct("09:30", "phone", "1")},
       ""},
      {"an unknown field",
       {Correct("09:10", "colour", "red")},
       Refusal("correct", "09:10",
               "the form has no field 'colour' (fields: customer, contact, title, phone, address, "
               "product, model, size, serial, quantity, project_no, equipment_no, commissioned, "
               "purchased, invoice_no, warranty_until, description, received)")},
      {"a field as an option spells it",
       {Correct("09:10", "project-no", "AB-1")},
       Refusal("correct", "09:10",
               "the form has no field 'project-no' (fields: customer, contact, title, phone, "
               "address, product, model, size, serial, quantity, project_no, equipment_no, "
               "commissioned, purchased, invoice_no, warranty_until, description, received)")},
      {"a bad quantity",
       {Correct("09:10", "quantity", "0")},
       Refusal("correct", "09:10", "quantity: '0' is not a quantity from 1 to 1000000")},
      {"an empty customer",
       {Correct("09:10", "customer", " ")},
       Refusal("correct", "09:10", "customer: the customer's name must not be empty")},
      {"after a void",
       {Void("09:10"), Correct("09:20", "phone", "1")},
       Refusal("correct", "09:20", VoidedAt("09:10"))},
  });
  Ticket t =
      With({Correct("09:10", "customer", "甲"), Correct("09:20", "quantity", "3"),
            Correct("09:30", "customer", "乙"), Correct("09:40", "commissioned", "2024-05-01"),
            Correct("09:50", "received", "2026-11-29T08:30:00+08:00")});
  TicketState st;
  REQUIRE(FoldAll(t, &st).ok());
  CHECK(st.corrections == std::vector<std::pair<std::string, std::string>>{
                              {"customer", "乙"},
                              {"quantity", "3"},
                              {"commissioned", "2024-05-01"},
                              {"received", "2026-11-29T08:30:00+08:00"}});
  Ticket form = CorrectedForm(t, st);
  CHECK(form.customer.name == "乙");
  CHECK(form.equipment.quantity == 3);
  CHECK(form.equipment.commissioned == Date{2024, 5, 1});
  CHECK(form.received == At("08:30"));
  CHECK(form.events.empty());
  CHECK(t.customer.name == "华东电网检修公司");  // the form as first filled stays
  // The corrected receipt starts the clocks.
  for (const Clock& c : ComputeClocks(form, st, Cfg(), At("10:00"))) {
    if (c.name == "form") CHECK(c.start == At("08:30"));
  }
  // As of a moment before a correction, the form as it stood then.
  TicketState then;
  REQUIRE(Fold(t, Cfg(), At("09:25"), &then).ok());
  CHECK(CorrectedForm(t, then).customer.name == "甲");
}

TEST_CASE("state: an amendment replaces the step's values, recorded before or after it") {
  RunTable({
      {"arrival moved earlier (the amendment comes first)",
       {Classify("09:10"), Dispatch("09:20"), Mark("09:40", "arrive"),
        Amended(Mark("09:30", "arrive"), "10:00")},
       ""},
      {"a plain arrival recorded after the amendment is a second arrival",
       {Classify("09:10"), Dispatch("09:20"), Amended(Mark("09:30", "arrive"), "09:35"),
        Mark("09:40", "arrive")},
       Refusal("arrive", "09:40", "SC-26-11-01 was already marked arrived at " + Full("09:30"))},
      {"arrival moved after the finish",
       {Classify("09:10"), Dispatch("09:20"), Mark("09:30", "arrive"), Mark("09:40", "finish"),
        Amended(Mark("09:50", "arrive"), "10:00")},
       Refusal("arrive", "09:50",
               "SC-26-11-01 finished on site at " + Full("09:40") + ", before this arrival")},
      {"finish moved after the return",
       {Classify("09:10"), Dispatch("09:20"), Mark("09:30", "arrive"), Mark("09:40", "finish"),
        Mark("10:00", "back", "SC-26-11-01", Returned()),
        Amended(Mark("10:10", "finish"), "10:20")},
       Refusal("finish", "10:10",
               "SC-26-11-01 was back at HQ at " + Full("10:00") + ", before this completion")},
      {"close moved earlier",
       {Classify("09:10"), Close("09:40"), Amended(Close("09:30"), "10:00")},
       ""},
      {"survey moved earlier",
       {Classify("09:10"), Close("09:20"), Survey("09:40"), Amended(Survey("09:30"), "10:00")},
       ""},
  });
  TicketState s;
  REQUIRE(FoldAll(With({Classify("09:10"), Dispatch("09:20"), Mark("09:40", "arrive"),
                        Amended(Mark("09:30", "arrive"), "10:00"), Close("10:30", "incomplete"),
                        Amended(Close("10:30"), "11:00")}),
                  &s)
              .ok());
  CHECK(s.records[0].arrived->at == At("09:30"));
  CHECK(s.first_arrival == At("09:30"));
  CHECK(s.closing->result == "completed");  // the amendment's values stand
  CHECK(s.closing->at == At("10:30"));
}

// The merge's replay (rules/merge.h): a refused step marked amended, and
// the fold goes on from it; the outcome is a fold of the amended history.
TEST_CASE("state: a resumable fold goes on from a refused event once it is changed") {
  // Twelve records (more than the fold scans for: found by an index), each
  // marked arrived twice, out of filing order, then finished.
  std::vector<Event> events = {Classify("09:10")};
  for (int i = 1; i <= 12; ++i) {
    events.push_back(Dispatch(fmt::format("09:{:02d}", 10 + i), fmt::format("SC-26-11-{:02d}", i)));
  }
  for (int i = 12; i >= 1; --i) {
    std::string record = fmt::format("SC-26-11-{:02d}", i);
    events.push_back(Mark(fmt::format("10:{:02d}", 2 * (12 - i)), "arrive", record));
    events.push_back(Mark(fmt::format("10:{:02d}", 2 * (12 - i) + 1), "arrive", record));
  }
  events.push_back(Mark("11:00", "finish", "SC-26-11-07"));
  Ticket t = With(events);
  ResumableFold fold(t, Cfg());
  size_t failed = 0, refusals = 0;
  uint64_t applied = EventsApplied();
  Status st;
  while (!(st = fold.Run(&failed)).ok()) {
    ++refusals;
    CHECK(t.events[failed].action == "arrive");
    CHECK_MESSAGE(st.message().find("was already marked arrived") != std::string::npos,
                  st.message());
    t.events[failed].Set("amend", true);
    REQUIRE(refusals <= 12);
  }
  CHECK(refusals == 12);
  CHECK(EventsApplied() - applied == t.events.size() + 12);
  TicketState s;
  SVC_CHECK_OK(FoldAll(t, &s));
  CHECK(Summary(fold.state()) == Summary(s));
  CHECK(s.FindRecord("SC-26-11-12")->arrived->at == At("10:01"));
  CHECK(s.first_arrival == At("10:01"));
  CHECK(s.records[6].finished);
}

// The first arrival of any record, as the clocks take it: the earliest,
// whichever record and however amendments move it.
TEST_CASE("state: the first arrival follows amendments, over many records") {
  std::vector<Event> events = {Classify("09:10")};
  for (int i = 1; i <= 10; ++i) {
    events.push_back(Dispatch(fmt::format("09:{:02d}", 10 + i), fmt::format("SC-26-11-{:02d}", i)));
  }
  auto arrive = [](std::string_view at, int record, std::string_view amended_at = "") {
    Event e = Mark(at, "arrive", fmt::format("SC-26-11-{:02d}", record));
    return amended_at.empty() ? e : Amended(e, amended_at);
  };
  struct Case {
    const char* name;
    std::vector<Event> arrivals;
    std::string first;  // "HH:MM"
  };
  std::vector<Case> cases = {
      {"in order", {arrive("10:00", 3), arrive("10:10", 1), arrive("10:20", 2)}, "10:00"},
      {"the first moved later by its amendment",
       {arrive("10:00", 3), arrive("10:10", 1), arrive("10:30", 3, "10:40")},
       "10:10"},
      {"the first moved earlier",
       {arrive("10:00", 3), arrive("10:10", 1), arrive("09:50", 3, "10:40")},
       "09:50"},
      {"another moved before the first",
       {arrive("10:00", 3), arrive("10:10", 1), arrive("09:55", 1, "10:40")},
       "09:55"},
      {"another moved, still after the first",
       {arrive("10:00", 3), arrive("10:10", 1), arrive("10:20", 1, "10:40")},
       "10:00"},
      {"two at the first moment, one moved later",
       {arrive("10:00", 3), arrive("10:00", 1), arrive("10:30", 3, "10:40")},
       "10:00"},
      {"two at the first moment, both moved later",
       {arrive("10:00", 3), arrive("10:00", 1), arrive("10:30", 3, "10:40"),
        arrive("10:20", 1, "10:45")},
       "10:20"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    std::vector<Event> all = events;
    all.insert(all.end(), c.arrivals.begin(), c.arrivals.end());
    TicketState s;
    Ticket t = With(all);
    Status st = FoldAll(t, &s);
    SVC_CHECK_OK(st);
    REQUIRE(s.first_arrival);
    CHECK(FormatTime(*s.first_arrival) == Full(c.first));
    CheckResumable(t, st, s);
  }
}

}  // namespace
}  // namespace svc
