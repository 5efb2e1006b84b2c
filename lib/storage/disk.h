// Disk: the file system behind a small interface (after ninja's
// DiskInterface and leveldb's Env), so tests can inject failures.
//
// WriteFileAtomic never leaves a half-written file: it writes a temporary
// file in the same folder, fsyncs it, renames it over the target and fsyncs
// the folder; on any failure the temporary file is removed and the old file
// is left exactly as it was.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace svc {

// An exclusive advisory lock held until destruction.
class FileLock {
 public:
  explicit FileLock(int fd) : fd_(fd) {}
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

class Disk {
 public:
  virtual ~Disk() = default;
  // NotFound if the file does not exist.
  virtual Status ReadFile(const std::string& path, std::string* out);
  virtual Status WriteFileAtomic(const std::string& path, std::string_view data);
  // Creates the file only if it does not exist; Conflict if it does.
  virtual Status CreateFile(const std::string& path, std::string_view data);
  // Names in `path` (no "." or ".."), unsorted; *exists false and OK if there is no such folder.
  virtual Status ListDir(const std::string& path, std::vector<std::string>* names, bool* exists);
  virtual Status MakeDirs(const std::string& path);
  virtual bool Exists(const std::string& path);
  // Removes a file; OK if it does not exist.
  virtual Status RemoveFile(const std::string& path);
  virtual bool IsDir(const std::string& path);
  // Waits up to `timeout_ms` for an exclusive lock on `path` (created if missing).
  virtual Status Lock(const std::string& path, int timeout_ms, std::unique_ptr<FileLock>* out);

 protected:
  // The steps of WriteFileAtomic, overridable to inject failures. Return errno-style 0/-1.
  virtual int WriteAll(int fd, std::string_view data);
  virtual int Sync(int fd);
  virtual int Rename(const std::string& from, const std::string& to);
};

// The process's real file system.
Disk* RealDisk();

// `dir` + "/" + `name`, without doubling slashes.
std::string JoinPath(std::string_view dir, std::string_view name);

}  // namespace svc
