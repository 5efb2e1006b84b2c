#include "context.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "base/i18n.h"
#include "base/text.h"
#include "base/typed.h"
#include "flags.h"
#include "model/limits.h"
#include "model/values.h"
#include "render.h"
#include "rules/state.h"
#include "storage/git.h"

namespace svc::cli {
namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string Cwd() {
  char buf[4096];
  return ::getcwd(buf, sizeof buf) ? buf : ".";
}

std::string GitUserName(const std::string& dir) {
  // git itself, without a shell in between (PRODUCT.md: the actor defaults to git's user.name).
  std::string out;
  int code = 0;
  if (!RunGit(dir, {"config", "user.name"}, &out, &code).ok() || code != 0) return "";
  return std::string(Trim(out));
}

}  // namespace

Status Context::OpenStore() {
  if (store_) return Status::OK();
  std::string root;
  SVC_RETURN_IF_ERROR(Store::Locate(global_.records, Env("SVC_RECORDS"), Cwd(), RealDisk(), &root));
  SVC_RETURN_IF_ERROR(Store::Open(root, RealDisk(), &store_));
  // What the store lock's recovery repaired of an interrupted command, as it happens.
  store_->set_on_recovered([](const std::string& what) {
    fmt::print(stderr, "svc: {}\n", TrF("recovered: {}", EscapeControls(what)));
  });
  return Status::OK();
}

Status Context::Now(Time* out) {
  if (!have_now_) {
    int offset = store_->config().offset_minutes;
    std::string text = !global_.now.empty() ? global_.now : Env("SVC_NOW");
    if (!text.empty()) {
      Status s = ParseUserTime(text, offset, &now_);
      if (!s.ok()) {
        return s.Prefixed(global_.now.empty() ? "SVC_NOW" : "--now");
      }
    } else {
      auto secs = std::chrono::duration_cast<std::chrono::seconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
      now_ = Time{secs, offset};
    }
    have_now_ = true;
  }
  *out = now_;
  return Status::OK();
}

Status Context::TimeOption(const std::string& option, const std::string& text, Time* out) {
  if (text.empty()) return Now(out);  // not given (given empty, the parser refused it)
  // "14:30", "yesterday 16:00", "昨天 16:00": as of now, in the company's time zone.
  Time now;
  SVC_RETURN_IF_ERROR(Now(&now));
  int offset = store_->config().offset_minutes;
  std::string resolved = ResolveTypedTime(text, now, offset);
  if (resolved != FoldTyped(text) && ParseUserTime(resolved, offset, out).ok()) {
    return Status::OK();
  }
  return ParseUserTime(text, offset, out).Prefixed(option);
}

Status Context::Present(Time* out) {
  SVC_RETURN_IF_ERROR(Now(out));
  auto secs = std::chrono::duration_cast<std::chrono::seconds>(
                  std::chrono::system_clock::now().time_since_epoch())
                  .count();
  if (secs > out->secs) out->secs = secs;
  return Status::OK();
}

bool Context::NowGiven() const {
  return !global_.now.empty() || !Env("SVC_NOW").empty();
}

std::string Context::ExplicitActor() const {
  return !global_.actor.empty() ? global_.actor : Env("SVC_ACTOR");
}

Status Context::ActorName(std::string* out) {
  *out = Actor();
  // Who it came from, as the message names it.
  const char* source = !global_.actor.empty() ? "--actor"
                       : !Env("SVC_ACTOR").empty()
                           ? "SVC_ACTOR"
                           : _("the actor (git's user.name, else the login name)");
  return CheckText(*out, source, false);
}

std::string Context::Actor() {
  if (!global_.actor.empty()) return global_.actor;
  std::string a = Env("SVC_ACTOR");
  if (!a.empty()) return a;
  a = GitUserName(store_ ? store_->root() : ".");
  if (!a.empty()) return a;
  if (struct passwd* pw = ::getpwuid(::geteuid()); pw && pw->pw_name) return pw->pw_name;
  a = Env("USER");
  return a.empty() ? "unknown" : a;
}

int Context::CommitIfAsked(const std::string& command, int rc) {
  if (rc != 0 || !store_ || store_->touched().empty()) return rc;
  if (!global_.commit && !store_->config().commit) return rc;
  std::string message = commit_message_.empty() ? "svc " + command : commit_message_;
  bool staged_only = false;
  Status s = GitCommit(store_->root(), store_->touched(), message, Actor(), &staged_only);
  if (s.ok() && staged_only) {
    fmt::print(stderr, "svc: {}\n",
               _("a merge is in progress: the change is staged for its commit ('git commit' "
                 "finishes the merge)"));
  }
  if (!s.ok()) {
    // The records are written; only the commit failed: say so, exit 1.
    fmt::print(stderr, "svc: {}\n",
               TrF("the change was written but not committed: {}", EscapeControls(s.message())));
    return 1;
  }
  return rc;
}

ScanOptions Context::Scan() const {
  ScanOptions o;
  o.use_index = !global_.no_index && Env("SVC_NO_INDEX").empty();
  o.note = [](const std::string& note) {
    fmt::print(stderr, "svc: {}\n", TrF("note: {}", EscapeControls(note)));
  };
  // The one other read of the system clock: file times this recent are not cached.
  o.wall_clock_secs = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  return o;
}

Status Context::MakeActor(const std::string& at_text, svc::Actor* out) {
  SVC_RETURN_IF_ERROR(Now(&out->now));
  SVC_RETURN_IF_ERROR(TimeOption("--at", at_text, &out->at));
  return ActorName(&out->name);
}

