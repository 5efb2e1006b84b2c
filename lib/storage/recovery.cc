#include "storage/recovery.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <set>

#include "base/i18n.h"
#include "base/text.h"
#include "format/record_toml.h"
#include "format/ticket_toml.h"
#include "model/annual_plan.h"
#include "rules/annual_plan.h"
#include "storage/store.h"

namespace svc {
namespace {

constexpr std::string_view kJournalHeader =
    "# svc's intent journal: the files a command holding .svc/lock is writing (docs/FORMAT.md)\n";

bool IsRegistryEntryPath(std::string_view rel) {
  return rel.starts_with(std::string(kOutboundFolder) + "/") && IsRecordFileName(rel);
}

// Whether ticket `id` as stored has a dispatch filing `record` (or a
// booking into store taking it as its receipt's number, or a renumber
// giving one of them that number); false with
// *known false when the ticket cannot be read (then nothing is decided).
bool Files(const Store& store, const std::string& id, const std::string& record, bool* known) {
  Ticket t;
  *known = store.Load(id, &t).ok();
  if (!*known) return false;
  return std::any_of(t.events.begin(), t.events.end(), [&](const Event& e) {
    return (e.Is("dispatch") && e.View("record") == record) ||
           (e.Is("warehouse") && e.View("receipt") == record) ||
           (e.Is("renumber") && e.View("record") == record);  // svc renumber gave it anew
  });
}

// The registry entry `rel`: kept as abandoned (`abandon`) or removed when it
// exists and its ticket, readable, did not file it.
Status SettleEntry(const Store& store, const std::string& rel, bool abandon,
                   const RecoveryReport& report) {
  std::string text;
  Status s = store.ReadFile(rel, &text);
  if (s.code() == Status::Code::kNotFound) return Status::OK();
  SVC_RETURN_IF_ERROR(s);
  OutboundEntry e;
  if (!ParseOutboundEntry(text, store.Abs(rel), &e).ok() || e.abandoned) return Status::OK();
  bool known = false;
  if (Files(store, e.ticket, e.record, &known) || !known) return Status::OK();
  if (!abandon) return store.RemoveFile(rel);
  e.abandoned = true;
  SVC_RETURN_IF_ERROR(store.WriteFile(rel, WriteOutboundEntry(e)));
  store.Touch(rel);
  if (report) {
    report(e.receipt
               ? TrF("warehousing receipt {} was taken by an interrupted booking into store of "
                     "{}, which did not file it: kept as abandoned in {} (numbers are never "
                     "reused)",
                     e.record, e.ticket, store.Abs(rel))
               : TrF("outbound record {} was taken by an interrupted dispatch of {}, which did "
                     "not file it: kept as abandoned in {} (numbers are never reused)",
                     e.record, e.ticket, store.Abs(rel)));
  }
  return Status::OK();
}

// Whether the temporary file `name` in folder `dir` is an interrupted
// write's (recovery.h): always for a file written under the store lock; for
// the index, which readers rewrite without it, once its writer is gone (not
// this process, nor a running one).
bool IsLeftover(const Store& store, const std::string& dir, const std::string& name) {
  if (!IsTemporaryName(name)) return false;
  std::string index = IndexPath().substr(LocalFolder().size() + 1);
  if (dir != LocalFolder() || !name.starts_with("." + index + ".tmp")) return true;
  int pid = TemporaryWriter(name);  // this process's: another thread's, at work
  return pid == 0 || (pid != ProcessId() && !store.disk()->Running(pid));
}

// Removes the temporary files of interrupted writes in folder `dir`.
Status SweepFolder(const Store& store, const std::string& dir, const RecoveryReport& report) {
  std::vector<std::string> names;
  bool exists = false;
  SVC_RETURN_IF_ERROR(store.disk()->ListDir(store.Abs(dir), &names, &exists));
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    if (!IsLeftover(store, dir, name)) continue;
    std::string rel = JoinPath(dir, name);
    if (store.disk()->IsDir(store.Abs(rel))) continue;
    SVC_RETURN_IF_ERROR(store.disk()->RemoveFile(store.Abs(rel)));
    if (report) {
      report(TrF("removed the temporary file {} of an interrupted write", store.Abs(rel)));
    }
  }
  return Status::OK();
}

// Removes `folder` if it exists and is empty; *removed says whether it did.
Status RemoveIfEmpty(const Store& store, const std::string& folder, const RecoveryReport& report,
                     bool* removed) {
  *removed = false;
  std::vector<std::string> names;
  bool exists = false;
  SVC_RETURN_IF_ERROR(store.disk()->ListDir(store.Abs(folder), &names, &exists));
  if (!exists || !names.empty()) return Status::OK();
  SVC_RETURN_IF_ERROR(store.disk()->RemoveDir(store.Abs(folder)));
  *removed = true;
  if (report) report(TrF("removed the empty folder {}", store.Abs(folder)));
  return Status::OK();
}

// Removes month folder `dir` if it is empty, then its year folder if that is
// — also when the month folder was never made (a full disk, or a crash,
// between making the year's folder and the month's).
Status PruneFolder(const Store& store, const std::string& dir, const RecoveryReport& report) {
  // A kind's own folder (customers/) is made by its first record, which failed.
  for (const RecordKind* kind : AllKinds()) {
    if (kind->numbering == Numbering::kMonthly || dir != kind->folder) continue;
    bool removed = false;
    return RemoveIfEmpty(store, dir, report, &removed);
  }
  if (!IsMonthFolderPath(dir)) return Status::OK();
  bool removed = false;
  SVC_RETURN_IF_ERROR(RemoveIfEmpty(store, dir, report, &removed));
  // (a month folder never made — the year was, then the disk filled — leaves the year)
  if (!removed && store.disk()->Exists(store.Abs(dir))) return Status::OK();
  std::string year = Dirname(dir);
  removed = false;
  SVC_RETURN_IF_ERROR(RemoveIfEmpty(store, year, report, &removed));
  // outbound/ is made by the first dispatch, a monthly kind's folder (visits/)
  // by its first record (tickets/ by `svc init`, to stay).
  if (!removed || Dirname(year) == kTicketsFolder) return Status::OK();
  return RemoveIfEmpty(store, Dirname(year), report, &removed);
}

// The folders FindLeftovers looks in: the root, every kind's folder; for
// the registries (and kinds numbered by month) their year and month folders.
Status ForEachFolder(const Store& store, const std::function<Status(const std::string&)>& fn) {
  SVC_RETURN_IF_ERROR(fn(""));
  SVC_RETURN_IF_ERROR(fn(LocalFolder()));
  std::set<std::string> monthly = {std::string(kTicketsFolder), std::string(kOutboundFolder)};
  std::set<std::string> flat;
  for (const RecordKind* kind : AllKinds()) {
    (kind->numbering == Numbering::kMonthly ? monthly : flat).insert(std::string(kind->folder));
  }
  for (const std::string& folder : flat) {
    if (!monthly.count(folder)) SVC_RETURN_IF_ERROR(fn(folder));
  }
  std::vector<std::string> years, months;
  bool exists = false;
  for (const std::string& folder : monthly) {
    SVC_RETURN_IF_ERROR(fn(folder));
    SVC_RETURN_IF_ERROR(store.disk()->ListDir(store.Abs(folder), &years, &exists));
    std::sort(years.begin(), years.end());
    for (const std::string& y : years) {
      std::string year = JoinPath(folder, y);
      if (!IsYearFolderName(y) || !store.disk()->IsDir(store.Abs(year))) continue;
      SVC_RETURN_IF_ERROR(fn(year));
      SVC_RETURN_IF_ERROR(store.disk()->ListDir(store.Abs(year), &months, &exists));
      std::sort(months.begin(), months.end());
      for (const std::string& m : months) {
        std::string month = JoinPath(year, m);
        if (IsMonthFolderName(m) && store.disk()->IsDir(store.Abs(month))) {
          SVC_RETURN_IF_ERROR(fn(month));
        }
      }
    }
  }
  return Status::OK();
}

}  // namespace

