// Git: the records directory's distributed engine. svc runs the `git`
// program (never a library) for the few things it needs: registering the
// merge driver, committing what a command wrote, reading a file's history,
// and sync. Every call names its working folder; nothing here reads the clock.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "base/timepoint.h"

namespace svc {

// Runs `git -C dir args...`; *out gets standard output. IOError with git's
// first line of standard error when it exits non-zero (or cannot start).
Status RunGit(const std::string& dir, const std::vector<std::string>& args, std::string* out,
              int* exit_code = nullptr);

// True when `dir` is inside a git work tree.
bool InGitWorkTree(const std::string& dir);

// Registers the merge driver in the clone's config (git config is per clone)
// and makes sure .gitattributes routes ticket files to it. `svc` is the
// command git runs (the path of this binary).
Status GitSetup(const std::string& root, const std::string& svc);

// Commits exactly `files` (paths relative to `root`, including removed ones)
// with `message`, authored by `actor`. During a merge git allows no partial
// commit: the files are staged for the merge commit and *staged_only is set.
Status GitCommit(const std::string& root, const std::vector<std::string>& files,
                 const std::string& message, const std::string& actor, bool* staged_only);

// One commit that touched a file.
struct GitCommitInfo {
  std::string hash, author;
  std::vector<std::string> parents;  // as git simplifies the file's history
  Time when;
  std::string subject;
};
// The commits that touched `path` (relative to root), parents before
// children, with the file's text at each (empty when the commit removed it).
Status GitFileHistory(const std::string& root, const std::string& path,
                      std::vector<GitCommitInfo>* commits, std::vector<std::string>* texts);

}  // namespace svc
