#include "storage/git.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>

#include "base/i18n.h"
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
    return Status::IOError(TrF("cannot run git: {}", std::strerror(errno)));
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
    return Status::IOError(TrF("cannot run git: {}", std::strerror(rc)));
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
    return Status::IOError(TrF("git {} failed: {}", args.empty() ? "" : args[0],
                               first.empty() ? TrF("exit {}", code) : first));
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
    return Status::NotAllowed(TrF(
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
        _("git would merge ticket files line by line in this clone: the merge driver is not "
          "registered (git config merge.svc.driver); run 'svc git-setup' here first; nothing was "
          "pulled"));
  }
  const std::string ticket = fmt::format("{}/2000/01/X-00-01-01.toml", kTicketsFolder);
  RunGit(root, {"check-attr", "merge", "--", ticket}, &attr, &code);
  if (code != 0 || !Trim(attr).ends_with(": merge: svc")) {
    return Status::NotAllowed(
        TrF("git would merge ticket files line by line in this clone: {} does not route {}/ to the "
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
  if (u.conflicted.empty()) {
    if (rebase) {
      return TrF(
          "a rebase is in progress: to finish it, 'git rebase --continue', then '{}' again; or "
          "'git rebase --abort' to go back to before the pull",
          sync);
    }
    return _(
        "a merge is in progress: to finish it, 'git commit', then 'svc sync --merge' (a "
        "rebasing 'svc sync' would replay the same conflict); or 'git merge --abort' to go back "
        "to before the pull");
  }
  if (rebase) {
    return TrF(
        "a rebase is in progress with conflicts: to finish it, correct{0} (every conflict marker "
        "gone, 'svc check' clean), 'git add{0}', 'git rebase --continue', then '{1}' again; or "
        "'git rebase --abort' to go back to before the pull",
        files, sync);
  }
  return TrF(
      "a merge is in progress with conflicts: to finish it, correct{} (every conflict marker "
      "gone, 'svc check' clean), 'git add{}', 'git commit', then 'svc sync --merge' (a "
      "rebasing 'svc sync' would replay the same conflict); or 'git merge --abort' to go back "
      "to before the pull",
      files, files);
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
  return Status::IOError(
      TrF("git pull failed: {}", errors->empty() ? TrF("exit {}", code) : errors->front()));
}

Status GitPush(const std::string& root, std::vector<std::string>* errors) {
  std::string out, err;
  int code = 0;
  Status s = RunGit(root, {"push"}, &out, &code, &err);
  if (!s.ok()) return s;
  *errors = GitErrorLines(err);
  if (code == 0) return Status::OK();
  return Status::IOError(
      TrF("git push failed: {}", errors->empty() ? TrF("exit {}", code) : errors->front()));
}

Status GitCommit(const std::string& root, const std::vector<std::string>& files,
                 const std::string& message, const std::string& actor, bool* staged_only) {
  *staged_only = false;
  if (!InGitWorkTree(root)) {
    return Status::NotAllowed(TrF("--commit: {} is not in a git repository", root));
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

namespace {

// Starts `git -C dir args...` with its standard input, output and error on
// pipes (null where not wanted: standard error then goes to /dev/null).
Status Spawn(const std::string& dir, const std::vector<std::string>& args, int* pid, int* in,
             int* out, int* err) {
  std::vector<std::string> argv = {"git", "-C", dir};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> cargv;
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  int in_pipe[2] = {-1, -1}, out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1};
  auto close_all = [&] {
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
      if (fd >= 0) ::close(fd);
    }
  };
  if ((in && ::pipe2(in_pipe, O_CLOEXEC) != 0) || ::pipe2(out_pipe, O_CLOEXEC) != 0 ||
      (err && ::pipe2(err_pipe, O_CLOEXEC) != 0)) {
    int e = errno;
    close_all();
    return Status::IOError(TrF("cannot run git: {}", std::strerror(e)));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (in) posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  if (err) {
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  } else {
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  }
  pid_t child = 0;
  int rc = posix_spawnp(&child, "git", &actions, nullptr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    close_all();
    return Status::IOError(TrF("cannot run git: {}", std::strerror(rc)));
  }
  *pid = child;
  if (in) {
    ::close(in_pipe[0]);
    *in = in_pipe[1];
  }
  ::close(out_pipe[1]);
  *out = out_pipe[0];
  if (err) {
    ::close(err_pipe[1]);
    *err = err_pipe[0];
  }
  return Status::OK();
}

int Reap(int pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

}  // namespace

GitStream::~GitStream() {
  if (out_ >= 0) ::close(out_);
  if (err_ >= 0) ::close(err_);
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    Reap(pid_);
  }
}

Status GitStream::Start(const std::string& dir, const std::vector<std::string>& args,
                        std::unique_ptr<GitStream>* out) {
  std::unique_ptr<GitStream> s(new GitStream);
  SVC_RETURN_IF_ERROR(Spawn(dir, args, &s->pid_, nullptr, &s->out_, &s->err_));
  s->what_ = "git " + (args.empty() ? std::string() : args[0]);
  *out = std::move(s);
  return Status::OK();
}

// Reads what git has written next (standard error too, so that git never
// waits on a full pipe); false at the end of its output.
bool GitStream::Fill() {
  char buf[65536];
  while (!eof_) {
    struct pollfd fds[2] = {{out_, POLLIN, 0}, {err_, POLLIN, 0}};
    if (::poll(fds, err_ >= 0 ? 2 : 1, -1) < 0) {
      if (errno == EINTR) continue;
      eof_ = true;
      break;
    }
    if (err_ >= 0 && fds[1].revents) {
      ssize_t n = ::read(err_, buf, sizeof buf);
      if (n > 0) {
        errors_.append(buf, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        ::close(err_);
        err_ = -1;
      }
    }
    if (fds[0].revents) {
      ssize_t n = ::read(out_, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        eof_ = true;
        break;
      }
      if (pos_ > 0) {
        buffer_.erase(0, pos_);
        pos_ = 0;
      }
      buffer_.append(buf, static_cast<size_t>(n));
      return true;
    }
  }
  return false;
}

bool GitStream::Next(std::string* token) {
  for (;;) {
    size_t nul = buffer_.find('\0', pos_);
    if (nul != std::string::npos) {
      token->assign(buffer_, pos_, nul - pos_);
      pos_ = nul + 1;
      return true;
    }
    if (!Fill()) break;
  }
  if (pos_ < buffer_.size()) {  // a last token without its NUL
    token->assign(buffer_, pos_, std::string::npos);
    pos_ = buffer_.size();
    return true;
  }
  return false;
}

Status GitStream::Finish() {
  while (Fill()) pos_ = buffer_.size();
  ::close(out_);
  out_ = -1;
  if (err_ >= 0) {
    char buf[4096];
    for (;;) {
      ssize_t n = ::read(err_, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      errors_.append(buf, static_cast<size_t>(n));
    }
    ::close(err_);
    err_ = -1;
  }
  int code = Reap(pid_);
  pid_ = -1;
  if (code == 0) return Status::OK();
  std::vector<std::string> lines = GitErrorLines(errors_);
  std::string first =
      lines.empty() ? std::string(Trim(errors_.substr(0, errors_.find('\n')))) : lines.front();
  return Status::IOError(TrF("{} failed: {}", what_, first.empty() ? TrF("exit {}", code) : first));
}

GitObjects::~GitObjects() {
  if (in_ >= 0) ::close(in_);
  if (out_ >= 0) ::close(out_);
  if (pid_ > 0) Reap(pid_);
}

Status GitObjects::Start(const std::string& dir, std::unique_ptr<GitObjects>* out) {
  std::unique_ptr<GitObjects> o(new GitObjects);
  SVC_RETURN_IF_ERROR(Spawn(dir, {"cat-file", "--batch"}, &o->pid_, &o->in_, &o->out_, nullptr));
  *out = std::move(o);
  return Status::OK();
}

bool GitObjects::ReadLine(std::string* line) {
  for (;;) {
    size_t nl = buffer_.find('\n', pos_);
    if (nl != std::string::npos) {
      line->assign(buffer_, pos_, nl - pos_);
      pos_ = nl + 1;
      return true;
    }
    if (!ReadBytes(0, nullptr)) return false;
  }
}

// With `out`: moves the next n bytes into *out (reading as needed). Without:
// reads once more into the buffer.
bool GitObjects::ReadBytes(size_t n, std::string* out) {
  char buf[65536];
  for (;;) {
    if (out && buffer_.size() - pos_ >= n) {
      out->assign(buffer_, pos_, n);
      pos_ += n;
      return true;
    }
    if (pos_ > 0) {
      buffer_.erase(0, pos_);
      pos_ = 0;
    }
    ssize_t got = ::read(out_, buf, sizeof buf);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    buffer_.append(buf, static_cast<size_t>(got));
    if (!out) return true;
  }
}

Status GitObjects::Read(std::string_view name, std::string* text, bool* found) {
  text->clear();
  *found = false;
  if (name.find('\n') != std::string_view::npos) {
    return Status::InvalidArgument(_("an object name cannot hold a line break"));
  }
  std::string request(name);
  request += '\n';
  for (size_t done = 0; done < request.size();) {
    ssize_t n = ::write(in_, request.data() + done, request.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Status::IOError(_("git cat-file stopped"));
    done += static_cast<size_t>(n);
  }
  return ReadAnswer(text, found);
}

Status GitObjects::ReadAnswer(std::string* text, bool* found) {
  text->clear();
  *found = false;
  std::string header;
  if (!ReadLine(&header)) return Status::IOError(_("git cat-file stopped"));
  // "<oid> <type> <size>", or "<name> missing" / "<name> ambiguous".
  std::vector<std::string_view> f = Split(header, ' ');
  if (f.size() != 3) return Status::OK();
  size_t size = 0;
  for (char c : f[2]) {
    if (c < '0' || c > '9')
      return Status::IOError(TrF("git cat-file: unexpected answer {}", header));
    size = size * 10 + static_cast<size_t>(c - '0');
  }
  if (!ReadBytes(size + 1, text)) return Status::IOError(_("git cat-file stopped"));
  text->pop_back();  // the newline after the content
  *found = true;
  return Status::OK();
}

Status GitObjects::ReadMany(const std::vector<std::string>& names,
                            const std::function<Status(size_t, const std::string&, bool)>& each) {
  for (const auto& n : names) {
    if (n.find('\n') != std::string::npos) {
      return Status::InvalidArgument(_("an object name cannot hold a line break"));
    }
  }
  bool wrote = true;
  std::thread writer([&] {
    std::string chunk;
    for (size_t i = 0; i < names.size(); ++i) {
      chunk += names[i];
      chunk += '\n';
      if (chunk.size() < 65536 && i + 1 < names.size()) continue;
      for (size_t done = 0; done < chunk.size();) {
        ssize_t n = ::write(in_, chunk.data() + done, chunk.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
          wrote = false;
          return;
        }
        done += static_cast<size_t>(n);
      }
      chunk.clear();
    }
  });
  Status s;
  std::string text;
  for (size_t i = 0; i < names.size() && s.ok(); ++i) {
    bool found = false;
    s = ReadAnswer(&text, &found);
    if (s.ok()) s = each(i, text, found);
  }
  if (!s.ok()) {
    // Stop git (and with it the writer) without reading the rest.
    ::close(in_);
    in_ = -1;
    ::close(out_);
    out_ = -1;
  }
  writer.join();
  if (s.ok() && !wrote) return Status::IOError(_("git cat-file stopped"));
  return s;
}

Status GitResolveCommit(const std::string& dir, const std::string& rev, std::string* hash) {
  std::string out;
  int code = 0;
  if (rev.empty() || rev.front() == '-') {
    return Status::InvalidArgument(TrF("'{}' is not a commit", rev));
  }
  RunGit(dir, {"rev-parse", "--verify", "--quiet", rev + "^{commit}"}, &out, &code);
  if (code != 0) {
    return Status::InvalidArgument(
        TrF("'{}' is not a commit of this repository", EscapeControls(rev)));
  }
  *hash = std::string(Trim(out));
  return Status::OK();
}

namespace {

// 'text' for a POSIX shell.
std::string ShellQuote(std::string_view text) {
  std::string q = "'";
  for (char c : text) {
    if (c == '\'') {
      q += "'\\''";
    } else {
      q += c;
    }
  }
  return q + "'";
}

}  // namespace

Status GitSetupServer(const std::string& dir, const std::string& svc, const std::string& prefix,
                      std::string* hook) {
  std::string out;
  int code = 0;
  RunGit(dir, {"rev-parse", "--is-bare-repository"}, &out, &code);
  if (code != 0) return Status::NotAllowed(TrF("{} is not a git repository", dir));
  if (Trim(out) != "true") {
    return Status::NotAllowed(TrF(
        "{} is not a bare repository: run 'svc git-setup --server' in the repository the clones "
        "push to (a clone registers the merge driver with 'svc git-setup')",
        dir));
  }
  SVC_RETURN_IF_ERROR(
      RunGit(dir, {"rev-parse", "--path-format=absolute", "--git-path", "hooks"}, &out));
  const std::string hooks(Trim(out));
  *hook = hooks + "/pre-receive";
  std::string existing;
  Status read = RealDisk()->ReadFile(*hook, &existing);
  if (read.ok() && existing.find("svc pre-receive") == std::string::npos &&
      existing.find(" pre-receive --prefix") == std::string::npos) {
    return Status::NotAllowed(
        TrF("{} is a pre-receive hook of its own; svc does not replace it: add the line "
            "'{} pre-receive --prefix {}' to it (its standard input is the hook's)",
            *hook, svc, prefix.empty() ? "''" : prefix));
  }
  const std::string script = fmt::format(
      "#!/bin/sh\n"
      "# Installed by 'svc git-setup --server': refuses a push whose commits break svc audit's\n"
      "# rules or whose records fail svc check, naming the commit, the file and the rule.\n"
      "exec {} pre-receive --prefix {}\n",

      ShellQuote(svc), ShellQuote(prefix));
  SVC_RETURN_IF_ERROR(RealDisk()->MakeDirs(hooks));
  SVC_RETURN_IF_ERROR(RealDisk()->WriteFileAtomic(*hook, script));
  if (::chmod(hook->c_str(), 0755) != 0) {
    return Status::IOError(TrF("cannot make {} executable: {}", *hook, std::strerror(errno)));
  }
  SVC_RETURN_IF_ERROR(RunGit(dir, {"config", "receive.denyNonFastForwards", "true"}, &out));
  return RunGit(dir, {"config", "receive.denyDeletes", "true"}, &out);
}

bool GitIsAncestor(const std::string& dir, const std::string& ancestor, const std::string& commit) {
  int code = 0;
  std::string out;
  RunGit(dir, {"merge-base", "--is-ancestor", ancestor, commit}, &out, &code);
  return code == 0;
}

Status GitExportTree(const std::string& dir, const std::string& treeish, Disk* disk,
                     const std::string& dest, std::vector<std::string>* links) {
  std::unique_ptr<GitStream> list;
  SVC_RETURN_IF_ERROR(
      GitStream::Start(dir, {"ls-tree", "-r", "-z", "--full-tree", treeish}, &list));
  std::vector<std::string> oids, paths;
  std::string entry;
  while (list->Next(&entry)) {
    // "<mode> <type> <oid>\t<path>"
    size_t tab = entry.find('\t');
    if (tab == std::string::npos) continue;
    std::vector<std::string_view> f = Split(std::string_view(entry).substr(0, tab), ' ');
    if (f.size() != 3 || f[1] != "blob") continue;
    std::string rel = entry.substr(tab + 1);
    if (f[0] == "120000") {
      if (links) links->push_back(rel);
      continue;
    }
    if (rel.empty() || rel.find("..") != std::string::npos || rel.front() == '/') continue;
    oids.emplace_back(f[2]);
    paths.push_back(dest + "/" + rel);
  }
  Status s = list->Finish();
  if (!s.ok()) return Status::NotFound(TrF("no tree {}: {}", treeish, s.message()));
  std::unique_ptr<GitObjects> objects;
  SVC_RETURN_IF_ERROR(GitObjects::Start(dir, &objects));
  return objects->ReadMany(oids, [&](size_t i, const std::string& text, bool found) {
    if (!found) return Status::OK();
    const std::string& path = paths[i];
    SVC_RETURN_IF_ERROR(disk->MakeDirs(path.substr(0, path.rfind('/'))));
    // A scratch copy: written plainly, without the atomic path's fsyncs.
    std::unique_ptr<WritableFile> file;
    SVC_RETURN_IF_ERROR(disk->NewFile(path, &file));
    SVC_RETURN_IF_ERROR(file->Append(text));
    return file->Close();
  });
}

Status GitTreePrefix(const std::string& dir, std::string* prefix) {
  std::string out;
  SVC_RETURN_IF_ERROR(RunGit(dir, {"rev-parse", "--show-prefix"}, &out));
  *prefix = std::string(Trim(out));
  return Status::OK();
}

}  // namespace svc
