// A record file of any kind (model/record.h): parsing and the one canonical
// way of writing it, driven by the kind's schema — so a new kind of record
// gets canonical bytes without a reader and writer of its own.
//
// The layout is the ticket's (docs/FORMAT.md): a comment line with the
// kind's title, the top-level header keys, each header table that holds a
// value (or is written always), then one [[event]] table per event in time
// order with at, recorded, actor, action and the action's fields in schema
// order. Empty strings are not written. WriteRecord(ParseRecord(text)) ==
// text for every file svc wrote. Implemented in ticket_toml.cc, beside the
// ticket's own reader and writer whose value and event code it shares.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "model/record.h"

namespace svc {

// REQUIRES: kind is one of AllKinds(). Errors name `name`, the line and the
// key; an action the kind does not allow is an error.
Status ParseRecord(std::string_view text, std::string_view name, const RecordKind& kind,
                   Record* out);
std::string WriteRecord(const Record& r);

}  // namespace svc
