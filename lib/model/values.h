// Values: checks of the values a user gives, shared by intake, the workflow
// and the quote (ops/ and rules/fees.cc): readable text, a part written as
// NAME:QTY[:UNIT_YUAN][:SUPPLY], hours worked.
//
// Errors are InvalidArgument naming what was checked (`what`); CheckText's
// name it as the field (Status::field()).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/ticket.h"

namespace svc {

// One line of user text: valid UTF-8 without control characters (newlines
// allowed when `multiline`). Otherwise InvalidField(`what`): the field checked.
Status CheckText(std::string_view text, std::string_view what, bool multiline);

// "NAME:QTY[:UNIT_YUAN][:SUPPLY]" (SUPPLY one of `supplies`, or its Chinese
// word of PartSupplies(): 三包/自购/返回/报废); `default_supply` when not given.
Status ParsePart(std::string_view text, const std::vector<std::string>& supplies,
                 const std::string& default_supply, Part* out);

// "3", "2.5", "0.25": hours with at most two decimals, written back normalised.
Status ParseHours(std::string_view text, std::string* out);

}  // namespace svc
