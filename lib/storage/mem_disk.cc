#include "storage/mem_disk.h"

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstring>

namespace svc {
namespace {

std::string ParentKey(const std::string& key) {
  if (key == "/" || key == ".") return key;
  return Dirname(key);
}

// The keys of a folder's children start with this.
std::string ChildPrefix(const std::string& dir) {
  if (dir == "/") return "/";
  if (dir == ".") return "";
  return dir + "/";
}

// Whether `key` is a child of the folder whose ChildPrefix is `prefix`
// (directly, with `direct`).
bool Below(const std::string& key, const std::string& prefix, bool direct) {
  if (!key.starts_with(prefix) || key.size() == prefix.size()) return false;
  if (prefix.empty() && (key == "." || key[0] == '/')) return false;  // "." itself, or absolute
  return !direct || key.find('/', prefix.size()) == std::string::npos;
}

}  // namespace

class MemDisk::Held : public FileLock {
 public:
  Held(MemDisk* disk, std::string key) : disk_(disk), key_(std::move(key)) {}
  ~Held() override {
    std::lock_guard<std::mutex> l(disk_->mu_);
    disk_->locked_.erase(key_);
    disk_->unlocked_.notify_all();
  }

 private:
  MemDisk* disk_;
  std::string key_;
};

class MemDisk::Reader : public ReadableFile {
 public:
  Reader(MemDisk* disk, std::shared_ptr<std::string> data) : disk_(disk), data_(std::move(data)) {}
  Status ReadAt(uint64_t offset, size_t n, char* buf, size_t* got) override {
    std::lock_guard<std::mutex> l(disk_->mu_);
    *got = offset >= data_->size() ? 0 : std::min<size_t>(n, data_->size() - offset);
    if (*got) std::memcpy(buf, data_->data() + offset, *got);
    return Status::OK();
  }

 private:
  MemDisk* disk_;
  std::shared_ptr<std::string> data_;
};

// A new file: what it writes lands in its node's data, wherever the node has
// been renamed to since (as a POSIX descriptor keeps its inode).
class MemDisk::File : public WritableFile {
 public:
  File(MemDisk* disk, std::string path, uint64_t ino, std::shared_ptr<std::string> data)
      : disk_(disk), path_(std::move(path)), ino_(ino), data_(std::move(data)) {}
  Status Append(std::string_view data) override {
    std::lock_guard<std::mutex> l(disk_->mu_);
    if (closed_) return IOErrorOf("write", path_, EBADF);
    data_->append(data);
    uint64_t now = disk_->Tick();
    for (auto& [key, node] : disk_->files_) {
      if (node.ino == ino_) node.mtime_ns = now;
    }
    return Status::OK();
  }
  Status Sync() override { return closed_ ? IOErrorOf("sync", path_, EBADF) : Status::OK(); }
  Status Close() override {
    if (closed_) return IOErrorOf("close", path_, EBADF);
    closed_ = true;
    return Status::OK();
  }

 private:
  MemDisk* disk_;
  std::string path_;
  uint64_t ino_;
  std::shared_ptr<std::string> data_;
  bool closed_ = false;
};

class MemDisk::Folder : public DiskFolder {
 public:
  Folder(MemDisk* disk, std::string path)
      : disk_(disk), path_(std::move(path)), prefix_(ChildPrefix(Normal(path_))) {}
  bool Stat(const char* name, FileStamp* out) override {
    std::lock_guard<std::mutex> l(disk_->mu_);
    auto it = disk_->files_.find(prefix_ + name);
    if (it == disk_->files_.end()) return false;
    *out = FileStamp{it->second.data->size(), it->second.mtime_ns, it->second.ino};
    return true;
  }
  Status Read(const char* name, FileStamp* stamp, std::string* buf,
              std::string_view* text) override {
    std::lock_guard<std::mutex> l(disk_->mu_);
    std::string key = prefix_ + name;
    auto it = disk_->files_.find(key);
    if (it == disk_->files_.end()) {
      if (disk_->dirs_.count(key)) {
        return Status::IOError(
            fmt::format("cannot read {}: it is a folder", JoinPath(path_, name)));
      }
      return Status::NotFound(fmt::format("{} does not exist", JoinPath(path_, name)));
    }
    const std::string& data = *it->second.data;
    *stamp = FileStamp{data.size(), it->second.mtime_ns, it->second.ino};
    if (buf->size() < data.size()) buf->resize(data.size());
    std::memcpy(buf->data(), data.data(), data.size());
    *text = std::string_view(buf->data(), data.size());
    return Status::OK();
  }

