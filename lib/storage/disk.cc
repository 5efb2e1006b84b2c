#include "storage/disk.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <functional>

namespace svc {
namespace {

Status Errno(std::string_view what, const std::string& path) {
  return IOErrorOf(what, path, errno);
}

FileStamp StampOf(const struct stat& st) {
  return FileStamp{static_cast<uint64_t>(st.st_size),
                   static_cast<uint64_t>(st.st_mtim.tv_sec) * 1000000000ull +
                       static_cast<uint64_t>(st.st_mtim.tv_nsec),
                   static_cast<uint64_t>(st.st_ino)};
}

// Reads the open file `fd` to its end into `buf` from `used` on, growing it.
// Room for one byte more than the size: a short read is the end of the file.
Status ReadToEnd(int fd, size_t size, std::string* buf, size_t* used,
                 const std::function<std::string()>& path) {
  if (buf->size() < size + 1) buf->resize(size + 4096);
  for (;;) {
    ssize_t n = ::read(fd, buf->data() + *used, buf->size() - *used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Errno("read", path());
    *used += static_cast<size_t>(n);
    if (n == 0 || *used < buf->size()) return Status::OK();
    buf->resize(buf->size() * 2);  // it grew since fstat
  }
}

class PosixLock : public FileLock {
 public:
  explicit PosixLock(int fd) : fd_(fd) {}
  ~PosixLock() override {
    ::flock(fd_, LOCK_UN);
    ::close(fd_);
  }

 private:
  int fd_;
};

class PosixReadableFile : public ReadableFile {
 public:
  PosixReadableFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~PosixReadableFile() override { ::close(fd_); }
  Status ReadAt(uint64_t offset, size_t n, char* buf, size_t* got) override {
    *got = 0;
    while (*got < n) {
      ssize_t r = ::pread(fd_, buf + *got, n - *got, static_cast<off_t>(offset + *got));
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) return Errno("read", path_);
      if (r == 0) break;
      *got += static_cast<size_t>(r);
    }
    return Status::OK();
  }

 private:
  int fd_;
  std::string path_;
};

class PosixWritableFile : public WritableFile {
 public:
  PosixWritableFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~PosixWritableFile() override {
    if (fd_ >= 0) ::close(fd_);
  }
  Status Append(std::string_view data) override {
    while (!data.empty()) {
      ssize_t n = ::write(fd_, data.data(), data.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return Errno("write", path_);
      data.remove_prefix(static_cast<size_t>(n));
    }
    return Status::OK();
  }
  Status Sync() override { return ::fsync(fd_) == 0 ? Status::OK() : Errno("sync", path_); }
  Status Close() override {
    int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0 ? Status::OK() : Errno("close", path_);
  }

 private:
  int fd_;
  std::string path_;
};

// The folder's descriptor; names are opened relative to it (no path lookup
// from the root for each of the month's files).
class PosixFolder : public DiskFolder {
 public:
  explicit PosixFolder(std::string path)
      : path_(std::move(path)), fd_(::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {}
  ~PosixFolder() override {
    if (fd_ >= 0) ::close(fd_);
  }
  bool Stat(const char* name, FileStamp* out) override {
    struct stat st;
    if (fd_ < 0 || ::fstatat(fd_, name, &st, 0) != 0) return false;
    *out = StampOf(st);
    return true;
  }
  Status Read(const char* name, FileStamp* stamp, std::string* buf,
              std::string_view* text) override {
    auto path = [&] { return JoinPath(path_, name); };  // for messages only
    int fd = fd_ < 0 ? -1 : ::openat(fd_, name, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      if (fd_ < 0 || errno == ENOENT)
        return Status::NotFound(fmt::format("{} does not exist", path()));
      return Errno("open", path());
    }
    struct stat st;
    if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
      ::close(fd);
      return Status::IOError(fmt::format("cannot read {}: it is a folder", path()));
    }
    *stamp = StampOf(st);
    size_t used = 0;
    Status s = ReadToEnd(fd, static_cast<size_t>(st.st_size), buf, &used, path);
    ::close(fd);
    *text = std::string_view(buf->data(), used);
    return s;
  }

