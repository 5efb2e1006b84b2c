// svc: the thin front end. Parses the command line and runs the command
// the table (commands.h) names.
#include <fmt/format.h>

#include <exception>
#include <string_view>

#include "base/i18n.h"
#include "commands.h"
#include "i18n.h"
#include "options.h"

int main(int argc, char** argv) {
  using namespace svc::cli;
  try {
    ChooseLanguage(argc, argv);
    if (argc == 2 && std::string_view(argv[1]) == "--help-texts") {  // po/update.sh
      fmt::print("{}", PotEntries(HelpTexts()));
      return 0;
    }
    Options o;
    int rc = ParseCommandLine(argc, argv, &o);
    if (rc >= 0) return rc;
    Context ctx(o.global);
    const Command* command = FindCommand(o.command);
    if (!command) {  // the parser knows only the table's words
      fmt::print(stderr, "svc: {}\n", svc::TrF("unknown command '{}'", o.command));
      return 2;
    }
    return ctx.CommitIfAsked(o.command, command->run(ctx, o));
  } catch (const std::exception& e) {
    // A defect, never an expected failure: still one line, still no partial write.
    fmt::print(stderr, "svc: {}\n", svc::TrF("internal error: {}", e.what()));
    return 1;
  }
}
