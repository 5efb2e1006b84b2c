// Helpers shared by the unit tests: temporary folders, whole-file reads and
// writes, and small text edits for building bad inputs out of good ones.
#pragma once

#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/timepoint.h"

// Checks that a svc::Status is OK, showing its message when it is not.
#define SVC_CHECK_OK(expr)                                \
  do {                                                    \
    ::svc::Status svc_check_ = (expr);                    \
    CHECK_MESSAGE(svc_check_.ok(), svc_check_.message()); \
  } while (0)
#define SVC_REQUIRE_OK(expr)                                \
  do {                                                      \
    ::svc::Status svc_check_ = (expr);                      \
    REQUIRE_MESSAGE(svc_check_.ok(), svc_check_.message()); \
  } while (0)

namespace svc_test {

// Text that exercises every escape: quotes (also a trailing one and a run of
// three), backslashes, tabs, a carriage return, control characters, CJK.
inline constexpr const char* kNasty =
    "第一行：客户说 \"设备不启动\"\n"
    "路径 C:\\temp\\log.txt 和 \\\\server\\share\n"
    "\t缩进的一行\t结尾有制表符\t\n"
    "三个引号 \"\"\" 在中间，还有 '单引号' 和 ''' 三个\n"
    "回车\r\n"
    "控制字符 \x01 \x1f \x7f 退格 \b 换页 \f\n"
    "\n"
    "空行之后，以引号结束\"";

// Strings that trip up a TOML writer or reader one at a time: quotes and
// runs of them next to newlines, backslashes, tabs, CR, control characters,
// CJK and emoji, text that looks like TOML. Not empty ones: a test adds "".
inline const std::vector<std::string>& StringsOfEveryShape() {
  static const std::vector<std::string> rows = {
      "\"",
      "\"\"",
      "\"\"\"",
      "a\"",
      "\"a",
      "a\n\"",
      "a\n\"\"",
      "a\n\"\"\"",
      "a\n\"\"\"\"",
      "\"\n",
      "\n",
      "\n\n",
      "\nleading newline",
      "trailing newline\n",
      "a\\",
      "a\\\nb",
      "\\\"",
      "a\n\\",
      "\\n is not a newline",
      "\t\ttabs\t",
      "'''single'''",
      "中文\n第二行\n",
      "# not a comment",
      "key = \"value\"",
      "a\r\nb",
      "\x7f",
      "\x1b[31mred\x1b[0m",
      "[[event]]",
      "\n[[event]]\nat = 2026-11-29T09:30:00+08:00\n",
      "\"\"\"\n\"\"\"",
      "x = 1\n",
      "\\u0041",
      "{ code = \"a\", qty = 1 }",
      "😀 ℃ é",
      "\b\f",
      " ",
      "\n\"\"\"\"\"\"\n",
  };
  return rows;
}

// A time written the way a user writes one (offset +08:00 when none is given).
inline svc::Time T(std::string_view text) {
  svc::Time t;
  svc::Status s = svc::ParseTime(text, 480, &t);
  REQUIRE_MESSAGE(s.ok(), s.message());
  return t;
}

// A fresh folder under /tmp (mkdtemp), removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/svc-unit-XXXXXX";
    const char* made = ::mkdtemp(tmpl);
    REQUIRE(made != nullptr);
    path_ = made;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string operator/(std::string_view rel) const { return path_ + "/" + std::string(rel); }

 private:
  std::string path_;
};

inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Writes `text` to `path`, creating the folders above it.
inline void WriteAll(const std::string& path, std::string_view text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  REQUIRE_MESSAGE(out.good(), "cannot write " << path);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

// The 1-based line of the first occurrence of `needle` in `text`.
inline int LineOf(std::string_view text, std::string_view needle) {
  size_t at = text.find(needle);
  REQUIRE_MESSAGE(at != std::string_view::npos, "no '" << std::string(needle) << "' in the text");
  int line = 1;
  for (size_t i = 0; i < at; ++i) line += text[i] == '\n';
  return line;
}

// `text` with its one occurrence of `from` replaced by `to`.
inline std::string ReplaceOnce(std::string_view text, std::string_view from, std::string_view to) {
  size_t at = text.find(from);
  REQUIRE_MESSAGE(at != std::string_view::npos, "no '" << std::string(from) << "' in the text");
  REQUIRE_MESSAGE(text.find(from, at + 1) == std::string_view::npos,
                  "'" << std::string(from) << "' occurs more than once");
  std::string out(text.substr(0, at));
  out += to;
  out += text.substr(at + from.size());
  return out;
}

// The strings one per line, so that a failed comparison shows them.
inline std::string Lines(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += s + "\n";
  return out;
}

}  // namespace svc_test
