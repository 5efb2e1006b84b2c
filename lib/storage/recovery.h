// Recovery: what a command interrupted at any point (kill -9, a power cut, a
// full disk) leaves behind, and putting it right — SQLite's and leveldb's
// way: an intent journal names the files a command is about to write, and
// the next command to take the store lock reads it and completes or rolls
// back what it names, without looking at anything else.
//
// The journal (.svc/journal, docs/FORMAT.md) is written by the Store before
// the first write of a locked session, naming every file the session writes,
// and removed when the lock is released. For each file it names, recovery:
//
//   - removes the temporary files of atomic writes (".<name>.tmp…",
//     IsTemporaryName) left in the file's folder — and in .svc, where an
//     index rewrite's (.svc/.index.tmp<PID>…, made by a reader without the
//     lock) is removed once no process <PID> runs (Disk::Running);
//   - keeps an outbound registry entry whose ticket did not file it as an
//     abandoned number (`abandoned = true`, numbers run without a
//     gap and are never reused) — or, rolling back a command that failed
//     under the same lock (nothing outside it saw the number), removes it;
//   - removes the file's month folder, and its year folder, when empty;
//   - completes an interrupted `svc renumber` once its new file exists (the
//     number's other holders it moved are removed, the registry entries of
//     its outbound records follow it).
//
// RepairStore does the same for a whole records directory (`svc check
// --repair`), for leftovers of any age, journal or not; FindLeftovers lists
// them for `svc check`.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "base/status.h"

namespace svc {

class Store;

// What a repair did, one line for people ("removed the temporary file …").
using RecoveryReport = std::function<void(const std::string&)>;

// How RecoverFiles treats what it finds.
struct RecoveryMode {
  // An interrupted command (true): an unfiled registry entry is kept as
  // abandoned. The same session's failure (false): an unfiled entry the
  // session created (`created`) is removed, and any other left as it was.
  bool interrupted = true;
  std::set<std::string> created;
  // Temporary files and empty folders are looked for (a listing of each
  // named file's folder).
  bool sweep = true;
};

// Completes or rolls back what the journal's `lines` name ("write REL":
// the file REL, relative to the root; "renumber FROM TO": `svc renumber`
// completed once TO's file exists). REQUIRES: the store lock is held (no
// journal is written for these repairs).
Status RecoverFiles(const Store& store, const std::vector<std::string>& lines,
                    const RecoveryMode& mode, const RecoveryReport& report);

// Removes the temporary files left in .svc: a journal's own write's
// (.svc/.journal.tmp…, written only under the lock), and an index rewrite's
// (.svc/.index.tmp<PID>…) whose writer no longer runs — a reader rewrites
// the index without the lock, so a running one's file is its own. (.svc
// holds three files: the listing is cheap.)
Status SweepLocalTemporaries(const Store& store, const RecoveryReport& report);

// The journal's text for `lines`, and the lines of a journal's text (a line
// cut short by a crash, or not svc's, is not one).
std::string WriteJournal(const std::vector<std::string>& lines);
std::vector<std::string> ParseJournal(std::string_view text);

// Something an interrupted command left, found by a walk of the records.
struct Leftover {
  enum class Kind { kTemporaryFile, kEmptyFolder, kJournal };
  Kind kind;
  std::string rel;  // relative to the root
};
// Every temporary file of svc's naming in the records' folders (the root,
// .svc, the registries' year and month folders, every kind's folder) — an
// index rewrite's only once its writer no longer runs — every empty year or
// month folder, and an intent journal. Reads only.
Status FindLeftovers(const Store& store, const std::function<void(const Leftover&)>& found);
// What `svc check` says of a leftover (it does not report empty folders).
std::string DescribeLeftover(const Leftover& l);

// `svc check --repair`: takes the store lock (which recovers the journal),
// then removes every leftover FindLeftovers finds and keeps every outbound
// registry entry whose ticket exists and did not file it as abandoned.
// Each repair is reported.
Status RepairStore(const Store& store, const RecoveryReport& report);

}  // namespace svc
