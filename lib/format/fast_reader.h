// A fast reader for svc's own ticket format, without a general TOML parser.
// It reads a strict subset of TOML — the lines WriteTicket produces, with
// the form's keys, tables, events and parts' keys in any order — and declines
// everything else: other TOML layouts (literal strings, inline tables, dotted
// keys, comments after values, CRLF ...), anything TOML or ParseTicket
// forbids (repeated keys or tables, leading zeros, raw control characters,
// missing required keys, events out of time order), and anything it does not
// recognise. What it accepts it reads exactly as ParseTicket (toml++) does;
// what it declines is left to ParseTicket, which also gives the error
// messages. The unit tests hold it to that on every bundled record and on
// generated and fuzzed inputs.
#pragma once

#include <string_view>

#include "base/status.h"
#include "model/ticket.h"

namespace svc {

// True, with *out filled, when the fast reader reads `text`.
bool ReadFastTicket(std::string_view text, Ticket* out);

// Reads any ticket file: the fast reader where it can, toml++ (and its
// "<name>:LINE:COL:" errors) for the rest.
Status ReadTicket(std::string_view text, std::string_view name, Ticket* out);

}  // namespace svc
