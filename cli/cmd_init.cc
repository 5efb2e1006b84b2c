#include <fmt/format.h>

#include "commands.h"

namespace svc::cli {

int RunInit(Context&, const InitOptions& o) {
  Status s = Store::Init(o.dir, RealDisk());
  if (!s.ok()) return Fail(s);
  fmt::print(stderr,
             "svc: created records directory {} (svc.toml holds the procedure's defaults)\n"
             "next: cd {} && git init && svc open --via YX --customer NAME\n",
             o.dir, o.dir);
  return 0;
}

}  // namespace svc::cli
