// Nothing outside the records (storage/disk.h, Beneath): on the real disk,
// a symbolic link planted anywhere below a records root (at a temporary
// file's name, a ticket, a month folder, tickets/, .svc/lock) is followed
// by no step, writes refuse it naming the link, and the file it points to
// is left byte for byte as it was.
#include <doctest/doctest.h>
#include <unistd.h>

#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "ops/check.h"
#include "storage/disk.h"
#include "storage/paths.h"
#include "storage/store.h"
#include "test_util.h"

namespace svc {
namespace {

using svc_test::ReadAll;
using svc_test::TempDir;
namespace fs = std::filesystem;

constexpr const char* kSecret = "outside, not to be touched\n";

// <tmp>/records (a records directory) and <tmp>/outside/secret.
struct World {
  TempDir tmp;
  std::string records = tmp / "records";
  std::string outside = tmp / "outside";
  std::string secret = tmp / "outside/secret";
  std::unique_ptr<Disk> disk;
  World() {
    SVC_REQUIRE_OK(Store::Init(records, RealDisk()));
    fs::create_directories(outside);
    SVC_REQUIRE_OK(RealDisk()->WriteFileAtomic(secret, kSecret));
    SVC_REQUIRE_OK(RealDisk()->Beneath(records, &disk));
    REQUIRE(disk != nullptr);
  }
  std::string operator/(std::string_view rel) const { return InRoot(records, rel); }
  void Link(std::string_view rel, const std::string& target) const {
    fs::create_directories(fs::path(*this / rel).parent_path());
    fs::create_symlink(target, *this / rel);
  }
  // The outside is as it was: the secret unchanged, nothing else there.
  void Untouched() const {
    CHECK(ReadAll(secret) == kSecret);
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(outside)) names.push_back(e.path().filename());
    CHECK(names == std::vector<std::string>{"secret"});
  }
};

// Refused for the link `link` (the path itself, "it", or one on its way).
bool SaysLink(const Status& s, const std::string& link) {
  const std::string& m = s.message();
  return !s.ok() && m.find("is a symbolic link") != std::string::npos &&
         (m.find(link + " is a symbolic link") != std::string::npos ||
          (m.starts_with("cannot ") && m.find(" " + link + ": it is") != std::string::npos));
}
bool SaysItIsLink(const Status& s) {
  return !s.ok() && s.message().find("it is a symbolic link") != std::string::npos;
}

TEST_CASE("a link planted at the temporary file's name is refused, not written through") {
  World w;
  std::string ticket = w / "tickets/2026/11/YX-26-11-01.toml";
  w.Link(fmt::format("tickets/2026/11/.YX-26-11-01.toml.tmp{}", ::getpid()), w.secret);
  Status s = w.disk->WriteFileAtomic(ticket, "id = 'YX-26-11-01'\n");
  CHECK(SaysItIsLink(s));
  CHECK(s.message().starts_with("cannot create " + w.records + "/tickets/2026/11/.YX-26-11-01"));
  CHECK_FALSE(fs::exists(fs::symlink_status(ticket)));
  w.Untouched();
  // The real disk itself (no root) refuses it too: O_CREAT|O_EXCL|O_NOFOLLOW.
  CHECK(SaysItIsLink(RealDisk()->WriteFileAtomic(ticket, "x\n")));
  w.Untouched();
}

TEST_CASE("a ticket that is a link is neither read nor replaced") {
  World w;
  std::string rel = "tickets/2026/11/YX-26-11-01.toml";
  w.Link(rel, w.secret);
  std::string text;
  Status s = w.disk->ReadFile(w / rel, &text);
  CHECK(s.message() == fmt::format("cannot read {}: it is a symbolic link (svc follows no links "
                                   "in the records directory)",
                                   w / rel));
  CHECK_FALSE(w.disk->Exists(w / rel));
  CHECK(SaysItIsLink(w.disk->WriteFileAtomic(w / rel, "x\n")));
  CHECK(fs::is_symlink(w / rel));
  std::vector<std::string> names;
  bool exists = false;
  SVC_REQUIRE_OK(w.disk->ListDir(w / "tickets/2026/11", &names, &exists));
  CHECK(exists);
  CHECK(names.empty());  // a link is no file of the records
  // Nor through a folder's descriptor (the scans' way of reading).
  auto folder = w.disk->OpenFolder(w / "tickets/2026/11");
  FileStamp stamp;
  CHECK_FALSE(folder->Stat("YX-26-11-01.toml", &stamp));
  std::string buf;
  std::string_view view;
  CHECK(SaysItIsLink(folder->Read("YX-26-11-01.toml", &stamp, &buf, &view)));
  // Nor removed: it is left for `svc check` to show.
  CHECK(SaysItIsLink(w.disk->RemoveFile(w / rel)));
  CHECK(fs::is_symlink(w / rel));
  w.Untouched();
}

TEST_CASE("a month folder, tickets/ or .svc that is a link takes nothing out of the records") {
  for (std::string folder : {"tickets/2026/12", "tickets/2026", "tickets", ".svc"}) {
    CAPTURE(folder);
    World w;
    if (folder == "tickets") fs::remove_all(w / "tickets");
    w.Link(folder, w.outside);
    std::string file = folder + "/YX-26-12-01.toml";
    CHECK(SaysLink(w.disk->MakeDirs(w / folder), w / folder));
    CHECK(SaysLink(w.disk->MakeDirs(w / (folder + "/more")), w / folder));
    CHECK(SaysLink(w.disk->WriteFileAtomic(w / file, "x\n"), w / folder));
    CHECK(SaysLink(w.disk->CreateFile(w / file, "x\n"), w / folder));
    std::unique_ptr<WritableFile> out;
    CHECK(SaysLink(w.disk->NewFile(w / file, &out), w / folder));
    std::string text;
    CHECK(SaysLink(w.disk->ReadFile(w / folder + "/secret", &text), w / folder));
    CHECK(SaysLink(w.disk->RemoveFile(w / folder + "/secret"), w / folder));
    CHECK_FALSE(w.disk->IsDir(w / folder));
    CHECK_FALSE(w.disk->Exists(w / folder + "/secret"));
    std::vector<std::string> names;
    bool exists = true;
    SVC_CHECK_OK(w.disk->ListDir(w / folder, &names, &exists));
    CHECK_FALSE(exists);
    std::vector<std::string> links;
    SVC_CHECK_OK(w.disk->FindLinks(w / folder.substr(0, folder.find('/')), &links));
    CHECK(links == std::vector<std::string>{w / folder});
    w.Untouched();
  }
}

TEST_CASE("the lock and the index are not followed") {
  World w;
  SVC_REQUIRE_OK(w.disk->MakeDirs(w / ".svc"));
  w.Link(".svc/lock", w.secret);
  w.Link(".svc/index", w.secret);
  std::unique_ptr<FileLock> lock;
  Status s = w.disk->Lock(w / ".svc/lock", 100, &lock);
  CHECK(s.message() == fmt::format("cannot open lock file {}: it is a symbolic link (svc follows "
                                   "no links in the records directory)",
                                   w / ".svc/lock"));
  std::unique_ptr<ReadableFile> index;
  CHECK(SaysItIsLink(w.disk->OpenFile(w / ".svc/index", &index)));
  CHECK(SaysItIsLink(w.disk->WriteFileAtomic(w / ".svc/index", "x")));
  std::vector<std::string> links;
  SVC_CHECK_OK(w.disk->FindLinks(w / ".svc", &links));
  CHECK(links == std::vector<std::string>{w / ".svc/index", w / ".svc/lock"});
  w.Untouched();
}

TEST_CASE("writes below the root go where they should; the root itself may be a link") {
  World w;
  std::string via = w.tmp / "via";
  fs::create_symlink(w.records, via);  // the user's own link to the records
  std::unique_ptr<Disk> disk;
  SVC_REQUIRE_OK(RealDisk()->Beneath(via, &disk));
  SVC_REQUIRE_OK(disk->MakeDirs(via + "/tickets/2026/11"));
  SVC_REQUIRE_OK(disk->WriteFileAtomic(via + "/tickets/2026/11/YX-26-11-01.toml", "one\n"));
  CHECK(ReadAll(w / "tickets/2026/11/YX-26-11-01.toml") == "one\n");
  std::unique_ptr<FileLock> lock;
  SVC_REQUIRE_OK(disk->MakeDirs(via + "/.svc"));
  SVC_CHECK_OK(disk->Lock(via + "/.svc/lock", 100, &lock));
  std::vector<std::string> links;
  SVC_CHECK_OK(disk->FindLinks(via + "/tickets", &links));
  CHECK(links.empty());
  // A path that climbs out with ".." is refused, not resolved.
  CHECK_FALSE(disk->WriteFileAtomic(via + "/tickets/../../outside/secret", "x").ok());
  CHECK_FALSE(disk->Exists(via + "/tickets/../../outside/secret"));
  w.Untouched();
  // Paths not below the root are the file system's as before.
  std::string text;
  SVC_CHECK_OK(disk->ReadFile(w.secret, &text));
  CHECK(text == kSecret);
}

TEST_CASE("the root relative to the working directory (\".\") is the root too") {
  World w;
  w.Link("tickets/2026", w.outside);
  char cwd[4096];
  REQUIRE(::getcwd(cwd, sizeof cwd) != nullptr);
  REQUIRE(::chdir(w.records.c_str()) == 0);
  std::unique_ptr<Disk> disk;
  Status made = RealDisk()->Beneath(".", &disk);
  Status wrote = made.ok() ? disk->WriteFileAtomic("tickets/2026/11/X.toml", "x\n") : made;
  REQUIRE(::chdir(cwd) == 0);
  CHECK(SaysLink(wrote, "tickets/2026"));
  w.Untouched();
}

TEST_CASE("Identity: a folder's own, not its copy's; none for a link") {
  World w;
  std::string root = RealDisk()->Identity(w.records);
  CHECK_FALSE(root.empty());
  CHECK(RealDisk()->Identity(w.records) == root);
  fs::copy(w.records, w.tmp / "copy", fs::copy_options::recursive);
  CHECK(RealDisk()->Identity(w.tmp / "copy") != root);
  w.Link("tickets/link", w.outside);
  CHECK(w.disk->Identity(w / "tickets/link") == "");
  CHECK(w.disk->Identity(w.records) == root);
}

TEST_CASE("a Store refuses links at its records and check reports each") {
  World w;
  std::unique_ptr<Store> store;
  SVC_REQUIRE_OK(Store::Open(w.records, RealDisk(), &store));
  w.Link("tickets/2026/11/YX-26-11-01.toml", w.secret);
  w.Link("tickets/2026/12", w.outside);
  w.Link("tickets/2026/10/.YX-26-10-01.toml.tmp1", w.secret);
  w.Link("outbound", w.outside);
  w.Link(".svc/lock", w.secret);
  std::unique_ptr<FileLock> lock;
  CHECK(SaysItIsLink(store->Lock(&lock)));
  CHECK(
      SaysLink(store->WriteFile("tickets/2026/12/YX-26-12-01.toml", "x\n"), w / "tickets/2026/12"));
  Ticket t;
  CHECK(SaysItIsLink(store->Load("YX-26-11-01", &t)));
  std::vector<std::string> reported;
  CheckSummary summary;
  SVC_REQUIRE_OK(CheckStore(
      *store, [&](const Problem& p) { reported.push_back(p.file); }, &summary));
  CHECK(reported == std::vector<std::string>{w / ".svc/lock", w / "outbound",
                                             w / "tickets/2026/10/.YX-26-10-01.toml.tmp1",
                                             w / "tickets/2026/11/YX-26-11-01.toml",
                                             w / "tickets/2026/12"});
  CHECK(summary.problems == 5);
  w.Untouched();
  // svc.toml itself a link: the records are not opened.
  fs::rename(w / "svc.toml", w.outside + "/svc.toml");
  w.Link("svc.toml", w.outside + "/svc.toml");
  CHECK(SaysItIsLink(Store::Open(w.records, RealDisk(), &store)));
}

}  // namespace
}  // namespace svc
