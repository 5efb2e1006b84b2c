#include "model/values.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "base/i18n.h"
#include "base/money.h"
#include "base/text.h"
#include "base/typed.h"
#include "model/form.h"
#include "model/limits.h"
#include "model/vocabulary.h"

namespace svc {

Status CheckText(std::string_view text, std::string_view what, bool multiline) {
  if (!IsValidUtf8(text)) {
    return Status::InvalidField(what, _(" is not valid UTF-8 text"));
  }
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    uint32_t control = 0x110000;  // none
    if (c < 0x20 || c == 0x7F) {
      control = c;
    } else if (c == 0xC2 && i + 1 < text.size()) {  // U+0080-U+009F: C2 80 - C2 9F
      auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) control = next;
    }
    if (control == 0x110000) continue;
    if (multiline && (control == '\n' || control == '\t')) continue;
    if (control == '\n') {
      return Status::InvalidField(what, _(" holds a newline (U+000A): it takes one line"));
    }
    return Status::InvalidField(what, TrF(" holds the control character U+{:04X}", control));
  }
  return Status::OK();
}

bool IsMultilineField(std::string_view key) {
  static constexpr std::string_view kMultiline[] = {
      "description", "text",   "cause", "measures",      "corrective", "comment",  "resolution",
      "work",        "reason", "value", "nonconformity", "findings",   "requests", "data",
  };
  return std::find(std::begin(kMultiline), std::end(kMultiline), key) != std::end(kMultiline);
}

void CheckEventTexts(const Event& e, const std::function<void(const Status&)>& problem) {
  auto check = [&](const Status& s) {
    if (!s.ok()) problem(s);
  };
  check(CheckText(e.actor, "actor", false));
  const FormField* corrected = e.Is("correct") ? FindFormField(e.View("field")) : nullptr;
  for (const auto& [key, value] : e.fields) {
    if (const auto* s = std::get_if<std::string>(&value)) {
      if (corrected && key == "value") {
        if (corrected->type == FormFieldType::kLine || corrected->type == FormFieldType::kText) {
          check(CheckFormFieldText(*corrected, *s));  // names the corrected field
        } else {
          check(CheckText(*s, key, false));
        }
      } else {
        check(CheckText(*s, key, IsMultilineField(key)));
      }
    } else if (const auto* list = std::get_if<std::vector<std::string>>(&value)) {
      for (const std::string& item : *list) {
        Status st = CheckText(item, key, false);
        if (!st.ok()) {
          problem(st);
          break;
        }
      }
    } else if (const auto* parts = std::get_if<std::vector<Part>>(&value)) {
      for (const Part& p : *parts) {
        Status st = CheckText(p.name, key, false);
        if (st.ok()) st = CheckText(p.code, key, false);
        if (!st.ok()) {
          problem(st);
          break;
        }
      }
    }
  }
}

Status CheckYear(int year, int min_year) {
  if (year >= min_year && year <= kMaxYear) return Status::OK();
  return Status::InvalidArgument(
      min_year == kMinYear
          ? TrF("the year {} is not from {} to {}: a ticket number holds the year in two "
                "digits",
                year, kMinYear, kMaxYear)
          : TrF("the year {} is not from {} to {}", year, min_year, kMaxYear));
}

Status ParseUserTime(std::string_view text, int default_offset_minutes, Time* out) {
  Time t;
  std::string folded = FoldTyped(text);  // １４：３０ as typed through an input method
  if (!ParseTime(folded, default_offset_minutes, &t).ok()) {
    SVC_RETURN_IF_ERROR(ParseTime(text, default_offset_minutes, &t));  // quotes what was typed
  }
  Status s = CheckYear(LocalDate(t).year);  // the year as typed, in the offset typed
  if (!s.ok()) return Status::InvalidArgument(fmt::format("'{}': {}", text, s.message()));
  *out = t;
  return Status::OK();
}

Status ParseUserDate(std::string_view text, Date* out, int min_year) {
  Date d;
  if (!ParseDate(FoldTyped(text), &d).ok()) SVC_RETURN_IF_ERROR(ParseDate(text, &d));
  Status s = CheckYear(d.year, min_year);
  if (!s.ok()) return Status::InvalidArgument(fmt::format("'{}': {}", text, s.message()));
  *out = d;
  return Status::OK();
}

Status ParsePart(std::string_view text, const std::vector<std::string>& supplies,
                 const std::string& default_supply, Part* out) {
  auto bad = [&](std::string_view why) {
    if (supplies.empty()) {  // a part named only: NAME:QTY
      return Status::InvalidField("parts", TrF(" '{}': {} (write NAME:QTY)", text, why));
    }
    return Status::InvalidField("parts", TrF(" '{}': {} (write NAME:QTY[:UNIT_YUAN][:{}])", text,
                                             why, fmt::join(supplies, "|")));
  };
  std::vector<std::string_view> fields = Split(text, ':');
  if (fields.size() < 2 || fields.size() > 4) return bad(_("expected NAME:QTY"));
  Part p;
  p.name = std::string(Trim(fields[0]));
  if (p.name.empty()) return bad(_("the name is empty"));
  SVC_RETURN_IF_ERROR(CheckText(p.name, "parts", false));
  std::string_view qty = fields[1];
  if (qty.empty() || qty.size() > kMaxPartQtyDigits ||
      !std::all_of(qty.begin(), qty.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      std::stoi(std::string(qty)) < 1) {
    return bad(_("the quantity must be a whole number from 1"));
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
    return bad(
        TrF("'{}' is neither a price in yuan nor one of {}", fields[i], fmt::join(supplies, ", ")));
  }
  *out = std::move(p);
  return Status::OK();
}

Status ParseHours(std::string_view text, std::string* out) {
  Money m;  // the same fixed-point shape: at most two decimals
  if (!ParseMoney(text, &m).ok() || m.fen <= 0 || m.fen > kMaxHoursCenti) {
    return Status::InvalidField(
        "hours", TrF(": '{}' is not a number of hours like 3 or 2.5 (at most {})", text,
                     kMaxHoursCenti / 100));
  }
  std::string s = FormatMoney(m);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  *out = s;
  return Status::OK();
}

}  // namespace svc
