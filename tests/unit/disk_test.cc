// The Disk interface on both of its disks (the real one, MemDisk), the one
// atomic-write path under every failure FaultDisk can inject, and MemDisk's
// and FaultDisk's own behaviour.
#include "storage/disk.h"

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "disk_util.h"
#include "storage/fault_disk.h"
#include "storage/mem_disk.h"
#include "test_util.h"

namespace svc {
namespace {

using svc_test::ReadAll;
using svc_test::TempDir;
using svc_test::TestDisk;
using Step = FaultDisk::Step;

bool HasDotFile(const std::vector<std::string>& names) {
  return std::any_of(names.begin(), names.end(), [](const std::string& n) { return n[0] == '.'; });
}

std::string TempName(const std::string& dir, const std::string& base) {
  return fmt::format("{}/.{}.tmp{}", dir, base, ::getpid());
}

TEST_CASE("WriteFileAtomic writes, replaces and leaves no temporary file") {
  for (bool mem : {false, true}) {
    TestDisk d(mem);
    CAPTURE(d.name());
    FaultDisk disk(d.disk());
    std::string path = d / "t.toml";
    SVC_REQUIRE_OK(disk.WriteFileAtomic(path, "first\n"));
    CHECK(d.Read(path) == "first\n");
    SVC_REQUIRE_OK(disk.WriteFileAtomic(path, "second, 中文\n"));
    CHECK(d.Read(path) == "second, 中文\n");
    SVC_REQUIRE_OK(disk.WriteFileAtomic(path, ""));
    CHECK(d.Read(path) == "");
    std::string big(3 * 1024 * 1024 + 7, 'x');
    big[12345] = '\0';
    SVC_REQUIRE_OK(disk.WriteFileAtomic(path, big));
    CHECK(d.Read(path) == big);
    CHECK(d.Names(d.root()) == std::vector<std::string>{"t.toml"});
    // Each write: a temporary file, its data, fsync, rename, fsync of the folder.
    std::vector<Step> one = {Step::kCreate, Step::kWrite, Step::kSync, Step::kRename,
                             Step::kSyncFolder};
    std::vector<Step> four;
    for (int i = 0; i < 4; ++i) four.insert(four.end(), one.begin(), one.end());
    CHECK(disk.steps() == four);
  }
}

TEST_CASE("WriteFileAtomic keeps the old file when a step fails") {
  struct Row {
    const char* what;
    int step;  // in create, write, sync, rename, sync folder
    int error;
    bool short_write;
    std::string verb;  // of the message
    int named;         // the message names 0: the temporary file, 1: the target, 2: the folder
  };
  const Row rows[] = {
      {"create fails", 0, EACCES, false, "create", 0},
      {"write fails", 1, EIO, false, "write", 0},
      {"disk full", 1, ENOSPC, false, "write", 0},
      {"short write, then disk full", 1, ENOSPC, true, "write", 0},
      {"sync fails", 2, EIO, false, "sync", 0},
      {"rename fails", 3, EXDEV, false, "rename into place", 1},
  };
  for (bool mem : {false, true}) {
    for (const Row& row : rows) {
      for (bool existed : {true, false}) {
        TestDisk d(mem);
        CAPTURE(d.name());
        CAPTURE(row.what);
        CAPTURE(existed);
        std::string path = d / "YX-26-11-01.toml";
        if (existed) d.Write(path, "old content\n");
        FaultDisk disk(d.disk());
        disk.FailStep(row.step, row.error, row.short_write);
        Status s = disk.WriteFileAtomic(path, "new content that must not appear\n");
        CHECK(disk.failures() == 1);
        CHECK(s.code() == Status::Code::kIOError);
        std::string named = row.named == 0 ? TempName(d.root(), "YX-26-11-01.toml") : path;
        CHECK(s.message() ==
              fmt::format("cannot {} {}: {}", row.verb, named, std::strerror(row.error)));
        if (existed) {
          CHECK(d.Read(path) == "old content\n");
          CHECK(d.Names(d.root()) == std::vector<std::string>{"YX-26-11-01.toml"});
        } else {
          CHECK(d.Names(d.root()).empty());
        }
        CHECK_FALSE(HasDotFile(d.Names(d.root())));
      }
    }
  }
}

TEST_CASE("WriteFileAtomic reports a failed fsync of the folder, the new file whole in place") {
  for (bool mem : {false, true}) {
    TestDisk d(mem);
    CAPTURE(d.name());
    std::string path = d / "t.toml";
    d.Write(path, "old\n");
    FaultDisk disk(d.disk());
    disk.FailStep(4, EIO);
    Status s = disk.WriteFileAtomic(path, "new\n");
    CHECK(s.code() == Status::Code::kIOError);
    CHECK(s.message() == fmt::format("cannot sync folder {}: {}", d.root(), std::strerror(EIO)));
    CHECK(d.Read(path) == "new\n");
    CHECK(d.Names(d.root()) == std::vector<std::string>{"t.toml"});
  }
}

TEST_CASE("A failed write does not stop the next one") {
  for (bool mem : {false, true}) {
    TestDisk d(mem);
    CAPTURE(d.name());
    std::string path = d / "t.toml";
    FaultDisk disk(d.disk());
    disk.FailStep(2);
    CHECK_FALSE(disk.WriteFileAtomic(path, "x").ok());
    SVC_CHECK_OK(disk.WriteFileAtomic(path, "y"));
    CHECK(d.Read(path) == "y");
    CHECK(d.Names(d.root()) == std::vector<std::string>{"t.toml"});
  }
}

TEST_CASE("Two atomic writes of one file at once get temporary files of their own") {
  for (bool mem : {false, true}) {
    TestDisk d(mem);
    CAPTURE(d.name());
    std::string path = d / "index";
    std::unique_ptr<AtomicFile> a, b;
    SVC_REQUIRE_OK(d.disk()->BeginAtomicWrite(path, &a));
    SVC_REQUIRE_OK(d.disk()->BeginAtomicWrite(path, &b));
    CHECK(a->temporary_path() == TempName(d.root(), "index"));
    CHECK(b->temporary_path() != a->temporary_path());
    SVC_CHECK_OK(a->Append("first"));
    SVC_CHECK_OK(b->Append("second"));
    SVC_CHECK_OK(b->Commit());
    CHECK(d.Read(path) == "second");
    SVC_CHECK_OK(a->Commit());
    CHECK(d.Read(path) == "first");
    // One given up is removed.
    SVC_REQUIRE_OK(d.disk()->BeginAtomicWrite(path, &a));
    SVC_CHECK_OK(a->Append("abandoned"));
    a.reset();
    b.reset();
    CHECK(d.Names(d.root()) == std::vector<std::string>{"index"});
    CHECK(d.Read(path) == "first");
  }
}

TEST_CASE("WriteFileAtomic into a missing folder") {
  for (bool mem : {false, true}) {
    TestDisk d(mem);
    CAPTURE(d.name());
    Status s = d.disk()->WriteFileAtomic(d / "no/such/t.toml", "x");
    CHECK(s.code() == Status::Code::kIOError);
    CHECK(s.message() == fmt::format("cannot create {}: {}", TempName(d / "no/such", "t.toml"),
                                     std::strerror(ENOENT)));
  }
}

TEST_CASE("WriteFileAtomic with a bare file name writes in the working directory") {
  TempDir dir;
  std::filesystem::path saved = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  Status short_name = RealDisk()->WriteFileAtomic("a", "one letter");
  Status long_name = RealDisk()->WriteFileAtomic("svc.toml", "format = 1\n");
  std::filesystem::current_path(saved);
  SVC_CHECK_OK(short_name);
  SVC_CHECK_OK(long_name);
  CHECK(ReadAll(dir / "a") == "one letter");
  CHECK(ReadAll(dir / "svc.toml") == "format = 1\n");
  std::vector<std::string> names;
  bool exists = false;
  SVC_REQUIRE_OK(RealDisk()->ListDir(dir.path(), &names, &exists));
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"a", "svc.toml"});
}

