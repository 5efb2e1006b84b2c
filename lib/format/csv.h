// CSV: the rows of a spreadsheet saved as CSV by Excel, WPS or LibreOffice,
// for `svc import` (PRODUCT.md "Customers and equipment").
//
// Reading has two steps, both pure functions of the file's bytes:
//  1. DecodeCsv: the bytes as UTF-8 text. UTF-8 with or without its byte
//     order mark; GB18030 (what a Chinese Windows saves as "CSV") only when
//     asked, converted with iconv. Bytes not valid in the encoding are an
//     error naming their line; invalid UTF-8 that reads as GB18030 says so.
//  2. SplitCsvRows: RFC 4180 rows. Cells separated by commas; a quoted cell
//     may hold commas, line breaks and doubled quotes (""); lines end in
//     CRLF, LF or a lone CR; the last line needs no line end. A row whose
//     cells are all blank (",,," or an empty line) is left out. Each row
//     keeps the physical line it starts on, for "FILE:LINE: message".
// MapCsvHeadings then takes the first row as the headings and maps them to
// the columns a caller knows (English keys or their Chinese headings).
//
// Errors are Status::Corruption at "FILE:LINE" (an encoding error that reads
// as GB18030 is InvalidArgument naming the field "encoding"). Nothing here
// reads a file or prints.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace svc {

enum class CsvEncoding { kUtf8, kGb18030 };

// "utf-8", "utf8" or "gb18030" in any case; else InvalidField("encoding").
Status ParseCsvEncoding(std::string_view name, CsvEncoding* out);

// The bytes of `file` as UTF-8 text without a byte order mark.
// REQUIRES: bytes.size() <= kMaxImportBytes (model/limits.h); more is refused.
Status DecodeCsv(std::string_view bytes, std::string_view file, CsvEncoding encoding,
                 std::string* text);

struct CsvRow {
  int line = 0;  // the physical line of the file the row starts on, 1-based
  std::vector<std::string> cells;
  // MapCsvHeadings: how many cells beyond the heading row's last column
  // hold something (a comma that should have been quoted shifts a row).
  int beyond = 0;
};

// The rows of UTF-8 `text` (from DecodeCsv), blank rows left out.
Status SplitCsvRows(std::string_view text, std::string_view file, std::vector<CsvRow>* rows);

// A column a reader knows: its key and the other headings that name it.
struct CsvColumn {
  std::string_view key;                    // "name", "warranty_until"
  std::vector<std::string_view> headings;  // "名称", "客户名称"
  bool required = false;                   // the heading row must name it
  bool list = false;                       // several columns may give it (电话 and 手机)
};

// A sheet's rows under the columns a reader knows.
struct CsvTable {
  std::vector<std::string> keys;      // the known columns found, each once
  std::vector<std::string> headings;  // for each key, its (first) heading as the file writes it
  // For each key, the file's columns (0-based) that give it: one, or more
  // for a list column named by several headings (电话 and 手机).
  std::vector<std::vector<size_t>> columns;
  int heading_line = 0;
  std::vector<std::string> ignored;  // headings of the columns no key takes, in file order
  std::vector<CsvRow> rows;          // the rows below the headings, cells as in the file

  // The index of `key` in keys, or -1.
  int Find(std::string_view key) const;
  // The cell of `key`'s first column in `row`, "" if the file has none.
  std::string_view Cell(const CsvRow& row, std::string_view key) const;
  // The cells of each of `key`'s columns in `row`.
  std::vector<std::string_view> Cells(const CsvRow& row, std::string_view key) const;
};

// A heading as it is compared: trimmed of spaces (ASCII, U+3000 ideographic,
// U+00A0), of a required-column mark '*' or '＊' at either end, English in
// lower case with spaces and hyphens as '_' ("Warranty Until" ->
// "warranty_until").
std::string NormalizeHeading(std::string_view heading);

// The first of `rows` names the columns; the others are mapped to `columns`.
// A heading matches a column's key or one of its headings (NormalizeHeading
// both); an empty heading or one no column takes is ignored (its heading in
// table->ignored). Errors, at the heading row's line: no rows ("no heading
// row"), a heading written twice, two headings of one column that is not a
// list, a required column missing (all of them named, with the headings
// that would do).
Status MapCsvHeadings(std::vector<CsvRow> rows, std::string_view file,
                      const std::vector<CsvColumn>& columns, CsvTable* table);

// Leading and trailing spaces of a cell: ASCII whitespace, U+3000, U+00A0.
std::string_view TrimCell(std::string_view s);

}  // namespace svc
