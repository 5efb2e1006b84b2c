// git's merge driver in the library (ops/merge_file.h), on a MemDisk: a
// clean merge writes the canonical merged file into %A; a history that does
// not replay keeps every event and asks a person; two requests under one
// number keep the older receipt and set the newer aside in a .dup file;
// what svc cannot read, or a path in no kind's folder, is left to git's
// textual merge. The generic merge of any kind is tried on the ticket kind.
#include "ops/merge_file.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "disk_util.h"
#include "format/record_toml.h"
#include "format/ticket_toml.h"
#include "ops/intake.h"
#include "rules/merge.h"
#include "storage/store.h"
#include "test_util.h"

namespace svc {
namespace {

using svc_test::T;
using svc_test::TestDisk;

Time At(std::string_view hhmm) {
  return T("2026-11-29T" + std::string(hhmm) + ":00+08:00");
}

// YX-26-11-01 for `customer`, received and filled at `hhmm`.
Ticket Opened(std::string customer = "甲", std::string_view hhmm = "09:00") {
  IntakeForm form;
  form.via = "YX";
  form.customer.name = std::move(customer);
  form.customer.phone = "021-5555-0101";
  return NewTicket(form, DocNumber{"YX", 2026, 11, 1, 2}, At(hhmm), "王芳");
}

Event Ev(std::string_view hhmm, std::string action, std::string actor = "王芳") {
  Event e;
  e.at = At(hhmm);
  e.actor = std::move(actor);
  e.action = std::move(action);
  return e;
}

Event Note(std::string_view hhmm, std::string text, std::string actor = "王芳") {
  Event e = Ev(hhmm, "note", std::move(actor));
  e.Set("text", std::move(text));
  return e;
}

Ticket With(Ticket t, std::vector<Event> events) {
  for (auto& e : events) t.Append(std::move(e));
  return t;
}

// Dispatched at 09:20 to the outbound record SC-26-11-01.
Ticket Dispatched() {
  Event classify = Ev("09:10", "classify");
  classify.Set("kind", std::string("support"));
  classify.Set("category", std::string("hardware"));
  classify.Set("level", int64_t{3});
  classify.Set("service", std::string("onsite-repair"));
  classify.Set("route", std::string("SC"));
  Event dispatch = Ev("09:20", "dispatch");
  dispatch.Set("record", std::string("SC-26-11-01"));
  dispatch.Set("dept", std::string("SC"));
  dispatch.Set("techs", std::vector<std::string>{"张伟"});
  dispatch.Set("complexity", std::string("simple"));
  return With(Opened(), {classify, dispatch});
}

Event Mark(std::string_view hhmm, std::string action) {
  Event e = Ev(hhmm, std::move(action), "张伟");
  e.Set("record", std::string("SC-26-11-01"));
  return e;
}

Event Close(std::string_view hhmm) {
  Event e = Ev(hhmm, "close");
  e.Set("result", std::string("completed"));
  return e;
}

// A records directory on a MemDisk and the three versions git hands over.
struct Fixture {
  TestDisk d{true};
  MergeFileRequest r;
  Config config;

