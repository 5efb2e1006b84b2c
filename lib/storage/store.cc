#include "storage/store.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "base/text.h"
#include "format/config_toml.h"
#include "format/fast_reader.h"
#include "format/ticket_toml.h"

namespace svc {
namespace {

constexpr int kLockTimeoutMs = 60'000;

bool AllDigits(std::string_view s, size_t n) {
  return s.size() == n &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string Parent(const std::string& dir) {
  size_t slash = dir.find_last_of('/');
  if (slash == std::string::npos || dir == "/") return "";
  return slash == 0 ? "/" : dir.substr(0, slash);
}

}  // namespace

Status Store::Locate(const std::string& flag, const std::string& env, const std::string& cwd,
                     Disk* disk, std::string* root) {
  if (!flag.empty() || !env.empty()) {
    std::string dir = !flag.empty() ? flag : env;
    std::string origin = !flag.empty() ? "--records" : "SVC_RECORDS";
    if (!disk->Exists(JoinPath(dir, "svc.toml"))) {
      return Status::NotFound(fmt::format(
          "{} is not a records directory: it has no svc.toml ({} {}; create one with 'svc init "
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
    if (disk->Exists(JoinPath(dir, "svc.toml"))) {
      *root = up;
      return Status::OK();
    }
    if (dir == "/") break;
    up = up == "." ? ".." : up + "/..";
  }
  return Status::NotFound(fmt::format(
      "no records directory: no svc.toml in {} or any folder above it (use --records DIR, set "
      "SVC_RECORDS, or create one with 'svc init DIR')",
      cwd));
}

// Appends `line` to the file at `path` unless it already has it.
Status EnsureLine(Disk* disk, const std::string& path, std::string_view line) {
  std::string text;
  Status s = disk->ReadFile(path, &text);
  if (!s.ok() && s.code() != Status::Code::kNotFound) return s;
  for (std::string_view l : Split(text, '\n')) {
    if (l == line) return Status::OK();
  }
  if (!text.empty() && text.back() != '\n') text += '\n';
  text += line;
  text += '\n';
  return disk->WriteFileAtomic(path, text);
}

Status Store::EnsureGitFiles(const std::string& dir, Disk* disk) {
  SVC_RETURN_IF_ERROR(EnsureLine(disk, JoinPath(dir, ".gitignore"), ".svc/"));
  return EnsureLine(disk, JoinPath(dir, ".gitattributes"), "tickets/**/*.toml merge=svc");
}

Status Store::Init(const std::string& dir, Disk* disk) {
  std::string config = JoinPath(dir, "svc.toml");
  if (disk->Exists(config)) {
    return Status::Conflict(fmt::format(
        "{} is already a records directory (it has svc.toml); nothing was changed", dir));
  }
  SVC_RETURN_IF_ERROR(disk->MakeDirs(JoinPath(dir, "tickets")));
  SVC_RETURN_IF_ERROR(EnsureGitFiles(dir, disk));
  // svc.toml last: until it exists, the folder is not a records directory.
  return disk->CreateFile(config, DefaultConfigText());
}

Status Store::Open(const std::string& root, Disk* disk, std::unique_ptr<Store>* out) {
  std::string text;
  std::string path = JoinPath(root, "svc.toml");
  SVC_RETURN_IF_ERROR(disk->ReadFile(path, &text));
  Config config;
  SVC_RETURN_IF_ERROR(ParseConfig(text, path, &config));
  out->reset(new Store(root, disk, std::move(config), std::move(text)));
  return Status::OK();
}

std::string Store::TicketPath(const DocNumber& id) {
  return fmt::format("tickets/{}/{}.toml", id.MonthPath(), id.str());
}

Status Store::Load(const std::string& id_text, Ticket* out, DocNumber* id_out) const {
  DocNumber id;
  SVC_RETURN_IF_ERROR(ParseDocNumber(id_text, &id));
  std::string rel = TicketPath(id);
  std::string text;
  Status s = disk_->ReadFile(Abs(rel), &text);
  if (s.code() == Status::Code::kNotFound) {
    return Status::NotFound(fmt::format("no ticket {} (no file {})", id_text, rel));
  }
  SVC_RETURN_IF_ERROR(s);
  SVC_RETURN_IF_ERROR(ReadTicket(text, Abs(rel), out));
  if (out->id != id_text) {
    return Status::Corruption(
        fmt::format("{}:1: the file holds ticket '{}', not {}", Abs(rel), out->id, id_text));
  }
  if (id_out) *id_out = id;
  return Status::OK();
}

Status Store::Save(const Ticket& t) const {
  DocNumber id;
  SVC_RETURN_IF_ERROR(ParseDocNumber(t.id, &id));
  std::string rel = TicketPath(id);
  SVC_RETURN_IF_ERROR(disk_->MakeDirs(Abs(fmt::format("tickets/{}", id.MonthPath()))));
  SVC_RETURN_IF_ERROR(disk_->WriteFileAtomic(Abs(rel), WriteTicket(t)));
  Touch(rel);
  return Status::OK();
}

Status Store::Create(const Ticket& t) const {
  DocNumber id;
  SVC_RETURN_IF_ERROR(ParseDocNumber(t.id, &id));
  if (disk_->Exists(Abs(TicketPath(id)))) {
    return Status::Conflict(fmt::format("ticket {} already exists", t.id));
  }
  return Save(t);
}

Status Store::LoadPriceList(PriceList* out) const {
  std::string text;
  std::string path = Abs("parts.toml");
  Status s = disk_->ReadFile(path, &text);
  if (s.code() == Status::Code::kNotFound) {
    *out = PriceList{};
    return Status::OK();
  }
  SVC_RETURN_IF_ERROR(s);
  return ParsePriceList(text, path, out);
}

Status Store::Lock(std::unique_ptr<FileLock>* out) const {
  SVC_RETURN_IF_ERROR(disk_->MakeDirs(Abs(".svc")));
  return disk_->Lock(Abs(".svc/lock"), kLockTimeoutMs, out);
}

Status Store::TakenSequences(const std::string& kind, const std::string& code, int year, int month,
                             std::vector<int>* out) const {
  out->clear();
  std::vector<std::string> names;
  bool exists = false;
  SVC_RETURN_IF_ERROR(
      disk_->ListDir(Abs(fmt::format("{}/{:04}/{:02}", kind, year, month)), &names, &exists));
  for (const std::string& name : names) {
    if (name.size() < 5 || name.compare(name.size() - 5, 5, ".toml") != 0) continue;
    DocNumber n;
    if (!ParseDocNumber(name.substr(0, name.size() - 5), &n).ok()) continue;
    if (n.code == code && n.year == year && n.month == month) out->push_back(n.seq);
  }
  return Status::OK();
}

Status Store::ForEachFile(const std::function<Status(const Entry&)>& fn,
                          const std::string& kind) const {
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
    if (y[0] == '.') continue;
    if (!AllDigits(y, 4) || !disk_->IsDir(Abs(kind + "/" + y))) {
      SVC_RETURN_IF_ERROR(stray(kind + "/" + y));
      continue;
    }
    SVC_RETURN_IF_ERROR(disk_->ListDir(Abs(kind + "/" + y), &months, &exists));
    std::sort(months.begin(), months.end());
    for (const std::string& m : months) {
      std::string dir = fmt::format("{}/{}/{}", kind, y, m);
      if (m[0] == '.') continue;
      if (!AllDigits(m, 2) || !disk_->IsDir(Abs(dir))) {
        SVC_RETURN_IF_ERROR(stray(dir));
        continue;
      }
      SVC_RETURN_IF_ERROR(disk_->ListDir(Abs(dir), &files, &exists));
      std::vector<Entry> entries;
      for (const std::string& f : files) {
        if (f[0] == '.') continue;  // hidden, e.g. a temporary file being written
        Entry e;
        e.rel = dir + "/" + f;
        e.stray = f.size() < 5 || f.compare(f.size() - 5, 5, ".toml") != 0;
        e.numbered = !e.stray && ParseDocNumber(f.substr(0, f.size() - 5), &e.number).ok();
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
