// Finance's records (R-3.1 借支与核销, R-4.5.4): the advance (借支) to an
// engineer and the month's write-off (核销), as stored in
// advances/YYYY/MM/JZ-yy-mm-NN.toml and writeoffs/YYYY/MM/HX-yy-mm-01.toml
// (docs/FORMAT.md, "Finance: advances and write-offs"). The actual costs
// themselves are `expense` events of the ticket (ticket.h), each on one of
// its outbound records.
//
// Both are records of the record model (record.h): the header is the record
// as filed, the history holds its `file` event and free notes (folded by
// rules/finance.h).
//
// An advance is numbered by the month it was paid, like the info form
// CODE-yy-mm-NN with svc.toml's [numbers] advance ("JZ").
//
// A write-off is one per month: its number is the month written off with the
// sequence 01 (HX-26-11-01 writes off November 2026; there is no 02), so
// that the file's place says which month is closed and a second write-off of
// the month cannot be created. Its header holds the figures as they stood
// (totals, the records and engineers covered); the lines are the tickets'
// and advances' histories as of its `at`, which the append-only histories
// keep reproducible.
#pragma once

#include <string_view>
#include <vector>

#include "model/record.h"

namespace svc {

// The kind "advance": folder advances/, numbers JZ-yy-mm-NN by month.
const RecordKind& AdvanceKind();
// The kind "writeoff": folder writeoffs/, numbers HX-yy-mm-01, one a month.
const RecordKind& WriteoffKind();

// The actions of an advance's and a write-off's history:
//   file  the record filed (the header holds what was filled)
//   note  a free note
const std::vector<ActionSpec>& FinanceActions();

namespace finance_action {
inline constexpr std::string_view kFile = "file";
inline constexpr std::string_view kNote = "note";
}  // namespace finance_action

// The default codes (svc.toml [numbers] advance, writeoff).
inline constexpr std::string_view kDefaultAdvanceCode = "JZ";
inline constexpr std::string_view kDefaultWriteoffCode = "HX";

}  // namespace svc
