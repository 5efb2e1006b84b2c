// The interface's language (gettext's way): every text svc shows a person
// is written in English in the source, marked `_("…")` (or `TrF("…", args)`
// when it has fmt placeholders), and looked up in the catalog `svc` of the
// language chosen. The catalogs are po/*.po, compiled by the build with
// msgfmt and installed under share/locale; `po/update.sh` extracts the marks.
//
// The front end chooses the language once (cli/i18n.h): English, the
// source's own texts, until then. Keys of JSON, CSV and the records'
// files are never marked: they do not change with the language.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace svc {

enum class Language { kEnglish, kChinese };

// Uses `language` from now on; for kChinese, gettext's catalog "svc" bound
// to `localedir` (a folder holding zh_CN/LC_MESSAGES/svc.mo). The caller has
// made gettext's locale able to choose it (cli/i18n.cc).
void UseLanguage(Language language, const std::string& localedir);
Language CurrentLanguage();
inline bool Chinese() {
  return CurrentLanguage() == Language::kChinese;
}

// English while it lives, whatever the language chosen: for output that
// programs read (CSV, JSON) built from the same tables as the text.
class EnglishScope {
 public:
  EnglishScope();
  ~EnglishScope();
  EnglishScope(const EnglishScope&) = delete;
  EnglishScope& operator=(const EnglishScope&) = delete;

 private:
  Language saved_;
};

// The translation of `msgid`, or `msgid` itself (English, or not in the
// catalog). The pointer lives as long as the process.
const char* Tr(const char* msgid);

// "zh" / "en" (svc.toml's [company] language, LANG's prefix) as a Language;
// false for any other word.
bool ParseLanguage(std::string_view word, Language* out);

namespace i18n_detail {
std::string FormatFallback(const char* msgid, const char* translated, fmt::format_args args);
}  // namespace i18n_detail

// fmt::format of the translation of `msgid` with `args`. A translation
// whose placeholders do not fit the arguments (a catalog defect; the
// catalog test catches it) falls back to the English text.
template <class... Args>
std::string TrF(const char* msgid, const Args&... args) {
  return i18n_detail::FormatFallback(msgid, Tr(msgid), fmt::make_format_args(args...));
}

}  // namespace svc

// gettext's marks: `_` looks up now; `N_` only marks a text for the catalog
// (a table's help text, looked up where it is shown).
#define _(msgid) ::svc::Tr(msgid)
#define N_(msgid) msgid
