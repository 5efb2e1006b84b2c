// Clocks (lib/clocks.h, lib/calendar.h): every time limit of the procedure
// (PRODUCT.md, Clocks), per clock and per level, met / breached / running /
// overdue, the exact-deadline boundary, as-of evaluation, time zones and
// working calendars. Tickets are built in code and checked against the state
// machine (Fold), so every history here is one svc could have written.
#include "rules/clocks.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/calendar.h"
#include "format/config_toml.h"
#include "model/config.h"
#include "model/ticket.h"
#include "rules/state.h"
#include "test_util.h"

namespace svc {
namespace {

constexpr const char* kRecord = "SC-26-11-01";

using svc_test::T;

Time Plus(const Time& t, int64_t secs) {
  return Time{t.secs + secs, t.offset_minutes};
}
constexpr int64_t kMin = 60, kHour = 3600, kDay = 86400;

// The customer's request: Monday 2026-11-02 09:00 +08:00.
Time R() {
  return T("2026-11-02T09:00:00+08:00");
}

Config ParseOrDie(const std::string& text) {
  Config c;
  Status s = ParseConfig(text, "svc.toml", &c);
  REQUIRE_MESSAGE(s.ok(), s.message());
  return c;
}

const Config& Cfg() {
  static const Config config = ParseOrDie(std::string(DefaultConfigText()));
  return config;
}

Event Ev(const Time& at, std::string action) {
  Event e;
  e.at = at;
  e.actor = "王芳";
  e.action = std::move(action);
  return e;
}

// A ticket received at `received`, its form filled at `filled`.
Ticket Opened(const Time& received, const Time& filled, int level = 0) {
  Ticket t;
  t.id = "YX-26-11-01";
  t.via = "YX";
  t.received = received;
  t.customer.name = "华东电网检修公司";
  Event e = Ev(filled, "open");
  if (level) e.Set("level", int64_t{level});
  t.Append(e);
  return t;
}

void Classify(Ticket& t, const Time& at, int level, std::string service = "",
              std::string kind = "support", std::string category = "hardware") {
  Event e = Ev(at, "classify");
  e.Set("kind", kind);
  e.Set("category", category);
  if (level) e.Set("level", int64_t{level});
  if (!service.empty()) e.Set("service", service);
  e.Set("route",
        kind == "quality" || category == "unknown" ? std::string("ZL") : std::string("SC"));
  t.Append(e);
}

void Dispatch(Ticket& t, const Time& at, std::string complexity = "simple",
              std::string record = kRecord) {
  Event e = Ev(at, "dispatch");
  e.Set("record", record);
  e.Set("dept", std::string("SC"));
  e.Set("techs", std::vector<std::string>{"张伟"});
  if (!complexity.empty()) e.Set("complexity", complexity);
  t.Append(e);
}

void Mark(Ticket& t, const Time& at, std::string action, std::string record = kRecord) {
  Event e = Ev(at, std::move(action));
  e.Set("record", record);
  t.Append(e);
}

void Back(Ticket& t, const Time& at, bool parts) {
  Event e = Ev(at, "back");
  e.Set("record", std::string(kRecord));
  if (parts) e.Set("parts", std::vector<Part>{Part{"", "过流继电器", 2, std::nullopt, "returned"}});
  t.Append(e);
}

void Close(Ticket& t, const Time& at, bool remote) {
  Event e = Ev(at, "close");
  e.Set("result", std::string("completed"));
  if (remote) e.Set("remote", true);
  t.Append(e);
}

void Survey(Ticket& t, const Time& at) {
  Event e = Ev(at, "survey");
  e.Set("satisfaction", std::string("satisfied"));
  t.Append(e);
}

void Verify(Ticket& t, const Time& at) {
  Event e = Ev(at, "verify");
  e.Set("result", std::string("resolved"));
  t.Append(e);
}

void Analyze(Ticket& t, const Time& at) {
  Event e = Ev(at, "analyze");
  e.Set("cause", std::string("继电器批次缺陷"));
  e.Set("responsibility", std::string("ours"));
  t.Append(e);
}

void Plan(Ticket& t, const Time& at) {
  Event e = Ev(at, "plan");
  e.Set("text", std::string("更换同批次继电器"));
  t.Append(e);
}

void Void(Ticket& t, const Time& at) {
  Event e = Ev(at, "void");
  e.Set("reason", std::string("重复登记"));
  t.Append(e);
}

// The history is one the procedure allows.
void RequireValid(const Ticket& t, const Config& config = Cfg()) {
  TicketState st;
  Status s = Fold(t, config, std::nullopt, &st);
  REQUIRE_MESSAGE(s.ok(), s.message());
}

std::vector<std::string> Names(const std::vector<Clock>& clocks) {
  std::vector<std::string> out;
  for (const Clock& c : clocks) out.push_back(c.name + (c.record.empty() ? "" : " " + c.record));
  return out;
}

const Clock* Find(const std::vector<Clock>& clocks, std::string_view name) {
  for (const Clock& c : clocks) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

std::string Show(const Clock& c) {
  return c.name + " " + std::string(ClockStateName(c.state)) + " start " + FormatTime(c.start) +
         " deadline " + FormatTime(c.deadline) + " stop " + (c.stop ? FormatTime(*c.stop) : "-");
}

// --- per clock and per level -------------------------------------------------

// One clock: where it starts, its target, and a history that stops it at
// `stop` (or leaves it running).
struct Scenario {
  std::string name;
  std::string clock;
  Time start;
  int64_t target;  // seconds
  std::function<void(Ticket&, const std::optional<Time>&)> build;
  bool can_run = true;  // false: the clock always has its stop (form)
};

std::vector<Scenario> Scenarios() {
  std::vector<Scenario> out;
  const Time r = R();
  // the form, 2 h from receipt to the form filled.
  out.push_back({"form", "form", r, 2 * kHour,
                 [r](Ticket& t, const std::optional<Time>& stop) { t = Opened(r, *stop); }, false});
  // Table 2: response by level, from receipt to classification: 10m, 1h, 2h, 2h.
  const int64_t response[] = {10 * kMin, kHour, 2 * kHour, 2 * kHour};
  for (int level = 1; level <= 4; ++level) {
    out.push_back({"response level " + std::to_string(level), "response", r, response[level - 1],
                   [r, level](Ticket& t, const std::optional<Time>& stop) {
                     t = Opened(r, Plus(r, kMin), level);
                     if (stop) Classify(t, *stop, level);
                   }});
  }
  // analysis 2 h from the quality classification; the plan 4 h from the analysis.
  const Time c = Plus(r, 30 * kMin);
  out.push_back(
      {"analysis", "analysis", c, 2 * kHour, [r, c](Ticket& t, const std::optional<Time>& stop) {
         t = Opened(r, Plus(r, kMin));
         Classify(t, c, 3, "", "quality", "unknown");
         if (stop) Analyze(t, *stop);
       }});
  const Time a = Plus(c, kHour);
  out.push_back(
      {"plan", "plan", a, 4 * kHour, [r, c, a](Ticket& t, const std::optional<Time>& stop) {
         t = Opened(r, Plus(r, kMin));
         Classify(t, c, 3, "", "quality", "unknown");
         Analyze(t, a);
         if (stop) Plan(t, *stop);
       }});
  // the outbound application, 2 h from an on-site classification.
  for (const char* service : {"onsite-repair", "onsite-support"}) {
    out.push_back({std::string("application ") + service, "application", c, 2 * kHour,
                   [r, c, service](Ticket& t, const std::optional<Time>& stop) {
                     t = Opened(r, Plus(r, kMin));
                     Classify(t, c, 3, service);
                     if (stop) Dispatch(t, *stop);
                   }});
  }
  // Table 2: arrival by level, from receipt: 2h, 48h, 72h, 24h.
  const int64_t arrival[] = {2 * kHour, 48 * kHour, 72 * kHour, 24 * kHour};
  for (int level = 1; level <= 4; ++level) {
    out.push_back({"arrival level " + std::to_string(level), "arrival", r, arrival[level - 1],
                   [r, level](Ticket& t, const std::optional<Time>& stop) {
                     t = Opened(r, Plus(r, kMin));
                     Classify(t, Plus(r, 5 * kMin), level, "onsite-repair");
                     Dispatch(t, Plus(r, 10 * kMin));
                     if (stop) Mark(t, *stop, "arrive");
                   }});
  }
  // repair from arrival: simple 24 h, complex 48 h, simple when not given.
  const Time arrived = Plus(r, kHour);
  for (const char* complexity : {"simple", "complex", ""}) {
    int64_t target = std::string_view(complexity) == "complex" ? 48 * kHour : 24 * kHour;
    out.push_back({std::string("repair ") + (*complexity ? complexity : "(not given)"), "repair",
                   arrived, target,
                   [r, arrived, complexity](Ticket& t, const std::optional<Time>& stop) {
                     t = Opened(r, Plus(r, kMin));
                     Classify(t, Plus(r, 5 * kMin), 3, "onsite-repair");
                     Dispatch(t, Plus(r, 10 * kMin), complexity);
                     Mark(t, arrived, "arrive");
                     if (stop) Mark(t, *stop, "finish");
                   }});
  }
  // a remote result verified within 48 h of closing, by verify or by the survey.
  const Time k = Plus(r, kHour);
  out.push_back(
      {"verify", "verify", k, 48 * kHour, [r, k](Ticket& t, const std::optional<Time>& stop) {
         t = Opened(r, Plus(r, kMin));
         Classify(t, Plus(r, 5 * kMin), 4, "info", "support", "software");
         Close(t, k, true);
         if (stop) Verify(t, *stop);
       }});
  out.push_back({"verify by the survey", "verify", k, 48 * kHour,
                 [r, k](Ticket& t, const std::optional<Time>& stop) {
                   t = Opened(r, Plus(r, kMin));
                   Classify(t, Plus(r, 5 * kMin), 4, "info", "support", "software");
                   Close(t, k, true);
                   if (stop) Survey(t, *stop);
                 }});
  // the survey within 16 h of closing.
  out.push_back(
      {"survey", "survey", k, 16 * kHour, [r, k](Ticket& t, const std::optional<Time>& stop) {
         t = Opened(r, Plus(r, kMin));
         Classify(t, Plus(r, 5 * kMin), 3);
         Close(t, k, false);
         if (stop) Survey(t, *stop);
       }});
  // R-4.5.3.1: returned parts booked into store within 16 h of being back at HQ.
  const Time back = Plus(r, 5 * kHour);
  out.push_back({"warehousing", "warehousing", back, 16 * kHour,
                 [r, back](Ticket& t, const std::optional<Time>& stop) {
                   t = Opened(r, Plus(r, kMin));
                   Classify(t, Plus(r, 5 * kMin), 3, "onsite-repair");
                   Dispatch(t, Plus(r, 10 * kMin));
                   Mark(t, Plus(r, kHour), "arrive");
                   Mark(t, Plus(r, 3 * kHour), "finish");
                   Back(t, back, true);
                   if (stop) Mark(t, *stop, "warehouse");
                 }});
  return out;
}

TEST_CASE("clocks: per clock and level: met, breached, running, overdue at the exact deadline") {
  for (const Scenario& sc : Scenarios()) {
    CAPTURE(sc.name);
    const Time deadline = Plus(sc.start, sc.target);
    struct Case {
      const char* name;
      std::optional<Time> stop;
      Time now;
      ClockState state;
      int64_t left;
    };
    std::vector<Case> cases = {
        {"stopped well before the deadline", Plus(sc.start, sc.target / 2), Plus(deadline, kDay),
         ClockState::kMet, sc.target - sc.target / 2},
        {"stopped exactly at the deadline", deadline, Plus(deadline, kDay), ClockState::kMet, 0},
        {"stopped one second late", Plus(deadline, 1), Plus(deadline, kDay), ClockState::kBreached,
         -1},
        {"stopped a day late", Plus(deadline, kDay), Plus(deadline, 2 * kDay),
         ClockState::kBreached, -kDay},
    };
    if (sc.can_run) {
      cases.push_back({"running, a second before the deadline", std::nullopt, Plus(deadline, -1),
                       ClockState::kRunning, 1});
      cases.push_back({"running, now exactly at the deadline", std::nullopt, deadline,
                       ClockState::kRunning, 0});
      cases.push_back({"overdue one second after the deadline", std::nullopt, Plus(deadline, 1),
                       ClockState::kOverdue, -1});
      cases.push_back({"overdue a week later", std::nullopt, Plus(deadline, 7 * kDay),
                       ClockState::kOverdue, -7 * kDay});
    }
    for (const Case& k : cases) {
      CAPTURE(k.name);
      Ticket t;
      sc.build(t, k.stop);
      RequireValid(t);
      std::vector<Clock> clocks = ComputeClocks(t, Cfg(), k.now);
      const Clock* c = Find(clocks, sc.clock);
      REQUIRE_MESSAGE(c, "no clock " << sc.clock);
      CAPTURE(Show(*c));
      CHECK(c->start.secs == sc.start.secs);
      CHECK(c->target.secs == sc.target);
      CHECK(c->deadline.secs == deadline.secs);
      CHECK(c->state == k.state);
      if (k.stop) {
        REQUIRE(c->stop);
        CHECK(c->stop->secs == k.stop->secs);
      } else {
        CHECK_FALSE(c->stop);
      }
      CHECK(c->Left(k.now).secs == k.left);
      if (sc.clock == "repair" || sc.clock == "warehousing" ||
          (sc.clock == "application" && c->stop)) {
        CHECK(c->record == kRecord);
      } else {
        CHECK(c->record.empty());
      }
    }
  }
}

TEST_CASE("clocks: ClockStateName and the listing order") {
  CHECK(ClockStateName(ClockState::kMet) == "met");
  CHECK(ClockStateName(ClockState::kBreached) == "breached");
  CHECK(ClockStateName(ClockState::kRunning) == "running");
  CHECK(ClockStateName(ClockState::kOverdue) == "overdue");
  CHECK(ClockNames() == std::vector<std::string_view>{
                            "form", "response", "notify", "analysis", "plan", "application",
                            "arrival", "repair", "verify", "survey", "follow-up", "warehousing",
                            "visit-report", "visit", "annual-plan"});
}

// --- which clocks apply --------------------------------------------------------

TEST_CASE("clocks: response takes the strictest target until a level is judged") {
  const Time r = R();
  Ticket t = Opened(r, Plus(r, kMin));  // no level given
  RequireValid(t);
  // Strictest of 10m, 1h, 2h, 2h: 10 minutes.
  const Clock* c = nullptr;
  auto clocks = ComputeClocks(t, Cfg(), Plus(r, 10 * kMin));
  REQUIRE((c = Find(clocks, "response")));
  CHECK(c->target.secs == 10 * kMin);
  CHECK(c->state == ClockState::kRunning);
  clocks = ComputeClocks(t, Cfg(), Plus(r, 10 * kMin + 1));
  REQUIRE((c = Find(clocks, "response")));
  CHECK(c->state == ClockState::kOverdue);
  // Judged level 3 an hour later: its 2 h target applies, and was met.
  Classify(t, Plus(r, kHour), 3);
  RequireValid(t);
  clocks = ComputeClocks(t, Cfg(), Plus(r, 3 * kHour));
  REQUIRE((c = Find(clocks, "response")));
  CHECK(c->target.secs == 2 * kHour);
  CHECK(c->deadline.secs == Plus(r, 2 * kHour).secs);
  CHECK(c->state == ClockState::kMet);
  // A company that sets level 3's response to 5m: still the strictest, unjudged.
  Config strict = ParseOrDie([] {
    std::string text(DefaultConfigText());
    size_t at = text.find("level = 3");
    REQUIRE(at != std::string::npos);
    at = text.find("response = \"2h\"", at);
    text.replace(at, 15, "response = \"5m\"");
    return text;
  }());
  clocks = ComputeClocks(Opened(r, Plus(r, kMin)), strict, Plus(r, 2 * kMin));
  REQUIRE((c = Find(clocks, "response")));
  CHECK(c->target.secs == 5 * kMin);
}

TEST_CASE("clocks: which clocks a ticket has") {
  const Time r = R();
  struct Row {
    const char* name;
    std::function<void(Ticket&)> build;
    std::vector<std::string> clocks;
  };
  const std::vector<Row> rows = {
      {"just opened", [](Ticket&) {}, {"form", "response"}},
      {"support by phone (info): no application, no arrival",
       [r](Ticket& t) { Classify(t, Plus(r, 5 * kMin), 2, "info"); },
       {"form", "response"}},
      {"training: no on-site clocks",
       [r](Ticket& t) { Classify(t, Plus(r, 5 * kMin), 2, "training"); },
       {"form", "response"}},
      {"onsite-support: application and arrival",
       [r](Ticket& t) { Classify(t, Plus(r, 5 * kMin), 2, "onsite-support"); },
       {"form", "response", "application", "arrival"}},
      {"onsite-repair: application and arrival",
       [r](Ticket& t) { Classify(t, Plus(r, 5 * kMin), 2, "onsite-repair"); },
       {"form", "response", "application", "arrival"}},
      {"a dispatch without on-site service: arrival only",
       [r](Ticket& t) {
         Classify(t, Plus(r, 5 * kMin), 2, "mail-parts");
         Dispatch(t, Plus(r, 10 * kMin));
       },
       {"form", "response", std::string("application ") + kRecord, "arrival"}},
      {"arrived: repair for the record",
       [r](Ticket& t) {
         Classify(t, Plus(r, 5 * kMin), 2, "onsite-repair");
         Dispatch(t, Plus(r, 10 * kMin));
         Mark(t, Plus(r, kHour), "arrive");
       },
       {"form", "response", std::string("application ") + kRecord, "arrival",
        std::string("repair ") + kRecord}},
      {"back without returned parts: no warehousing",
       [r](Ticket& t) {
         Classify(t, Plus(r, 5 * kMin), 2, "onsite-repair");
         Dispatch(t, Plus(r, 10 * kMin));
         Mark(t, Plus(r, kHour), "arrive");
         Mark(t, Plus(r, 2 * kHour), "finish");
         Back(t, Plus(r, 4 * kHour), false);
       },
       {"form", "response", std::string("application ") + kRecord, "arrival",
        std::string("repair ") + kRecord}},
      {"back with returned parts: warehousing",
       [r](Ticket& t) {
         Classify(t, Plus(r, 5 * kMin), 2, "onsite-repair");
         Dispatch(t, Plus(r, 10 * kMin));
         Mark(t, Plus(r, kHour), "arrive");
         Mark(t, Plus(r, 2 * kHour), "finish");
         Back(t, Plus(r, 4 * kHour), true);
       },
       {"form", "response", std::string("application ") + kRecord, "arrival",
        std::string("repair ") + kRecord, std::string("warehousing ") + kRecord}},
      {"two records: a repair each",
       [r](Ticket& t) {
         Classify(t, Plus(r, 5 * kMin), 2, "onsite-repair");
         Dispatch(t, Plus(r, 10 * kMin));
         Mark(t, Plus(r, kHour), "arrive");
         Mark(t, Plus(r, 2 * kHour), "finish");
         Dispatch(t, Plus(r, 3 * kHour), "complex", "SC-26-11-02");
         Mark(t, Plus(r, 4 * kHour), "arrive", "SC-26-11-02");
       },
       {"form", "response", std::string("application ") + kRecord, "application SC-26-11-02",
        "arrival", std::string("repair ") + kRecord, "repair SC-26-11-02"}},
      {"quality: analysis",
       [r](Ticket& t) { Classify(t, Plus(r, 5 * kMin), 3, "", "quality", "unknown"); },
       {"form", "response", "analysis"}},
      {"quality analysed: analysis and plan",
       [r](Ticket& t) {
         Classify(t, Plus(r, 5 * kMin), 3, "", "quality", "unknown");
         Analyze(t, Plus(r, kHour));
       },
       {"form", "response", "analysis", "plan"}},
      {"quality re-judged as support: no analysis",
       [r](Ticket& t) {
         Classify(t, Plus(r, 5 * kMin), 3, "", "quality", "unknown");
         Classify(t, Plus(r, 20 * kMin), 3, "", "support", "hardware");
       },
       {"form", "response"}},
      {"closed on site: survey, no verify",
       [r](Ticket& t) {
         Classify(t, Plus(r, 5 * kMin), 4, "info");
         Close(t, Plus(r, kHour), false);
       },
       {"form", "response", "survey"}},
      {"closed --remote: verify and survey",
       [r](Ticket& t) {
         Classify(t, Plus(r, 5 * kMin), 4, "info");
         Close(t, Plus(r, kHour), true);
       },
       {"form", "response", "verify", "survey"}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    Ticket t = Opened(r, Plus(r, kMin));
    row.build(t);
    RequireValid(t);
    CHECK(Names(ComputeClocks(t, Cfg(), Plus(r, 30 * kHour))) == row.clocks);
  }
}

TEST_CASE("clocks: arrival uses the latest level, 24 h when there is none") {
  const Time r = R();
  // Classified level 2 (48 h), then re-judged level 1 (2 h).
  Ticket t = Opened(r, Plus(r, kMin));
  Classify(t, Plus(r, 5 * kMin), 2, "onsite-repair");
  Classify(t, Plus(r, 20 * kMin), 1, "onsite-repair");
  RequireValid(t);
  auto clocks = ComputeClocks(t, Cfg(), Plus(r, kHour));
  const Clock* c = Find(clocks, "arrival");
  REQUIRE(c);
  CHECK(c->target.secs == 2 * kHour);
  // As of before the re-judgement, the level-2 target.
  clocks = ComputeClocks(t, Cfg(), Plus(r, 10 * kMin));
  REQUIRE((c = Find(clocks, "arrival")));
  CHECK(c->target.secs == 48 * kHour);
  // A level svc.toml does not define (as svc never writes, but a file may
  // hold; a classification with no level at all does not replay): 24 h.
  Ticket none = Opened(r, Plus(r, kMin));
  Classify(none, Plus(r, 5 * kMin), 9, "onsite-repair");
  RequireValid(none);
  clocks = ComputeClocks(none, Cfg(), Plus(r, kHour));
  REQUIRE((c = Find(clocks, "arrival")));
  CHECK(c->target.secs == 24 * kHour);
  CHECK(c->deadline.secs == Plus(r, 24 * kHour).secs);
}

TEST_CASE("clocks: each outbound record's repair has its own complexity") {
  const Time r = R();
  Ticket t = Opened(r, Plus(r, kMin));
  Classify(t, Plus(r, 5 * kMin), 3, "onsite-repair");
  Dispatch(t, Plus(r, 10 * kMin), "simple");
  Mark(t, Plus(r, kHour), "arrive");
  Mark(t, Plus(r, 25 * kHour + 1), "finish");  // one second late
  Dispatch(t, Plus(r, 26 * kHour), "complex", "SC-26-11-02");
  Mark(t, Plus(r, 30 * kHour), "arrive", "SC-26-11-02");
  Mark(t, Plus(r, 78 * kHour), "finish", "SC-26-11-02");  // exactly 48 h
  RequireValid(t);
  auto clocks = ComputeClocks(t, Cfg(), Plus(r, 100 * kHour));
  std::vector<const Clock*> repairs;
  for (const Clock& c : clocks) {
    if (c.name == "repair") repairs.push_back(&c);
  }
  REQUIRE(repairs.size() == 2);
  CHECK(repairs[0]->record == kRecord);
  CHECK(repairs[0]->target.secs == 24 * kHour);
  CHECK(repairs[0]->state == ClockState::kBreached);
  CHECK(repairs[1]->record == "SC-26-11-02");
  CHECK(repairs[1]->target.secs == 48 * kHour);
  CHECK(repairs[1]->start.secs == Plus(r, 30 * kHour).secs);
  CHECK(repairs[1]->state == ClockState::kMet);
}

TEST_CASE("clocks: verify stops at the earlier of verify and the survey") {
  const Time r = R();
  const Time k = Plus(r, kHour);
  Ticket t = Opened(r, Plus(r, kMin));
  Classify(t, Plus(r, 5 * kMin), 4, "info");
  Close(t, k, true);
  Survey(t, Plus(k, 10 * kHour));
  Verify(t, Plus(k, 20 * kHour));
  RequireValid(t);
  auto clocks = ComputeClocks(t, Cfg(), Plus(k, 3 * kDay));
  const Clock* c = Find(clocks, "verify");
  REQUIRE(c);
  REQUIRE(c->stop);
  CHECK(c->stop->secs == Plus(k, 10 * kHour).secs);
  CHECK(c->state == ClockState::kMet);
  // The survey stops the survey clock too.
  REQUIRE((c = Find(clocks, "survey")));
  CHECK(c->state == ClockState::kMet);
}

// --- close and void ----------------------------------------------------------

TEST_CASE("clocks: closing stops the clocks of the work before it") {
  const Time r = R();
  struct Row {
    const char* name;
    int64_t close_after;  // seconds after receipt
    ClockState application, arrival;
  };
  // Level 3, on-site repair classified at r+5m: application deadline r+2h5m,
  // arrival deadline r+72h.
  const std::vector<Row> rows = {
      {"fixed remotely within the hour", kHour, ClockState::kMet, ClockState::kMet},
      {"fixed remotely exactly at the application's deadline", 2 * kHour + 5 * kMin,
       ClockState::kMet, ClockState::kMet},
      {"closed after the application's deadline", 3 * kHour, ClockState::kBreached,
       ClockState::kMet},
      {"closed after the arrival's deadline", 73 * kHour, ClockState::kBreached,
       ClockState::kBreached},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    Ticket t = Opened(r, Plus(r, kMin));
    Classify(t, Plus(r, 5 * kMin), 3, "onsite-repair");
    Close(t, Plus(r, row.close_after), true);
    RequireValid(t);
    auto clocks = ComputeClocks(t, Cfg(), Plus(r, 10 * kDay));
    for (const char* name : {"application", "arrival"}) {
      CAPTURE(name);
      const Clock* c = Find(clocks, name);
      REQUIRE(c);
      REQUIRE(c->stop);
      CHECK(c->stop->secs == Plus(r, row.close_after).secs);
      CHECK(c->state == (std::string_view(name) == "application" ? row.application : row.arrival));
    }
    // The form and the response keep their own stops.
    const Clock* form = Find(clocks, "form");
    REQUIRE(form);
    CHECK(form->stop->secs == Plus(r, kMin).secs);
  }
  // Closed after the repair: every clock before the close stopped, the survey runs on.
  Ticket t = Opened(r, Plus(r, kMin));
  Classify(t, Plus(r, 5 * kMin), 3, "onsite-repair");
  Dispatch(t, Plus(r, 10 * kMin));
  Mark(t, Plus(r, kHour), "arrive");
  Mark(t, Plus(r, 2 * kHour), "finish");
  Close(t, Plus(r, 3 * kHour), false);
  RequireValid(t);
  for (const Clock& c : ComputeClocks(t, Cfg(), Plus(r, 10 * kDay))) {
    CAPTURE(Show(c));
    if (c.name == "survey") {
      CHECK(c.state == ClockState::kOverdue);
    } else {
      CHECK(c.state == ClockState::kMet);
    }
  }
}

TEST_CASE("clocks: voiding stops every clock") {
  const Time r = R();
  // Open, unclassified, voided 5 minutes after receipt: response met at the void.
  Ticket t = Opened(r, Plus(r, kMin));
  Void(t, Plus(r, 5 * kMin));
  RequireValid(t);
  auto clocks = ComputeClocks(t, Cfg(), Plus(r, 10 * kDay));
  const Clock* c = Find(clocks, "response");
  REQUIRE(c);
  REQUIRE(c->stop);
  CHECK(c->stop->secs == Plus(r, 5 * kMin).secs);
  CHECK(c->state == ClockState::kMet);
  for (const Clock& k : clocks) CHECK(k.state != ClockState::kOverdue);

  // Closed, then voided before the survey: the survey clock stops at the void.
  Ticket closed = Opened(r, Plus(r, kMin));
  Classify(closed, Plus(r, 5 * kMin), 3, "onsite-repair");
  Close(closed, Plus(r, kHour), true);
  Void(closed, Plus(r, 2 * kHour));
  RequireValid(closed);
  clocks = ComputeClocks(closed, Cfg(), Plus(r, 10 * kDay));
  CHECK(Names(clocks) ==
        std::vector<std::string>{"form", "response", "application", "arrival", "verify", "survey"});
  for (const Clock& k : clocks) {
    CAPTURE(Show(k));
    REQUIRE(k.stop);
    CHECK(k.state == ClockState::kMet);
  }
  REQUIRE((c = Find(clocks, "survey")));
  CHECK(c->stop->secs == Plus(r, 2 * kHour).secs);
  REQUIRE((c = Find(clocks, "verify")));
  CHECK(c->stop->secs == Plus(r, 2 * kHour).secs);

  // Voided after the response's deadline: the response was late.
  Ticket late = Opened(r, Plus(r, kMin), 2);
  Void(late, Plus(r, 2 * kHour));
  RequireValid(late);
  clocks = ComputeClocks(late, Cfg(), Plus(r, 10 * kDay));
  REQUIRE((c = Find(clocks, "response")));
  CHECK(c->state == ClockState::kBreached);
}

// --- as of any moment ----------------------------------------------------------

TEST_CASE("clocks: as of a past moment, later events are ignored") {
  const Time r = R();
  // Level 2, on-site repair; arrival written afterwards (recorded r+30h) with --at r+20h.
  Ticket t = Opened(r, Plus(r, kMin), 2);
  Classify(t, Plus(r, 30 * kMin), 2, "onsite-repair");
  Dispatch(t, Plus(r, 3 * kHour));
  Event arrive = Ev(Plus(r, 20 * kHour), "arrive");
  arrive.recorded = Plus(r, 30 * kHour);
  arrive.Set("record", std::string(kRecord));
  t.Append(arrive);
  RequireValid(t);

  struct Row {
    int64_t now;  // seconds after receipt
    std::vector<std::string> clocks;
    ClockState response;
    std::optional<ClockState> application, arrival;
  };
  const std::vector<Row> rows = {
      // Before receipt: nothing.
      {-kHour, {}, ClockState::kRunning, std::nullopt, std::nullopt},
      // Received, the form not yet filled (filled at r+1m): nothing recorded yet.
      {30, {}, ClockState::kRunning, std::nullopt, std::nullopt},
      {20 * kMin, {"form", "response"}, ClockState::kRunning, std::nullopt, std::nullopt},
      {kHour,
       {"form", "response", "application", "arrival"},
       ClockState::kMet,
       ClockState::kRunning,
       ClockState::kRunning},
      {2 * kHour + 30 * kMin + 1,
       {"form", "response", "application", "arrival"},
       ClockState::kMet,
       ClockState::kOverdue,
       ClockState::kRunning},  // application r+2h30m
      {3 * kHour,
       {"form", "response", "application SC-26-11-01", "arrival"},
       ClockState::kMet,
       ClockState::kBreached,
       ClockState::kRunning},
      // The arrival at r+20h (its --at) is not in the records until written at r+30h:
      // until then its clock runs (issue 14: as the records stood).
      {20 * kHour,
       {"form", "response", "application SC-26-11-01", "arrival"},
       ClockState::kMet,
       ClockState::kBreached,
       ClockState::kRunning},
      {30 * kHour - 1,
       {"form", "response", "application SC-26-11-01", "arrival"},
       ClockState::kMet,
       ClockState::kBreached,
       ClockState::kRunning},
      // From then on it counts at its own time, r+20h: met.
      {30 * kHour,
       {"form", "response", "application SC-26-11-01", "arrival", "repair SC-26-11-01"},
       ClockState::kMet,
       ClockState::kBreached,
       ClockState::kMet},
  };
  for (const Row& row : rows) {
    CAPTURE(row.now);
    const Time now = Plus(r, row.now);
    auto clocks = ComputeClocks(t, Cfg(), now);
    CHECK(Names(clocks) == row.clocks);
    if (row.clocks.empty()) continue;
    CHECK(Find(clocks, "response")->state == row.response);
    if (row.application) CHECK(Find(clocks, "application")->state == *row.application);
    if (row.arrival) CHECK(Find(clocks, "arrival")->state == *row.arrival);
    // The same question has the same answer when asked with the later events present or not.
    Ticket cut = t;
    cut.events.clear();
    for (const Event& e : t.events) {
      if (InRecordsAt(e, now)) cut.events.push_back(e);
    }
    auto again = ComputeClocks(cut, Cfg(), now);
    REQUIRE(again.size() == clocks.size());
    for (size_t i = 0; i < clocks.size(); ++i) {
      CHECK(again[i].name == clocks[i].name);
      CHECK(again[i].state == clocks[i].state);
      CHECK(again[i].deadline.secs == clocks[i].deadline.secs);
      CHECK(again[i].stop.has_value() == clocks[i].stop.has_value());
    }
  }
}

// --- time zones ----------------------------------------------------------------

TEST_CASE("clocks: events recorded with different UTC offsets give the same deadlines") {
  // The same history twice: in +08:00, and in a mix of Z and -05:00.
  auto build = [](bool mixed) {
    auto at = [mixed](const char* local, const char* utc) { return T(mixed ? utc : local); };
    Ticket t = Opened(at("2026-11-02T09:00:00+08:00", "2026-11-02T01:00:00Z"),
                      at("2026-11-02T09:01:00+08:00", "2026-11-01T20:01:00-05:00"));
    Classify(t, at("2026-11-02T09:40:00+08:00", "2026-11-02T01:40:00Z"), 2, "onsite-repair");
    Dispatch(t, at("2026-11-02T10:00:00+08:00", "2026-11-02T02:00:00Z"), "complex");
    Mark(t, at("2026-11-03T16:00:00+08:00", "2026-11-03T08:00:00Z"), "arrive");
    Mark(t, at("2026-11-04T12:00:00+08:00", "2026-11-03T23:00:00-05:00"), "finish");
    Close(t, at("2026-11-04T18:00:00+08:00", "2026-11-04T10:00:00Z"), false);
    return t;
  };
  Ticket local = build(false), mixed = build(true);
  RequireValid(local);
  RequireValid(mixed);
  const Time now = T("2026-11-05T12:00:00+08:00");
  auto a = ComputeClocks(local, Cfg(), now);
  auto b = ComputeClocks(mixed, Cfg(), InOffset(now, 0));
  REQUIRE(Names(a) == Names(b));
  REQUIRE(Names(a) == std::vector<std::string>{"form", "response", "application SC-26-11-01",
                                               "arrival", "repair SC-26-11-01", "survey"});
  for (size_t i = 0; i < a.size(); ++i) {
    CAPTURE(Show(a[i]));
    CAPTURE(Show(b[i]));
    CHECK(a[i].start.secs == b[i].start.secs);
    CHECK(a[i].deadline.secs == b[i].deadline.secs);
    CHECK(a[i].state == b[i].state);
    CHECK(a[i].stop.has_value() == b[i].stop.has_value());
    if (a[i].stop && b[i].stop) CHECK(a[i].stop->secs == b[i].stop->secs);
  }
  // Hand-checked: response 1 h from 09:00 -> 10:00, met at 09:40; application
  // 2 h from 09:40 -> 11:40, met at 10:00; arrival (level 2) 48 h -> 11-04 09:00,
  // met 11-03 16:00; repair (complex) 48 h from 11-03 16:00 -> 11-05 16:00, met;
  // survey 16 h from 11-04 18:00 -> 11-05 10:00: overdue at 11-05 12:00.
  CHECK(a[1].deadline.secs == T("2026-11-02T10:00:00+08:00").secs);
  CHECK(a[2].deadline.secs == T("2026-11-02T11:40:00+08:00").secs);
  CHECK(a[3].deadline.secs == T("2026-11-04T09:00:00+08:00").secs);
  CHECK(a[4].deadline.secs == T("2026-11-05T16:00:00+08:00").secs);
  CHECK(a[5].deadline.secs == T("2026-11-05T10:00:00+08:00").secs);
  for (size_t i = 0; i < 5; ++i) CHECK(a[i].state == ClockState::kMet);
  CHECK(a[5].state == ClockState::kOverdue);
}

// --- working calendars -----------------------------------------------------------

TEST_CASE("calendar: ParseWorkingHours") {
  using P = std::vector<std::pair<int, int>>;
  struct Good {
    const char* text;
    P periods;
  };
  const std::vector<Good> good = {
      {"08:30-12:00,13:30-17:30", {{510, 720}, {810, 1050}}},
      {" 08:30 - 12:00 , 13:30-17:30 ", {{510, 720}, {810, 1050}}},
      {"", {}},
      {"   ", {}},
      {"00:00-24:00", {{0, 1440}}},
      {"09:00-12:00,12:00-13:00", {{540, 720}, {720, 780}}},  // touching is fine
      {"22:00-23:59", {{1320, 1439}}},
  };
  for (const Good& g : good) {
    CAPTURE(g.text);
    P out = {{1, 2}};
    Status s = ParseWorkingHours(g.text, &out);
    REQUIRE_MESSAGE(s.ok(), s.message());
    CHECK(out == g.periods);
  }
  for (const char* bad : {"8:30-12:00", "08:30", "08:30-", "-12:00", "12:00-08:30", "08:30-08:30",
                          "13:30-17:30,08:30-12:00", "08:30-12:00,11:00-13:00", "24:01-24:30",
                          "08:60-09:00", "25:00-26:00", "08:30-12:00,", "a", "08:30–12:00",
                          "08h30-12h00", "08:30-12:00;13:30-17:30", "0830-1200", "-1:00-02:00"}) {
    CAPTURE(bad);
    P out;
    Status s = ParseWorkingHours(bad, &out);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(s.message().find("08:30-12:00,13:30-17:30") != std::string::npos);
  }
}

constexpr const char* kCalendar =
    "\n[calendar]\n"
    "monday = \"08:30-12:00,13:30-17:30\"\n"
    "tuesday = \"08:30-12:00,13:30-17:30\"\n"
    "wednesday = \"08:30-12:00,13:30-17:30\"\n"
    "thursday = \"08:30-12:00,13:30-17:30\"\n"
    "friday = \"08:30-12:00,13:30-17:30\"\n"
    "saturday = \"\"\n"
    "sunday = \"\"\n"
    "workday_hours = \"09:00-12:00,13:00-17:00\"\n"
    "holidays = [2026-10-01, 2026-10-02, 2026-10-05, 2026-10-06, 2026-10-07]\n"
    "workdays = [2026-10-10]\n"
    "clocks = [\"form\", \"response\", \"survey\"]\n";

const Config& CalCfg() {
  static const Config config =
      ParseOrDie(std::string(DefaultConfigText()) + kCalendar + "level1_response = \"elapsed\"\n");
  return config;
}

const Config& CalCfgL1Working() {
  static const Config config =
      ParseOrDie(std::string(DefaultConfigText()) + kCalendar + "level1_response = \"working\"\n");
  return config;
}

TEST_CASE("calendar: HoursOn weekdays, weekends, holidays and make-up workdays") {
  REQUIRE(CalCfg().calendar);
  const WorkingCalendar& cal = *CalCfg().calendar;
  using P = std::vector<std::pair<int, int>>;
  const P week = {{510, 720}, {810, 1050}}, makeup = {{540, 720}, {780, 1020}};
  struct Row {
    Date day;
    P hours;
  };
  const std::vector<Row> rows = {
      {{2026, 11, 2}, week},     // Monday
      {{2026, 11, 6}, week},     // Friday
      {{2026, 11, 7}, {}},       // Saturday
      {{2026, 11, 8}, {}},       // Sunday
      {{2026, 9, 30}, week},     // Wednesday before National Day
      {{2026, 10, 1}, {}},       // Thursday, holiday
      {{2026, 10, 7}, {}},       // Wednesday, holiday
      {{2026, 10, 8}, week},     // Thursday, back to work
      {{2026, 10, 10}, makeup},  // Saturday, make-up workday (调休)
      {{2026, 10, 11}, {}},      // Sunday
      {{1969, 12, 29}, week},    // a Monday before the epoch
  };
  for (const Row& row : rows) {
    CAPTURE(FormatDate(row.day));
    CHECK(cal.HoursOn(DaysFromDate(row.day)) == row.hours);
  }
}

TEST_CASE("calendar: AddWorking across lunch, overnight, weekends, holidays, make-up days") {
  REQUIRE(CalCfg().calendar);
  const WorkingCalendar& cal = *CalCfg().calendar;
  struct Row {
    const char* name;
    const char* start;
    int64_t secs;
    const char* deadline;
  };
  const std::vector<Row> rows = {
      // Mon 11:00 + 2h: 11:00-12:00 (1h), 13:30 + 1h = 14:30.
      {"across lunch", "2026-11-02T11:00:00+08:00", 2 * kHour, "2026-11-02T14:30:00+08:00"},
      // Mon 12:30 is lunch: 13:30 + 1h.
      {"from lunch", "2026-11-02T12:30:00+08:00", kHour, "2026-11-02T14:30:00+08:00"},
      // Mon 07:00 is before work: 08:30 + 30m.
      {"before work", "2026-11-02T07:00:00+08:00", 30 * kMin, "2026-11-02T09:00:00+08:00"},
      // Mon 17:00 + 2h: 17:00-17:30 (30m), Tue 08:30 + 1h30 = 10:00.
      {"overnight", "2026-11-02T17:00:00+08:00", 2 * kHour, "2026-11-03T10:00:00+08:00"},
      // Mon 08:30 + 3h30 ends exactly at 12:00; one second more is 13:30:01.
      {"to the end of the morning", "2026-11-02T08:30:00+08:00", 3 * kHour + 30 * kMin,
       "2026-11-02T12:00:00+08:00"},
      {"one second past the morning", "2026-11-02T08:30:00+08:00", 3 * kHour + 30 * kMin + 1,
       "2026-11-02T13:30:01+08:00"},
      // A whole working day is 7h30: Mon 08:30 + 7h30 = 17:30; + 8h = Tue 09:00.
      {"a working day", "2026-11-02T08:30:00+08:00", 7 * kHour + 30 * kMin,
       "2026-11-02T17:30:00+08:00"},
      {"a working day and a half hour", "2026-11-02T08:30:00+08:00", 8 * kHour,
       "2026-11-03T09:00:00+08:00"},
      // Fri 16:30 + 2h: 16:30-17:30 (1h), Mon 08:30 + 1h = 09:30.
      {"over a weekend", "2026-11-06T16:30:00+08:00", 2 * kHour, "2026-11-09T09:30:00+08:00"},
      // Sat 10:00 is off: Mon 08:30 + 1h.
      {"from a Saturday", "2026-11-07T10:00:00+08:00", kHour, "2026-11-09T09:30:00+08:00"},
      // 16 h from Fri 16:00: Fri 1h30, Mon 7h30 (9h), Tue 08:30-12:00 (12h30), 13:30 + 3h30 =
      // 17:00.
      {"sixteen working hours", "2026-11-06T16:00:00+08:00", 16 * kHour,
       "2026-11-10T17:00:00+08:00"},
      // Wed 09-30 17:00 + 2h: 30m; 10-01/02 holidays, 03/04 weekend, 05-07 holidays;
      // Thu 10-08 08:30 + 1h30 = 10:00.
      {"over National Day", "2026-09-30T17:00:00+08:00", 2 * kHour, "2026-10-08T10:00:00+08:00"},
      // Starting on a holiday morning: Thu 10-08 08:30 + 1h.
      {"from a holiday", "2026-10-01T09:00:00+08:00", kHour, "2026-10-08T09:30:00+08:00"},
      // Fri 10-09 17:00 + 2h: 30m; Sat 10-10 is a make-up workday 09:00-12:00,13:00-17:00:
      // 09:00 + 1h30 = 10:30.
      {"into a make-up workday", "2026-10-09T17:00:00+08:00", 2 * kHour,
       "2026-10-10T10:30:00+08:00"},
      // Sat 10-10 11:00 + 2h: 11:00-12:00, the make-up day's lunch ends 13:00: 14:00.
      {"lunch on a make-up workday", "2026-10-10T11:00:00+08:00", 2 * kHour,
       "2026-10-10T14:00:00+08:00"},
      // An ordinary Saturday stays off: Fri 10-16 17:00 + 2h -> Mon 10-19 10:00.
      {"an ordinary weekend", "2026-10-16T17:00:00+08:00", 2 * kHour, "2026-10-19T10:00:00+08:00"},
      // Nothing to add inside working hours: the start itself.
      {"zero", "2026-11-02T10:00:00+08:00", 0, "2026-11-02T10:00:00+08:00"},
      // A start given in UTC: Mon 03:00Z is 11:00 +08:00; + 2h -> 14:30 +08:00 = 06:30Z.
      {"a start in UTC", "2026-11-02T03:00:00Z", 2 * kHour, "2026-11-02T06:30:00Z"},
      // Sun 2026-11-01 20:00Z is Mon 04:00 +08:00: Mon 08:30 + 1h.
      {"UTC evening, company morning", "2026-11-01T20:00:00Z", kHour, "2026-11-02T09:30:00+08:00"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    Time start = T(row.start);
    Time got = cal.AddWorking(start, Duration{row.secs});
    CAPTURE(FormatTime(got));
    CHECK(got.secs == T(row.deadline).secs);
    CHECK(got.offset_minutes == start.offset_minutes);
  }
}

TEST_CASE("calendar: which clocks count working time") {
  struct Row {
    const Config* config;
    const char* clock;
    int level;
    bool working;
  };
  const std::vector<Row> rows = {
      {&Cfg(), "form", 2, false},  // no calendar: everything elapsed
      {&Cfg(), "response", 2, false},
      {&CalCfg(), "form", 0, true},
      {&CalCfg(), "form", 1, true},
      {&CalCfg(), "response", 1, false},  // Table 2's 10 minutes stay elapsed
      {&CalCfg(), "response", 2, true},
      {&CalCfg(), "response", 4, true},
      {&CalCfg(), "survey", 3, true},
      {&CalCfg(), "arrival", 2, false},  // not named in the calendar's clocks
      {&CalCfg(), "repair", 2, false},
      {&CalCfgL1Working(), "response", 1, true},
      {&CalCfgL1Working(), "arrival", 1, false},
  };
  for (const Row& row : rows) {
    CAPTURE(row.clock);
    CAPTURE(row.level);
    CHECK(row.config->CountsWorkingTime(row.clock, row.level) == row.working);
  }
}

TEST_CASE("calendar: clocks named in [calendar] count working time, level-1 response elapsed") {
  // Received Friday 2026-11-06 18:00, after work.
  const Time r = T("2026-11-06T18:00:00+08:00");
  struct Row {
    const char* name;
    const Config* config;
    int level;
    const char *response, *form, *arrival;
  };
  const std::vector<Row> rows = {
      // Elapsed: response 10m -> 18:10; form 2h -> 20:00; arrival 2h -> 20:00.
      {"no calendar, level 1", &Cfg(), 1, "2026-11-06T18:10:00+08:00", "2026-11-06T20:00:00+08:00",
       "2026-11-06T20:00:00+08:00"},
      // Working: form 2h -> Mon 08:30 + 2h = 10:30; level-1 response stays 18:10;
      // arrival is not a working clock: 2h -> 20:00.
      {"calendar, level 1", &CalCfg(), 1, "2026-11-06T18:10:00+08:00", "2026-11-09T10:30:00+08:00",
       "2026-11-06T20:00:00+08:00"},
      // level1_response = "working": 10 min of working time -> Mon 08:40.
      {"calendar, level 1 working", &CalCfgL1Working(), 1, "2026-11-09T08:40:00+08:00",
       "2026-11-09T10:30:00+08:00", "2026-11-06T20:00:00+08:00"},
      // Level 2 response 1h of working time -> Mon 09:30; arrival 48h elapsed -> Sun 18:00.
      {"calendar, level 2", &CalCfg(), 2, "2026-11-09T09:30:00+08:00", "2026-11-09T10:30:00+08:00",
       "2026-11-08T18:00:00+08:00"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    Ticket t = Opened(r, Plus(r, kMin), row.level);
    Classify(t, Plus(r, 5 * kMin), row.level, "onsite-repair");
    RequireValid(t, *row.config);
    auto clocks = ComputeClocks(t, *row.config, T("2026-11-06T18:30:00+08:00"));
    const Clock* c = Find(clocks, "response");
    REQUIRE(c);
    CHECK(FormatTime(InOffset(c->deadline, 480)) == row.response);
    REQUIRE((c = Find(clocks, "form")));
    CHECK(FormatTime(InOffset(c->deadline, 480)) == row.form);
    CHECK(c->state == ClockState::kMet);
    REQUIRE((c = Find(clocks, "arrival")));
    CHECK(FormatTime(InOffset(c->deadline, 480)) == row.arrival);
  }
  // The survey: closed Friday 16:00, 16 working hours -> Tuesday 17:00 (see AddWorking).
  Ticket t = Opened(T("2026-11-06T09:00:00+08:00"), T("2026-11-06T09:01:00+08:00"), 3);
  Classify(t, T("2026-11-06T09:05:00+08:00"), 3, "info");
  Close(t, T("2026-11-06T16:00:00+08:00"), false);
  RequireValid(t, CalCfg());
  for (const auto& [now, state] : std::vector<std::pair<const char*, ClockState>>{
           {"2026-11-10T17:00:00+08:00", ClockState::kRunning},
           {"2026-11-10T17:00:01+08:00", ClockState::kOverdue}}) {
    CAPTURE(now);
    auto clocks = ComputeClocks(t, CalCfg(), T(now));
    const Clock* c = Find(clocks, "survey");
    REQUIRE(c);
    CHECK(c->deadline.secs == T("2026-11-10T17:00:00+08:00").secs);
    CHECK(c->state == state);
  }
}

// Until a level is judged, `response` takes level 1's 10 minutes, and like
// level 1's it stays elapsed time under a working calendar.
TEST_CASE("calendar: an unjudged ticket's response is as strict as level 1's (elapsed)") {
  const Time r = T("2026-11-06T18:00:00+08:00");
  Ticket t = Opened(r, Plus(r, kMin));  // no level
  RequireValid(t, CalCfg());
  auto clocks = ComputeClocks(t, CalCfg(), T("2026-11-06T18:05:00+08:00"));
  const Clock* c = Find(clocks, "response");
  REQUIRE(c);
  CHECK(c->target.secs == 10 * kMin);
  CHECK(FormatTime(InOffset(c->deadline, 480)) == "2026-11-06T18:10:00+08:00");
}

TEST_CASE("calendar: svc.toml's [calendar] is checked") {
  struct Row {
    std::string calendar;
    const char* phrase;
  };
  const std::vector<Row> rows = {
      {"[calendar]\nmonday = \"8:30-12:00\"\n", "monday"},
      {"[calendar]\nworkday_hours = \"12:00-08:00\"\n", "workday_hours"},
      {"[calendar]\nclocks = [\"lunch\"]\n", "lunch"},
      {"[calendar]\nlevel1_response = \"sometimes\"\n", "level1_response"},
      {"[calendar]\nholidays = [\"2026-10-01\"]\n", "holidays"},
      {"[calendar]\nmonday = \"\"\ntuesday = \"\"\nwednesday = \"\"\nthursday = \"\"\n"
       "friday = \"\"\n",
       "no working hours"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.calendar);
    Config c;
    Status s = ParseConfig(std::string(DefaultConfigText()) + "\n" + row.calendar, "svc.toml", &c);
    CHECK_FALSE(s.ok());
    CHECK(s.message().find(row.phrase) != std::string::npos);
  }
  // Weekday hours default to 08:30-12:00,13:30-17:30 Monday to Friday.
  Config c = ParseOrDie(std::string(DefaultConfigText()) + "\n[calendar]\nclocks = [\"form\"]\n");
  REQUIRE(c.calendar);
  CHECK(c.calendar->HoursOn(DaysFromDate({2026, 11, 2})) ==
        std::vector<std::pair<int, int>>{{510, 720}, {810, 1050}});
  CHECK(c.calendar->HoursOn(DaysFromDate({2026, 11, 7})).empty());
  CHECK(c.CountsWorkingTime("form", 2));
  CHECK_FALSE(c.CountsWorkingTime("survey", 2));
}

// --- the quality loop (issue 18) ----------------------------------------------

TEST_CASE("clocks: follow-up after unhappy answers, notify for a major problem") {
  const Time r = R();
  auto names = [&](const Ticket& t, const Time& now) {
    return Names(ComputeClocks(t, Cfg(), now));
  };
  auto find = [&](const Ticket& t, const Time& now, std::string_view name) {
    for (const Clock& c : ComputeClocks(t, Cfg(), now)) {
      if (c.name == name) return c;
    }
    FAIL("no clock ", name);
    return Clock{};
  };
  SUBCASE("an unsatisfied survey: 24 h, stopped by the follow-up") {
    Ticket t = Opened(r, Plus(r, kMin));
    Classify(t, Plus(r, 5 * kMin), 4, "info");
    Close(t, Plus(r, kHour), false);
    Event s = Ev(Plus(r, 2 * kHour), "survey");
    s.Set("satisfaction", std::string("unsatisfied"));
    t.Append(s);
    RequireValid(t);
    Clock c = find(t, Plus(r, 26 * kHour + 1), "follow-up");
    CHECK(c.start.secs == Plus(r, 2 * kHour).secs);
    CHECK(c.deadline.secs == Plus(r, 26 * kHour).secs);
    CHECK(c.state == ClockState::kOverdue);
    Event f = Ev(Plus(r, 26 * kHour), "follow-up");
    f.Set("text", std::string("回访"));
    t.Append(f);
    RequireValid(t);
    CHECK(find(t, Plus(r, 30 * kHour), "follow-up").state == ClockState::kMet);  // at the deadline
  }
  SUBCASE("an unresolved verification, then a reopen; an answer within a running clock adds none") {
    Ticket t = Opened(r, Plus(r, kMin));
    Classify(t, Plus(r, 5 * kMin), 4, "info");
    Close(t, Plus(r, kHour), true);
    Event v = Ev(Plus(r, 2 * kHour), "verify");
    v.Set("result", std::string("unresolved"));
    t.Append(v);
    Event s = Ev(Plus(r, 3 * kHour), "survey");
    s.Set("satisfaction", std::string("very-unsatisfied"));
    t.Append(s);
    RequireValid(t);
    auto all = names(t, Plus(r, 4 * kHour));
    CHECK(std::count(all.begin(), all.end(), "follow-up") == 1);
    t.Append(Ev(Plus(r, 5 * kHour), "reopen"));
    t.events.back().Set("reason", std::string("复发"));
    RequireValid(t);
    Clock c = find(t, Plus(r, 6 * kHour), "follow-up");
    CHECK(c.state == ClockState::kMet);
    CHECK(c.stop->secs == Plus(r, 5 * kHour).secs);
  }
  SUBCASE("a satisfied survey starts none") {
    Ticket t = Opened(r, Plus(r, kMin));
    Classify(t, Plus(r, 5 * kMin), 4, "info");
    Close(t, Plus(r, kHour), false);
    Survey(t, Plus(r, 2 * kHour));
    RequireValid(t);
    auto all = names(t, Plus(r, 40 * kHour));
    CHECK(std::find(all.begin(), all.end(), "follow-up") == all.end());
  }
  SUBCASE("a major problem: notify runs from its classification until the gm is told") {
    Ticket t = Opened(r, Plus(r, kMin));
    Event c = Ev(Plus(r, 10 * kMin), "classify");
    c.Set("kind", std::string("quality"));
    c.Set("category", std::string("hardware"));
    c.Set("level", int64_t{2});
    c.Set("major", true);
    c.Set("route", std::string("ZL"));
    t.Append(c);
    RequireValid(t);
    Clock n = find(t, Plus(r, 20 * kMin), "notify");
    CHECK(n.state == ClockState::kRunning);
    CHECK(n.deadline.secs == Plus(r, 40 * kMin).secs);
    // A notice to someone else does not stop it; to the gm it does.
    Event head = Ev(Plus(r, 15 * kMin), "notify");
    head.Set("to", std::string("head"));
    t.Append(head);
    CHECK(find(t, Plus(r, 41 * kMin), "notify").state == ClockState::kOverdue);
    Event gm = Ev(Plus(r, 45 * kMin), "notify");
    gm.Set("to", std::string("gm"));
    t.Append(gm);
    RequireValid(t);
    CHECK(find(t, Plus(r, kHour), "notify").state == ClockState::kBreached);
  }
}

}  // namespace
}  // namespace svc
