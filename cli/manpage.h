// The manual pages, svc(1) and one svc-COMMAND(1) per command, in roff
// (man(7)), made from the command line as parse.cc describes it
// (DescribeCommandLine): the same options and help texts as --help.
#pragma once

#include <string>
#include <vector>

#include "options.h"

namespace svc::cli {

struct ManPage {
  std::string file;  // "svc.1", "svc-open.1"
  std::string text;  // roff
};

// svc(1): synopsis, global options, every command with its summary, exit
// status, environment, files, see also.
ManPage MainManPage(const CommandLineInfo& info, const std::string& version);
// svc-COMMAND(1): its arguments and options (each verb's too), examples.
ManPage CommandManPage(const CommandLineInfo& info, const CommandInfo& command,
                       const std::string& version);
// svc(1), then every command's page in the table's order.
std::vector<ManPage> ManPages(const CommandLineInfo& info, const std::string& version);

}  // namespace svc::cli
