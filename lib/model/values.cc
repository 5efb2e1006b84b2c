#include "model/values.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "base/money.h"
#include "base/text.h"
#include "model/limits.h"
#include "model/vocabulary.h"

namespace svc {

Status CheckText(std::string_view text, std::string_view what, bool multiline) {
  if (!IsValidUtf8(text)) {
    return Status::InvalidField(what, " is not valid UTF-8 text");
  }
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && !(multiline && (c == '\n' || c == '\t'))) || c == 0x7F) {
      return Status::InvalidField(
          what, fmt::format(" holds a control character{}", multiline ? "" : " (or a newline)"));
    }
  }
  return Status::OK();
}

Status ParsePart(std::string_view text, const std::vector<std::string>& supplies,
                 const std::string& default_supply, Part* out) {
  auto bad = [&](std::string_view why) {
    return Status::InvalidField("parts", fmt::format(" '{}': {} (write NAME:QTY[:UNIT_YUAN][:{}])",
                                                     text, why, fmt::join(supplies, "|")));
  };
  std::vector<std::string_view> fields = Split(text, ':');
  if (fields.size() < 2 || fields.size() > 4) return bad("expected NAME:QTY");
  Part p;
  p.name = std::string(Trim(fields[0]));
  if (p.name.empty()) return bad("the name is empty");
  SVC_RETURN_IF_ERROR(CheckText(p.name, "parts", false));
  std::string_view qty = fields[1];
  if (qty.empty() || qty.size() > kMaxPartQtyDigits ||
      !std::all_of(qty.begin(), qty.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      std::stoi(std::string(qty)) < 1) {
    return bad("the quantity must be a whole number from 1");
  }
  p.qty = std::stoi(std::string(qty));
  p.supply = default_supply;
  bool have_unit = false, have_supply = false;
  for (size_t i = 2; i < fields.size(); ++i) {
    const Word* supply = PartSupplies().Parse(fields[i]);
    if (supply && std::find(supplies.begin(), supplies.end(), supply->stored) != supplies.end() &&
        !have_supply) {
      p.supply = std::string(supply->stored);
      have_supply = true;
      continue;
    }
    Money unit;
    if (!have_unit && ParseMoney(fields[i], &unit).ok()) {
      p.unit = unit;
      have_unit = true;
      continue;
    }
    return bad(fmt::format("'{}' is neither a price in yuan nor one of {}", fields[i],
                           fmt::join(supplies, ", ")));
  }
  *out = std::move(p);
  return Status::OK();
}

Status ParseHours(std::string_view text, std::string* out) {
  Money m;  // the same fixed-point shape: at most two decimals
  if (!ParseMoney(text, &m).ok() || m.fen <= 0 || m.fen > kMaxHoursCenti) {
    return Status::InvalidField(
        "hours", fmt::format(": '{}' is not a number of hours like 3 or 2.5 (at most {})", text,
                             kMaxHoursCenti / 100));
  }
  std::string s = FormatMoney(m);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  *out = s;
  return Status::OK();
}

}  // namespace svc
