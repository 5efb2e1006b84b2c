#include "base/text.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include <fmt/format.h>

namespace svc {
namespace {

// Decodes one code point at s[*i]; returns -1 on malformed input.
int32_t Decode(std::string_view s, size_t* i) {
  auto c = static_cast<unsigned char>(s[*i]);
  int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || *i + len > s.size()) return -1;
  int32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len; ++k) {
    auto cc = static_cast<unsigned char>(s[*i + k]);
    if ((cc >> 6) != 0x2) return -1;
    cp = (cp << 6) | (cc & 0x3F);
  }
  static constexpr int32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
  *i += len;
  return cp;
}

bool IsWide(int32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
         (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
         (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

bool IsZeroWidth(int32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || cp == 0x200B || cp == 0x200D || cp == 0xFE0F;
}

int Width(int32_t cp) {
  return IsZeroWidth(cp) ? 0 : IsWide(cp) ? 2 : 1;
}

}  // namespace

// Every ticket a cold scan reads passes through here: eight ASCII bytes at
// a time, and the sequences written out (the same rules as Decode: no
// overlong form, no surrogate, nothing past U+10FFFF).
size_t Utf8SequenceAt(std::string_view s, size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  auto cont = [&](size_t k) { return (p[k] & 0xC0) == 0x80; };
  unsigned char c = p[i];
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;  // a continuation byte, or an overlong two-byte form
  if (c < 0xE0) return i + 1 < n && cont(i + 1) ? 2 : 0;
  if (c < 0xF0) {
    if (i + 2 >= n || !cont(i + 1) || !cont(i + 2)) return 0;
    if (c == 0xE0 && p[i + 1] < 0xA0) return 0;   // overlong
    if (c == 0xED && p[i + 1] >= 0xA0) return 0;  // a surrogate
    return 3;
  }
  if (c < 0xF5) {
    if (i + 3 >= n || !cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    if (c == 0xF0 && p[i + 1] < 0x90) return 0;   // overlong
    if (c == 0xF4 && p[i + 1] >= 0x90) return 0;  // past U+10FFFF
    return 4;
  }
  return 0;
}

bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  for (size_t i = 0; i < n;) {
    if (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (!(w & 0x8080808080808080ull)) {
        i += 8;
        continue;
      }
    }
    size_t len = Utf8SequenceAt(s, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

int DisplayWidth(std::string_view s) {
  int w = 0;
  for (size_t i = 0; i < s.size();) {
    int32_t cp = Decode(s, &i);
    if (cp < 0) {
      ++i;
      ++w;
      continue;
    }
    w += Width(cp);
  }
  return w;
}

std::string PadRight(std::string_view s, int width) {
  std::string out(s);
  int w = DisplayWidth(s);
  if (w < width) out.append(static_cast<size_t>(width - w), ' ');
  return out;
}

std::string Truncate(std::string_view text, int width) {
  std::string spaced(text);
  std::replace_if(
      spaced.begin(), spaced.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; },
      ' ');
  const std::string shown = EscapeControls(spaced);
  std::string_view s = shown;
  std::string out;
  int w = 0;
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    int32_t cp = Decode(s, &i);  // valid: EscapeControls wrote any other byte as \xff
    if (cp < 0) {
      ++i;
      cp = 0xFFFD;
    }
    int cw = Width(cp);
    if (w + cw > width - 1 && DisplayWidth(s.substr(start)) > width - w) {
      out += "…";
      return out;
    }
    out.append(s.substr(start, i - start));
    w += cw;
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

void TableLayout::Measure(const std::vector<std::string>& row) {
  if (widths_.size() < row.size()) widths_.resize(row.size(), 0);
  for (size_t c = 0; c < row.size(); ++c) {
    widths_[c] = std::max(widths_[c], DisplayWidth(EscapeControls(row[c])));
  }
}

std::string TableLayout::Format(const std::vector<std::string>& row) const {
  std::string line;
  for (size_t c = 0; c < row.size(); ++c) {
    std::string cell = EscapeControls(row[c]);
    if (c + 1 == row.size()) {
      line += cell;
    } else {
      line += PadRight(cell, c < widths_.size() ? widths_[c] : 0);
      line += "  ";
    }
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  line += '\n';
  return line;
}

std::string FormatTable(const std::vector<std::vector<std::string>>& rows) {
  TableLayout layout;
  for (const auto& row : rows) layout.Measure(row);
  std::string out;
  for (const auto& row : rows) out += layout.Format(row);
  return out;
}

namespace {

// The escape EscapeControls writes for the character of `len` bytes at s[i],
// or "" when it shows as it is.
std::string ControlEscape(std::string_view s, size_t i, size_t len) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  if (len == 0) return fmt::format("\\x{:02x}", byte(0));  // not UTF-8
  if (len == 1) {
    unsigned char c = byte(0);
    return (c < 0x20 && c != '\n' && c != '\t') || c == 0x7F ? fmt::format("\\x{:02x}", c) : "";
  }
  if (len == 2 && byte(0) == 0xC2 && byte(1) < 0xA0) return fmt::format("\\u{:04x}", byte(1));
  if (len == 3 && byte(0) == 0xE2) {
    int cp = ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F) | 0x2000;
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
      return fmt::format("\\u{:04x}", cp);
    }
  }
  return "";
}

// Whether `s` is a number as a spreadsheet reads it: -12, 3.50, 83.3%, -.
bool IsPlainNumber(std::string_view s) {
  if (s == "-") return true;
  if (!s.empty() && s.front() == '-') s.remove_prefix(1);
  if (!s.empty() && s.back() == '%') s.remove_suffix(1);
  size_t dot = s.find('.');
  auto digits = [](std::string_view d) {
    return !d.empty() &&
           std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  return dot == std::string_view::npos ? digits(s)
                                       : digits(s.substr(0, dot)) && digits(s.substr(dot + 1));
}

}  // namespace

std::string EscapeControls(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7F) {  // the common case: printable ASCII
      out += s[i++];
      continue;
    }
    size_t len = Utf8SequenceAt(s, i);
    std::string escape = ControlEscape(s, i, len);
    if (escape.empty()) {
      out.append(s.substr(i, len));
    } else {
      out += escape;
    }
    i += len == 0 ? 1 : len;
  }
  return out;
}

std::string CsvField(std::string_view s) {
  std::string shown = EscapeControls(s);
  if (!s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos &&
      !IsPlainNumber(s)) {
    shown.insert(0, 1, '\'');  // OWASP: a formula shown as text
  }
  if (shown.find_first_of(",\"\r\n") == std::string::npos) return shown;
  std::string out = "\"";
  for (char c : shown) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string MarkdownText(std::string_view s) {
  std::string out;
  for (char c : EscapeControls(s)) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '\n':
        out += "<br>";
        break;
      case '\\':
      case '|':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '~':
        out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string HtmlText(std::string_view s) {
  std::string out;
  for (char c : EscapeControls(s)) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace svc
