// svc completion bash|zsh|fish: the shell's completion script, made from
// the command line itself (cli/completion.h).
#include <fmt/format.h>

#include "commands.h"
#include "completion.h"

namespace svc::cli {

int RunCompletion(Context&, const CompletionOptions& o) {
  CommandLineInfo info = DescribeCommandLine();
  std::string script = o.shell == "zsh"    ? ZshCompletion(info, SVC_VERSION)
                       : o.shell == "fish" ? FishCompletion(info, SVC_VERSION)
                                           : BashCompletion(info, SVC_VERSION);
  fmt::print("{}", script);
  return 0;
}

}  // namespace svc::cli
