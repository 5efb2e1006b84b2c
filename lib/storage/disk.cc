#include "storage/disk.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#if __has_include(<linux/openat2.h>)
#include <linux/openat2.h>
#endif

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <functional>

#include "base/i18n.h"

namespace svc {
namespace {

// The verbs IOErrorOf's and LinkError's messages name ("cannot read …"),
// marked for the catalog; the messages look them up when shown.
[[maybe_unused]] constexpr const char* kVerbs[] = {N_("read"),
                                                   N_("write"),
                                                   N_("sync"),
                                                   N_("close"),
                                                   N_("open"),
                                                   N_("create"),
                                                   N_("rename into place"),
                                                   N_("sync folder"),
                                                   N_("remove"),
                                                   N_("remove folder"),
                                                   N_("list"),
                                                   N_("create folder"),
                                                   N_("open lock file"),
                                                   N_("lock")};

// `what` (one of kVerbs) in the interface's language.
std::string Verb(std::string_view what) {
  return Tr(std::string(what).c_str());
}

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

// Says why a path below the records root was not opened: the link met.
Status LinkError(std::string_view what, const std::string& path, const std::string& link) {
  if (link == path) {
    return Status::IOError(
        TrF("cannot {} {}: it is a symbolic link (svc follows no links in the records directory)",
            Verb(what), path));
  }
  return Status::IOError(
      TrF("cannot {} {}: {} is a symbolic link (svc follows no links in the records directory)",
          Verb(what), path, link));
}

// Whether `name` in the folder `dir` is a symbolic link (errno kept).
bool IsLinkAt(int dir, const char* name) {
  int saved = errno;
  struct stat st;
  bool link = ::fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode);
  errno = saved;
  return link;
}

// Whether the folder entry `e` of `d` is a symbolic link.
bool IsLinkEntry(DIR* d, const struct dirent* e) {
  if (e->d_type != DT_UNKNOWN) return e->d_type == DT_LNK;
  return IsLinkAt(::dirfd(d), e->d_name);
}

// A descriptor closed on destruction (AT_FDCWD and -1 are not closed).
struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// The folder's descriptor; names are opened relative to it (no path lookup
// from the root for each of the month's files). Below the records root
// (`nofollow`) a link in it is no file: Stat says none, Read refuses.
class PosixFolder : public DiskFolder {
 public:
  PosixFolder(std::string path, int fd, bool nofollow)
      : path_(std::move(path)), fd_(fd), nofollow_(nofollow) {}
  ~PosixFolder() override {
    if (fd_ >= 0) ::close(fd_);
  }
  bool Stat(const char* name, FileStamp* out) override {
    struct stat st;
    if (fd_ < 0 || ::fstatat(fd_, name, &st, nofollow_ ? AT_SYMLINK_NOFOLLOW : 0) != 0 ||
        S_ISLNK(st.st_mode)) {
      return false;
    }
    *out = StampOf(st);
    return true;
  }
  Status Read(const char* name, FileStamp* stamp, std::string* buf,
              std::string_view* text) override {
    auto path = [&] { return JoinPath(path_, name); };  // for messages only
    int fd =
        fd_ < 0 ? -1 : ::openat(fd_, name, O_RDONLY | O_CLOEXEC | (nofollow_ ? O_NOFOLLOW : 0));
    if (fd < 0) {
      if (fd_ < 0 || errno == ENOENT) return Status::NotFound(TrF("{} does not exist", path()));
      if (nofollow_ && IsLinkAt(fd_, name)) return LinkError("read", path(), path());
      return Errno("open", path());
    }
    struct stat st;
    if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
      ::close(fd);
      return Status::IOError(TrF("cannot read {}: it is a folder", path()));
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
  bool nofollow_;
};

// The real disk: the process's file system as it is (RealDisk), or the
// records directory at a root (Beneath), below which it follows no link.
class PosixDisk : public Disk {
 public:
  PosixDisk() = default;
  PosixDisk(std::string root, int root_fd) : root_(std::move(root)), root_fd_(root_fd) {}
  ~PosixDisk() override {
    if (root_fd_ >= 0) ::close(root_fd_);
  }
  PosixDisk(const PosixDisk&) = delete;
  PosixDisk& operator=(const PosixDisk&) = delete;

