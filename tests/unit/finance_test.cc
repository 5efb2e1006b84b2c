// Finance (model/finance.h, rules/finance.h): the kinds, their fold, and the
// write-off's arithmetic — which records and engineers a month covers, the
// quote counted once, sums by item, balances, and sums too large refused.
#include <doctest/doctest.h>

#include <cstdint>

#include "format/record_toml.h"
#include "model/finance.h"
#include "rules/finance.h"
#include "rules/state.h"
#include "test_util.h"

using namespace svc;
using svc_test::T;

namespace {

constexpr int kOff = 480;  // +08:00

Expense Spent(const char* at, const char* item, int64_t fen, const char* engineer) {
  Expense x;
  x.at = T(at);
  x.actor = "录入员";
  x.item = item;
  x.amount = Money{fen};
  x.engineer = engineer;
  return x;
}

OutboundRecord Filed(const char* number, const char* at, std::vector<std::string> techs) {
  OutboundRecord r;
  r.number = number;
  r.filed.at = T(at);
  r.techs = std::move(techs);
  return r;
}

}  // namespace

TEST_CASE("finance: months parse strictly and bound the company's month") {
  Month m;
  REQUIRE(ParseMonth("2026-11", &m).ok());
  CHECK(m.str() == "2026-11");
  CHECK(FormatTime(m.Start(kOff)) == "2026-11-01T00:00:00+08:00");
  CHECK(FormatTime(m.End(kOff)) == "2026-12-01T00:00:00+08:00");
  REQUIRE(ParseMonth("2026-12", &m).ok());
  CHECK(FormatTime(m.End(kOff)) == "2027-01-01T00:00:00+08:00");
  for (const char* bad : {"2026-13", "2026-00", "2026-1", "26-11", "2026/11", "", "２０26-11"}) {
    CAPTURE(bad);
    CHECK(ParseMonth(bad, &m).field() == "month");
  }
  // 2026-11-30T20:00Z is December's in +08:00.
  CHECK(MonthOf(T("2026-11-30T20:00:00Z"), kOff) == Month{2026, 12});
}

TEST_CASE("finance: the write-off of a month, by hand") {
  WriteoffBuilder b(Month{2026, 11}, kOff);
  // Ticket 1: quoted and accepted, one record filed in the month.
  TicketState t1;
  t1.quote = QuoteState{};
  t1.quote->total = Money{536130};
  t1.quote->accepted = Step{};
  OutboundRecord r1 = Filed("SC-26-11-01", "2026-11-05T08:00:00+08:00", {"张伟"});
  r1.expenses = {Spent("2026-11-05T09:00:00+08:00", "transport", 32000, "张伟"),
                 Spent("2026-11-06T21:00:00+08:00", "lodging", 26050, "张伟"),
                 // December's: not in November's write-off.
                 Spent("2026-12-01T00:00:00+08:00", "meals", 999, "张伟")};
  // A second record of the same ticket: the quote is not counted again.
  OutboundRecord r1b = Filed("SC-26-11-03", "2026-11-20T08:00:00+08:00", {"张伟"});
  t1.records = {r1, r1b};
  REQUIRE(b.AddTicket("YX-26-11-01", t1).ok());
  // Ticket 2: filed in October, an expense in November (in +08:00).
  TicketState t2;
  t2.quote = QuoteState{};
  t2.quote->total = Money{100000};  // not accepted: no quoted figure
  OutboundRecord r2 = Filed("SC-26-10-07", "2026-10-28T08:00:00+08:00", {"李强", "王芳"});
  r2.expenses = {Spent("2026-10-31T15:59:59Z", "material", 4525, "王芳"),
                 Spent("2026-10-31T16:00:00Z", "material", 5000, "王芳")};
  t2.records = {r2};
  REQUIRE(b.AddTicket("YX-26-10-02", t2).ok());
  // Ticket 3: void — nothing of it counts.
  TicketState t3;
  t3.voided = Step{};
  t3.records = {Filed("SC-26-11-02", "2026-11-07T08:00:00+08:00", {"张伟"})};
  REQUIRE(b.AddTicket("YX-26-11-03", t3).ok());
  // Advances: two in the month, one in December.
  REQUIRE(b.AddAdvance(
               {"JZ-26-11-01", T("2026-11-01T09:00:00+08:00"), "财务", "张伟", Money{200000}, ""})
              .ok());
  REQUIRE(b.AddAdvance(
               {"JZ-26-11-02", T("2026-11-15T09:00:00+08:00"), "财务", "赵六", Money{30000}, ""})
              .ok());
  REQUIRE(b.AddAdvance(
               {"JZ-26-12-01", T("2026-12-01T09:00:00+08:00"), "财务", "张伟", Money{50000}, ""})
              .ok());
  WriteoffFigures f;
  REQUIRE(b.Finish(&f).ok());
  REQUIRE(f.lines.size() == 3);
  // In number order: October's record first.
  CHECK(f.lines[0].record == "SC-26-10-07");
  CHECK(f.lines[0].quoted == Money{0});
  CHECK(f.lines[0].actual == Money{5000});
  CHECK(f.lines[1].record == "SC-26-11-01");
  CHECK(f.lines[1].quoted == Money{536130});
  CHECK(f.lines[1].actual == Money{58050});
  CHECK(f.lines[1].difference() == Money{58050 - 536130});
  CHECK(f.lines[1].by_item.at("lodging") == Money{26050});
  CHECK(f.lines[2].record == "SC-26-11-03");  // filed in the month, no expense yet
  CHECK(f.lines[2].quoted == Money{0});
  CHECK(f.lines[2].actual == Money{0});
  CHECK(f.quoted == Money{536130});
  CHECK(f.actual == Money{63050});
  CHECK(f.expenses == Money{63050});
  CHECK(f.advances == Money{230000});
  CHECK(f.by_item.at("material") == Money{5000});
  REQUIRE(f.engineers.size() == 3);
  std::map<std::string, EngineerBalance> by;
  for (const EngineerBalance& e : f.engineers) by[e.name] = e;
  CHECK(by["张伟"].advances == Money{200000});
  CHECK(by["张伟"].expenses == Money{58050});
  CHECK(by["张伟"].balance() == Money{200000 - 58050});
  CHECK(by["张伟"].advance_ids == std::vector<std::string>{"JZ-26-11-01"});
  CHECK(by["王芳"].balance() == Money{-5000});
  CHECK(by["赵六"].balance() == Money{30000});
}

