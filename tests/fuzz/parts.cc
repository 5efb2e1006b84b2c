// Fuzz target: parts — a part as `--part NAME:QTY[:UNIT_YUAN][:SUPPLY]`
// gives it (model/values.h ParsePart, one per line of the input), the
// spare-parts price list parts.toml (format/config_toml.h ParsePriceList, the
// whole input), and the quote's materials computed from them (rules/fees.h
// ComputeQuote). On any bytes nothing crashes, and: a part read has a
// one-line name without ':' or surrounding blanks, a quantity from 1 and a
// supply of the allowed ones, and written back as NAME:QTY:UNIT:SUPPLY it
// reads as the same part; a quote's amounts are exact or refused as too large.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "base/money.h"
#include "base/text.h"
#include "format/config_toml.h"
#include "fuzz_util.h"
#include "model/limits.h"
#include "model/values.h"
#include "model/vocabulary.h"
#include "rules/fees.h"

using namespace svc;
using svc::fuzz::Require;

namespace {

std::string Written(const Part& p) {
  std::string s = p.name + ":" + std::to_string(p.qty);
  if (p.unit) s += ":" + FormatMoney(*p.unit);
  if (!p.supply.empty()) s += ":" + p.supply;
  return s;
}

void CheckPart(std::string_view line, const std::vector<std::string>& supplies,
               const std::string& default_supply, std::vector<Part>* priced) {
  Part p;
  if (!ParsePart(line, supplies, default_supply, &p).ok()) return;
  Require(!p.name.empty() && p.name.find(':') == std::string::npos, "a part's name");
  Require(CheckText(p.name, "parts", false).ok(), "a part's name holds a control character");
  Require(p.name == Trim(p.name), "a part's name keeps its blanks");
  Require(p.qty >= 1 && p.qty < 1'000'000, "a part's quantity");
  Require(std::find(supplies.begin(), supplies.end(), p.supply) != supplies.end(),
          "a part's supply is not one allowed");
  Part back;
  Require(ParsePart(Written(p), supplies, default_supply, &back).ok() && back == p,
          "a part written does not read back the same");
  (void)PartsText({p});
  if (p.unit) priced->push_back(p);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);

  static const std::vector<std::string> used = UsedPartSupplies().Stored();
  static const std::vector<std::string> back = BackPartSupplies().Stored();
  std::vector<Part> priced;
  for (std::string_view line : Split(text, '\n')) {
    CheckPart(line, used, "warranty", &priced);
    CheckPart(line, back, "returned", &priced);
  }

  PriceList prices;
  if (ParsePriceList(text, "parts.toml", &prices).ok()) {
    for (const PricedPart& p : prices.parts) {
      Require(prices.Find(p.code) != nullptr, "a priced part not found by its code");
      Require(p.price.fen >= 0 && p.price.fen <= kMaxFen, "a price out of range");
      priced.push_back(Part{p.code, p.name, 1, p.price, "customer"});
    }
  }

  if (!priced.empty()) {
    FeeSchedule schedule{Date{2017, 1, 1}, Money{20000}, Money{10000}, Money{20000}, 1500, 4000};
    QuoteRequest r;
    r.parts = priced;
    Quote q;
    if (ComputeQuote(r, schedule, &q).ok()) {
      Money materials;
      for (const Part& p : priced) {
        Money line;
        Require(MulMoney(*p.unit, p.qty, &line) && AddMoney(materials, line, &materials),
                "materials computed that overflow");
      }
      Require(q.materials == materials, "the materials are not the sum of the parts");
      Require(q.total.fen <= kMaxFen && q.total >= q.subtotal, "a quote's total");
    }
  }
  return 0;
}