 private:
  MemDisk* disk_;
  std::string path_, prefix_;
};

MemDisk::MemDisk() : clock_ns_(1'600'000'000ull * 1'000'000'000ull) {
  dirs_.insert("/");
  dirs_.insert(".");
}

MemDisk::~MemDisk() = default;

std::string MemDisk::Normal(const std::string& path) {
  bool absolute = !path.empty() && path[0] == '/';
  std::vector<std::string_view> parts;
  std::string_view rest = path;
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view part = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (part.empty() || part == ".") continue;
    if (part == ".." && !parts.empty() && parts.back() != "..") {
      parts.pop_back();
    } else if (part != ".." || !absolute) {
      parts.push_back(part);
    }
  }
  std::string out = absolute ? "/" : "";
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += '/';
    out += parts[i];
  }
  return out.empty() ? "." : out;
}

bool MemDisk::ParentIsDir(const std::string& key) const {
  return dirs_.count(ParentKey(key)) > 0;
}

Status MemDisk::ReadFile(const std::string& path, std::string* out) {
  std::lock_guard<std::mutex> l(mu_);
  std::string key = Normal(path);
  auto it = files_.find(key);
  if (it != files_.end()) {
    *out = *it->second.data;
    return Status::OK();
  }
  out->clear();
  if (dirs_.count(key)) return Status::IOError(fmt::format("cannot read {}: it is a folder", path));
  return Status::NotFound(fmt::format("{} does not exist", path));
}

Status MemDisk::OpenFile(const std::string& path, std::unique_ptr<ReadableFile>* out) {
  std::lock_guard<std::mutex> l(mu_);
  std::string key = Normal(path);
  auto it = files_.find(key);
  if (it == files_.end()) {
    if (dirs_.count(key)) return IOErrorOf("open", path, EISDIR);
    return Status::NotFound(fmt::format("{} does not exist", path));
  }
  *out = std::make_unique<Reader>(this, it->second.data);
  return Status::OK();
}

std::unique_ptr<DiskFolder> MemDisk::OpenFolder(const std::string& path) {
  return std::make_unique<Folder>(this, path);
}

Status MemDisk::ListDir(const std::string& path, std::vector<std::string>* names, bool* exists) {
  std::lock_guard<std::mutex> l(mu_);
  names->clear();
  std::string key = Normal(path);
  *exists = dirs_.count(key) > 0;
  if (!*exists) return Status::OK();
  std::string prefix = ChildPrefix(key);
  for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.starts_with(prefix);
       ++it) {
    if (Below(it->first, prefix, true)) names->push_back(it->first.substr(prefix.size()));
  }
  for (auto it = dirs_.lower_bound(prefix); it != dirs_.end() && it->starts_with(prefix); ++it) {
    if (Below(*it, prefix, true)) names->push_back(it->substr(prefix.size()));
  }
  return Status::OK();
}

bool MemDisk::Exists(const std::string& path) {
  std::lock_guard<std::mutex> l(mu_);
  std::string key = Normal(path);
  return files_.count(key) > 0 || dirs_.count(key) > 0;
}

bool MemDisk::IsDir(const std::string& path) {
  std::lock_guard<std::mutex> l(mu_);
  return dirs_.count(Normal(path)) > 0;
}

Status MemDisk::NewFile(const std::string& path, std::unique_ptr<WritableFile>* out) {
  std::lock_guard<std::mutex> l(mu_);
  std::string key = Normal(path);
  if (files_.count(key) || dirs_.count(key)) {
    return Status::Conflict(fmt::format("{} already exists", path));
  }
  if (!ParentIsDir(key)) {
    return IOErrorOf("create", path, files_.count(ParentKey(key)) ? ENOTDIR : ENOENT);
  }
  Node node{std::make_shared<std::string>(), Tick(), next_ino_++};
  files_.emplace(key, node);
  *out = std::make_unique<File>(this, path, node.ino, node.data);
  return Status::OK();
}

Status MemDisk::Rename(const std::string& from, const std::string& to) {
  std::lock_guard<std::mutex> l(mu_);
  std::string src = Normal(from), dst = Normal(to);
  auto it = files_.find(src);
  if (it == files_.end()) return IOErrorOf("rename into place", to, ENOENT);
  if (dirs_.count(dst)) return IOErrorOf("rename into place", to, EISDIR);
  if (!ParentIsDir(dst)) return IOErrorOf("rename into place", to, ENOENT);
  Node node = it->second;
  files_.erase(it);
  files_[dst] = node;
  return Status::OK();
}

Status MemDisk::SyncFolder(const std::string& path) {
  std::lock_guard<std::mutex> l(mu_);
  if (!dirs_.count(Normal(path))) return IOErrorOf("sync folder", path, ENOENT);
  return Status::OK();
}