TEST_CASE("CreateFile refuses an existing file") {
  for (bool mem : {false, true}) {
    TestDisk d(mem);
    CAPTURE(d.name());
    Disk* disk = d.disk();
    std::string path = d / "svc.toml";
    SVC_REQUIRE_OK(disk->CreateFile(path, "mine\n"));
    CHECK(d.Read(path) == "mine\n");
    Status s = disk->CreateFile(path, "theirs\n");
    CHECK(s.code() == Status::Code::kConflict);
    CHECK(s.message() == path + " already exists");
    CHECK(d.Read(path) == "mine\n");
    CHECK(d.Names(d.root()) == std::vector<std::string>{"svc.toml"});
  }
}

TEST_CASE("ReadFile, OpenFile") {
  for (bool mem : {false, true}) {
    TestDisk d(mem);
    CAPTURE(d.name());
    Disk* disk = d.disk();
    std::string out = "stale";
    Status s = disk->ReadFile(d / "missing.toml", &out);
    CHECK(s.code() == Status::Code::kNotFound);
    CHECK(s.message() == (d / "missing.toml") + " does not exist");
    std::unique_ptr<ReadableFile> file;
    s = disk->OpenFile(d / "missing.toml", &file);
    CHECK(s.code() == Status::Code::kNotFound);
    CHECK(s.message() == (d / "missing.toml") + " does not exist");

    s = disk->ReadFile(d.root(), &out);
    CHECK(s.code() == Status::Code::kIOError);
    CHECK(s.message() == "cannot read " + d.root() + ": it is a folder");

    d.Write(d / "empty", "");
    out = "stale";
    SVC_CHECK_OK(disk->ReadFile(d / "empty", &out));
    CHECK(out.empty());

    std::string data(200000, '\0');
    for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 7);
    d.Write(d / "bin", data);
    SVC_CHECK_OK(disk->ReadFile(d / "bin", &out));
    CHECK(out == data);

    // Read at any offset; the file opened is the one read, even once replaced.
    SVC_REQUIRE_OK(disk->OpenFile(d / "bin", &file));
    SVC_REQUIRE_OK(disk->WriteFileAtomic(d / "bin", "replaced"));
    std::string buf(1000, '?');
    size_t got = 0;
    SVC_CHECK_OK(file->ReadAt(199500, buf.size(), buf.data(), &got));
    CHECK(got == 500);
    CHECK(buf.substr(0, got) == data.substr(199500));
    SVC_CHECK_OK(file->ReadAt(7, 3, buf.data(), &got));
    CHECK(got == 3);
    CHECK(buf.substr(0, 3) == data.substr(7, 3));
    SVC_CHECK_OK(file->ReadAt(300000, 10, buf.data(), &got));
    CHECK(got == 0);
    CHECK(d.Read(d / "bin") == "replaced");
  }
}

