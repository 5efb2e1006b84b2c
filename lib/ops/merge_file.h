// Merge file: git's merge driver, `svc merge-driver %O %A %B %P` (registered
// by `svc init` / `svc git-setup`), for one record file both clones changed.
//
// The kind of record is the folder %P lies in (paths.h, KindOfPath). A
// ticket merges by MergeTickets (rules/merge.h); two requests given one
// number in two clones keep the older receipt under it and set the newer
// aside in a .dup file for `svc renumber`. Every other kind merges by
// MergeRecords with its fold (ReplayRecord), written back in canonical form
// (format/record_toml.h); two versions with different headers are left to
// git. A merged history that does not replay keeps every event of both
// sides in %A for a person to correct. Whatever svc cannot merge — a path in
// no kind's folder, a version it cannot read, one side empty — falls back to
// git's textual merge (conflict markers), which the caller runs
// (storage/git.h) when the outcome asks for it. Every file is read and
// written through the Disk; nothing here prints or runs git.
#pragma once

#include <string>
#include <vector>

#include "model/config.h"
#include "model/record.h"
#include "storage/disk.h"

namespace svc {

// What git hands the driver.
struct MergeFileRequest {
  std::string base, ours, theirs;  // %O %A %B: the three versions; the result goes to `ours`
  std::string path;                // %P: the file's path in the work tree
};

struct MergeFileOutcome {
  int exit_code = 0;               // for git: 0 merged, 1 a conflict left for a person
  bool textual = false;            // git's textual merge must be run on the three versions
  std::string why;                 // when textual: the reason, for people
  std::vector<std::string> notes;  // what the merge decided, for people (in order, before
                                   // `why`), one line each
};

// The merge of the three versions of the file at `r.path`. Never fails: what
// svc cannot merge is a textual merge in the outcome, with its reason.
MergeFileOutcome MergeFile(Disk* disk, const MergeFileRequest& r);

// The merge of a record of any kind without a merge of its own (MergeFile
// calls it for every kind but tickets): MergeRecords with ReplayRecord under
// `config`. Public so it can be tested on the ticket kind.
void MergeRecordFile(Disk* disk, const MergeFileRequest& r, const RecordKind& kind,
                     const Config& config, MergeFileOutcome* out);

}  // namespace svc
