// Finance (R-3.1 借支与核销, R-4.5.4): `svc expense` (an actual cost of an
// outbound record, an event of its ticket), `svc advance` (借支, a record of
// AdvanceKind()), `svc writeoff --month` (核销, one record of WriteoffKind()
// a month) and what `show`, `print --form writeoff` and `report` show of
// them. The arithmetic is rules/finance.h's.
//
// Every write takes the store lock. An expense or an advance dated in a month
// already written off is refused (NotAllowed, naming the write-off, when and
// by whom), read under the same lock as the write-off is created, so a
// write-off never misses one.
#pragma once

#include <optional>
#include <string>

#include "base/json.h"
#include "base/status.h"
#include "base/timepoint.h"
#include "ops/workflow.h"
#include "rules/finance.h"
#include "storage/index.h"
#include "storage/store.h"

namespace svc {

// `svc expense ID --record N --item ITEM --amount YUAN [--engineer NAME] [--note TEXT]`.
struct ExpenseForm {
  std::string record;    // one of the ticket's outbound records (required)
  std::string item;      // ExpenseItems(), or its Chinese
  std::string amount;    // yuan, > 0, at most two decimals
  std::string engineer;  // "": the record's one engineer, or the actor if one of its engineers
  std::string note;
};
// Validates (InvalidArgument naming the field) and appends the `expense`
// event to ticket `id` (workflow.h's Act: void tickets refuse, the record
// must be the ticket's as of the expense). NotAllowed when its month is
// written off. `*record_out` is the record's number.
Status RecordExpense(const Store& store, const std::string& id, const Actor& actor,
                     const ExpenseForm& form);

// `svc advance NAME --amount YUAN [--note TEXT]`.
struct AdvanceForm {
  std::string engineer;
  std::string amount;
  std::string note;
  Time at;
};
// Validates; when svc.toml lists [[staff]], the engineer must be one of them
// (NotAllowed). Under the lock: refused when the month is written off; the
// next number of the month paid (JZ-yy-mm-NN) and the file created.
Status RecordAdvance(const Store& store, const AdvanceForm& form, const Time& now,
                     const std::string& actor, std::string* id);

// A month's write-off as recorded and its figures.
struct Writeoff {
  std::string id;  // HX-26-11-01
  Month month;
  Time at;
  std::string by;
  WriteoffFigures figures;  // recomputed as the records stood at `at`
  // The totals in the file; differ from figures' only when an expense of the
  // month entered the records after the write-off (a merge; svc check).
  Money quoted, actual, advances, expenses;
};

// The figures of `month` as the records stand at `as_of`: every ticket with
// a record filed or an expense in the month (picked by a scan of the
// summaries, so a warm index reads only those), every advance paid in the
// month. An unreadable ticket stops it (Corruption: see 'svc check').
Status ComputeWriteoff(const Store& store, const Month& month, const Time& as_of,
                       const ScanOptions& options, WriteoffFigures* out);

// `svc writeoff --month`: refuses a month not over as of `now` (NotAllowed).
// When the month is written off already, `*already` is true and `*out` is
// the recorded one (nothing written); else the figures are computed under
// the lock and the write-off created.
Status WriteOffMonth(const Store& store, const Month& month, const Time& now,
                     const std::string& actor, const ScanOptions& options, Writeoff* out,
                     bool* already);

// The month's write-off, NotFound "YYYY-MM is not written off" if none.
Status LoadWriteoff(const Store& store, const Month& month, const ScanOptions& options,
                    Writeoff* out);

// NotAllowed "2026-11 was written off at … by … (HX-26-11-01): …" when the
// month `at` falls in (company zone) is written off; `what` names the refused
// thing ("an expense").
Status RefuseIfWrittenOff(const Store& store, const Time& at, std::string_view what);

// For --json: month, number, at, by, records [{record, ticket, engineers,
// quoted, actual, difference, items}], engineers [{name, advances, expenses,
// balance, advance_numbers}], items, totals; money as decimal strings.
JsonValue WriteoffJson(const Writeoff& w, int offset_minutes);
// Text for people: the lines, the engineers, the totals (two decimals).
std::string WriteoffText(const Writeoff& w, int offset_minutes);
// RFC 4180 (CRLF) for finance's spreadsheet: one heading row, then a row a
// record, a row an engineer and a total row; `section` says which.
std::string WriteoffCsv(const Writeoff& w, bool bom);

}  // namespace svc