TEST_CASE("OpenFolder reads files by name with their stamps") {
  for (bool mem : {false, true}) {
    TestDisk d(mem);
    CAPTURE(d.name());
    d.Write(d / "m/a.toml", "alpha");
    d.Write(d / "m/b.toml", std::string(10000, 'b'));
    SVC_REQUIRE_OK(d.disk()->MakeDirs(d / "m/sub"));
    std::unique_ptr<DiskFolder> folder = d.disk()->OpenFolder(d / "m");
    std::string buf;
    std::string_view text;
    FileStamp a, a2, b;
    SVC_REQUIRE_OK(folder->Read("a.toml", &a, &buf, &text));
    CHECK(text == "alpha");
    CHECK(a.size == 5);
    REQUIRE(folder->Stat("a.toml", &a2));
    CHECK(a2 == a);
    SVC_REQUIRE_OK(folder->Read("b.toml", &b, &buf, &text));
    CHECK(text == std::string(10000, 'b'));
    CHECK(b.size == 10000);
    CHECK(b.ino != a.ino);
    Status s = folder->Read("c.toml", &b, &buf, &text);
    CHECK(s.code() == Status::Code::kNotFound);
    CHECK(s.message() == (d / "m/c.toml") + " does not exist");
    CHECK_FALSE(folder->Stat("c.toml", &b));
    s = folder->Read("sub", &b, &buf, &text);
    CHECK(s.code() == Status::Code::kIOError);
    CHECK(s.message() == "cannot read " + (d / "m/sub") + ": it is a folder");
    // A rewrite changes the stamp: another inode.
    SVC_REQUIRE_OK(d.disk()->WriteFileAtomic(d / "m/a.toml", "alpha"));
    REQUIRE(folder->Stat("a.toml", &a2));
    CHECK(a2.size == a.size);
    CHECK(a2.ino != a.ino);
    // A folder that is not there holds nothing.
    std::unique_ptr<DiskFolder> gone = d.disk()->OpenFolder(d / "gone");
    CHECK_FALSE(gone->Stat("a.toml", &a));
    s = gone->Read("a.toml", &a, &buf, &text);
    CHECK(s.code() == Status::Code::kNotFound);
    CHECK(s.message() == (d / "gone/a.toml") + " does not exist");
  }
}

