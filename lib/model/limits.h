// Limits: the largest values svc accepts and stores, each defined once.
//
// What svc writes it must read back, so the command line, the library's
// checks and both ticket readers (format/ticket_toml.cc, format/fast_reader.cc)
// use these same numbers. Money's limit is base/money.h's kMaxFen.
#pragma once

#include <cstddef>
#include <cstdint>

namespace svc {

// An equipment's quantity (数量) and a part's quantity in a ticket file: 1 to this.
inline constexpr int64_t kMaxQuantity = 1'000'000;
// A part's quantity as `--part NAME:QTY` takes it: at most this many digits.
inline constexpr size_t kMaxPartQtyDigits = 6;
// A quote's people and days (Table 1).
inline constexpr int kMaxPeople = 1000;
inline constexpr int kMaxDays = 3650;
// Hours worked on one visit (`--hours`), in hundredths: at most 1000 h.
inline constexpr int64_t kMaxHoursCenti = 100'000;
// Fault levels of Table 2.
inline constexpr int kMinLevel = 1;
inline constexpr int kMaxLevel = 4;
// A department code: 1 to this many uppercase letters or digits.
inline constexpr size_t kMaxCodeLength = 8;
// The years of a time or date a user gives (--at, --now, --received-at,
// --since, a report's period ...): a document number holds the year in two
// digits (YX-26-11-01), so 2000 to 2099.
inline constexpr int kMinYear = 2000;
inline constexpr int kMaxYear = 2099;
// An equipment's commissioning or purchase date (not in any number) may be older.
inline constexpr int kMinEquipmentYear = 1900;
// A file read for an option's text (--description-file, plan --file) or
// standard input in its place: at most this many bytes (1 MiB).
inline constexpr size_t kMaxInputBytes = size_t{1} << 20;
// A spreadsheet read by `svc import` (CSV): at most this many bytes (16 MiB,
// some hundred thousand rows: years of a company's Excel lists).
inline constexpr size_t kMaxImportBytes = size_t{16} << 20;
// One value of an imported row (a name, a phone, an address, each alias):
// at most this many characters, so that it fits a form's line.
inline constexpr size_t kMaxImportValueChars = 200;

}  // namespace svc
