// Renumber: two clones that numbered offline may give one number to two
// different requests (R-4.5.2 wants numbers continuous and unique at the
// desk). The merge keeps the older receipt under the number and sets the
// other aside as tickets/YYYY/MM/<id>.dup*.toml; `svc check` reports the
// duplicate with both files, and Renumber gives the newer receipt the next
// free number of its month, records the old number in its history and moves
// its outbound records' registry entries along.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "ops/workflow.h"
#include "storage/store.h"

namespace svc {

struct RenumberResult {
  // What held the number: "ticket", "outbound record", "warehousing receipt",
  // or a record kind's name ("nonconformity", "visit").
  std::string what = "ticket";
  std::string ticket;                         // registry numbers: the ticket that now holds it
  std::string kept;                           // the number, kept by the older receipt
  std::string renumbered;                     // the newer receipt's new number
  std::vector<std::string> records;           // outbound records whose registry now names it
  std::vector<std::string> written, removed;  // files, relative to the root
};

// The same treatment for the other numbers two clones may give alike
// offline (ops/merge_file.h sets the second holder aside in a `.dup` file):
// - a number of the registry outbound/ (an outbound record SC-…, a
//   warehousing receipt RK-…) taken for two tickets: the one that took it
//   first (its dispatch's or booking's time) keeps it; the other ticket's
//   record or receipt gets the next free number of the month, in a new
//   registry entry, and its history a `renumber` event with `from` and
//   `record`, after which its events name the new number;
// - a record of a monthly kind (a nonconformity report NC-…, a visit BF-…):
//   the older (its header's `at`) keeps it, the newer moves to the next free
//   number with a `renumber` event.
// Run again after an interruption, it finishes what it began.
//
// REQUIRES: nothing; takes the store lock. NotFound when `id` is held by one
// file only.
Status Renumber(const Store& store, const std::string& id, const Actor& actor, RenumberResult* out);

}  // namespace svc
