// iCalendar (RFC 5545) text, for `svc agenda --format ics`: what a phone's
// calendar imports. Content lines end in CRLF and are folded at 75 octets
// (a CRLF and one space; RFC 5545 3.1) without splitting a UTF-8 character;
// TEXT values are escaped (\\ \; \, \n; RFC 5545 3.3.11). Times are written
// in UTC (…Z). Pure: builds a string, prints nothing.
#pragma once

#include <string>
#include <string_view>

#include "base/timepoint.h"

namespace svc {

// A TEXT value as a content line carries it. A CR is dropped, a LF is \n.
std::string EscapeIcsText(std::string_view text);
// One content line (without its line end) folded: each physical line at most
// 75 octets, continuations starting with a space; ends every line in CRLF.
std::string FoldIcsLine(std::string_view line);
// 20261129T033000Z
std::string IcsUtc(const Time& t);
// 20261101
std::string IcsDate(const Date& d);

class IcsWriter {
 public:
  // A property whose value is written as given (a DATE-TIME, a URI, …);
  // `name` may carry parameters ("DTSTART;VALUE=DATE").
  void Property(std::string_view name, std::string_view value);
  // A TEXT property: the value escaped.
  void Text(std::string_view name, std::string_view text);
  void Begin(std::string_view component) { Property("BEGIN", component); }
  void End(std::string_view component) { Property("END", component); }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

}  // namespace svc
