#include "base/text.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

namespace svc {
namespace {

using namespace std::string_view_literals;

TEST_CASE("IsValidUtf8") {
  struct Row {
    std::string_view text;
    bool valid;
    const char* what;
  };
  const Row rows[] = {
      {""sv, true, "empty"},
      {"abc"sv, true, "ASCII"},
      {"a\0b"sv, true, "an embedded NUL is a valid code point"},
      {"中文"sv, true, "CJK"},
      {"售后服务部 YX-26-11-01"sv, true, "mixed"},
      {"\xC2\x80"sv, true, "U+0080, the smallest two-byte"},
      {"\xDF\xBF"sv, true, "U+07FF"},
      {"\xE0\xA0\x80"sv, true, "U+0800, the smallest three-byte"},
      {"\xED\x9F\xBF"sv, true, "U+D7FF, just below the surrogates"},
      {"\xEE\x80\x80"sv, true, "U+E000, just above the surrogates"},
      {"\xEF\xBF\xBF"sv, true, "U+FFFF"},
      {"\xF0\x90\x80\x80"sv, true, "U+10000, the smallest four-byte"},
      {"\xF0\x9F\x98\x80"sv, true, "an emoji"},
      {"\xF4\x8F\xBF\xBF"sv, true, "U+10FFFF, the largest"},
      // Overlong forms.
      {"\xC0\xAF"sv, false, "overlong '/' in two bytes"},
      {"\xC1\xBF"sv, false, "overlong U+007F"},
      {"\xE0\x80\xAF"sv, false, "overlong '/' in three bytes"},
      {"\xE0\x9F\xBF"sv, false, "overlong U+07FF"},
      {"\xF0\x80\x80\xAF"sv, false, "overlong '/' in four bytes"},
      {"\xF0\x8F\xBF\xBF"sv, false, "overlong U+FFFF"},
      // Surrogates.
      {"\xED\xA0\x80"sv, false, "U+D800"},
      {"\xED\xBF\xBF"sv, false, "U+DFFF"},
      {"\xED\xA0\xBD\xED\xB8\x80"sv, false, "a CESU-8 surrogate pair"},
      // Truncated sequences.
      {"\xE4\xB8"sv, false, "truncated 中"},
      {"\xE4"sv, false, "a lone lead byte"},
      {"ab\xE4\xB8\xAD\xE6\x96"sv, false, "truncated at the end"},
      {"\xE4\xB8"
       "a"sv,
       false, "interrupted by ASCII"},
      {"\xF0\x9F\x98"sv, false, "truncated emoji"},
      {"\xC2"sv, false, "truncated two-byte"},
      // Other malformed bytes.
      {"\x80"sv, false, "a lone continuation byte"},
      {"a\xBF"sv, false, "a stray continuation byte"},
      {"\xFF"sv, false, "0xFF"},
      {"\xFE"sv, false, "0xFE"},
      {"\xF4\x90\x80\x80"sv, false, "above U+10FFFF"},
      {"\xF5\x80\x80\x80"sv, false, "lead byte 0xF5"},
      {"\xF8\x88\x80\x80\x80"sv, false, "a five-byte form"},
      {"\xC3\x28"sv, false, "a bad continuation"},
      // Past a run of eight ASCII bytes (read eight at a time).
      {"abcdefgh\xE4\xB8\xAD"sv, true, "中 after eight ASCII bytes"},
      {"abcdefghij\xC0\xAF"sv, false, "overlong after ten ASCII bytes"},
      {"abcdefgh\xE4\xB8"sv, false, "truncated after eight ASCII bytes"},
      {"\xE4\xB8\xAD"
       "abcdefgh\x80"sv,
       false, "a stray continuation after ASCII"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CHECK(IsValidUtf8(row.text) == row.valid);
  }
}

// Every sequence of one to three bytes (and four-byte ones over the lead and
// second bytes) against the definition: the shortest form of a scalar value.
TEST_CASE("IsValidUtf8: every short sequence") {
  auto reference = [](std::string_view s) {
    for (size_t i = 0; i < s.size();) {
      auto c = static_cast<unsigned char>(s[i]);
      int len = c < 0x80             ? 1
                : (c & 0xE0) == 0xC0 ? 2
                : (c & 0xF0) == 0xE0 ? 3
                : (c & 0xF8) == 0xF0 ? 4
                                     : 0;
      if (len == 0 || i + len > s.size()) return false;
      uint32_t cp = len == 1 ? c : c & (0x7F >> len);
      for (int k = 1; k < len; ++k) {
        auto cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0) != 0x80) return false;
        cp = cp << 6 | (cc & 0x3F);
      }
      static const uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
      if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
      i += len;
    }
    return true;
  };
  int checked = 0, bad = 0;
  std::string s;
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) {
      for (int c = -1; c < 256; c += (a >= 0xE0 ? 1 : 64)) {
        for (int d : {-1, 0x80, 0xBF, 0x41}) {
          s.clear();
          s += static_cast<char>(a);
          s += static_cast<char>(b);
          if (c >= 0) s += static_cast<char>(c);
          if (c >= 0 && d >= 0) s += static_cast<char>(d);
          ++checked;
          if (IsValidUtf8(s) != reference(s) && ++bad <= 5) {
            CHECK_MESSAGE(false, "disagree on " << a << " " << b << " " << c << " " << d);
          }
        }
      }
    }
  }
  CHECK(bad == 0);
  CHECK(checked > 1000000);
}