TEST_CASE("ListDir") {
  for (bool mem : {false, true}) {
    TestDisk d(mem);
    CAPTURE(d.name());
    Disk* disk = d.disk();
    std::vector<std::string> names = {"stale"};
    bool exists = true;
    SVC_CHECK_OK(disk->ListDir(d / "missing", &names, &exists));
    CHECK_FALSE(exists);
    CHECK(names.empty());

    d.Write(d / "file", "x");
    exists = true;
    SVC_CHECK_OK(disk->ListDir(d / "file", &names, &exists));
    CHECK_FALSE(exists);

    SVC_CHECK_OK(disk->ListDir(d.root(), &names, &exists));
    CHECK(exists);
    CHECK(names == std::vector<std::string>{"file"});

    d.Write(d / ".hidden", "");
    d.Write(d / "sub/inner", "");
    d.Write(d / "中文.toml", "");
    SVC_CHECK_OK(disk->ListDir(d.root(), &names, &exists));
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{".hidden", "file", "sub", "中文.toml"});
  }
}

TEST_CASE("MakeDirs, Exists, IsDir, RemoveFile") {
  for (bool mem : {false, true}) {
    TestDisk d(mem);
    CAPTURE(d.name());
    Disk* disk = d.disk();
    std::string deep = d / "tickets/2026/11";
    CHECK_FALSE(disk->Exists(deep));
    SVC_REQUIRE_OK(disk->MakeDirs(deep));
    CHECK(disk->IsDir(deep));
    CHECK(disk->IsDir(d / "tickets/2026"));
    SVC_CHECK_OK(disk->MakeDirs(deep));  // already there
    SVC_CHECK_OK(disk->MakeDirs(deep + "/"));

    d.Write(d / "file", "x");
    CHECK(disk->Exists(d / "file"));
    CHECK_FALSE(disk->IsDir(d / "file"));
    Status s = disk->MakeDirs(d / "file/sub");
    CHECK(s.code() == Status::Code::kIOError);
    CHECK(s.message() ==
          "cannot create folder " + (d / "file/sub") + ": " + std::strerror(ENOTDIR));

    SVC_CHECK_OK(disk->RemoveFile(d / "file"));
    CHECK_FALSE(disk->Exists(d / "file"));
    SVC_CHECK_OK(disk->RemoveFile(d / "file"));  // already gone
  }
}

TEST_CASE("JoinPath") {
  CHECK(JoinPath("a", "b") == "a/b");
  CHECK(JoinPath("a/", "b") == "a/b");
  CHECK(JoinPath("", "b") == "b");
  CHECK(JoinPath("/", "svc.toml") == "/svc.toml");
  CHECK(JoinPath(".", "svc.toml") == "./svc.toml");
  CHECK(JoinPath("../..", "tickets/2026") == "../../tickets/2026");
}

// Runs `fn` in a forked child and returns its exit status (or -1).
template <typename Fn>
int InChild(Fn fn) {
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) ::_exit(fn());
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST_CASE("Lock excludes another process until released") {
  TempDir dir;
  std::string path = dir / "lock";
  std::unique_ptr<FileLock> held;
  SVC_REQUIRE_OK(RealDisk()->Lock(path, 1000, &held));
  REQUIRE(held != nullptr);
  CHECK(RealDisk()->Exists(path));

  const std::string expect =
      "the records are locked by another svc (" + path + " held for over 1 s); try again";
  // 0: refused with the expected message; 1: got the lock; 2: another error.
  auto try_lock = [&] {
    std::unique_ptr<FileLock> lock;
    Status s = RealDisk()->Lock(path, 1000, &lock);
    if (s.ok()) return lock ? 1 : 3;
    return s.code() == Status::Code::kIOError && s.message() == expect ? 0 : 2;
  };
  CHECK(InChild(try_lock) == 0);

  held.reset();
  CHECK(InChild(try_lock) == 1);

  // Taken again after the child let go.
  SVC_CHECK_OK(RealDisk()->Lock(path, 1000, &held));
}

