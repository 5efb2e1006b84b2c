#include "ops/audit.h"

#include <fmt/format.h>

#include <algorithm>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>

#include "base/i18n.h"
#include "base/text.h"
#include "format/fast_reader.h"
#include "format/record_toml.h"
#include "format/ticket_toml.h"
#include "model/record.h"
#include "rules/state.h"
#include "storage/disk.h"
#include "storage/git.h"
#include "storage/paths.h"
#include "storage/signing.h"

namespace svc {
namespace {

constexpr std::string_view kNoObject = "0000000000000000000000000000000000000000";
// Versions kept parsed for the next change of the same file (Auditor::recent_).
constexpr size_t kRecentVersions = 4096;

// One line of a commit's raw diff against one parent.
struct Change {
  char status = 0;  // A, M, D, T
  std::string old_oid, new_oid;
  std::string path;  // relative to the records directory
};

struct Block {
  std::string parent;  // "" for a root commit
  std::vector<Change> changes;
};

// One version of one record file.
struct Version {
  bool readable = false;
  std::string why;        // when not readable
  bool registry = false;  // an outbound registry entry (no history)
  Record record;          // a record of any kind (a ticket as TicketRecord)
  OutboundEntry entry;    // a registry entry
  std::string number;     // the record's number
  std::string identity;   // what stays the same through a renumber: its first event
};

bool IsRegistryPath(std::string_view rel) {
  return rel.starts_with(std::string(kOutboundFolder) + "/") && rel.ends_with(".toml");
}

// A record file svc keeps (any kind's folder, or the registry).
bool IsRecordPath(const std::string& rel) {
  if (IsRegistryPath(rel)) return true;
  std::string root;
  return rel.ends_with(".toml") && KindOfPath(rel, &root) != nullptr && root == ".";
}

std::string EventIdentity(const Event& e) {
  return fmt::format("{}|{}|{}|{}", e.at.secs, e.recorded ? e.recorded->secs : -1, e.actor,
                     e.action);
}

std::string Short(std::string_view hash) {
  return std::string(hash.substr(0, 12));
}

// `e` with `amend = true`, as the merge marks the later of a step both sides recorded.
std::optional<Event> MarkedAmended(const RecordKind* kind, const Event& e) {
  if (!kind || !kind->Amendable(e.action) || e.Flag("amend")) return std::nullopt;
  Event x = e;
  x.Set("amend", true);
  return x;
}

bool Holds(const std::vector<Event>& events, const Event& e) {
  return std::find(events.begin(), events.end(), e) != events.end();
}

class Auditor {
 public:
  Auditor(const AuditRequest& req, const AuditSink& sink, AuditSummary* summary)
      : req_(req), sink_(sink), summary_(summary) {}

  Status Run();

 private:
  Status ReadSignatures();
  Status ReadSignerChanges();
  Status ParseLog(GitStream* log);
  Status Judge(AuditCommit commit, std::vector<Block> blocks);
  Status Load(const std::string& oid, const std::string& path, std::shared_ptr<Version>* out);
  void Report(const AuditCommit& c, const std::string& parent, const std::string& file,
              const std::string& record, std::string_view rule, std::string message);
  // What one block (the commit against one parent) did to its files; *matched
  // gets, for each file of the commit, the parent's version of the same record.
  Status JudgeBlock(const AuditCommit& c, const Block& b,
                    std::map<std::string, std::shared_ptr<Version>>* matched);
  void Compare(const AuditCommit& c, const std::string& parent, const std::string& file,
               const Version& old, const Version& now, bool renumbered);
  Status JudgeNew(const AuditCommit& c, const std::string& file, const Version& now,
                  const std::vector<const Version*>& before, bool added);
  void JudgeSignature(const AuditCommit& c);
  // A second holder of a number in a `.dup` file: a finding unless a later
  // commit renumbers it.
  void SetAside(const AuditCommit& c, const std::string& file, const Version& v);
  std::string Describe(const Version& v) const;
  std::string When(const Time& t) const { return FormatTimeShortIn(t, req_.offset_minutes); }

