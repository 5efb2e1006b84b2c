// Check: validates a whole records directory the way an auditor would,
// file by file, streaming (it holds one month folder's findings at a time,
// and every number and outbound record for the gap and duplicate checks).
//
// Reported: files svc cannot parse (file:line:col), file names that are not
// the ticket's number or sit in the wrong month's folder, unknown department
// codes, histories the procedure does not allow, files not in canonical form
// (edited by hand), duplicate numbers, gaps in each code's monthly sequence,
// leftovers of interrupted commands (CheckLeftovers), outbound numbers kept
// as abandoned that a ticket files after all,
// and approvals recorded by someone [[staff]] does not give the role
// (rules/authority.h; with no staff listed they are counted, unverified).
//
// As of a moment (`svc check --now T`), each ticket is judged as the records
// stood at T: its history, quote and approvals by the events in the records
// then (an event recorded later is ignored), and an outbound record it filed
// later is not expected to be claimed. What the files are (names, folders,
// canonical form, numbers) cannot be dated and is checked as it is.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "base/status.h"
#include "storage/store.h"

namespace svc {

struct Problem {
  std::string file;  // path as the store names it
  int line = 0;
  int column = 0;  // 0: none
  std::string message;
  // The library error the message is, when it names fields a front end names
  // its own way (a stored quote that no longer computes: cli::UserText); OK else.
  Status cause;
};

struct CheckSummary {
  int files = 0;
  int problems = 0;
  // Approvals not verified because svc.toml lists no [[staff]]: not problems,
  // a front end says so once.
  int unverified_approvals = 0;
};

// Calls `report` for every problem, in file order, then gap and duplicate
// problems per code and month. Fails only if the store cannot be listed.
// `progress` (if given) is called after each month folder with the count so
// far. The files of a folder are examined on both cores. `as_of`: the
// records as they stood then (see above); empty: every event.
//
// `present`: the moment of the check (the later of --now and the clock): an
// event dated more than a day after it is a problem; empty: not judged.
// Every text of a ticket is judged as a user could have given it
// (model/values.h: readable, one line where the field takes one, a
// customer's name), one problem per field.
Status CheckStore(const Store& store, const std::function<void(const Problem&)>& report,
                  CheckSummary* summary,
                  const std::function<void(int64_t done)>& progress = nullptr,
                  const std::optional<Time>& as_of = std::nullopt,
                  const std::optional<Time>& present = std::nullopt);

// The records of `kind` (any kind but tickets, which CheckStore examines
// with their own rules): each file parsed by the kind's schema, at the path
// its number names, replaying (ReplayRecord), in canonical form; stray
// files; gaps in serial numbers. CheckStore calls it for every kind of
// AllKinds(); counts go into *summary.
Status CheckRecordKind(const Store& store, const RecordKind& kind,
                       const std::function<void(const Problem&)>& report, CheckSummary* summary);

// What interrupted commands left (storage/recovery.h's FindLeftovers):
// temporary files and an intent journal, each a problem that `svc check
// --repair` puts right (it removes empty year and month folders too, which
// are not problems: no record's, and invisible to git). CheckStore calls it
// last.
Status CheckLeftovers(const Store& store, const std::function<void(const Problem&)>& report,
                      CheckSummary* summary);

// The problem a parser's error names: at its location() when that is in
// `file`; anything else becomes a problem at line 0 of `file`.
Problem ProblemFromStatus(const Status& s, const std::string& file);
// "file:LINE: message" (with ":COL" when known).
std::string FormatProblem(const Problem& p);

}  // namespace svc
