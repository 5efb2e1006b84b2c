#include "model/price_list.h"

namespace svc {

const PricedPart* PriceList::Find(std::string_view code) const {
  for (const auto& p : parts) {
    if (p.code == code) return &p;
  }
  return nullptr;
}

}  // namespace svc
