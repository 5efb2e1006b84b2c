// merge-driver, git-setup, renumber, log, sync: svc and git (issue: offline
// and git-native). The rules live in ops/merge_file.h, ops/renumber.h and storage/git.h.
#include <unistd.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <list>
#include <map>
#include <set>

#include "base/i18n.h"
#include "base/json.h"
#include "base/text.h"
#include "commands.h"
#include "flags.h"
#include "format/ticket_toml.h"
#include "ops/audit.h"
#include "ops/check.h"
#include "ops/merge_file.h"
#include "ops/receive.h"
#include "ops/renumber.h"
#include "ops/signers.h"
#include "storage/git.h"
#include "storage/paths.h"
#include "storage/signing.h"

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
    fmt::print(stderr, "svc merge-driver: {}\n",
               TrF("{}: {}; leaving git's conflict markers", EscapeControls(o.path),
                   EscapeControls(m.why)));
    int code = 0;
    RunGit(".",
           {"merge-file", "-L", "ours", "-L", "base", "-L", "theirs", o.ours, o.base, o.theirs},
           nullptr, &code);
  }
  return m.exit_code;
}

namespace {

// "records/" for --prefix records (or records/, ./records); "" for the top.
Status NormalPrefix(const std::string& option, std::string* prefix) {
  std::string p = *prefix;
  while (p.starts_with("./")) p = p.substr(2);
  while (p.ends_with("/")) p.pop_back();
  if (p == ".") p.clear();
  if (p.starts_with("/") || p.find("..") != std::string::npos ||
      p.find('\n') != std::string::npos) {
    return Status::InvalidArgument(
        TrF("{}: '{}' is not a folder inside the repository", option, EscapeControls(*prefix)));
  }
  *prefix = p.empty() ? p : p + "/";
  return Status::OK();
}

int RunGitSetupServer(Context& ctx, const GitOptions& o) {
  std::string prefix = o.prefix;
  std::string hook;
  Status s = NormalPrefix("--prefix", &prefix);
  const std::string dir = ctx.global().records.empty() ? "." : ctx.global().records;
  if (s.ok()) s = GitSetupServer(dir, SelfPath(), prefix, &hook);
  if (!s.ok()) return Fail(s);
  fmt::print(stderr, "svc: {}\n",
             TrF("{} now refuses a push whose commits break svc audit's rules or whose records "
                 "(at '{}') fail svc check, and any push that rewrites or deletes history "
                 "(receive.denyNonFastForwards, receive.denyDeletes)",
                 hook, prefix.empty() ? "." : prefix));
  return 0;
}

}  // namespace

int RunGitSetup(Context& ctx, const GitOptions& o) {
  const bool signing = !o.sign.empty() || !o.allow.empty();
  if (o.server && signing) {
    return Fail(Status::InvalidArgument(TrF("{}: not with --server (signing is set up in a clone)",
                                            o.sign.empty() ? "--allow" : "--sign")));
  }
  if (o.server) return RunGitSetupServer(ctx, o);
  if (!o.prefix.empty()) {
    return Fail(Status::InvalidArgument(_("--prefix: only with --server")));
  }
  if (signing) return RunGitSetupSign(ctx, o);
  Status s = ctx.OpenStore();
  if (s.ok()) s = ctx.store().EnsureGitFiles();
  if (s.ok()) s = GitSetup(ctx.store().root(), SelfPath());
  if (!s.ok()) return Fail(s);
  fmt::print(stderr, "svc: {}\n",
             TrF("git will merge ticket files with '{} merge-driver' in this clone "
                 "(.gitattributes routes tickets/**/*.toml to it)",
                 SelfPath()));
  return 0;
}

