#include "ops/merge_file.h"

#include <fmt/format.h>

#include <memory>
#include <optional>
#include <utility>

#include "base/i18n.h"
#include "format/fast_reader.h"
#include "format/record_toml.h"
#include "format/ticket_toml.h"
#include "ops/record_ops.h"
#include "rules/merge.h"
#include "rules/state.h"
#include "storage/paths.h"
#include "storage/store.h"

namespace svc {
namespace {

// Leaves the file to git's textual merge, which leaves conflict markers.
void FallBack(MergeFileOutcome* out, std::string why) {
  out->exit_code = 1;
  out->textual = true;
  out->why = std::move(why);
}

// One version of the file (`file`, one of %O %A %B), parsed by `parse` under
// `name`; none when it is empty (no common ancestor: both sides added the file).
template <typename T, typename Parse>
Status ParseVersion(Disk* disk, const std::string& file, const std::string& name,
                    const Parse& parse, std::optional<T>* out) {
  std::string text;
  SVC_RETURN_IF_ERROR(disk->ReadFile(file, &text));
  if (text.empty()) {
    out->reset();
    return Status::OK();
  }
  T v;
  SVC_RETURN_IF_ERROR(parse(text, name, &v));
  *out = std::move(v);
  return Status::OK();
}

// The three versions git names, read in its order (base, ours, theirs).
template <typename T, typename Parse>
Status ParseVersions(Disk* disk, const MergeFileRequest& r, const Parse& parse,
                     std::optional<T>* base, std::optional<T>* ours, std::optional<T>* theirs) {
  SVC_RETURN_IF_ERROR(ParseVersion(disk, r.base, TrF("{} (base)", r.path), parse, base));
  SVC_RETURN_IF_ERROR(ParseVersion(disk, r.ours, TrF("{} (ours)", r.path), parse, ours));
  return ParseVersion(disk, r.theirs, TrF("{} (theirs)", r.path), parse, theirs);
}

// The merged file in %A: 0 for git, or its textual merge if it cannot be written.
void WriteMerged(Disk* disk, const MergeFileRequest& r, std::string_view text,
                 MergeFileOutcome* out) {
  Status s = disk->WriteFileAtomic(r.ours, text);
  if (!s.ok()) FallBack(out, s.message());
}

// A merged history that does not replay: every event of both sides is kept
// in %A; the history needs a person.
void KeepEveryEvent(Disk* disk, const MergeFileRequest& r, std::string_view text, const Status& why,
                    MergeFileOutcome* out) {
  (void)disk->WriteFileAtomic(r.ours, text);
  out->notes.push_back(
      TrF("{}: {}; every event of both sides is in the file: correct it, run 'svc "
          "check', then 'git add' it",
          r.path, why.message()));
  out->exit_code = 1;
}

// A free `.dup` path next to `path` (".../X.toml" -> ".../X.dup.toml",
// ".../X.dup2.toml", ...): where a merge sets aside the other holder of X.
std::string FreeDuplicatePath(Disk* disk, const std::string& path) {
  constexpr std::string_view kToml = ".toml";
  std::string stem = path.substr(0, path.size() - kToml.size());
  std::string dup;
  for (int n = 1; n < 100; ++n) {
    dup = fmt::format("{}.dup{}{}", stem, n == 1 ? "" : std::to_string(n), kToml);
    if (!disk->Exists(dup)) break;
  }
  return dup;
}

// Two requests under one number: the older receipt keeps it (R-4.5.2
// policy), the other is set aside for `svc renumber`.
void SetAsideNewer(Disk* disk, const MergeFileRequest& r, const Store& store, const Ticket& ours,
                   const Ticket& theirs, const Status& why, MergeFileOutcome* out) {
  const Ticket& older = ours.received.secs <= theirs.received.secs ? ours : theirs;
  const Ticket& newer = &older == &ours ? theirs : ours;
  DocNumber id;
  if (!ParseDocNumber(older.id, &id).ok()) return FallBack(out, why.message());
  std::string dup;
  for (int n = 1; n < 100; ++n) {
    dup = store.Abs(DuplicatePath(id, n));
    if (!disk->Exists(dup)) break;
  }
  if (!disk->WriteFileAtomic(dup, WriteTicket(newer)).ok() ||
      !disk->WriteFileAtomic(r.ours, WriteTicket(older)).ok()) {
    return FallBack(out, why.message());
  }
  out->notes.push_back(TrF(
      "{} was given to two different requests in two clones; the older receipt ({}, {}) keeps "
      "it, the other ({}, {}) is set aside in {}: run 'svc renumber {}' to give it the next free "
      "number, then 'git add' what it names",
      id.str(), older.customer.name, FormatTimeShort(older.received), newer.customer.name,
      FormatTimeShort(newer.received), dup, id.str()));
  out->exit_code = 1;
}

void MergeTicketFile(Disk* disk, const MergeFileRequest& r, const Store& store,
                     MergeFileOutcome* out) {
  std::optional<Ticket> base, ours, theirs;
  // The fast reader where it can (it reads what it accepts exactly as
  // ParseTicket does), toml++ and its messages for the rest.
  auto parse = [](std::string_view text, const std::string& name, Ticket* t) {
    return ReadTicket(text, name, t);
  };
  Status s = ParseVersions(disk, r, parse, &base, &ours, &theirs);
  if (!s.ok()) return FallBack(out, s.message());
  if (!ours || !theirs) return FallBack(out, _("one side is empty"));
  MergeOutcome m;
  s = MergeTickets(base, *ours, *theirs, store.config(), &m);
  out->notes = std::move(m.notes);
  if (s.ok()) return WriteMerged(disk, r, WriteTicket(m.merged), out);
  if (!m.merged.events.empty()) return KeepEveryEvent(disk, r, WriteTicket(m.merged), s, out);
  SetAsideNewer(disk, r, store, *ours, *theirs, s, out);
}

// Two clones took one number of the registry outbound/ (an outbound record's
// or a warehousing receipt's) for two different tickets: ours stays in the
// file, theirs is set aside next to it; `svc renumber` decides which keeps
// the number (the one taken first) and gives the other the next free one.
void MergeRegistryFile(Disk* disk, const MergeFileRequest& r, MergeFileOutcome* out) {
  std::optional<OutboundEntry> base, ours, theirs;
  auto parse = [](std::string_view text, const std::string& name, OutboundEntry* e) {
    return ParseOutboundEntry(text, name, e);
  };
  Status s = ParseVersions(disk, r, parse, &base, &ours, &theirs);
  if (!s.ok()) return FallBack(out, s.message());
  if (!ours || !theirs) return FallBack(out, _("one side is empty"));
  std::string a = WriteOutboundEntry(*ours), b = WriteOutboundEntry(*theirs);
  if (a == b || (base && WriteOutboundEntry(*base) == b)) return WriteMerged(disk, r, a, out);
  if (base && WriteOutboundEntry(*base) == a) return WriteMerged(disk, r, b, out);
  if (ours->record != theirs->record || ours->ticket == theirs->ticket) {
    return FallBack(out, _("the entry was changed on both sides"));
  }
  std::string dup = FreeDuplicatePath(disk, r.path);
  if (!disk->WriteFileAtomic(dup, b).ok() || !disk->WriteFileAtomic(r.ours, a).ok()) {
    return FallBack(out, _("the other entry could not be set aside"));
  }
  out->notes.push_back(TrF(
      "{} was taken in two clones for two tickets, {} and {}; the other entry is set aside in {}: "
      "run 'svc renumber {}' (the one taken first keeps it, the other gets the next free "
      "number), then 'git add -A'",
      ours->record, ours->ticket, theirs->ticket, dup, ours->record));
  out->exit_code = 1;
}

// Two clones filed two records of a monthly kind under one number offline
// (a visit's BF-26-11-01, a nonconformity report's NC-26-11-01): as for
// tickets, the older keeps the number, the newer is set aside for `svc
// renumber`.
void SetAsideNewerRecord(Disk* disk, const MergeFileRequest& r, const Record& ours,
                         const Record& theirs, MergeFileOutcome* out) {
  bool ours_older = MadeBefore(ours, theirs);  // the same either way round
  const Record& older = ours_older ? ours : theirs;
  const Record& newer = ours_older ? theirs : ours;
  std::string dup = FreeDuplicatePath(disk, r.path);
  if (!disk->WriteFileAtomic(dup, WriteRecord(newer)).ok() ||
      !disk->WriteFileAtomic(r.ours, WriteRecord(older)).ok()) {
    return FallBack(out, _("the newer record could not be set aside"));
  }
  std::string id(older.View("id"));
  out->notes.push_back(
      TrF("{} {} was given to two different records in two clones; the older ({}) keeps it, the "
          "other ({}) is set aside in {}: run 'svc renumber {}' to give it the next free number, "
          "then 'git add -A'",
          older.kind->name, id, FormatTimeShort(MadeAt(older)), FormatTimeShort(MadeAt(newer)), dup,
          id));
  out->exit_code = 1;
}

}  // namespace

void MergeRecordFile(Disk* disk, const MergeFileRequest& r, const RecordKind& kind,
                     const Config& config, MergeFileOutcome* out) {
  std::optional<Record> base, ours, theirs;
  auto parse = [&kind](std::string_view text, const std::string& name, Record* rec) {
    return ParseRecord(text, name, kind, rec);
  };
  Status s = ParseVersions(disk, r, parse, &base, &ours, &theirs);
  if (!s.ok()) return FallBack(out, s.message());
  if (!ours || !theirs) return FallBack(out, _("one side is empty"));
  if (!base && kind.numbering == Numbering::kMonthly && &kind != &TicketKind() &&
      kind.Allows("renumber") && ours->header != theirs->header) {
    return SetAsideNewerRecord(disk, r, *ours, *theirs, out);
  }
  // A serial number (a customer's K0005), or a number that is no sequence
  // (a month's write-off, HX-26-11-01): git's conflict markers keep both.
  if (!base && kind.numbering != Numbering::kYearly && &kind != &TicketKind() &&
      ours->header != theirs->header) {
    // Two clones created a record under one serial number offline (a
    // customer's K0005 is given by each clone's own listing).
    return FallBack(out, TrF("{} {} was created in two clones for two different records; git's "
                             "conflict markers keep both: keep one under {}, and add the other "
                             "again (it gets the next free number) with its history",
                             kind.name, ours->View("id"), ours->View("id")));
  }
  Record merged;
  s = MergeRecords(
      base, *ours, *theirs,
      [&config](const Record& rec, size_t* failed) { return ReplayRecord(rec, config, failed); },
      &merged, &out->notes);
  if (s.ok()) return WriteMerged(disk, r, WriteRecord(merged), out);
  if (!merged.events.empty()) return KeepEveryEvent(disk, r, WriteRecord(merged), s, out);
  FallBack(out, s.message());  // the header was edited on both sides
}

MergeFileOutcome MergeFile(Disk* disk, const MergeFileRequest& r) {
  MergeFileOutcome out;
  std::string folder = std::string(kOutboundFolder) + "/";
  if (r.path.starts_with(folder) || r.path.find("/" + folder) != std::string::npos) {
    MergeRegistryFile(disk, r, &out);  // the registry of numbers: no record kind
    return out;
  }
  std::string root;  // the records directory: the part of the path before the kind's folder
  const RecordKind* kind = KindOfPath(r.path, &root);
  if (!kind) {
    FallBack(&out, _("svc keeps no kind of record in this folder"));
    return out;
  }
  std::unique_ptr<Store> store;
  Status s = Store::Open(root, disk, &store);
  if (!s.ok()) {
    FallBack(&out, s.message());
  } else if (kind == &TicketKind()) {
    MergeTicketFile(disk, r, *store, &out);
  } else {
    MergeRecordFile(disk, r, *kind, store->config(), &out);
  }
  return out;
}

}  // namespace svc
