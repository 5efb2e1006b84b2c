// PriceList: the spare-parts price list (备品备件库定价, parts.toml in the
// records directory, read by format/config_toml.h): the materials of a quote
// (Table 1) priced by code.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/money.h"

namespace svc {

struct PricedPart {
  std::string code, name, unit;
  Money price;
};

struct PriceList {
  std::vector<PricedPart> parts;
  // The part with `code`, or null.
  const PricedPart* Find(std::string_view code) const;
};

}  // namespace svc