int RunPreReceive(Context& ctx, const GitOptions& o) {
  std::string prefix = o.prefix;
  Status s = NormalPrefix("--prefix", &prefix);
  if (!s.ok()) return Fail(s);
  std::string input(std::istreambuf_iterator<char>(std::cin), {});
  ReceiveRequest req;
  s = ParseRefUpdates(input, &req.updates);
  if (!s.ok()) return Fail(s);
  req.dir = ctx.global().records.empty() ? "." : ctx.global().records;
  req.prefix = prefix;
  // The pushed records are written out for svc check: $TMPDIR if set, else
  // memory (/dev/shm) where there is one, as thousands of small files are.
  std::error_code no_tmp;
  std::filesystem::path tmp = std::filesystem::temp_directory_path(no_tmp);
  if (std::getenv("TMPDIR") == nullptr && ::access("/dev/shm", W_OK | X_OK) == 0) tmp = "/dev/shm";
  std::string scratch = (tmp / "svc-receive-XXXXXX").string();
  if (!::mkdtemp(scratch.data())) {
    return Fail(Status::IOError(TrF("cannot make a scratch folder: {}", scratch)));
  }
  req.scratch = scratch;
  // The push happens now: check's rule on events dated more than a day ahead.
  req.present = Time{std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count(),
                     0};
  ReceiveSummary summary;
  s = CheckReceive(
      req,
      [](const PushRefusal& r) {
        fmt::print(
            stderr, "svc: {}\n",
            TrF("refused: {}",
                EscapeControls(fmt::format(
                    "{}: {}{}{}: {}", r.ref, r.commit.empty() ? "" : r.commit.substr(0, 12) + ": ",
                    r.file.empty() ? "" : r.file + ": ", r.rule, r.message))));
      },
      &summary);
  std::error_code ignored;
  std::filesystem::remove_all(scratch, ignored);
  if (!s.ok()) return Fail(s);
  if (summary.refusals) {
    fmt::print(stderr, "svc: {}\n",
               summary.refusals == 1
                   ? TrF("the push is refused ({} reason, above); nothing changed here. Run 'svc "
                         "audit' and 'svc check' in your clone, mend what they name with appended "
                         "events (svc correct, svc renumber), and push again.",
                         summary.refusals)
                   : TrF("the push is refused ({} reasons, above); nothing changed here. Run 'svc "
                         "audit' and 'svc check' in your clone, mend what they name with appended "
                         "events (svc correct, svc renumber), and push again.",
                         summary.refusals));
    return 1;
  }
  return 0;
}

namespace {
// RenumberResult::what's words (ops/renumber.h), looked up where shown.
[[maybe_unused]] constexpr const char* kHolders[] = {
    N_("outbound record"), N_("warehousing receipt"), N_("nonconformity"), N_("visit")};
}  // namespace

int RunRenumber(Context& ctx, const GitOptions& o) {
  Status s = ctx.OpenStore();
  svc::Actor actor;
  RenumberResult r;
  if (s.ok()) s = ctx.MakeActor("", &actor);
  if (s.ok()) s = Renumber(ctx.store(), o.id, actor, &r);
  if (!s.ok()) return Fail(s);
  fmt::print("{}\n", r.renumbered);
  std::vector<std::string> files = r.written;
  files.insert(files.end(), r.removed.begin(), r.removed.end());
  if (r.what != "ticket") {
    if (r.ticket.empty()) {
      fmt::print(stderr, "svc: {}\n",
                 TrF("{} {} stays with the older record; the newer is now {}.", _(r.what.c_str()),
                     r.kept, r.renumbered));
    } else {
      fmt::print(
          stderr, "svc: {}\n",
          TrF("{} {} stays with {}, which took it first; {} now files it as {}.", _(r.what.c_str()),
              r.kept, r.ticket, fmt::format("{}", fmt::join(r.records, ", ")), r.renumbered));
    }
    fmt::print(stderr, "{}", _("references to update:\n"));
    fmt::print(stderr, "{}",
               r.ticket.empty()
                   ? TrF("  - printed forms that carry {} for the other record\n", r.kept)
                   : TrF("  - printed forms that carry {} for the other ticket\n", r.kept));
    if (!files.empty()) {
      fmt::print(stderr, "{}",
                 TrF("  - commit: git add -A {}\n",
                     EscapeControls(fmt::format("{}", fmt::join(files, " ")))));
    }
    ctx.SetCommitMessage(fmt::format("{}: renumbered from {}", r.renumbered, r.kept));
    return 0;
  }
  fmt::print(stderr, "svc: {}\n",
             TrF("{} stays with the older receipt; the newer is now {}.", r.kept, r.renumbered));
  fmt::print(stderr, "{}", _("references to update:\n"));
  fmt::print(stderr, "{}",
             TrF("  - tell the desk and the customer the new number {}\n", r.renumbered));
  fmt::print(stderr, "{}",
             TrF("  - printed forms and mail that carry {} for this request\n", r.kept));
  for (const auto& rec : r.records) {
    fmt::print(stderr, "{}",
               TrF("  - outbound record {} now belongs to {} (registry updated)\n",
                   EscapeControls(rec), r.renumbered));
  }
  fmt::print(
      stderr, "{}",
      TrF("  - commit: git add -A {}\n", EscapeControls(fmt::format("{}", fmt::join(files, " ")))));
  ctx.SetCommitMessage(fmt::format("{}: renumbered from {}", r.renumbered, r.kept));
  return 0;
}

