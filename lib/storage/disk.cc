#include "storage/disk.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <ctime>

namespace svc {
namespace {

Status Errno(std::string_view what, const std::string& path) {
  return Status::IOError(fmt::format("cannot {} {}: {}", what, path, std::strerror(errno)));
}

std::string Dirname(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

int SyncDir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return -1;
  int rc = ::fsync(fd);
  ::close(fd);
  return rc;
}

}  // namespace

FileLock::~FileLock() {
  if (fd_ >= 0) {
    ::flock(fd_, LOCK_UN);
    ::close(fd_);
  }
}

std::string JoinPath(std::string_view dir, std::string_view name) {
  if (dir.empty()) return std::string(name);
  std::string out(dir);
  if (out.back() != '/') out += '/';
  out += name;
  return out;
}

Status Disk::ReadFile(const std::string& path, std::string* out) {
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
  if (st.st_size > 0) out->reserve(static_cast<size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      Status s = Errno("read", path);
      ::close(fd);
      return s;
    }
    if (n == 0) break;
    out->append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return Status::OK();
}

int Disk::WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return 0;
}

int Disk::Sync(int fd) {
  return ::fsync(fd);
}

int Disk::Rename(const std::string& from, const std::string& to) {
  return ::rename(from.c_str(), to.c_str());
}

Status Disk::WriteFileAtomic(const std::string& path, std::string_view data) {
  std::string dir = Dirname(path);
  // The name after the last slash (Dirname gives "." for a bare name, which is not in `path`).
  size_t slash = path.rfind('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string tmp = JoinPath(dir, fmt::format(".{}.tmp{}", base, ::getpid()));
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("create", tmp);
  auto fail = [&](std::string_view what, const std::string& p) {
    Status s = Errno(what, p);
    if (fd >= 0) ::close(fd);
    ::unlink(tmp.c_str());
    return s;
  };
  if (WriteAll(fd, data) != 0) return fail("write", tmp);
  if (Sync(fd) != 0) return fail("sync", tmp);
  if (::close(fd) != 0) {
    fd = -1;
    return fail("close", tmp);
  }
  fd = -1;
  if (Rename(tmp, path) != 0) return fail("rename into place", path);
  if (SyncDir(dir) != 0) return Errno("sync folder", dir);
  return Status::OK();
}

Status Disk::CreateFile(const std::string& path, std::string_view data) {
  if (Exists(path)) return Status::Conflict(fmt::format("{} already exists", path));
  return WriteFileAtomic(path, data);
}

Status Disk::ListDir(const std::string& path, std::vector<std::string>* names, bool* exists) {
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

Status Disk::MakeDirs(const std::string& path) {
  if (IsDir(path)) return Status::OK();
  std::string parent = Dirname(path);
  if (parent != path && parent != "." && parent != "/") SVC_RETURN_IF_ERROR(MakeDirs(parent));
  if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST) return Errno("create folder", path);
  return Status::OK();
}

Status Disk::RemoveFile(const std::string& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return Errno("remove", path);
  return Status::OK();
}

bool Disk::Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

bool Disk::IsDir(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

Status Disk::Lock(const std::string& path, int timeout_ms, std::unique_ptr<FileLock>* out) {
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
  *out = std::make_unique<FileLock>(fd);
  return Status::OK();
}

Disk* RealDisk() {
  static Disk disk;
  return &disk;
}

}  // namespace svc
