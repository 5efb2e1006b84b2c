// The index's encoding of a summary (rules/summary.h): what svc wrote
// decodes to the same, and a summary no ticket file could give — a forged
// .svc/index entry — is refused rather than shown. Found by the fuzz target
// tests/fuzz/index.cc: a clock whose deadline and stop were the extremes of
// int64 decoded, and `svc overdue` computing its time left overflowed.
#include "rules/summary.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "test_util.h"

namespace svc {
namespace {

using svc_test::T;

TicketSummary Sample() {
  TicketSummary s;
  s.id = "YX-26-11-01";
  s.via = "YX";
  s.customer = "甲";
  s.received = T("2026-11-29T09:00:00+08:00");
  s.settled = s.first = s.received.secs;
  s.opened = true;
  Clock c;
  c.name = "form";
  c.start = s.received;
  c.target = Duration{7200};
  c.deadline = Add(c.start, c.target);
  c.stop = T("2026-11-29T10:00:00+08:00");
  s.clocks.push_back(c);
  return s;
}

bool RoundTrips(const TicketSummary& s) {
  std::string bytes;
  EncodeSummary(s, &bytes);
  std::string_view in = bytes;
  TicketSummary back;
  if (!DecodeSummary(&in, &back) || !in.empty()) return false;
  std::string again;
  EncodeSummary(back, &again);
  return again == bytes;
}

TEST_CASE("summary: an encoded summary decodes to the same") {
  CHECK(RoundTrips(Sample()));
  // Every time a ticket file can hold: years 0000 to 9999, offsets to +-23:59.
  TicketSummary s = Sample();
  s.received = Time{-62'167'219'200, -1439};  // 0000-01-01T00:00:00Z
  s.settled = s.first = s.received.secs;
  s.clocks[0].stop = Time{253'402'300'799, 1439};  // 9999-12-31T23:59:59Z
  CHECK(RoundTrips(s));
}

TEST_CASE("summary: the analysis's cause category, the comment and the records decode") {
  TicketSummary s = Sample();
  s.cause_category = "software";
  s.comment = "响应太慢\n电话总占线";
  s.records = {{"YF", 1'790'000'000}, {"SC", 1'790'003'600}};
  std::string bytes;
  EncodeSummary(s, &bytes);
  std::string_view in = bytes;
  TicketSummary back;
  REQUIRE(DecodeSummary(&in, &back));
  CHECK(back.cause_category == "software");
  CHECK(back.comment == s.comment);
  REQUIRE(back.records.size() == 2);
  CHECK(back.records[1].dept == "SC");
  CHECK(back.records[1].filed == 1'790'003'600);
}

TEST_CASE("summary: the engineers and the search text decode; before the events, the form's") {
  TicketSummary s = Sample();
  s.techs = {"张伟", "李娜"};
  s.text = std::string(
      "description\x1f电缆头放电\x1e"
      "note.text\x1f催促\x1e");
  std::string bytes;
  EncodeSummary(s, &bytes);
  std::string_view in = bytes;
  TicketSummary back;
  REQUIRE(DecodeSummary(&in, &back));
  CHECK(back.techs == s.techs);
  CHECK(back.text == s.text);
  // As of a moment before the first event: the form's text only.
  s.first = s.received.secs + 60;
  TicketSummary before;
  REQUIRE(SummaryBeforeEvents(s, s.received, &before));
  CHECK(before.text == std::string("description\x1f电缆头放电\x1e"));
  CHECK(before.techs.empty());
}

TEST_CASE("summary: SearchText — the form's fields, then each event's text values") {
  Ticket t;
  t.customer.name = "华东电网";
  t.description = "跳闸";
  Event note;
  note.action = "note";
  note.fields = {{"text", Value(std::string("催促"))}};
  Event dispatch;
  dispatch.action = "dispatch";
  dispatch.fields = {{"techs", Value(std::vector<std::string>{"张伟", "李娜"})},
                     {"planned", Value(int64_t{3})}};
  Event classify;  // the vocabulary's words and department codes are not searched
  classify.action = "classify";
  classify.fields = {{"kind", Value(std::string("support"))}, {"route", Value(std::string("SC"))}};
  CHECK(SearchText(t, {&classify, &note, &dispatch}) == std::string("customer\x1f华东电网\x1e"
                                                                    "description\x1f跳闸\x1e"
                                                                    "note.text\x1f催促\x1e"
                                                                    "dispatch.techs\x1f张伟\x1e"
                                                                    "dispatch.techs\x1f李娜\x1e"));
  CHECK(SearchText(t, {}) == std::string("customer\x1f华东电网\x1e"
                                         "description\x1f跳闸\x1e"));
}

TEST_CASE("summary: WorkedBy — the records' departments, else the route") {
  TicketSummary s = Sample();
  CHECK(WorkedBy(s).empty());  // not classified, nobody sent
  s.route = "ZL";
  CHECK(WorkedBy(s) == std::vector<std::string>{"ZL"});  // worked on remotely
  s.records = {{"YF", 1}, {"SC", 2}, {"YF", 3}};
  CHECK(WorkedBy(s) == std::vector<std::string>{"YF", "SC"});  // each once, in filing order
}

TEST_CASE("summary: a summary with times no ticket can hold is refused") {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  TicketSummary s = Sample();
  s.clocks[0].deadline = Time{kMax, 0};
  s.clocks[0].stop = Time{kMin, 0};
  CHECK_FALSE(RoundTrips(s));
  s = Sample();
  s.clocks[0].deadline.offset_minutes = 1440;
  CHECK_FALSE(RoundTrips(s));
  s = Sample();
  s.closed = Time{kMax, 480};
  CHECK_FALSE(RoundTrips(s));
  s = Sample();
  s.clocks[0].target = Duration{-1};
  CHECK_FALSE(RoundTrips(s));
  s = Sample();
  s.received = Time{kMin, 0};
  s.settled = s.first = s.received.secs;
  CHECK_FALSE(RoundTrips(s));
}

}  // namespace
}  // namespace svc