Status MemDisk::RemoveFile(const std::string& path) {
  std::lock_guard<std::mutex> l(mu_);
  std::string key = Normal(path);
  if (dirs_.count(key)) return IOErrorOf("remove", path, EISDIR);
  files_.erase(key);
  return Status::OK();
}

Status MemDisk::RemoveDir(const std::string& path) {
  std::lock_guard<std::mutex> l(mu_);
  std::string key = Normal(path);
  if (files_.count(key)) return IOErrorOf("remove folder", path, ENOTDIR);
  if (!dirs_.count(key)) return Status::OK();
  std::string prefix = key + "/";
  auto f = files_.lower_bound(prefix);
  auto d = dirs_.lower_bound(prefix);
  if ((f != files_.end() && f->first.starts_with(prefix)) ||
      (d != dirs_.end() && d->starts_with(prefix))) {
    return IOErrorOf("remove folder", path, ENOTEMPTY);
  }
  dirs_.erase(key);
  return Status::OK();
}

Status MemDisk::MakeDirs(const std::string& path) {
  std::lock_guard<std::mutex> l(mu_);
  std::string key = Normal(path);
  std::vector<std::string> missing;
  for (std::string k = key; !dirs_.count(k); k = ParentKey(k)) {
    if (files_.count(k)) return IOErrorOf("create folder", path, ENOTDIR);
    missing.push_back(k);
    if (k == ParentKey(k)) break;
  }
  for (const std::string& k : missing) dirs_.insert(k);
  return Status::OK();
}

bool MemDisk::Running(int pid) {
  std::lock_guard<std::mutex> l(mu_);
  return running_.count(pid) > 0;
}

void MemDisk::SetRunning(int pid) {
  std::lock_guard<std::mutex> l(mu_);
  running_.insert(pid);
}

Status MemDisk::Lock(const std::string& path, int timeout_ms, std::unique_ptr<FileLock>* out) {
  std::unique_lock<std::mutex> l(mu_);
  std::string key = Normal(path);
  if (!files_.count(key)) {
    if (dirs_.count(key)) return IOErrorOf("open lock file", path, EISDIR);
    if (!ParentIsDir(key)) return IOErrorOf("open lock file", path, ENOENT);
    files_.emplace(key, Node{std::make_shared<std::string>(), Tick(), next_ino_++});
  }
  bool free = unlocked_.wait_for(l, std::chrono::milliseconds(timeout_ms),
                                 [&] { return locked_.count(key) == 0; });
  if (!free) {
    return Status::IOError(
        fmt::format("the records are locked by another svc ({} held for over {} s); try again",
                    path, timeout_ms / 1000));
  }
  locked_.insert(key);
  *out = std::make_unique<Held>(this, key);
  return Status::OK();
}

Status MemDisk::Overwrite(const std::string& path, std::string_view data) {
  std::lock_guard<std::mutex> l(mu_);
  std::string key = Normal(path);
  auto it = files_.find(key);
  if (it == files_.end()) {
    if (!ParentIsDir(key) || dirs_.count(key)) return IOErrorOf("create", path, ENOENT);
    it = files_.emplace(key, Node{std::make_shared<std::string>(), 0, next_ino_++}).first;
  }
  it->second.data->assign(data);
  it->second.mtime_ns = Tick();
  return Status::OK();
}

void MemDisk::RemoveAll(const std::string& path) {
  std::lock_guard<std::mutex> l(mu_);
  std::string key = Normal(path);
  std::string prefix = ChildPrefix(key);
  files_.erase(key);
  dirs_.erase(key);
  std::erase_if(files_, [&](const auto& f) { return Below(f.first, prefix, false); });
  std::erase_if(dirs_, [&](const std::string& d) { return Below(d, prefix, false); });
}

bool MemDisk::SetMtime(const std::string& path, uint64_t mtime_ns) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = files_.find(Normal(path));
  if (it == files_.end()) return false;
  it->second.mtime_ns = mtime_ns;
  return true;
}

bool MemDisk::Stamp(const std::string& path, FileStamp* out) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = files_.find(Normal(path));
  if (it == files_.end()) return false;
  *out = FileStamp{it->second.data->size(), it->second.mtime_ns, it->second.ino};
  return true;
}

void MemDisk::SetClock(uint64_t ns) {
  std::lock_guard<std::mutex> l(mu_);
  clock_ns_ = ns;
}

std::vector<std::string> MemDisk::Files(const std::string& path) {
  std::lock_guard<std::mutex> l(mu_);
  std::string key = Normal(path);
  std::string prefix = ChildPrefix(key);
  std::vector<std::string> out;
  for (const auto& [k, node] : files_) {
    if (k == key || Below(k, prefix, false)) out.push_back(k);
  }
  return out;
}

}  // namespace svc
