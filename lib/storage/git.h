// Git: the records directory's distributed engine. svc runs the `git`
// program (never a library) for the few things it needs: registering the
// merge driver, committing what a command wrote, reading a file's history,
// and sync. Every call names its working folder; nothing here reads the clock.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/timepoint.h"

namespace svc {

// Runs `git -C dir args...`; *out gets standard output, *errors standard
// error. IOError with git's first error line (GitErrorLines, else its first
// line of standard error) when it exits non-zero (or cannot start); with
// `exit_code`, a non-zero exit is the caller's to judge.
Status RunGit(const std::string& dir, const std::vector<std::string>& args, std::string* out,
              int* exit_code = nullptr, std::string* errors = nullptr);

// The lines of git's output that say what went wrong, once each, in order:
// "CONFLICT …", "error: …", "fatal: …" and a push's " ! [rejected] …" and
// "remote: …" lines (a file list indented under an error is joined to it).
// Progress ("From …", "Auto-merging …"), hints and git's own advice are left
// out, and so are the merge driver's lines (GitMergeDriverLines).
std::vector<std::string> GitErrorLines(std::string_view output);
// What the merge driver said while git ran it: its "svc merge-driver: " lines
// without that prefix, once each, in order (a rebase may run it on the same
// file for several commits).
std::vector<std::string> GitMergeDriverLines(std::string_view output);

// True when `dir` is inside a git work tree.
bool InGitWorkTree(const std::string& dir);

// Registers the merge driver in the clone's config (git config is per clone)
// and makes sure .gitattributes routes ticket files to it. `svc` is the
// command git runs (the path of this binary).
Status GitSetup(const std::string& root, const std::string& svc);

// OK when git runs svc's merge driver on ticket files in this clone (the
// driver is registered in its config and .gitattributes routes the files to
// it); NotAllowed naming `svc git-setup` otherwise.
Status GitCheckMergeDriver(const std::string& root);

// A rebase or merge that stopped for a person in the clone of `root`.
struct GitUnfinished {
  enum class Kind { kNone, kRebase, kMerge } kind = Kind::kNone;
  std::vector<std::string> conflicted;  // files still in conflict, relative to root
};
Status GitFindUnfinished(const std::string& root, GitUnfinished* out);
// The exact commands that finish `u` and sync again (`sync` is the command
// that does: "svc sync", or "svc sync --merge" after a merge, which a rebase
// would replay into the same conflict), or abandon it. Never a commit of
// files still in conflict.
std::string GitFinishAdvice(const GitUnfinished& u, std::string_view sync);

// `git pull --rebase` (or `--no-rebase`). *decisions gets what the merge
// driver said (GitMergeDriverLines), *errors what git said went wrong
// (GitErrorLines); IOError when the pull did not complete.
Status GitPull(const std::string& root, bool rebase, std::vector<std::string>* decisions,
               std::vector<std::string>* errors);
// `git push`; *errors as for GitPull; IOError when it did not push.
Status GitPush(const std::string& root, std::vector<std::string>* errors);

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
