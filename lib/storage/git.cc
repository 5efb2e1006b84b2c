#include "storage/git.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

#include "base/text.h"
#include "storage/disk.h"

extern char** environ;

namespace svc {
namespace {

// Reads all of `fd` into *out.
void Drain(int fd, std::string* out) {
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out->append(buf, static_cast<size_t>(n));
  }
}

}  // namespace

Status RunGit(const std::string& dir, const std::vector<std::string>& args, std::string* out,
              int* exit_code) {
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
  // git writes little to stderr here; read stdout fully first, then stderr.
  Drain(out_pipe[0], &output);
  Drain(err_pipe[0], &errors);
  ::close(out_pipe[0]);
  ::close(err_pipe[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  if (exit_code) *exit_code = code;
  if (out) *out = std::move(output);
  if (code != 0 && !exit_code) {
    std::string first = std::string(Trim(errors.substr(0, errors.find('\n'))));
    return Status::IOError(fmt::format("git {} failed: {}", args.empty() ? "" : args[0],
                                       first.empty() ? "exit " + std::to_string(code) : first));
  }
  return Status::OK();
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
