// Disk: every file svc reads or writes goes through this interface (after
// leveldb's Env and ninja's DiskInterface). Three implementations:
//
//   RealDisk()   the process's file system (PosixDisk, disk.cc)
//   MemDisk      an in-memory file system for tests (mem_disk.h)
//   FaultDisk    wraps another Disk and fails the Nth write step (fault_disk.h)
//
// The interface is the file system's primitive steps; the one atomic-write
// path, AtomicFile (WriteFileAtomic), is built on them here, once, for every
// implementation: a temporary file in the same folder, write, fsync, close,
// rename over the target, fsync of the folder. It never leaves a
// half-written file: on any failure before the rename the temporary file is
// removed and the old file is left exactly as it was; a failure of the
// folder's fsync (after the rename) is reported, with the new file whole in
// place.
//
// Nothing outside the records (Beneath): a Store reads and writes through a
// Disk opened at its records directory's root. Below that root, the real
// disk follows no symbolic link: every path is opened from the root's open
// folder one name at a time (openat with O_NOFOLLOW), so a link planted in
// the records (git carries links) leads nowhere. A link there is not a file
// or a folder: Exists and IsDir say false, ListDir leaves it out, a
// folder's listing through it holds nothing, and reading, writing, renaming
// onto, creating a folder, removing or locking at or through it fails with
// "cannot WHAT PATH: LINK is a symbolic link ..." (FindLinks lists them for
// `svc check`). The root itself, and paths not below it, are opened as
// given. A temporary file is created with O_CREAT|O_EXCL|O_NOFOLLOW: never
// through a link, never over another file.
//
// Messages name the file and the operating system's reason, as
// "cannot write PATH: No space left on device" (IOErrorOf); NotFound says
// "PATH does not exist".
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace svc {

// A file's identity as git's index keeps it: a file whose stamp is
// unchanged is taken to be unchanged.
struct FileStamp {
  uint64_t size = 0, mtime_ns = 0, ino = 0;
  bool operator==(const FileStamp&) const = default;
};

// An exclusive lock (Disk::Lock), held until destruction.
class FileLock {
 public:
  virtual ~FileLock() = default;
};

// A file open for reading at any offset; reads keep seeing the file that was
// opened even when another process renames a new one over its name.
class ReadableFile {
 public:
  virtual ~ReadableFile() = default;
  // Up to `n` bytes at `offset` into `buf`; *got < n only at the end of the file.
  virtual Status ReadAt(uint64_t offset, size_t n, char* buf, size_t* got) = 0;
};

// A new file being written (an atomic write's temporary file); closed on destruction.
class WritableFile {
 public:
  virtual ~WritableFile() = default;
  // All of `data`, or an error (some of it may have reached the file).
  virtual Status Append(std::string_view data) = 0;
  virtual Status Sync() = 0;
  virtual Status Close() = 0;
};

// A folder opened once for the many files a scan reads in it: names are
// looked up relative to it. Safe to use from several threads at once. A
// folder that could not be opened (gone since it was listed) holds nothing.
class DiskFolder {
 public:
  virtual ~DiskFolder() = default;
  // The stamp of the file `name`; false if there is none to be had.
  virtual bool Stat(const char* name, FileStamp* out) = 0;
  // The whole file `name`: *text views it in `buf` (grown as needed and kept
  // for the next call), *stamp is taken from the open file. NotFound if
  // there is no such file.
  virtual Status Read(const char* name, FileStamp* stamp, std::string* buf,
                      std::string_view* text) = 0;
};

class AtomicFile;

class Disk {
 public:
  virtual ~Disk() = default;

  // Reading. NotFound if the file does not exist; IOError for a folder.
  virtual Status ReadFile(const std::string& path, std::string* out) = 0;
  virtual Status OpenFile(const std::string& path, std::unique_ptr<ReadableFile>* out) = 0;
  virtual std::unique_ptr<DiskFolder> OpenFolder(const std::string& path) = 0;
  // Names in `path` (no "." or ".."), unsorted; *exists false and OK if there is no such folder.
  virtual Status ListDir(const std::string& path, std::vector<std::string>* names,
                         bool* exists) = 0;
  virtual bool Exists(const std::string& path) = 0;
  virtual bool IsDir(const std::string& path) = 0;

  // The steps of writing. NewFile creates `path` for writing; Conflict if
  // it exists. Rename replaces `to` atomically.
  virtual Status NewFile(const std::string& path, std::unique_ptr<WritableFile>* out) = 0;
  virtual Status Rename(const std::string& from, const std::string& to) = 0;
  virtual Status SyncFolder(const std::string& path) = 0;
  // Removes a file; OK if it does not exist.
  virtual Status RemoveFile(const std::string& path) = 0;
  // Removes an empty folder; OK if it does not exist, IOError if it is not empty.
  virtual Status RemoveDir(const std::string& path) = 0;
  virtual Status MakeDirs(const std::string& path) = 0;
  // Waits up to `timeout_ms` for an exclusive lock on `path` (created if
  // missing); IOError "the records are locked by another svc ..." after that.
  virtual Status Lock(const std::string& path, int timeout_ms, std::unique_ptr<FileLock>* out) = 0;

  // A Disk for the records directory at `root`, following no link below it
  // (see the top of this file); null in *out (OK) when this disk has no
  // links (MemDisk, FaultDisk): use this disk itself. The Disk returned
  // refers to this one and holds the root open until it is destroyed.
  virtual Status Beneath(const std::string& /*root*/, std::unique_ptr<Disk>* out) {
    out->reset();
    return Status::OK();
  }
  // The symbolic links at or below `path` (not followed), as paths beginning
  // with `path`, sorted; none if there is no such folder.
  virtual Status FindLinks(const std::string& /*path*/, std::vector<std::string>* links) {
    links->clear();
    return Status::OK();
  }
  // The identity of the file or folder at `path` (device and inode), which a
  // copy of it does not share; "" if there is none (or the disk has none).
  virtual std::string Identity(const std::string& /*path*/) { return ""; }
  // Whether process `pid` of this machine is running: the writer named in a
  // temporary file's name (recovery.h), for the files written without the
  // store lock. The real disk asks the system (kill(pid, 0)); MemDisk says
  // so of the processes a test named (MemDisk::SetRunning).
  virtual bool Running(int pid);

  // The one atomic-write path (see the top of this file).
  Status BeginAtomicWrite(const std::string& path, std::unique_ptr<AtomicFile>* out);
  Status WriteFileAtomic(const std::string& path, std::string_view data);
  // Creates the file only if it does not exist; Conflict if it does.
  Status CreateFile(const std::string& path, std::string_view data);
};

// A file written in pieces that appears at its path whole, or not at all.
class AtomicFile {
 public:
  // Not committed: the temporary file is removed.
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  Status Append(std::string_view data);
  // fsync, close, rename into place, fsync of the folder.
  Status Commit();
  const std::string& temporary_path() const { return tmp_; }

 private:
  friend class Disk;
  AtomicFile(Disk* disk, std::string path, std::string tmp, std::unique_ptr<WritableFile> file)
      : disk_(disk), path_(std::move(path)), tmp_(std::move(tmp)), file_(std::move(file)) {}
  Status Fail(Status s);
  Disk* disk_;
  std::string path_, tmp_;
  std::unique_ptr<WritableFile> file_;
  bool done_ = false;  // renamed into place, or given up and removed
};

// The process's real file system.
Disk* RealDisk();
// This process's id (the one in its temporary files' names).
int ProcessId();

// `dir` + "/" + `name`, without doubling slashes.
std::string JoinPath(std::string_view dir, std::string_view name);
// The folder of `path`: "." for a bare name, "/" for a name in the root.
std::string Dirname(const std::string& path);
// "cannot WHAT PATH: REASON", REASON being strerror(error).
Status IOErrorOf(std::string_view what, const std::string& path, int error);

}  // namespace svc
