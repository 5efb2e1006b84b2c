// svc man [COMMAND] [--output DIR]: the manual pages in roff, made from the
// command line itself (cli/manpage.h): one on stdout, or all into DIR.
#include <fmt/format.h>

#include "base/i18n.h"
#include "commands.h"
#include "manpage.h"

namespace svc::cli {

int RunMan(Context& ctx, const ManOptions& o) {
  if (ctx.json()) {
    return Fail(Status::InvalidArgument(_("svc man takes no --json: a manual page is roff")));
  }
  CommandLineInfo info = DescribeCommandLine();
  if (o.output.empty()) {
    for (const CommandInfo& c : info.commands) {
      if (c.name == o.command) {
        fmt::print("{}", CommandManPage(info, c, SVC_VERSION).text);
        return 0;
      }
    }
    fmt::print("{}", MainManPage(info, SVC_VERSION).text);
    return 0;
  }
  Disk* disk = RealDisk();
  Status s = disk->MakeDirs(o.output);
  if (!s.ok()) return Fail(s);
  std::vector<ManPage> pages = ManPages(info, SVC_VERSION);
  for (const ManPage& page : pages) {
    s = disk->WriteFileAtomic(o.output + "/" + page.file, page.text);
    if (!s.ok()) return Fail(s);
  }
  fmt::print(stderr, "svc: {}\n", TrF("wrote {} manual pages into {}", pages.size(), o.output));
  return 0;
}

}  // namespace svc::cli
