#include "ops/renumber.h"

#include <fmt/format.h>

#include <algorithm>

#include "format/ticket_toml.h"
#include "rules/state.h"

namespace svc {

Status Renumber(const Store& store, const std::string& id_text, const Actor& actor,
                RenumberResult* out) {
  DocNumber id;
  SVC_RETURN_IF_ERROR(ParseDocNumber(id_text, &id));
  std::unique_ptr<FileLock> lock;
  SVC_RETURN_IF_ERROR(store.Lock(&lock));
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
    return Status::NotFound(fmt::format(
        "{} is held by {} file{}: nothing to renumber ('svc check' lists duplicate numbers)",
        id.str(), holders.size(), holders.size() == 1 ? "" : "s"));
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
  std::vector<int> taken;
  SVC_RETURN_IF_ERROR(store.TakenSequences(kTicketsFolder, id.code, id.year, id.month, &taken));
  DocNumber next;
  SVC_RETURN_IF_ERROR(NextNumber(id.code, StartOfDay(Date{id.year, id.month, 1}, 0), taken,
                                 store.config().sequence_width, &next));
  next.year = id.year;
  next.month = id.month;
  Ticket t = newer.ticket;
  t.id = next.str();
  Event e;
  e.at = actor.now;
  e.actor = actor.name;
  e.action = "renumber";
  e.Set("from", id.str());
  t.Append(std::move(e));
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

}  // namespace svc