TEST_CASE("Lock with no wait fails at once while held, even within one process") {
  for (bool mem : {false, true}) {
    TestDisk d(mem);
    CAPTURE(d.name());
    std::string path = d / "lock";
    std::unique_ptr<FileLock> first, second;
    SVC_REQUIRE_OK(d.disk()->Lock(path, 0, &first));
    CHECK(d.disk()->Exists(path));
    Status s = d.disk()->Lock(path, 0, &second);
    CHECK(s.code() == Status::Code::kIOError);
    CHECK(s.message() ==
          "the records are locked by another svc (" + path + " held for over 0 s); try again");
    CHECK(second == nullptr);
    first.reset();
    SVC_CHECK_OK(d.disk()->Lock(path, 0, &second));
  }
}

TEST_CASE("Lock in a missing folder") {
  for (bool mem : {false, true}) {
    TestDisk d(mem);
    CAPTURE(d.name());
    std::unique_ptr<FileLock> lock;
    Status s = d.disk()->Lock(d / "no/lock", 0, &lock);
    CHECK(s.code() == Status::Code::kIOError);
    CHECK(s.message() == "cannot open lock file " + (d / "no/lock") + ": " + std::strerror(ENOENT));
  }
}

TEST_CASE("MemDisk: a lock waits for its holder in another thread") {
  MemDisk disk;
  std::unique_ptr<FileLock> held;
  SVC_REQUIRE_OK(disk.Lock("/lock", 0, &held));
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    held.reset();
  });
  std::unique_ptr<FileLock> mine;
  SVC_CHECK_OK(disk.Lock("/lock", 5000, &mine));
  release.join();
  CHECK(mine != nullptr);
}

TEST_CASE("MemDisk: paths are taken lexically") {
  struct Row {
    const char* path;
    const char* normal;
  };
  const Row rows[] = {
      {"/a/b", "/a/b"},
      {"/a//b/", "/a/b"},
      {"/a/./b", "/a/b"},
      {"/a/x/../b", "/a/b"},
      {"/..", "/"},
      {"/", "/"},
      {"", "."},
      {".", "."},
      {"./svc.toml", "svc.toml"},
      {"a/../..", ".."},
      {"../../svc.toml", "../../svc.toml"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.path);
    CHECK(MemDisk::Normal(row.path) == row.normal);
  }
  MemDisk disk;
  SVC_REQUIRE_OK(disk.MakeDirs("/r/tickets"));
  SVC_REQUIRE_OK(disk.WriteFileAtomic("/r/./tickets//x.toml", "x"));
  CHECK(disk.Files() == std::vector<std::string>{"/r/tickets/x.toml"});
  CHECK(disk.Exists("/r/tickets/../tickets/x.toml"));
  // Relative paths have a root of their own.
  SVC_REQUIRE_OK(disk.WriteFileAtomic("svc.toml", "format = 1\n"));
  CHECK(disk.Exists("./svc.toml"));
  CHECK_FALSE(disk.Exists("/svc.toml"));
  std::vector<std::string> names;
  bool exists = false;
  SVC_REQUIRE_OK(disk.ListDir(".", &names, &exists));
  CHECK(names == std::vector<std::string>{"svc.toml"});
  SVC_REQUIRE_OK(disk.ListDir("/", &names, &exists));
  CHECK(names == std::vector<std::string>{"r"});
}

