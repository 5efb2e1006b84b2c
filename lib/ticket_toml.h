// The ticket file: parsing and the one canonical way of writing it.
//
// WriteTicket(ParseTicket(text)) == text for every file svc wrote: keys in a
// fixed order, strings as readable UTF-8 (never \u escapes for printable
// text), date-times with their offset, events in time order. Parse errors
// read "<name>:LINE:COL: message" (syntax) or "<name>:LINE: message".
#pragma once

#include <string>
#include <string_view>

#include "status.h"
#include "ticket.h"

namespace svc {

Status ParseTicket(std::string_view text, std::string_view name, Ticket* out);
std::string WriteTicket(const Ticket& t);

// A TOML basic string for `s`: multi-line ("""...""") when it holds a newline.
std::string TomlString(std::string_view s);

}  // namespace svc
