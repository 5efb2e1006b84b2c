// The commands: one run function per command word, each in cmd_<word>.cc.
// A run function parses values, calls one library entry point and prints.
#pragma once

#include "context.h"
#include "options.h"

namespace svc::cli {

int RunInit(Context& ctx, const InitOptions& o);
int RunOpen(Context& ctx, const OpenOptions& o);
int RunShow(Context& ctx, const ShowOptions& o);
int RunList(Context& ctx, const ListOptions& o);
int RunCheck(Context& ctx);

}  // namespace svc::cli