namespace {

// The audit's request for the records of `ctx` (a clone's work tree).
Status AuditRequestFor(Context& ctx, const std::string& since, AuditRequest* req) {
  const std::string& root = ctx.store().root();
  if (!InGitWorkTree(root)) {
    return Status::NotAllowed(
        TrF("{} is not in a git repository: there is no history to audit", root));
  }
  req->dir = root;
  SVC_RETURN_IF_ERROR(GitTreePrefix(root, &req->prefix));
  std::string head;
  if (!GitResolveCommit(root, "HEAD", &head).ok()) {
    return Status::NotAllowed(_("the records' repository has no commit yet: nothing to audit"));
  }
  req->revisions = {head};
  if (!since.empty()) {
    std::string from;
    Status s = GitResolveCommit(root, since, &from);
    if (!s.ok()) return Status::InvalidArgument(fmt::format("--since: {}", s.message()));
    req->revisions = {from + ".." + head};
  }
  const Config& config = ctx.store().config();
  req->offset_minutes = config.offset_minutes;
  req->require_signed = config.audit_signed;
  req->signers_at = head;  // allowed_signers as it stands at the audited head
  return Status::OK();
}

void FindingJson(JsonWriter& w, const AuditFinding& f, int off) {
  w.BeginObject();
  w.Field("commit", f.commit->hash);
  w.FieldOrNull("parent", f.parent);
  w.Field("author", f.commit->author);
  w.Field("committed", FormatTimeIn(f.commit->when, off));
  w.FieldOrNull("file", f.file);
  w.FieldOrNull("record", f.record);
  w.Field("rule", f.rule);
  w.Field("message", f.message);
  w.EndObject();
}

std::string FindingText(const AuditFinding& f, int off) {
  return EscapeControls(fmt::format("{} {} {}: {}{}: {}", f.commit->hash.substr(0, 12),
                                    FormatTimeShortIn(f.commit->when, off), f.commit->author,
                                    f.file.empty() ? "" : f.file + ": ", f.rule, f.message));
}

}  // namespace

