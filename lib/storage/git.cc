#include "storage/git.h"

#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "base/text.h"
#include "storage/disk.h"
#include "storage/paths.h"

extern char** environ;

namespace svc {
namespace {

// Reads both pipes to their end into *out and *err (both at once: git may
// fill either before it closes the other).
void Drain(int out_fd, int err_fd, std::string* out, std::string* err) {
  struct pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  std::string* into[2] = {out, err};
  char buf[65536];
  int open = 2;
  while (open > 0) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        fds[i].fd = -1;
        --open;
        continue;
      }
      into[i]->append(buf, static_cast<size_t>(n));
    }
  }
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

void AddOnce(std::vector<std::string>* lines, std::string line) {
  if (std::find(lines->begin(), lines->end(), line) == lines->end()) {
    lines->push_back(std::move(line));
  }
}

// git's output with its progress lines ("Rebasing (1/2)\r", "Receiving
// objects: 50%\r") ended, so that what follows them starts a line.
std::string Lines(std::string_view output) {
  std::string text(output);
  std::replace(text.begin(), text.end(), '\r', '\n');
  return text;
}

constexpr std::string_view kDriverPrefix = "svc merge-driver: ";

}  // namespace

Status RunGit(const std::string& dir, const std::vector<std::string>& args, std::string* out,
              int* exit_code, std::string* errors_out) {
  std::vector<std::string> argv = {"git", "-C", dir};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> cargv;
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  int out_pipe[2], err_pipe[2];
  if (::pipe(out_pipe) != 0 || ::pipe(err_pipe) != 0) {
    return Status::IOError(fmt::format("cannot run git: {}", std::strerror(errno)));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
  posix_spawn_file_actions_addclose(&actions, err_pipe[0]);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, "git", &actions, nullptr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (rc != 0) {
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    return Status::IOError(fmt::format("cannot run git: {}", std::strerror(rc)));
  }
  std::string output, errors;
  Drain(out_pipe[0], err_pipe[0], &output, &errors);
  ::close(out_pipe[0]);
  ::close(err_pipe[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  if (exit_code) *exit_code = code;
  if (out) *out = std::move(output);
  if (code != 0 && !exit_code) {
    std::vector<std::string> lines = GitErrorLines(errors);
    std::string first =
        lines.empty() ? std::string(Trim(errors.substr(0, errors.find('\n')))) : lines.front();
    if (errors_out) *errors_out = std::move(errors);
    return Status::IOError(fmt::format("git {} failed: {}", args.empty() ? "" : args[0],
                                       first.empty() ? "exit " + std::to_string(code) : first));
  }
  if (errors_out) *errors_out = std::move(errors);
  return Status::OK();
}

std::vector<std::string> GitErrorLines(std::string_view output) {
  std::vector<std::string> lines;
  bool listing = false;  // the previous line was an error that lists files under it
  const std::string text = Lines(output);
  for (std::string_view line : Split(text, '\n')) {
    if (listing && !line.empty() && line.front() == '\t' && !lines.empty()) {
      std::string& last = lines.back();
      last += last.back() == ':' ? " " : ", ";
      last += Trim(line);
      continue;
    }
    listing = false;
    if (StartsWith(line, kDriverPrefix)) continue;
    if (StartsWith(line, "remote: ")) {
      std::string_view said = Trim(line.substr(8));
      if (!said.empty()) AddOnce(&lines, std::string(line.substr(0, 8)) + std::string(said));
      continue;
    }
    if (StartsWith(line, "CONFLICT") || StartsWith(line, "error: ") ||
        StartsWith(line, "fatal: ") || StartsWith(line, " ! ")) {
      AddOnce(&lines, std::string(Trim(line)));
      listing = line.back() == ':';
    }
  }
  return lines;
}

std::vector<std::string> GitMergeDriverLines(std::string_view output) {
  std::vector<std::string> lines;
  const std::string text = Lines(output);
  for (std::string_view line : Split(text, '\n')) {
    if (StartsWith(line, kDriverPrefix)) {
      AddOnce(&lines, std::string(Trim(line.substr(kDriverPrefix.size()))));
    }
  }
  return lines;
}

bool InGitWorkTree(const std::string& dir) {
  std::string out;
  int code = 0;
  return RunGit(dir, {"rev-parse", "--is-inside-work-tree"}, &out, &code).ok() && code == 0 &&
         Trim(out) == "true";
}

Status GitSetup(const std::string& root, const std::string& svc) {
  if (!InGitWorkTree(root)) {
    return Status::NotAllowed(fmt::format(
        "{} is not in a git repository: run 'git init' there first, then 'svc git-setup'", root));
  }
  SVC_RETURN_IF_ERROR(
      RunGit(root, {"config", "merge.svc.name", "svc ticket merge (union of histories)"}, nullptr));
  SVC_RETURN_IF_ERROR(
      RunGit(root, {"config", "merge.svc.driver", svc + " merge-driver %O %A %B %P"}, nullptr));
  return Status::OK();
}

Status GitCheckMergeDriver(const std::string& root) {
  std::string driver, attr;
  int code = 0;
  RunGit(root, {"config", "--get", "merge.svc.driver"}, &driver, &code);
  if (code != 0 || Trim(driver).empty()) {
    return Status::NotAllowed(
        "git would merge ticket files line by line in this clone: the merge driver is not "
        "registered (git config merge.svc.driver); run 'svc git-setup' here first; nothing was "
        "pulled");
  }
  const std::string ticket = fmt::format("{}/2000/01/X-00-01-01.toml", kTicketsFolder);
  RunGit(root, {"check-attr", "merge", "--", ticket}, &attr, &code);
  if (code != 0 || !Trim(attr).ends_with(": merge: svc")) {
    return Status::NotAllowed(fmt::format(
        "git would merge ticket files line by line in this clone: {} does not route {}/ to the "
        "merge driver; run 'svc git-setup' here and commit {}; nothing was pulled",
        GitAttributesPath(), kTicketsFolder, GitAttributesPath()));
  }
  return Status::OK();
}

Status GitFindUnfinished(const std::string& root, GitUnfinished* out) {
  *out = GitUnfinished();
  std::string dirs, prefix, files;
  SVC_RETURN_IF_ERROR(RunGit(root,
                             {"rev-parse", "--show-prefix", "--git-path", "rebase-merge",
                              "--git-path", "rebase-apply", "--git-path", "MERGE_HEAD"},
                             &dirs));
  std::vector<std::string_view> lines = Split(dirs, '\n');
  auto exists = [&](size_t i) {
    if (i >= lines.size() || lines[i].empty()) return false;
    std::string path(lines[i]);
    if (path.front() != '/') path = JoinPath(root, path);
    return ::access(path.c_str(), F_OK) == 0;
  };
  if (exists(1) || exists(2)) {
    out->kind = GitUnfinished::Kind::kRebase;
  } else if (exists(3)) {
    out->kind = GitUnfinished::Kind::kMerge;
  }
  if (out->kind == GitUnfinished::Kind::kNone) return Status::OK();
  const std::string_view under = lines.empty() ? "" : lines[0];
  SVC_RETURN_IF_ERROR(RunGit(
      root, {"-c", "core.quotePath=false", "diff", "--name-only", "--diff-filter=U"}, &files));
  for (std::string_view f : Split(files, '\n')) {
    if (f.empty()) continue;
    // Relative to the records directory; a file outside it in git's ":/" form.
    out->conflicted.push_back(StartsWith(f, under) ? std::string(f.substr(under.size()))
                                                   : ":/" + std::string(f));
  }
  return Status::OK();
}

std::string GitFinishAdvice(const GitUnfinished& u, std::string_view sync) {
  const bool rebase = u.kind == GitUnfinished::Kind::kRebase;
  std::string files;
  for (const auto& f : u.conflicted) files += " " + f;
  std::string steps;
  if (!u.conflicted.empty()) {
    steps = fmt::format("correct{} (every conflict marker gone, 'svc check' clean), 'git add{}', ",
                        files, files);
  }
  if (rebase) {
    return fmt::format(
        "a rebase is in progress{}: to finish it, {}'git rebase --continue', then '{}' again; or "
        "'git rebase --abort' to go back to before the pull",
        u.conflicted.empty() ? "" : " with conflicts", steps, sync);
  }
  return fmt::format(
      "a merge is in progress{}: to finish it, {}'git commit', then 'svc sync --merge' (a "
      "rebasing 'svc sync' would replay the same conflict); or 'git merge --abort' to go back "
      "to before the pull",
      u.conflicted.empty() ? "" : " with conflicts", steps);
}

Status GitPull(const std::string& root, bool rebase, std::vector<std::string>* decisions,
               std::vector<std::string>* errors) {
  std::string out, err;
  int code = 0;
  Status s = RunGit(root, {"pull", rebase ? "--rebase" : "--no-rebase"}, &out, &code, &err);
  if (!s.ok()) return s;
  const std::string all = out + "\n" + err;
  *decisions = GitMergeDriverLines(all);
  *errors = GitErrorLines(all);
  if (code == 0) return Status::OK();
  return Status::IOError(fmt::format(
      "git pull failed: {}", errors->empty() ? "exit " + std::to_string(code) : errors->front()));
}

Status GitPush(const std::string& root, std::vector<std::string>* errors) {
  std::string out, err;
  int code = 0;
  Status s = RunGit(root, {"push"}, &out, &code, &err);
  if (!s.ok()) return s;
  *errors = GitErrorLines(err);
  if (code == 0) return Status::OK();
  return Status::IOError(fmt::format(
      "git push failed: {}", errors->empty() ? "exit " + std::to_string(code) : errors->front()));
}

Status GitCommit(const std::string& root, const std::vector<std::string>& files,
                 const std::string& message, const std::string& actor, bool* staged_only) {
  *staged_only = false;
  if (!InGitWorkTree(root)) {
    return Status::NotAllowed(fmt::format("--commit: {} is not in a git repository", root));
  }
  // Stage what exists; unstage what the command removed (tracked or not).
  std::vector<std::string> add = {"add", "-A", "--"},
                           rm = {"rm", "--cached", "-q", "--ignore-unmatch", "--"};
  std::vector<std::string> removed;
  for (const auto& f : files) {
    if (::access(JoinPath(root, f).c_str(), F_OK) == 0) {
      add.push_back(f);
    } else {
      rm.push_back(f);
      removed.push_back(f);
    }
  }
  if (add.size() > 3) SVC_RETURN_IF_ERROR(RunGit(root, add, nullptr));
  if (rm.size() > 5) SVC_RETURN_IF_ERROR(RunGit(root, rm, nullptr));
  int code = 0;
  RunGit(root, {"rev-parse", "-q", "--verify", "MERGE_HEAD"}, nullptr, &code);
  if (code == 0) {
    *staged_only = true;  // git allows no partial commit during a merge
    return Status::OK();
  }
  // The commit names the files written and those removed that HEAD tracked.
  std::vector<std::string> paths(add.begin() + 3, add.end());
  if (!removed.empty()) {
    std::vector<std::string> ls = {"ls-tree", "--name-only", "HEAD", "--"};
    ls.insert(ls.end(), removed.begin(), removed.end());
    std::string tracked;
    RunGit(root, ls, &tracked, &code);
    for (std::string_view line : Split(tracked, '\n')) {
      if (!line.empty()) paths.emplace_back(line);
    }
  }
  if (paths.empty()) return Status::OK();
  std::string email;
  RunGit(root, {"config", "user.email"}, &email, &code);
  std::vector<std::string> commit;
  if (code != 0 || Trim(email).empty()) {
    // No identity configured (a fresh laptop, CI): commit as svc on the actor's behalf.
    commit = {"-c", "user.name=svc", "-c", "user.email=svc@localhost"};
  }
  std::string author = fmt::format("{} <{}>", actor, code == 0 ? std::string(Trim(email)) : "");
  commit.insert(commit.end(),
                {"commit", "-q", "--no-verify", "-m", message, "--author", author, "--"});
  commit.insert(commit.end(), paths.begin(), paths.end());
  return RunGit(root, commit, nullptr);
}

Status GitFileHistory(const std::string& root, const std::string& path,
                      std::vector<GitCommitInfo>* commits, std::vector<std::string>* texts) {
  std::string out;
  SVC_RETURN_IF_ERROR(RunGit(root,
                             {"log", "--reverse", "--topo-order", "--parents",
                              "--format=%H %P%x09%an%x09%aI%x09%s", "--", path},
                             &out));
  commits->clear();
  texts->clear();
  for (std::string_view line : Split(out, '\n')) {
    if (line.empty()) continue;
    std::vector<std::string_view> f = Split(line, '\t');
    if (f.size() < 4) continue;
    GitCommitInfo c;
    std::vector<std::string_view> ids = Split(f[0], ' ');
    c.hash = std::string(ids[0]);
    for (size_t i = 1; i < ids.size(); ++i) {
      if (!ids[i].empty()) c.parents.emplace_back(ids[i]);
    }
    c.author = std::string(f[1]);
    if (!ParseTime(f[2], 0, &c.when).ok()) c.when = Time{};
    c.subject = std::string(f[3]);
    std::string text;
    int code = 0;
    RunGit(root, {"show", c.hash + ":./" + path}, &text, &code);
    commits->push_back(std::move(c));
    texts->push_back(code == 0 ? text : "");
  }
  return Status::OK();
}

}  // namespace svc
