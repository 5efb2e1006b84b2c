// The manual pages in roff (man(7)), from the described command line.
#include "manpage.h"

#include <fmt/format.h>

#include <string_view>

namespace svc::cli {
namespace {

// Text as roff reads it literally: a backslash is \e, a hyphen \- (so that
// options copy and search as typed), and a line that would start with a
// control character ('.' or ''') starts with \& instead.
std::string Roff(std::string_view text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    line_start = c == '\n';
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
  }
  return out;
}

// One paragraph of filled text: newlines in a help text become spaces.
std::string Para(std::string_view text) {
  std::string one(text);
  for (char& c : one) {
    if (c == '\n') c = ' ';
  }
  return Roff(one);
}

std::string Bold(std::string_view s) {
  return "\\fB" + Roff(s) + "\\fR";
}

std::string Italic(std::string_view s) {
  return "\\fI" + Roff(s) + "\\fR";
}

// "-R, --records DIR": the option's names in bold, its value in italics.
std::string OptionHead(const OptionInfo& o) {
  if (o.positional) return Italic(o.names.front());
  std::string head;
  for (const std::string& name : o.names) {
    if (!head.empty()) head += ", ";
    head += Bold(name);
  }
  if (o.takes_value) head += " " + Italic(o.value_name.empty() ? "VALUE" : o.value_name);
  return head;
}

std::string OptionBody(const OptionInfo& o) {
  std::string body = Para(o.help);
  // The marks --help shows by the option's name, unless its help says so.
  if (o.required && !o.positional && o.help.find("required") == std::string::npos) {
    body += " (required)";
  }
  if (o.repeatable && !o.positional && o.help.find("repeat") == std::string::npos) {
    body += " (repeatable)";
  }
  return body;
}

// .TP paragraphs, one per option.
std::string OptionList(const std::vector<OptionInfo>& options, bool positional) {
  std::string out;
  for (const OptionInfo& o : options) {
    if (o.positional != positional) continue;
    out += ".TP\n" + OptionHead(o) + "\n" + OptionBody(o) + "\n";
  }
  return out;
}

bool HasPositional(const std::vector<OptionInfo>& options) {
  for (const OptionInfo& o : options) {
    if (o.positional) return true;
  }
  return false;
}

// "svc open --via TEXT [OPTIONS]": the words, the required options, the positionals.
std::string SynopsisLine(std::string_view words, const std::vector<OptionInfo>& options) {
  std::string line = Bold(words);
  for (const OptionInfo& o : options) {
    if (!o.positional && o.required) line += " " + OptionHead(o);
  }
  line += " [" + Italic("OPTIONS") + "]";
  for (const OptionInfo& o : options) {
    if (!o.positional) continue;
    std::string arg = Italic(o.names.front());
    if (o.repeatable) arg += " ...";
    line += " " + (o.required ? arg : "[" + arg + "]");
  }
  return line + "\n";
}

// A section of lines kept as written (a help footer's notes, the examples).
std::string Verbatim(std::string_view section, std::string_view text) {
  if (text.empty()) return "";
  return fmt::format(".SH {}\n.nf\n{}\n.fi\n", section, Roff(text));
}

std::string Header(std::string_view name, const std::string& version) {
  std::string upper(name);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return fmt::format(".TH {} 1 \"\" \"svc {}\" \"svc manual\"\n", Roff(upper), Roff(version));
}

std::string_view Tagline(const CommandLineInfo& info) {
  std::string_view d = info.description;
  constexpr std::string_view kPrefix = "svc — ";
  if (d.starts_with(kPrefix)) d.remove_prefix(kPrefix.size());
  return d;
}

constexpr const char* kDescription =
    "svc keeps an electrical-equipment company's after-sales service records as its procedure "
    "prescribes: an info form for every customer call, routed, dispatched under numbered "
    "outbound service records, quoted from the fee table, closed and surveyed, with every time "
    "limit known. The records are plain TOML files in a directory that lives in git: one ticket "
    "per file, its history appended and never rewritten.";

constexpr const char* kExitStatus =
    ".TP\n.B 0\nsuccess\n"
    ".TP\n.B 1\nany other failure: an unknown ticket, an action the ticket's state does not "
    "allow, unreadable records (one line on standard error says what and why; nothing is "
    "written)\n"
    ".TP\n.B 2\na bad command line: an unknown option, a bad value\n"
    ".PP\n\\fBsvc overdue\\fR follows the monitoring plugins' convention: 0 nothing due, 1 "
    "something due within \\fB\\-\\-warn\\fR, 2 something overdue, 3 the check itself failed (a "
    "bad command line included). \\fBsvc check\\fR, \\fBsvc audit\\fR and \\fBsvc log\\fR exit 1 "
    "when they find problems.\n";

// The variables svc reads (cli/context.cc).
constexpr const char* kEnvironment =
    ".TP\n.B SVC_RECORDS\nthe records directory when \\fB\\-R\\fR is not given\n"
    ".TP\n.B SVC_NOW\nthe clock svc judges against when \\fB\\-\\-now\\fR is not given\n"
    ".TP\n.B SVC_ACTOR\nwho acts when \\fB\\-\\-actor\\fR is not given (else git's user.name, "
    "else the login name, \\fBUSER\\fR)\n"
    ".TP\n.B SVC_NO_INDEX\nset to 1: read every ticket file instead of the cache, as "
    "\\fB\\-\\-no\\-index\\fR\n"
    ".TP\n.B NO_COLOR\nset (non\\-empty): no colour, even on a terminal (\\fBsvc overdue\\fR "
    "colours overdue clocks red and due ones yellow only when standard output is a terminal)\n"
    ".TP\n.B TERM\n\\fBdumb\\fR: no progress line on standard error, no colour\n"
    ".TP\n.B TMPDIR\nwhere the pre\\-receive hook writes the pushed records out for its check "
    "(else /dev/shm, else /tmp), and where signature checks keep a scratch allowed_signers\n";

constexpr const char* kFiles =
    ".TP\n.I svc.toml\nthe company's configuration: departments, codes, routing, fee "
    "schedules, time limits, time zone; found in the records directory\n"
    ".TP\n.I tickets/YYYY/MM/CODE\\-yy\\-mm\\-NN.toml\none ticket per file, in the month of "
    "receipt\n"
    ".TP\n.I outbound/YYYY/MM/SC\\-yy\\-mm\\-NN.toml\nthe outbound service records' registry\n"
    ".TP\n.I customers/K0001.toml\none customer file with its equipment\n"
    ".TP\n.I visits/, nonconformities/, advances/, writeoffs/, training/, plans/\nthe other "
    "records, each in the month (or year) of its number\n"
    ".TP\n.I parts.toml\nthe spare\\-parts price list (optional)\n"
    ".TP\n.I templates/\nthe company's own form templates, overriding the built\\-in ones "
    "(optional)\n"
    ".TP\n.I .svc/lock, .svc/index, .svc/journal\nthe lock, the scan cache and the intent "
    "journal (local, ignored by git)\n";

}  // namespace

