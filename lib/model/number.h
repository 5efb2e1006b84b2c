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

// Natural order: code, year, month, sequence.
bool NumberLess(const DocNumber& a, const DocNumber& b);

}  // namespace svc
