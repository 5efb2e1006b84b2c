// A fast reader for svc's own canonical ticket format: the exact text
// WriteTicket produces, line by line, without a general TOML parser. It
// accepts a file only if writing what it read gives back the same bytes, so
// it can never read a file differently from toml++: anything it does not
// recognise (a hand edit, another TOML layout, an error) is left to
// ParseTicket, which also gives the error messages.
#pragma once

#include <string_view>

#include "status.h"
#include "ticket.h"

namespace svc {

// True, with *out filled, when `text` is a ticket in canonical form.
bool ReadCanonicalTicket(std::string_view text, Ticket* out);

// Reads any ticket file: the fast reader for canonical text, toml++ (and its
// "<name>:LINE:COL:" errors) for the rest. *canonical (if given) tells which.
Status ReadTicket(std::string_view text, std::string_view name, Ticket* out,
                  bool* canonical = nullptr);

}  // namespace svc
