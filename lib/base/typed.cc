#include "base/typed.h"

#include <fmt/format.h>

#include "base/text.h"

namespace svc {
namespace {

// The code point of the well-formed sequence of `len` bytes at s[i].
char32_t CodePoint(std::string_view s, size_t i, size_t len) {
  auto b = [&](size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k])); };
  switch (len) {
    case 2:
      return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    case 3:
      return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    case 4:
      return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    default:
      return b(0);
  }
}

// The ASCII character a typed code point stands for, or 0 if none.
char Folded(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return static_cast<char>(c - 0xFF01 + '!');
  if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212) return '-';
  if (c == 0x3000) return ' ';
  return 0;
}

bool Digits(std::string_view s) {
  if (s.empty() || s.size() > 2) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::string FoldTyped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t len = Utf8SequenceAt(text, i);
    char ascii = len > 1 ? Folded(CodePoint(text, i, len)) : 0;
    if (ascii != 0) {
      out.push_back(ascii);
    } else {
      out.append(text.substr(i, len == 0 ? 1 : len));
    }
    i += len == 0 ? 1 : len;
  }
  return out;
}

std::string NormalizeNumber(std::string_view text) {
  std::string out(Trim(FoldTyped(text)));
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string ResolveTypedTime(std::string_view text, const Time& now, int offset_minutes) {
  std::string folded = FoldTyped(text);
  std::string_view s = Trim(folded);
  int days_back = 0;
  for (auto [word, back] :
       {std::pair<std::string_view, int>{"today", 0}, {"yesterday", 1}, {"今天", 0}, {"昨天", 1}}) {
    if (s.starts_with(word)) {
      s = Trim(s.substr(word.size()));
      days_back = back;
      break;
    }
  }
  size_t colon = s.find(':');
  if (colon == std::string_view::npos || !Digits(s.substr(0, colon)) ||
      s.substr(colon + 1).size() != 2 || !Digits(s.substr(colon + 1))) {
    return folded;
  }
  Date day = DateFromDays(DaysFromDate(LocalDate(InOffset(now, offset_minutes))) - days_back);
  int hour = std::stoi(std::string(s.substr(0, colon)));
  return fmt::format("{}T{:02}:{}", FormatDate(day), hour, s.substr(colon + 1));
}

}  // namespace svc
