// Paths: the one place that names the files of a records directory (after
// leveldb's db/filename.h), and parses them back. Every path here is
// relative to the records directory's root; InRoot puts the root in front.
//
//   svc.toml                              the company's configuration
//   parts.toml                            the spare-parts price list (optional)
//   tickets/YYYY/MM/CODE-yy-mm-NN.toml    one ticket per file, month of receipt
//   tickets/YYYY/MM/CODE-yy-mm-NN.dupN.toml  a ticket a merge set aside (renumber)
//   outbound/YYYY/MM/CODE-yy-mm-NN.toml   the outbound records' registry
//   <kind's folder>/...                   records of the other kinds (RecordPath)
//   templates/FORM.FORMAT.mustache        a company's own print templates
//   allowed_signers                       the keys that may sign commits ([audit] signed)
//   .gitignore, .gitattributes            the git settings svc needs
//   .svc/lock, .svc/index                 local state, ignored by git
//   .svc/journal                          the intent journal of a command writing (recovery.h)
//
// Names are pure functions of their arguments; nothing here touches a disk.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "model/number.h"
#include "model/record.h"

namespace svc {

// The registries of numbered files: a folder of YYYY/MM folders each.
inline constexpr std::string_view kTicketsFolder = "tickets";
inline constexpr std::string_view kOutboundFolder = "outbound";

std::string ConfigPath();          // "svc.toml"
std::string PriceListPath();       // "parts.toml"
std::string GitIgnorePath();       // ".gitignore"
std::string GitAttributesPath();   // ".gitattributes"
std::string AllowedSignersPath();  // "allowed_signers"
std::string LocalFolder();         // ".svc"
std::string LockPath();            // ".svc/lock"
std::string IndexPath();           // ".svc/index"
std::string JournalPath();         // ".svc/journal"

// "tickets/2026/11/YX-26-11-01.toml"
std::string TicketPath(const DocNumber& id);
// "tickets/2026/11/YX-26-11-01.dup.toml" (n = 1), "....dup2.toml" (n = 2), ...
std::string DuplicatePath(const DocNumber& id, int n);
// The same below another folder of monthly numbers: a registry entry
// ("outbound/2026/11/RK-26-11-02.dup.toml") or a record of a monthly kind
// ("nonconformities/2026/11/NC-26-11-01.dup.toml") a merge set aside.
std::string DuplicatePathIn(std::string_view folder, const DocNumber& id, int n);
// Whether `path` names such a file (".dup.toml", ".dup2.toml", ...).
bool IsDuplicatePath(std::string_view path);
// "outbound/2026/11/SC-26-11-01.toml"
std::string OutboundPath(const DocNumber& number);
// "tickets/2026/11": the month's folder of registry `folder` (kTicketsFolder, kOutboundFolder).
std::string MonthFolder(std::string_view folder, int year, int month);
// "templates/info.md.mustache" for "info.md".
std::string TemplatePath(std::string_view form_and_format);
// `rel` prefixed with the root (`rel` itself when the root is ".").
std::string InRoot(const std::string& root, std::string_view rel);

// Records of any kind (model/record.h), by their kind's numbering:
// "tickets/2026/11/YX-26-11-01.toml" (monthly), "customers/K0001.toml"
// (serial), "plans/2026.toml" (yearly). InvalidArgument if `id` is not a
// number of the kind.
Status RecordPath(const RecordKind& kind, std::string_view id, std::string* rel);
// "customers/K0001.toml": the file `name` in the folder of a kind whose
// records lie in one folder (serial and yearly numbering).
std::string KindFile(const RecordKind& kind, std::string_view name);
// "K0001.toml" of a serial kind: true with its number; false for any other name.
bool ParseSerialFileName(const RecordKind& kind, std::string_view name, SerialNumber* out);
// The kind whose folder holds `path` (relative to the root, or as git names
// it: "records/customers/K0001.toml"), with the records directory in *root;
// null if the path is in no kind's folder.
const RecordKind* KindOfPath(const std::string& path, std::string* root);

// Parsing a scan's names back.
// "2026": a year's folder.
bool IsYearFolderName(std::string_view name);
// "11": a month's folder.
bool IsMonthFolderName(std::string_view name);
// A dot file: hidden from scans (temporary files of a write in progress).
bool IsHiddenName(std::string_view name);
// ".<name>.tmp…": the temporary file of an atomic write (disk.h) of <name>,
// whatever follows ".tmp" (a process id, a counter, random letters).
bool IsTemporaryName(std::string_view name);
// The process id that follows ".tmp" in a temporary file's name
// (".<name>.tmp<PID>" or ".<name>.tmp<PID>.<N>", disk.cc); 0 if none.
int TemporaryWriter(std::string_view name);
// "tickets/2026/11", "outbound/2026/11": a month's folder of the registry
// or of a kind numbered by month.
bool IsMonthFolderPath(std::string_view rel);
// "*.toml": a record file (else a stray in a month folder).
bool IsRecordFileName(std::string_view name);
// "YX-26-11-01.toml": true with its number; false for any other name.
bool ParseRecordFileName(std::string_view name, DocNumber* out);
// A file of the month folder holding `id`: "<id>.toml" or "<id>.<anything>.toml".
bool HoldsNumber(std::string_view name, const DocNumber& id);

}  // namespace svc
