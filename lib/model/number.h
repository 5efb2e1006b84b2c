// Document numbers: CODE-yy-mm-NN, e.g. YX-26-11-01 for an info
// form (the receiving department's code and month of receipt) and
// SC-26-11-01 for an outbound service record (the service department's code
// and month of filing). Months are the company's time zone's. Sequences
// restart at 01 every month per code, are continuous, never reused and never
// wrap: past the configured width allocation fails.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/timepoint.h"

namespace svc {

struct DocNumber {
  std::string code;  // department code: uppercase letter, then letters/digits
  int year = 0;      // full year, 2000-2099
  int month = 0;     // 1-12
  int seq = 0;       // >= 1
  int width = 2;     // digits the sequence is written with

  std::string str() const;
  // "tickets/2026/11" style folder part: "2026/11".
  std::string MonthPath() const;
  bool operator==(const DocNumber&) const = default;
};

// Strict: refuses anything but CODE-yy-mm-NN (so no path separators, "..",
// spaces or empty text ever reach the file system).
Status ParseDocNumber(std::string_view text, DocNumber* out);

// The number after the highest of `taken` (1 when none), for `code` in the
// month of `when` (in its own offset). Fails when it would not fit `width`.
Status NextNumber(std::string_view code, const Time& when, const std::vector<int>& taken, int width,
                  DocNumber* out);

// Serial numbers (Numbering::kSerial in record.h): a prefix of capital
// letters and a running number of at least `width` digits, e.g. K0001 for a
// customer file. Continuous and never reused, like document numbers.
struct SerialNumber {
  std::string prefix;
  int seq = 0;    // >= 1
  int width = 4;  // digits at least
  std::string str() const;
  bool operator==(const SerialNumber&) const = default;
};

// Strict: `prefix` followed by at least `width` digits, nothing else.
Status ParseSerialNumber(std::string_view prefix, int width, std::string_view text,
                         SerialNumber* out);

// The number after the highest of `taken` (1 when none). Past `width` digits
// it goes on with more (K9999, K10000): a serial number never wraps.
SerialNumber NextSerial(std::string_view prefix, int width, const std::vector<int>& taken);

// Natural order: code, year, month, sequence.
bool NumberLess(const DocNumber& a, const DocNumber& b);

}  // namespace svc