TEST_CASE("finance: an expense's engineer defaults to who recorded it in the sums") {
  WriteoffBuilder b(Month{2026, 11}, kOff);
  TicketState t;
  OutboundRecord r = Filed("SC-26-11-01", "2026-11-05T08:00:00+08:00", {"张伟"});
  r.expenses = {Spent("2026-11-05T09:00:00+08:00", "other", 100, "")};
  t.records = {r};
  REQUIRE(b.AddTicket("YX-26-11-01", t).ok());
  WriteoffFigures f;
  REQUIRE(b.Finish(&f).ok());
  REQUIRE(f.engineers.size() == 1);
  CHECK(f.engineers[0].name == "录入员");
}

TEST_CASE("finance: a sum too large is an error, not a wrap") {
  WriteoffBuilder b(Month{2026, 11}, kOff);
  TicketState t;
  OutboundRecord r = Filed("SC-26-11-01", "2026-11-05T08:00:00+08:00", {"张伟"});
  // (Each one more than svc reads: a hand-edited file's, which the sums must survive.)
  r.expenses = {Spent("2026-11-05T09:00:00+08:00", "other", INT64_MAX - 1, "张伟"),
                Spent("2026-11-05T10:00:00+08:00", "other", INT64_MAX - 1, "张伟")};
  t.records = {r};
  CHECK_FALSE(b.AddTicket("YX-26-11-01", t).ok());
}

TEST_CASE("finance: the kinds write canonically and fold file then notes") {
  Record r;
  r.kind = &AdvanceKind();
  r.Set("id", std::string("JZ-26-11-01"));
  r.Set("at", T("2026-11-01T09:00:00+08:00"));
  r.Set("by", std::string("财务"));
  r.Set("engineer", std::string("张伟"));
  r.Set("amount", Money{200000});
  Event file;
  file.at = T("2026-11-01T09:00:00+08:00");
  file.actor = "财务";
  file.action = "file";
  r.Append(file);
  std::string text = WriteRecord(r);
  Record back;
  REQUIRE(ParseRecord(text, "JZ-26-11-01.toml", AdvanceKind(), &back).ok());
  CHECK(back == r);
  CHECK(WriteRecord(back) == text);
  REQUIRE(ReplayRecord(r, Config{}, nullptr).ok());
  Advance a;
  REQUIRE(AdvanceFromRecord(r, &a).ok());
  CHECK(a.amount == Money{200000});
  CHECK(a.engineer == "张伟");
  // A second `file` is refused.
  r.Append(file);
  size_t failed = 0;
  CHECK_FALSE(ReplayRecord(r, Config{}, &failed).ok());
  CHECK(failed == 1);
  CHECK(FindKind("writeoff") == &WriteoffKind());
  CHECK(WriteoffKind().folder == "writeoffs");
}
