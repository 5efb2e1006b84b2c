// Record: the one shape of everything svc keeps (issue 13's record model).
//
// A record is a header — the form as first filled — and an append-only
// history of events (Event, ticket.h). Its current state is never stored:
// the kind's fold replays the history (rules/state.h for tickets), and that
// fold is the only code that interprets events. Because every kind shares
// this shape, the machinery is written once for all of them: canonical bytes
// (format/record_toml.h), the merge of two clones' versions by the union of
// their histories (rules/merge.h, MergeHistories), numbering (number.h),
// `svc check`, the index and `svc audit`. What differs between kinds is
// data — a RecordKind: its folder, how its numbers run, its header's schema
// and the actions its history may hold.
//
// Tickets keep their own typed struct (Ticket, ticket.h) and their own
// reader and writer for speed (a scan reads 100,000 of them); TicketRecord
// and TicketFromRecord convert losslessly, and WriteRecord(TicketRecord(t))
// is byte for byte WriteTicket(t) (tests/unit/record_test.cc).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "model/ticket.h"

namespace svc {

enum class Numbering {
  kMonthly,  // CODE-yy-mm-NN, per code and month (info forms, outbound records)
  kSerial,   // a prefix and a running number, e.g. K0001 (customer files)
  kYearly,   // the year itself, e.g. 2026 (the annual service plan)
};

struct HeaderField {
  std::string_view key;
  FieldType type;
  bool required = false;
};

// One table of the header: `table` empty for the top-level keys (written
// first), else [table]. A table is written when it holds a value, or always.
struct HeaderSection {
  std::string_view table;
  std::vector<HeaderField> fields;  // canonical order
  bool always = false;
};

struct RecordKind {
  std::string_view name;    // "ticket"
  std::string_view folder;  // "tickets"
  std::string_view title;   // the comment line every file of the kind opens with
  std::string_view clause;  // what the procedure asks of it
  Numbering numbering = Numbering::kMonthly;
  std::vector<HeaderSection> header;      // starts with the record's number, "id"
  std::vector<std::string_view> actions;  // the actions its history may hold (schemas: ticket.h)
  std::string_view prefix;                // kSerial: the numbers' prefix ("K")
  int width = 4;                          // kSerial: digits at least
  // The schemas of its actions; null: the ticket's (ticket.h, FindAction).
  const std::vector<ActionSpec>* schemas = nullptr;

  bool Allows(std::string_view action) const;
  // The schema of `action` in this kind's history, or null.
  const ActionSpec* Schema(std::string_view action) const;
  // Whether `action` records a step that a later event may amend (its schema
  // has `amend`): the merge resolves such a step recorded in two clones.
  bool Amendable(std::string_view action) const;
  // The header field `key` ("id", "customer.name"), or null.
  const HeaderField* FindField(std::string_view key) const;
};

// The kinds svc keeps. New kinds are added here (and get a folder in paths.h).
const RecordKind& TicketKind();
const std::vector<const RecordKind*>& AllKinds();
const RecordKind* FindKind(std::string_view name);  // null if none

// A record of any kind, held generically: header values keyed by "key" or
// "table.key", in the kind's canonical order; absent and empty values are
// not held. Its history in time order.
struct Record {
  const RecordKind* kind = nullptr;
  std::vector<std::pair<std::string, Value>> header;
  std::vector<Event> events;

  const Value* Find(std::string_view key) const;
  std::string_view View(std::string_view key) const;          // "" unless a string is held
  std::vector<std::string> List(std::string_view key) const;  // empty unless a list is held
  // REQUIRES: `key` is in the kind's header schema. Keeps the canonical order.
  void Set(std::string_view key, Value value);
  // Inserts `e` after every event at or before its time.
  void Append(Event e);
  bool operator==(const Record& o) const {
    return kind == o.kind && header == o.header && events == o.events;
  }
};

// Inserts `e` into a history in time order, after every event at or before
// its time: the one rule by which every kind's history grows.
void AppendEvent(std::vector<Event>* events, Event e);

// A ticket as a record of TicketKind() and back (lossless both ways).
Record TicketRecord(const Ticket& t);
Status TicketFromRecord(const Record& r, Ticket* out);

}  // namespace svc
