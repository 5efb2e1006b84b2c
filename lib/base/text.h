// Text helpers for UTF-8 strings shown to people: validity, terminal column
// width (CJK characters take two columns), padding and truncation, and the
// escapes that make text from the records safe in each output svc writes
// (terminal text, CSV, Markdown, HTML). The escapes apply where svc writes
// output, never to what it stores: the records keep what was recorded.
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
// `s` cut to at most `width` columns, ending in "…" when cut; newlines and
// tabs become spaces, other controls their EscapeControls escape.
std::string Truncate(std::string_view s, int width);
// Leading and trailing ASCII whitespace removed.
std::string_view Trim(std::string_view s);
std::vector<std::string_view> Split(std::string_view s, char sep);

// Rows of cells printed as a table with columns aligned by display width,
// two spaces apart; the last column is not padded. Cells pass through
// EscapeControls.
std::string FormatTable(const std::vector<std::vector<std::string>>& rows);

// The same table without holding it: Measure every row first, then Format
// each in turn (a hundred thousand overdue clocks print in constant memory).
class TableLayout {
 public:
  void Measure(const std::vector<std::string>& row);
  // The row's line, ending in a newline.
  std::string Format(const std::vector<std::string>& row) const;

 private:
  std::vector<int> widths_;
};

// `s` with every character a terminal would act on instead of showing
// written as a visible escape, so that text from the records (typed, merged
// or hand-edited) cannot move the cursor, recolour, clear or reorder what
// svc prints: the C0 controls but newline and tab, and DEL, as "\x1b";
// the C1 controls (U+0080-U+009F) and the bidirectional embeddings,
// overrides and isolates (U+202A-U+202E, U+2066-U+2069) as "\u009b",
// "\u202e"; a byte that is not UTF-8 as "\xff". A backslash stays as it is.
std::string EscapeControls(std::string_view s);

// One CSV field (RFC 4180): controls escaped as EscapeControls; a field
// beginning with '=', '+', '-', '@', tab or CR gets a leading "'" so that a
// spreadsheet takes it as text, not a formula (OWASP's CSV-injection
// guidance) — unless the field is only a number (-12.5, 83.3%) or "-",
// which a spreadsheet reads as a value whatever its sign; then quoted when
// it holds a comma, quote, CR or LF, with quotes doubled.
std::string CsvField(std::string_view s);

// Text for a Markdown line or table cell: controls escaped as
// EscapeControls; '<', '>', '&' as HTML entities (no tag, comment or entity
// comes through live); '\\', '|', '`', '*', '_', '[', ']', '~' behind a
// backslash (no cell border, code, emphasis or link); each line break as
// "<br>", so a multi-line text stays in its cell.
std::string MarkdownText(std::string_view s);

// Text for HTML element content or a quoted attribute: controls escaped as
// EscapeControls, and '&', '<', '>', '"', '\'' as entities. Line breaks stay.
std::string HtmlText(std::string_view s);

}  // namespace svc
