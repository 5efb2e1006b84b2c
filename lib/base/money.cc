#include "base/money.h"

#include <fmt/format.h>

#include "base/i18n.h"

namespace svc {
namespace {

// Parses digits[.d[d]] into units of 10^-decimals; false if malformed.
bool ParseFixed(std::string_view text, int decimals, int64_t max, int64_t* out) {
  size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  if (whole.empty() || whole.size() > 15) return false;
  if (dot != std::string_view::npos &&
      (frac.empty() || frac.size() > static_cast<size_t>(decimals))) {
    return false;
  }
  int64_t v = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  for (int i = 0; i < decimals; ++i) {
    int digit = 0;
    if (static_cast<size_t>(i) < frac.size()) {
      char c = frac[i];
      if (c < '0' || c > '9') return false;
      digit = c - '0';
    }
    v = v * 10 + digit;
  }
  if (v > max) return false;
  *out = v;
  return true;
}

}  // namespace

Status ParseMoney(std::string_view text, Money* out) {
  int64_t fen = 0;
  if (!ParseFixed(text, 2, kMaxFen, &fen)) {
    return Status::InvalidArgument(
        TrF("'{}' is not an amount of yuan; write it as 860, 345.5 or 4912.11", text));
  }
  out->fen = fen;
  return Status::OK();
}

std::string FormatMoney(Money m) {
  uint64_t a = m.fen < 0 ? -static_cast<uint64_t>(m.fen) : static_cast<uint64_t>(m.fen);
  return fmt::format("{}{}.{:02}", m.fen < 0 ? "-" : "", a / 100, a % 100);
}

bool AddMoney(Money a, Money b, Money* out) {
  return !__builtin_add_overflow(a.fen, b.fen, &out->fen);
}

bool MulMoney(Money a, int64_t n, Money* out) {
  return !__builtin_mul_overflow(a.fen, n, &out->fen);
}

bool PercentOf(Money a, int64_t basis_points, Money* out) {
  int64_t product = 0;
  if (__builtin_mul_overflow(a.fen, basis_points, &product)) return false;
  // Half-up (away from zero for the half): amounts here are never negative.
  int64_t q = product / 10000, r = product % 10000;
  if (r >= 5000) ++q;
  if (r <= -5000) --q;
  out->fen = q;
  return true;
}

Status ParsePercent(std::string_view text, int64_t* basis_points) {
  std::string_view t = text;
  if (!t.empty() && t.back() == '%') t.remove_suffix(1);
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  int64_t v = 0;
  if (text.empty() || text.back() != '%' || !ParseFixed(t, 2, 100000, &v)) {
    return Status::InvalidArgument(TrF("'{}' is not a percentage; write it as 15% or 15.5%", text));
  }
  *basis_points = v;
  return Status::OK();
}

std::string FormatPercent(int64_t bp) {
  if (bp % 100 == 0) return fmt::format("{}%", bp / 100);
  if (bp % 10 == 0) return fmt::format("{}.{}%", bp / 100, bp % 100 / 10);
  return fmt::format("{}.{:02}%", bp / 100, bp % 100);
}

}  // namespace svc
