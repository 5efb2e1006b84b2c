#include "model/number.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "base/i18n.h"
#include "model/values.h"

namespace svc {

std::string DocNumber::str() const {
  return fmt::format("{}-{:02}-{:02}-{:0{}}", code, year % 100, month, seq, width);
}

std::string DocNumber::MonthPath() const {
  return fmt::format("{:04}/{:02}", year, month);
}

Status ParseDocNumber(std::string_view text, DocNumber* out) {
  auto bad = [&] {
    return Status::InvalidArgument(
        TrF("'{}' is not a document number; numbers look like YX-26-11-01", text));
  };
  size_t dash = text.find('-');
  if (dash == std::string_view::npos || dash == 0 || dash > 8) return bad();
  std::string_view code = text.substr(0, dash);
  if (code[0] < 'A' || code[0] > 'Z') return bad();
  for (char c : code) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return bad();
  }
  std::string_view rest = text.substr(dash + 1);
  // yy-mm-N..N
  if (rest.size() < 8 || rest[2] != '-' || rest[5] != '-') return bad();
  auto digits = [](std::string_view s, int* v) {
    if (s.empty() || s.size() > 6) return false;
    *v = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return false;
      *v = *v * 10 + (c - '0');
    }
    return true;
  };
  int yy = 0, mm = 0, seq = 0;
  std::string_view seq_text = rest.substr(6);
  if (!digits(rest.substr(0, 2), &yy) || !digits(rest.substr(3, 2), &mm) ||
      !digits(seq_text, &seq) || seq_text.size() < 2) {
    return bad();
  }
  if (mm < 1 || mm > 12 || seq < 1) return bad();
  *out = DocNumber{std::string(code), 2000 + yy, mm, seq, static_cast<int>(seq_text.size())};
  return Status::OK();
}

Status NextNumber(std::string_view code, const Time& when, const std::vector<int>& taken, int width,
                  DocNumber* out) {
  Date d = LocalDate(when);
  // The number holds the year in two digits: 1999 and 2099 would both be 99.
  if (Status y = CheckYear(d.year); !y.ok()) {
    return Status::InvalidArgument(
        TrF("no {} number for {}: {}", code, FormatTimeShort(when), y.message()));
  }
  int last = taken.empty() ? 0 : *std::max_element(taken.begin(), taken.end());
  int limit = 1;
  for (int i = 0; i < width; ++i) limit *= 10;
  DocNumber n{std::string(code), d.year, d.month, last + 1, width};
  if (n.seq >= limit) {
    DocNumber final_number = n;
    final_number.seq = limit - 1;
    return Status::Conflict(
        TrF("no {} number left for {:04}-{:02}: {} was the last of {} digits (raise sequence_width "
            "in svc.toml's [company] to go on)",
            code, d.year, d.month, final_number.str(), width));
  }
  *out = n;
  return Status::OK();
}

bool NumberLess(const DocNumber& a, const DocNumber& b) {
  return std::tie(a.code, a.year, a.month, a.seq) < std::tie(b.code, b.year, b.month, b.seq);
}

std::string SerialNumber::str() const {
  return fmt::format("{}{:0{}}", prefix, seq, width);
}

Status ParseSerialNumber(std::string_view prefix, int width, std::string_view text,
                         SerialNumber* out) {
  auto bad = [&] {
    return Status::InvalidArgument(
        TrF("'{}' is not a number of the form {}{:0{}}", text, prefix, 1, width));
  };
  if (!text.starts_with(prefix)) return bad();
  std::string_view digits = text.substr(prefix.size());
  if (digits.size() < static_cast<size_t>(width) || digits.size() > 9) return bad();
  int seq = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return bad();
    seq = seq * 10 + (c - '0');
  }
  // One spelling per number: no extra leading zeros beyond the width.
  if (seq < 1 || fmt::format("{:0{}}", seq, width) != digits) return bad();
  *out = SerialNumber{std::string(prefix), seq, width};
  return Status::OK();
}

SerialNumber NextSerial(std::string_view prefix, int width, const std::vector<int>& taken) {
  int last = taken.empty() ? 0 : *std::max_element(taken.begin(), taken.end());
  return SerialNumber{std::string(prefix), last + 1, width};
}

}  // namespace svc
