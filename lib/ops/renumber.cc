#include "ops/renumber.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/i18n.h"
#include "format/record_toml.h"
#include "format/ticket_toml.h"
#include "ops/record_ops.h"
#include "rules/state.h"
#include "storage/paths.h"

namespace svc {
namespace {

// The files of `folder`'s month that hold `id` (its own and the `.dup`
// copies a merge set aside), in name order.
Status Holders(const Store& store, std::string_view folder, const DocNumber& id,
               std::vector<std::string>* rels) {
  rels->clear();
  std::vector<std::string> names;
  bool exists = false;
  std::string dir = MonthFolder(folder, id.year, id.month);
  SVC_RETURN_IF_ERROR(store.disk()->ListDir(store.Abs(dir), &names, &exists));
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    if (!HoldsNumber(name, id)) continue;
    rels->push_back(JoinPath(dir, name));
  }
  return Status::OK();
}

// The next free number of `id`'s code and month in `folder`.
Status NextFree(const Store& store, std::string_view folder, const DocNumber& id, DocNumber* next) {
  std::vector<int> taken;
  SVC_RETURN_IF_ERROR(store.TakenSequences(folder, id.code, id.year, id.month, &taken));
  SVC_RETURN_IF_ERROR(NextNumber(id.code, StartOfDay(Date{id.year, id.month, 1}, 0), taken,
                                 store.config().sequence_width, next));
  next->year = id.year;
  next->month = id.month;
  return Status::OK();
}

Event RenumberEvent(const Actor& actor, const std::string& from) {
  Event e = NewEvent("renumber", actor.now, actor.now, actor.name);
  e.Set("from", from);
  return e;
}

// A ticket that took the registry's number `number`: when (its dispatch or
// its booking), and whether it still holds it (no `renumber` moved it on;
// then `moved_to` is the number it has now).
struct Taker {
  std::string rel;
  OutboundEntry entry;
  Ticket ticket;
  int64_t at = 0;
  bool holds = false;
  std::string moved_to;
};

void WhenTaken(const std::string& number, Taker* t) {
  for (const Event& e : t->ticket.events) {
    bool took = (e.Is("dispatch") && e.View("record") == number) ||
                (e.Is("warehouse") && e.View("receipt") == number);
    if (took && !t->holds && t->moved_to.empty()) {
      t->at = e.at.secs;
      t->holds = true;
    }
    if (e.Is("renumber") && e.View("from") == number && !e.View("record").empty()) {
      t->holds = false;
      t->moved_to = e.Str("record");
    }
  }
}

// Only the canonical file left, holding `keep`: the other holders removed.
Status KeepOnly(const Store& store, const std::vector<std::string>& rels,
                const std::string& canonical, const std::string& text, RenumberResult* r) {
  std::string now;
  if (!store.ReadFile(canonical, &now).ok() || now != text) {
    SVC_RETURN_IF_ERROR(store.WriteFile(canonical, text));
    r->written.push_back(canonical);
  }
  for (const std::string& rel : rels) {
    if (rel == canonical) continue;
    SVC_RETURN_IF_ERROR(store.RemoveFile(rel));
    r->removed.push_back(rel);
  }
  return Status::OK();
}

Status RenumberRegistry(const Store& store, const DocNumber& id,
                        const std::vector<std::string>& rels, const Actor& actor,
                        RenumberResult* out) {
  const std::string number = id.str();
  std::vector<Taker> takers;
  for (const std::string& rel : rels) {
    Taker t;
    t.rel = rel;
    std::string text;
    SVC_RETURN_IF_ERROR(store.ReadFile(rel, &text));
    SVC_RETURN_IF_ERROR(ParseOutboundEntry(text, store.Abs(rel), &t.entry));
    if (t.entry.record != number || t.entry.abandoned) continue;
    bool again = std::any_of(takers.begin(), takers.end(),
                             [&](const Taker& o) { return o.entry.ticket == t.entry.ticket; });
    if (again) continue;
    Status s = store.Load(t.entry.ticket, &t.ticket);
    if (!s.ok()) {
      return Status::NotAllowed(TrF("{}: the entry {} names ticket {}: {}", number, store.Abs(rel),
                                    t.entry.ticket, s.message()));
    }
    WhenTaken(number, &t);
    takers.push_back(std::move(t));
  }
  RenumberResult result;
  result.what =
      id.code == store.config().receipt_code ? _("warehousing receipt") : _("outbound record");
  result.kept = number;
  std::vector<Taker*> live, moved;
  for (Taker& t : takers) {
    if (t.holds) live.push_back(&t);
    if (!t.moved_to.empty()) moved.push_back(&t);
  }
  std::stable_sort(live.begin(), live.end(), [](const Taker* a, const Taker* b) {
    return a->at != b->at ? a->at < b->at : a->entry.ticket < b->entry.ticket;
  });
  const std::string canonical = OutboundPath(id);
  if (live.empty()) {
    return Status::NotFound(
        TrF("{}: no ticket filed it: nothing to renumber ('svc check' "
            "lists the registry's entries no ticket filed)",
            number));
  }
  result.ticket = live.front()->entry.ticket;
  if (live.size() == 1) {
    // Renumbered already (an interrupted renumber, or the other clone's):
    // what is left is the registry's files: the new number's entry, and the
    // number's own file for the ticket that keeps it.
    if (rels.size() < 2 && moved.empty()) {
      return Status::NotFound(
          TrF("{} is held by one registry entry: nothing to renumber ('svc check' lists duplicate "
              "numbers)",
              number));
    }
    for (const Taker* t : moved) {
      result.renumbered = t->moved_to;
      result.records = {t->entry.ticket};
      DocNumber n;
      if (!ParseDocNumber(t->moved_to, &n).ok() || store.disk()->Exists(store.Abs(OutboundPath(n))))
        continue;
      OutboundEntry entry = t->entry;
      entry.record = t->moved_to;
      SVC_RETURN_IF_ERROR(store.CreateFile(OutboundPath(n), WriteOutboundEntry(entry)));
      result.written.push_back(OutboundPath(n));
    }
    SVC_RETURN_IF_ERROR(
        KeepOnly(store, rels, canonical, WriteOutboundEntry(live.front()->entry), &result));
  } else {
    Taker& newer = *live[1];
    DocNumber next;
    SVC_RETURN_IF_ERROR(NextFree(store, kOutboundFolder, id, &next));
    Ticket t = newer.ticket;
    Event e = RenumberEvent(actor, number);
    e.Set("record", next.str());
    t.Append(std::move(e));
    TicketState st;
    SVC_RETURN_IF_ERROR(Fold(t, store.config(), std::nullopt, &st));
    OutboundEntry entry = newer.entry;
    entry.record = next.str();
    DocNumber tid;
    SVC_RETURN_IF_ERROR(ParseDocNumber(t.id, &tid));
    // The ticket first, then the new number's entry, then the number's own
    // file: interrupted after the ticket, `svc renumber` again finds the
    // ticket moved on and finishes the rest (above).
    SVC_RETURN_IF_ERROR(store.Intend({number + " " + next.str()}, "renumber-entry"));
    SVC_RETURN_IF_ERROR(store.Intend({TicketPath(tid), OutboundPath(next)}));
    SVC_RETURN_IF_ERROR(store.Save(t));
    SVC_RETURN_IF_ERROR(store.CreateFile(OutboundPath(next), WriteOutboundEntry(entry)));
    result.written = {TicketPath(tid), OutboundPath(next)};
    result.renumbered = next.str();
    result.records = {t.id};
    SVC_RETURN_IF_ERROR(
        KeepOnly(store, rels, canonical, WriteOutboundEntry(live.front()->entry), &result));
  }
  if (result.renumbered.empty()) result.renumbered = number;
  for (const auto& rel : result.written) store.Touch(rel);
  for (const auto& rel : result.removed) store.Touch(rel);
  *out = std::move(result);
  return Status::OK();
}

// A record of a monthly kind: header and events, its number aside.
bool SameRecord(const Record& a, const Record& b, size_t events) {
  if (b.events.size() < events || a.events.size() != events) return false;
  if (!std::equal(a.events.begin(), a.events.end(), b.events.begin())) return false;
  Record x = a, y = b;
  x.Set("id", std::string());
  y.Set("id", std::string());
  return x.header == y.header;
}

Status RenumberRecord(const Store& store, const RecordKind& kind, const DocNumber& id,
                      const std::vector<std::string>& rels, const Actor& actor,
                      RenumberResult* out) {
  const std::string number = id.str();
  auto load = [&](const std::string& rel, Record* r) {
    std::string text;
    SVC_RETURN_IF_ERROR(store.ReadFile(rel, &text));
    return ParseRecord(text, store.Abs(rel), kind, r);
  };
  struct Holder {
    std::string rel;
    Record record;
  };
  std::vector<Holder> holders;
  for (const std::string& rel : rels) {
    Holder h{rel, {}};
    SVC_RETURN_IF_ERROR(load(rel, &h.record));
    if (h.record.View("id") == number) holders.push_back(std::move(h));
  }
  // Records of the month already moved on from the number (an interrupted
  // renumber): their holders under the number are stale copies.
  RenumberResult result;
  result.what = std::string(kind.name);
  result.kept = number;
  std::vector<std::string> names;
  bool exists = false;
  std::string dir = MonthFolder(kind.folder, id.year, id.month);
  SVC_RETURN_IF_ERROR(store.disk()->ListDir(store.Abs(dir), &names, &exists));
  std::vector<Holder> live;
  for (Holder& h : holders) {
    bool moved = false;
    for (const std::string& name : names) {
      if (HoldsNumber(name, id) || !IsRecordFileName(name)) continue;
      Record m;
      if (!load(JoinPath(dir, name), &m).ok()) continue;
      for (size_t i = 0; i < m.events.size() && !moved; ++i) {
        const Event& e = m.events[i];
        if (e.Is("renumber") && e.View("from") == number && SameRecord(h.record, m, i)) {
          moved = true;
          result.renumbered = std::string(m.View("id"));
        }
      }
    }
    if (!moved) live.push_back(std::move(h));
  }
  std::stable_sort(live.begin(), live.end(),
                   [](const Holder& a, const Holder& b) { return MadeBefore(a.record, b.record); });
  std::string canonical;
  SVC_RETURN_IF_ERROR(RecordPath(kind, number, &canonical));
  // (Renumbered already, nothing left to do: it says so again.)
  if (live.size() < 2 && (live.empty() || rels.size() < 2) && result.renumbered.empty()) {
    return Status::NotFound(
        rels.size() == 1
            ? TrF("{} is held by {} file: nothing to renumber ('svc check' lists duplicate "
                  "numbers)",
                  number, rels.size())
            : TrF("{} is held by {} files: nothing to renumber ('svc check' lists duplicate "
                  "numbers)",
                  number, rels.size()));
  }
  if (live.size() >= 2) {
    Record r = live[1].record;
    DocNumber next;
    SVC_RETURN_IF_ERROR(NextFree(store, kind.folder, id, &next));
    r.Set("id", next.str());
    r.Append(RenumberEvent(actor, number));
    SVC_RETURN_IF_ERROR(ReplayRecord(r, store.config()));
    std::string rel;
    SVC_RETURN_IF_ERROR(RecordPath(kind, next.str(), &rel));
    // Its new file first: from then on the journal's line lets the next
    // command finish the rest (storage/recovery.h).
    SVC_RETURN_IF_ERROR(store.Intend({number + " " + next.str()}, "renumber-record"));
    SVC_RETURN_IF_ERROR(store.CreateRecord(r));
    result.written.push_back(rel);
    result.renumbered = next.str();
  }
  SVC_RETURN_IF_ERROR(KeepOnly(store, rels, canonical, WriteRecord(live.front().record), &result));
  for (const auto& rel : result.written) store.Touch(rel);
  for (const auto& rel : result.removed) store.Touch(rel);
  *out = std::move(result);
  return Status::OK();
}

Status RenumberTicket(const Store& store, const DocNumber& id, const Actor& actor,
                      RenumberResult* out) {
  // Every file of the month folder that holds the number.
  struct Holder {
    std::string rel;
    Ticket ticket;
  };
  std::vector<Holder> holders;
  std::vector<std::string> names;
  bool exists = false;
  std::string dir = Dirname(TicketPath(id));
  SVC_RETURN_IF_ERROR(store.disk()->ListDir(store.Abs(dir), &names, &exists));
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    if (!HoldsNumber(name, id)) continue;
    Holder h{JoinPath(dir, name), {}};
    Store::Entry e;
    e.rel = h.rel;
    SVC_RETURN_IF_ERROR(store.LoadFile(e, &h.ticket));
    if (h.ticket.id == id.str()) holders.push_back(std::move(h));
  }
  if (holders.size() < 2) {
    return Status::NotFound(
        holders.size() == 1
            ? TrF("{} is held by {} file: nothing to renumber ('svc check' lists duplicate "
                  "numbers)",
                  id.str(), holders.size())
            : TrF("{} is held by {} files: nothing to renumber ('svc check' lists duplicate "
                  "numbers)",
                  id.str(), holders.size()));
  }
  // policy: the older receipt keeps the number.
  std::stable_sort(holders.begin(), holders.end(), [](const Holder& a, const Holder& b) {
    if (a.ticket.received.secs != b.ticket.received.secs) {
      return a.ticket.received.secs < b.ticket.received.secs;
    }
    return a.ticket.events.front().at.secs < b.ticket.events.front().at.secs;
  });
  const std::string canonical = TicketPath(id);
  RenumberResult result;
  result.kept = id.str();
  // The newer receipt (one at a time: run again for a third holder).
  Holder& newer = holders[1];
  DocNumber next;
  SVC_RETURN_IF_ERROR(NextFree(store, kTicketsFolder, id, &next));
  Ticket t = newer.ticket;
  t.id = next.str();
  t.Append(RenumberEvent(actor, id.str()));
  TicketState st;
  SVC_RETURN_IF_ERROR(Fold(t, store.config(), std::nullopt, &st));
  // The newer receipt under its new number first: until it is in place,
  // every file holding the number is as it was (a crash loses nothing);
  // from then on the journal's line lets the next command finish the rest.
  SVC_RETURN_IF_ERROR(store.Intend({id.str() + " " + t.id}, "renumber"));
  SVC_RETURN_IF_ERROR(store.Create(t));
  result.renumbered = t.id;
  if (holders.front().rel != canonical) {
    SVC_RETURN_IF_ERROR(store.WriteFile(canonical, WriteTicket(holders.front().ticket)));
    result.written.push_back(canonical);
  }
  result.written.push_back(TicketPath(next));
  for (const Holder* h : {&holders.front(), &newer}) {
    if (h->rel == canonical) continue;
    SVC_RETURN_IF_ERROR(store.RemoveFile(h->rel));
    result.removed.push_back(h->rel);
  }
  // Its outbound records keep their numbers; their registry entries follow it.
  for (const auto& r : st.records) {
    DocNumber n;
    if (!ParseDocNumber(r.number, &n).ok()) continue;
    std::string rel = OutboundPath(n);
    std::string text;
    OutboundEntry entry;
    if (!store.ReadFile(rel, &text).ok() || !ParseOutboundEntry(text, rel, &entry).ok() ||
        entry.ticket != id.str()) {
      continue;
    }
    entry.ticket = t.id;
    SVC_RETURN_IF_ERROR(store.WriteFile(rel, WriteOutboundEntry(entry)));
    result.records.push_back(r.number);
    result.written.push_back(rel);
  }
  for (const auto& rel : result.written) store.Touch(rel);
  for (const auto& rel : result.removed) store.Touch(rel);
  *out = std::move(result);
  return Status::OK();
}

}  // namespace

Status Renumber(const Store& store, const std::string& id_text, const Actor& actor,
                RenumberResult* out) {
  DocNumber id;
  SVC_RETURN_IF_ERROR(ParseDocNumber(id_text, &id));
  std::unique_ptr<FileLock> lock;
  SVC_RETURN_IF_ERROR(store.Lock(&lock));
  std::vector<std::string> rels;
  // A number of the registry (an outbound record's, a warehousing receipt's).
  SVC_RETURN_IF_ERROR(Holders(store, kOutboundFolder, id, &rels));
  if (!rels.empty()) return RenumberRegistry(store, id, rels, actor, out);
  // A record of a monthly kind (a nonconformity report's, a visit's).
  for (const RecordKind* kind : AllKinds()) {
    if (kind == &TicketKind() || kind->numbering != Numbering::kMonthly ||
        !kind->Allows("renumber")) {
      continue;
    }
    SVC_RETURN_IF_ERROR(Holders(store, kind->folder, id, &rels));
    if (!rels.empty()) return RenumberRecord(store, *kind, id, rels, actor, out);
  }
  return RenumberTicket(store, id, actor, out);
}

}  // namespace svc
