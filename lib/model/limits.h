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

}  // namespace svc
