#include "storage/disk.h"

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "test_util.h"

namespace svc {
namespace {

using svc_test::ReadAll;
using svc_test::TempDir;

// A Disk whose steps of WriteFileAtomic fail on demand, like leveldb's ErrorEnv.
class FailingDisk : public Disk {
 public:
  enum class Step { kNone, kWrite, kSync, kRename };
  Step fail = Step::kNone;
  int error = EIO;
  int writes = 0, syncs = 0, renames = 0;

 protected:
  int WriteAll(int fd, std::string_view data) override {
    ++writes;
    if (fail == Step::kWrite) {
      // Half the data reaches the temporary file before the disk fills up.
      Disk::WriteAll(fd, data.substr(0, data.size() / 2));
      errno = error;
      return -1;
    }
    return Disk::WriteAll(fd, data);
  }
  int Sync(int fd) override {
    ++syncs;
    if (fail == Step::kSync) {
      errno = error;
      return -1;
    }
    return Disk::Sync(fd);
  }
  int Rename(const std::string& from, const std::string& to) override {
    ++renames;
    if (fail == Step::kRename) {
      errno = error;
      return -1;
    }
    return Disk::Rename(from, to);
  }
};

std::vector<std::string> Names(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

bool HasDotFile(const std::string& dir) {
  for (const std::string& n : Names(dir)) {
    if (n[0] == '.') return true;
  }
  return false;
}

std::string TempName(const std::string& dir, const std::string& base) {
  return fmt::format("{}/.{}.tmp{}", dir, base, ::getpid());
}

TEST_CASE("WriteFileAtomic writes, replaces and leaves no temporary file") {
  TempDir dir;
  FailingDisk disk;
  std::string path = dir / "t.toml";
  SVC_REQUIRE_OK(disk.WriteFileAtomic(path, "first\n"));
  CHECK(ReadAll(path) == "first\n");
  SVC_REQUIRE_OK(disk.WriteFileAtomic(path, "second, 中文\n"));
  CHECK(ReadAll(path) == "second, 中文\n");
  SVC_REQUIRE_OK(disk.WriteFileAtomic(path, ""));
  CHECK(ReadAll(path) == "");
  std::string big(3 * 1024 * 1024 + 7, 'x');
  big[12345] = '\0';
  SVC_REQUIRE_OK(disk.WriteFileAtomic(path, big));
  CHECK(ReadAll(path) == big);
  CHECK(Names(dir.path()) == std::vector<std::string>{"t.toml"});
  CHECK(disk.writes == 4);
  CHECK(disk.syncs == 4);
  CHECK(disk.renames == 4);
}

TEST_CASE("WriteFileAtomic keeps the old file when a step fails") {
  struct Row {
    const char* what;
    FailingDisk::Step step;
    int error;
    bool tmp_in_message;  // the message names the temporary file, else the target
    const char* verb;
  };
  const Row rows[] = {
      {"write fails", FailingDisk::Step::kWrite, ENOSPC, true, "write"},
      {"sync fails", FailingDisk::Step::kSync, EIO, true, "sync"},
      {"rename fails", FailingDisk::Step::kRename, EXDEV, false, "rename into place"},
  };
  for (const Row& row : rows) {
    for (bool existed : {true, false}) {
      CAPTURE(row.what);
      CAPTURE(existed);
      TempDir dir;
      std::string path = dir / "YX-26-11-01.toml";
      if (existed) svc_test::WriteAll(path, "old content\n");
      FailingDisk disk;
      disk.fail = row.step;
      disk.error = row.error;
      Status s = disk.WriteFileAtomic(path, "new content that must not appear\n");
      CHECK(s.code() == Status::Code::kIOError);
      std::string named = row.tmp_in_message ? TempName(dir.path(), "YX-26-11-01.toml") : path;
      CHECK(s.message() ==
            fmt::format("cannot {} {}: {}", row.verb, named, std::strerror(row.error)));
      if (existed) {
        CHECK(ReadAll(path) == "old content\n");
        CHECK(Names(dir.path()) == std::vector<std::string>{"YX-26-11-01.toml"});
      } else {
        CHECK(Names(dir.path()).empty());
      }
      CHECK_FALSE(HasDotFile(dir.path()));
    }
  }
}

TEST_CASE("A failed write does not stop the next one") {
  TempDir dir;
  std::string path = dir / "t.toml";
  FailingDisk disk;
  disk.fail = FailingDisk::Step::kSync;
  CHECK_FALSE(disk.WriteFileAtomic(path, "x").ok());
  disk.fail = FailingDisk::Step::kNone;
  SVC_CHECK_OK(disk.WriteFileAtomic(path, "y"));
  CHECK(ReadAll(path) == "y");
  CHECK(Names(dir.path()) == std::vector<std::string>{"t.toml"});
}

TEST_CASE("WriteFileAtomic into a missing folder") {
  TempDir dir;
  std::string path = dir / "no/such/t.toml";
  Status s = RealDisk()->WriteFileAtomic(path, "x");
  CHECK(s.code() == Status::Code::kIOError);
  CHECK(s.message() == fmt::format("cannot create {}: {}", TempName(dir / "no/such", "t.toml"),
                                   std::strerror(ENOENT)));
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
  CHECK(Names(dir.path()) == std::vector<std::string>{"a", "svc.toml"});
}

TEST_CASE("CreateFile refuses an existing file") {
  TempDir dir;
  Disk* disk = RealDisk();
  std::string path = dir / "svc.toml";
  SVC_REQUIRE_OK(disk->CreateFile(path, "mine\n"));
  CHECK(ReadAll(path) == "mine\n");
  Status s = disk->CreateFile(path, "theirs\n");
  CHECK(s.code() == Status::Code::kConflict);
  CHECK(s.message() == path + " already exists");
  CHECK(ReadAll(path) == "mine\n");
  CHECK(Names(dir.path()) == std::vector<std::string>{"svc.toml"});
}

TEST_CASE("ReadFile") {
  TempDir dir;
  Disk* disk = RealDisk();
  std::string out = "stale";
  Status s = disk->ReadFile(dir / "missing.toml", &out);
  CHECK(s.code() == Status::Code::kNotFound);
  CHECK(s.message() == (dir / "missing.toml") + " does not exist");

  s = disk->ReadFile(dir.path(), &out);
  CHECK(s.code() == Status::Code::kIOError);
  CHECK(s.message() == "cannot read " + dir.path() + ": it is a folder");

  svc_test::WriteAll(dir / "empty", "");
  out = "stale";
  SVC_CHECK_OK(disk->ReadFile(dir / "empty", &out));
  CHECK(out.empty());

  std::string data(200000, '\0');
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 7);
  svc_test::WriteAll(dir / "bin", data);
  SVC_CHECK_OK(disk->ReadFile(dir / "bin", &out));
  CHECK(out == data);
}

TEST_CASE("ListDir") {
  TempDir dir;
  Disk* disk = RealDisk();
  std::vector<std::string> names = {"stale"};
  bool exists = true;
  SVC_CHECK_OK(disk->ListDir(dir / "missing", &names, &exists));
  CHECK_FALSE(exists);
  CHECK(names.empty());

  svc_test::WriteAll(dir / "file", "x");
  exists = true;
  SVC_CHECK_OK(disk->ListDir(dir / "file", &names, &exists));
  CHECK_FALSE(exists);

  SVC_CHECK_OK(disk->ListDir(dir.path(), &names, &exists));
  CHECK(exists);
  CHECK(names == std::vector<std::string>{"file"});

  svc_test::WriteAll(dir / ".hidden", "");
  svc_test::WriteAll(dir / "sub/inner", "");
  svc_test::WriteAll(dir / "中文.toml", "");
  SVC_CHECK_OK(disk->ListDir(dir.path(), &names, &exists));
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{".hidden", "file", "sub", "中文.toml"});
}

TEST_CASE("MakeDirs, Exists, IsDir") {
  TempDir dir;
  Disk* disk = RealDisk();
  std::string deep = dir / "tickets/2026/11";
  CHECK_FALSE(disk->Exists(deep));
  SVC_REQUIRE_OK(disk->MakeDirs(deep));
  CHECK(disk->IsDir(deep));
  CHECK(disk->IsDir(dir / "tickets/2026"));
  SVC_CHECK_OK(disk->MakeDirs(deep));  // already there
  SVC_CHECK_OK(disk->MakeDirs(deep + "/"));

  svc_test::WriteAll(dir / "file", "x");
  CHECK(disk->Exists(dir / "file"));
  CHECK_FALSE(disk->IsDir(dir / "file"));
  Status s = disk->MakeDirs(dir / "file/sub");
  CHECK(s.code() == Status::Code::kIOError);
  CHECK(s.message() ==
        "cannot create folder " + (dir / "file/sub") + ": " + std::strerror(ENOTDIR));
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
  TempDir dir;
  std::string path = dir / "lock";
  std::unique_ptr<FileLock> first, second;
  SVC_REQUIRE_OK(RealDisk()->Lock(path, 0, &first));
  Status s = RealDisk()->Lock(path, 0, &second);
  CHECK(s.code() == Status::Code::kIOError);
  CHECK(second == nullptr);
  first.reset();
  SVC_CHECK_OK(RealDisk()->Lock(path, 0, &second));
}

TEST_CASE("Lock in a missing folder") {
  TempDir dir;
  std::unique_ptr<FileLock> lock;
  Status s = RealDisk()->Lock(dir / "no/lock", 0, &lock);
  CHECK(s.code() == Status::Code::kIOError);
  CHECK(s.message() == "cannot open lock file " + (dir / "no/lock") + ": " + std::strerror(ENOENT));
}

}  // namespace
}  // namespace svc
