// svc check over a records directory with workflow histories (lib/check.h):
// the outbound registry against the tickets that filed each record, gaps
// and duplicates of outbound numbers, hand edits, and histories the
// procedure does not allow, each reported as one exact `file:line: message`.
#include "ops/check.h"

#include <doctest/doctest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "format/ticket_toml.h"
#include "ops/intake.h"
#include "ops/workflow.h"
#include "test_util.h"

namespace svc {
namespace {

using svc_test::ReadAll;
using svc_test::T;
using svc_test::TempDir;
using svc_test::WriteAll;

// The 1-based line of the first line of `text` starting with `prefix`.
int LineStarting(std::string_view text, std::string_view prefix, int nth = 1) {
  int line = 1;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    if (text.substr(pos, end - pos).starts_with(prefix) && --nth == 0) return line;
    pos = end + 1;
    ++line;
  }
  FAIL("no line starting with '" << std::string(prefix) << "'");
  return 0;
}

// The line of the [[event]] table of the event a refusal names ("'finish'
// at 2026-11-29T09:50:00+08:00 is not allowed"): where check reports it.
int RefusedEventLine(std::string_view text, std::string_view refusal) {
  size_t from = refusal.find("' at ") + 5;
  std::string at(refusal.substr(from, refusal.find(" is not allowed") - from));
  int at_line = LineStarting(text, "at = " + at);
  int line = 0, n = 1;
  for (size_t pos = 0; pos < text.size() && n < at_line; ++n) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    if (text.substr(pos, end - pos) == "[[event]]") line = n;
    pos = end + 1;
  }
  return line;
}

Actor By(std::string_view at) {
  return Actor{"王芳", T(at), T(at)};
}

// Problem lines, printed one per line when a check fails.
struct Lines {
  std::vector<std::string> v;
  Lines() = default;
  Lines(std::initializer_list<std::string> l) : v(l) {}
  explicit Lines(std::vector<std::string> l) : v(std::move(l)) {}
  bool operator==(const Lines&) const = default;
};
std::ostream& operator<<(std::ostream& os, const Lines& l) {
  os << "[";
  for (const auto& line : l.v) os << "\n  " << line;
  return os << "\n]";
}

struct Records {
  TempDir dir;
  std::unique_ptr<Store> store;

  Records() {
    Status s = Store::Init(dir.path(), RealDisk());
    REQUIRE_MESSAGE(s.ok(), s.message());
    s = Store::Open(dir.path(), RealDisk(), &store);
    REQUIRE_MESSAGE(s.ok(), s.message());
  }

  std::string Open(std::string_view at) {
    IntakeForm form;
    form.via = "YX";
    form.customer.name = "华东电网检修公司";
    std::string id;
    Status s = OpenTicket(*store, form, T(at), T(at), "王芳", &id);
    REQUIRE_MESSAGE(s.ok(), s.message());
    return id;
  }

  void Classify(const std::string& id, std::string_view at) {
    ClassifyRequest r;
    r.kind = "support";
    r.category = "hardware";
    r.level = 2;
    Status s = Act(*store, id, By(at), [&](const Ticket&, const TicketState&, Event* e) {
      return MakeClassifyEvent(r, store->config(), e);
    });
    REQUIRE_MESSAGE(s.ok(), s.message());
  }

  std::string Dispatch(const std::string& id, std::string_view at) {
    std::string n;
    Status s =
        svc::Dispatch(*store, id, By(at), DispatchRequest{{"张伟"}, "", "", std::nullopt}, &n);
    REQUIRE_MESSAGE(s.ok(), s.message());
    return n;
  }

  void Mark(const std::string& id, std::string_view at, std::string action,
            std::vector<Part> parts = {}) {
    MarkRequest r;
    r.action = std::move(action);
    r.parts = std::move(parts);
    Status s = Act(*store, id, By(at), [&](const Ticket& t, const TicketState& st, Event* e) {
      return MakeMarkEvent(r, t, st, e);
    });
    REQUIRE_MESSAGE(s.ok(), s.message());
  }

  std::string TicketFile(const std::string& id) {
    DocNumber n;
    REQUIRE(ParseDocNumber(id, &n).ok());
    return dir / TicketPath(n);
  }
  std::string RegistryFile(const std::string& record) {
    DocNumber n;
    REQUIRE(ParseDocNumber(record, &n).ok());
    return dir / OutboundPath(n);
  }

