#include "base/status.h"

#include <doctest/doctest.h>

#include <string>

#include "flags.h"
#include "format/config_toml.h"
#include "format/ticket_toml.h"
#include "ops/check.h"
#include "test_util.h"

using namespace svc;

TEST_CASE("status: a location is data; the text reads file:LINE[:COL]: message") {
  Status s = Status::Corruption(Location{"a.toml", 3, 0}, "unknown key 'x'");
  CHECK(s.code() == Status::Code::kCorruption);
  CHECK(s.message() == "a.toml:3: unknown key 'x'");
  REQUIRE(s.location() != nullptr);
  CHECK(*s.location() == Location{"a.toml", 3, 0});
  CHECK(s.Unlocated() == "unknown key 'x'");
  Status c = Status::Corruption(Location{"a.toml", 3, 7}, "expected '='");
  CHECK(c.message() == "a.toml:3:7: expected '='");
  CHECK(c.location()->column == 7);
  // A prefix keeps the location; the text without it keeps the prefix.
  Status p = c.Prefixed("reading");
  CHECK(p.message() == "reading: a.toml:3:7: expected '='");
  REQUIRE(p.location() != nullptr);
  CHECK(p.location()->line == 3);
  CHECK(p.Unlocated() == "reading: expected '='");
  // Other errors have none.
  CHECK(Status::NotFound("no ticket").location() == nullptr);
  CHECK(Status::NotFound("no ticket").Unlocated() == "no ticket");
  CHECK(Status::OK().location() == nullptr);
}

TEST_CASE("status: the parsers set the location, check reads it") {
  Config c;
  Status s = ParseConfig("format = 1\n[company]\nname = \"x\"\n", "svc.toml", &c);
  REQUIRE(!s.ok());
  REQUIRE(s.location() != nullptr);
  CHECK(s.location()->file == "svc.toml");
  CHECK(s.location()->line == 2);
  CHECK(s.message() == "svc.toml:2: missing key 'timezone' in [company]");
  CHECK(s.Unlocated() == "missing key 'timezone' in [company]");
  s = ParseConfig("format = = 1\n", "svc.toml", &c);  // a syntax error has a column
  REQUIRE(s.location() != nullptr);
  CHECK(s.location()->line == 1);
  CHECK(s.location()->column > 0);
  Ticket t;
  s = ParseTicket("id = 1\n", "t.toml", &t);
  REQUIRE(s.location() != nullptr);
  CHECK(s.location()->file == "t.toml");
  Problem p = ProblemFromStatus(s, "t.toml");
  CHECK(p.line == s.location()->line);
  CHECK(FormatProblem(p) == s.message());
  // Not this file's location, or none: the whole text at line 0.
  p = ProblemFromStatus(s, "other.toml");
  CHECK(p.line == 0);
  CHECK(p.message == s.message());
  p = ProblemFromStatus(Status::IOError("t.toml: permission denied"), "t.toml");
  CHECK(p.line == 0);
  CHECK(FormatProblem(p) == "t.toml: t.toml: permission denied");
}

TEST_CASE("status: a field is data; the command line names it its own way") {
  Status s = Status::InvalidField("role", ": 'boss' is not one of gm, head, quality, desk");
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(s.field() == "role");
  CHECK(s.message() == "role: 'boss' is not one of gm, head, quality, desk");
  CHECK(cli::UserText(s) == "--as: 'boss' is not one of gm, head, quality, desk");
  CHECK(cli::UserText(s.Prefixed("approve")) ==
        "approve: --as: 'boss' is not one of gm, head, quality, desk");
  CHECK(cli::UserText(Status::InvalidField("level", " must be 1 to 4, not 5")) ==
        "--level must be 1 to 4, not 5");
  CHECK(cli::UserText(Status::InvalidField("description", " holds a control character")) ==
        "the description holds a control character");
  CHECK(cli::FlagFor("signed_by") == "--signed-by");
  CHECK(cli::FlagFor("no_such_field") == "no_such_field");  // unknown fields print as named
  CHECK(Status::NotFound("x").field().empty());
  CHECK(cli::UserText(Status::NotFound("x")) == "x");
}

TEST_CASE("status: a message may name several fields, each named by the command line") {
  Status s = Status::InvalidFields("{people} and {days} must be at least 1");
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(s.message() == "people and days must be at least 1");
  CHECK(s.field() == "people");
  CHECK(cli::UserText(s) == "--people and --days must be at least 1");
  CHECK(cli::UserText(s.Prefixed("quote")) == "quote: --people and --days must be at least 1");
  s = Status::InvalidFields("{labor_rate} 1.00 is below 2.00: give the {reason}");
  CHECK(cli::UserText(s) == "--labor-rate 1.00 is below 2.00: give the --reason");
  // Only {lowercase_words} are fields; other braces are text.
  s = Status::InvalidFields("{} {A} {x-y} {unclosed");
  CHECK(s.message() == "{} {A} {x-y} {unclosed");
  CHECK(s.field().empty());
  // A value parser's error for a field.
  s = Status::InvalidArgument("'x' is not a date").ForField("from");
  CHECK(s.message() == "from: 'x' is not a date");
  CHECK(cli::UserText(s) == "--from: 'x' is not a date");
  CHECK(cli::UserText(Status::InvalidField("role", ": bad").ForField("to")) == "--to: --as: bad");
  CHECK(Status::OK().ForField("to").ok());
}