std::string WriteJournal(const std::vector<std::string>& lines) {
  std::string out(kJournalHeader);
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

namespace {

// A path below the root, as svc writes them.
bool IsBelowRoot(std::string_view rel) {
  return !rel.empty() && !rel.starts_with('/') && rel.find("..") == std::string_view::npos;
}

// The first event of `t` and its receipt: which receipt a file holds.
bool SameReceipt(const Ticket& a, const Ticket& b) {
  if (a.events.empty() || b.events.empty()) return false;
  const Event& x = a.events.front();
  const Event& y = b.events.front();
  return a.received.secs == b.received.secs && x.at.secs == y.at.secs && x.actor == y.actor &&
         a.customer.name == b.customer.name && a.description == b.description;
}

// `svc renumber FROM` gave the newer receipt the number TO (ops/renumber.cc:
// TO's file first, then the older receipt at FROM's own path, the moved
// files removed, the registry entries rewritten). Once TO's file holds it,
// the rest is done again here, each step only if it is still to do.
Status CompleteRenumber(const Store& store, const std::string& from, const std::string& to,
                        const RecoveryReport& report) {
  DocNumber old_id, new_id;
  if (!ParseDocNumber(from, &old_id).ok() || !ParseDocNumber(to, &new_id).ok()) {
    return Status::OK();
  }
  Ticket moved;
  if (!store.Load(to, &moved).ok()) return Status::OK();  // not begun: nothing to undo
  bool by_renumber = std::any_of(moved.events.begin(), moved.events.end(), [&](const Event& e) {
    return e.Is("renumber") && e.View("from") == from;
  });
  if (!by_renumber) return Status::OK();
  const std::string canonical = TicketPath(old_id);
  const std::string dir = Dirname(canonical);
  std::vector<std::string> names;
  bool exists = false;
  SVC_RETURN_IF_ERROR(store.disk()->ListDir(store.Abs(dir), &names, &exists));
  std::sort(names.begin(), names.end());
  struct Holder {
    std::string rel;
    Ticket ticket;
  };
  std::vector<Holder> moved_copies, others;
  for (const std::string& name : names) {
    if (!HoldsNumber(name, old_id)) continue;
    Holder h{JoinPath(dir, name), {}};
    Store::Entry e;
    e.rel = h.rel;
    if (!store.LoadFile(e, &h.ticket).ok() || h.ticket.id != from) continue;
    (SameReceipt(h.ticket, moved) ? moved_copies : others).push_back(std::move(h));
  }
  // The older receipt at the number's own path.
  bool canonical_is_older = std::any_of(others.begin(), others.end(),
                                        [&](const Holder& h) { return h.rel == canonical; });
  if (!canonical_is_older && !others.empty()) {
    const Holder& older =
        *std::min_element(others.begin(), others.end(), [](const Holder& a, const Holder& b) {
          return a.ticket.received.secs < b.ticket.received.secs;
        });
    SVC_RETURN_IF_ERROR(store.WriteFile(canonical, WriteTicket(older.ticket)));
    store.Touch(canonical);
    if (report) report(TrF("renumber of {}: wrote {}", from, store.Abs(canonical)));
    if (older.rel != canonical) moved_copies.push_back(older);  // now a copy
  }
  for (const Holder& h : moved_copies) {
    if (h.rel == canonical) continue;
    SVC_RETURN_IF_ERROR(store.RemoveFile(h.rel));
    store.Touch(h.rel);
    if (report) report(TrF("renumber of {} to {}: removed {}", from, to, store.Abs(h.rel)));
  }
  std::vector<std::string> records;
  for (const Event& e : moved.events) {
    if (e.Is("dispatch")) records.emplace_back(e.View("record"));
  }
  for (const std::string& record : records) {
    DocNumber n;
    if (!ParseDocNumber(record, &n).ok()) continue;
    std::string rel = OutboundPath(n), text;
    OutboundEntry entry;
    if (!store.ReadFile(rel, &text).ok() || !ParseOutboundEntry(text, rel, &entry).ok() ||
        entry.ticket != from) {
      continue;
    }
    entry.ticket = to;
    SVC_RETURN_IF_ERROR(store.WriteFile(rel, WriteOutboundEntry(entry)));
    store.Touch(rel);
    if (report) report(TrF("renumber of {} to {}: {} now names {}", from, to, store.Abs(rel), to));
  }
  return Status::OK();
}

// The files of `folder`'s month that hold `id` (its own and `.dup` copies).
std::vector<std::string> HoldersOf(const Store& store, std::string_view folder,
                                   const DocNumber& id) {
  std::vector<std::string> names, rels;
  bool exists = false;
  std::string dir = MonthFolder(folder, id.year, id.month);
  if (!store.disk()->ListDir(store.Abs(dir), &names, &exists).ok()) return rels;
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    if (HoldsNumber(name, id)) rels.push_back(JoinPath(dir, name));
  }
  return rels;
}

// The end of a renumber of FROM: FROM's own file `canonical` holds `keep`
// (the holder that keeps the number; none: it held a moved copy too), every
// other holder in `rels` is removed.
Status SettleHolders(const Store& store, const std::vector<std::string>& rels,
                     const std::string& canonical, const std::optional<std::string>& keep,
                     const std::string& from, const std::string& to, const RecoveryReport& report) {
  for (const std::string& rel : rels) {
    if (rel == canonical && keep) {
      std::string text;
      if (store.ReadFile(rel, &text).ok() && text == *keep) continue;
      SVC_RETURN_IF_ERROR(store.WriteFile(rel, *keep));
      store.Touch(rel);
      if (report) report(TrF("renumber of {}: wrote {}", from, store.Abs(rel)));
      continue;
    }
    SVC_RETURN_IF_ERROR(store.RemoveFile(rel));
    store.Touch(rel);
    if (report) report(TrF("renumber of {} to {}: removed {}", from, to, store.Abs(rel)));
  }
  return Status::OK();
}

// `svc renumber FROM` of a registry number two tickets took (ops/renumber.cc:
// the later taker's ticket first, with `renumber` from FROM to TO, then TO's
// entry, then FROM's own file for the other ticket, the set-aside entries
// removed). Once the ticket holds its renumber, the rest is done here.
Status CompleteEntryRenumber(const Store& store, const std::string& from, const std::string& to,
                             const RecoveryReport& report) {
  DocNumber old_id, new_id;
  if (!ParseDocNumber(from, &old_id).ok() || !ParseDocNumber(to, &new_id).ok()) {
    return Status::OK();
  }
  std::vector<std::string> rels = HoldersOf(store, kOutboundFolder, old_id);
  std::optional<OutboundEntry> moved, kept;
  for (const std::string& rel : rels) {
    std::string text;
    OutboundEntry e;
    if (!store.ReadFile(rel, &text).ok() || !ParseOutboundEntry(text, rel, &e).ok()) continue;
    Ticket t;
    if (!store.Load(e.ticket, &t).ok()) continue;
    bool by_renumber = std::any_of(t.events.begin(), t.events.end(), [&](const Event& x) {
      return x.Is("renumber") && x.View("from") == from && x.View("record") == to;
    });
    if (by_renumber && !moved) {
      moved = e;
    } else if (!by_renumber && (!kept || rel == OutboundPath(old_id))) {
      kept = e;
    }
  }
  if (!moved) return Status::OK();  // not begun, or done: nothing to finish
  const std::string to_rel = OutboundPath(new_id);
  if (!store.disk()->Exists(store.Abs(to_rel))) {
    OutboundEntry e = *moved;
    e.record = to;
    SVC_RETURN_IF_ERROR(store.WriteFile(to_rel, WriteOutboundEntry(e)));
    store.Touch(to_rel);
    if (report) report(TrF("renumber of {} to {}: wrote {}", from, to, store.Abs(to_rel)));
  }
  std::optional<std::string> keep;
  if (kept) keep = WriteOutboundEntry(*kept);
  return SettleHolders(store, rels, OutboundPath(old_id), keep, from, to, report);
}

// `svc renumber FROM` of a record of a monthly kind (ops/renumber.cc: TO's
// file first, holding the newer record with `renumber` from FROM, then
// FROM's own file for the older, the set-aside copies removed). Once TO's
// file is in place, the rest is done here.
Status CompleteRecordRenumber(const Store& store, const std::string& from, const std::string& to,
                              const RecoveryReport& report) {
  DocNumber old_id;
  if (!ParseDocNumber(from, &old_id).ok()) return Status::OK();
  for (const RecordKind* kind : AllKinds()) {
    if (kind == &TicketKind() || kind->numbering != Numbering::kMonthly) continue;
    std::string to_rel;
    if (!RecordPath(*kind, to, &to_rel).ok()) continue;
    std::string text;
    Record moved;
    if (!store.ReadFile(to_rel, &text).ok() ||
        !ParseRecord(text, store.Abs(to_rel), *kind, &moved).ok()) {
      continue;
    }
    // The moved record as it was under FROM: its events before the renumber.
    size_t at = moved.events.size();
    for (size_t i = 0; i < moved.events.size(); ++i) {
      if (moved.events[i].Is("renumber") && moved.events[i].View("from") == from) at = i;
    }
    if (at == moved.events.size()) continue;  // not by this renumber
    Record was = moved;
    was.events.resize(at);
    was.Set("id", from);
    std::string was_text = WriteRecord(was);
    std::string canonical;
    SVC_RETURN_IF_ERROR(RecordPath(*kind, from, &canonical));
    std::optional<std::string> older;  // the other record's bytes
    std::vector<std::string> rels = HoldersOf(store, kind->folder, old_id);
    for (const std::string& rel : rels) {
      std::string t;
      if (store.ReadFile(rel, &t).ok() && t != was_text && (!older || rel == canonical)) older = t;
    }
    return SettleHolders(store, rels, canonical, older, from, to, report);
  }
  return Status::OK();
}

// `svc open --annual-plan REF` wrote the ticket TICKET, then the plan's
// `served` (ops/intake.cc): once the ticket's file exists naming REF, the
// plan gains the `served` it was to get, at the ticket's `open` (as the
// command would have written it). Nothing is done when the ticket was never
// written, or the plan already shows the item served (by it or, for
// `svc check` to report, by another).
Status CompleteServed(const Store& store, const std::string& ticket, const std::string& ref,
                      const RecoveryReport& report) {
  std::string year;
  int n = 0;
  if (!ParsePlanItemRef(ref, &year, &n).ok()) return Status::OK();
  Ticket t;
  Status s = store.Load(ticket, &t);
  if (s.code() == Status::Code::kNotFound || s.code() == Status::Code::kInvalidArgument) {
    return Status::OK();
  }
  SVC_RETURN_IF_ERROR(s);
  if (t.annual_plan != ref || t.events.empty()) return Status::OK();
  Record r;
  if (!store.LoadRecord(PlanKind(), year, &r).ok()) return Status::OK();
  PlanState st;
  if (!FoldPlan(r, std::nullopt, &st).ok()) return Status::OK();
  const PlanItem* it = st.Find(n);
  if (!it || it->served || it->cancelled || !it->approved) return Status::OK();
  const Event& open = t.events.front();
  Event e;
  e.at = open.at;
  e.recorded = open.recorded;
  e.actor = open.actor;
  e.action = std::string(plan_action::kServed);
  e.Set("item", static_cast<int64_t>(it->n));
  e.Set("added", it->added);
  e.Set("ticket", t.id);
  r.Append(std::move(e));
  if (!FoldPlan(r, std::nullopt, &st).ok()) return Status::OK();
  std::string rel;
  SVC_RETURN_IF_ERROR(RecordPath(PlanKind(), year, &rel));
  SVC_RETURN_IF_ERROR(store.WriteFile(rel, WriteRecord(r)));
  store.Touch(rel);
  if (report) {
    report(
        TrF("annual plan {}: item {} served by {}, as the interrupted 'svc open' "
            "meant ({})",
            year, n, t.id, store.Abs(rel)));
  }
  return Status::OK();
}

}  // namespace

