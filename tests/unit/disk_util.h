// The disks the storage tests run on: the real file system in a fresh
// temporary folder, or a MemDisk with a folder of the same kind. A test
// written against TestDisk runs on both (doctest's SUBCASE per disk).
#pragma once

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "storage/disk.h"
#include "storage/mem_disk.h"
#include "test_util.h"

namespace svc_test {

class TestDisk {
 public:
  explicit TestDisk(bool in_memory) {
    if (in_memory) {
      mem_ = std::make_unique<svc::MemDisk>();
      root_ = "/tmp/svc-mem";
      SVC_REQUIRE_OK(mem_->MakeDirs(root_));
    } else {
      dir_ = std::make_unique<TempDir>();
      root_ = dir_->path();
    }
  }
  bool in_memory() const { return mem_ != nullptr; }
  const char* name() const { return mem_ ? "MemDisk" : "the real disk"; }
  svc::Disk* disk() const { return mem_ ? mem_.get() : svc::RealDisk(); }
  svc::MemDisk* mem() const { return mem_.get(); }
  const std::string& root() const { return root_; }
  std::string operator/(std::string_view rel) const { return root_ + "/" + std::string(rel); }

  std::string Read(const std::string& path) const {
    std::string text;
    svc::Status s = disk()->ReadFile(path, &text);
    REQUIRE_MESSAGE(s.ok(), s.message());
    return text;
  }
  // Writes `text` to `path` behind svc's back, creating the folders above it.
  void Write(const std::string& path, std::string_view text) const {
    if (!mem_) return WriteAll(path, text);
    SVC_REQUIRE_OK(mem_->MakeDirs(svc::Dirname(path)));
    SVC_REQUIRE_OK(mem_->Overwrite(path, text));
  }
  // The names in folder `dir`, sorted.
  std::vector<std::string> Names(const std::string& dir) const {
    std::vector<std::string> names;
    bool exists = false;
    SVC_REQUIRE_OK(disk()->ListDir(dir, &names, &exists));
    std::sort(names.begin(), names.end());
    return names;
  }
  // Every file below the root (relative to it) with its bytes.
  std::map<std::string, std::string> Snapshot() const {
    std::map<std::string, std::string> out;
    if (mem_) {
      for (const std::string& f : mem_->Files(root_)) out[f.substr(root_.size() + 1)] = Read(f);
      return out;
    }
    for (const auto& e : std::filesystem::recursive_directory_iterator(root_)) {
      if (!e.is_regular_file()) continue;
      out[std::filesystem::relative(e.path(), root_).string()] = ReadAll(e.path().string());
    }
    return out;
  }

 private:
  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<svc::MemDisk> mem_;
  std::string root_;
};

}  // namespace svc_test
