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
      {"abcdef", 4, "abc…"},
      {"abcd", 4, "abcd"},  // fits exactly: no ellipsis
      {"abc", 10, "abc"},
      {"", 5, ""},
      {"abcdef", 1, "…"},
      {"中文字符", 8, "中文字符"},
      {"中文字符", 7, "中文字…"},  // 符 would leave no room for …
      {"中文字符", 6, "中文…"},    // 中文 + … = 5 columns; 字 does not fit with …
      {"中文字符", 5, "中文…"},
      {"中文字符", 4, "中…"},
      {"中文", 4, "中文"},
      {"中文", 3, "中…"},
      {"a中文", 4, "a中…"},
      {"a中文", 3, "a…"},   // never half a character
      {"a\nb", 10, "a b"},  // newlines become spaces
      {"a\r\nb", 10, "a  b"},
      {"a\tb", 10, "a b"},
      {"a\nbcdef", 4, "a b…"},
      // Other controls show as their escape, counted in the width.
      {"a\x1b[31mb", 20, "a\\x1b[31mb"},
      {"a\x1b[31mb", 6, "a\\x1b…"},
      {"\xE2\x80\xAE"
       "abc",
       9, "\\u202eabc"},
      {"a\xFF"
       "b",
       10, "a\\xffb"},
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

