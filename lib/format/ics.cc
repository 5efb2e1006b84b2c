#include "format/ics.h"

#include <fmt/format.h>

namespace svc {
namespace {

constexpr size_t kLineOctets = 75;

bool IsContinuationByte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace

std::string EscapeIcsText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string FoldIcsLine(std::string_view line) {
  std::string out;
  size_t room = kLineOctets;  // the first line; a continuation's space takes one octet
  while (line.size() > room) {
    size_t cut = room;
    while (cut > 0 && IsContinuationByte(line[cut])) --cut;  // never inside a character
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    room = kLineOctets - 1;
  }
  out.append(line);
  out += "\r\n";
  return out;
}

std::string IcsUtc(const Time& t) {
  int64_t days = t.secs >= 0 ? t.secs / 86400 : (t.secs - 86399) / 86400;
  int64_t rest = t.secs - days * 86400;
  Date d = DateFromDays(days);
  return fmt::format("{}T{:02}{:02}{:02}Z", IcsDate(d), rest / 3600, rest / 60 % 60, rest % 60);
}

std::string IcsDate(const Date& d) {
  return fmt::format("{:04}{:02}{:02}", d.year, d.month, d.day);
}

void IcsWriter::Property(std::string_view name, std::string_view value) {
  out_ += FoldIcsLine(std::string(name) + ":" + std::string(value));
}

void IcsWriter::Text(std::string_view name, std::string_view text) {
  Property(name, EscapeIcsText(text));
}

}  // namespace svc
