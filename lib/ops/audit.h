// Audit: has anything in the records been changed other than by appending to
// them? (issue 15; PRODUCT.md "Audit through git"). The records' history is
// their git history: Audit walks it — every commit that touched the records,
// a merge against each of its parents — and judges each commit's change of
// each record file by the record model's one rule (model/record.h): the
// header is filed once, the history only grows.
//
// The rules, each a finding with its commit, file and rule name:
//   event-removed      an event of a parent's version is gone
//   event-changed      an event of a parent's version was edited
//   form-changed       a header field (the info form, a registry entry) changed
//                      other than by `svc correct` (which appends an event) or
//                      `svc renumber` (the number, the registry's ticket)
//   file-deleted       a record file removed, or its record replaced by
//                      another, other than by `svc renumber`
//   file-renamed       a record moved to another file other than by renumber
//   number-duplicated  a number held by two records (a set-aside `.dup` file
//                      that no later commit renumbered; a number given again)
//   late-commit        an event first committed more than 72 h after its `at`
//                      (an amendment's: when it was written, its `recorded`)
//   unreadable         a record file svc cannot read in a commit
//   unsigned           with [audit] signed: a commit not signed by a key of
//                      the records' allowed_signers file as it stands at the
//                      audited head (`git verify-commit`); and a commit that
//                      changed allowed_signers without a signature by a key
//                      its parent's version allowed (the commit that first
//                      adds the file is the bootstrap, held to nothing)
// The honest changes pass: appended events, `svc correct`, `svc renumber`,
// and what the merge driver does (the union of both sides; the later of a
// step both sides recorded marked `amend = true`; a second request under one
// number set aside in a `.dup` file).
//
// Audit runs git (storage/git.h): one `git log` read as it comes and one
// `git cat-file --batch` for the files' versions, so the cost is that of
// the changes audited, never of the whole store; nothing here reads the clock.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/timepoint.h"
#include "model/ticket.h"

namespace svc {

inline constexpr int64_t kLateCommitSecs = 72 * 3600;

struct AuditCommit {
  std::string hash;
  std::vector<std::string> parents;
  std::string author;  // "Name <email>"
  Time when;           // the author's time: when the change was first committed
};

struct AuditFinding {
  const AuditCommit* commit = nullptr;
  std::string parent;   // the parent it was compared with ("" when none)
  std::string file;     // relative to the records directory
  std::string record;   // the record's number, when known
  std::string rule;     // see above
  std::string message;  // one line for people, times in the company's offset
};

struct AuditRequest {
  std::string dir;     // where git runs: a folder of the work tree, or a bare repository
  std::string prefix;  // the records directory in the repository's tree: "" or "records/"
  // What git log walks: {"HEAD"}, {"A..HEAD"}, {"NEW", "--not", "--all"}.
  std::vector<std::string> revisions;
  // Only these files (relative to the records directory); empty: every record file.
  std::vector<std::string> files;
  bool require_signed = false;
  // The allowed signers the signatures are checked against: the file in the
  // records directory of commit `signers_at` (the audited head), else the
  // file at the absolute path `allowed_signers`.
  std::string signers_at;
  std::string allowed_signers;
  int offset_minutes = 480;
};

struct AuditSummary {
  int commits = 0;  // commits that touched the records
  int files = 0;    // record files' changes judged
  int findings = 0;
};

struct AuditSink {
  std::function<void(const AuditFinding&)> finding;
  // Optional: each event the first time a commit holds it (svc log).
  std::function<void(const AuditCommit&, const std::string& file, const Event&)> added;
};

// Findings are given in commit order, parents before children; a `.dup`
// still unresolved at the end of the walk is given last.
Status Audit(const AuditRequest& request, const AuditSink& sink, AuditSummary* summary);

}  // namespace svc