  Status ReadFile(const std::string& path, std::string* out) override;
  Status OpenFile(const std::string& path, std::unique_ptr<ReadableFile>* out) override;
  std::unique_ptr<DiskFolder> OpenFolder(const std::string& path) override {
    std::string link;
    bool below = false;
    int fd = Open(path, O_RDONLY | O_DIRECTORY, 0, &link, &below);
    return std::make_unique<PosixFolder>(path, fd, below);
  }
  Status ListDir(const std::string& path, std::vector<std::string>* names, bool* exists) override;
  bool Exists(const std::string& path) override {
    struct stat st;
    return StatOf(path, &st);
  }
  bool IsDir(const std::string& path) override {
    struct stat st;
    return StatOf(path, &st) && S_ISDIR(st.st_mode);
  }
  Status NewFile(const std::string& path, std::unique_ptr<WritableFile>* out) override;
  Status Rename(const std::string& from, const std::string& to) override;
  Status SyncFolder(const std::string& path) override;
  Status RemoveFile(const std::string& path) override;
  Status RemoveDir(const std::string& path) override;
  Status MakeDirs(const std::string& path) override;
  Status Lock(const std::string& path, int timeout_ms, std::unique_ptr<FileLock>* out) override;
  Status Beneath(const std::string& root, std::unique_ptr<Disk>* out) override;
  Status FindLinks(const std::string& path, std::vector<std::string>* links) override;
  std::string Identity(const std::string& path) override;

 private:
  enum class Where { kElsewhere, kBelow, kOut };
  // The names leading from the root to `path`: kBelow if `path` is the root
  // or below it (*steps: none for the root itself), kOut if it climbs out
  // with "..", kElsewhere if there is no root or `path` is not below it.
  Where Below(const std::string& path, std::vector<std::string>* steps) const;
  // `path` as shown in messages: the root and the first `n` steps.
  std::string Shown(const std::vector<std::string>& steps, size_t n) const;
  // The open folder of the first `n` steps, followed from the root one name
  // at a time, following no link; -1 with errno on failure (ELOOP, *link:
  // the link met).
  int Walk(const std::vector<std::string>& steps, size_t n, std::string* link) const;
  // The folder holding `path` and the name in it: below the root, the open
  // folder (to close) and the last step ("." for the root), *below true;
  // else AT_FDCWD and `path` itself. -1 with errno (and *link) on failure.
  int Locate(const std::string& path, std::string* name, bool* below, std::string* link) const;
  // open(2) of `path` with `flags`: below the root from the root, following
  // no link (O_NOFOLLOW; ELOOP and *link for a link at or on the way to it).
  int Open(const std::string& path, int flags, mode_t mode, std::string* link,
           bool* below = nullptr) const;
  // lstat below the root, stat elsewhere; false for none, or for a link.
  bool StatOf(const std::string& path, struct stat* st) const;
  // unlinkat(2) of `path` with `flags` (0 or AT_REMOVEDIR), never through a link.
  Status Remove(const std::string& path, int flags, const char* what);

