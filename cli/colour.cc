#include "colour.h"

#include <unistd.h>

#include <cstdlib>

namespace svc::cli {

bool ColourOn(int fd) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string_view(term) == "dumb") return false;
  return ::isatty(fd) == 1;
}

std::string Paint(std::string_view line, Colour colour, bool on) {
  if (!on) return std::string(line);
  std::string out = colour == Colour::kRed ? "\033[31m" : "\033[33m";
  out += line;
  out += "\033[0m";
  return out;
}

}  // namespace svc::cli
