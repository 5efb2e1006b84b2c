// svc completion bash|zsh|fish: the shell's completion script, made from
// the command line itself (cli/completion.h).
#include <fmt/format.h>

#include "base/i18n.h"
#include "commands.h"
#include "completion.h"

namespace svc::cli {

int RunCompletion(Context& ctx, const CompletionOptions& o) {
  if (ctx.json()) {
    return Fail(Status::InvalidArgument(
        _("svc completion takes no --json: a completion script is shell code")));
  }
  CommandLineInfo info = DescribeCommandLine();
  std::string script = o.shell == "zsh"    ? ZshCompletion(info, SVC_VERSION)
                       : o.shell == "fish" ? FishCompletion(info, SVC_VERSION)
                                           : BashCompletion(info, SVC_VERSION);
  fmt::print("{}", script);
  return 0;
}

}  // namespace svc::cli
