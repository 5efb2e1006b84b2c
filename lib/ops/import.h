// Import: the rows of a customer or equipment spreadsheet, checked, for
// `svc import customers|equipment FILE.csv` (PRODUCT.md "Customers and
// equipment", R-4.6 b: the customer file a company kept in Excel).
//
// ReadImportSheet takes the file's bytes (format/csv.h reads them: UTF-8
// with or without BOM, GB18030 when asked), maps its heading row to the
// kind's columns (ImportColumns: English keys or Chinese headings), and
// checks every row, collecting every bad row's problems, never only the
// first: a file with any problem imports nothing, and the clerk fixes the
// sheet once. A row is bad when a required cell is empty, a date does not
// read (ParseSheetDate), a yes/no does not read (ParseYesNo), a value holds
// a control character or a line break where it takes one line, a value is
// longer than kMaxImportValueChars, a phone, serial or project number is a
// number the spreadsheet shortened (1.38E+10), cells stand beyond the
// heading row's last column, its name (customers) or serial (equipment) is
// on an earlier row too, or its warranty ends before its commissioning.
// Problems name the column by the heading the file gives it. A sheet whose
// headings name a column of the other kind's (序列号 in a customer sheet) is
// refused whole: the wrong kind given.
//
// Whether a customer or serial is already on file needs the records: the
// importer answers CheckAgainstRecords's lookups from the store. Nothing
// here reads a file or prints.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/timepoint.h"
#include "format/csv.h"
#include "storage/store.h"

namespace svc {

enum class ImportKind { kCustomers, kEquipment };

// "customers" or "equipment"; else InvalidArgument.
Status ParseImportKind(std::string_view text, ImportKind* out);

// The columns of a kind's sheet with their headings in English and Chinese.
// Customers: name (required), alias, contact, phone, address, key.
// Equipment: customer, serial, product (required), model, commissioned,
// warranty_until, project_no, location.
const std::vector<CsvColumn>& ImportColumns(ImportKind kind);

// One bad row: where it starts, and what is wrong with it (each problem of
// the row, "; " between them).
struct ImportProblem {
  Location where;
  std::string message;
  // "FILE:LINE: message".
  std::string Text() const;
};

// A customer as a sheet's row gives it (the fields of `svc customer add`).
// Contacts, phones and aliases may be several in a cell (SplitSheetList);
// an address is one cell, its lines joined by a space (a comma is part of
// an address), one address for each address column.
struct CustomerRow {
  int line = 0;
  std::string name;
  std::vector<std::string> aliases, contacts, phones, addresses;
  bool key = false;
};

// A unit of equipment as a sheet's row gives it. `customer` is as the sheet
// writes it (a code K0001, a name or an alias): the importer finds it.
struct EquipmentRow {
  int line = 0;
  std::string customer;
  std::string serial;
  std::string product;
  std::string model;
  std::optional<Date> commissioned;
  std::optional<Date> warranty_until;
  std::string project_no;
  std::string location;
};

struct ImportSheet {
  ImportKind kind = ImportKind::kCustomers;
  CsvTable table;
  // For the clerk, not errors: "FILE:LINE: columns left out: 备注, 传真 (svc reads ...)".
  std::vector<std::string> notes;
  // Every bad row, in the file's order. Any problem: import nothing.
  std::vector<ImportProblem> problems;
  // The rows read (of `kind`), good rows only.
  std::vector<CustomerRow> customers;
  std::vector<EquipmentRow> equipment;
};

// The sheet in `bytes` (the file `file`) of `kind`. An error means the file
// cannot be read as a sheet at all (its encoding, an unclosed quote, its
// headings); bad rows are sheet->problems with OK.
Status ReadImportSheet(std::string_view bytes, std::string_view file, CsvEncoding encoding,
                       ImportKind kind, ImportSheet* sheet);

// The checks of the rows of a table mapped to `kind`'s columns (ReadImportSheet's last step).
void CheckImportRows(std::string_view file, ImportSheet* sheet);

// What the records say, for the checks a sheet cannot make alone (the
// importer answers from the store; tests from a table).
struct ImportLookups {
  // The code of the customer `text` names (a code, a name or an alias), ""
  // if none. Customers: asked for each row's name; equipment: for its customer.
  std::function<std::string(std::string_view text)> customer_code;
  // The code of the customer the serial is registered to, "" if none (equipment).
  std::function<std::string(std::string_view serial)> serial_owner;
};

// The rows' problems against the records, for every row (bad ones too:
// the clerk sees every problem at once), added to sheet->problems (a row
// with problems already gets them joined to its message; the problems stay
// in line order) and its row taken out of the good rows: a customer whose
// name is on file already, equipment whose customer is not on file, a
// serial registered already. REQUIRES: CheckImportRows ran (ReadImportSheet).
void CheckAgainstRecords(std::string_view file, const ImportLookups& records, ImportSheet* sheet);

// What `svc import` wrote (or, dry, would write).
struct ImportResult {
  size_t rows = 0;                 // rows imported
  std::vector<std::string> codes;  // customers: their new codes, in the sheet's order
  size_t customers = 0;            // equipment: the customer files the units went to
};

// `svc import`: under the store lock, the sheet's rows checked against the
// customer file as it is (CheckAgainstRecords) and, when no row is bad and
// not `dry_run`, all written as of `at` by `actor` (ops/customers.h
// AddCustomersLocked, AddUnitsLocked). With any bad row nothing is written
// and OK is returned: sheet->problems says why, for the caller to report.
Status ImportRows(const Store& store, std::string_view file, const Time& at, const Time& now,
                  const std::string& actor, bool dry_run, ImportSheet* sheet, ImportResult* out);

// A date as spreadsheets write it: 2026-01-05, 2026/1/5 (Excel's Chinese
// short date), 2026.1.5, 2026年1月5日; years kMinEquipmentYear-kMaxYear.
// Else InvalidArgument "'TEXT' is not a date: ..." (naming a spreadsheet's
// day number 46027 as such).
Status ParseSheetDate(std::string_view text, Date* out);

// yes/no, true/false, y/n, 1/0 (any case), 是/否; an empty cell is no.
Status ParseYesNo(std::string_view text, bool* out);

// A cell holding several values (phones, aliases): split at 、 ; ； , ， /
// and line breaks, each trimmed (TrimCell), empty ones and repeats left out.
std::vector<std::string> SplitSheetList(std::string_view text);

}  // namespace svc
