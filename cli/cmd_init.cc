#include <unistd.h>

#include <fmt/format.h>

#include "base/i18n.h"
#include "commands.h"
#include "storage/git.h"

namespace svc::cli {

int RunInit(Context&, const InitOptions& o) {
  // Never inside another records directory: Store::Init looks above the
  // folder, from where the user stands.
  char cwd[4096];
  Status s = Store::Init(o.dir, ::getcwd(cwd, sizeof cwd) ? cwd : "", RealDisk());
  if (!s.ok()) return Fail(s);
  fmt::print(stderr, "svc: {}\n",
             TrF("created records directory {} (svc.toml holds the procedure's defaults)", o.dir));
  if (InGitWorkTree(o.dir)) {
    char self[4096];
    ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    s = GitSetup(o.dir, n > 0 ? std::string(self, static_cast<size_t>(n)) : "svc");
    if (!s.ok()) return Fail(s);
    fmt::print(stderr, "svc: {}\n", _("registered svc's merge driver in this clone"));
    fmt::print(stderr, "{}", TrF("next: svc -R {} open --via YX --customer NAME\n", o.dir));
  } else {
    fmt::print(
        stderr, "{}",
        TrF("next: cd {} && git init && svc git-setup && svc open --via YX --customer NAME\n",
            o.dir));
  }
  return 0;
}

}  // namespace svc::cli