  Fixture() {
    SVC_REQUIRE_OK(Store::Init(d.root(), d.disk()));
    std::unique_ptr<Store> store;
    SVC_REQUIRE_OK(Store::Open(d.root(), d.disk(), &store));
    config = store->config();
    r.base = "/tmp/git/O";
    r.ours = "/tmp/git/A";
    r.theirs = "/tmp/git/B";
    r.path = d / "tickets/2026/11/YX-26-11-01.toml";
    SVC_REQUIRE_OK(d.disk()->MakeDirs(Dirname(r.path)));  // the work tree holds the file
  }
  // The versions as text ("" for a side git has no file for).
  void Versions(std::string_view base, std::string_view ours, std::string_view theirs) {
    d.Write(r.base, base);
    d.Write(r.ours, ours);
    d.Write(r.theirs, theirs);
  }
  void Versions(const std::optional<Ticket>& base, const Ticket& ours, const Ticket& theirs) {
    Versions(base ? WriteTicket(*base) : "", WriteTicket(ours), WriteTicket(theirs));
  }
};

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += s + "\n";
  return out;
}

TEST_CASE("merge file: a clean ticket merge writes the canonical merged file into %A") {
  Fixture f;
  Ticket base = Opened();
  Ticket ours = With(base, {Note("10:00", "甲方")});
  Ticket theirs = With(base, {Note("11:00", "乙方", "张伟")});
  f.Versions(base, ours, theirs);
  MergeFileOutcome m = MergeFile(f.d.disk(), f.r);
  CHECK(m.exit_code == 0);
  CHECK_FALSE(m.textual);
  CHECK(Join(m.notes) == "");
  CHECK(f.d.Read(f.r.ours) ==
        WriteTicket(With(base, {Note("10:00", "甲方"), Note("11:00", "乙方", "张伟")})));
  // Nothing else was written: no .dup file beside the ticket.
  CHECK_FALSE(f.d.disk()->Exists(f.d / "tickets/2026/11/YX-26-11-01.dup.toml"));
}

TEST_CASE("merge file: a history that does not replay keeps every event and asks a person") {
  // The desk closes at 12:00 while the engineer was on site 11:00-13:00.
  Fixture f;
  Ticket base = Dispatched();
  Ticket ours = With(base, {Close("12:00")});
  Ticket theirs = With(base, {Mark("11:00", "arrive"), Mark("13:00", "finish")});
  f.Versions(base, ours, theirs);
  MergeOutcome expected;
  Status s = MergeTickets(base, ours, theirs, f.config, &expected);
  REQUIRE(s.code() == Status::Code::kConflict);

  MergeFileOutcome m = MergeFile(f.d.disk(), f.r);
  CHECK(m.exit_code == 1);
  CHECK_FALSE(m.textual);
  CHECK(Join(m.notes) == f.r.path + ": " + s.message() +
                             "; every event of both sides is in the file: correct it, run "
                             "'svc check', then 'git add' it\n");
  CHECK(s.message().starts_with("the merged history does not replay: "));
  CHECK(f.d.Read(f.r.ours) == WriteTicket(expected.merged));
  CHECK(expected.merged.events.size() == 6);
}

TEST_CASE("merge file: two requests under one number set the newer aside in a .dup file") {
  Fixture f;
  Ticket older = With(Opened("甲", "09:00"), {Note("09:30", "甲方")});
  Ticket newer = Opened("乙", "10:00");
  for (bool swap : {false, true}) {
    CAPTURE(swap);
    Fixture g;
    // The first .dup file is taken already: the next one is used.
    std::string taken = g.d / "tickets/2026/11/YX-26-11-01.dup.toml";
    std::string dup = g.d / "tickets/2026/11/YX-26-11-01.dup2.toml";
    if (swap) g.d.Write(taken, "held");
    g.Versions(std::nullopt, swap ? newer : older, swap ? older : newer);
    MergeFileOutcome m = MergeFile(g.d.disk(), g.r);
    CHECK(m.exit_code == 1);
    CHECK_FALSE(m.textual);
    std::string aside = swap ? dup : taken;
    CHECK(Join(m.notes) ==
          "YX-26-11-01 was given to two different requests in two clones; the older receipt "
          "(甲, 2026-11-29 09:00) keeps it, the other (乙, 2026-11-29 10:00) is set aside in " +
              aside +
              ": run 'svc renumber YX-26-11-01' to give it the next free number, then 'git "
              "add' what it names\n");
    CHECK(g.d.Read(g.r.ours) == WriteTicket(older));
    CHECK(g.d.Read(aside) == WriteTicket(newer));
    if (swap) CHECK(g.d.Read(taken) == "held");
  }
}

TEST_CASE("merge file: what svc cannot merge is left to git's textual merge") {
  std::string note =
      "\n[[event]]\nat = 2026-11-29T10:00:00+08:00\nactor = \"王芳\"\n"
      "action = \"note\"\ntext = \"甲方\"\n";
  std::string base = WriteTicket(Opened());
  std::string broken = base + "\n[[event]\nat = garbage\n";
  SUBCASE("an unparseable version") {
    for (int side = 0; side < 3; ++side) {
      CAPTURE(side);
      Fixture f;
      f.Versions(side == 0 ? broken : base, side == 1 ? broken : base + note,
                 side == 2 ? broken : base);
      MergeFileOutcome m = MergeFile(f.d.disk(), f.r);
      CHECK(m.exit_code == 1);
      CHECK(m.textual);
      const char* names[] = {" (base)", " (ours)", " (theirs)"};
      CHECK_MESSAGE(m.why.starts_with(f.r.path + names[side]), m.why);
      CHECK(Join(m.notes) == "");
      // %A is left for git as it was.
      CHECK(f.d.Read(f.r.ours) == (side == 1 ? broken : base + note));
    }
  }
  SUBCASE("one side empty") {
    Fixture f;
    f.Versions(base, "", base + note);
    MergeFileOutcome m = MergeFile(f.d.disk(), f.r);
    CHECK(m.textual);
    CHECK(m.exit_code == 1);
    CHECK(m.why == "one side is empty");
  }
  SUBCASE("a version git cannot hand over") {
    Fixture f;
    f.Versions(base, base + note, base);
    f.r.theirs = "/tmp/git/missing";
    MergeFileOutcome m = MergeFile(f.d.disk(), f.r);
    CHECK(m.textual);
    CHECK(m.why == "/tmp/git/missing does not exist");
  }
  SUBCASE("a path in no kind's folder") {
    Fixture f;
    f.Versions(base, base + note, base);
    f.r.path = f.d / "notes/2026.toml";
    MergeFileOutcome m = MergeFile(f.d.disk(), f.r);
    CHECK(m.textual);
    CHECK(m.exit_code == 1);
    CHECK(m.why == "svc keeps no kind of record in this folder");
  }
  SUBCASE("no records directory above the kind's folder") {
    Fixture f;
    f.Versions(base, base + note, base);
    f.r.path = "/elsewhere/tickets/2026/11/YX-26-11-01.toml";
    MergeFileOutcome m = MergeFile(f.d.disk(), f.r);
    CHECK(m.textual);
    CHECK(m.exit_code == 1);
    CHECK_FALSE(m.why.empty());
  }
}

// Every kind but tickets merges by MergeRecordFile; no such kind exists
// yet, so it is tried on the ticket kind, whose record form is lossless.
TEST_CASE("merge file: the merge of a record of any kind") {
  Fixture f;
  Ticket base = Opened();
  SUBCASE("clean: canonical bytes in %A") {
    f.Versions(base, With(base, {Note("10:00", "甲方")}),
               With(base, {Note("11:00", "乙方", "张伟")}));
    MergeFileOutcome m;
    MergeRecordFile(f.d.disk(), f.r, TicketKind(), f.config, &m);
    CHECK(m.exit_code == 0);
    CHECK_FALSE(m.textual);
    CHECK(f.d.Read(f.r.ours) ==
          WriteRecord(
              TicketRecord(With(base, {Note("10:00", "甲方"), Note("11:00", "乙方", "张伟")}))));
  }
  SUBCASE("headers edited on both sides: git's textual merge") {
    f.Versions(std::nullopt, Opened("甲", "09:00"), Opened("乙", "10:00"));
    MergeFileOutcome m;
    MergeRecordFile(f.d.disk(), f.r, TicketKind(), f.config, &m);
    CHECK(m.exit_code == 1);
    CHECK(m.textual);
    CHECK(m.why ==
          "YX-26-11-01: the two versions hold different headers: it was edited on both sides");
    CHECK_FALSE(f.d.disk()->Exists(f.d / "tickets/2026/11/YX-26-11-01.dup.toml"));
  }
  SUBCASE("a history that does not replay keeps every event") {
    Ticket d = Dispatched();
    f.Versions(d, With(d, {Close("12:00")}),
               With(d, {Mark("11:00", "arrive"), Mark("13:00", "finish")}));
    MergeFileOutcome m;
    MergeRecordFile(f.d.disk(), f.r, TicketKind(), f.config, &m);
    CHECK(m.exit_code == 1);
    CHECK_FALSE(m.textual);
    REQUIRE(m.notes.size() == 1);
    CHECK(m.notes[0].starts_with(f.r.path + ": the merged history does not replay: "));
    Ticket merged;
    SVC_REQUIRE_OK(ParseTicket(f.d.Read(f.r.ours), "merged", &merged));
    CHECK(merged.events.size() == 6);
  }
}

}  // namespace
}  // namespace svc
