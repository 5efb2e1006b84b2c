#include "base/i18n.h"

#include <libintl.h>

namespace svc {
namespace {

constexpr const char* kDomain = "svc";
Language g_language = Language::kEnglish;

}  // namespace

void UseLanguage(Language language, const std::string& localedir) {
  g_language = language;
  if (language == Language::kEnglish) return;
  ::bindtextdomain(kDomain, localedir.c_str());
  ::bind_textdomain_codeset(kDomain, "UTF-8");
}

Language CurrentLanguage() {
  return g_language;
}

EnglishScope::EnglishScope() : saved_(g_language) {
  g_language = Language::kEnglish;
}
EnglishScope::~EnglishScope() {
  g_language = saved_;
}

const char* Tr(const char* msgid) {
  if (g_language == Language::kEnglish || msgid == nullptr || *msgid == '\0') return msgid;
  return ::dgettext(kDomain, msgid);
}

bool ParseLanguage(std::string_view word, Language* out) {
  if (word == "zh" || word.starts_with("zh_") || word.starts_with("zh-")) {
    *out = Language::kChinese;
    return true;
  }
  if (word == "en" || word.starts_with("en_") || word.starts_with("en-")) {
    *out = Language::kEnglish;
    return true;
  }
  return false;
}

namespace i18n_detail {

std::string FormatFallback(const char* msgid, const char* translated, fmt::format_args args) {
  if (translated != msgid) {
    try {
      return fmt::vformat(translated, args);
    } catch (const fmt::format_error&) {
      // The catalog's placeholders do not fit: the English text, still whole.
    }
  }
  return fmt::vformat(msgid, args);
}

}  // namespace i18n_detail
}  // namespace svc
