// Colour on a terminal only (PRODUCT.md, "Everyday use"): overdue in red,
// due in yellow — never when NO_COLOR is set (no-color.org: any non-empty
// value), when the stream is not a terminal (a pipe, a file, cron), or on
// TERM=dumb.
#pragma once

#include <string>
#include <string_view>

namespace svc::cli {

// Whether output to file descriptor `fd` may be coloured.
bool ColourOn(int fd);

enum class Colour { kRed, kYellow };

// `line` (without its newline) in `colour` when `on`, else as it is.
std::string Paint(std::string_view line, Colour colour, bool on);

}  // namespace svc::cli