std::vector<std::string> ParseJournal(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    size_t end = text.find('\n');
    if (end == std::string_view::npos) break;  // cut short
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end + 1);
    if (line.starts_with("write ") && IsBelowRoot(line.substr(6))) {
      lines.emplace_back(line);
    } else if ((line.starts_with("renumber ") || line.starts_with("renumber-entry ") ||
                line.starts_with("renumber-record ") || line.starts_with("annual-plan ")) &&
               Split(line, ' ').size() == 3) {
      lines.emplace_back(line);
    }
  }
  return lines;
}

Status SweepLocalTemporaries(const Store& store, const RecoveryReport& report) {
  return SweepFolder(store, LocalFolder(), report);
}

Status RecoverFiles(const Store& store, const std::vector<std::string>& lines,
                    const RecoveryMode& mode, const RecoveryReport& report) {
  std::set<std::string> swept;
  for (const std::string& line : lines) {
    if (line.starts_with("renumber")) {
      std::vector<std::string_view> w = Split(line, ' ');
      if (w.size() != 3) continue;
      std::string from(w[1]), to(w[2]);
      if (w[0] == "renumber") SVC_RETURN_IF_ERROR(CompleteRenumber(store, from, to, report));
      if (w[0] == "renumber-entry") {
        SVC_RETURN_IF_ERROR(CompleteEntryRenumber(store, from, to, report));
      }
      if (w[0] == "renumber-record") {
        SVC_RETURN_IF_ERROR(CompleteRecordRenumber(store, from, to, report));
      }
      continue;
    }
    if (!line.starts_with("write ")) continue;
    std::string rel = line.substr(6);
    std::string dir = Dirname(rel);
    if (dir == ".") dir = "";
    if (mode.sweep && swept.insert(dir).second)
      SVC_RETURN_IF_ERROR(SweepFolder(store, dir, report));
    if (IsRegistryEntryPath(rel)) {
      if (mode.interrupted || mode.created.count(rel)) {
        SVC_RETURN_IF_ERROR(SettleEntry(store, rel, mode.interrupted, report));
      }
    }
  }
  // A ticket opened for an item of the annual plan: its `served` follows
  // (after the sweep, so the plan is read and written without leftovers).
  for (const std::string& line : lines) {
    if (!line.starts_with("annual-plan ")) continue;
    std::vector<std::string_view> w = Split(line, ' ');
    SVC_RETURN_IF_ERROR(CompleteServed(store, std::string(w[1]), std::string(w[2]), report));
  }
  if (!mode.sweep) return Status::OK();
  for (const std::string& dir : swept) SVC_RETURN_IF_ERROR(PruneFolder(store, dir, report));
  return Status::OK();
}

