// Git: the records directory's distributed engine. svc runs the `git`
// program (never a library) for the few things it needs: registering the
// merge driver, committing what a command wrote, reading a file's history,
// and sync. Every call names its working folder; nothing here reads the clock.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/timepoint.h"

namespace svc {

class Disk;

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

// In the bare repository `dir` the clones push to: installs the pre-receive
// hook that runs `<svc> pre-receive --prefix <prefix>` (ops/receive.h), and
// sets receive.denyNonFastForwards and receive.denyDeletes. NotAllowed when
// `dir` is not a bare repository, or holds a pre-receive hook of its own
// (which svc does not replace). *hook gets the hook's path.
Status GitSetupServer(const std::string& dir, const std::string& svc, const std::string& prefix,
                      std::string* hook);

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

// A git command whose standard output is read as it comes, in the
// NUL-separated tokens of its -z output: a scan of a long history holds one
// token at a time, never the whole output.
class GitStream {
 public:
  ~GitStream();
  GitStream(const GitStream&) = delete;
  GitStream& operator=(const GitStream&) = delete;
  // Runs `git -C dir args...`.
  static Status Start(const std::string& dir, const std::vector<std::string>& args,
                      std::unique_ptr<GitStream>* out);
  // The next token (without its NUL); false at the end of the output.
  bool Next(std::string* token);
  // Waits for git; IOError with git's first error line when it failed.
  Status Finish();

 private:
  GitStream() = default;
  bool Fill();
  int pid_ = -1, out_ = -1, err_ = -1;
  std::string buffer_, errors_;
  size_t pos_ = 0;
  bool eof_ = false;
  std::string what_;  // "git log", for the error
};

// `git cat-file --batch` kept running, for reading many objects of one
// repository without a process each.
class GitObjects {
 public:
  ~GitObjects();
  GitObjects(const GitObjects&) = delete;
  GitObjects& operator=(const GitObjects&) = delete;
  static Status Start(const std::string& dir, std::unique_ptr<GitObjects>* out);
  // The content of object `name` (an object id, or "REV:path"); *found is
  // false, and *text empty, when the repository has none by that name.
  Status Read(std::string_view name, std::string* text, bool* found);
  // Each of `names` in turn, as Read gives it, to `each` (index, text,
  // found); the requests are written by a second thread while the answers
  // are read, so git never waits for a round trip.
  Status ReadMany(const std::vector<std::string>& names,
                  const std::function<Status(size_t, const std::string&, bool)>& each);

 private:
  GitObjects() = default;
  Status ReadAnswer(std::string* text, bool* found);
  bool ReadLine(std::string* line);
  bool ReadBytes(size_t n, std::string* out);
  int pid_ = -1, in_ = -1, out_ = -1;
  std::string buffer_;
  size_t pos_ = 0;
};

// The full id of revision `rev` in the repository at `dir`; InvalidArgument
// naming `rev` when there is no such commit.
Status GitResolveCommit(const std::string& dir, const std::string& rev, std::string* hash);

// Whether commit `ancestor` is an ancestor of (or is) `commit`.
bool GitIsAncestor(const std::string& dir, const std::string& ancestor, const std::string& commit);

// Writes the files of tree `treeish` ("<commit>:records", "<commit>^{tree}")
// into the folder `dest` through `disk`, folders as needed (symbolic links
// and submodules are left out), plainly: a scratch copy, not the records
// (no fsync; Conflict if a file exists). NotFound when there is no such tree.
// *links (if given) gets the paths of the symbolic links left out.
Status GitExportTree(const std::string& dir, const std::string& treeish, Disk* disk,
                     const std::string& dest, std::vector<std::string>* links = nullptr);

// Where the folder `dir` lies in its repository's tree: "" at the top,
// "records/" for a folder records/ (git rev-parse --show-prefix).
Status GitTreePrefix(const std::string& dir, std::string* prefix);

}  // namespace svc
