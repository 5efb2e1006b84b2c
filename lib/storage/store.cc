#include "storage/store.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <utility>
#include <vector>

#include "base/i18n.h"
#include "base/text.h"
#include "format/config_toml.h"
#include "format/fast_reader.h"
#include "format/record_toml.h"
#include "format/ticket_toml.h"
#include "storage/recovery.h"

namespace svc {
namespace {

constexpr int kLockTimeoutMs = 60'000;

std::string Parent(const std::string& dir) {
  size_t slash = dir.find_last_of('/');
  if (slash == std::string::npos || dir == "/") return "";
  return slash == 0 ? "/" : dir.substr(0, slash);
}

// `dir` from `cwd` (unless absolute) without "." and ".." steps, as its
// letters say (symbolic links are not followed): "/r/a/../b" is "/r/b".
std::string Lexical(const std::string& cwd, const std::string& dir) {
  std::string whole = dir.starts_with('/') || cwd.empty() ? dir : cwd + "/" + dir;
  std::vector<std::string_view> steps;
  for (std::string_view step : Split(whole, '/')) {
    if (step.empty() || step == ".") continue;
    if (step == ".." && !steps.empty() && steps.back() != "..") {
      steps.pop_back();
    } else if (step != ".." || !whole.starts_with('/')) {
      steps.push_back(step);
    }
  }
  std::string out = whole.starts_with('/') ? "/" : "";
  for (size_t i = 0; i < steps.size(); ++i) out += (i ? "/" : "") + std::string(steps[i]);
  return out.empty() ? "." : out;
}

// The records directory `dir` lies inside (the nearest folder above it
// holding svc.toml), or "".
std::string Enclosing(const std::string& dir, Disk* disk) {
  for (std::string up = Parent(dir); !up.empty(); up = Parent(up)) {
    if (disk->Exists(JoinPath(up, ConfigPath()))) return up;
  }
  return "";
}

}  // namespace

Status Store::Locate(const std::string& flag, const std::string& env, const std::string& cwd,
                     Disk* disk, std::string* root) {
  if (!flag.empty() || !env.empty()) {
    std::string dir = !flag.empty() ? flag : env;
    std::string origin = !flag.empty() ? "--records" : "SVC_RECORDS";
    if (!disk->Exists(JoinPath(dir, ConfigPath()))) {
      return Status::NotFound(
          TrF("{} is not a records directory: it has no svc.toml ({} {}; create one with 'svc init "
              "{}')",
              dir, origin, dir, dir));
    }
    *root = dir;
    return Status::OK();
  }
  // Named relative to the working directory ("." or "../.."), so that the
  // paths svc prints can be used from where the user stands.
  std::string up = ".";
  for (std::string dir = cwd; !dir.empty(); dir = Parent(dir)) {
    if (disk->Exists(JoinPath(dir, ConfigPath()))) {
      *root = up;
      return Status::OK();
    }
    if (dir == "/") break;
    up = up == "." ? ".." : up + "/..";
  }
  return Status::NotFound(
      TrF("no records directory: no svc.toml in {} or any folder above it (use --records DIR, set "
          "SVC_RECORDS, or create one with 'svc init DIR')",
          cwd));
}

// The lines svc needs in .gitignore and .gitattributes (each file written once).
std::vector<std::pair<std::string, std::vector<std::string>>> GitLines() {
  // The registry outbound/ too: two clones taking one number for two tickets
  // is set aside for svc renumber (ops/merge_file.h).
  std::vector<std::string> attributes = {fmt::format("{}/**/*.toml merge=svc", kTicketsFolder),
                                         fmt::format("{}/**/*.toml merge=svc", kOutboundFolder)};
  // The record kinds in one folder (customers/K0001.toml …) merge by svc's driver too.
  for (const RecordKind* kind : AllKinds()) {
    if (kind == &TicketKind()) continue;
    // By month (visits/2026/11/BF-26-11-01.toml) or in one folder.
    attributes.push_back(fmt::format("{}/{}*.toml merge=svc", kind->folder,
                                     kind->numbering == Numbering::kMonthly ? "**/" : ""));
  }
  return {{GitIgnorePath(), {LocalFolder() + "/"}}, {GitAttributesPath(), attributes}};
}

// Appends `line` to `text` unless it already has it; false if it has.
bool AddLine(std::string* text, std::string_view line) {
  for (std::string_view l : Split(*text, '\n')) {
    if (l == line) return false;
  }
  if (!text->empty() && text->back() != '\n') *text += '\n';
  *text += line;
  *text += '\n';
  return true;
}

// Appends each of `lines` that `text` lacks; false if it has them all.
bool AddLines(std::string* text, const std::vector<std::string>& lines) {
  bool added = false;
  for (const std::string& line : lines) added |= AddLine(text, line);
  return added;
}

// A read's status: OK for a file that is not there (its text stays "").
Status ReadIfAny(Status s) {
  return s.code() == Status::Code::kNotFound ? Status::OK() : s;
}

Status Store::EnsureGitFiles(const std::string& dir, Disk* disk) {
  for (const auto& [rel, lines] : GitLines()) {
    std::string path = JoinPath(dir, rel), text;
    SVC_RETURN_IF_ERROR(ReadIfAny(disk->ReadFile(path, &text)));
    if (AddLines(&text, lines)) SVC_RETURN_IF_ERROR(disk->WriteFileAtomic(path, text));
  }
  return Status::OK();
}

Status Store::EnsureGitFiles() const {
  std::unique_ptr<FileLock> lock;
  SVC_RETURN_IF_ERROR(Lock(&lock));
  for (const auto& [rel, lines] : GitLines()) {
    std::string text;
    SVC_RETURN_IF_ERROR(ReadIfAny(ReadFile(rel, &text)));
    if (AddLines(&text, lines)) SVC_RETURN_IF_ERROR(WriteFile(rel, text));
  }
  return Status::OK();
}

Status Store::Init(const std::string& dir, const std::string& cwd, Disk* disk) {
  std::string config = JoinPath(dir, ConfigPath());
  if (disk->Exists(config)) {
    return Status::Conflict(
        TrF("{} is already a records directory (it has svc.toml); nothing was changed", dir));
  }
  if (std::string outer = Enclosing(Lexical(cwd, dir), disk); !outer.empty()) {
    return Status::Conflict(
        TrF("{} is inside the records directory {} (it has svc.toml), and records "
            "directories do not nest; nothing was changed",
            dir, outer));
  }
  // The folder itself as named; what goes into it follows no link.
  SVC_RETURN_IF_ERROR(disk->MakeDirs(dir));
  std::unique_ptr<Disk> beneath;
  SVC_RETURN_IF_ERROR(disk->Beneath(dir, &beneath));
  if (beneath) disk = beneath.get();
  // An interrupted `svc init`'s temporary files (no other svc writes in a
  // folder without svc.toml).
  std::vector<std::string> names;
  bool exists = false;
  SVC_RETURN_IF_ERROR(disk->ListDir(dir, &names, &exists));
  for (const std::string& name : names) {
    for (const std::string& file : {ConfigPath(), GitIgnorePath(), GitAttributesPath()}) {
      if (IsTemporaryName(name) && name.starts_with("." + file + ".tmp")) {
        SVC_RETURN_IF_ERROR(disk->RemoveFile(JoinPath(dir, name)));
      }
    }
  }
  SVC_RETURN_IF_ERROR(disk->MakeDirs(JoinPath(dir, kTicketsFolder)));
  SVC_RETURN_IF_ERROR(EnsureGitFiles(dir, disk));
  // svc.toml last: until it exists, the folder is not a records directory.
  return disk->CreateFile(config, DefaultConfigText());
}

Status Store::Open(const std::string& root, Disk* disk, std::unique_ptr<Store>* out) {
  std::string text;
  std::string path = JoinPath(root, ConfigPath());
  std::unique_ptr<Disk> beneath;
  if (Status s = disk->Beneath(root, &beneath); !s.ok()) {
    // No such folder: say so as reading its svc.toml would.
    return s.code() == Status::Code::kNotFound ? Status::NotFound(TrF("{} does not exist", path))
                                               : s;
  }
  Disk* at_root = beneath ? beneath.get() : disk;
  SVC_RETURN_IF_ERROR(at_root->ReadFile(path, &text));
  Config config;
  SVC_RETURN_IF_ERROR(ParseConfig(text, path, &config));
  out->reset(new Store(root, std::move(beneath), at_root, std::move(config), std::move(text)));
  return Status::OK();
}

Status Store::Load(const std::string& id_text, Ticket* out, DocNumber* id_out) const {
  DocNumber id;
  SVC_RETURN_IF_ERROR(ParseDocNumber(id_text, &id));
  std::string rel = TicketPath(id);
  std::string text;
  Status s = disk_->ReadFile(Abs(rel), &text);
  if (s.code() == Status::Code::kNotFound) {
    return Status::NotFound(TrF("no ticket {} (no file {})", id_text, rel));
  }
  SVC_RETURN_IF_ERROR(s);
  SVC_RETURN_IF_ERROR(ReadTicket(text, Abs(rel), out));
  if (out->id != id_text) {
    return Status::Corruption(
        TrF("{}:1: the file holds ticket '{}', not {}", Abs(rel), out->id, id_text));
  }
  if (id_out) *id_out = id;
  return Status::OK();
}

Status Store::Save(const Ticket& t) const {
  DocNumber id;
  SVC_RETURN_IF_ERROR(ParseDocNumber(t.id, &id));
  std::string rel = TicketPath(id);
  SVC_RETURN_IF_ERROR(WriteFile(rel, WriteTicket(t)));
  Touch(rel);
  return Status::OK();
}

Status Store::Create(const Ticket& t) const {
  DocNumber id;
  SVC_RETURN_IF_ERROR(ParseDocNumber(t.id, &id));
  if (disk_->Exists(Abs(TicketPath(id)))) {
    return Status::Conflict(TrF("ticket {} already exists", t.id));
  }
  return Save(t);
}

Status Store::LoadRecord(const RecordKind& kind, const std::string& id, Record* out) const {
  std::string rel;
  SVC_RETURN_IF_ERROR(RecordPath(kind, id, &rel));
  std::string text;
  Status s = disk_->ReadFile(Abs(rel), &text);
  if (s.code() == Status::Code::kNotFound) {
    return Status::NotFound(TrF("no {} {} (no file {})", kind.name, id, rel));
  }
  SVC_RETURN_IF_ERROR(s);
  SVC_RETURN_IF_ERROR(ParseRecord(text, Abs(rel), kind, out));
  if (out->View("id") != id) {
    return Status::Corruption(
        TrF("{}:1: the file holds {} '{}', not {}", Abs(rel), kind.name, out->View("id"), id));
  }
  return Status::OK();
}

Status Store::SaveRecord(const Record& r) const {
  std::string rel;
  SVC_RETURN_IF_ERROR(RecordPath(*r.kind, r.View("id"), &rel));
  SVC_RETURN_IF_ERROR(WriteFile(rel, WriteRecord(r)));
  Touch(rel);
  return Status::OK();
}

Status Store::CreateRecord(const Record& r) const {
  std::string rel;
  SVC_RETURN_IF_ERROR(RecordPath(*r.kind, r.View("id"), &rel));
  SVC_RETURN_IF_ERROR(CreateFile(rel, WriteRecord(r)));
  Touch(rel);
  return Status::OK();
}

Status Store::TakenSerials(const RecordKind& kind, std::vector<int>* out) const {
  out->clear();
  std::vector<std::string> names;
  bool exists = false;
  SVC_RETURN_IF_ERROR(disk_->ListDir(Abs(std::string(kind.folder)), &names, &exists));
  for (const std::string& name : names) {
    SerialNumber n;
    if (ParseSerialFileName(kind, name, &n)) out->push_back(n.seq);
  }
  return Status::OK();
}

Status Store::LoadPriceList(PriceList* out) const {
  std::string text;
  std::string path = Abs(PriceListPath());
  Status s = disk_->ReadFile(path, &text);
  if (s.code() == Status::Code::kNotFound) {
    *out = PriceList{};
    return Status::OK();
  }
  SVC_RETURN_IF_ERROR(s);
  return ParsePriceList(text, path, out);
}

// The disk's lock, and the end of the session when it is released.
class Store::SessionLock : public FileLock {
 public:
  SessionLock(const Store* store, std::unique_ptr<FileLock> held)
      : store_(store), held_(std::move(held)) {}
  ~SessionLock() override { store_->EndSession(); }  // then held_ is released

