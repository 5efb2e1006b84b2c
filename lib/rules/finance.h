// Finance's rules (R-3.1 借支与核销, R-4.5.4): the fold of an advance's and a
// write-off's history (model/finance.h), and the write-off's arithmetic — a
// pure function of the month, the tickets' folded states and the advances.
//
// What a month's write-off covers (docs/FORMAT.md, "Finance"): every
// outbound record filed in the month (company zone) or with an expense dated
// in it; each line's actual is the sum of the record's expenses dated in the
// month, its quoted the ticket's accepted quote (its Table 1 total) on the
// line of the ticket's first outbound record, so that a ticket's quote is
// counted once; the difference is actual − quoted. Each engineer named by an
// advance paid in the month or an expense dated in it: advances against
// expenses, and the balance (advances − expenses: > 0 to return, < 0 to
// reimburse).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/money.h"
#include "base/status.h"
#include "base/timepoint.h"
#include "model/record.h"
#include "rules/state.h"

namespace svc {

// An advance or a write-off as it stands.
struct FinanceRecordState {
  std::string id;
  Time at;
  std::string by;
  bool filed = false;
  std::vector<Event> notes;
  std::vector<Event> history;
};

// Folds a record of AdvanceKind() or WriteoffKind(): opened by `file`, then
// notes only. `out` may be null (a check).
Status FoldFinanceRecord(const Record& r, const std::optional<Time>& as_of, FinanceRecordState* out,
                         size_t* failed = nullptr);

// An advance (借支) as filed.
struct Advance {
  std::string id;  // JZ-26-11-01
  Time at;
  std::string by;
  std::string engineer;
  Money amount;
  std::string note;
};
Status AdvanceFromRecord(const Record& r, Advance* out);

// A month, as YYYY-MM. InvalidField("month") unless well-formed.
struct Month {
  int year = 0, month = 0;
  std::string str() const;
  // [start, end) in the company's offset.
  Time Start(int offset_minutes) const;
  Time End(int offset_minutes) const;
  bool operator==(const Month&) const = default;
};
Status ParseMonth(std::string_view text, Month* out);
// The month `t` falls in, in the company's offset.
Month MonthOf(const Time& t, int offset_minutes);

// One line of the write-off: an outbound record.
struct WriteoffLine {
  std::string record, ticket;
  std::vector<std::string> techs;
  std::optional<Time> filed;  // when the record was filed
  Money quoted, actual;
  std::map<std::string, Money> by_item;  // item -> sum, items with expenses only
  Money difference() const { return Money{actual.fen - quoted.fen}; }
};

// One engineer's advances against expenses.
struct EngineerBalance {
  std::string name;
  Money advances, expenses;
  std::vector<std::string> advance_ids;
  Money balance() const { return Money{advances.fen - expenses.fen}; }
};

struct WriteoffFigures {
  Month month;
  std::vector<WriteoffLine> lines;           // in record number order
  std::vector<EngineerBalance> engineers;    // by name
  std::map<std::string, Money> by_item;      // item -> sum of the month's expenses
  Money quoted, actual, advances, expenses;  // totals (actual == expenses)
  Money difference() const { return Money{actual.fen - quoted.fen}; }
};

// Accumulates a month's figures ticket by ticket (a scan holds no more than
// the month's lines).
class WriteoffBuilder {
 public:
  WriteoffBuilder(Month month, int offset_minutes);
  // A ticket's state (folded as of the write-off); a void ticket adds nothing.
  Status AddTicket(const std::string& id, const TicketState& st);
  // An advance; one paid outside the month adds nothing.
  Status AddAdvance(const Advance& a);
  // The figures, lines in record number order, engineers by name. Overflow
  // of a sum is an error.
  Status Finish(WriteoffFigures* out);

 private:
  Month month_;
  Time start_, end_;
  WriteoffFigures f_;
  std::map<std::string, EngineerBalance> engineers_;
};

}  // namespace svc
