// "Did you mean …?": the nearest of the known words to one mistyped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace svc {

// Optimal string alignment distance (Damerau-Levenshtein with adjacent
// transpositions, each substring edited once) between two strings, by bytes:
// "lsit" -> "list" is 1, "levl" -> "level" is 1.
int EditDistance(std::string_view a, std::string_view b);

// The known word nearest to `typed`, or "" when none is near enough to be
// what was meant: within a third of the typed length (at least 1, at most 3).
// The first of equally near words wins.
std::string Nearest(std::string_view typed, const std::vector<std::string>& known);

}  // namespace svc
