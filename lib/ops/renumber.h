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
  std::string kept;                           // the number, kept by the older receipt
  std::string renumbered;                     // the newer receipt's new number
  std::vector<std::string> records;           // outbound records whose registry now names it
  std::vector<std::string> written, removed;  // files, relative to the root
};

// REQUIRES: nothing; takes the store lock. NotFound when `id` is held by one
// file only.
Status Renumber(const Store& store, const std::string& id, const Actor& actor, RenumberResult* out);

}  // namespace svc
