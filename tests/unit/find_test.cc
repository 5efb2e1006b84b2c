// Finding things (lib/ops/find.h): list's query and columns, search's
// folding and matching. The scans themselves are tested end to end
// (tests/e2e/test_find.py).
#include "ops/find.h"

#include <doctest/doctest.h>

#include <string>

#include "base/typed.h"
#include "test_util.h"

namespace svc {
namespace {

using svc_test::T;

TicketSummary Sample() {
  TicketSummary s;
  s.id = "YX-26-11-01";
  s.via = "YX";
  s.customer = "ABB 中国";
  s.route = "SC";
  s.kind = "support";
  s.level = 2;
  s.status = TicketStatus::kOpen;
  s.techs = {"张伟", "李娜"};
  s.received = T("2026-11-29T09:00:00+08:00");
  s.opened = true;
  s.text = std::string(
      "customer\x1f"
      "ABB 中国\x1e"
      "description\x1f"
      "Breaker trips, 电缆头放电\x1e"
      "note.text\x1f"
      "客户来电 ＵＰＳ\x1e");
  return s;
}

TEST_CASE("find: the query narrows by each field; statuses are any of them") {
  TicketSummary s = Sample();
  TicketQuery q;
  CHECK(QueryMatches(q, s));
  q.statuses = {TicketStatus::kNew, TicketStatus::kOpen};
  CHECK(QueryMatches(q, s));
  q.statuses = {TicketStatus::kNew};
  CHECK_FALSE(QueryMatches(q, s));
  q = {};
  q.tech = "李娜";
  CHECK(QueryMatches(q, s));
  q.tech = "李";
  CHECK_FALSE(QueryMatches(q, s));
  q = {};
  q.route = "SC";
  q.level = 2;
  q.kind = "support";
  q.customer = "abb";
  CHECK(QueryMatches(q, s));
  q.level = 3;
  CHECK_FALSE(QueryMatches(q, s));
  q = {};
  q.since = T("2026-11-29T09:00:01+08:00");
  CHECK_FALSE(QueryMatches(q, s));
}

TEST_CASE("find: columns and sort keys are checked, naming the known ones") {
  std::vector<std::string> cols;
  REQUIRE(ParseColumns(" number , Techs", &cols).ok());
  CHECK(cols == std::vector<std::string>{"number", "techs"});
  Status s = ParseColumns("number,custmer", &cols);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(s.message().find("did you mean customer?") != std::string::npos);
  CHECK(s.message().find("known: number, status") != std::string::npos);
  CHECK_FALSE(ParseColumns(",", &cols).ok());
  CHECK(CheckSortKey("received").ok());
  CHECK(CheckSortKey("recieved").message().find("did you mean received?") != std::string::npos);
}

TEST_CASE("find: cells") {
  TicketSummary s = Sample();
  CHECK(ListCell(s, "number", 480) == "YX-26-11-01");
  CHECK(ListCell(s, "received", 480) == "2026-11-29T09:00:00+08:00");
  CHECK(ListCell(s, "level", 480) == "2");
  CHECK(ListCell(s, "techs", 480) == "张伟 李娜");
  CHECK(ListCell(s, "closed", 480).empty());
}

TEST_CASE("find: search folds case and full width, matches CJK substrings, names the field") {
  CHECK(FoldForSearch("ＡＢＣ Def") == "abc def");
  // The same as FoldTyped, then ASCII letters in lower case.
  for (std::string_view text : {"ＵＰＳ电源－１２：３０", "a\u3000b\u2010c\u2212d\u2015e\u2016f",
                                "电缆头放电，有焦味（急）", "\uff01\uff5e\uff5f\uff00 \u3001\u3002",
                                "Mixed ＣＡＳＥ ｚ", ""}) {
    CAPTURE(text);
    std::string expected = FoldTyped(text);
    for (char& c : expected) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    CHECK(FoldForSearch(text) == expected);
  }
  TicketSummary s = Sample();
  auto fields = [&](std::string_view q) {
    std::vector<std::string> out;
    for (const SearchMatch& m : SearchSummary(s, FoldForSearch(q))) out.push_back(m.field);
    return out;
  };
  CHECK(fields("BREAKER") == std::vector<std::string>{"description"});
  CHECK(fields("ｂｒｅａｋｅｒ") == std::vector<std::string>{"description"});
  CHECK(fields("电缆头") == std::vector<std::string>{"description"});
  CHECK(fields("ups") == std::vector<std::string>{"note.text"});
  CHECK(fields("abb") == std::vector<std::string>{"customer"});
  CHECK(fields("没有").empty());
  CHECK(fields("").empty());
  // The field separators are never matched.
  CHECK(fields("\x1f").empty());
  std::vector<SearchMatch> m = SearchSummary(s, FoldForSearch("ups"));
  REQUIRE(m.size() == 1);
  CHECK(m[0].value == "客户来电 ＵＰＳ");
  CHECK(m[0].snippet == "客户来电 ＵＰＳ");
}

TEST_CASE("find: a long value's snippet starts near the match") {
  TicketSummary s = Sample();
  s.text = "description\x1f" + std::string(200, 'x') + " needle " + std::string(200, 'y') + "\x1e";
  std::vector<SearchMatch> m = SearchSummary(s, "needle");
  REQUIRE(m.size() == 1);
  CHECK(m[0].snippet.starts_with("…"));
  CHECK(m[0].snippet.find("needle") != std::string::npos);
  CHECK(m[0].snippet.size() < 80);
}

}  // namespace
}  // namespace svc
