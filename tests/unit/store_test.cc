#include "storage/store.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "disk_util.h"
#include "format/ticket_toml.h"
#include "storage/mem_disk.h"
#include "storage/paths.h"
#include "storage/recovery.h"
#include "test_util.h"

namespace svc {
namespace {

using svc_test::ReadAll;
using svc_test::T;
using svc_test::TempDir;
using svc_test::TestDisk;

// A disk where only the listed files exist, which notes where it looked (for Locate).
class FakeDisk : public MemDisk {
 public:
  explicit FakeDisk(const std::set<std::string>& files) {
    for (const std::string& f : files) {
      SVC_REQUIRE_OK(MakeDirs(Dirname(f)));
      SVC_REQUIRE_OK(Overwrite(f, ""));
    }
  }
  bool Exists(const std::string& path) override {
    looked_at.push_back(path);
    return MemDisk::Exists(path);
  }
  std::vector<std::string> looked_at;
};

std::unique_ptr<Store> MustOpen(const std::string& root, Disk* disk = RealDisk()) {
  std::unique_ptr<Store> store;
  Status s = Store::Open(root, disk, &store);
  REQUIRE_MESSAGE(s.ok(), s.message());
  return store;
}

Ticket SampleTicket(const std::string& id) {
  Ticket t;
  t.id = id;
  t.via = id.substr(0, id.find('-'));
  t.received = T("2026-11-29T09:10:00+08:00");
  t.customer.name = "上海某某电力公司";
  t.customer.phone = "021-5555 0000";
  t.description = "开关柜无法合闸\n\"报警\"灯亮";
  Event e;
  e.at = T("2026-11-29T09:30:00+08:00");
  e.actor = "王芳";
  e.action = "open";
  e.fields.emplace_back("level", int64_t{2});
  t.events.push_back(e);
  return t;
}

TEST_CASE("Init creates a records directory") {
  for (bool mem : {false, true}) {
    TestDisk dir(mem);
    CAPTURE(dir.name());
    std::string root = dir / "records";
    SVC_REQUIRE_OK(Store::Init(root, dir.disk()));
    CHECK(dir.Read(root + "/svc.toml") == DefaultConfigText());
    CHECK(dir.disk()->IsDir(root + "/tickets"));
    CHECK(dir.Names(root + "/tickets").empty());
    CHECK(dir.Read(root + "/.gitignore") == ".svc/\n");
    CHECK(dir.Read(root + "/.gitattributes") ==
          "tickets/**/*.toml merge=svc\noutbound/**/*.toml merge=svc\ncustomers/*.toml "
          "merge=svc\nvisits/**/*.toml "
          "merge=svc\nplans/*.toml merge=svc\nnonconformities/**/*.toml "
          "merge=svc\nadvances/**/*.toml merge=svc\n"
          "writeoffs/**/*.toml merge=svc\ntraining/**/*.toml merge=svc\n");
    // No temporary files left behind.
    for (const auto& [rel, bytes] : dir.Snapshot()) {
      std::string name = rel.substr(rel.rfind('/') + 1);
      CAPTURE(name);
      CHECK((name[0] != '.' || name == ".gitignore" || name == ".gitattributes"));
    }
    // What Init writes, Open reads.
    auto store = MustOpen(root, dir.disk());
    CHECK(store->config().desk == "SH");
    CHECK(store->root() == root);
  }
}

TEST_CASE("Init refuses a second time and changes nothing") {
  for (bool mem : {false, true}) {
    TestDisk dir(mem);
    CAPTURE(dir.name());
    SVC_REQUIRE_OK(Store::Init(dir.root(), dir.disk()));
    dir.Write(dir / "svc.toml", "# edited\n");
    Status s = Store::Init(dir.root(), dir.disk());
    CHECK(s.code() == Status::Code::kConflict);
    CHECK(s.message() == dir.root() +
                             " is already a records directory (it has svc.toml); nothing was "
                             "changed");
    CHECK(dir.Read(dir / "svc.toml") == "# edited\n");
    CHECK(dir.Read(dir / ".gitignore") == ".svc/\n");
  }
}

TEST_CASE("Init keeps existing git settings and adds its own once") {
  for (bool mem : {false, true}) {
    TestDisk dir(mem);
    CAPTURE(dir.name());
    dir.Write(dir / ".gitignore", "*.bak\n.svc/\nbuild");
    dir.Write(dir / ".gitattributes", "*.png binary\n");
    SVC_REQUIRE_OK(Store::Init(dir.root(), dir.disk()));
    CHECK(dir.Read(dir / ".gitignore") == "*.bak\n.svc/\nbuild");
    CHECK(dir.Read(dir / ".gitattributes") ==
          "*.png binary\ntickets/**/*.toml merge=svc\noutbound/**/*.toml "
          "merge=svc\ncustomers/*.toml merge=svc\nvisits/**/*.toml "
          "merge=svc\nplans/*.toml merge=svc\nnonconformities/**/*.toml "
          "merge=svc\nadvances/**/*.toml merge=svc\n"
          "writeoffs/**/*.toml merge=svc\ntraining/**/*.toml merge=svc\n");

    TestDisk other(mem);
    other.Write(other / ".gitignore", "*.bak");
    SVC_REQUIRE_OK(Store::Init(other.root(), other.disk()));
    CHECK(other.Read(other / ".gitignore") == "*.bak\n.svc/\n");
  }
}

TEST_CASE("Locate: --records, then $SVC_RECORDS, then the nearest ancestor") {
  FakeDisk disk({"/data/records/svc.toml", "/env/records/svc.toml", "/home/wang/svc.toml",
                 "/home/wang/records/svc.toml"});
  std::string root;

  SVC_CHECK_OK(Store::Locate("/data/records", "/env/records", "/", &disk, &root));
  CHECK(root == "/data/records");
  SVC_CHECK_OK(Store::Locate("", "/env/records", "/", &disk, &root));
  CHECK(root == "/env/records");

  // The flag wins even when it is wrong and the environment is right.
  root = "unchanged";
  Status s = Store::Locate("/nowhere", "/env/records", "/", &disk, &root);
  CHECK(s.code() == Status::Code::kNotFound);
  CHECK(s.message() ==
        "/nowhere is not a records directory: it has no svc.toml (--records /nowhere; create one "
        "with 'svc init /nowhere')");
  CHECK(root == "unchanged");
  s = Store::Locate("", "/nowhere", "/", &disk, &root);
  CHECK(s.code() == Status::Code::kNotFound);
  CHECK(s.message() ==
        "/nowhere is not a records directory: it has no svc.toml (SVC_RECORDS /nowhere; create "
        "one with 'svc init /nowhere')");

  struct Row {
    const char* cwd;
    const char* root;
  };
  const Row rows[] = {
      {"/home/wang/records", "."},
      {"/home/wang/records/tickets", ".."},
      {"/home/wang/records/tickets/2026/11", "../../.."},
      {"/home/wang", "."},
      {"/home/wang/other/deeper", "../.."},
  };
  for (const Row& row : rows) {
    CAPTURE(row.cwd);
    SVC_CHECK_OK(Store::Locate("", "", row.cwd, &disk, &root));
    CHECK(root == row.root);
  }

  disk.looked_at.clear();
  s = Store::Locate("", "", "/home/li/work", &disk, &root);
  CHECK(s.code() == Status::Code::kNotFound);
  CHECK(s.message() ==
        "no records directory: no svc.toml in /home/li/work or any folder above it (use "
        "--records DIR, set SVC_RECORDS, or create one with 'svc init DIR')");
  // It looked in every folder up to the root of the file system.
  CHECK(disk.looked_at == std::vector<std::string>{"/home/li/work/svc.toml", "/home/li/svc.toml",
                                                   "/home/svc.toml", "/svc.toml"});
  // A records directory at / is found too.
  FakeDisk at_root({"/svc.toml"});
  SVC_CHECK_OK(Store::Locate("", "", "/a/b", &at_root, &root));
  CHECK(root == "../..");
}

TEST_CASE("Locate on the real file system, from a subfolder") {
  TempDir dir;
  std::string root = dir / "records";
  SVC_REQUIRE_OK(Store::Init(root, RealDisk()));
  std::string sub = root + "/tickets/2026";
  std::filesystem::create_directories(sub);
  std::string found;
  SVC_REQUIRE_OK(Store::Locate("", "", sub, RealDisk(), &found));
  CHECK(found == "../..");
  // The relative root names the records directory from the subfolder.
  CHECK(std::filesystem::equivalent(std::filesystem::path(sub) / found, root));
  SVC_REQUIRE_OK(Store::Locate("", "", root, RealDisk(), &found));
  CHECK(found == ".");
}

TEST_CASE("Open") {
  for (bool mem : {false, true}) {
    TestDisk dir(mem);
    CAPTURE(dir.name());
    std::unique_ptr<Store> store;
    Status s = Store::Open(dir.root(), dir.disk(), &store);
    CHECK(s.code() == Status::Code::kNotFound);
    CHECK(s.message() == (dir / "svc.toml") + " does not exist");
    CHECK(store == nullptr);

    dir.Write(dir / "svc.toml", "format = 1\n[company\n");
    s = Store::Open(dir.root(), dir.disk(), &store);
    CHECK(s.code() == Status::Code::kCorruption);
    CHECK(s.message() ==
          (dir / "svc.toml") + ":2:9: Error while parsing table header: expected ']', saw '\\n'");

    std::string text =
        svc_test::ReplaceOnce(DefaultConfigText(), "desk = \"SH\"", "desk = \"SH\"\ndesc = \"x\"");
    dir.Write(dir / "svc.toml", text);
    s = Store::Open(dir.root(), dir.disk(), &store);
    CHECK(s.code() == Status::Code::kCorruption);
    CHECK(s.message() == (dir / "svc.toml") + ":" + std::to_string(svc_test::LineOf(text, "desc")) +
                             ": unknown key 'desc' in [company]");
  }
}

TEST_CASE("TicketPath and Abs") {
  CHECK(TicketPath(DocNumber{"YX", 2026, 11, 1, 2}) == "tickets/2026/11/YX-26-11-01.toml");
  CHECK(TicketPath(DocNumber{"ZC1", 2027, 1, 100, 3}) == "tickets/2027/01/ZC1-27-01-100.toml");
  TempDir dir;
  SVC_REQUIRE_OK(Store::Init(dir.path(), RealDisk()));
  CHECK(MustOpen(dir.path())->Abs("tickets/x") == dir / "tickets/x");
  std::filesystem::path saved = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  std::unique_ptr<Store> here;
  Status s = Store::Open(".", RealDisk(), &here);
  std::filesystem::current_path(saved);
  REQUIRE_MESSAGE(s.ok(), s.message());
  CHECK(here->Abs("tickets/x") == "tickets/x");
}

TEST_CASE("Save and Load round-trip") {
  for (bool mem : {false, true}) {
    TestDisk dir(mem);
    CAPTURE(dir.name());
    SVC_REQUIRE_OK(Store::Init(dir.root(), dir.disk()));
    auto store = MustOpen(dir.root(), dir.disk());
    Ticket t = SampleTicket("YX-26-11-01");
    SVC_REQUIRE_OK(store->Save(t));
    std::string path = dir / "tickets/2026/11/YX-26-11-01.toml";
    CHECK(dir.Read(path) == WriteTicket(t));

    Ticket loaded;
    DocNumber id;
    SVC_REQUIRE_OK(store->Load("YX-26-11-01", &loaded, &id));
    CHECK(loaded == t);
    CHECK(id == DocNumber{"YX", 2026, 11, 1, 2});

    // Saving again with one more event only adds lines.
    std::string before = dir.Read(path);
    Event note;
    note.at = T("2026-11-29T10:00:00+08:00");
    note.actor = "王芳";
    note.action = "note";
    note.fields.emplace_back("text", std::string("客户来电"));
    t.events.push_back(note);
    SVC_REQUIRE_OK(store->Save(t));
    std::string after = dir.Read(path);
    CHECK(after.starts_with(before));
    SVC_REQUIRE_OK(store->Load("YX-26-11-01", &loaded));
    CHECK(loaded == t);
    // A scan's entry loads the same ticket.
    Store::Entry entry;
    entry.rel = "tickets/2026/11/YX-26-11-01.toml";
    Ticket via_scan;
    SVC_REQUIRE_OK(store->LoadFile(entry, &via_scan));
    CHECK(via_scan == t);
    // No temporary files anywhere.
    for (const auto& [rel, bytes] : dir.Snapshot()) {
      if (rel.starts_with("tickets/")) CHECK(rel.substr(rel.rfind('/') + 1)[0] != '.');
    }
  }
}

TEST_CASE("Create refuses an existing ticket") {
  for (bool mem : {false, true}) {
    TestDisk dir(mem);
    CAPTURE(dir.name());
    SVC_REQUIRE_OK(Store::Init(dir.root(), dir.disk()));
    auto store = MustOpen(dir.root(), dir.disk());
    Ticket t = SampleTicket("SC-26-11-07");
    SVC_REQUIRE_OK(store->Create(t));
    Ticket other = SampleTicket("SC-26-11-07");
    other.customer.name = "别的客户";
    Status s = store->Create(other);
    CHECK(s.code() == Status::Code::kConflict);
    CHECK(s.message() == "ticket SC-26-11-07 already exists");
    Ticket loaded;
    SVC_REQUIRE_OK(store->Load("SC-26-11-07", &loaded));
    CHECK(loaded.customer.name == "上海某某电力公司");
  }
}

TEST_CASE("Load errors") {
  for (bool mem : {false, true}) {
    TestDisk dir(mem);
    CAPTURE(dir.name());
    SVC_REQUIRE_OK(Store::Init(dir.root(), dir.disk()));
    auto store = MustOpen(dir.root(), dir.disk());
    Ticket t;

    for (const char* bad : {"../svc", "YX-26-11-01.toml", "", "yx-26-11-01", "tickets/2026"}) {
      CAPTURE(bad);
      Status s = store->Load(bad, &t);
      CHECK(s.code() == Status::Code::kInvalidArgument);
      CHECK(s.message() ==
            "'" + std::string(bad) + "' is not a document number; numbers look like YX-26-11-01");
    }

    Status s = store->Load("YX-26-11-09", &t);
    CHECK(s.code() == Status::Code::kNotFound);
    CHECK(s.message() == "no ticket YX-26-11-09 (no file tickets/2026/11/YX-26-11-09.toml)");

    // A file whose content is not a ticket: file, line and column.
    std::string path = dir / "tickets/2026/11/YX-26-11-02.toml";
    dir.Write(path, "id = \"YX-26-11-02\"\nvia = \n");
    s = store->Load("YX-26-11-02", &t);
    CHECK(s.code() == Status::Code::kCorruption);
    CHECK(s.message() ==
          path + ":2:7: Error while parsing key-value pair: expected value, saw '\\n'");

    // A file holding another ticket.
    dir.Write(dir / "tickets/2026/11/YX-26-11-03.toml", WriteTicket(SampleTicket("YX-26-11-04")));
    s = store->Load("YX-26-11-03", &t);
    CHECK(s.code() == Status::Code::kCorruption);
    CHECK(s.message() == (dir / "tickets/2026/11/YX-26-11-03.toml") +
                             ":1: the file holds ticket 'YX-26-11-04', not YX-26-11-03");
  }
}

TEST_CASE("TakenSequences reads one month's folder") {
  for (bool mem : {false, true}) {
    TestDisk dir(mem);
    CAPTURE(dir.name());
    SVC_REQUIRE_OK(Store::Init(dir.root(), dir.disk()));
    auto store = MustOpen(dir.root(), dir.disk());
    std::vector<int> taken = {42};
    SVC_REQUIRE_OK(store->TakenSequences("tickets", "YX", 2026, 11, &taken));
    CHECK(taken.empty());  // no folder yet

    const char* files[] = {
        "YX-26-11-01.toml",         "YX-26-11-03.toml",  "YX-26-11-010.toml",  // width 3
        "SC-26-11-05.toml",                                                    // another code
        "YX1-26-11-06.toml",                                                   // another code
        "YX-26-10-07.toml",         "YX-25-11-08.toml",                        // another month/year
        "YX-26-11-04.toml.bak",     "YX-26-11-02",       "notes.txt",         "YX-26-11-junk.toml",
        ".YX-26-11-09.toml.tmp123", ".YX-26-11-11.toml", "yx-26-11-12.toml",  "YX-26-11-00.toml",
    };
    for (const char* f : files) dir.Write(dir / (std::string("tickets/2026/11/") + f), "");
    SVC_REQUIRE_OK(dir.disk()->MakeDirs(dir / "tickets/2026/11/YX-26-11-13.toml"));  // a folder
    // Other months' folders are not read.
    dir.Write(dir / "tickets/2026/12/YX-26-12-20.toml", "");

    SVC_REQUIRE_OK(store->TakenSequences("tickets", "YX", 2026, 11, &taken));
    std::sort(taken.begin(), taken.end());
    // The folder named like a ticket counts as taken: its number must not be handed out.
    CHECK(taken == std::vector<int>{1, 3, 10, 13});
    SVC_REQUIRE_OK(store->TakenSequences("tickets", "SC", 2026, 11, &taken));
    CHECK(taken == std::vector<int>{5});
    SVC_REQUIRE_OK(store->TakenSequences("tickets", "YX", 2026, 12, &taken));
    CHECK(taken == std::vector<int>{20});
    SVC_REQUIRE_OK(store->TakenSequences("tickets", "ZL", 2026, 11, &taken));
    CHECK(taken.empty());
    // Outbound record numbers live in a registry of their own.
    dir.Write(dir / "outbound/2026/11/SC-26-11-03.toml", "");
    SVC_REQUIRE_OK(store->TakenSequences("outbound", "SC", 2026, 11, &taken));
    CHECK(taken == std::vector<int>{3});
    SVC_REQUIRE_OK(store->TakenSequences("tickets", "SC", 2026, 11, &taken));
    CHECK(taken == std::vector<int>{5});
  }
}

TEST_CASE("ForEachFile walks years, months, codes and sequences in natural order") {
  for (bool mem : {false, true}) {
    TestDisk dir(mem);
    CAPTURE(dir.name());
    SVC_REQUIRE_OK(Store::Init(dir.root(), dir.disk()));
    auto store = MustOpen(dir.root(), dir.disk());

    int calls = 0;
    SVC_CHECK_OK(store->ForEachFile([&](const Store::Entry&) {
      ++calls;
      return Status::OK();
    }));
    CHECK(calls == 0);

    const char* files[] = {
        "tickets/2027/01/YX-27-01-01.toml",
        "tickets/2026/11/YX-26-11-10.toml",
        "tickets/2026/11/YX-26-11-02.toml",
        "tickets/2026/11/YX-26-11-100.toml",
        "tickets/2026/11/YX-26-11-003.toml",
        "tickets/2026/11/SC-26-11-01.toml",
        "tickets/2026/11/ZC1-26-11-01.toml",
        "tickets/2026/11/junk.toml",
        "tickets/2026/11/.hidden.toml",
        "tickets/2026/11/notes.txt",
        "tickets/2026/11/.YX-26-11-11.toml.tmp99",
        "tickets/2026/12/YX-26-12-01.toml",
        "tickets/2026/09/YX-26-09-01.toml",
        "tickets/2025/12/YX-25-12-02.toml",
        "tickets/misc/x.toml",
        "tickets/2026/1/YX-26-01-01.toml",
        "tickets/20260/11/YX-26-11-05.toml",
        "tickets/stray.toml",
    };
    for (const char* f : files) dir.Write(dir / f, "");

    // Each entry as "N rel" (numbered), "U rel" (an unnumbered *.toml) or "S rel" (a stray).
    std::vector<std::string> seen;
    SVC_REQUIRE_OK(store->ForEachFile([&](const Store::Entry& e) {
      seen.push_back(std::string(e.stray ? "S " : e.numbered ? "N " : "U ") + e.rel);
      if (e.numbered) CHECK(TicketPath(e.number) == e.rel);
      return Status::OK();
    }));
    CHECK(svc_test::Lines(seen) == svc_test::Lines({
                                       "N tickets/2025/12/YX-25-12-02.toml",
                                       "N tickets/2026/09/YX-26-09-01.toml",
                                       "S tickets/2026/1",
                                       "N tickets/2026/11/SC-26-11-01.toml",
                                       "N tickets/2026/11/YX-26-11-02.toml",
                                       "N tickets/2026/11/YX-26-11-003.toml",
                                       "N tickets/2026/11/YX-26-11-10.toml",
                                       "N tickets/2026/11/YX-26-11-100.toml",
                                       "N tickets/2026/11/ZC1-26-11-01.toml",
                                       "U tickets/2026/11/junk.toml",
                                       "S tickets/2026/11/notes.txt",
                                       "N tickets/2026/12/YX-26-12-01.toml",
                                       "S tickets/20260",  // folder names sort as text
                                       "N tickets/2027/01/YX-27-01-01.toml",
                                       "S tickets/misc",
                                       "S tickets/stray.toml",
                                   }));

    // The callback's error stops the walk and is returned.
    calls = 0;
    Status s = store->ForEachFile([&](const Store::Entry&) {
      return ++calls == 2 ? Status::Corruption("stop here") : Status::OK();
    });
    CHECK(s.code() == Status::Code::kCorruption);
    CHECK(s.message() == "stop here");
    CHECK(calls == 2);
  }
}

TEST_CASE("Lock creates .svc/lock and excludes a second holder") {
  for (bool mem : {false, true}) {
    TestDisk dir(mem);
    CAPTURE(dir.name());
    SVC_REQUIRE_OK(Store::Init(dir.root(), dir.disk()));
    auto store = MustOpen(dir.root(), dir.disk());
    std::unique_ptr<FileLock> lock;
    SVC_REQUIRE_OK(store->Lock(&lock));
    CHECK(dir.disk()->Exists(dir / ".svc/lock"));
    std::unique_ptr<FileLock> second;
    CHECK(dir.disk()->Lock(dir / ".svc/lock", 0, &second).code() == Status::Code::kIOError);
    lock.reset();
    SVC_CHECK_OK(dir.disk()->Lock(dir / ".svc/lock", 0, &second));
  }
}

// A full disk (or a crash) between making a year's folder and its month's
// left the year folder empty for good: the lock's recovery of the journal,
// and the failed command's own rollback, pruned a year folder only after
// removing its month folder (tests/stress/full_disk.py found it).
TEST_CASE("Lock's recovery removes a year folder whose month folder was never made") {
  for (bool mem : {false, true}) {
    TestDisk dir(mem);
    CAPTURE(dir.name());
    SVC_REQUIRE_OK(Store::Init(dir.root(), dir.disk()));
    auto store = MustOpen(dir.root(), dir.disk());
    // As the interrupted command left it: its journal, the year folders, no month folder.
    SVC_REQUIRE_OK(dir.disk()->MakeDirs(dir / "tickets/2029"));
    SVC_REQUIRE_OK(dir.disk()->MakeDirs(dir / "outbound/2029"));
    dir.Write(dir / JournalPath(), WriteJournal({"write tickets/2029/05/YX-29-05-01.toml",
                                                 "write outbound/2029/05/SC-29-05-01.toml"}));
    std::unique_ptr<FileLock> lock;
    SVC_REQUIRE_OK(store->Lock(&lock));
    CHECK_FALSE(dir.disk()->Exists(dir / "tickets/2029"));
    CHECK_FALSE(dir.disk()->Exists(dir / "outbound/2029"));
    CHECK(dir.disk()->IsDir(dir / "tickets"));
    // outbound/ is made by the first dispatch: it goes with its last year (tickets/ stays).
    CHECK_FALSE(dir.disk()->Exists(dir / "outbound"));
    CHECK_FALSE(dir.disk()->Exists(dir / JournalPath()));
    lock.reset();
    // A year folder that holds another month stays.
    dir.Write(dir / "tickets/2029/04/YX-29-04-01.toml", "x");
    dir.Write(dir / JournalPath(), WriteJournal({"write tickets/2029/05/YX-29-05-01.toml"}));
    SVC_REQUIRE_OK(store->Lock(&lock));
    CHECK(dir.disk()->Exists(dir / "tickets/2029/04/YX-29-04-01.toml"));
  }
}

}  // namespace
}  // namespace svc
