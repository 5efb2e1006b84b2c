// Text helpers for UTF-8 strings shown to people: validity, terminal column
// width (CJK characters take two columns), padding and truncation.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace svc {

bool IsValidUtf8(std::string_view s);
// The length (1-4) of the well-formed UTF-8 sequence at s[i], or 0 if there
// is none (i < s.size()).
size_t Utf8SequenceAt(std::string_view s, size_t i);
// Columns `s` takes on a terminal: East Asian wide and fullwidth characters count 2.
int DisplayWidth(std::string_view s);
// `s` padded with spaces on the right to `width` columns.
std::string PadRight(std::string_view s, int width);
// `s` cut to at most `width` columns, ending in "…" when cut; newlines become spaces.
std::string Truncate(std::string_view s, int width);
// Leading and trailing ASCII whitespace removed.
std::string_view Trim(std::string_view s);
std::vector<std::string_view> Split(std::string_view s, char sep);

// Rows of cells printed as a table with columns aligned by display width,
// two spaces apart; the last column is not padded.
std::string FormatTable(const std::vector<std::vector<std::string>>& rows);

}  // namespace svc
