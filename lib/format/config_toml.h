// Reading the records directory's configuration files: svc.toml (model/config.h)
// and the spare-parts price list parts.toml (model/price_list.h), both
// documented key by key in docs/FORMAT.md.
//
// Unknown keys are errors, so a typo never silently falls back to a default;
// every error names the file and the line of the offending key (Status::location).
#pragma once

#include <string_view>

#include "base/status.h"
#include "model/config.h"
#include "model/price_list.h"

namespace svc {

// Parses and validates svc.toml text. Errors read "<name>:LINE: message".
Status ParseConfig(std::string_view text, std::string_view name, Config* out);

// Parses parts.toml; errors read "<name>:LINE: message".
Status ParsePriceList(std::string_view text, std::string_view name, PriceList* out);

}  // namespace svc