  std::string root_;
  int root_fd_ = -1;
};

PosixDisk::Where PosixDisk::Below(const std::string& path, std::vector<std::string>* steps) const {
  steps->clear();
  if (root_fd_ < 0) return Where::kElsewhere;
  std::string_view rest;
  if (root_ == ".") {
    if (path.starts_with('/')) return Where::kElsewhere;
    rest = path;
  } else if (path != root_) {
    std::string prefix = root_.ends_with('/') ? root_ : root_ + "/";
    if (!path.starts_with(prefix)) return Where::kElsewhere;
    rest = std::string_view(path).substr(prefix.size());
  }
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view step = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (step.empty() || step == ".") continue;
    if (step == "..") return Where::kOut;
    steps->emplace_back(step);
  }
  return Where::kBelow;
}

std::string PosixDisk::Shown(const std::vector<std::string>& steps, size_t n) const {
  std::string rel;
  for (size_t i = 0; i < n; ++i) rel += (i ? "/" : "") + steps[i];
  if (root_ == ".") return rel.empty() ? "." : rel;
  return rel.empty() ? root_ : JoinPath(root_, rel);
}

int PosixDisk::Walk(const std::vector<std::string>& steps, size_t n, std::string* link) const {
  int dir = ::openat(root_fd_, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  for (size_t i = 0; dir >= 0 && i < n; ++i) {
    int next = ::openat(dir, steps[i].c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    int error = errno;
    if (next < 0 && IsLinkAt(dir, steps[i].c_str())) {
      *link = Shown(steps, i + 1);
      error = ELOOP;
    }
    ::close(dir);
    dir = next;
    errno = error;
  }
  return dir;
}

int PosixDisk::Locate(const std::string& path, std::string* name, bool* below,
                      std::string* link) const {
  std::vector<std::string> steps;
  switch (Below(path, &steps)) {
    case Where::kElsewhere:
      *below = false;
      *name = path;
      return AT_FDCWD;
    case Where::kOut:
      errno = EACCES;  // never asked by svc: paths.h names no ".."
      return -1;
    case Where::kBelow:
      break;
  }
  *below = true;
  *name = steps.empty() ? "." : steps.back();
  return Walk(steps, steps.empty() ? 0 : steps.size() - 1, link);
}

// openat2(2) with RESOLVE_BENEATH|RESOLVE_NO_SYMLINKS (Linux 5.6): the whole
// path below the root in one call. -1 with errno, or -2 when it cannot say
// (no such call, or a link met: the walk then names it).
int OpenBeneath(int root_fd, const std::vector<std::string>& steps, int flags, mode_t mode) {
#if defined(SYS_openat2) && defined(RESOLVE_BENEATH)
  static std::atomic<bool> missing{false};
  if (steps.empty() || missing.load(std::memory_order_relaxed)) return -2;
  std::string rel;
  for (const std::string& step : steps) rel += (rel.empty() ? "" : "/") + step;
  struct open_how how = {};
  how.flags = static_cast<uint64_t>(flags | O_NOFOLLOW | O_CLOEXEC);
  how.mode = (flags & O_CREAT) ? mode : 0;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
  long fd = ::syscall(SYS_openat2, root_fd, rel.c_str(), &how, sizeof how);
  if (fd >= 0) return static_cast<int>(fd);
  if (errno == ENOSYS) missing.store(true, std::memory_order_relaxed);
  if (errno == ENOSYS || errno == EPERM || errno == EINVAL || errno == E2BIG || errno == ELOOP ||
      errno == EXDEV || errno == EAGAIN) {
    return -2;
  }
  return -1;
#else
  (void)root_fd, (void)steps, (void)flags, (void)mode;
  return -2;
#endif
}

int PosixDisk::Open(const std::string& path, int flags, mode_t mode, std::string* link,
                    bool* below_out) const {
  if (below_out) *below_out = false;
  std::vector<std::string> steps;
  if (Below(path, &steps) == Where::kBelow) {
    if (below_out) *below_out = true;
    int fd = OpenBeneath(root_fd_, steps, flags, mode);
    if (fd != -2) return fd;
  }
  std::string name;
  bool below = false;
  Fd dir(Locate(path, &name, &below, link));
  if (below_out) *below_out = below;
  if (dir.fd == -1) return -1;
  int fd = ::openat(dir.fd, name.c_str(), flags | O_CLOEXEC | (below ? O_NOFOLLOW : 0), mode);
  if (fd < 0 && below && IsLinkAt(dir.fd, name.c_str())) {
    *link = path;
    errno = ELOOP;
  }
  return fd;
}

bool PosixDisk::StatOf(const std::string& path, struct stat* st) const {
  std::string name, link;
  bool below = false;
  Fd dir(Locate(path, &name, &below, &link));
  if (dir.fd == -1) return false;
  if (::fstatat(dir.fd, name.c_str(), st, below ? AT_SYMLINK_NOFOLLOW : 0) != 0) return false;
  return !S_ISLNK(st->st_mode);
}

Status PosixDisk::ReadFile(const std::string& path, std::string* out) {
  std::string link;
  int fd = Open(path, O_RDONLY, 0, &link);
  if (fd < 0) {
    if (!link.empty()) return LinkError("read", path, link);
    if (errno == ENOENT) return Status::NotFound(TrF("{} does not exist", path));
    return Errno("open", path);
  }
  out->clear();
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Status::IOError(TrF("cannot read {}: it is a folder", path));
  }
  size_t used = 0;
  Status s = ReadToEnd(fd, st.st_size > 0 ? static_cast<size_t>(st.st_size) : 0, out, &used,
                       [&] { return path; });
  ::close(fd);
  out->resize(used);
  return s;
}

Status PosixDisk::OpenFile(const std::string& path, std::unique_ptr<ReadableFile>* out) {
  std::string link;
  int fd = Open(path, O_RDONLY, 0, &link);
  if (fd < 0) {
    if (!link.empty()) return LinkError("read", path, link);
    if (errno == ENOENT) return Status::NotFound(TrF("{} does not exist", path));
    return Errno("open", path);
  }
  *out = std::make_unique<PosixReadableFile>(fd, path);
  return Status::OK();
}

// O_EXCL|O_NOFOLLOW everywhere: a new file is never made through a link or
// over another file (a link planted at its name is refused).
Status PosixDisk::NewFile(const std::string& path, std::unique_ptr<WritableFile>* out) {
  std::string link;
  int fd = Open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0644, &link);
  if (fd < 0) {
    if (!link.empty()) return LinkError("create", path, link);
    if (errno == EEXIST) {
      if (IsLinkAt(AT_FDCWD, path.c_str())) return LinkError("create", path, path);
      return Status::Conflict(TrF("{} already exists", path));
    }
    return Errno("create", path);
  }
  *out = std::make_unique<PosixWritableFile>(fd, path);
  return Status::OK();
}

// rename(2) replaces a link rather than writing through it; below the root
// a link in the way is still refused, as a writer would refuse it.
Status PosixDisk::Rename(const std::string& from, const std::string& to) {
  std::string from_name, to_name, link;
  bool from_below = false, to_below = false;
  Fd from_dir(Locate(from, &from_name, &from_below, &link));
  if (from_dir.fd == -1) {
    return link.empty() ? Errno("rename into place", to) : LinkError("write", to, link);
  }
  Fd to_dir(Locate(to, &to_name, &to_below, &link));
  if (to_dir.fd == -1) {
    return link.empty() ? Errno("rename into place", to) : LinkError("write", to, link);
  }
  if (to_below && IsLinkAt(to_dir.fd, to_name.c_str())) return LinkError("write", to, to);
  if (::renameat(from_dir.fd, from_name.c_str(), to_dir.fd, to_name.c_str()) != 0) {
    return Errno("rename into place", to);
  }
  return Status::OK();
}

Status PosixDisk::SyncFolder(const std::string& path) {
  std::string link;
  int fd = Open(path, O_RDONLY | O_DIRECTORY, 0, &link);
  if (fd < 0)
    return link.empty() ? Errno("sync folder", path) : LinkError("sync folder", path, link);
  int rc = ::fsync(fd);
  Status s = rc == 0 ? Status::OK() : Errno("sync folder", path);
  ::close(fd);
  return s;
}

// Below the root a link is left for a person to see (`svc check`), not
// removed (unlink(2) would remove the link, never what it points to).
Status PosixDisk::RemoveFile(const std::string& path) {
  return Remove(path, 0, "remove");
}

Status PosixDisk::RemoveDir(const std::string& path) {
  return Remove(path, AT_REMOVEDIR, "remove folder");
}

Status PosixDisk::Remove(const std::string& path, int flags, const char* what) {
  std::string name, link;
  bool below = false;
  Fd dir(Locate(path, &name, &below, &link));
  if (dir.fd == -1) {
    if (!link.empty()) return LinkError(what, path, link);
    if (errno == ENOENT || errno == ENOTDIR) return Status::OK();
    return Errno(what, path);
  }
  if (below && IsLinkAt(dir.fd, name.c_str())) return LinkError(what, path, path);
  if (::unlinkat(dir.fd, name.c_str(), flags) != 0 && errno != ENOENT) return Errno(what, path);
  return Status::OK();
}

Status PosixDisk::ListDir(const std::string& path, std::vector<std::string>* names, bool* exists) {
  names->clear();
  std::string link;
  bool below = false;
  int fd = Open(path, O_RDONLY | O_DIRECTORY, 0, &link, &below);
  if (fd < 0) {
    // A link (below the root) is no folder, as a file is none.
    if (errno == ENOENT || errno == ENOTDIR || !link.empty()) {
      *exists = false;
      return Status::OK();
    }
    return Errno("list", path);
  }
  DIR* d = ::fdopendir(fd);
  if (!d) {
    Status s = Errno("list", path);
    ::close(fd);
    return s;
  }
  *exists = true;
  while (struct dirent* e = ::readdir(d)) {
    std::string_view n = e->d_name;
    if (n == "." || n == "..") continue;
    if (below && IsLinkEntry(d, e)) continue;  // not a file of the records (FindLinks)
    names->emplace_back(n);
  }
  ::closedir(d);
  return Status::OK();
}

Status PosixDisk::MakeDirs(const std::string& path) {
  std::vector<std::string> steps;
  switch (Below(path, &steps)) {
    case Where::kOut:
      return IOErrorOf("create folder", path, EACCES);
    case Where::kElsewhere: {
      if (IsDir(path)) return Status::OK();
      std::string parent = Dirname(path);
      if (parent != path && parent != "." && parent != "/") SVC_RETURN_IF_ERROR(MakeDirs(parent));
      if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST) return Errno("create folder", path);
      return Status::OK();
    }
    case Where::kBelow:
      break;
  }
  // One folder at a time from the root, each opened without following a link.
  Fd dir(::openat(root_fd_, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.fd < 0) return Errno("create folder", path);
  for (size_t i = 0; i < steps.size(); ++i) {
    const char* step = steps[i].c_str();
    constexpr int kFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
    int next = ::openat(dir.fd, step, kFlags);
    if (next < 0 && errno == ENOENT) {
      if (::mkdirat(dir.fd, step, 0755) != 0 && errno != EEXIST) {
        return Errno("create folder", Shown(steps, i + 1));
      }
      next = ::openat(dir.fd, step, kFlags);
    }
    if (next < 0) {
      if (IsLinkAt(dir.fd, step)) return LinkError("create folder", path, Shown(steps, i + 1));
      return Errno("create folder", Shown(steps, i + 1));
    }
    ::close(dir.fd);
    dir.fd = next;
  }
  return Status::OK();
}

Status PosixDisk::Lock(const std::string& path, int timeout_ms, std::unique_ptr<FileLock>* out) {
  std::string link;
  int fd = Open(path, O_RDWR | O_CREAT, 0644, &link);
  if (fd < 0) {
    return link.empty() ? Errno("open lock file", path) : LinkError("open lock file", path, link);
  }
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
          TrF("the records are locked by another svc ({} held for over {} s); try again", path,
              timeout_ms / 1000));
    }
    struct timespec ts = {0, 10'000'000};
    ::nanosleep(&ts, nullptr);
  }
  *out = std::make_unique<PosixLock>(fd);
  return Status::OK();
}