  const AuditRequest& req_;
  const AuditSink& sink_;
  AuditSummary* summary_;
  std::unique_ptr<GitObjects> objects_;
  std::unordered_map<std::string, GitSignature> signatures_;
  // Commits that changed allowed_signers without a good signature by a key
  // their parent's version allowed: the finding's message.
  std::unordered_map<std::string, std::string> signer_changes_;
  // The versions read last, by object and path, most recent first: a
  // commit's new version is its parent's version in the file's next change
  // (and Judge reads it again after JudgeBlock), so most are parsed once.
  // A Version is never changed once read: it may be shared.
  std::list<std::pair<std::string, std::shared_ptr<Version>>> recent_;
  std::unordered_map<std::string, decltype(recent_)::iterator> recent_index_;
  std::set<std::string> reported_;  // file|rule|message of the commit being judged
  // Each number's first holder in the walk: its identity and the commit.
  std::unordered_map<std::string, std::pair<std::string, std::string>> holders_;
  // A `.dup` not (yet) renumbered: its commit and finding, given at the end.
  std::list<AuditCommit> kept_commits_;
  std::map<std::string, AuditFinding> pending_dups_;
};

void Auditor::Report(const AuditCommit& c, const std::string& parent, const std::string& file,
                     const std::string& record, std::string_view rule, std::string message) {
  if (!reported_.insert(fmt::format("{}|{}|{}", file, rule, message)).second) return;
  AuditFinding f{&c, parent, file, record, std::string(rule), std::move(message)};
  ++summary_->findings;
  if (sink_.finding) sink_.finding(f);
}

std::string Auditor::Describe(const Version& v) const {
  if (v.registry) return TrF("outbound record {} (of {})", v.entry.record, v.entry.ticket);
  std::string text = v.number.empty() ? std::string(_("a record")) : v.number;
  std::string_view name = v.record.View("customer.name");
  const Value* received = v.record.Find("received");
  if (received && std::holds_alternative<Time>(*received)) {
    std::string when = When(std::get<Time>(*received));
    return name.empty() ? TrF("{} (received {})", text, when)
                        : TrF("{} ({}, received {})", text, name, when);
  }
  if (!name.empty() || received) text += fmt::format(" ({})", name);
  return text;
}

Status Auditor::Load(const std::string& oid, const std::string& path,
                     std::shared_ptr<Version>* out) {
  const std::string key = oid + ":" + path;
  if (auto hit = recent_index_.find(key); hit != recent_index_.end()) {
    recent_.splice(recent_.begin(), recent_, hit->second);
    *out = hit->second->second;
    return Status::OK();
  }
  auto v = std::make_shared<Version>();
  std::string text;
  bool found = false;
  SVC_RETURN_IF_ERROR(objects_->Read(oid, &text, &found));
  if (!found) {
    v->why = TrF("git has no object {}", oid);
    *out = std::move(v);
    return Status::OK();
  }
  Status s;
  if (IsRegistryPath(path)) {
    v->registry = true;
    s = ParseOutboundEntry(text, path, &v->entry);
    v->number = v->entry.record;
  } else {
    std::string root;
    const RecordKind* kind = KindOfPath(path, &root);
    if (kind == &TicketKind()) {
      Ticket t;
      s = ReadTicket(text, path, &t);
      if (s.ok()) v->record = TicketRecord(t);
    } else if (kind) {
      s = ParseRecord(text, path, *kind, &v->record);
    }
    v->number = std::string(v->record.View("id"));
    if (!v->record.events.empty()) v->identity = EventIdentity(v->record.events.front());
  }
  v->readable = s.ok();
  if (!s.ok()) v->why = s.message();
  recent_.emplace_front(key, v);
  recent_index_[key] = recent_.begin();
  if (recent_.size() > kRecentVersions) {
    recent_index_.erase(recent_.back().first);
    recent_.pop_back();
  }
  *out = std::move(v);
  return Status::OK();
}

void Auditor::Compare(const AuditCommit& c, const std::string& parent, const std::string& file,
                      const Version& old, const Version& now, bool renumbered) {
  if (old.registry || now.registry) return;
  // The header: filed once; svc correct appends, svc renumber gives a new number.
  std::map<std::string, std::pair<const Value*, const Value*>> fields;
  for (const auto& [k, v] : old.record.header) fields[k].first = &v;
  for (const auto& [k, v] : now.record.header) fields[k].second = &v;
  for (const auto& [key, values] : fields) {
    if (key == "id" && renumbered) continue;
    const auto& [a, b] = values;
    if (a && b && *a == *b) continue;
    Report(c, parent, file, now.number, "form-changed",
           TrF("{}: the form's {} was changed from '{}' to '{}', not by svc correct", now.number,
               key, a ? ValueText(*a) : "", b ? ValueText(*b) : ""));
  }
  // The history: only ever grows.
  const std::vector<Event>& after = now.record.events;
  for (const Event& e : old.record.events) {
    if (Holds(after, e)) continue;
    if (std::optional<Event> marked = MarkedAmended(old.record.kind, e);
        marked && Holds(after, *marked)) {
      // The merge's mark on the later of a step both sides recorded: honest
      // when the history holds the other.
      bool other = std::any_of(after.begin(), after.end(), [&](const Event& x) {
        return x.action == e.action && !(x == *marked);
      });
      if (other) continue;
    }
    const Event* edited = nullptr;
    for (const Event& x : after) {
      if (x.action == e.action && x.at.secs == e.at.secs && !Holds(old.record.events, x)) {
        edited = &x;
        break;
      }
    }
    if (edited) {
      std::vector<std::string> what;
      if (edited->actor != e.actor) what.push_back("actor");
      if (edited->recorded != e.recorded) what.push_back("recorded");
      std::set<std::string> keys;
      for (const auto& [k, v] : e.fields) keys.insert(k);
      for (const auto& [k, v] : edited->fields) keys.insert(k);
      for (const auto& k : keys) {
        const Value* a = e.Find(k);
        const Value* b = edited->Find(k);
        if (!(a && b && *a == *b) && (a || b)) {
          what.push_back(
              fmt::format("{} '{}' → '{}'", k, a ? ValueText(*a) : "", b ? ValueText(*b) : ""));
        }
      }
      Report(c, parent, file, now.number, "event-changed",
             TrF("{}: the '{}' event of {} by {} was changed ({})", now.number, e.action,
                 When(e.at), e.actor, fmt::join(what, ", ")));
    } else {
      Report(c, parent, file, now.number, "event-removed",
             TrF("{}: the '{}' event of {} by {} was removed", now.number, e.action, When(e.at),
                 e.actor));
    }
  }
}

Status Auditor::JudgeBlock(const AuditCommit& c, const Block& b,
                           std::map<std::string, std::shared_ptr<Version>>* matched) {
  std::map<std::string, std::shared_ptr<Version>> before, after;
  std::map<std::string, char> status;
  for (const Change& ch : b.changes) {
    status[ch.path] = ch.status;
    if (ch.old_oid != kNoObject) SVC_RETURN_IF_ERROR(Load(ch.old_oid, ch.path, &before[ch.path]));
    if (ch.new_oid != kNoObject) SVC_RETURN_IF_ERROR(Load(ch.new_oid, ch.path, &after[ch.path]));
    ++summary_->files;
  }
  // svc renumber in this commit: number → the new number it gave; for a
  // number of the registry (an outbound record's, a receipt's), given anew
  // to one of the two tickets that took it: number → the new number.
  std::map<std::string, std::string> renumbers, record_renumbers;
  std::multimap<std::string, std::string> by_identity;  // identity → file
  for (const auto& [file, v] : after) {
    if (!v->readable) {
      Report(c, b.parent, file, "", "unreadable",
             TrF("svc cannot read this version of the file: {}", v->why));
      continue;
    }
    if (v->registry) continue;
    if (!v->identity.empty()) by_identity.emplace(v->identity, file);
    auto old = before.find(file);
    for (const Event& e : v->record.events) {
      if (e.action != "renumber") continue;
      if (old != before.end() && old->second->readable && Holds(old->second->record.events, e))
        continue;
      if (e.View("record").empty()) {
        renumbers[e.Str("from")] = v->number;
      } else {
        record_renumbers[e.Str("from")] = e.Str("record");
      }
    }
  }
  for (const auto& [file, old] : before) {
    if (!old->readable) continue;  // reported in the commit that made it so
    auto now = after.find(file);
    if (old->registry) {
      bool renumbered = record_renumbers.count(old->number) > 0;
      if (now == after.end() && IsDuplicatePath(file) && renumbered) {
        pending_dups_.erase(file);  // the entry a merge set aside, settled by svc renumber
      } else if (now == after.end()) {
        Report(c, b.parent, file, old->number, "file-deleted",
               TrF("{}: the registry entry of {} was deleted", old->number, Describe(*old)));
      } else if (now->second->readable) {
        const OutboundEntry& a = old->entry;
        const OutboundEntry& z = now->second->entry;
        auto it = renumbers.find(a.ticket);
        bool by_renumber = (it != renumbers.end() && it->second == z.ticket) || renumbered;
        if (a.ticket != z.ticket && !by_renumber) {
          Report(c, b.parent, file, old->number, "form-changed",
                 TrF("{}: the registry entry's ticket was changed from {} to {}, not by "
                     "svc renumber",
                     old->number, a.ticket, z.ticket));
        }
        if (a.record != z.record) {
          Report(c, b.parent, file, old->number, "form-changed",
                 TrF("{}: the registry entry's record was changed to {}", old->number, z.record));
        }
        // A number kept as abandoned stays so (R-4.5.2: never reused); marking
        // one abandoned is svc's recovery of an interrupted dispatch.
        if (a.abandoned && !z.abandoned) {
          Report(c, b.parent, file, old->number, "form-changed",
                 TrF("{}: the registry entry's abandoned number was taken back", old->number));
        }
      }
      continue;
    }
    if (now != after.end() && now->second->readable && now->second->identity == old->identity) {
      Compare(c, b.parent, file, *old, *now->second, false);
      (*matched)[file] = old;
      continue;
    }
    // The record is not in its file any more: moved, renumbered or gone.
    std::string moved_to;
    auto range = by_identity.equal_range(old->identity);
    for (auto it = range.first; it != range.second && !old->identity.empty(); ++it) {
      if (it->second != file) moved_to = it->second;
    }
    if (moved_to.empty()) {
      if (IsDuplicatePath(file)) pending_dups_.erase(file);
      Report(c, b.parent, file, old->number, "file-deleted",
             now == after.end()
                 ? (old->record.events.size() == 1 ? TrF("{} and its {} event were deleted",
                                                         Describe(*old), old->record.events.size())
                                                   : TrF("{} and its {} events were deleted",
                                                         Describe(*old), old->record.events.size()))
                 : TrF("{} is gone: the file now holds another record, {}", Describe(*old),
                       Describe(*now->second)));
      continue;
    }
    const Version& moved = *after[moved_to];
    bool honest = false;
    bool renumbered = moved.number != old->number;
    if (renumbered) {
      auto it = renumbers.find(old->number);
      honest = it != renumbers.end() && it->second == moved.number;
    } else if (IsDuplicatePath(moved_to) && !IsDuplicatePath(file)) {
      // Set aside by the merge: the file now holds the other request under the number.
      honest = now != after.end() && now->second->readable && now->second->number == old->number;
    } else if (IsDuplicatePath(file) && !IsDuplicatePath(moved_to)) {
      honest = renumbers.count(old->number) > 0;  // svc renumber moves the older receipt back
    }
    if (IsDuplicatePath(file) && honest) pending_dups_.erase(file);
    if (IsDuplicatePath(moved_to) && honest) SetAside(c, moved_to, moved);
    if (!honest) {
      Report(c, b.parent, file, old->number, "file-renamed",
             renumbered ? TrF("{} was moved to {} as {}, not by svc renumber", Describe(*old),
                              moved_to, moved.number)
                        : TrF("{} was moved to {}", Describe(*old), moved_to));
    }
    Compare(c, b.parent, moved_to, *old, moved, renumbered);
    (*matched)[moved_to] = old;
  }
  return Status::OK();
}

Status Auditor::JudgeNew(const AuditCommit& c, const std::string& file, const Version& now,
                         const std::vector<const Version*>& before, bool added) {
  if (now.readable && now.registry && IsDuplicatePath(file)) {
    SetAside(c, file, now);  // a finding until svc renumber settles it
  }
  if (!now.readable || now.registry) return Status::OK();
  for (const Event& e : now.record.events) {
    bool old = false;
    for (const Version* v : before) {
      old = old || Holds(v->record.events, e);
      if (!old && e.Flag("amend")) {
        // The merge's mark on an event the parent had unmarked.
        for (const Event& x : v->record.events) {
          std::optional<Event> marked = MarkedAmended(v->record.kind, x);
          if (marked && *marked == e) old = true;
        }
      }
    }
    if (old) continue;
    if (sink_.added) sink_.added(c, file, e);
    // An amendment happens when it is written: its `at` is the
    // corrected step's time, its `recorded` the correction's.
    const Time happened = e.Flag("amend") ? Time{EnteredSecs(e), e.at.offset_minutes} : e.at;
    int64_t late = c.when.secs - happened.secs;
    if (late > kLateCommitSecs) {
      Report(c, "", file, now.number, "late-commit",
             TrF("{}: the '{}' event of {} by {} was committed {} after it happened", now.number,
                 e.action, When(happened), e.actor, FormatDuration(Duration{late})));
    }
  }
  if (!added || now.number.empty()) return Status::OK();
  // A new record: does its number belong to another?
  if (IsDuplicatePath(file)) {
    SetAside(c, file, now);
    return Status::OK();
  }
  DocNumber id;
  if (ParseDocNumber(now.number, &id).ok()) {
    const std::string canonical = TicketPath(id);
    if (canonical != file) {
      std::string text;
      bool found = false;
      SVC_RETURN_IF_ERROR(objects_->Read(c.hash + ":" + req_.prefix + canonical, &text, &found));
      if (found) {
        Report(c, "", file, now.number, "number-duplicated",
               TrF("{} is held by two records: {} in {}, and {}", now.number, Describe(now), file,
                   canonical));
        return Status::OK();  // one finding for one duplicate
      }
    }
  }
  auto [it, first] = holders_.try_emplace(now.number, now.identity, c.hash);
  if (first || it->second.first == now.identity) return Status::OK();
  // Given again only where the first holder is in this commit's history: two
  // clones numbering offline, in parallel, is what the merge sets aside in a
  // `.dup` (judged there).
  int code = 0;
  SVC_RETURN_IF_ERROR(
      RunGit(req_.dir, {"merge-base", "--is-ancestor", it->second.second, c.hash}, nullptr, &code));
  if (code == 0) {
    Report(c, "", file, now.number, "number-duplicated",
           TrF("{} was given again: {} is not the record that held it in commit {}", now.number,
               Describe(now), Short(it->second.second)));
  }
  return Status::OK();
}

void Auditor::SetAside(const AuditCommit& c, const std::string& file, const Version& v) {
  kept_commits_.push_back(c);
  pending_dups_[file] =
      AuditFinding{&kept_commits_.back(),
                   "",
                   file,
                   v.number,
                   "number-duplicated",
                   TrF("{} is held by two records: {} was set aside in {}; 'svc renumber "
                       "{}' gives it the next free number",
                       v.number, Describe(v), file, v.number)};
}

void Auditor::JudgeSignature(const AuditCommit& c) {
  if (!req_.require_signed) return;
  if (auto change = signer_changes_.find(c.hash); change != signer_changes_.end()) {
    Report(c, "", AllowedSignersPath(), "", "unsigned", change->second);
  }
  // git's %G? for SSH signatures (checked with real keys): G a good signature
  // by a key of allowed_signers; N none; U a good signature by a key the file
  // does not allow (not listed, or retired by valid-before before the
  // commit's committer time); B a signature that does not verify (the commit
  // changed after signing). E, X, Y, R are git's verdicts on OpenPGP ones.
  auto it = signatures_.find(c.hash);
  const GitSignature none;
  const GitSignature& sig = it == signatures_.end() ? none : it->second;
  std::string why;
  switch (sig.code) {
    case 'G':
      return;
    case 'N':
      why = _("the commit is not signed");
      break;
    case 'U':
      why = TrF(
          "the commit is signed by key {}, which allowed_signers does not allow (not in the file, "
          "or retired by its valid-before before the commit)",
          sig.key.empty() ? std::string(_("(fingerprint unknown)")) : sig.key);
      break;
    case 'B':
      why = _(
          "the commit's signature does not verify: the commit was changed after it was signed, or "
          "the signature is forged");
      break;
    case 'E':
      why = TrF("the commit's signature cannot be checked{}",
                sig.key.empty() ? std::string() : TrF(" (key {})", sig.key));
      break;
    case 'X':
    case 'Y':
      why =
          TrF("the commit is signed by an expired OpenPGP key {}, not by a key of "
              "allowed_signers",
              sig.key);
      break;
    case 'R':
      why =
          TrF("the commit is signed by a revoked OpenPGP key {}, not by a key of "
              "allowed_signers",
              sig.key);
      break;
    default:
      why = TrF("git's verdict on the commit's signature is '{}'{}", sig.code,
                sig.key.empty() ? std::string() : TrF(" (key {})", sig.key));
  }
  Report(c, "", "", "", "unsigned", why);
}

Status Auditor::Judge(AuditCommit commit, std::vector<Block> blocks) {
  ++summary_->commits;
  reported_.clear();
  const AuditCommit& c = commit;
  std::vector<std::map<std::string, std::shared_ptr<Version>>> matched(blocks.size());
  for (size_t i = 0; i < blocks.size(); ++i) {
    SVC_RETURN_IF_ERROR(JudgeBlock(c, blocks[i], &matched[i]));
  }
  // What is new in the commit, against every parent: only where the commit
  // differs from each (a merge that took one side whole brings nothing new).
  const size_t parents = std::max<size_t>(c.parents.size(), 1);
  if (blocks.size() == parents) {
    std::map<std::string, int> seen;  // file → blocks it changed in with one new version
    std::map<std::string, std::string> oids;
    std::map<std::string, int> added;
    for (const Block& b : blocks) {
      for (const Change& ch : b.changes) {
        if (ch.new_oid == kNoObject) continue;
        auto [it, first] = oids.try_emplace(ch.path, ch.new_oid);
        if (!first && it->second != ch.new_oid) continue;
        ++seen[ch.path];
        if (ch.status == 'A') ++added[ch.path];
      }
    }
    for (const auto& [file, n] : seen) {
      if (n != static_cast<int>(blocks.size())) continue;
      std::shared_ptr<Version> now;
      SVC_RETURN_IF_ERROR(Load(oids[file], file, &now));
      std::vector<const Version*> before;
      bool any_before = false;
      for (auto& m : matched) {
        auto it = m.find(file);
        if (it != m.end()) {
          before.push_back(it->second.get());
          any_before = true;
        }
      }
      // A new file: a new record, or the merge's `.dup` (a record of one
      // parent set aside: new in the commit, though that parent held it).
      const bool is_new =
          added[file] == static_cast<int>(blocks.size()) && (!any_before || IsDuplicatePath(file));
      SVC_RETURN_IF_ERROR(JudgeNew(c, file, *now, before, is_new));
    }
  }
  JudgeSignature(c);
  return Status::OK();
}

// Reads `git log --pretty=raw -m --raw -z`: a commit's header ("commit H
// (from P)", its parents, author, message; a merge once for each parent it
// differs from), then its raw diff against that parent, a status and a path
// token per file.
Status Auditor::ParseLog(GitStream* log) {
  std::string token;
  std::optional<AuditCommit> commit;
  std::vector<Block> blocks;
  std::optional<Change> pending;  // a status line waiting for its path
  auto status_line = [&](std::string_view line) {
    // ":100644 100644 <old> <new> M"
    std::vector<std::string_view> f = Split(line.substr(1), ' ');
    if (f.size() < 5 || blocks.empty()) return;
    Change ch;
    ch.old_oid = std::string(f[2]);
    ch.new_oid = std::string(f[3]);
    ch.status = f[4].empty() ? '?' : f[4][0];
    pending = std::move(ch);
  };
  while (log->Next(&token)) {
    if (token.starts_with("commit ")) {
      std::string_view text = token;
      std::string_view head = text;
      std::string_view diff;
      if (size_t colon = text.find("\n:"); colon != std::string_view::npos) {
        head = text.substr(0, colon);
        diff = text.substr(colon + 1);
      }
      std::string_view first = head.substr(0, head.find('\n'));
      std::string hash(first.substr(7, first.find(' ', 7) == std::string_view::npos
                                           ? std::string_view::npos
                                           : first.find(' ', 7) - 7));
      std::string from;
      if (size_t f = first.find("(from "); f != std::string_view::npos) {
        from = std::string(first.substr(f + 6, first.find(')', f) - f - 6));
      }
      if (!commit || commit->hash != hash) {
        if (commit) SVC_RETURN_IF_ERROR(Judge(std::move(*commit), std::move(blocks)));
        blocks.clear();
        commit.emplace();
        commit->hash = hash;
        for (std::string_view line : Split(head, '\n')) {
          if (line.empty()) break;  // the message follows
          if (line.starts_with("parent ")) commit->parents.emplace_back(line.substr(7));
          if (line.starts_with("author ")) {
            std::string_view rest = line.substr(7);
            size_t gt = rest.rfind('>');
            commit->author = std::string(rest.substr(0, gt == std::string_view::npos ? 0 : gt + 1));
            std::vector<std::string_view> tail = Split(Trim(rest.substr(gt + 1)), ' ');
            int64_t secs = 0;
            for (char ch : tail.empty() ? std::string_view() : tail[0]) {
              if (ch >= '0' && ch <= '9') secs = secs * 10 + (ch - '0');
            }
            commit->when = Time{secs, req_.offset_minutes};
          }
        }
      }
      blocks.push_back(Block{from, {}});
      if (!diff.empty()) status_line(diff);
      continue;
    }
    if (token.empty()) continue;
    if (pending) {
      std::string path = token;
      if (!req_.prefix.empty()) {
        if (!path.starts_with(req_.prefix)) {
          pending.reset();
          continue;
        }
        path = path.substr(req_.prefix.size());
      }
      pending->path = std::move(path);
      if (IsRecordPath(pending->path)) blocks.back().changes.push_back(std::move(*pending));
      pending.reset();
      continue;
    }
    if (token.front() == ':') status_line(token);
  }
  if (commit) SVC_RETURN_IF_ERROR(Judge(std::move(*commit), std::move(blocks)));
  return Status::OK();
}

std::vector<std::string> Pathspecs(const AuditRequest& req) {
  std::vector<std::string> specs;
  for (const auto& f : req.files) specs.push_back(":(top,literal)" + req.prefix + f);
  if (specs.empty() && !req.prefix.empty()) specs.push_back(":(top,literal)" + req.prefix);
  return specs;
}

Status Auditor::ReadSignatures() {
  if (!req_.require_signed) return Status::OK();
  // The allowed signers as they stand at the audited head (or the file named).
  std::string signers;
  if (!req_.signers_at.empty()) {
    bool found = false;
    SVC_RETURN_IF_ERROR(objects_->Read(req_.signers_at + ":" + req_.prefix + AllowedSignersPath(),
                                       &signers, &found));
    if (!found) {
      return Status::NotAllowed(
          TrF("[audit] signed = true, but the records have no {} file in commit {}: add each "
              "signer's key with 'svc git-setup --sign KEY' and commit it",
              AllowedSignersPath(), Short(req_.signers_at)));
    }
  } else if (Status s = RealDisk()->ReadFile(req_.allowed_signers, &signers); !s.ok()) {
    if (s.code() != Status::Code::kNotFound) return s;
    return Status::NotAllowed(
        TrF("[audit] signed = true, but the records have no {} file: add each signer's key with "
            "'svc git-setup --sign KEY' and commit it",
            AllowedSignersPath()));
  }
  std::vector<std::string> args = {"--full-history"};
  args.insert(args.end(), req_.revisions.begin(), req_.revisions.end());
  args.push_back("--");
  for (const auto& p : Pathspecs(req_)) args.push_back(p);
  SVC_RETURN_IF_ERROR(GitReadSignatures(req_.dir, signers, args, &signatures_));
  return ReadSignerChanges();
}

// Adding a signer is audited: a commit whose allowed_signers differs from a
// parent's version must be signed by a key that version allowed. The commit
// that first adds the file (no parent has one) is the bootstrap: nothing to
// hold it to.
Status Auditor::ReadSignerChanges() {
  const std::string path = req_.prefix + AllowedSignersPath();
  std::vector<std::string> args = {"log", "--full-history", "--format=%H%x00%P%x00"};
  args.insert(args.end(), req_.revisions.begin(), req_.revisions.end());
  args.push_back("--");
  args.push_back(":(top,literal)" + path);
  std::unique_ptr<GitStream> log;
  SVC_RETURN_IF_ERROR(GitStream::Start(req_.dir, args, &log));
  std::vector<std::pair<std::string, std::string>> changed;  // commit, its parents
  std::string hash, parents;
  while (log->Next(&hash) && log->Next(&parents)) {
    changed.emplace_back(std::string(Trim(hash)), std::string(Trim(parents)));
  }
  SVC_RETURN_IF_ERROR(log->Finish());
  // Each parent's version → the commits to check against it.
  std::map<std::string, std::vector<std::string>> against;
  for (const auto& [commit, parent_list] : changed) {
    std::string now;
    bool exists = false;
    SVC_RETURN_IF_ERROR(objects_->Read(commit + ":" + path, &now, &exists));
    for (std::string_view parent : Split(parent_list, ' ')) {
      if (parent.empty()) continue;
      std::string before;
      bool existed = false;
      SVC_RETURN_IF_ERROR(objects_->Read(std::string(parent) + ":" + path, &before, &existed));
      if (!existed || (exists && now == before)) continue;
      std::vector<std::string>& commits = against[before];
      if (commits.empty() || commits.back() != commit) commits.push_back(commit);
    }
  }
  for (const auto& [before, commits] : against) {
    std::unordered_map<std::string, GitSignature> verdicts;
    std::vector<std::string> walk = {"--no-walk=unsorted"};
    walk.insert(walk.end(), commits.begin(), commits.end());
    SVC_RETURN_IF_ERROR(GitReadSignatures(req_.dir, before, walk, &verdicts));
    for (const std::string& commit : commits) {
      const GitSignature& sig = verdicts[commit];
      if (sig.code == 'G') continue;
      signer_changes_.try_emplace(
          commit, TrF("changed allowed_signers without a signature from a key it already "
                      "allowed ({})",
                      sig.code == 'N'   ? std::string(_("the commit is not signed"))
                      : sig.key.empty() ? std::string(_("its signature does not verify"))
                                        : TrF("signed by key {}", sig.key)));
    }
  }
  return Status::OK();
}

Status Auditor::Run() {
  SVC_RETURN_IF_ERROR(GitObjects::Start(req_.dir, &objects_));
  SVC_RETURN_IF_ERROR(ReadSignatures());
  std::vector<std::string> args = {"log", "--reverse",    "--topo-order", "--full-history",
                                   "-m",  "--raw",        "--no-renames", "--no-abbrev",
                                   "-z",  "--pretty=raw", "--no-color"};
  args.insert(args.end(), req_.revisions.begin(), req_.revisions.end());
  args.push_back("--");
  for (const auto& p : Pathspecs(req_)) args.push_back(p);
  std::unique_ptr<GitStream> log;
  SVC_RETURN_IF_ERROR(GitStream::Start(req_.dir, args, &log));
  Status s = ParseLog(log.get());
  Status finished = log->Finish();
  SVC_RETURN_IF_ERROR(s);
  SVC_RETURN_IF_ERROR(finished);
  for (auto& [file, f] : pending_dups_) {
    ++summary_->findings;
    if (sink_.finding) sink_.finding(f);
  }
  return Status::OK();
}

}  // namespace

Status Audit(const AuditRequest& request, const AuditSink& sink, AuditSummary* summary) {
  *summary = AuditSummary{};
  Auditor a(request, sink, summary);
  return a.Run();
}

}  // namespace svc
