// The ticket file: parsing and the one canonical way of writing it.
//
// WriteTicket(ParseTicket(text)) == text for every file svc wrote: keys in a
// fixed order, strings as readable UTF-8 (never \u escapes for printable
// text), date-times with their offset, events in time order. Parse errors
// read "<name>:LINE:COL: message" (syntax) or "<name>:LINE: message".
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "model/ticket.h"

namespace svc {

Status ParseTicket(std::string_view text, std::string_view name, Ticket* out);
std::string WriteTicket(const Ticket& t);

// An entry of the outbound records' registry, outbound/YYYY/MM/<record>.toml:
// which ticket filed the record (R-4.5.2 numbers outbound records per
// department and month across all tickets).
struct OutboundEntry {
  std::string record;  // SC-26-11-01
  std::string ticket;  // YX-26-11-03
  // The number was taken by a dispatch interrupted before its ticket filed
  // it: kept, never reused, filed by no ticket (`abandoned = true`).
  bool abandoned = false;
  // A warehousing receipt's number (入库单 RK-yy-mm-NN, R-4.5.3.1), which a
  // ticket's `warehouse` event takes from the same registry: the file's
  // title line says which (the keys are the same).
  bool receipt = false;
};
Status ParseOutboundEntry(std::string_view text, std::string_view name, OutboundEntry* out);
std::string WriteOutboundEntry(const OutboundEntry& e);

// A TOML basic string for `s`: multi-line ("""...""") when it holds a newline
// and `multiline_ok` (values inside inline tables and arrays stay on one line).
std::string TomlString(std::string_view s, bool multiline_ok = true);
void AppendTomlString(std::string* out, std::string_view s, bool multiline_ok);

}  // namespace svc
