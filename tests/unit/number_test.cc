#include "model/number.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "test_util.h"

namespace svc {
namespace {

using svc_test::T;

TEST_CASE("ParseDocNumber accepts CODE-yy-mm-NN") {
  struct Row {
    const char* text;
    DocNumber number;
    const char* month_path;
  };
  const Row rows[] = {
      {"YX-26-11-01", {"YX", 2026, 11, 1, 2}, "2026/11"},
      {"ZC1-26-11-01", {"ZC1", 2026, 11, 1, 2}, "2026/11"},
      {"SC-26-12-99", {"SC", 2026, 12, 99, 2}, "2026/12"},
      {"YX-26-11-001", {"YX", 2026, 11, 1, 3}, "2026/11"},
      {"YX-26-11-100", {"YX", 2026, 11, 100, 3}, "2026/11"},
      {"YX-26-11-10", {"YX", 2026, 11, 10, 2}, "2026/11"},
      {"YX-00-01-01", {"YX", 2000, 1, 1, 2}, "2000/01"},
      {"YX-99-12-01", {"YX", 2099, 12, 1, 2}, "2099/12"},
      {"A-26-01-01", {"A", 2026, 1, 1, 2}, "2026/01"},
      {"ABCDEFGH-26-11-01", {"ABCDEFGH", 2026, 11, 1, 2}, "2026/11"},
      {"Z9-27-01-000001", {"Z9", 2027, 1, 1, 6}, "2027/01"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    DocNumber n;
    SVC_REQUIRE_OK(ParseDocNumber(row.text, &n));
    CHECK(n == row.number);
    CHECK(n.str() == row.text);
    CHECK(n.MonthPath() == row.month_path);
  }
}

TEST_CASE("ParseDocNumber refuses anything else") {
  const char* rows[] = {
      "",
      "../x",
      "../../etc/passwd",
      "YX/26",
      "YX-26-11-01/",
      "YX-26-11-01/../..",
      "tickets/2026/11/YX-26-11-01",
      "yx-26-11-01",
      "Yx-26-11-01",
      "1X-26-11-01",
      "-26-11-01",
      "ABCDEFGHI-26-11-01",  // code longer than 8
      "Y_X-26-11-01",
      "YX-26-13-01",
      "YX-26-00-01",
      "YX-26-11-00",
      "YX-26-11-000",
      "YX-26-11-1",
      "YX-26-11-",
      "YX-26-11",
      "YX-26-1-01",
      "YX-2-11-01",
      "YX-2026-11-01",
      "YX-26-11-01.toml",
      "YX-26-11-0000001",  // 7 digits
      " YX-26-11-01",
      "YX-26-11-01 ",
      "YX -26-11-01",
      "YX-26-11- 1",
      "YX-26-11-0 1",
      "YX-26-11-01\n",
      "YX_26_11_01",
      "YX-26-11-+1",
      "YX-+6-11-01",
      "YX-26--1-01",
      "YX-26-11--1",
      "YX-26-11-0x",
      "YX-26-11-１",
      "中-26-11-01",
      "YX–26–11–01",  // en dashes
  };
  for (const char* text : rows) {
    CAPTURE(text);
    DocNumber n{"KEEP", 1, 1, 1, 2};
    Status s = ParseDocNumber(text, &n);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(s.message() ==
          "'" + std::string(text) + "' is not a document number; numbers look like YX-26-11-01");
    CHECK(n == DocNumber{"KEEP", 1, 1, 1, 2});
  }
}

TEST_CASE("DocNumber::str pads to its width") {
  CHECK(DocNumber{"YX", 2026, 11, 1, 2}.str() == "YX-26-11-01");
  CHECK(DocNumber{"YX", 2026, 11, 1, 3}.str() == "YX-26-11-001");
  CHECK(DocNumber{"SC", 2030, 1, 42, 4}.str() == "SC-30-01-0042");
  CHECK(DocNumber{"YX", 2026, 11, 123, 2}.str() == "YX-26-11-123");
  CHECK(DocNumber{"YX", 2026, 11, 5, 2}.MonthPath() == "2026/11");
}

TEST_CASE("NextNumber") {
  const Time nov = T("2026-11-29T09:30:00+08:00");
  struct Row {
    const char* what;
    std::vector<int> taken;
    int width;
    const char* expect;
  };
  const Row rows[] = {
      {"the first of the month is 01", {}, 2, "YX-26-11-01"},
      {"after 01", {1}, 2, "YX-26-11-02"},
      {"after gaps: the highest plus one", {1, 2, 5}, 2, "YX-26-11-06"},
      {"unsorted", {7, 3}, 2, "YX-26-11-08"},
      {"duplicates", {4, 4}, 2, "YX-26-11-05"},
      {"the last that fits", {98}, 2, "YX-26-11-99"},
      {"three digits", {}, 3, "YX-26-11-001"},
      {"past 99 with three digits", {99}, 3, "YX-26-11-100"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    DocNumber n;
    SVC_REQUIRE_OK(NextNumber("YX", nov, row.taken, row.width, &n));
    CHECK(n.str() == row.expect);
    CHECK(n.width == row.width);
  }
}

TEST_CASE("NextNumber never wraps") {
  const Time nov = T("2026-11-29T09:30:00+08:00");
  DocNumber n{"KEEP", 1, 1, 1, 2};
  Status s = NextNumber("YX", nov, {1, 99}, 2, &n);
  CHECK(s.code() == Status::Code::kConflict);
  CHECK(s.message() ==
        "no YX number left for 2026-11: YX-26-11-99 was the last of 2 digits (raise "
        "sequence_width in svc.toml's [company] to go on)");
  CHECK(n == DocNumber{"KEEP", 1, 1, 1, 2});

  s = NextNumber("SC", nov, {999}, 3, &n);
  CHECK(s.code() == Status::Code::kConflict);
  CHECK(s.message() ==
        "no SC number left for 2026-11: SC-26-11-999 was the last of 3 digits (raise "
        "sequence_width in svc.toml's [company] to go on)");
}

TEST_CASE("NextNumber takes the month from the time's own offset") {
  const Time utc = T("2026-11-30T20:00:00Z");
  DocNumber n;
  SVC_REQUIRE_OK(NextNumber("YX", utc, {}, 2, &n));
  CHECK(n.str() == "YX-26-11-01");
  SVC_REQUIRE_OK(NextNumber("YX", InOffset(utc, 480), {}, 2, &n));
  CHECK(n.str() == "YX-26-12-01");
  CHECK(n.MonthPath() == "2026/12");
  // The new year comes first in China.
  SVC_REQUIRE_OK(NextNumber("SC", InOffset(T("2026-12-31T16:00:00Z"), 480), {3}, 2, &n));
  CHECK(n.str() == "SC-27-01-04");
  CHECK(n == DocNumber{"SC", 2027, 1, 4, 2});
  SVC_REQUIRE_OK(NextNumber("SC", T("2026-12-31T16:00:00Z"), {}, 2, &n));
  CHECK(n.str() == "SC-26-12-01");
}

TEST_CASE("NumberLess is natural order") {
  auto N = [](const char* text) {
    DocNumber n;
    Status s = ParseDocNumber(text, &n);
    REQUIRE_MESSAGE(s.ok(), s.message());
    return n;
  };
  const char* sorted[] = {"SC-26-11-01", "SC-26-11-02",  "YX-25-12-99", "YX-26-01-01",
                          "YX-26-11-02", "YX-26-11-009", "YX-26-11-10", "YX-26-11-100",
                          "YX-26-12-01", "ZC1-26-01-01", "ZC2-26-01-01"};
  for (size_t i = 0; i < std::size(sorted); ++i) {
    for (size_t j = 0; j < std::size(sorted); ++j) {
      CAPTURE(sorted[i]);
      CAPTURE(sorted[j]);
      CHECK(NumberLess(N(sorted[i]), N(sorted[j])) == (i < j));
    }
  }
}

}  // namespace
}  // namespace svc
