// Summary: what `svc list`, `svc overdue` and `svc report` need of one
// ticket, derived from it as of a moment. A summary made as of "all events"
// holds for every moment at or after the last event entered the records
// (`settled`: an event back-dated with --at counts from when it was written), so
// the index (index.h) keeps one per ticket and a scan need not parse files
// that did not change. Clocks are kept with their deadlines and stops; their
// state at a given `now` follows from those (StateAt, clocks.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/money.h"
#include "model/config.h"
#include "model/ticket.h"
#include "rules/clocks.h"
#include "rules/state.h"

namespace svc {

struct TicketSummary {
  std::string id, via, customer, product, headline;
  // The customer and unit, for `svc history` (R-4.6 b): the customer file's
  // code (empty: not on file), the form's phone and serial as corrected.
  std::string customer_code, phone, serial;
  // The latest step counted: its action ("" when none) and time (secs).
  std::string last_action;
  int64_t last_at = 0;
  Time received;
  // When the last event entered the records (EnteredSecs, state.h: its
  // `recorded` time, else its `at`), in secs: the summary is valid as of any
  // moment from here. (`received` when there is no event.)
  int64_t settled = 0;
  // The first event's time (`at`, secs; `settled` when there is none): before
  // it nothing had happened, whenever the records are read.
  int64_t first = 0;
  bool opened = false;  // false: not yet received as of the moment
  TicketStatus status = TicketStatus::kNew;
  int level = 0;
  std::string kind, category, service, route, responsibility;
  std::string cause_category;  // the analysis's, "" when none
  bool major = false;
  bool complaint = false;                         // opened as a customer complaint (R-4.7 d)
  std::optional<Time> closed, voided, surveyed;   // surveyed: first survey recorded
  std::string satisfaction, damage, cleanliness;  // latest answers
  std::string comment;                            // the latest survey's comment
  int attitude = 0;
  bool quoted = false;
  Money quote_cost, quote_total, quote_charged;
  std::vector<int64_t> nonconformities;  // times of warehousing with a nonconformity report
  std::vector<int64_t> reopens;          // times the ticket was reopened
  // each actual cost (svc expense): when (secs), its item
  // (the index of ExpenseItems()), and the amount in fen.
  struct Spent {
    int64_t at = 0;
    int item = 0;
    int64_t fen = 0;
  };
  std::vector<Spent> expenses;
  // The outbound records, in filing order: the department whose
  // engineers went and when the record was filed (secs).
  struct Sent {
    std::string dept;
    int64_t filed = 0;
    std::optional<int64_t> planned = std::nullopt;  // the planned arrival (secs): `svc agenda`
  };
  std::vector<Sent> records;
  // The engineers of every outbound record (`svc list --tech`), each once,
  // in filing order.
  std::vector<std::string> techs;
  std::vector<Clock> clocks;
  // What `svc search` looks through (SearchText below), kept with the
  // summary so that a warm search reads no ticket file.
  std::string text;
};

// The searchable text of a ticket: the form's text fields as filled, then
// each counted event's text values (notes, corrections, results, …), one
// entry each as "FIELD\x1fVALUE", entries ended by '\x1e'. FIELD is the
// form field's name ("description") or ACTION.KEY ("note.text"). Empty
// values are left out.
std::string SearchText(const Ticket& t, const std::vector<const Event*>& events);

// The departments that did the work (R-3.1's fault analysis, `svc report`'s
// by_worked and --route): those of the outbound records, each once in filing
// order; a ticket without one, the department it is routed to (worked on
// remotely); none when not classified.
std::vector<std::string> WorkedBy(const TicketSummary& s);

// The summary of `t` as of `as_of` (all events when empty), as the records
// stood at `known` (empty: at `as_of`; see FoldKnownAt). Fails if the history
// does not replay. REQUIRES: known >= as_of.
Status Summarize(const Ticket& t, const Config& config, const std::optional<Time>& as_of,
                 TicketSummary* out, const std::optional<Time>& known = std::nullopt);

// The summary as of `as_of` of a ticket summarised as `all` (as of all its
// events), when nothing had happened yet at `as_of` (before `first`):
// what Summarize gives then, without the ticket. False if an event is at or
// before `as_of`. `out` may be `&all`.
bool SummaryBeforeEvents(const TicketSummary& all, const Time& as_of, TicketSummary* out);

// Unsigned LEB128 varints, the index's and the summaries' one integer encoding.
// (PutVarint is inline: a scan encodes some sixty numbers a ticket.)
inline void PutVarint(std::string* out, uint64_t v) {
  char buf[10];
  size_t n = 0;
  while (v >= 0x80) {
    buf[n++] = static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  buf[n++] = static_cast<char>(v);
  out->append(buf, n);
}
bool GetVarint(std::string_view* in, uint64_t* v);  // false if cut short

// A string and a clock as the summaries encode them (also `svc overdue`'s
// list of clocks found, ops/overdue.h). DecodeClock fails on anything
// malformed; the clock's state is decided for a stopped clock, else running.
void PutString(std::string* out, std::string_view s);
bool GetString(std::string_view* in, std::string* out);
void EncodeClock(const Clock& c, std::string* out);
bool DecodeClock(std::string_view* in, Clock* out);

// Compact binary form for the index; Decode fails on anything malformed.
void EncodeSummary(const TicketSummary& s, std::string* out);
bool DecodeSummary(std::string_view* in, TicketSummary* out);

// What an encoded summary starts with, readable without decoding the rest:
// enough for a scan to tell whether a command needs the ticket at all
// (ScanOptions::wanted), which spares decoding most of a warm scan's
// summaries (a closed ticket has no clock left running).
struct SummaryHead {
  int64_t settled = 0, first = 0;  // as in TicketSummary
  int64_t received = 0;            // TicketSummary::received, in seconds
  bool opened = false, closed = false, voided = false;
  bool running = false;      // a clock without a stop
  uint32_t clock_names = 0;  // bit i: a clock named ClockNames()[i]
};
SummaryHead HeadOf(const TicketSummary& s);
bool DecodeSummaryHead(std::string_view in, SummaryHead* out);  // false if malformed

}  // namespace svc