 private:
  std::string path_;
  int fd_;
};

class PosixDisk : public Disk {
 public:
  Status ReadFile(const std::string& path, std::string* out) override;
  Status OpenFile(const std::string& path, std::unique_ptr<ReadableFile>* out) override;
  std::unique_ptr<DiskFolder> OpenFolder(const std::string& path) override {
    return std::make_unique<PosixFolder>(path);
  }
  Status ListDir(const std::string& path, std::vector<std::string>* names, bool* exists) override;
  bool Exists(const std::string& path) override {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0;
  }
  bool IsDir(const std::string& path) override {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
  }
  Status NewFile(const std::string& path, std::unique_ptr<WritableFile>* out) override;
  Status Rename(const std::string& from, const std::string& to) override {
    if (::rename(from.c_str(), to.c_str()) != 0) return Errno("rename into place", to);
    return Status::OK();
  }
  Status SyncFolder(const std::string& path) override;
  Status RemoveFile(const std::string& path) override {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) return Errno("remove", path);
    return Status::OK();
  }
  Status RemoveDir(const std::string& path) override {
    if (::rmdir(path.c_str()) != 0 && errno != ENOENT) return Errno("remove folder", path);
    return Status::OK();
  }
  Status MakeDirs(const std::string& path) override;
  Status Lock(const std::string& path, int timeout_ms, std::unique_ptr<FileLock>* out) override;
};

Status PosixDisk::ReadFile(const std::string& path, std::string* out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status::NotFound(fmt::format("{} does not exist", path));
    return Errno("open", path);
  }
  out->clear();
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Status::IOError(fmt::format("cannot read {}: it is a folder", path));
  }
  size_t used = 0;
  Status s = ReadToEnd(fd, st.st_size > 0 ? static_cast<size_t>(st.st_size) : 0, out, &used,
                       [&] { return path; });
  ::close(fd);
  out->resize(used);
  return s;
}

Status PosixDisk::OpenFile(const std::string& path, std::unique_ptr<ReadableFile>* out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status::NotFound(fmt::format("{} does not exist", path));
    return Errno("open", path);
  }
  *out = std::make_unique<PosixReadableFile>(fd, path);
  return Status::OK();
}

Status PosixDisk::NewFile(const std::string& path, std::unique_ptr<WritableFile>* out) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    if (errno == EEXIST) return Status::Conflict(fmt::format("{} already exists", path));
    return Errno("create", path);
  }
  *out = std::make_unique<PosixWritableFile>(fd, path);
  return Status::OK();
}

Status PosixDisk::SyncFolder(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Errno("sync folder", path);
  int rc = ::fsync(fd);
  Status s = rc == 0 ? Status::OK() : Errno("sync folder", path);
  ::close(fd);
  return s;
}

Status PosixDisk::ListDir(const std::string& path, std::vector<std::string>* names, bool* exists) {
  names->clear();
  DIR* d = ::opendir(path.c_str());
  if (!d) {
    if (errno == ENOENT || errno == ENOTDIR) {
      *exists = false;
      return Status::OK();
    }
    return Errno("list", path);
  }
  *exists = true;
  while (struct dirent* e = ::readdir(d)) {
    std::string_view n = e->d_name;
    if (n == "." || n == "..") continue;
    names->emplace_back(n);
  }
  ::closedir(d);
  return Status::OK();
}

Status PosixDisk::MakeDirs(const std::string& path) {
  if (IsDir(path)) return Status::OK();
  std::string parent = Dirname(path);
  if (parent != path && parent != "." && parent != "/") SVC_RETURN_IF_ERROR(MakeDirs(parent));
  if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST) return Errno("create folder", path);
  return Status::OK();
}

