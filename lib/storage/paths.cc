#include "storage/paths.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "base/i18n.h"
#include "storage/disk.h"

namespace svc {
namespace {

constexpr std::string_view kRecordExtension = ".toml";

bool AllDigits(std::string_view s, size_t n) {
  return s.size() == n &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string ConfigPath() {
  return "svc.toml";
}
std::string PriceListPath() {
  return "parts.toml";
}
std::string GitIgnorePath() {
  return ".gitignore";
}
std::string GitAttributesPath() {
  return ".gitattributes";
}
std::string AllowedSignersPath() {
  return "allowed_signers";
}
std::string LocalFolder() {
  return ".svc";
}
std::string LockPath() {
  return ".svc/lock";
}
std::string IndexPath() {
  return ".svc/index";
}
std::string JournalPath() {
  return ".svc/journal";
}

std::string TicketPath(const DocNumber& id) {
  return fmt::format("{}/{}/{}{}", kTicketsFolder, id.MonthPath(), id.str(), kRecordExtension);
}

std::string DuplicatePath(const DocNumber& id, int n) {
  return DuplicatePathIn(kTicketsFolder, id, n);
}

std::string DuplicatePathIn(std::string_view folder, const DocNumber& id, int n) {
  return fmt::format("{}/{}/{}.dup{}{}", folder, id.MonthPath(), id.str(),
                     n == 1 ? "" : std::to_string(n), kRecordExtension);
}

bool IsDuplicatePath(std::string_view path) {
  std::string_view name =
      path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1);
  size_t dup = name.find(".dup");
  if (dup == std::string_view::npos || !name.ends_with(kRecordExtension)) return false;
  std::string_view n = name.substr(dup + 4, name.size() - dup - 4 - kRecordExtension.size());
  return std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string OutboundPath(const DocNumber& number) {
  return fmt::format("{}/{}/{}{}", kOutboundFolder, number.MonthPath(), number.str(),
                     kRecordExtension);
}

std::string MonthFolder(std::string_view folder, int year, int month) {
  return fmt::format("{}/{:04}/{:02}", folder, year, month);
}

std::string TemplatePath(std::string_view form_and_format) {
  return fmt::format("templates/{}.mustache", form_and_format);
}

std::string InRoot(const std::string& root, std::string_view rel) {
  return root == "." ? std::string(rel) : JoinPath(root, rel);
}

bool IsYearFolderName(std::string_view name) {
  return AllDigits(name, 4);
}
bool IsMonthFolderName(std::string_view name) {
  return AllDigits(name, 2);
}
bool IsHiddenName(std::string_view name) {
  return !name.empty() && name[0] == '.';
}

bool IsTemporaryName(std::string_view name) {
  return name.size() > 5 && name[0] == '.' && name.find(".tmp", 2) != std::string_view::npos;
}

int TemporaryWriter(std::string_view name) {
  size_t at = name.rfind(".tmp");
  if (!IsTemporaryName(name) || at == std::string_view::npos) return 0;
  int pid = 0;
  for (char c : name.substr(at + 4)) {
    if (c == '.') break;
    if (c < '0' || c > '9' || pid > 100'000'000) return 0;
    pid = pid * 10 + (c - '0');
  }
  return pid;
}

bool IsMonthFolderPath(std::string_view rel) {
  std::vector<std::string_view> steps;
  for (size_t pos = 0;;) {
    size_t slash = rel.find('/', pos);
    steps.push_back(rel.substr(pos, slash == std::string_view::npos ? slash : slash - pos));
    if (slash == std::string_view::npos) break;
    pos = slash + 1;
  }
  if (steps.size() != 3 || !IsYearFolderName(steps[1]) || !IsMonthFolderName(steps[2]))
    return false;
  if (steps[0] == kTicketsFolder || steps[0] == kOutboundFolder) return true;
  for (const RecordKind* kind : AllKinds()) {
    if (kind->numbering == Numbering::kMonthly && steps[0] == kind->folder) return true;
  }
  return false;
}

bool IsRecordFileName(std::string_view name) {
  return name.ends_with(kRecordExtension);
}

bool ParseRecordFileName(std::string_view name, DocNumber* out) {
  return IsRecordFileName(name) &&
         ParseDocNumber(name.substr(0, name.size() - kRecordExtension.size()), out).ok();
}

bool HoldsNumber(std::string_view name, const DocNumber& id) {
  std::string stem = id.str() + ".";
  return name.starts_with(stem) && name.ends_with(kRecordExtension);
}

std::string KindFile(const RecordKind& kind, std::string_view name) {
  return fmt::format("{}/{}", kind.folder, name);
}

bool ParseSerialFileName(const RecordKind& kind, std::string_view name, SerialNumber* out) {
  return IsRecordFileName(name) &&
         ParseSerialNumber(kind.prefix, kind.width,
                           name.substr(0, name.size() - kRecordExtension.size()), out)
             .ok();
}

Status RecordPath(const RecordKind& kind, std::string_view id, std::string* rel) {
  switch (kind.numbering) {
    case Numbering::kMonthly: {
      DocNumber n;
      SVC_RETURN_IF_ERROR(ParseDocNumber(id, &n));
      *rel = fmt::format("{}/{}/{}{}", kind.folder, n.MonthPath(), n.str(), kRecordExtension);
      return Status::OK();
    }
    case Numbering::kSerial: {
      SerialNumber n;
      SVC_RETURN_IF_ERROR(ParseSerialNumber(kind.prefix, kind.width, id, &n));
      *rel = KindFile(kind, n.str() + std::string(kRecordExtension));
      return Status::OK();
    }
    case Numbering::kYearly: {
      if (!(IsYearFolderName(id) && id >= "2000" && id <= "2099")) {
        return Status::InvalidArgument(TrF("'{}' is not a year from 2000 to 2099", id));
      }
      *rel = KindFile(kind, std::string(id) + std::string(kRecordExtension));
      return Status::OK();
    }
  }
  return Status::InvalidArgument(_("unknown numbering"));
}

const RecordKind* KindOfPath(const std::string& path, std::string* root) {
  for (const RecordKind* kind : AllKinds()) {
    std::string folder = std::string(kind->folder) + "/";
    size_t at = path.starts_with(folder) ? 0 : path.rfind("/" + folder);
    if (at == std::string::npos) continue;
    if (root) *root = at == 0 ? "." : path.substr(0, at);
    return kind;
  }
  return nullptr;
}

}  // namespace svc