int RunAudit(Context& ctx, const GitOptions& o) {
  Status s = ctx.OpenStore();
  AuditRequest req;
  if (s.ok()) s = AuditRequestFor(ctx, o.since, &req);
  if (!s.ok()) return Fail(s);
  const int off = req.offset_minutes;
  JsonWriter w;
  if (ctx.json()) {
    w.BeginObject();
    w.Field("head", req.revisions.front().substr(req.revisions.front().rfind('.') + 1));
    w.FieldOrNull("since", o.since);
    w.Key("findings");
    w.BeginArray();
  }
  AuditSink sink;
  sink.finding = [&](const AuditFinding& f) {
    if (ctx.json()) {
      FindingJson(w, f, off);
      fmt::print("{}", w.TakeSoFar());  // as found
    } else {
      fmt::print("{}\n", FindingText(f, off));
    }
  };
  AuditSummary summary;
  s = Audit(req, sink, &summary);
  if (!s.ok()) return Fail(s);
  if (ctx.json()) {
    w.EndArray();
    w.Field("commits", summary.commits);
    w.Field("findings_count", summary.findings);
    w.EndObject();
    fmt::print("{}", w.Take());
  }
  std::string found = summary.findings == 0   ? std::string(_("no findings"))
                      : summary.findings == 1 ? TrF("{} finding", summary.findings)
                                              : TrF("{} findings", summary.findings);
  const bool one = summary.commits == 1;
  std::string audited = o.since.empty()
                            ? (one ? TrF("audited {} commit: {}", summary.commits, found)
                                   : TrF("audited {} commits: {}", summary.commits, found))
                            : (one ? TrF("audited {} commit after {}: {}", summary.commits,
                                         EscapeControls(o.since), found)
                                   : TrF("audited {} commits after {}: {}", summary.commits,
                                         EscapeControls(o.since), found));
  fmt::print(stderr, "svc: {}\n", audited);
  return summary.findings ? 1 : 0;
}

int RunLog(Context& ctx, const GitOptions& o) {
  Status s = ctx.OpenStore();
  DocNumber id;
  Ticket current;
  if (s.ok()) s = ctx.store().Load(o.id, &current, &id);
  AuditRequest req;
  if (s.ok()) s = AuditRequestFor(ctx, "", &req);
  if (!s.ok()) return Fail(s);
  const int off = req.offset_minutes;
  // The ticket's file, the files a merge set aside under its number, and
  // those of the numbers it was renumbered from.
  std::vector<DocNumber> numbers = {id};
  for (const Event& e : current.events) {
    DocNumber from;
    if (e.Is("renumber") && ParseDocNumber(e.Str("from"), &from).ok()) numbers.push_back(from);
  }
  for (const DocNumber& n : numbers) {
    req.files.push_back(TicketPath(n));
    for (int k = 1; k <= 3; ++k) req.files.push_back(DuplicatePath(n, k));
  }
  req.require_signed = false;  // signatures are the whole store's audit
  std::vector<std::pair<AuditCommit, Event>> added;
  std::vector<AuditFinding> findings;
  std::list<AuditCommit> commits;  // the findings' commits
  AuditSink sink;
  sink.added = [&](const AuditCommit& c, const std::string& file, const Event& e) {
    if (file == TicketPath(id) || e.Is("renumber")) added.emplace_back(c, e);
  };
  sink.finding = [&](const AuditFinding& f) {
    commits.push_back(*f.commit);
    findings.push_back(f);
    findings.back().commit = &commits.back();
  };
  AuditSummary summary;
  s = Audit(req, sink, &summary);
  if (!s.ok()) return Fail(s);
  std::vector<const Event*> uncommitted;
  for (const Event& e : current.events) {
    bool seen =
        std::any_of(added.begin(), added.end(), [&](const auto& a) { return a.second == e; });
    if (!seen) uncommitted.push_back(&e);
  }
  if (ctx.json()) {
    JsonWriter w;
    w.BeginObject();
    w.Field("id", current.id);
    w.Key("events");
    w.BeginArray();
    auto event_json = [&](const Event& e, const AuditCommit* c) {
      w.BeginObject();
      w.Field("at", FormatTimeIn(e.at, off));
      w.Field("actor", e.actor);
      w.Field("action", e.action);
      w.FieldOrNull("commit", c ? c->hash : "");
      w.FieldOrNull("committed", c ? FormatTimeIn(c->when, off) : "");
      w.FieldOrNull("author", c ? c->author : "");
      w.EndObject();
    };
    for (const auto& [c, e] : added) event_json(e, &c);
    for (const Event* e : uncommitted) event_json(*e, nullptr);
    w.EndArray();
    w.Key("findings");
    w.BeginArray();
    for (const auto& f : findings) FindingJson(w, f, off);
    w.EndArray();
    w.EndObject();
    fmt::print("{}", w.Take());
    return findings.empty() ? 0 : 1;
  }
  std::vector<std::vector<std::string>> rows;
  rows.push_back({_("event"), _("actor"), _("action"), _("commit"), _("committed"), _("by")});
  for (const auto& [c, e] : added) {
    rows.push_back({FormatTimeShortIn(e.at, off), e.actor, e.action, c.hash.substr(0, 8),
                    FormatTimeShortIn(c.when, off), c.author});
  }
  for (const Event* e : uncommitted) {
    rows.push_back(
        {FormatTimeShortIn(e->at, off), e->actor, e->action, _("(not committed)"), "", ""});
  }
  fmt::print("{}", FormatTable(rows));
  for (const auto& f : findings) fmt::print("{}", TrF("finding: {}\n", FindingText(f, off)));
  return findings.empty() ? 0 : 1;
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
  return Fail(Status::NotAllowed(TrF("nothing was pushed: {}", GitFinishAdvice(u, sync))));
}

}  // namespace

