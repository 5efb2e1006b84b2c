// Values: checks of the values a user gives, shared by intake, the workflow
// and the quote (ops/ and rules/fees.cc), the command line's door
// (cli/parse.cc) and `svc check` (the same rules for what a file holds):
// readable text, which fields may span lines, times and dates in the years a
// number can hold, a part written as NAME:QTY[:UNIT_YUAN][:SUPPLY], hours
// worked.
//
// Errors are InvalidArgument naming what was checked (`what`); CheckText's
// name it as the field (Status::field()).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/timepoint.h"
#include "model/limits.h"
#include "model/ticket.h"

namespace svc {

// One line of user text: valid UTF-8 without control characters — the C0
// controls, DEL and the C1 controls U+0080-U+009F; newline and tab are
// allowed when `multiline`. Otherwise InvalidField(`what`) naming the first
// one as "U+001B" ("a newline (U+000A)" in a one-line field).
Status CheckText(std::string_view text, std::string_view what, bool multiline);

// Whether the stored field `key` may span lines: the fault description, a
// plan's or a note's text, cause, measures, corrective action, comment,
// resolution, work done, nonconformity, reason, a correction's value (as
// the corrected field takes it). Names, numbers, words and every other field
// take one line. The command line's options follow the same table
// (--cause: "cause").
bool IsMultilineField(std::string_view key);

// Every text an event holds as CheckText judges it: its actor, each string
// field (one line unless IsMultilineField), each engineer and each part's
// name; a correction's value as the corrected field of the form takes it
// (SetFormField). Calls `problem` once for each field in error (the error
// names the field: "actor", "techs", a key of the action's schema).
void CheckEventTexts(const Event& e, const std::function<void(const Status&)>& problem);

// A year a user gives, from `min_year` to kMaxYear; else InvalidArgument
// saying the number holds the year in two digits.
Status CheckYear(int year, int min_year = kMinYear);
// ParseTime and ParseDate (base/timepoint.h) for what a user types: only
// years kMinYear-kMaxYear (ParseDate: from `min_year`), and never empty.
Status ParseUserTime(std::string_view text, int default_offset_minutes, Time* out);
Status ParseUserDate(std::string_view text, Date* out, int min_year = kMinYear);

// "NAME:QTY[:UNIT_YUAN][:SUPPLY]" (SUPPLY one of `supplies`, or its Chinese
// word of PartSupplies(): 三包/自购/返回/报废); `default_supply` when not given.
Status ParsePart(std::string_view text, const std::vector<std::string>& supplies,
                 const std::string& default_supply, Part* out);

// "3", "2.5", "0.25": hours with at most two decimals, written back normalised.
Status ParseHours(std::string_view text, std::string* out);

}  // namespace svc
