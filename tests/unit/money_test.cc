#include "base/money.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "test_util.h"

namespace svc {
namespace {

constexpr int64_t kMaxFen = 99'999'999'999'999;  // 999,999,999,999.99 yuan
constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
constexpr int64_t kInt64Min = std::numeric_limits<int64_t>::min();

TEST_CASE("ParseMoney accepts yuan with at most two decimals") {
  struct Row {
    const char* text;
    int64_t fen;
  };
  const Row rows[] = {
      {"860", 86000},
      {"860.5", 86050},
      {"860.50", 86050},
      {"345.5", 34550},
      {"4912.11", 491211},
      {"0", 0},
      {"0.00", 0},
      {"0.01", 1},
      {"0.1", 10},
      {"0.10", 10},
      {"1.05", 105},
      {"200.00", 20000},
      {"999999999999.99", kMaxFen},
      {"999999999999", kMaxFen - 99},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    Money m{-7};
    SVC_CHECK_OK(ParseMoney(row.text, &m));
    CHECK(m.fen == row.fen);
  }
}

TEST_CASE("ParseMoney is strict") {
  const char* rows[] = {
      "-1",
      "1.234",
      "1e3",
      "NaN",
      "nan",
      "inf",
      "1,000",
      "",
      " 1",
      "1 ",
      "1.",
      ".5",
      ".",
      "+1",
      "1.2.3",
      "1..2",
      "0x10",
      "１",
      "1_000",
      "¥860",
      "860元",
      "860 yuan",
      "1.5e2",
      "1.-5",
      "1000000000000",            // one trillion yuan: over the limit
      "9999999999999999",         // 16 digits
      "99999999999999999999999",  // would overflow int64 if not refused
      "1000000000000.00",
  };
  for (const char* text : rows) {
    CAPTURE(text);
    Money m{1234};
    Status s = ParseMoney(text, &m);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(s.message() == "'" + std::string(text) +
                             "' is not an amount of yuan; write it as 860, 345.5 or 4912.11");
    CHECK(m.fen == 1234);  // untouched on failure
  }
}

TEST_CASE("FormatMoney always writes two decimals") {
  struct Row {
    int64_t fen;
    const char* text;
  };
  const Row rows[] = {
      {0, "0.00"},
      {1, "0.01"},
      {10, "0.10"},
      {86000, "860.00"},
      {86050, "860.50"},
      {491211, "4912.11"},
      {-350, "-3.50"},
      {-1, "-0.01"},
      {kMaxFen, "999999999999.99"},
      {kInt64Max, "92233720368547758.07"},
      {kInt64Min, "-92233720368547758.08"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.fen);
    CHECK(FormatMoney(Money{row.fen}) == row.text);
  }
  // What is written is read back (non-negative amounts within the limit).
  for (int64_t fen : {int64_t{0}, int64_t{5}, int64_t{86050}, kMaxFen}) {
    Money back;
    SVC_CHECK_OK(ParseMoney(FormatMoney(Money{fen}), &back));
    CHECK(back.fen == fen);
  }
}

TEST_CASE("PercentOf rounds half up to the fen") {
  struct Row {
    int64_t fen;
    int64_t bp;
    int64_t expect;
  };
  const Row rows[] = {
      // 15 % of 3.30 yuan = 49.5 fen: exactly half a fen rounds up to 50.
      {330, 1500, 50},
      // 15 % of 3.29 yuan = 49.35 fen -> 49; of 3.31 = 49.65 -> 50.
      {329, 1500, 49},
      {331, 1500, 50},
      // 40 % of 860.00 = 344.00.
      {86000, 4000, 34400},
      // 15 % of 0.10 = 1.5 fen -> 2; of 0.01 = 0.15 fen -> 0.
      {10, 1500, 2},
      {1, 1500, 0},
      // 0.01 % of 50.00 yuan = 0.5 fen -> 1; of 49.99 = 0.4999 fen -> 0.
      {5000, 1, 1},
      {4999, 1, 0},
      // 15.5 % of 100.01 = 1550.155 fen -> 1550.
      {10001, 1550, 1550},
      // 12.5 % of 0.04 = 0.5 fen -> 1; of 0.12 = 1.5 fen -> 2.
      {4, 1250, 1},
      {12, 1250, 2},
      // 100 %, 0 %, and of nothing.
      {491211, 10000, 491211},
      {491211, 0, 0},
      {0, 1500, 0},
      // 100 % of the largest amount ParseMoney allows.
      {kMaxFen, 10000, kMaxFen},
  };
  for (const Row& row : rows) {
    CAPTURE(row.fen);
    CAPTURE(row.bp);
    Money out{-99};
    REQUIRE(PercentOf(Money{row.fen}, row.bp, &out));
    CHECK(out.fen == row.expect);
  }
}

TEST_CASE("PercentOf reports overflow") {
  Money out{5};
  CHECK_FALSE(PercentOf(Money{kInt64Max}, 2, &out));
  CHECK_FALSE(PercentOf(Money{kMaxFen}, 100000, &out));  // 1000 % of a trillion yuan
  CHECK_FALSE(PercentOf(Money{kInt64Max / 10000 + 1}, 10000, &out));
  CHECK(PercentOf(Money{kInt64Max / 10000}, 10000, &out));
  CHECK(out.fen == kInt64Max / 10000);
}

TEST_CASE("AddMoney and MulMoney detect overflow") {
  Money out;
  REQUIRE(AddMoney(Money{15000}, Money{5000}, &out));
  CHECK(out.fen == 20000);
  REQUIRE(AddMoney(Money{-350}, Money{350}, &out));
  CHECK(out.fen == 0);
  REQUIRE(AddMoney(Money{kInt64Max - 1}, Money{1}, &out));
  CHECK(out.fen == kInt64Max);
  CHECK_FALSE(AddMoney(Money{kInt64Max}, Money{1}, &out));
  CHECK_FALSE(AddMoney(Money{1}, Money{kInt64Max}, &out));
  CHECK_FALSE(AddMoney(Money{kInt64Min}, Money{-1}, &out));

  REQUIRE(MulMoney(Money{15000}, 3, &out));
  CHECK(out.fen == 45000);
  REQUIRE(MulMoney(Money{20000}, 0, &out));
  CHECK(out.fen == 0);
  REQUIRE(MulMoney(Money{kInt64Max}, 1, &out));
  CHECK(out.fen == kInt64Max);
  CHECK_FALSE(MulMoney(Money{kInt64Max}, 2, &out));
  CHECK_FALSE(MulMoney(Money{kInt64Max / 2 + 1}, 2, &out));
  CHECK_FALSE(MulMoney(Money{kInt64Min}, -1, &out));
  CHECK_FALSE(MulMoney(Money{kMaxFen}, 1'000'000, &out));
}

TEST_CASE("ParsePercent reads basis points") {
  struct Row {
    const char* text;
    int64_t bp;
  };
  const Row rows[] = {
      {"15%", 1500}, {"15.5%", 1550}, {"15.25%", 1525}, {"40 %", 4000}, {"40  %", 4000},
      {"0%", 0},     {"100%", 10000}, {"0.01%", 1},     {"0.5%", 50},   {"1000%", 100000},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    int64_t bp = -1;
    SVC_CHECK_OK(ParsePercent(row.text, &bp));
    CHECK(bp == row.bp);
  }
  const char* bad[] = {"15",   "%",    "",     "15.555%", "-5%", "+5%", "1001%",      " 15%",
                       "15%%", "abc%", "15% ", "1e1%",    ".5%", "5.%", "15 percent", "0.15"};
  for (const char* text : bad) {
    CAPTURE(text);
    int64_t bp = 42;
    Status s = ParsePercent(text, &bp);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(s.message() ==
          "'" + std::string(text) + "' is not a percentage; write it as 15% or 15.5%");
    CHECK(bp == 42);
  }
}

TEST_CASE("FormatPercent writes no more decimals than needed") {
  struct Row {
    int64_t bp;
    const char* text;
  };
  const Row rows[] = {
      {1500, "15%"}, {1550, "15.5%"},   {1525, "15.25%"}, {0, "0%"},
      {5, "0.05%"},  {50, "0.5%"},      {1, "0.01%"},     {10000, "100%"},
      {4000, "40%"}, {100000, "1000%"}, {1505, "15.05%"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.bp);
    CHECK(FormatPercent(row.bp) == row.text);
    int64_t back = -1;
    SVC_CHECK_OK(ParsePercent(row.text, &back));
    CHECK(back == row.bp);
  }
}

}  // namespace
}  // namespace svc
