// Store: the records directory on disk (PRODUCT.md, "The records directory";
// every file's name comes from paths.h).
//
// A ticket's path follows from its number alone, so opening a ticket reads
// one file; numbering lists one month's folder. Every write holds the store
// lock (.svc/lock) and is atomic (Disk::WriteFileAtomic). Scans stream
// ticket by ticket in number order and never hold the whole store. All
// reading and writing goes through the Disk the store was opened with (the
// real one, or a MemDisk or FaultDisk in tests).
#pragma once

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "base/status.h"
#include "model/config.h"
#include "model/number.h"
#include "model/ticket.h"
#include "rules/fees.h"
#include "storage/disk.h"
#include "storage/paths.h"

namespace svc {

class Store {
 public:
  // Creates a records directory in `dir`: the default svc.toml, tickets/, and
  // the git settings svc needs (.gitignore for .svc/, .gitattributes naming
  // the merge driver), first removing what an interrupted `svc init` left
  // (its temporary files). Conflict, with nothing created, if `dir` already holds
  // svc.toml, or lies inside a records directory (a folder above it holds
  // svc.toml: records directories never nest). A relative `dir` is taken
  // from `cwd` (an absolute path; "": the folders `dir` itself names).
  static Status Init(const std::string& dir, const std::string& cwd, Disk* disk);
  static Status Init(const std::string& dir, Disk* disk) { return Init(dir, "", disk); }
  // .gitignore (.svc/) and .gitattributes (the merge driver for ticket files).
  static Status EnsureGitFiles(const std::string& dir, Disk* disk);
  // The same in this records directory, under the lock (`svc git-setup`):
  // a write interrupted there is recovered like any other.
  Status EnsureGitFiles() const;
  // The records directory to use: `flag` if given, else `env` ($SVC_RECORDS),
  // else the nearest ancestor of `cwd` holding svc.toml.
  static Status Locate(const std::string& flag, const std::string& env, const std::string& cwd,
                       Disk* disk, std::string* root);
  // Reads and validates root/svc.toml. The Store reads and writes through
  // `disk`'s Beneath(root): below the root, no symbolic link is followed.
  static Status Open(const std::string& root, Disk* disk, std::unique_ptr<Store>* out);

  const Config& config() const { return config_; }
  // svc.toml as read: caches made under another configuration are invalid.
  const std::string& config_text() const { return config_text_; }
  const std::string& root() const { return root_; }
  Disk* disk() const { return disk_; }

  // `rel` (a path from paths.h) prefixed with the root ("tickets/..." itself
  // when the root is ".").
  std::string Abs(const std::string& rel) const { return InRoot(root_, rel); }

  // NotFound if there is no such ticket; Corruption (file:line:col) if unreadable.
  Status Load(const std::string& id_text, Ticket* out, DocNumber* id = nullptr) const;
  // REQUIRES: the lock is held. Writes atomically; creates the month folder.
  Status Save(const Ticket& t) const;
  // REQUIRES: the lock is held. Like Save, but Conflict if the file exists.
  Status Create(const Ticket& t) const;
  // A record of any kind by its number (paths.h's RecordPath): NotFound if
  // there is none; Corruption (file:line) if unreadable or holding another.
  Status LoadRecord(const RecordKind& kind, const std::string& id, Record* out) const;
  // REQUIRES: the lock is held. Writes atomically in canonical form.
  Status SaveRecord(const Record& r) const;
  // REQUIRES: the lock is held. Like SaveRecord, but Conflict if it exists.
  Status CreateRecord(const Record& r) const;
  // The running numbers taken by a serial kind: its folder's file names.
  Status TakenSerials(const RecordKind& kind, std::vector<int>* out) const;

  // The spare-parts price list, parts.toml (empty if there is none).
  Status LoadPriceList(PriceList* out) const;
  // Files this Store wrote or removed (relative to the root), for --commit.
  void Touch(const std::string& rel) const { touched_.push_back(rel); }
  const std::vector<std::string>& touched() const { return touched_; }
  // The exclusive store lock; waits up to a minute for another svc. Taking
  // it first recovers what an interrupted command left (storage/recovery.h:
  // the files its intent journal names), each repair told to on_recovered.
  // While it is held, every write below names its file in the journal
  // first; releasing it removes the journal, after rolling back what a
  // failed write of the session left (silently: the command failed).
  Status Lock(std::unique_ptr<FileLock>* out) const;
  // REQUIRES: the lock is held. Names `rels` in the intent journal before
  // the first of them is written: a command writing several files (a
  // dispatch: the registry entry, then the ticket) names them all at once.
  // `step` "renumber" names "FROM TO" instead (recovery.h completes it).
  Status Intend(const std::vector<std::string>& rels, std::string_view step = "write") const;
  // Told of each repair of an interrupted command's leftovers (the front
  // end prints "svc: recovered: ...").
  void set_on_recovered(std::function<void(const std::string&)> fn) {
    on_recovered_ = std::move(fn);
  }
  void Recovered(const std::string& what) const {
    if (on_recovered_) on_recovered_(what);
  }

  // Any file of the records directory by its path relative to the root
  // (paths.h). REQUIRES for the writes: the lock is held. WriteFile writes
  // atomically and creates the file's folder; CreateFile is Conflict if the
  // file exists; RemoveFile is OK if it does not. None of them Touch.
  Status ReadFile(const std::string& rel, std::string* out) const;
  Status WriteFile(const std::string& rel, std::string_view data) const;
  Status CreateFile(const std::string& rel, std::string_view data) const;
  Status RemoveFile(const std::string& rel) const;

  // Sequence numbers of `code` taken in year/month: the file names of the
  // month's folder under `kind` (kTicketsFolder for info forms,
  // kOutboundFolder for the outbound records' registry).
  Status TakenSequences(std::string_view kind, const std::string& code, int year, int month,
                        std::vector<int>* out) const;

  // A ticket file found by a scan: its path relative to the root and, if the
  // name is a well-formed number, that number.
  struct Entry {
    std::string rel;
    bool stray = false;     // not a *.toml in a YYYY/MM folder
    bool numbered = false;  // the name is a well-formed number
    DocNumber number;
  };
  // Parses the ticket in the file a scan found (wherever it lies).
  Status LoadFile(const Entry& entry, Ticket* out) const;
  // Every *.toml below `kind`/ (kTicketsFolder or kOutboundFolder), in order
  // of year, month, code and sequence, and every stray file or folder
  // (Entry::stray). Stops early and returns the callback's error.
  Status ForEachFile(const std::function<Status(const Entry&)>& fn,
                     std::string_view kind = kTicketsFolder) const;

 private:
  Store(std::string root, std::unique_ptr<Disk> beneath, Disk* disk, Config config,
        std::string config_text)
      : root_(std::move(root)),
        beneath_(std::move(beneath)),
        disk_(disk),
        config_(std::move(config)),
        config_text_(std::move(config_text)) {}
  std::string root_;
  std::unique_ptr<Disk> beneath_;  // the disk at the root, if it has links to refuse
  Disk* disk_;                     // beneath_, or the disk the store was opened with
  Config config_;
  std::string config_text_;
  mutable std::vector<std::string> touched_;
  std::function<void(const std::string&)> on_recovered_;
  // The locked session (Lock until its release).
  class SessionLock;
  void EndSession() const;
  Status Journal(const std::string& rel) const;
  mutable bool locked_ = false;
  mutable bool journal_written_ = false;
  mutable bool write_failed_ = false;
  mutable std::vector<std::string> journal_;  // the journal's lines ("write REL", ...)
  mutable std::set<std::string> created_;     // files CreateFile made in the session
};

}  // namespace svc
