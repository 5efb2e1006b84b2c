// Money: whole fen (0.01 yuan) in a signed 64-bit integer; never floating point.
//
// Text form: yuan with at most two decimals on input ("860", "345.5",
// "4912.11"), always exactly two decimals on output ("860.00").
// Arithmetic that would overflow is an error, never a wrap.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace svc {

// The largest amount svc reads, computes and writes: 999,999,999,999.99 yuan.
inline constexpr int64_t kMaxFen = 99'999'999'999'999;

struct Money {
  int64_t fen = 0;
  bool operator==(const Money&) const = default;
  auto operator<=>(const Money&) const = default;
};

// Strict: digits, optionally '.' and one or two digits. No sign, exponent,
// separators or spaces. At most 999,999,999,999.99 yuan.
Status ParseMoney(std::string_view text, Money* out);
std::string FormatMoney(Money m);  // "4912.11", "-3.50"

// Checked arithmetic: false on overflow.
bool AddMoney(Money a, Money b, Money* out);
bool MulMoney(Money a, int64_t n, Money* out);
// a * percent / 100, rounded half-up to the fen (percent in hundredths of a
// percent: 1500 = 15 %). False on overflow.
bool PercentOf(Money a, int64_t basis_points, Money* out);

// "15%", "15.5%", "40 %" -> basis points (hundredths of a percent).
Status ParsePercent(std::string_view text, int64_t* basis_points);
std::string FormatPercent(int64_t basis_points);  // "15%", "15.5%"

}  // namespace svc