Status PosixDisk::Lock(const std::string& path, int timeout_ms, std::unique_ptr<FileLock>* out) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("open lock file", path);
  for (int waited = 0;; waited += 10) {
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) break;
    if (errno != EWOULDBLOCK && errno != EINTR) {
      Status s = Errno("lock", path);
      ::close(fd);
      return s;
    }
    if (waited >= timeout_ms) {
      ::close(fd);
      return Status::IOError(
          fmt::format("the records are locked by another svc ({} held for over {} s); try again",
                      path, timeout_ms / 1000));
    }
    struct timespec ts = {0, 10'000'000};
    ::nanosleep(&ts, nullptr);
  }
  *out = std::make_unique<PosixLock>(fd);
  return Status::OK();
}

}  // namespace

Status IOErrorOf(std::string_view what, const std::string& path, int error) {
  return Status::IOError(fmt::format("cannot {} {}: {}", what, path, std::strerror(error)));
}

std::string JoinPath(std::string_view dir, std::string_view name) {
  if (dir.empty()) return std::string(name);
  std::string out(dir);
  if (out.back() != '/') out += '/';
  out += name;
  return out;
}

std::string Dirname(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// The atomic-write path: the temporary file is ".NAME.tmpPID" beside the
// target (hidden: scans skip it), or ".NAME.tmpPID.N" while another writer
// of this process holds that name.
Status Disk::BeginAtomicWrite(const std::string& path, std::unique_ptr<AtomicFile>* out) {
  static std::atomic<uint64_t> counter{0};
  std::string dir = Dirname(path);
  // The name after the last slash (Dirname gives "." for a bare name, which is not in `path`).
  size_t slash = path.rfind('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string tmp = JoinPath(dir, fmt::format(".{}.tmp{}", base, ::getpid()));
  std::unique_ptr<WritableFile> file;
  Status s = NewFile(tmp, &file);
  for (int tries = 0; s.code() == Status::Code::kConflict && tries < 100; ++tries) {
    tmp = JoinPath(dir, fmt::format(".{}.tmp{}.{}", base, ::getpid(), ++counter));
    s = NewFile(tmp, &file);
  }
  SVC_RETURN_IF_ERROR(s);
  out->reset(new AtomicFile(this, path, std::move(tmp), std::move(file)));
  return Status::OK();
}

Status Disk::WriteFileAtomic(const std::string& path, std::string_view data) {
  std::unique_ptr<AtomicFile> file;
  SVC_RETURN_IF_ERROR(BeginAtomicWrite(path, &file));
  SVC_RETURN_IF_ERROR(file->Append(data));
  return file->Commit();
}

Status Disk::CreateFile(const std::string& path, std::string_view data) {
  if (Exists(path)) return Status::Conflict(fmt::format("{} already exists", path));
  return WriteFileAtomic(path, data);
}

AtomicFile::~AtomicFile() {
  if (done_) return;
  file_.reset();
  disk_->RemoveFile(tmp_);
}

Status AtomicFile::Fail(Status s) {
  file_.reset();
  disk_->RemoveFile(tmp_);
  done_ = true;
  return s;
}

Status AtomicFile::Append(std::string_view data) {
  if (!file_) return Status::IOError(fmt::format("cannot write {}: it failed before", tmp_));
  Status s = file_->Append(data);
  return s.ok() ? s : Fail(std::move(s));
}

Status AtomicFile::Commit() {
  if (!file_) return Status::IOError(fmt::format("cannot write {}: it failed before", tmp_));
  Status s = file_->Sync();
  if (s.ok()) s = file_->Close();
  if (s.ok()) s = disk_->Rename(tmp_, path_);
  if (!s.ok()) return Fail(std::move(s));
  file_.reset();
  done_ = true;
  return disk_->SyncFolder(Dirname(path_));
}

Disk* RealDisk() {
  static PosixDisk disk;
  return &disk;
}

}  // namespace svc
