// Store: the records directory on disk (PRODUCT.md, "The records directory").
//
//   svc.toml                            the company's configuration
//   tickets/YYYY/MM/CODE-yy-mm-NN.toml  one ticket per file (month of receipt)
//   .svc/                               local state, ignored by git (lock, caches)
//
// A ticket's path follows from its number alone, so opening a ticket reads
// one file; numbering lists one month's folder. Every write holds the store
// lock (.svc/lock) and is atomic. Scans stream ticket by ticket in number
// order and never hold the whole store.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "model/config.h"
#include "model/number.h"
#include "model/ticket.h"
#include "rules/fees.h"
#include "storage/disk.h"

namespace svc {

class Store {
 public:
  // Creates a records directory in `dir`: the default svc.toml, tickets/, and
  // the git settings svc needs (.gitignore for .svc/, .gitattributes naming
  // the merge driver). Conflict if `dir` already holds svc.toml.
  static Status Init(const std::string& dir, Disk* disk);
  // .gitignore (.svc/) and .gitattributes (the merge driver for ticket files).
  static Status EnsureGitFiles(const std::string& dir, Disk* disk);
  // The records directory to use: `flag` if given, else `env` ($SVC_RECORDS),
  // else the nearest ancestor of `cwd` holding svc.toml.
  static Status Locate(const std::string& flag, const std::string& env, const std::string& cwd,
                       Disk* disk, std::string* root);
  // Reads and validates root/svc.toml.
  static Status Open(const std::string& root, Disk* disk, std::unique_ptr<Store>* out);

  const Config& config() const { return config_; }
  // svc.toml as read: caches made under another configuration are invalid.
  const std::string& config_text() const { return config_text_; }
  const std::string& root() const { return root_; }
  Disk* disk() const { return disk_; }

  // "tickets/2026/11/YX-26-11-01.toml", relative to the root.
  static std::string TicketPath(const DocNumber& id);
  // `rel` prefixed with the root ("tickets/..." itself when the root is ".").
  std::string Abs(const std::string& rel) const {
    return root_ == "." ? rel : JoinPath(root_, rel);
  }

  // NotFound if there is no such ticket; Corruption (file:line:col) if unreadable.
  Status Load(const std::string& id_text, Ticket* out, DocNumber* id = nullptr) const;
  // REQUIRES: the lock is held. Writes atomically; creates the month folder.
  Status Save(const Ticket& t) const;
  // REQUIRES: the lock is held. Like Save, but Conflict if the file exists.
  Status Create(const Ticket& t) const;
  // The spare-parts price list, parts.toml (empty if there is none).
  Status LoadPriceList(PriceList* out) const;
  // Files this Store wrote or removed (relative to the root), for --commit.
  void Touch(const std::string& rel) const { touched_.push_back(rel); }
  const std::vector<std::string>& touched() const { return touched_; }
  // The exclusive store lock; waits up to a minute for another svc.
  Status Lock(std::unique_ptr<FileLock>* out) const;

  // Sequence numbers of `code` taken in year/month: the file names of the
  // month's folder under `kind` ("tickets" for info forms, "outbound" for the
  // outbound records' registry).
  Status TakenSequences(const std::string& kind, const std::string& code, int year, int month,
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
  // Every *.toml below `kind`/ ("tickets" or "outbound"), in order of year,
  // month, code and sequence, and every stray file or folder (Entry::stray).
  // Stops early and returns the callback's error.
  Status ForEachFile(const std::function<Status(const Entry&)>& fn,
                     const std::string& kind = "tickets") const;

 private:
  Store(std::string root, Disk* disk, Config config, std::string config_text)
      : root_(std::move(root)),
        disk_(disk),
        config_(std::move(config)),
        config_text_(std::move(config_text)) {}
  std::string root_;
  Disk* disk_;
  Config config_;
  std::string config_text_;
  mutable std::vector<std::string> touched_;
};

}  // namespace svc