TEST_CASE("DisplayWidth counts East Asian wide characters as two columns") {
  struct Row {
    std::string_view text;
    int width;
  };
  const Row rows[] = {
      {"", 0},
      {"abc", 3},
      {"中文", 4},
      {"中a文", 5},
      {"售后服务部", 10},
      {"Xxxxx电气自动化有限公司", 5 + 2 * 9},
      {"，。", 4},       // CJK punctuation (fullwidth)
      {"ＡＢ", 4},       // fullwidth Latin
      {"ｱｲ", 2},         // halfwidth katakana
      {"한국", 4},       // Hangul
      {"é", 1},          // precomposed
      {"e\xCC\x81", 1},  // e + combining acute accent
      {"…", 1},
      {"\xF0\x9F\x98\x80", 2},  // emoji
      {"\xF0\xA0\x80\x80", 2},  // CJK extension B
      {"a\xE2\x80\x8B"
       "b",
       2},  // zero-width space
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    CHECK(DisplayWidth(row.text) == row.width);
  }
  // A byte that is not UTF-8 takes one column, like a replacement character.
  CHECK(DisplayWidth("a\xFF"
                     "b") == 3);
}

TEST_CASE("PadRight pads by display width") {
  CHECK(PadRight("中文", 6) == "中文  ");
  CHECK(DisplayWidth(PadRight("中文", 6)) == 6);
  CHECK(PadRight("abc", 5) == "abc  ");
  CHECK(PadRight("abc", 3) == "abc");
  CHECK(PadRight("abc", 2) == "abc");  // never cut
  CHECK(PadRight("", 3) == "   ");
  CHECK(PadRight("中a", 4) == "中a ");
  CHECK(PadRight("中文", 0) == "中文");
}

TEST_CASE("Truncate cuts on character boundaries and marks the cut") {
  struct Row {
    std::string_view text;
    int width;
    std::string_view expect;
  };
  const Row rows[] = {
      {"abcdef", 4, "abc…"},      {"abcd", 4, "abcd"},  // fits exactly: no ellipsis
      {"abc", 10, "abc"},         {"", 5, ""},
      {"abcdef", 1, "…"},         {"中文字符", 8, "中文字符"},
      {"中文字符", 7, "中文字…"},  // 符 would leave no room for …
      {"中文字符", 6, "中文…"},    // 中文 + … = 5 columns; 字 does not fit with …
      {"中文字符", 5, "中文…"},   {"中文字符", 4, "中…"},
      {"中文", 4, "中文"},        {"中文", 3, "中…"},
      {"a中文", 4, "a中…"},       {"a中文", 3, "a…"},  // never half a character
      {"a\nb", 10, "a b"},                             // newlines become spaces
      {"a\r\nb", 10, "a  b"},     {"a\tb", 10, "a b"},
      {"a\nbcdef", 4, "a b…"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    CAPTURE(row.width);
    std::string out = Truncate(row.text, row.width);
    CHECK(out == row.expect);
    CHECK(DisplayWidth(out) <= row.width);
    CHECK(IsValidUtf8(out));
  }
}

TEST_CASE("Trim and Split") {
  CHECK(Trim("  a b \t\n") == "a b");
  CHECK(Trim("\r\nx") == "x");
  CHECK(Trim("   ") == "");
  CHECK(Trim("") == "");
  CHECK(Trim(" 中文 ") == "中文");
  CHECK(Split("a,b,c", ',') == std::vector<std::string_view>{"a", "b", "c"});
  CHECK(Split("a,,b", ',') == std::vector<std::string_view>{"a", "", "b"});
  CHECK(Split("", ',') == std::vector<std::string_view>{""});
  CHECK(Split("a,", ',') == std::vector<std::string_view>{"a", ""});
  CHECK(Split("line1\nline2\n", '\n') == std::vector<std::string_view>{"line1", "line2", ""});
}

TEST_CASE("FormatTable aligns columns by display width") {
  std::vector<std::vector<std::string>> rows = {
      {"ID", "客户", "状态"},
      {"YX-26-11-01", "上海电力公司", "open"},
      {"YX-26-11-02", "ACME", "closed"},
  };
  // Column 1 is 11 wide (the numbers), column 2 is 12 wide (上海电力公司).
  std::string expect =
      "ID           客户          状态\n"
      "YX-26-11-01  上海电力公司  open\n"
      "YX-26-11-02  ACME          closed\n";
  CHECK(FormatTable(rows) == expect);

  // The last column starts at the same display column on every line.
  std::string text = FormatTable(rows);
  for (const char* last : {"状态", "open", "closed"}) {
    size_t at = text.find(last);
    size_t line_start = text.rfind('\n', at);
    line_start = line_start == std::string::npos ? 0 : line_start + 1;
    CHECK(DisplayWidth(std::string_view(text).substr(line_start, at - line_start)) == 27);
  }
}

TEST_CASE("FormatTable leaves no trailing spaces and handles ragged rows") {
  std::vector<std::vector<std::string>> rows = {
      {"名称", "x"},
      {"a", ""},
      {"bb"},
      {},
  };
  CHECK(FormatTable(rows) ==
        "名称  x\n"
        "a\n"
        "bb\n"
        "\n");
  CHECK(FormatTable({}) == "");
}

}  // namespace
}  // namespace svc
