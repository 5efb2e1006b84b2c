// svc: the thin front end. Parses the command line and runs one command.
#include <fmt/format.h>

#include <exception>

#include "commands.h"
#include "options.h"

int main(int argc, char** argv) {
  using namespace svc::cli;
  try {
    Options o;
    int rc = ParseCommandLine(argc, argv, &o);
    if (rc >= 0) return rc;
    Context ctx(o.global);
    if (o.command == "init") return RunInit(ctx, o.init);
    if (o.command == "open") return RunOpen(ctx, o.open);
    if (o.command == "show") return RunShow(ctx, o.show);
    if (o.command == "list") return RunList(ctx, o.list);
    if (o.command == "check") return RunCheck(ctx);
    fmt::print(stderr, "svc: unknown command '{}'\n", o.command);
    return 2;
  } catch (const std::exception& e) {
    // A defect, never an expected failure: still one line, still no partial write.
    fmt::print(stderr, "svc: internal error: {}\n", e.what());
    return 1;
  }
}