ManPage MainManPage(const CommandLineInfo& info, const std::string& version) {
  std::string t = Header("svc", version);
  t += ".SH NAME\nsvc \\- " + Para(Tagline(info)) + "\n";
  t += ".SH SYNOPSIS\n" + Bold("svc") + " [" + Italic("GLOBAL OPTIONS") + "] " + Italic("COMMAND") +
       " [" + Italic("ARGUMENTS") + "]\n.br\n" + Bold("svc") + " " + Italic("COMMAND") + " " +
       Bold("--help") + "\n.br\n" + Bold("svc --version") + "\n";
  t += ".SH DESCRIPTION\n" + Para(kDescription) + "\n";
  t += ".PP\nEach command has a page of its own, " + Bold("svc-COMMAND") +
       "(1), with its options and examples; " + Bold("svc COMMAND --help") + " prints the same.\n";
  t += ".SH GLOBAL OPTIONS\nValid before or after the command word.\n" +
       OptionList(info.globals, false);
  t += ".SH COMMANDS\n";
  for (const CommandInfo& c : info.commands) {
    t += ".TP\n" + Bold("svc " + c.name);
    for (size_t i = 0; i < c.verbs.size(); ++i) {
      t += (i == 0 ? " " : "|") + Bold(c.verbs[i].name);
    }
    t += "\n" + Para(c.summary) + "; see " + Bold("svc-" + c.name) + "(1).\n";
  }
  t += ".SH EXIT STATUS\n" + std::string(kExitStatus);
  t += ".SH ENVIRONMENT\n" + std::string(kEnvironment);
  t += ".SH FILES\nIn the records directory:\n" + std::string(kFiles);
  t += ".SH SEE ALSO\n.nh\n" + Bold("git") + "(1)";
  for (const CommandInfo& c : info.commands) t += ",\n" + Bold("svc-" + c.name) + "(1)";
  t += "\n";
  return {"svc.1", t};
}

ManPage CommandManPage(const CommandLineInfo& info, const CommandInfo& command,
                       const std::string& version) {
  std::string t = Header("svc-" + command.name, version);
  t += ".SH NAME\n" + Roff("svc-" + command.name) + " \\- " + Para(command.summary) + "\n";
  t += ".SH SYNOPSIS\n";
  std::string lines;
  if (command.verbs.empty() || HasPositional(command.options)) {
    lines += SynopsisLine("svc " + command.name, command.options);
  }
  for (const CommandInfo& v : command.verbs) {
    if (!lines.empty()) lines += ".br\n";
    lines += SynopsisLine("svc " + command.name + " " + v.name, v.options);
  }
  t += lines;
  t += ".SH DESCRIPTION\n" + Para(command.summary) + ".\n";
  if (HasPositional(command.options)) {
    t += ".SH ARGUMENTS\n" + OptionList(command.options, true);
  }
  t += ".SH OPTIONS\n" + OptionList(command.options, false);
  if (!command.verbs.empty()) {
    t += ".SH COMMANDS\n";
    for (const CommandInfo& v : command.verbs) {
      t += ".SS \"" + Roff("svc " + command.name + " " + v.name) + "\"\n" + Para(v.summary) + ".\n";
      t += OptionList(v.options, true) + OptionList(v.options, false);
      if (!v.footer.empty()) t += ".PP\n.nf\n" + Roff(v.footer) + "\n.fi\n";
    }
  }
  t += Verbatim("NOTES", command.footer);
  t += Verbatim("EXAMPLES", command.example);
  // The globals a command takes (its own -h, --help is above; --version is svc's alone).
  std::vector<OptionInfo> globals;
  for (const OptionInfo& o : info.globals) {
    if (o.names.back() != "--help" && o.names.back() != "--version") globals.push_back(o);
  }
  t += ".SH GLOBAL OPTIONS\nValid before or after the command word; see " + Bold("svc") + "(1).\n" +
       OptionList(globals, false);
  t += ".SH SEE ALSO\n" + Bold("svc") + "(1)\n";
  return {"svc-" + command.name + ".1", t};
}

std::vector<ManPage> ManPages(const CommandLineInfo& info, const std::string& version) {
  std::vector<ManPage> pages{MainManPage(info, version)};
  for (const CommandInfo& c : info.commands) pages.push_back(CommandManPage(info, c, version));
  return pages;
}

}  // namespace svc::cli
