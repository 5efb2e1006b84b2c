// MemDisk: a file system in memory (leveldb's NewMemEnv), for tests. It
// behaves as the real disk does where svc can tell: NotFound and the same
// messages for missing files, Conflict for a file created twice, a rename
// that replaces its target at once, stamps (size, modification time, inode)
// that change with every write, readers that keep the file they opened, and
// a lock that excludes a second holder. Paths are taken lexically ("a/./b",
// "a//b" and "a/x/../b" are "a/b"); relative paths are relative to a root
// of their own. Safe to use from several threads at once.
//
// Every new or changed file gets the modification time of the disk's clock,
// which starts at 2020-09-13 and moves one nanosecond per change;
// SetMtime, SetClock and Overwrite let a test change a file behind svc's
// back the way `touch` or an editor would.
#pragma once

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "storage/disk.h"

namespace svc {

class MemDisk : public Disk {
 public:
  MemDisk();
  ~MemDisk() override;

  Status ReadFile(const std::string& path, std::string* out) override;
  Status OpenFile(const std::string& path, std::unique_ptr<ReadableFile>* out) override;
  std::unique_ptr<DiskFolder> OpenFolder(const std::string& path) override;
  Status ListDir(const std::string& path, std::vector<std::string>* names, bool* exists) override;
  bool Exists(const std::string& path) override;
  bool IsDir(const std::string& path) override;
  Status NewFile(const std::string& path, std::unique_ptr<WritableFile>* out) override;
  Status Rename(const std::string& from, const std::string& to) override;
  Status SyncFolder(const std::string& path) override;
  Status RemoveFile(const std::string& path) override;
  Status RemoveDir(const std::string& path) override;
  Status MakeDirs(const std::string& path) override;
  Status Lock(const std::string& path, int timeout_ms, std::unique_ptr<FileLock>* out) override;
  // The processes SetRunning named (none at first).
  bool Running(int pid) override;

  // For tests: what a user or another program might do to the files.
  // Writes `data` into the file in place (same inode), creating it if missing.
  Status Overwrite(const std::string& path, std::string_view data);
  // Removes a file or a folder with everything in it; OK if there is none.
  void RemoveAll(const std::string& path);
  bool SetMtime(const std::string& path, uint64_t mtime_ns);
  bool Stamp(const std::string& path, FileStamp* out);
  void SetClock(uint64_t ns);
  // Process `pid` runs, for Running (a reader rewriting the index).
  void SetRunning(int pid);
  // Every file (not folder) at or below `path`, sorted.
  std::vector<std::string> Files(const std::string& path = "/");
  // `path` as the disk keys it ("a/./b//c" is "a/b/c").
  static std::string Normal(const std::string& path);

 private:
  struct Node {
    std::shared_ptr<std::string> data;
    uint64_t mtime_ns = 0, ino = 0;
  };
  class Folder;
  class File;
  class Reader;
  class Held;
  friend class Folder;
  friend class File;
  friend class Reader;
  friend class Held;

  bool ParentIsDir(const std::string& key) const;  // REQUIRES: mu_ held
  uint64_t Tick() { return clock_ns_++; }          // REQUIRES: mu_ held

  std::mutex mu_;
  std::condition_variable unlocked_;
  std::map<std::string, Node> files_;
  std::set<std::string> dirs_;
  std::set<int> running_;
  std::set<std::string> locked_;
  uint64_t clock_ns_;
  uint64_t next_ino_ = 2;
};

}  // namespace svc
