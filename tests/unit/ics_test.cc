// iCalendar text (format/ics.h): TEXT escaping, folding at 75 octets without
// splitting a UTF-8 character, UTC times and CRLF line ends.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "format/ics.h"

using namespace svc;

namespace {

std::vector<std::string> PhysicalLines(const std::string& folded) {
  std::vector<std::string> lines;
  size_t at = 0;
  for (size_t crlf; (crlf = folded.find("\r\n", at)) != std::string::npos; at = crlf + 2) {
    lines.push_back(folded.substr(at, crlf - at));
  }
  CHECK(at == folded.size());  // ends in CRLF, nothing after it
  return lines;
}

bool ValidUtf8Start(const std::string& s) {
  return s.empty() || (static_cast<unsigned char>(s[0]) & 0xC0) != 0x80;
}

}  // namespace

TEST_CASE("ics: TEXT escapes backslash, semicolon, comma and line feed; drops CR") {
  CHECK(EscapeIcsText("plain") == "plain");
  CHECK(EscapeIcsText("a,b;c\\d") == "a\\,b\\;c\\\\d");
  CHECK(EscapeIcsText("line1\r\nline2\n") == "line1\\nline2\\n");
  CHECK(EscapeIcsText("客户：北京,海淀") == "客户：北京\\,海淀");
}

TEST_CASE("ics: a short line is one line with CRLF") {
  CHECK(FoldIcsLine("SUMMARY:hi") == "SUMMARY:hi\r\n");
  std::string exact(75, 'x');
  CHECK(FoldIcsLine(exact) == exact + "\r\n");
  CHECK(FoldIcsLine(exact + "y") == exact + "\r\n y\r\n");
}

TEST_CASE("ics: folding at 75 octets never splits a Chinese character") {
  std::string value;
  for (int i = 0; i < 60; ++i) value += "维修";  // 3 octets each
  std::string line = "SUMMARY:" + value;
  std::vector<std::string> lines = PhysicalLines(FoldIcsLine(line));
  REQUIRE(lines.size() > 1);
  std::string unfolded = lines[0];
  for (size_t i = 0; i < lines.size(); ++i) {
    CHECK(lines[i].size() <= 75);
    if (i > 0) {
      REQUIRE(lines[i][0] == ' ');
      std::string rest = lines[i].substr(1);
      CHECK(ValidUtf8Start(rest));
      unfolded += rest;
    }
  }
  CHECK(unfolded == line);
  // "SUMMARY:" is 8 octets: 22 characters (66 octets) fit, a 23rd would make 77.
  CHECK(lines[0].size() == 74);
}

TEST_CASE("ics: times in UTC, dates as YYYYMMDD") {
  CHECK(IcsUtc(Time{0, 0}) == "19700101T000000Z");
  // 2026-11-29 11:30 +08:00 is 03:30 UTC.
  CHECK(IcsUtc(Time{1795923000, 480}) == "20261129T033000Z");
  CHECK(IcsDate(Date{2026, 11, 1}) == "20261101");
}

TEST_CASE("ics: the writer's components and properties") {
  IcsWriter w;
  w.Begin("VEVENT");
  w.Property("DTSTART;VALUE=DATE", "20261101");
  w.Text("SUMMARY", "a, b");
  w.End("VEVENT");
  CHECK(w.Take() ==
        "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261101\r\nSUMMARY:a\\, b\r\nEND:VEVENT\r\n");
}
