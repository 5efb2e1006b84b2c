// svc: the thin front end. Parses the command line and runs one command.
#include <fmt/format.h>

#include <exception>

#include "commands.h"
#include "options.h"

namespace svc::cli {
int Run(Context& ctx, const Options& o);
}  // namespace svc::cli

int main(int argc, char** argv) {
  using namespace svc::cli;
  try {
    Options o;
    int rc = ParseCommandLine(argc, argv, &o);
    if (rc >= 0) return rc;
    Context ctx(o.global);
    return ctx.CommitIfAsked(o.command, Run(ctx, o));
  } catch (const std::exception& e) {
    // A defect, never an expected failure: still one line, still no partial write.
    fmt::print(stderr, "svc: internal error: {}\n", e.what());
    return 1;
  }
}

namespace svc::cli {

int Run(Context& ctx, const Options& o) {
  if (o.command == "init") return RunInit(ctx, o.init);
  if (o.command == "open") return RunOpen(ctx, o.open);
  if (o.command == "show") return RunShow(ctx, o.show);
  if (o.command == "list") return RunList(ctx, o.list);
  if (o.command == "check") return RunCheck(ctx);
  if (o.command == "classify") return RunClassify(ctx, o.classify);
  if (o.command == "analyze") return RunAnalyze(ctx, o.analyze);
  if (o.command == "plan") return RunPlan(ctx, o.plan);
  if (o.command == "approve") return RunApprove(ctx, o.approve);
  if (o.command == "dispatch") return RunDispatch(ctx, o.dispatch);
  if (o.command == "warehouse") return RunWarehouse(ctx, o.warehouse);
  if (o.command == "quote") return RunQuote(ctx, o.quote);
  if (o.command == "close") return RunClose(ctx, o.close);
  if (o.command == "verify") return RunVerify(ctx, o.verify);
  if (o.command == "survey") return RunSurvey(ctx, o.survey);
  if (o.command == "note") return RunNote(ctx, o.note);
  if (o.command == "void") return RunVoid(ctx, o.void_);
  if (o.command == "overdue") return RunOverdue(ctx, o.overdue);
  if (o.command == "report") return RunReport(ctx, o.report);
  if (o.command == "print") return RunPrint(ctx, o.print);
  if (o.command == "merge-driver") return RunMergeDriver(ctx, o.merge_driver);
  if (o.command == "git-setup") return RunGitSetup(ctx);
  if (o.command == "renumber") return RunRenumber(ctx, o.git);
  if (o.command == "log") return RunLog(ctx, o.git);
  if (o.command == "sync") return RunSync(ctx, o.git);
  fmt::print(stderr, "svc: unknown command '{}'\n", o.command);
  return 2;
}

}  // namespace svc::cli