int RunSync(Context& ctx, const GitOptions& o) {
  Status s = ctx.OpenStore();
  if (!s.ok()) return Fail(s);
  const std::string& root = ctx.store().root();
  const std::string_view sync = o.merge ? "svc sync --merge" : "svc sync";
  if (!InGitWorkTree(root)) {
    return Fail(Status::NotAllowed(TrF("{} is not in a git repository", root)));
  }
  if (int rc = StoppedMidway(root, sync)) return rc;
  s = GitCheckMergeDriver(root);
  if (!s.ok()) return Fail(s);
  std::string out;
  int code = 0;
  RunGit(root, {"status", "--porcelain", "--", "."}, &out, &code);
  if (!Trim(out).empty()) {
    return Fail(Status::NotAllowed(
        _("there are uncommitted changes in the records: commit them (or use --commit) first")));
  }
  std::vector<std::string> decisions, errors;
  s = GitPull(root, !o.merge, &decisions, &errors);
  Relay(decisions, "");
  if (!s.ok()) {
    Relay(errors, "git: ");
    if (int rc = StoppedMidway(root, sync)) return rc;
    return Fail(Status::IOError(TrF(
        "nothing was pushed: the pull failed (above); once git's cause is fixed, run '{}' again",
        sync)));
  }
  CheckSummary summary;
  Time present;
  if (!(s = ctx.Present(&present)).ok()) return Fail(s);
  s = CheckStore(
      ctx.store(), [](const Problem& p) { fmt::print("{}\n", UserProblem(p)); }, &summary, nullptr,
      std::nullopt, present);
  if (!s.ok()) return Fail(s);
  if (summary.problems) {
    fmt::print(stderr, "svc: {}\n",
               summary.problems == 1
                   ? TrF("nothing was pushed: {} problem after the pull (above). Fix them, commit, "
                         "and run '{}' again.",
                         summary.problems, sync)
                   : TrF("nothing was pushed: {} problems after the pull (above). Fix them, "
                         "commit, and run '{}' again.",
                         summary.problems, sync));
    return 1;
  }
  s = GitPush(root, &errors);
  if (!s.ok()) {
    Relay(errors, "git: ");
    return Fail(Status::IOError(TrF(
        "nothing was pushed: the push failed (above); once git's cause is fixed, run '{}' again",
        sync)));
  }
  fmt::print(stderr, "svc: {}\n",
             decisions.empty()
                 ? TrF("pulled, checked {} record files, pushed", summary.files)
                 : TrF("pulled (the merge decided as above), checked {} record files, pushed",
                       summary.files));
  return 0;
}

}  // namespace svc::cli