 private:
  const Store* store_;
  std::unique_ptr<FileLock> held_;
};

Status Store::Lock(std::unique_ptr<FileLock>* out) const {
  SVC_RETURN_IF_ERROR(disk_->MakeDirs(Abs(LocalFolder())));
  std::unique_ptr<FileLock> held;
  SVC_RETURN_IF_ERROR(disk_->Lock(Abs(LockPath()), kLockTimeoutMs, &held));
  // An interrupted command's journal: complete or roll back what it names.
  SVC_RETURN_IF_ERROR(
      SweepLocalTemporaries(*this, [&](const std::string& what) { Recovered(what); }));
  std::string text;
  Status s = disk_->ReadFile(Abs(JournalPath()), &text);
  if (s.ok()) {
    SVC_RETURN_IF_ERROR(RecoverFiles(*this, ParseJournal(text), RecoveryMode{},
                                     [&](const std::string& what) { Recovered(what); }));
    SVC_RETURN_IF_ERROR(disk_->RemoveFile(Abs(JournalPath())));
  } else if (s.code() != Status::Code::kNotFound) {
    return s;
  }
  locked_ = true;
  journal_written_ = write_failed_ = false;
  journal_.clear();
  created_.clear();
  *out = std::make_unique<SessionLock>(this, std::move(held));
  return Status::OK();
}

Status Store::Intend(const std::vector<std::string>& rels, std::string_view step) const {
  if (!locked_) return Status::OK();
  bool added = false;
  for (const std::string& rel : rels) {
    std::string line = fmt::format("{} {}", step, rel);
    if (std::find(journal_.begin(), journal_.end(), line) != journal_.end()) continue;
    journal_.push_back(std::move(line));
    added = true;
  }
  if (!added) return Status::OK();
  // Written whole (the atomic-write path) before any file it names.
  Status s = disk_->WriteFileAtomic(Abs(JournalPath()), WriteJournal(journal_));
  // A failure may still have put it in place (its folder's fsync failed).
  journal_written_ = true;
  if (!s.ok()) write_failed_ = true;
  return s;
}

Status Store::Journal(const std::string& rel) const {
  return Intend({rel});
}

void Store::EndSession() const {
  if (!locked_) return;
  locked_ = false;
  if (!journal_written_) return;
  // Roll back what the session left unfinished; the journal stays for the
  // next command if that fails too.
  RecoveryMode mode;
  mode.interrupted = false;
  mode.sweep = write_failed_;
  mode.created = std::move(created_);
  Status s = RecoverFiles(*this, journal_, mode, nullptr);
  if (s.ok()) disk_->RemoveFile(Abs(JournalPath()));
  journal_.clear();
  created_.clear();
  journal_written_ = write_failed_ = false;
}

Status Store::ReadFile(const std::string& rel, std::string* out) const {
  return disk_->ReadFile(Abs(rel), out);
}

Status Store::WriteFile(const std::string& rel, std::string_view data) const {
  SVC_RETURN_IF_ERROR(Journal(rel));
  Status s = disk_->MakeDirs(Abs(Dirname(rel)));
  if (s.ok()) s = disk_->WriteFileAtomic(Abs(rel), data);
  if (!s.ok()) write_failed_ = true;
  return s;
}

Status Store::CreateFile(const std::string& rel, std::string_view data) const {
  SVC_RETURN_IF_ERROR(Journal(rel));
  Status s = disk_->MakeDirs(Abs(Dirname(rel)));
  if (s.ok()) s = disk_->CreateFile(Abs(rel), data);
  if (s.code() != Status::Code::kConflict) created_.insert(rel);  // made, or maybe partly
  if (!s.ok() && s.code() != Status::Code::kConflict) write_failed_ = true;
  return s;
}

Status Store::RemoveFile(const std::string& rel) const {
  SVC_RETURN_IF_ERROR(Journal(rel));
  Status s = disk_->RemoveFile(Abs(rel));
  if (!s.ok()) write_failed_ = true;
  return s;
}

Status Store::TakenSequences(std::string_view kind, const std::string& code, int year, int month,
                             std::vector<int>* out) const {
  out->clear();
  std::vector<std::string> names;
  bool exists = false;
  SVC_RETURN_IF_ERROR(disk_->ListDir(Abs(MonthFolder(kind, year, month)), &names, &exists));
  for (const std::string& name : names) {
    DocNumber n;
    if (!ParseRecordFileName(name, &n)) continue;
    if (n.code == code && n.year == year && n.month == month) out->push_back(n.seq);
  }
  return Status::OK();
}

Status Store::ForEachFile(const std::function<Status(const Entry&)>& fn,
                          std::string_view kind_folder) const {
  const std::string kind(kind_folder);
  std::vector<std::string> years, months, files;
  bool exists = false;
  // Anything but YYYY/MM/*.toml (hidden files aside) is a stray the caller may report.
  auto stray = [&](const std::string& rel) {
    Entry e;
    e.rel = rel;
    e.stray = true;
    return fn(e);
  };
  SVC_RETURN_IF_ERROR(disk_->ListDir(Abs(kind), &years, &exists));
  std::sort(years.begin(), years.end());
  for (const std::string& y : years) {
    if (IsHiddenName(y)) continue;
    std::string year = JoinPath(kind, y);
    if (!IsYearFolderName(y) || !disk_->IsDir(Abs(year))) {
      SVC_RETURN_IF_ERROR(stray(year));
      continue;
    }
    SVC_RETURN_IF_ERROR(disk_->ListDir(Abs(year), &months, &exists));
    std::sort(months.begin(), months.end());
    for (const std::string& m : months) {
      if (IsHiddenName(m)) continue;
      std::string dir = JoinPath(year, m);
      if (!IsMonthFolderName(m) || !disk_->IsDir(Abs(dir))) {
        SVC_RETURN_IF_ERROR(stray(dir));
        continue;
      }
      SVC_RETURN_IF_ERROR(disk_->ListDir(Abs(dir), &files, &exists));
      std::vector<Entry> entries;
      for (const std::string& f : files) {
        if (IsHiddenName(f)) continue;  // e.g. a temporary file being written
        Entry e;
        e.rel = JoinPath(dir, f);
        e.stray = !IsRecordFileName(f);
        e.numbered = !e.stray && ParseRecordFileName(f, &e.number);
        entries.push_back(std::move(e));
      }
      std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        if (a.numbered != b.numbered) return a.numbered;
        if (a.numbered && !(a.number == b.number)) return NumberLess(a.number, b.number);
        return a.rel < b.rel;
      });
      for (const Entry& e : entries) SVC_RETURN_IF_ERROR(fn(e));
    }
  }
  return Status::OK();
}

Status Store::LoadFile(const Entry& entry, Ticket* out) const {
  std::string text;
  std::string path = Abs(entry.rel);
  SVC_RETURN_IF_ERROR(disk_->ReadFile(path, &text));
  return ReadTicket(text, path, out);
}

}  // namespace svc
