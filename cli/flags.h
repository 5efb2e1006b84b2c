// Flags: how the command line names the record fields the library's errors
// name (Status::field()): "--as" for an approval's "role", "--to" for the
// "route". The one table of it; messages print through UserText, which names
// every field a message names (Status::InvalidFields: "--people and --days").
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "ops/check.h"

namespace svc::cli {

// The option (or words) the command line gives `field` by; `field` itself if none.
std::string_view FlagFor(std::string_view field);

// The status's text as the user reads it: its fields named as the command line names them.
std::string UserText(const Status& s);

// A problem `svc check` found, as a line for people ("file:LINE: message"),
// its fields named as flags (Problem::cause).
std::string UserProblem(const Problem& found);

}  // namespace svc::cli
