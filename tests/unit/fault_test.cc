// Crash and I/O-error behaviour: a FaultDisk fails each write step of a
// command in turn — every folder made, file created, write, fsync, rename,
// fsync of a folder, as an I/O error, a full disk, or a short write — and
// after each failure nothing already stored has changed (byte for byte),
// nothing half-written is left (no temporary file, no truncated file), and
// the command said it failed. A file whose rename happened before the
// failure (only the folder's fsync failed) is whole: the new bytes.
#include <doctest/doctest.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "disk_util.h"
#include "format/fast_reader.h"
#include "format/ticket_toml.h"
#include "ops/check.h"
#include "ops/intake.h"
#include "ops/renumber.h"
#include "ops/workflow.h"
#include "rules/fees.h"
#include "storage/fault_disk.h"
#include "storage/index.h"
#include "storage/mem_disk.h"
#include "storage/recovery.h"
#include "test_util.h"

namespace svc {
namespace {

using svc_test::T;
using svc_test::TestDisk;
using Files = std::map<std::string, std::string>;
using Step = FaultDisk::Step;

// A records directory on one of the disks, made ready for the command.
struct Fixture {
  explicit Fixture(bool mem) : d(mem), root(d / "records") {
    SVC_REQUIRE_OK(Store::Init(root, d.disk()));
  }
  // The store through `disk` (the plain disk when null).
  std::unique_ptr<Store> Open(Disk* disk = nullptr) {
    std::unique_ptr<Store> store;
    SVC_REQUIRE_OK(Store::Open(root, disk ? disk : d.disk(), &store));
    return store;
  }
  TestDisk d;
  std::string root;
};

std::string OpenOne(const Store& store, std::string_view at) {
  IntakeForm form;
  form.via = "YX";
  form.customer.name = "华东电网检修公司";
  form.description = "开关柜无法合闸";
  std::string id;
  SVC_REQUIRE_OK(OpenTicket(store, form, T(at), T(at), "王芳", &id));
  return id;
}

// What a command does, given the store to do it in; returns its status.
using Command = std::function<Status(const Store&)>;
// What `setup` makes before the command (on the plain disk), once per run.
using Setup = std::function<void(const Store&)>;
// A check of what a failed command left, given the files before, after, and
// after a successful run.
using Consistent = std::function<void(const Files& before, const Files& after, const Files& done)>;

bool Hidden(const std::string& rel) {
  std::string name = rel.substr(rel.rfind('/') + 1);
  return name[0] == '.' && name != ".gitignore" && name != ".gitattributes";
}

struct Fault {
  const char* what;
  int error;
  bool short_write;
};

// The faults to try at a step of kind `step`.
std::vector<Fault> FaultsFor(Step step) {
  if (step == Step::kWrite) {
    return {{"I/O error", EIO, false}, {"disk full", ENOSPC, false}, {"short write", ENOSPC, true}};
  }
  if (step == Step::kCreate || step == Step::kMakeDirs) {
    return {{"I/O error", EIO, false}, {"disk full", ENOSPC, false}};
  }
  return {{"I/O error", EIO, false}};
}

std::string Verb(Step step) {
  switch (step) {
    case Step::kMakeDirs:
      return "cannot create folder ";
    case Step::kCreate:
      return "cannot create ";
    case Step::kWrite:
      return "cannot write ";
    case Step::kSync:
      return "cannot sync ";
    case Step::kRename:
      return "cannot rename into place ";
    case Step::kSyncFolder:
      return "cannot sync folder ";
    case Step::kRemove:
      return "cannot remove ";
  }
  return "";
}

// `svc check` finds no problem (leftovers of interrupted commands included).
void CheckClean(const Store& store) {
  std::vector<std::string> problems;
  CheckSummary summary;
  SVC_CHECK_OK(CheckStore(
      store, [&](const Problem& p) { problems.push_back(FormatProblem(p)); }, &summary));
  CHECK_MESSAGE(problems.empty(), fmt::format("{}", fmt::join(problems, "\n")));
}

// Runs `command` once to learn its steps, then once per step and fault with
// that step failing, each time on a fresh records directory. Returns the
// number of failing runs.
int FailEachStep(bool mem, const Setup& setup, const Command& command, bool must_fail,
                 const Consistent& consistent) {
  Files done;
  std::vector<Step> steps;
  {
    Fixture f(mem);
    setup(*f.Open());
    FaultDisk disk(f.d.disk());
    std::unique_ptr<Store> store = f.Open(&disk);
    SVC_REQUIRE_OK(command(*store));
    steps = disk.steps();
    done = f.d.Snapshot();
  }
  REQUIRE(steps.size() >= 5);
  bool renamed = false;
  int runs = 0;
  for (size_t i = 0; i < steps.size(); ++i) {
    for (const Fault& fault : FaultsFor(steps[i])) {
      CAPTURE(i);
      CAPTURE(FaultDisk::StepName(steps[i]));
      CAPTURE(fault.what);
      Fixture f(mem);
      setup(*f.Open());
      Files before = f.d.Snapshot();
      FaultDisk disk(f.d.disk());
      std::unique_ptr<Store> store = f.Open(&disk);
      disk.FailStep(static_cast<int>(i), fault.error, fault.short_write);
      Status s = command(*store);
      ++runs;
      CHECK(disk.failures() == 1);
      // The last step of a command that wrote is the removal of its intent
      // journal: the work is done, and the next command removes the journal.
      bool journal_removal = i + 1 == steps.size() && steps[i] == Step::kRemove && must_fail;
      if (journal_removal) {
        SVC_CHECK_OK(s);
      } else if (must_fail) {
        CHECK_FALSE(s.ok());
        CHECK(s.code() == Status::Code::kIOError);
        CHECK_MESSAGE(s.message().starts_with(Verb(steps[i])), s.message());
        CHECK_MESSAGE(s.message().ends_with(std::string(": ") + std::strerror(fault.error)),
                      s.message());
      } else {
        SVC_CHECK_OK(s);
      }
      Files after = f.d.Snapshot();
      // A journal the failed command could not remove is the next command's to recover.
      after.erase("records/.svc/journal");
      for (const auto& [rel, bytes] : after) {
        CAPTURE(rel);
        CHECK_FALSE(Hidden(rel));  // no temporary file left
        auto was = before.find(rel);
        auto want = done.find(rel);
        bool old_bytes = was != before.end() && was->second == bytes;
        bool new_bytes = want != done.end() && want->second == bytes;
        // The index's entries hold inode numbers, which differ between two
        // records directories on the real disk: the scans in `command` show
        // it whole instead.
        if (!mem && rel == "records/.svc/index") new_bytes = true;
        CHECK_MESSAGE((old_bytes || new_bytes),
                      "changed or half-written: " << bytes.size() << " bytes");
        // Before the first rename nothing may have changed at all.
        if (!renamed) CHECK(old_bytes);
      }
      for (const auto& [rel, bytes] : before) {
        CAPTURE(rel);
        CHECK(after.count(rel) == 1);  // nothing stored is lost
      }
      consistent(before, after, done);
      // Nothing is wedged: the command works on the plain disk afterwards,
      // and then the records check clean, with no journal left.
      std::unique_ptr<Store> plain = f.Open();
      SVC_CHECK_OK(command(*plain));
      CheckClean(*plain);
      CHECK(f.d.Snapshot().count("records/.svc/journal") == 0);
    }
    if (steps[i] == Step::kRename) renamed = true;
  }
  return runs;
}

void NothingMore(const Files&, const Files&, const Files&) {}

TEST_CASE("fault: opening a ticket fails cleanly at each write step") {
  for (bool mem : {true, false}) {
    CAPTURE(mem);
    auto setup = [](const Store& store) { OpenOne(store, "2026-11-29T09:00:00+08:00"); };
    auto command = [](const Store& store) {
      IntakeForm form;
      form.via = "YX";
      form.customer.name = "上海某某电力公司";
      std::string id;
      return OpenTicket(store, form, T("2026-11-29T10:00:00+08:00"), T("2026-11-29T10:00:00+08:00"),
                        "王芳", &id);
    };
    int runs = FailEachStep(mem, setup, command, true, NothingMore);
    CHECK(runs >= 8);
  }
}

TEST_CASE("fault: a failed write of a new ticket names the temporary file and the reason") {
  MemDisk mem;
  SVC_REQUIRE_OK(Store::Init("/r", &mem));
  FaultDisk disk(&mem);
  std::unique_ptr<Store> store;
  SVC_REQUIRE_OK(Store::Open("/r", &disk, &store));
  // .svc (the lock), the intent journal (create, write, sync, rename, sync
  // of .svc), the month folder, the temporary file, then its write.
  disk.FailStep(8, ENOSPC, true);
  IntakeForm form;
  form.via = "YX";
  form.customer.name = "上海某某电力公司";
  std::string id = "none";
  Status s = OpenTicket(*store, form, T("2026-11-29T10:00:00+08:00"),
                        T("2026-11-29T10:00:00+08:00"), "王芳", &id);
  CHECK(s.code() == Status::Code::kIOError);
  CHECK(s.message() == fmt::format("cannot write /r/tickets/2026/11/.YX-26-11-01.toml.tmp{}: {}",
                                   ::getpid(), std::strerror(ENOSPC)));
  CHECK(id == "none");
  CHECK(mem.Files("/r/tickets").empty());
  // No empty month folder stays behind, and no journal.
  CHECK_FALSE(mem.Exists("/r/tickets/2026/11"));
  CHECK_FALSE(mem.Exists("/r/tickets/2026"));
  CHECK(mem.IsDir("/r/tickets"));
  CHECK_FALSE(mem.Exists("/r/.svc/journal"));
}

// A dispatch writes the outbound registry entry, then the ticket: after a
// failure the entry exists exactly when the ticket as stored files it.
TEST_CASE("fault: a dispatch fails cleanly at each write step") {
  for (bool mem : {true, false}) {
    CAPTURE(mem);
    auto setup = [](const Store& store) {
      std::string id = OpenOne(store, "2026-11-29T09:00:00+08:00");
      ClassifyRequest r;
      r.kind = "support";
      r.category = "hardware";
      r.level = 2;
      SVC_REQUIRE_OK(Act(
          store, id, Actor{"王芳", T("2026-11-29T09:10:00+08:00"), T("2026-11-29T09:10:00+08:00")},
          [&](const Ticket&, const TicketState&, Event* e) {
            return MakeClassifyEvent(r, store.config(), e);
          }));
    };
    auto command = [](const Store& store) {
      std::string number;
      return Dispatch(store, "YX-26-11-01",
                      Actor{"王芳", T("2026-11-29T09:20:00+08:00"), T("2026-11-29T09:20:00+08:00")},
                      DispatchRequest{{"张伟"}, "", "", std::nullopt}, &number);
    };
    const std::string ticket = "records/tickets/2026/11/YX-26-11-01.toml";
    const std::string entry = "records/outbound/2026/11/SC-26-11-01.toml";
    auto consistent = [&](const Files& before, const Files& after, const Files& done) {
      bool filed = after.at(ticket) == done.at(ticket);
      CHECK(filed == (after.count(entry) == 1));
      if (!filed) CHECK(after.at(ticket) == before.at(ticket));
    };
    int runs = FailEachStep(mem, setup, command, true, consistent);
    CHECK(runs >= 15);
  }
}

// The index is a cache: a scan whose rewrite of .svc/index fails still gives
// a full read's answers; the old index stays whole (or the new one is whole
// in place), and the next scan agrees with a full read without a note.
TEST_CASE("fault: an index rewrite fails cleanly at each write step") {
  auto scan = [](const Store& store, bool use_index, std::vector<std::string>* notes) {
    std::vector<std::string> rows;
    ScanOptions o;
    o.use_index = use_index;
    o.wall_clock_secs = 4'000'000'000;  // every file long unchanged: summaries kept
    o.note = [&](const std::string& n) { notes->push_back(n); };
    Status s = ScanSummaries(
        store, T("2027-06-30T12:00:00+08:00"), o,
        [&](const Store::Entry& e, const TicketSummary& t) {
          std::string row = e.rel + " ";
          EncodeSummary(t, &row);
          rows.push_back(std::move(row));
        },
        [&](const Status& e) { rows.push_back("unreadable: " + e.message()); });
    REQUIRE_MESSAGE(s.ok(), s.message());
    return rows;
  };
  for (bool mem : {true, false}) {
    CAPTURE(mem);
    auto setup = [&](const Store& store) {
      for (int i = 0; i < 12; ++i) {
        OpenOne(store, fmt::format("2026-{:02}-0{}T09:00:00+08:00", 9 + i % 3, 1 + i % 5));
      }
      std::vector<std::string> notes;
      scan(store, true, &notes);  // the index, built
      // One ticket more: the next scan rewrites the index.
      OpenOne(store, "2026-11-29T09:00:00+08:00");
    };
    auto command = [&](const Store& store) {
      std::vector<std::string> notes;
      std::vector<std::string> got = scan(store, true, &notes);
      CHECK(got == scan(store, false, &notes));
      CHECK(notes.empty());
      return Status::OK();
    };
    auto consistent = [&](const Files& before, const Files& after, const Files&) {
      for (const auto& [rel, bytes] : before) {
        if (rel != "records/.svc/index") CHECK(after.at(rel) == bytes);
      }
    };
    int runs = FailEachStep(mem, setup, command, false, consistent);
    CHECK(runs >= 8);
  }
}

// --- Crashes ----------------------------------------------------------------
//
// A crash (kill -9, a power cut) at each write step of each writing command:
// FaultDisk::CrashAt makes that step and every later one do nothing, so the
// disk stays as the dead process left it (its clean-up lost too). Then one
// successful command — or `svc check --repair` — recovers: the records check
// clean, and every event and registry entry stored before is still there.

Actor At(std::string_view t) {
  return Actor{"王芳", T(t), T(t)};
}

Status Note(const Store& store, const std::string& id, std::string_view at) {
  return Act(store, id, At(at), [](const Ticket&, const TicketState&, Event* e) {
    e->action = "note";
    e->Set("text", std::string("客户来电"));
    return Status::OK();
  });
}

void Classified(const Store& store) {
  std::string id = OpenOne(store, "2026-11-29T09:00:00+08:00");
  ClassifyRequest r;
  r.kind = "support";
  r.category = "hardware";
  r.level = 2;
  SVC_REQUIRE_OK(Act(store, id, At("2026-11-29T09:10:00+08:00"),
                     [&](const Ticket&, const TicketState&, Event* e) {
                       return MakeClassifyEvent(r, store.config(), e);
                     }));
}

Status DispatchOne(const Store& store, std::string_view at) {
  std::string number;
  return Dispatch(store, "YX-26-11-01", At(at), DispatchRequest{{"张伟"}, "", "", std::nullopt},
                  &number);
}

void Finished(const Store& store) {
  Classified(store);
  SVC_REQUIRE_OK(DispatchOne(store, "2026-11-29T09:20:00+08:00"));
  for (const char* action : {"arrive", "finish"}) {
    MarkRequest r;
    r.action = action;
    if (r.action == "finish") r.work = "更换合闸线圈";
    SVC_REQUIRE_OK(MarkRecord(
        store, "YX-26-11-01",
        At(r.action == "arrive" ? "2026-11-29T11:00:00+08:00" : "2026-11-29T11:30:00+08:00"), r));
  }
}

void Closed(const Store& store) {
  Finished(store);
  SVC_REQUIRE_OK(Act(store, "YX-26-11-01", At("2026-11-29T12:00:00+08:00"),
                     [](const Ticket& t, const TicketState& st, Event* e) {
                       CloseRequest r;
                       r.result = "completed";
                       return MakeCloseEvent(r, t, st, e);
                     }));
}

// Every event of every ticket file in `before` is in some ticket file of
// `after`, and every registry entry of `before` is in `after`.
void NothingLost(const Files& before, const Files& after) {
  std::vector<Event> kept;
  for (const auto& [rel, bytes] : after) {
    Ticket t;
    if (rel.find("/tickets/") != std::string::npos && ReadTicket(bytes, rel, &t).ok()) {
      kept.insert(kept.end(), t.events.begin(), t.events.end());
    }
  }
  for (const auto& [rel, bytes] : before) {
    CAPTURE(rel);
    if (rel.find("/outbound/") != std::string::npos) CHECK(after.count(rel) == 1);
    Ticket t;
    if (rel.find("/tickets/") == std::string::npos || !ReadTicket(bytes, rel, &t).ok()) continue;
    for (const Event& e : t.events) {
      CAPTURE(e.action);
      CHECK(std::find(kept.begin(), kept.end(), e) != kept.end());
    }
  }
}

struct CrashCase {
  const char* name;
  Setup setup;
  Command command;
};

// For each write step of the command: a crash there, then (a) one command
// that writes (a note, and for renumber the renumber again if the crash came
// before it took effect), (b) `svc check --repair`; each time the records
// check clean and nothing stored before is lost. Returns the crashes tried.
int CrashEachStep(bool mem, const CrashCase& c, std::vector<std::string>* recovered) {
  std::vector<Step> steps;
  {
    Fixture f(mem);
    c.setup(*f.Open());
    FaultDisk disk(f.d.disk());
    SVC_REQUIRE_OK(c.command(*f.Open(&disk)));
    steps = disk.steps();
  }
  int crashes = 0;
  for (size_t i = 0; i < steps.size(); ++i) {
    for (bool repair : {false, true}) {
      CAPTURE(c.name);
      CAPTURE(i);
      CAPTURE(FaultDisk::StepName(steps[i]));
      CAPTURE(repair);
      Fixture f(mem);
      c.setup(*f.Open());
      Files before = f.d.Snapshot();
      {
        FaultDisk disk(f.d.disk());
        disk.CrashAt(static_cast<int>(i));
        (void)c.command(*f.Open(&disk));
        CHECK(disk.failures() >= 1);
      }
      ++crashes;
      std::unique_ptr<Store> store = f.Open();
      store->set_on_recovered([&](const std::string& what) { recovered->push_back(what); });
      if (repair) {
        SVC_CHECK_OK(RepairStore(*store, [&](const std::string& w) { recovered->push_back(w); }));
        if (std::string(c.name) == "renumber") {
          // Not taken effect: the duplicate is as before, for renumber to do.
          RenumberResult r;
          Status again = Renumber(*store, "YX-26-11-01", At("2026-11-30T08:00:00+08:00"), &r);
          CHECK((again.ok() || again.code() == Status::Code::kNotFound));
        }
      } else {
        SVC_CHECK_OK(Note(*store, "YX-26-11-01", "2026-11-30T09:00:00+08:00"));
        if (std::string(c.name) == "renumber") {
          RenumberResult r;
          Status again = Renumber(*store, "YX-26-11-01", At("2026-11-30T09:10:00+08:00"), &r);
          CHECK((again.ok() || again.code() == Status::Code::kNotFound));
        }
      }
      CheckClean(*store);
      Files after = f.d.Snapshot();
      CHECK(after.count("records/.svc/journal") == 0);
      for (const auto& [rel, bytes] : after) {
        CAPTURE(rel);
        CHECK_FALSE(Hidden(rel));  // no temporary file left
      }
      NothingLost(before, after);
    }
  }
  return crashes;
}

TEST_CASE("fault: a crash at any write step of any writing command is recovered") {
  auto quote = [](const Store& store) {
    return Act(store, "YX-26-11-01", At("2026-11-29T09:30:00+08:00"),
               [&](const Ticket&, const TicketState& st, Event* e) {
                 QuoteArgs a;
                 a.people = 1;
                 a.days = 1;
                 Quote q;
                 SVC_RETURN_IF_ERROR(MakeQuote(a, store.config(), PriceList{}, st, e->at, &q));
                 QuoteToEvent(q, e);
                 return Status::OK();
               });
  };
  const std::vector<CrashCase> cases = {
      {"open", [](const Store& store) { OpenOne(store, "2026-11-29T09:00:00+08:00"); },
       [](const Store& store) {
         // A new month: the month folder is made too.
         IntakeForm form;
         form.via = "YX";
         form.customer.name = "上海某某电力公司";
         std::string id;
         return OpenTicket(store, form, T("2026-12-01T10:00:00+08:00"),
                           T("2026-12-01T10:00:00+08:00"), "王芳", &id);
       }},
      {"note", [](const Store& store) { OpenOne(store, "2026-11-29T09:00:00+08:00"); },
       [](const Store& store) { return Note(store, "YX-26-11-01", "2026-11-29T09:30:00+08:00"); }},
      {"dispatch", Classified,
       [](const Store& store) { return DispatchOne(store, "2026-11-29T09:20:00+08:00"); }},
      {"quote", Classified, quote},
      {"close", Finished,
       [](const Store& store) {
         return Act(store, "YX-26-11-01", At("2026-11-29T12:00:00+08:00"),
                    [](const Ticket& t, const TicketState& st, Event* e) {
                      CloseRequest r;
                      r.result = "completed";
                      return MakeCloseEvent(r, t, st, e);
                    });
       }},
      {"survey", Closed,
       [](const Store& store) {
         return Act(store, "YX-26-11-01", At("2026-11-29T13:00:00+08:00"),
                    [](const Ticket& t, const TicketState& st, Event* e) {
                      SurveyRequest r;
                      r.satisfaction = "satisfied";
                      return MakeSurveyEvent(r, t, st, e);
                    });
       }},
      {"renumber",
       [](const Store& store) {
         // Two receipts under one number, as a merge of two clones leaves them.
         OpenOne(store, "2026-11-29T09:00:00+08:00");
         IntakeForm form;
         form.via = "YX";
         form.customer.name = "苏州某某机电";
         DocNumber n;
         SVC_REQUIRE_OK(ParseDocNumber("YX-26-11-01", &n));
         Ticket newer = NewTicket(form, n, T("2026-11-29T09:30:00+08:00"), "李强");
         SVC_REQUIRE_OK(
             store.disk()->WriteFileAtomic(store.Abs(DuplicatePath(n, 1)), WriteTicket(newer)));
       },
       [](const Store& store) {
         RenumberResult r;
         return Renumber(store, "YX-26-11-01", At("2026-11-29T10:00:00+08:00"), &r);
       }},
  };
  for (bool mem : {true, false}) {
    CAPTURE(mem);
    int crashes = 0;
    std::vector<std::string> recovered;
    for (const CrashCase& c : cases) crashes += CrashEachStep(mem, c, &recovered);
    CHECK(crashes >= 100);
    // Recovery said what it did: temporary files, empty folders, abandoned numbers.
    auto said = [&](std::string_view what) {
      return std::any_of(recovered.begin(), recovered.end(),
                         [&](const std::string& r) { return r.find(what) != std::string::npos; });
    };
    CHECK(said("removed the temporary file"));
    CHECK(said("removed the empty folder"));
    CHECK(said("kept as abandoned"));
    CHECK(said("renumber of YX-26-11-01"));
  }
}

// An abandoned number stays taken: the next dispatch takes the one after it,
// and `svc check` accepts the gapless sequence.
TEST_CASE("fault: a dispatch killed before its ticket was written keeps its number abandoned") {
  MemDisk mem;
  SVC_REQUIRE_OK(Store::Init("/r", &mem));
  std::unique_ptr<Store> store;
  SVC_REQUIRE_OK(Store::Open("/r", &mem, &store));
  Classified(*store);
  // What a dispatch killed after its registry entry (before its ticket's
  // rename) leaves: the journal, the entry, the ticket's temporary file.
  SVC_REQUIRE_OK(mem.WriteFileAtomic("/r/.svc/journal",
                                     WriteJournal({"write outbound/2026/11/SC-26-11-01.toml",
                                                   "write tickets/2026/11/YX-26-11-01.toml"})));
  SVC_REQUIRE_OK(mem.MakeDirs("/r/outbound/2026/11"));
  SVC_REQUIRE_OK(
      mem.WriteFileAtomic("/r/outbound/2026/11/SC-26-11-01.toml",
                          WriteOutboundEntry(OutboundEntry{"SC-26-11-01", "YX-26-11-01"})));
  SVC_REQUIRE_OK(mem.WriteFileAtomic("/r/tickets/2026/11/.YX-26-11-01.toml.tmp4242", "id = \"YX"));
  std::vector<std::string> said;
  store->set_on_recovered([&](const std::string& w) { said.push_back(w); });
  std::string number;
  SVC_REQUIRE_OK(Dispatch(*store, "YX-26-11-01", At("2026-11-29T09:40:00+08:00"),
                          DispatchRequest{{"张伟"}, "", "", std::nullopt}, &number));
  CHECK(number == "SC-26-11-02");
  REQUIRE(said.size() == 2);
  CHECK(said[0] ==
        "outbound record SC-26-11-01 was taken by an interrupted dispatch of YX-26-11-01, which "
        "did not file it: kept as abandoned in /r/outbound/2026/11/SC-26-11-01.toml (numbers are "
        "never reused)");
  CHECK(said[1] ==
        "removed the temporary file /r/tickets/2026/11/.YX-26-11-01.toml.tmp4242 of an "
        "interrupted write");
  std::string entry;
  SVC_REQUIRE_OK(mem.ReadFile("/r/outbound/2026/11/SC-26-11-01.toml", &entry));
  CHECK(entry.ends_with("abandoned = true\n"));
  OutboundEntry parsed;
  SVC_REQUIRE_OK(ParseOutboundEntry(entry, "entry", &parsed));
  CHECK(parsed.abandoned);
  CHECK_FALSE(mem.Exists("/r/.svc/journal"));
  CheckClean(*store);
}

// `svc check` reports what interrupted commands of any svc left (empty
// folders aside); --repair (RepairStore) removes it and empty folders,
// saying so, and the check is clean after.
TEST_CASE("fault: check reports leftovers and check --repair removes them") {
  MemDisk mem;
  SVC_REQUIRE_OK(Store::Init("/r", &mem));
  std::unique_ptr<Store> store;
  SVC_REQUIRE_OK(Store::Open("/r", &mem, &store));
  Classified(*store);
  SVC_REQUIRE_OK(mem.WriteFileAtomic("/r/tickets/2026/11/.YX-26-11-01.toml.tmp77", "half"));
  SVC_REQUIRE_OK(mem.WriteFileAtomic("/r/.svc.toml.tmp8.3", "half"));
  SVC_REQUIRE_OK(mem.MakeDirs("/r/tickets/2026/12"));
  SVC_REQUIRE_OK(mem.MakeDirs("/r/outbound/2027"));
  SVC_REQUIRE_OK(mem.MakeDirs("/r/outbound/2026/11"));  // an older svc's orphan, no journal
  SVC_REQUIRE_OK(
      mem.WriteFileAtomic("/r/outbound/2026/11/SC-26-11-01.toml",
                          WriteOutboundEntry(OutboundEntry{"SC-26-11-01", "YX-26-11-01"})));
  std::vector<std::string> problems;
  CheckSummary summary;
  SVC_REQUIRE_OK(CheckStore(
      *store, [&](const Problem& p) { problems.push_back(FormatProblem(p)); }, &summary));
  CHECK(problems == std::vector<std::string>{
                        "/r/outbound/2026/11/SC-26-11-01.toml:3: outbound record SC-26-11-01 is "
                        "registered to YX-26-11-01, but that ticket did not file it",
                        "/r/.svc.toml.tmp8.3: a temporary file left by an interrupted write ('svc "
                        "check --repair' removes it)",
                        "/r/tickets/2026/11/.YX-26-11-01.toml.tmp77: a temporary file left by an "
                        "interrupted write ('svc check --repair' removes it)",
                    });
  std::vector<std::string> said;
  SVC_REQUIRE_OK(RepairStore(*store, [&](const std::string& w) { said.push_back(w); }));
  CHECK(said.size() == 5);
  CheckClean(*store);
  CHECK_FALSE(mem.Exists("/r/tickets/2026/12"));
  CHECK(mem.IsDir("/r/tickets/2026"));
  CHECK_FALSE(mem.Exists("/r/outbound/2027"));
  CHECK(mem.IsDir("/r/outbound"));
}

}  // namespace
}  // namespace svc
