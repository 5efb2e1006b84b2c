// merge-driver, git-setup, renumber, log, sync: svc and git (issue: offline
// and git-native). The rules live in lib/merge, lib/renumber and lib/git.
#include <unistd.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <set>

#include "base/text.h"
#include "commands.h"
#include "format/ticket_toml.h"
#include "ops/check.h"
#include "ops/renumber.h"
#include "rules/merge.h"
#include "storage/git.h"

namespace svc::cli {
namespace {

// The path of this svc binary, for git's config.
std::string SelfPath() {
  char buf[4096];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : "svc";
}

// git's own textual merge, leaving conflict markers in `ours`.
int TextualMerge(const MergeDriverOptions& o, const std::string& why) {
  fmt::print(stderr, "svc merge-driver: {}: {}; leaving git's conflict markers\n", o.path, why);
  int code = 0;
  RunGit(".", {"merge-file", "-L", "ours", "-L", "base", "-L", "theirs", o.ours, o.base, o.theirs},
         nullptr, &code);
  return 1;
}

Status ParseVersion(const std::string& file, const std::string& name, std::optional<Ticket>* out) {
  std::string text;
  SVC_RETURN_IF_ERROR(RealDisk()->ReadFile(file, &text));
  if (text.empty()) {
    out->reset();  // no common ancestor: both sides added the file
    return Status::OK();
  }
  Ticket t;
  SVC_RETURN_IF_ERROR(ParseTicket(text, name, &t));
  *out = std::move(t);
  return Status::OK();
}

}  // namespace

int RunMergeDriver(Context&, const MergeDriverOptions& o) {
  // The records directory is the part of the path before tickets/.
  std::string root = RootOfTicketFile(o.path);
  std::unique_ptr<Store> store;
  Status s = Store::Open(root, RealDisk(), &store);
  if (!s.ok()) return TextualMerge(o, s.message());
  std::optional<Ticket> base, ours, theirs;
  if (!(s = ParseVersion(o.base, o.path + " (base)", &base)).ok() ||
      !(s = ParseVersion(o.ours, o.path + " (ours)", &ours)).ok() ||
      !(s = ParseVersion(o.theirs, o.path + " (theirs)", &theirs)).ok()) {
    return TextualMerge(o, s.message());
  }
  if (!ours || !theirs) return TextualMerge(o, "one side is empty");
  MergeOutcome m;
  s = MergeTickets(base, *ours, *theirs, store->config(), &m);
  for (const auto& note : m.notes) fmt::print(stderr, "svc merge-driver: {}\n", note);
  if (s.ok()) {
    s = RealDisk()->WriteFileAtomic(o.ours, WriteTicket(m.merged));
    if (!s.ok()) return TextualMerge(o, s.message());
    return 0;
  }
  if (!m.merged.events.empty()) {
    // Every event of both sides is kept; the history needs a person.
    RealDisk()->WriteFileAtomic(o.ours, WriteTicket(m.merged));
    fmt::print(stderr,
               "svc merge-driver: {}: {}\n  every event of both sides is in the file; correct it, "
               "run 'svc check', then 'git add' it\n",
               o.path, s.message());
    return 1;
  }
  // Two requests under one number: the older receipt keeps it (R-4.5.2 policy),
  // the other is set aside for `svc renumber`.
  const Ticket& older = ours->received.secs <= theirs->received.secs ? *ours : *theirs;
  const Ticket& newer = &older == &*ours ? *theirs : *ours;
  DocNumber id;
  if (!ParseDocNumber(older.id, &id).ok()) return TextualMerge(o, s.message());
  std::string dup;
  for (int n = 1; n < 100; ++n) {
    dup = store->Abs(DuplicatePath(id, n));
    if (!RealDisk()->Exists(dup)) break;
  }
  if (!RealDisk()->WriteFileAtomic(dup, WriteTicket(newer)).ok() ||
      !RealDisk()->WriteFileAtomic(o.ours, WriteTicket(older)).ok()) {
    return TextualMerge(o, s.message());
  }
  fmt::print(
      stderr,
      "svc merge-driver: {} was given to two different requests in two clones; the older "
      "receipt ({}, {}) keeps it, the other ({}, {}) is set aside in {}.\n"
      "  Run 'svc renumber {}' to give it the next free number, then 'git add' and commit.\n",
      id.str(), older.customer.name, FormatTimeShort(older.received), newer.customer.name,
      FormatTimeShort(newer.received), dup, id.str());
  return 1;
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
                                     c.hash.substr(0, 8), FormatTimeShort(c.when)));
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
                        c.hash.substr(0, 8), FormatTimeShort(c.when), c.author, old.action,
                        FormatTimeShort(old.at), old.actor));
      }
    }
    for (const Event& e : t.events) {
      bool inherited = false;
      for (const auto* parent : parents) inherited = inherited || has(*parent, e);
      if (inherited) continue;
      added.emplace_back(&c, e);
      if (c.when.secs - e.at.secs > 72 * 3600) {
        warnings.push_back(
            fmt::format("{} {}: the '{}' event of {} was committed {} after it happened",
                        c.hash.substr(0, 8), FormatTimeShort(c.when), e.action,
                        FormatTimeShort(e.at), FormatDuration(Duration{c.when.secs - e.at.secs})));
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
    rows.push_back(
        {FormatTimeShort(e.at), e.actor, e.action, c ? c->hash.substr(0, 8) : "(not committed)",
         c ? FormatTimeShort(InOffset(c->when, ctx.store().config().offset_minutes)) : "",
         c ? c->author : ""});
  }
  fmt::print("{}", FormatTable(rows));
  for (const auto& w : warnings) fmt::print("warning: {}\n", w);
  return 0;
}

int RunSync(Context& ctx, const GitOptions& o) {
  Status s = ctx.OpenStore();
  if (!s.ok()) return Fail(s);
  const std::string& root = ctx.store().root();
  if (!InGitWorkTree(root)) {
    return Fail(Status::NotAllowed(fmt::format("{} is not in a git repository", root)));
  }
  std::string out;
  int code = 0;
  RunGit(root, {"status", "--porcelain", "--", "."}, &out, &code);
  if (!Trim(out).empty()) {
    return Fail(Status::NotAllowed(
        "there are uncommitted changes in the records: commit them (or use --commit) first"));
  }
  s = RunGit(root, {"pull", o.merge ? "--no-rebase" : "--rebase"}, &out);
  if (!s.ok()) {
    return Fail(Status::IOError(fmt::format(
        "{}; resolve what git reports, run 'svc check', then 'svc sync' again", s.message())));
  }
  CheckSummary summary;
  s = CheckStore(
      ctx.store(), [](const Problem& p) { fmt::print("{}\n", FormatProblem(p)); }, &summary);
  if (!s.ok()) return Fail(s);
  if (summary.problems) {
    fmt::print(stderr,
               "svc: nothing was pushed: {} problem{} after the pull (above). Fix them, commit, "
               "and run 'svc sync' again.\n",
               summary.problems, summary.problems == 1 ? "" : "s");
    return 1;
  }
  s = RunGit(root, {"push"}, &out);
  if (!s.ok()) return Fail(s);
  fmt::print(stderr, "svc: pulled, checked {} ticket files, pushed\n", summary.files);
  return 0;
}

}  // namespace svc::cli
