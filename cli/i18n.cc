#include "i18n.h"

#include <sys/stat.h>
#include <unistd.h>
#include <clocale>
#include <cstdlib>
#include <set>
#include <string_view>

#include "format/config_toml.h"
#include "model/config.h"
#include "storage/disk.h"
#include "storage/paths.h"
#include "storage/store.h"

#ifndef SVC_INSTALL_LOCALEDIR
#define SVC_INSTALL_LOCALEDIR "/usr/local/share/locale"
#endif

namespace svc::cli {
namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

bool IsDir(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Turns gettext on for `language`. gettext translates only when the
// locale of messages is not "C": where the user's zh_CN locale is not
// generated (a server, CI) C.UTF-8 stands in, and LANGUAGE names the
// catalog.
void Activate(Language language) {
  if (language == CurrentLanguage()) return;
  if (language == Language::kChinese) {
    const char* set = std::setlocale(LC_MESSAGES, "");
    if (set == nullptr || std::string_view(set) == "C" || std::string_view(set) == "POSIX") {
      std::setlocale(LC_MESSAGES, "C.UTF-8");
    }
    ::setenv("LANGUAGE", "zh_CN", 1);
  }
  UseLanguage(language, LocaleDir());
}

// The value of -R/--records in argv, or "".
std::string RecordsFlag(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--") break;
    if ((a == "-R" || a == "--records") && i + 1 < argc) return argv[i + 1];
    if (a.starts_with("--records=")) return std::string(a.substr(10));
    if (a.starts_with("-R") && a.size() > 2) return std::string(a.substr(2));
  }
  return "";
}

}  // namespace

bool LanguageFromEnvironment(Language* out) {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    std::string v = Env(name);
    if (v.empty()) continue;
    // The first one set decides, as for gettext; C, POSIX and C.UTF-8 name no language.
    return ParseLanguage(v, out);
  }
  return false;
}

void ChooseLanguage(int argc, char** argv) {
  Language language = Language::kEnglish;
  if (LanguageFromEnvironment(&language)) {
    Activate(language);
    return;
  }
  std::string root;
  char cwd[4096];
  if (!Store::Locate(RecordsFlag(argc, argv), Env("SVC_RECORDS"),
                     ::getcwd(cwd, sizeof cwd) ? cwd : ".", RealDisk(), &root)
           .ok()) {
    return;
  }
  std::string text;
  Config config;
  if (!RealDisk()->ReadFile(InRoot(root, ConfigPath()), &text).ok()) return;
  if (!ParseConfig(text, ConfigPath(), &config).ok()) return;
  if (!config.language.empty() && ParseLanguage(config.language, &language)) Activate(language);
}

std::string PotEntries(const std::vector<std::string>& texts) {
  std::string out;
  std::set<std::string> seen;
  for (const std::string& t : texts) {
    if (!seen.insert(t).second) continue;
    out += "#: --help\nmsgid \"";
    for (char c : t) {
      if (c == '"' || c == '\\') out += '\\';
      if (c == '\n') {
        out += "\\n";
      } else if (c == '\t') {
        out += "\\t";
      } else {
        out += c;
      }
    }
    out += "\"\nmsgstr \"\"\n\n";
  }
  return out;
}

std::string LocaleDir() {
  std::string dir = Env("SVC_LOCALEDIR");
  if (!dir.empty()) return dir;
  char exe[4096];
  ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    std::string self(exe, static_cast<size_t>(n));
    std::string bin = self.substr(0, self.rfind('/'));
    if (IsDir(bin + "/locale")) return bin + "/locale";  // a build tree
    std::string prefix = bin.substr(0, bin.rfind('/'));
    if (IsDir(prefix + "/share/locale/zh_CN")) return prefix + "/share/locale";
  }
  return SVC_INSTALL_LOCALEDIR;
}

}  // namespace svc::cli