TEST_CASE("TableLayout prints the same table row by row once every row is measured") {
  std::vector<std::vector<std::string>> rows = {
      {"YX-26-11-01", "上海电力公司", "over by 2h"},
      {"YX-26-11-02", "ACME\x1b[2J", "-"},
      {"SC", "", "3h left"},
  };
  TableLayout layout;
  for (const auto& row : rows) layout.Measure(row);
  std::string out;
  for (const auto& row : rows) out += layout.Format(row);
  CHECK(out == FormatTable(rows));
  // Widths are of what is shown: the escape of a control character.
  CHECK(out ==
        "YX-26-11-01  上海电力公司  over by 2h\n"
        "YX-26-11-02  ACME\\x1b[2J   -\n"
        "SC                         3h left\n");
  // A row never measured is printed unpadded past the known columns.
  CHECK(TableLayout().Format({"a", "b"}) == "a  b\n");
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

TEST_CASE("EscapeControls writes what a terminal would act on as a visible escape") {
  struct Row {
    std::string_view text;
    std::string_view expect;
    const char* what;
  };
  const Row rows[] = {
      {""sv, ""sv, "empty"},
      {"华东电网 O'Brien & \"Sons\" <b>\\"sv, "华东电网 O'Brien & \"Sons\" <b>\\"sv,
       "printable text, a backslash included, stays"},
      {"line 1\nline 2\tcol"sv, "line 1\nline 2\tcol"sv, "newline and tab stay"},
      {"\x1b[31mred\x1b[0m"sv, "\\x1b[31mred\\x1b[0m"sv, "an ANSI colour"},
      {"\x1b]0;title\x07"sv, "\\x1b]0;title\\x07"sv, "an OSC title and BEL"},
      {"a\rb"sv, "a\\x0db"sv, "CR, which would overwrite the line"},
      {"a\0b"sv, "a\\x00b"sv, "NUL"},
      {"\x01\x08\x0b\x0c\x1f"sv, "\\x01\\x08\\x0b\\x0c\\x1f"sv, "other C0 controls"},
      {"a\x7f"sv, "a\\x7f"sv, "DEL"},
      {"\xC2\x80\xC2\x85\xC2\x9B\xC2\x9F"sv, "\\u0080\\u0085\\u009b\\u009f"sv,
       "C1 controls: PAD, NEL, CSI, APC"},
      {"\xC2\xA0\xC2\xA9"sv, "\xC2\xA0\xC2\xA9"sv, "U+00A0, U+00A9 just past the C1s stay"},
      {"\xE2\x80\xAA\xE2\x80\xAB\xE2\x80\xAC\xE2\x80\xAD\xE2\x80\xAE"sv,
       "\\u202a\\u202b\\u202c\\u202d\\u202e"sv, "bidi embeddings and overrides"},
      {"\xE2\x81\xA6\xE2\x81\xA7\xE2\x81\xA8\xE2\x81\xA9"sv, "\\u2066\\u2067\\u2068\\u2069"sv,
       "bidi isolates"},
      {"\xE2\x80\xA9\xE2\x80\xAF\xE2\x81\xA5\xE2\x81\xAA\xE2\x80\x94"sv,
       "\xE2\x80\xA9\xE2\x80\xAF\xE2\x81\xA5\xE2\x81\xAA\xE2\x80\x94"sv,
       "neighbours of the bidi controls, and an em dash, stay"},
      {"a\xFF\xC3"sv, "a\\xff\\xc3"sv, "bytes that are not UTF-8"},
      {"\xE4\xB8"sv, "\\xe4\\xb8"sv, "a truncated character"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CHECK(EscapeControls(row.text) == row.expect);
    CHECK(EscapeControls(EscapeControls(row.text)) == row.expect);  // idempotent
  }
}

TEST_CASE("EscapeControls leaves no control character of any code point") {
  for (int cp = 0; cp < 0x3000; ++cp) {
    std::string ch;
    if (cp < 0x80) {
      ch = std::string(1, static_cast<char>(cp));
    } else if (cp < 0x800) {
      ch = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
    } else {
      ch = {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
            static_cast<char>(0x80 | (cp & 0x3F))};
    }
    bool control = (cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp <= 0x9F) ||
                   (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    CAPTURE(cp);
    std::string out = EscapeControls(ch);
    CHECK(IsValidUtf8(out));
    CHECK((out != ch) == control);
    if (control) CHECK(out.front() == '\\');
  }
}

TEST_CASE("CsvField: RFC 4180 quoting and OWASP's leading quote on a formula") {
  struct Row {
    std::string_view text;
    std::string_view expect;
    const char* what;
  };
  const Row rows[] = {
      {""sv, ""sv, "empty"},
      {"华东电网"sv, "华东电网"sv, "plain"},
      {"a,b"sv, "\"a,b\""sv, "a comma quotes"},
      {"say \"hi\""sv, "\"say \"\"hi\"\"\""sv, "quotes doubled"},
      {"two\nlines"sv, "\"two\nlines\""sv, "a newline quotes"},
      {"=HYPERLINK(\"http://x\",\"y\")"sv, "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""sv,
       "a formula, then quoted"},
      {"+cmd|calc"sv, "'+cmd|calc"sv, "+"},
      {"@SUM(A1)"sv, "'@SUM(A1)"sv, "@"},
      {"-2+3"sv, "'-2+3"sv, "- not a number"},
      {"\tx"sv, "'\tx"sv, "a leading tab"},
      {"\rx"sv, "'\\x0dx"sv, "a leading CR (escaped, so never a line break)"},
      {"a=b"sv, "a=b"sv, "= inside is harmless"},
      {"-"sv, "-"sv, "svc's 'nothing counted'"},
      {"-12"sv, "-12"sv, "a negative number stays a number"},
      {"-12.50"sv, "-12.50"sv, "negative money"},
      {"-3.5%"sv, "-3.5%"sv, "a negative rate"},
      {"-1e3"sv, "'-1e3"sv, "not a plain number"},
      {"-.5"sv, "'-.5"sv, "no digit before the point"},
      {"--1"sv, "'--1"sv, "two minus signs"},
      {"-1,000"sv, "\"'-1,000\""sv, "a thousands separator is not a plain number"},
      {"a\x1b[2Jb"sv, "a\\x1b[2Jb"sv, "controls escaped"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CHECK(CsvField(row.text) == row.expect);
  }
}

TEST_CASE("MarkdownText: no cell border, tag, entity or line break comes through") {
  struct Row {
    std::string_view text;
    std::string_view expect;
    const char* what;
  };
  const Row rows[] = {
      {""sv, ""sv, "empty"},
      {"华东电网 2026-12-05 #3"sv, "华东电网 2026-12-05 #3"sv, "plain"},
      {"A|B"sv, "A\\|B"sv, "a pipe"},
      {"<script>alert(1)</script>"sv, "&lt;script&gt;alert(1)&lt;/script&gt;"sv, "a tag"},
      {"&amp; &#x3c;"sv, "&amp;amp; &amp;#x3c;"sv, "an entity shows as written"},
      {"<!-- x -->"sv, "&lt;!-- x --&gt;"sv, "a comment"},
      {"one\ntwo"sv, "one<br>two"sv, "a line break stays in its cell"},
      {"a\\|b"sv, "a\\\\\\|b"sv, "a backslash cannot escape the escape"},
      {"`code` *em* _em_ ~~del~~"sv, "\\`code\\` \\*em\\* \\_em\\_ \\~\\~del\\~\\~"sv,
       "code and emphasis"},
      {"[x](javascript:alert(1))"sv, "\\[x\\](javascript:alert(1))"sv, "a link"},
      {"a\x1b[31mb"sv, "a\\\\x1b\\[31mb"sv, "a control, escaped, its backslash too"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CHECK(MarkdownText(row.text) == row.expect);
  }
}

TEST_CASE("HtmlText escapes markup and controls, keeps line breaks") {
  CHECK(HtmlText("A|B <script>alert(1)</script>") == "A|B &lt;script&gt;alert(1)&lt;/script&gt;");
  CHECK(HtmlText("O'Brien & \"Sons\"") == "O&apos;Brien &amp; &quot;Sons&quot;");
  CHECK(HtmlText("one\ntwo") == "one\ntwo");
  CHECK(HtmlText("a\x1b[31m\xE2\x80\xAE") == "a\\x1b[31m\\u202e");
}

TEST_CASE("FormatTable escapes controls and aligns by what it prints") {
  CHECK(FormatTable({{"a\x1b[31m", "x"}, {"abcdefghijk", "y"}}) ==
        "a\\x1b[31m    x\n"
        "abcdefghijk  y\n");
}

}  // namespace
}  // namespace svc
