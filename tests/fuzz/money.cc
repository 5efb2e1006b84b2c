// Fuzz target: money and percentages (base/money.h). Whatever ParseMoney
// accepts lies within 0..kMaxFen and reads back from FormatMoney as the same
// amount; the formatted text of any amount up to kMaxFen (either sign) parses
// back to it (the sign aside); the checked arithmetic never overflows
// silently. ParsePercent's accepted values write back and read again the same.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/money.h"

using namespace svc;

namespace {

void Require(bool ok) {
  if (!ok) abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);

  Money m;
  if (ParseMoney(text, &m).ok()) {
    Require(m.fen >= 0 && m.fen <= kMaxFen);
    Money back;
    Require(ParseMoney(FormatMoney(m), &back).ok() && back == m);
    // The arithmetic on it stays exact or says it overflowed.
    Money sum;
    if (AddMoney(m, m, &sum)) Require(sum.fen == 2 * m.fen);
    Money product;
    if (MulMoney(m, 3, &product)) Require(product.fen == 3 * m.fen);
    Money part;
    if (PercentOf(m, 1550, &part)) Require(part.fen >= 0 && part.fen <= m.fen);
  }

  int64_t bp = 0;
  if (ParsePercent(text, &bp).ok()) {
    int64_t again = 0;
    Require(ParsePercent(FormatPercent(bp), &again).ok() && again == bp);
  }

  // Any 8 bytes as an amount: formatted text parses back where it is in range.
  if (size >= 8) {
    int64_t fen = 0;
    for (int i = 0; i < 8; ++i)
      fen = static_cast<int64_t>(static_cast<uint64_t>(fen) << 8 | data[i]);
    Money any{fen};
    std::string s = FormatMoney(any);
    if (fen >= 0 && fen <= kMaxFen) {
      Money back;
      Require(ParseMoney(s, &back).ok() && back == any);
    }
  }
  return 0;
}