Status FindLeftovers(const Store& store, const std::function<void(const Leftover&)>& found) {
  if (store.disk()->Exists(store.Abs(JournalPath()))) {
    found(Leftover{Leftover::Kind::kJournal, JournalPath()});
  }
  return ForEachFolder(store, [&](const std::string& dir) {
    std::vector<std::string> names;
    bool exists = false;
    SVC_RETURN_IF_ERROR(store.disk()->ListDir(store.Abs(dir), &names, &exists));
    if (!exists) return Status::OK();
    bool dated = IsMonthFolderPath(dir) || IsMonthFolderPath(JoinPath(dir, "01"));
    if (names.empty() && dated) {
      found(Leftover{Leftover::Kind::kEmptyFolder, dir});
      return Status::OK();
    }
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      std::string rel = JoinPath(dir, name);
      if (IsLeftover(store, dir, name) && !store.disk()->IsDir(store.Abs(rel))) {
        found(Leftover{Leftover::Kind::kTemporaryFile, rel});
      }
    }
    return Status::OK();
  });
}

std::string DescribeLeftover(const Leftover& l) {
  switch (l.kind) {
    case Leftover::Kind::kTemporaryFile:
      return _("a temporary file left by an interrupted write ('svc check --repair' removes it)");
    case Leftover::Kind::kEmptyFolder:
      return _("an empty folder left by an interrupted write ('svc check --repair' removes it)");
    case Leftover::Kind::kJournal:
      return _(
          "the intent journal of an interrupted command (the next svc command that writes, or "
          "'svc check --repair', completes or rolls back what it names)");
  }
  return "";
}

