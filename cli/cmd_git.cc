// merge-driver, git-setup, renumber, log, sync: svc and git (issue: offline
// and git-native). The rules live in ops/merge_file.h, ops/renumber.h and storage/git.h.
#include <unistd.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <set>

#include "base/text.h"
#include "commands.h"
#include "flags.h"
#include "format/ticket_toml.h"
#include "ops/check.h"
#include "ops/merge_file.h"
#include "ops/renumber.h"
#include "storage/git.h"

namespace svc::cli {
namespace {

// The path of this svc binary, for git's config.
std::string SelfPath() {
  char buf[4096];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : "svc";
}

}  // namespace

int RunMergeDriver(Context&, const MergeDriverOptions& o) {
  MergeFileOutcome m = MergeFile(RealDisk(), {o.base, o.ours, o.theirs, o.path});
  for (const auto& note : m.notes) {
    fmt::print(stderr, "svc merge-driver: {}\n", EscapeControls(note));  // one line each
  }
  if (m.textual) {
    // git's own textual merge, leaving conflict markers in `ours`.
    fmt::print(stderr, "svc merge-driver: {}: {}; leaving git's conflict markers\n", o.path,
               EscapeControls(m.why));
    int code = 0;
    RunGit(".",
           {"merge-file", "-L", "ours", "-L", "base", "-L", "theirs", o.ours, o.base, o.theirs},
           nullptr, &code);
  }
  return m.exit_code;
}

int RunGitSetup(Context& ctx) {
  Status s = ctx.OpenStore();
  if (s.ok()) s = Store::EnsureGitFiles(ctx.store().root(), RealDisk());
  if (s.ok()) s = GitSetup(ctx.store().root(), SelfPath());
  if (!s.ok()) return Fail(s);
  fmt::print(stderr,
             "svc: git will merge ticket files with '{} merge-driver' in this clone "
             "(.gitattributes routes tickets/**/*.toml to it)\n",
             SelfPath());
  return 0;
}

int RunRenumber(Context& ctx, const GitOptions& o) {
  Status s = ctx.OpenStore();
  svc::Actor actor;
  RenumberResult r;
  if (s.ok()) s = ctx.MakeActor("", &actor);
  if (s.ok()) s = Renumber(ctx.store(), o.id, actor, &r);
  if (!s.ok()) return Fail(s);
  fmt::print("{}\n", r.renumbered);
  fmt::print(stderr, "svc: {} stays with the older receipt; the newer is now {}.\n", r.kept,
             r.renumbered);
  fmt::print(stderr, "references to update:\n");
  fmt::print(stderr, "  - tell the desk and the customer the new number {}\n", r.renumbered);
  fmt::print(stderr, "  - printed forms and mail that carry {} for this request\n", r.kept);
  for (const auto& rec : r.records) {
    fmt::print(stderr, "  - outbound record {} now belongs to {} (registry updated)\n", rec,
               r.renumbered);
  }
  std::vector<std::string> files = r.written;
  files.insert(files.end(), r.removed.begin(), r.removed.end());
  fmt::print(stderr, "  - commit: git add -A {}\n", fmt::join(files, " "));
  ctx.SetCommitMessage(fmt::format("{}: renumbered from {}", r.renumbered, r.kept));
  return 0;
}

int RunLog(Context& ctx, const GitOptions& o) {
  Status s = ctx.OpenStore();
  DocNumber id;
  Ticket current;
  if (s.ok()) s = ctx.store().Load(o.id, &current, &id);
  if (!s.ok()) return Fail(s);
  const int off = ctx.store().config().offset_minutes;  // every time in the company's time zone
  std::vector<GitCommitInfo> commits;
  std::vector<std::string> texts;
  s = GitFileHistory(ctx.store().root(), TicketPath(id), &commits, &texts);
  if (!s.ok()) return Fail(s);
  // Which commit added each event (in it, in none of its parents); warnings
  // where git and the history disagree (an event a parent had is gone).
  std::vector<std::pair<const GitCommitInfo*, Event>> added;
  std::vector<std::string> warnings;
  std::map<std::string, std::vector<Event>> at_commit;
  std::vector<Event> previous;  // the file at the newest commit
  auto has = [](const std::vector<Event>& events, const Event& e) {
    return std::find(events.begin(), events.end(), e) != events.end();
  };
  for (size_t i = 0; i < commits.size(); ++i) {
    const GitCommitInfo& c = commits[i];
    Ticket t;
    if (!texts[i].empty() && !ParseTicket(texts[i], c.hash.substr(0, 8), &t).ok()) {
      warnings.push_back(fmt::format("{} {}: the file could not be read in this commit",
                                     c.hash.substr(0, 8), FormatTimeShortIn(c.when, off)));
      continue;
    }
    std::vector<const std::vector<Event>*> parents;
    for (const auto& p : c.parents) {
      auto it = at_commit.find(p);
      if (it != at_commit.end()) parents.push_back(&it->second);
    }
    for (const auto* parent : parents) {
      for (const Event& old : *parent) {
        if (has(t.events, old)) continue;
        warnings.push_back(
            fmt::format("{} {} by {}: removed or edited the '{}' event of {} by {} — the history "
                        "must only grow",
                        c.hash.substr(0, 8), FormatTimeShortIn(c.when, off), c.author, old.action,
                        FormatTimeShortIn(old.at, off), old.actor));
      }
    }
    for (const Event& e : t.events) {
      bool inherited = false;
      for (const auto* parent : parents) inherited = inherited || has(*parent, e);
      if (inherited) continue;
      added.emplace_back(&c, e);
      if (c.when.secs - e.at.secs > 72 * 3600) {
        warnings.push_back(fmt::format(
            "{} {}: the '{}' event of {} was committed {} after it happened", c.hash.substr(0, 8),
            FormatTimeShortIn(c.when, off), e.action, FormatTimeShortIn(e.at, off),
            FormatDuration(Duration{c.when.secs - e.at.secs})));
      }
    }
    previous = t.events;
    at_commit[c.hash] = std::move(t.events);
  }
  for (const Event& e : current.events) {
    if (std::find(previous.begin(), previous.end(), e) == previous.end()) {
      added.emplace_back(nullptr, e);
    }
  }
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"event", "actor", "action", "commit", "committed", "by"});
  for (const auto& [c, e] : added) {
    rows.push_back({FormatTimeShortIn(e.at, off), e.actor, e.action,
                    c ? c->hash.substr(0, 8) : "(not committed)",
                    c ? FormatTimeShortIn(c->when, off) : "", c ? c->author : ""});
  }
  fmt::print("{}", FormatTable(rows));
  for (const auto& w : warnings) fmt::print("warning: {}\n", EscapeControls(w));
  return 0;
}

