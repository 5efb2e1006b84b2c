#include "storage/fault_disk.h"

namespace svc {

class FaultDisk::File : public WritableFile {
 public:
  File(FaultDisk* disk, std::string path, std::unique_ptr<WritableFile> base)
      : disk_(disk), path_(std::move(path)), base_(std::move(base)) {}
  Status Append(std::string_view data) override {
    Fault f;
    if (!disk_->Take(Step::kWrite, path_, &f)) return base_->Append(data);
    if (f.short_write) base_->Append(data.substr(0, data.size() / 2));
    return IOErrorOf("write", path_, f.error);
  }
  Status Sync() override {
    Fault f;
    if (disk_->Take(Step::kSync, path_, &f)) return IOErrorOf("sync", path_, f.error);
    return base_->Sync();
  }
  Status Close() override { return base_->Close(); }

 private:
  FaultDisk* disk_;
  std::string path_;
  std::unique_ptr<WritableFile> base_;
};

const char* FaultDisk::StepName(Step step) {
  switch (step) {
    case Step::kMakeDirs:
      return "make folders";
    case Step::kCreate:
      return "create";
    case Step::kWrite:
      return "write";
    case Step::kSync:
      return "sync";
    case Step::kRename:
      return "rename";
    case Step::kSyncFolder:
      return "sync folder";
    case Step::kRemove:
      return "remove";
  }
  return "?";
}

void FaultDisk::FailStep(int n, int error, bool short_write) {
  std::lock_guard<std::mutex> l(mu_);
  fail_at_ = static_cast<int>(steps_.size()) + n;
  fault_ = Fault{error, short_write};
}

void FaultDisk::CrashAt(int n) {
  std::lock_guard<std::mutex> l(mu_);
  fail_at_ = static_cast<int>(steps_.size()) + n;
  fault_ = Fault{5 /* EIO */, false};
  crash_ = true;
}

void FaultDisk::Clear() {
  std::lock_guard<std::mutex> l(mu_);
  steps_.clear();
  paths_.clear();
  fail_at_ = -1;
  crash_ = false;
}

std::vector<FaultDisk::Step> FaultDisk::steps() const {
  std::lock_guard<std::mutex> l(mu_);
  return steps_;
}

std::vector<std::string> FaultDisk::paths() const {
  std::lock_guard<std::mutex> l(mu_);
  return paths_;
}

int FaultDisk::failures() const {
  std::lock_guard<std::mutex> l(mu_);
  return failures_;
}

bool FaultDisk::Take(Step step, const std::string& path, Fault* fault) {
  std::lock_guard<std::mutex> l(mu_);
  int at = static_cast<int>(steps_.size());
  bool fail = at == fail_at_ || (crash_ && fail_at_ >= 0 && at > fail_at_);
  steps_.push_back(step);
  paths_.push_back(path);
  if (!fail) return false;
  ++failures_;
  *fault = fault_;
  return true;
}

Status FaultDisk::NewFile(const std::string& path, std::unique_ptr<WritableFile>* out) {
  Fault f;
  if (Take(Step::kCreate, path, &f)) return IOErrorOf("create", path, f.error);
  std::unique_ptr<WritableFile> base;
  SVC_RETURN_IF_ERROR(base_->NewFile(path, &base));
  *out = std::make_unique<File>(this, path, std::move(base));
  return Status::OK();
}

Status FaultDisk::Rename(const std::string& from, const std::string& to) {
  Fault f;
  if (Take(Step::kRename, to, &f)) return IOErrorOf("rename into place", to, f.error);
  return base_->Rename(from, to);
}

Status FaultDisk::SyncFolder(const std::string& path) {
  Fault f;
  if (Take(Step::kSyncFolder, path, &f)) return IOErrorOf("sync folder", path, f.error);
  return base_->SyncFolder(path);
}

Status FaultDisk::RemoveFile(const std::string& path) {
  Fault f;
  if (Take(Step::kRemove, path, &f)) return IOErrorOf("remove", path, f.error);
  return base_->RemoveFile(path);
}

Status FaultDisk::RemoveDir(const std::string& path) {
  Fault f;
  if (Take(Step::kRemove, path, &f)) return IOErrorOf("remove folder", path, f.error);
  return base_->RemoveDir(path);
}

Status FaultDisk::MakeDirs(const std::string& path) {
  Fault f;
  if (Take(Step::kMakeDirs, path, &f)) return IOErrorOf("create folder", path, f.error);
  return base_->MakeDirs(path);
}

}  // namespace svc