Status RepairStore(const Store& store, const RecoveryReport& report) {
  std::unique_ptr<FileLock> lock;
  SVC_RETURN_IF_ERROR(store.Lock(&lock));
  std::vector<Leftover> found;
  SVC_RETURN_IF_ERROR(FindLeftovers(store, [&](const Leftover& l) { found.push_back(l); }));
  // Entries first: an abandoned entry's rewrite may leave its own folder's sweep to do.
  SVC_RETURN_IF_ERROR(store.ForEachFile(
      [&](const Store::Entry& e) {
        if (e.stray) return Status::OK();
        return SettleEntry(store, e.rel, true, report);
      },
      kOutboundFolder));
  // Deepest first, so that a year folder emptied by its months goes too.
  std::reverse(found.begin(), found.end());
  for (const Leftover& l : found) {
    switch (l.kind) {
      case Leftover::Kind::kTemporaryFile:
        SVC_RETURN_IF_ERROR(store.disk()->RemoveFile(store.Abs(l.rel)));
        if (report)
          report(TrF("removed the temporary file {} of an interrupted write", store.Abs(l.rel)));
        break;
      case Leftover::Kind::kEmptyFolder:
        if (IsMonthFolderPath(l.rel)) {
          SVC_RETURN_IF_ERROR(PruneFolder(store, l.rel, report));
        } else {
          bool removed = false;
          SVC_RETURN_IF_ERROR(RemoveIfEmpty(store, l.rel, report, &removed));
        }
        break;
      case Leftover::Kind::kJournal:
        break;  // recovered by the lock
    }
  }
  return Status::OK();
}

}  // namespace svc
