#include "base/i18n.h"

#include <doctest/doctest.h>

#include <cstring>

namespace svc {
namespace {

TEST_CASE("ParseLanguage: zh and en locales, nothing else") {
  Language l = Language::kEnglish;
  CHECK(ParseLanguage("zh_CN.UTF-8", &l));
  CHECK(l == Language::kChinese);
  CHECK(ParseLanguage("en_US.UTF-8", &l));
  CHECK(l == Language::kEnglish);
  CHECK(ParseLanguage("zh", &l));
  CHECK(l == Language::kChinese);
  CHECK(ParseLanguage("zh_TW", &l));
  CHECK(ParseLanguage("en", &l));
  CHECK(l == Language::kEnglish);
  CHECK_FALSE(ParseLanguage("C.UTF-8", &l));
  CHECK_FALSE(ParseLanguage("POSIX", &l));
  CHECK_FALSE(ParseLanguage("C", &l));
  CHECK_FALSE(ParseLanguage("fr_FR.UTF-8", &l));
  CHECK_FALSE(ParseLanguage("zhx", &l));
  CHECK_FALSE(ParseLanguage("", &l));
}

TEST_CASE("Tr and TrF: the English itself while English is chosen") {
  REQUIRE(CurrentLanguage() == Language::kEnglish);
  const char* msgid = "ticket {} is closed";
  CHECK(Tr(msgid) == msgid);  // the same text, not a copy
  CHECK(std::strcmp(_("plain"), "plain") == 0);
  CHECK(TrF("ticket {} is closed", "YX-26-11-01") == "ticket YX-26-11-01 is closed");
  CHECK(TrF("{0} and {1:>3}", "a", 7) == "a and   7");
  CHECK(std::strcmp(Tr(""), "") == 0);
}

TEST_CASE("TrF: a translation whose fields do not fit falls back to the English") {
  using i18n_detail::FormatFallback;
  const char* msgid = "{} of {}";
  int a = 1, b = 2;
  CHECK(FormatFallback(msgid, "{1} 的 {0}", fmt::make_format_args(a, b)) == "2 的 1");
  CHECK(FormatFallback(msgid, "{} 的 {} {}", fmt::make_format_args(a, b)) == "1 of 2");
  CHECK(FormatFallback(msgid, "{", fmt::make_format_args(a, b)) == "1 of 2");
  CHECK(FormatFallback(msgid, msgid, fmt::make_format_args(a, b)) == "1 of 2");
}

TEST_CASE("EnglishScope: English inside, the language chosen restored after") {
  UseLanguage(Language::kChinese, "/nonexistent");
  CHECK(Chinese());
  {
    EnglishScope english;
    CHECK_FALSE(Chinese());
  }
  CHECK(Chinese());
  // No catalog at that folder: the English comes back, not an empty text.
  CHECK(std::strcmp(Tr("ticket {} is closed"), "ticket {} is closed") == 0);
  UseLanguage(Language::kEnglish, "");
  CHECK(CurrentLanguage() == Language::kEnglish);
}

}  // namespace
}  // namespace svc