namespace {

// Prints each line git or the merge driver said, one per line.
void Relay(const std::vector<std::string>& lines, std::string_view who) {
  for (const auto& line : lines) fmt::print(stderr, "svc: {}{}\n", who, EscapeControls(line));
}

// A rebase or merge left for a person, with the commands that finish it.
int StoppedMidway(const std::string& root, std::string_view sync) {
  GitUnfinished u;
  Status s = GitFindUnfinished(root, &u);
  if (!s.ok()) return Fail(s);
  if (u.kind == GitUnfinished::Kind::kNone) return 0;
  return Fail(Status::NotAllowed(fmt::format("nothing was pushed: {}", GitFinishAdvice(u, sync))));
}

}  // namespace

int RunSync(Context& ctx, const GitOptions& o) {
  Status s = ctx.OpenStore();
  if (!s.ok()) return Fail(s);
  const std::string& root = ctx.store().root();
  const std::string_view sync = o.merge ? "svc sync --merge" : "svc sync";
  if (!InGitWorkTree(root)) {
    return Fail(Status::NotAllowed(fmt::format("{} is not in a git repository", root)));
  }
  if (int rc = StoppedMidway(root, sync)) return rc;
  s = GitCheckMergeDriver(root);
  if (!s.ok()) return Fail(s);
  std::string out;
  int code = 0;
  RunGit(root, {"status", "--porcelain", "--", "."}, &out, &code);
  if (!Trim(out).empty()) {
    return Fail(Status::NotAllowed(
        "there are uncommitted changes in the records: commit them (or use --commit) first"));
  }
  std::vector<std::string> decisions, errors;
  s = GitPull(root, !o.merge, &decisions, &errors);
  Relay(decisions, "");
  if (!s.ok()) {
    Relay(errors, "git: ");
    if (int rc = StoppedMidway(root, sync)) return rc;
    return Fail(Status::IOError(
        fmt::format("nothing was pushed: the pull failed (above); once git's cause is fixed, "
                    "run '{}' again",
                    sync)));
  }
  CheckSummary summary;
  s = CheckStore(
      ctx.store(), [](const Problem& p) { fmt::print("{}\n", UserProblem(p)); }, &summary);
  if (!s.ok()) return Fail(s);
  if (summary.problems) {
    fmt::print(stderr,
               "svc: nothing was pushed: {} problem{} after the pull (above). Fix them, commit, "
               "and run '{}' again.\n",
               summary.problems, summary.problems == 1 ? "" : "s", sync);
    return 1;
  }
  s = GitPush(root, &errors);
  if (!s.ok()) {
    Relay(errors, "git: ");
    return Fail(Status::IOError(fmt::format(
        "nothing was pushed: the push failed (above); once git's cause is fixed, run '{}' again",
        sync)));
  }
  fmt::print(stderr, "svc: pulled{}, checked {} ticket files, pushed\n",
             decisions.empty() ? "" : " (the merge decided as above)", summary.files);
  return 0;
}

}  // namespace svc::cli
