// Crash and I/O-error behaviour: a FaultDisk fails each write step of a
// command in turn — every folder made, file created, write, fsync, rename,
// fsync of a folder, as an I/O error, a full disk, or a short write — and
// after each failure nothing already stored has changed (byte for byte),
// nothing half-written is left (no temporary file, no truncated file), and
// the command said it failed. A file whose rename happened before the
// failure (only the folder's fsync failed) is whole: the new bytes.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "disk_util.h"
#include "ops/intake.h"
#include "ops/workflow.h"
#include "storage/fault_disk.h"
#include "storage/index.h"
#include "storage/mem_disk.h"
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
      if (must_fail) {
        CHECK_FALSE(s.ok());
        CHECK(s.code() == Status::Code::kIOError);
        CHECK_MESSAGE(s.message().starts_with(Verb(steps[i])), s.message());
        CHECK_MESSAGE(s.message().ends_with(std::string(": ") + std::strerror(fault.error)),
                      s.message());
      } else {
        SVC_CHECK_OK(s);
      }
      Files after = f.d.Snapshot();
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
      // Nothing is wedged: the command works on the plain disk afterwards.
      std::unique_ptr<Store> plain = f.Open();
      SVC_CHECK_OK(command(*plain));
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
  // .svc (the lock), the month folder, the temporary file, then its write.
  disk.FailStep(3, ENOSPC, true);
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

}  // namespace
}  // namespace svc