  // Every problem `svc check` prints, in order.
  Lines Check(CheckSummary* summary = nullptr) {
    std::vector<std::string> lines;
    CheckSummary local;
    Status s = CheckStore(
        *store, [&](const Problem& p) { lines.push_back(FormatProblem(p)); },
        summary ? summary : &local);
    REQUIRE_MESSAGE(s.ok(), s.message());
    return Lines(lines);
  }
};

// Two tickets with three outbound records: YX-26-11-01 files SC-26-11-01
// and SC-26-11-03 (a second visit), YX-26-11-02 files SC-26-11-02; the
// first visit runs its whole course with returned parts.
void TwoTickets(Records& rec) {
  std::string a = rec.Open("2026-11-29T09:00:00+08:00");
  std::string b = rec.Open("2026-11-29T09:05:00+08:00");
  rec.Classify(a, "2026-11-29T09:10:00+08:00");
  rec.Classify(b, "2026-11-29T09:10:00+08:00");
  REQUIRE(rec.Dispatch(a, "2026-11-29T09:20:00+08:00") == "SC-26-11-01");
  REQUIRE(rec.Dispatch(b, "2026-11-29T09:21:00+08:00") == "SC-26-11-02");
  rec.Mark(a, "2026-11-29T10:00:00+08:00", "arrive");
  rec.Mark(a, "2026-11-29T11:00:00+08:00", "finish");
  rec.Mark(a, "2026-11-29T13:00:00+08:00", "back",
           {Part{"", "继电器", 2, std::nullopt, "returned"}});
  rec.Mark(a, "2026-11-29T14:00:00+08:00", "warehouse");
  REQUIRE(rec.Dispatch(a, "2026-11-29T15:00:00+08:00") == "SC-26-11-03");
}

TEST_CASE("check: a records directory written by the workflow is clean") {
  Records rec;
  TwoTickets(rec);
  CheckSummary summary;
  CHECK(rec.Check(&summary) == Lines{});
  CHECK(summary.files == 2);
  CHECK(summary.problems == 0);
}

TEST_CASE("check: an outbound record without its registry entry") {
  Records rec;
  TwoTickets(rec);
  std::filesystem::remove(rec.RegistryFile("SC-26-11-02"));
  std::filesystem::remove(rec.RegistryFile("SC-26-11-03"));
  CheckSummary summary;
  // In the order of the records' numbers.
  CHECK(rec.Check(&summary) == Lines{rec.TicketFile("YX-26-11-02") +
                                         ":1: outbound record SC-26-11-02 has no registry entry " +
                                         rec.RegistryFile("SC-26-11-02"),
                                     rec.TicketFile("YX-26-11-01") +
                                         ":1: outbound record SC-26-11-03 has no registry entry " +
                                         rec.RegistryFile("SC-26-11-03")});
  CHECK(summary.problems == 2);
}

TEST_CASE("check: a registry entry pointing to a ticket that did not file it") {
  Records rec;
  TwoTickets(rec);
  // SC-26-11-02 was filed by YX-26-11-02; the entry claims YX-26-11-01.
  std::string file = rec.RegistryFile("SC-26-11-02");
  WriteAll(file, WriteOutboundEntry(OutboundEntry{"SC-26-11-02", "YX-26-11-01"}));
  std::string text = ReadAll(file);
  int line = LineStarting(text, "ticket =");
  CHECK(line == 3);
  CHECK(rec.Check() ==
        Lines{file +
                  ":3: outbound record SC-26-11-02 is registered to YX-26-11-01, but that ticket "
                  "did not file it",
              rec.TicketFile("YX-26-11-02") +
                  ":1: outbound record SC-26-11-02 has no registry entry " +
                  rec.RegistryFile("SC-26-11-02")});

  // A registry entry for a record nobody filed (a number taken by hand).
  std::string stray = rec.RegistryFile("SC-26-11-04");
  WriteAll(stray, WriteOutboundEntry(OutboundEntry{"SC-26-11-04", "YX-26-11-02"}));
  Lines lines = rec.Check();
  CHECK(std::find(lines.v.begin(), lines.v.end(),
                  stray + ":3: outbound record SC-26-11-04 is registered to YX-26-11-02, but that "
                          "ticket did not file it") != lines.v.end());
  CHECK(lines.v.size() == 3);
}

TEST_CASE("check: a gap in the outbound numbers") {
  Records rec;
  TwoTickets(rec);
  // The second record's entry is lost: SC-26-11-02 is missing before SC-26-11-03.
  std::filesystem::remove(rec.RegistryFile("SC-26-11-02"));
  CHECK(
      rec.Check() ==
      Lines{rec.TicketFile("YX-26-11-02") +
                ":1: outbound record SC-26-11-02 has no registry entry " +
                rec.RegistryFile("SC-26-11-02"),
            rec.RegistryFile("SC-26-11-03") +
                ":1: gap in SC's numbers for 2026-11: SC-26-11-02 is missing before SC-26-11-03"});
}

