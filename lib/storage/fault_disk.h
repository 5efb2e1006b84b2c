// FaultDisk: another Disk with failures injected into its write steps
// (leveldb's ErrorEnv), so tests can show what a full disk or an I/O error
// at any point of a command leaves behind.
//
// Every step that changes the disk is counted, in order: creating a folder
// or a file, each write, fsync, rename, the folder's fsync, removing a file.
// A test runs a command once to learn its steps (steps()), then again with
// the Nth step failing (FailStep), for each N in turn. A failing step does
// nothing and returns the error the real disk would ("cannot write PATH: No
// space left on device"), except a short write, which puts the first half
// of its data in the file before it fails. Reads are passed through.
// Removing a folder counts as a kRemove step.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "storage/disk.h"

namespace svc {

class FaultDisk : public Disk {
 public:
  enum class Step { kMakeDirs, kCreate, kWrite, kSync, kRename, kSyncFolder, kRemove };
  static const char* StepName(Step step);

  explicit FaultDisk(Disk* base) : base_(base) {}

  // The `n`th step from now (0-based, every kind counted) fails with
  // `error` (errno-style: EIO, ENOSPC, ...); a failing write with
  // `short_write` writes half its data first.
  void FailStep(int n, int error = 5 /* EIO */, bool short_write = false);
  // A crash (kill -9, a power cut) at the `n`th step from now: it and every
  // step after it fail and do nothing, so the disk stays as the process left
  // it; the process's own clean-up after the failure is lost too.
  void CrashAt(int n);
  // No failure to come; the count of steps starts again.
  void Clear();
  // The steps taken since construction or Clear, in order.
  std::vector<Step> steps() const;
  // The path of each of those steps: the file or folder it made, wrote,
  // synced or removed (a rename's: the target).
  std::vector<std::string> paths() const;
  // How many steps failed so far.
  int failures() const;

  Status ReadFile(const std::string& path, std::string* out) override {
    return base_->ReadFile(path, out);
  }
  Status OpenFile(const std::string& path, std::unique_ptr<ReadableFile>* out) override {
    return base_->OpenFile(path, out);
  }
  std::unique_ptr<DiskFolder> OpenFolder(const std::string& path) override {
    return base_->OpenFolder(path);
  }
  Status ListDir(const std::string& path, std::vector<std::string>* names, bool* exists) override {
    return base_->ListDir(path, names, exists);
  }
  bool Exists(const std::string& path) override { return base_->Exists(path); }
  bool IsDir(const std::string& path) override { return base_->IsDir(path); }
  Status NewFile(const std::string& path, std::unique_ptr<WritableFile>* out) override;
  Status Rename(const std::string& from, const std::string& to) override;
  Status SyncFolder(const std::string& path) override;
  Status RemoveFile(const std::string& path) override;
  Status RemoveDir(const std::string& path) override;
  Status MakeDirs(const std::string& path) override;
  Status Lock(const std::string& path, int timeout_ms, std::unique_ptr<FileLock>* out) override {
    return base_->Lock(path, timeout_ms, out);
  }
  // Not Beneath: a Store opened on a FaultDisk writes through it (and its faults).
  Status FindLinks(const std::string& path, std::vector<std::string>* links) override {
    return base_->FindLinks(path, links);
  }
  std::string Identity(const std::string& path) override { return base_->Identity(path); }
  bool Running(int pid) override { return base_->Running(pid); }

 private:
  class File;
  struct Fault {
    int error = 0;
    bool short_write = false;
  };
  // Counts a step; true (and *fault set) when it is to fail.
  bool Take(Step step, const std::string& path, Fault* fault);

  Disk* base_;
  mutable std::mutex mu_;
  std::vector<Step> steps_;
  std::vector<std::string> paths_;  // one per step
  int fail_at_ = -1;                // index into steps_ of the step to fail, -1: none
  bool crash_ = false;              // every step from fail_at_ on fails
  Fault fault_;
  int failures_ = 0;
};

}  // namespace svc
