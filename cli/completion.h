// Shell completion scripts for bash, zsh and fish, made from the command
// line as parse.cc describes it (DescribeCommandLine): the commands and
// their verbs, each one's options, and the values an option takes where the
// parser knows them (--format text|md|csv|json, --status …).
#pragma once

#include <string>

#include "options.h"

namespace svc::cli {

// bash: a function _svc registered with `complete -F _svc svc`.
std::string BashCompletion(const CommandLineInfo& info, const std::string& version);
// zsh: a #compdef svc file for $fpath (share/zsh/vendor-completions/_svc).
std::string ZshCompletion(const CommandLineInfo& info, const std::string& version);
// fish: `complete -c svc` lines (share/fish/vendor_completions.d/svc.fish).
std::string FishCompletion(const CommandLineInfo& info, const std::string& version);

}  // namespace svc::cli