Status PosixDisk::Beneath(const std::string& root, std::unique_ptr<Disk>* out) {
  // The root itself is opened as named (a records directory may be reached
  // through a link of the user's own); what lies below it is not.
  std::string link;
  int fd = Open(root, O_RDONLY | O_DIRECTORY, 0, &link);
  if (fd < 0) {
    if (!link.empty()) return LinkError("open", root, link);
    if (errno == ENOENT || errno == ENOTDIR) {
      return Status::NotFound(TrF("{} does not exist", root));
    }
    return Errno("open", root);
  }
  out->reset(new PosixDisk(root, fd));
  return Status::OK();
}

// Every link below the open folder `fd` (consumed), shown below `shown`.
void CollectLinks(int fd, const std::string& shown, std::vector<std::string>* links) {
  DIR* d = ::fdopendir(fd);
  if (!d) {
    ::close(fd);
    return;
  }
  while (struct dirent* e = ::readdir(d)) {
    std::string_view n = e->d_name;
    if (n == "." || n == "..") continue;
    std::string path = JoinPath(shown, n);
    if (IsLinkEntry(d, e)) {
      links->push_back(std::move(path));
      continue;
    }
    if (e->d_type != DT_DIR && e->d_type != DT_UNKNOWN) continue;
    int sub = ::openat(::dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (sub >= 0) CollectLinks(sub, path, links);
  }
  ::closedir(d);
}

Status PosixDisk::FindLinks(const std::string& path, std::vector<std::string>* links) {
  links->clear();
  std::string name, link;
  bool below = false;
  Fd dir(Locate(path, &name, &below, &link));
  if (dir.fd == -1) {
    if (!link.empty()) links->push_back(link);  // a link on the way to it
    return Status::OK();
  }
  struct stat st;
  if (::fstatat(dir.fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return Status::OK();
  if (S_ISLNK(st.st_mode)) {
    links->push_back(path);
  } else if (S_ISDIR(st.st_mode)) {
    int fd = ::openat(dir.fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return Errno("list", path);
    CollectLinks(fd, path, links);
  }
  std::sort(links->begin(), links->end());
  return Status::OK();
}

std::string PosixDisk::Identity(const std::string& path) {
  std::string name, link;
  bool below = false;
  Fd dir(Locate(path, &name, &below, &link));
  struct stat st;
  if (dir.fd == -1 || ::fstatat(dir.fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 ||
      S_ISLNK(st.st_mode)) {
    return "";
  }
  return fmt::format("{}:{}", static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino));
}
}  // namespace

Status IOErrorOf(std::string_view what, const std::string& path, int error) {
  return Status::IOError(TrF("cannot {} {}: {}", Verb(what), path, std::strerror(error)));
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
  if (Exists(path)) return Status::Conflict(TrF("{} already exists", path));
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
  if (!file_) return Status::IOError(TrF("cannot write {}: it failed before", tmp_));
  Status s = file_->Append(data);
  return s.ok() ? s : Fail(std::move(s));
}

Status AtomicFile::Commit() {
  if (!file_) return Status::IOError(TrF("cannot write {}: it failed before", tmp_));
  Status s = file_->Sync();
  if (s.ok()) s = file_->Close();
  if (s.ok()) s = disk_->Rename(tmp_, path_);
  if (!s.ok()) return Fail(std::move(s));
  file_.reset();
  done_ = true;
  return disk_->SyncFolder(Dirname(path_));
}

bool Disk::Running(int pid) {
  return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM);
}

int ProcessId() {
  return static_cast<int>(::getpid());
}

Disk* RealDisk() {
  static PosixDisk disk;
  return &disk;
}

}  // namespace svc