TEST_CASE("MemDisk: stamps change as a real file's do") {
  MemDisk disk;
  disk.SetClock(5'000'000'000);
  SVC_REQUIRE_OK(disk.WriteFileAtomic("/f", "12345"));
  FileStamp first, now;
  REQUIRE(disk.Stamp("/f", &first));
  CHECK(first.size == 5);
  CHECK(first.mtime_ns >= 5'000'000'000);
  // Written in place (same inode): a new time.
  SVC_REQUIRE_OK(disk.Overwrite("/f", "54321"));
  REQUIRE(disk.Stamp("/f", &now));
  CHECK(now.ino == first.ino);
  CHECK(now.size == first.size);
  CHECK(now.mtime_ns > first.mtime_ns);
  // The time put back (as `touch -d` would): the same stamp.
  REQUIRE(disk.SetMtime("/f", first.mtime_ns));
  REQUIRE(disk.Stamp("/f", &now));
  CHECK(now == first);
  // Replaced by a rename: another inode.
  SVC_REQUIRE_OK(disk.WriteFileAtomic("/f", "12345"));
  REQUIRE(disk.Stamp("/f", &now));
  CHECK(now.ino != first.ino);
  CHECK_FALSE(disk.Stamp("/none", &now));
  CHECK_FALSE(disk.SetMtime("/none", 1));
}

TEST_CASE("MemDisk: RemoveAll, Files") {
  MemDisk disk;
  SVC_REQUIRE_OK(disk.MakeDirs("/r/t/2026/11"));
  SVC_REQUIRE_OK(disk.MakeDirs("/r/t2"));
  SVC_REQUIRE_OK(disk.WriteFileAtomic("/r/t/2026/11/a", "a"));
  SVC_REQUIRE_OK(disk.WriteFileAtomic("/r/t/b", "b"));
  SVC_REQUIRE_OK(disk.WriteFileAtomic("/r/t2/c", "c"));
  CHECK(disk.Files("/r") == std::vector<std::string>{"/r/t/2026/11/a", "/r/t/b", "/r/t2/c"});
  CHECK(disk.Files("/r/t") == std::vector<std::string>{"/r/t/2026/11/a", "/r/t/b"});
  disk.RemoveAll("/r/t");
  CHECK_FALSE(disk.Exists("/r/t"));
  CHECK_FALSE(disk.IsDir("/r/t/2026"));
  CHECK(disk.Files("/r") == std::vector<std::string>{"/r/t2/c"});
  disk.RemoveAll("/r/none");
}

TEST_CASE("FaultDisk: counts every step and fails the one asked for") {
  MemDisk mem;
  FaultDisk disk(&mem);
  SVC_REQUIRE_OK(disk.MakeDirs("/r"));
  SVC_REQUIRE_OK(disk.WriteFileAtomic("/r/a", "a"));
  SVC_REQUIRE_OK(disk.RemoveFile("/r/a"));
  CHECK(disk.steps() == std::vector<Step>{Step::kMakeDirs, Step::kCreate, Step::kWrite, Step::kSync,
                                          Step::kRename, Step::kSyncFolder, Step::kRemove});
  CHECK(disk.failures() == 0);
  std::vector<std::string> names;
  for (Step s : disk.steps()) names.push_back(FaultDisk::StepName(s));
  CHECK(names == std::vector<std::string>{"make folders", "create", "write", "sync", "rename",
                                          "sync folder", "remove"});

  // Counted from the call: the second step to come.
  disk.FailStep(1, ENOSPC);
  std::unique_ptr<WritableFile> file;
  SVC_REQUIRE_OK(disk.NewFile("/r/f", &file));
  Status s = file->Append("0123456789");
  CHECK(s.message() == std::string("cannot write /r/f: ") + std::strerror(ENOSPC));
  CHECK(disk.failures() == 1);
  SVC_CHECK_OK(file->Append("0123"));  // only that one
  SVC_CHECK_OK(file->Close());
  CHECK(mem.Files("/r") == std::vector<std::string>{"/r/f"});
  std::string text;
  SVC_REQUIRE_OK(mem.ReadFile("/r/f", &text));
  CHECK(text == "0123");

  // A short write puts half of the data in the file first.
  disk.FailStep(1, ENOSPC, true);
  SVC_REQUIRE_OK(disk.NewFile("/r/g", &file));
  CHECK_FALSE(file->Append("0123456789").ok());
  SVC_REQUIRE_OK(mem.ReadFile("/r/g", &text));
  CHECK(text == "01234");

  // Each kind of step fails with the real disk's message and does nothing.
  struct Row {
    std::function<Status()> run;
    std::string message;
  };
  const Row rows[] = {
      {[&] { return disk.MakeDirs("/r/new"); }, "cannot create folder /r/new"},
      {[&] { return disk.NewFile("/r/h", &file); }, "cannot create /r/h"},
      {[&] { return disk.Rename("/r/f", "/r/g"); }, "cannot rename into place /r/g"},
      {[&] { return disk.SyncFolder("/r"); }, "cannot sync folder /r"},
      {[&] { return disk.RemoveFile("/r/f"); }, "cannot remove /r/f"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.message);
    disk.FailStep(0, EIO);
    Status r = row.run();
    CHECK(r.code() == Status::Code::kIOError);
    CHECK(r.message() == row.message + ": " + std::strerror(EIO));
  }
  CHECK(mem.Files("/r") == std::vector<std::string>{"/r/f", "/r/g"});
  CHECK_FALSE(mem.Exists("/r/new"));
  disk.Clear();
  CHECK(disk.steps().empty());
  SVC_CHECK_OK(disk.RemoveFile("/r/f"));
}

}  // namespace
}  // namespace svc