TEST_CASE("check: a gap at the start of a month's outbound numbers") {
  Records rec;
  std::string a = rec.Open("2026-11-29T09:00:00+08:00");
  rec.Classify(a, "2026-11-29T09:10:00+08:00");
  // A registry entry SC-26-12-03 written by hand makes the next number 04.
  WriteAll(rec.RegistryFile("SC-26-12-03"), WriteOutboundEntry(OutboundEntry{"SC-26-12-03", a}));
  std::string n;
  Status s = Dispatch(*rec.store, a, By("2026-12-01T09:00:00+08:00"),
                      DispatchRequest{{"张伟"}, "", "", std::nullopt}, &n);
  REQUIRE_MESSAGE(s.ok(), s.message());
  CHECK(n == "SC-26-12-04");
  const std::string hand = rec.RegistryFile("SC-26-12-03");
  CHECK(
      rec.Check() ==
      Lines{
          hand + ":3: outbound record SC-26-12-03 is registered to YX-26-11-01, but that ticket "
                 "did not file it",
          hand + ":1: gap in SC's numbers for 2026-12: SC-26-12-01 is missing before SC-26-12-03",
          hand + ":1: gap in SC's numbers for 2026-12: SC-26-12-02 is missing before SC-26-12-03"});
}

TEST_CASE("check: the same outbound record filed by two tickets") {
  Records rec;
  TwoTickets(rec);
  // YX-26-11-02's history is rewritten (canonically) to file SC-26-11-01 too.
  std::string file = rec.TicketFile("YX-26-11-02");
  std::string text = ReadAll(file);
  Ticket t;
  REQUIRE(ParseTicket(text, file, &t).ok());
  for (auto& e : t.events) {
    if (e.action == "dispatch") e.Set("record", std::string("SC-26-11-01"));
  }
  text = WriteTicket(t);
  WriteAll(file, text);
  CHECK(
      rec.Check() ==
      Lines{file + ":" + std::to_string(LineStarting(text, "record = \"SC-26-11-01")) +
                ": outbound record SC-26-11-01 is also filed by YX-26-11-01 (two clones took it "
                "offline: 'svc renumber SC-26-11-01' gives the one that took it later the next "
                "free number)",
            rec.RegistryFile("SC-26-11-02") +
                ":3: outbound record SC-26-11-02 is registered to YX-26-11-02, but that ticket did "
                "not file it"});
}

TEST_CASE("check: a ticket edited by hand is not canonical") {
  Records rec;
  TwoTickets(rec);
  std::string file = rec.TicketFile("YX-26-11-02");
  std::string text = ReadAll(file);
  // Same meaning, different bytes: svc would write `techs = ["张伟"]`.
  size_t at = text.find("techs = [\"张伟\"]");
  REQUIRE(at != std::string::npos);
  text.replace(at, std::string("techs = [\"张伟\"]").size(), "techs = [ \"张伟\" ]");
  WriteAll(file, text);
  int line = LineStarting(text, "techs =");
  CHECK(rec.Check() ==
        Lines{file + ":" + std::to_string(line) +
              ": not in svc's canonical form (edited by hand?): svc would write this line "
              "differently"});
}

// Rewrites ticket `id` canonically with `edit` applied to its events.
template <typename Edit>
std::string Rewrite(Records& rec, const std::string& id, Edit edit) {
  std::string file = rec.TicketFile(id);
  Ticket t;
  REQUIRE(ParseTicket(ReadAll(file), file, &t).ok());
  edit(t);
  std::string text = WriteTicket(t);
  WriteAll(file, text);
  return text;
}

Event Hand(std::string_view at, std::string action, std::string record) {
  Event e;
  e.at = T(at);
  e.actor = "李强";
  e.action = std::move(action);
  e.Set("record", std::move(record));
  return e;
}

