// Choosing the interface's language (base/i18n.h), at the edge where the
// environment is read: LC_ALL, else LC_MESSAGES, else LANG (gettext's
// order, the first one set) when it names a language; when it names none
// (unset, C, POSIX, C.UTF-8) the records directory's svc.toml `[company]
// language`; else English.
#pragma once

#include <string>
#include <vector>

#include "base/i18n.h"

namespace svc::cli {

// The language the environment names, or false when it names none.
bool LanguageFromEnvironment(Language* out);

// Chooses the language before the command line is parsed (help is in it):
// the environment's, else svc.toml's of the records directory `-R`/
// `--records`, $SVC_RECORDS or the working directory names (a directory
// svc cannot read yet is no error here: the command says so later).
void ChooseLanguage(int argc, char** argv);

// Where the compiled catalogs are: $SVC_LOCALEDIR, else beside the binary
// in a build tree (locale/), else the installed share/locale.
std::string LocaleDir();

// `texts` as the entries of a gettext template (.pot), in order, each once.
std::string PotEntries(const std::vector<std::string>& texts);

}  // namespace svc::cli