int RunAct(Context& ctx, const Target& t, const std::string& what, const EventMaker& make,
           bool own_output) {
  Status s = ctx.OpenStore();
  svc::Actor actor;
  if (s.ok()) s = ctx.MakeActor(t.at, &actor);
  if (s.ok()) s = Act(ctx.store(), t.id, actor, make);
  if (!s.ok()) return Fail(s);
  // `what` is English (the commit message); the callers mark the fixed ones N_().
  fmt::print(stderr, "svc: {}: {}\n", t.id, EscapeControls(_(what.c_str())));
  ctx.SetCommitMessage(fmt::format("{}: {}", t.id, what));
  if (ctx.json() && !own_output) {
    // --json: the ticket as it now stands, as `svc show ID --json` prints it.
    Ticket after;
    TicketState st;
    s = ctx.store().Load(t.id, &after);
    if (s.ok()) s = Fold(after, ctx.store().config(), actor.now, &st);
    if (!s.ok()) return Fail(s);
    fmt::print("{}", TicketJson(after, st, ctx.store().config(), actor.now));
  }
  return 0;
}

namespace {
int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
}  // namespace

Progress::Progress(std::string what)
    : what_(std::move(what)), tty_(::isatty(2) && Env("TERM") != "dumb"), start_ms_(NowMs()) {}

void Progress::Update(int64_t done) {
  if (!tty_) return;
  int64_t now = NowMs();
  if (now - start_ms_ < 1000 || now - last_ms_ < 100) return;
  last_ms_ = now;
  shown_ = true;
  fmt::print(stderr, "\rsvc: {}: {}", what_, TrF("{} tickets read…", done));
  std::fflush(stderr);
}

Progress::~Progress() {
  if (shown_) fmt::print(stderr, "\r\033[K");
}

Status JsonAndFormat(const Context& ctx, std::string_view format) {
  if (!ctx.json() || format.empty() || format == "text" || format == "json") return Status::OK();
  return Status::InvalidArgument(
      fmt::format("--json and --format {} do not go together: give one of them", format));
}

int Fail(const Status& s) {
  std::fflush(stdout);
  fmt::print(stderr, "svc: {}\n", EscapeControls(UserText(s)));
  return s.code() == Status::Code::kInvalidArgument ? 2 : 1;
}

namespace {

// "1 MiB": `max_bytes` for a message.
std::string MiB(size_t max_bytes) {
  return fmt::format("{} MiB", max_bytes >> 20);
}

// Up to `max_bytes` of `fd`, for `what`; InvalidArgument when there is more.
Status ReadBounded(int fd, const std::string& what, size_t max_bytes, std::string* out) {
  out->clear();
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::IOError(TrF("cannot read {}: {}", what, std::strerror(errno)));
    if (n == 0) return Status::OK();
    if (out->size() + static_cast<size_t>(n) > max_bytes) {
      return Status::InvalidArgument(TrF("{} is larger than {} ({} bytes): svc reads at most that",
                                         what, MiB(max_bytes), max_bytes));
    }
    out->append(buf, static_cast<size_t>(n));
  }
}

// What a file that is not a regular file is, for the message.
const char* KindOf(mode_t mode) {
  if (S_ISDIR(mode)) return _("a folder");
  if (S_ISFIFO(mode)) return _("a named pipe");
  if (S_ISCHR(mode)) return _("a character device");
  if (S_ISBLK(mode)) return _("a block device");
  if (S_ISSOCK(mode)) return _("a socket");
  return _("not a regular file");
}

// The bytes of `path` ("-": standard input): at most `max_bytes`, only a regular file.
Status ReadBoundedFile(const std::string& path, size_t max_bytes, std::string* out) {
  if (path == "-") return ReadBounded(0, _("standard input"), max_bytes, out);
  // O_NONBLOCK: opening a named pipe with no writer returns at once (and
  // is then refused) instead of waiting for one forever.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status::InvalidArgument(TrF("{} does not exist", path));
    return Status::IOError(TrF("cannot read {}: {}", path, std::strerror(errno)));
  }
  struct stat st;
  Status s;
  if (::fstat(fd, &st) != 0) {
    s = Status::IOError(TrF("cannot read {}: {}", path, std::strerror(errno)));
  } else if (!S_ISREG(st.st_mode)) {
    s = Status::InvalidArgument(
        TrF("{} is {}: give a regular file, or '-' for standard input", path, KindOf(st.st_mode)));
  } else if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    s = Status::InvalidArgument(TrF("{} is larger than {} ({} bytes): svc reads at most that", path,
                                    MiB(max_bytes), max_bytes));
  } else {
    s = ReadBounded(fd, path, max_bytes, out);  // bounded still: the file may grow meanwhile
  }
  ::close(fd);
  return s;
}

}  // namespace

Status ReadImportFile(const std::string& path, std::string* out) {
  return ReadBoundedFile(path, kMaxImportBytes, out);
}

Status ReadInput(const std::string& path, std::string* out) {
  SVC_RETURN_IF_ERROR(ReadBoundedFile(path, kMaxInputBytes, out));
  // Text written on Windows: CRLF line ends become LF.
  std::string text;
  text.reserve(out->size());
  for (size_t i = 0; i < out->size(); ++i) {
    if ((*out)[i] == '\r' && i + 1 < out->size() && (*out)[i + 1] == '\n') continue;
    text += (*out)[i];
  }
  *out = std::move(text);
  return Status::OK();
}

}  // namespace svc::cli