TEST_CASE("check: an invalid history - a finish inserted before the arrival") {
  Records rec;
  std::string a = rec.Open("2026-11-29T09:00:00+08:00");
  rec.Classify(a, "2026-11-29T09:10:00+08:00");
  // Hand-written, canonically: a record filed, finished before it arrived.
  // No registry entry is involved: the record number is written by hand too.
  std::string text = Rewrite(rec, a, [](Ticket& t) {
    Event d = Hand("2026-11-29T09:20:00+08:00", "dispatch", "SC-26-11-01");
    d.Set("dept", std::string("SC"));
    d.Set("techs", std::vector<std::string>{"李强"});
    t.Append(d);
    t.Append(Hand("2026-11-29T09:50:00+08:00", "finish", "SC-26-11-01"));
    t.Append(Hand("2026-11-29T10:00:00+08:00", "arrive", "SC-26-11-01"));
  });
  // The problem is reported at the refused event's [[event]] line.
  CHECK(rec.Check() ==
        Lines{rec.TicketFile(a) + ":" + std::to_string(LineStarting(text, "[[event]]", 4)) +
              ": YX-26-11-01: 'finish' at 2026-11-29T09:50:00+08:00 is not allowed: SC-26-11-01 "
              "has not arrived on site yet"});
}

TEST_CASE("check: invalid histories, one exact line each") {
  struct Row {
    const char* name;
    std::vector<Event> events;  // added to a ticket opened 09:00 (no classification)
    std::string message;
    bool first_not_open = false;  // also: the history does not start with 'open'
  };
  auto ev = [](std::string_view at, std::string action,
               std::vector<std::pair<std::string, Value>> f) {
    Event e;
    e.at = T(at);
    e.actor = "王芳";
    e.action = std::move(action);
    for (auto& [k, v] : f) e.Set(k, v);
    return e;
  };
  const Row rows[] = {
      {"close before classify",
       {ev("2026-11-29T09:20:00+08:00", "close", {{"result", std::string("completed")}})},
       "YX-26-11-01: 'close' at 2026-11-29T09:20:00+08:00 is not allowed: the ticket has not been "
       "classified yet (svc classify YX-26-11-01)"},
      {"survey before close",
       {ev("2026-11-29T09:20:00+08:00", "survey", {{"satisfaction", std::string("satisfied")}})},
       "YX-26-11-01: 'survey' at 2026-11-29T09:20:00+08:00 is not allowed: the ticket is not "
       "closed "
       "yet; the survey follows closing (R-4.5.1)"},
      {"a note before the open",
       {ev("2026-11-29T08:00:00+08:00", "note", {{"text", std::string("x")}})},
       "YX-26-11-01: 'note' at 2026-11-29T08:00:00+08:00 is not allowed: it comes before the "
       "ticket "
       "was opened",
       true},
      {"something after void",
       {ev("2026-11-29T09:20:00+08:00", "void", {{"reason", std::string("重复")}}),
        ev("2026-11-29T09:30:00+08:00", "note", {{"text", std::string("x")}}),
        ev("2026-11-29T09:40:00+08:00", "void", {{"reason", std::string("再次")}})},
       "YX-26-11-01: 'void' at 2026-11-29T09:40:00+08:00 is not allowed: the ticket was voided at "
       "2026-11-29T09:20:00+08:00"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    Records rec;
    std::string a = rec.Open("2026-11-29T09:00:00+08:00");
    std::string text = Rewrite(rec, a, [&](Ticket& t) {
      for (const auto& e : row.events) t.Append(e);
    });
    std::string at =
        rec.TicketFile(a) + ":" + std::to_string(RefusedEventLine(text, row.message)) + ": ";
    Lines want{at + row.message};
    if (row.first_not_open) {
      want.v.insert(want.v.begin(), rec.TicketFile(a) + ":" +
                                        std::to_string(LineStarting(text, "[[event]]")) +
                                        ": the history does not start with the 'open' event");
    }
    CHECK(rec.Check() == want);
  }
}

// When a ticket's history fails, its registry entries are not judged (its
// records are unknown), so no false "did not file it" claims follow.
TEST_CASE("check: a hand-broken history does not make its registry entries look foreign") {
  Records rec;
  TwoTickets(rec);
  // The first record's arrival is moved after its finish by hand.
  std::string text = Rewrite(rec, "YX-26-11-01", [](Ticket& t) {
    for (auto it = t.events.begin(); it != t.events.end(); ++it) {
      if (it->action == "arrive") {
        Event moved = *it;
        moved.at = T("2026-11-29T11:30:00+08:00");
        t.events.erase(it);
        t.Append(moved);
        break;
      }
    }
  });
  std::string file = rec.TicketFile("YX-26-11-01");
  CHECK(rec.Check() ==
        Lines{file + ":" +
              std::to_string(
                  RefusedEventLine(text, "'finish' at 2026-11-29T11:00:00+08:00 is not allowed")) +
              ": YX-26-11-01: 'finish' at 2026-11-29T11:00:00+08:00 is not allowed: SC-26-11-01 "
              "has not arrived on site yet"});
}

}  // namespace
}  // namespace svc
