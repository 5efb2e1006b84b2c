// The shell completion scripts, from the described command line.
#include "completion.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string_view>

namespace svc::cli {
namespace {

// The options that take no part in a command's own list: the globals'
// --help and --version (every command has its own -h, --help).
bool TopLevelOnly(const OptionInfo& o) {
  for (const std::string& n : o.names) {
    if (n == "--help" || n == "--version") return true;
  }
  return false;
}

// Whether the value is a folder (-R, --output) or a file (--file, a KEY).
bool TakesDir(const OptionInfo& o) {
  return o.value_name == "DIR" || o.names.back() == "--records" || o.names.back() == "dir";
}
bool TakesFile(const OptionInfo& o) {
  return o.value_name == "KEY" || o.names.back().find("file") != std::string::npos;
}

// The levels completions know: a command, or a command's verb.
struct Level {
  std::string command, verb;  // verb empty: the command itself
  const std::vector<OptionInfo>* options;
};

std::vector<Level> Levels(const CommandLineInfo& info) {
  std::vector<Level> out;
  for (const CommandInfo& c : info.commands) {
    out.push_back({c.name, "", &c.options});
    for (const CommandInfo& v : c.verbs) out.push_back({c.name, v.name, &v.options});
  }
  return out;
}

// ---- bash

std::string BashQuote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string Names(const std::vector<OptionInfo>& options, bool values_only, bool all_globals) {
  std::vector<std::string> names;
  for (const OptionInfo& o : options) {
    if (o.positional || (values_only && !o.takes_value)) continue;
    if (!all_globals && TopLevelOnly(o)) continue;
    names.insert(names.end(), o.names.begin(), o.names.end());
  }
  return fmt::format("{}", fmt::join(names, " "));
}

}  // namespace

std::string BashCompletion(const CommandLineInfo& info, const std::string& version) {
  std::string verbs, options, values, choices;
  for (const CommandInfo& c : info.commands) {
    if (c.verbs.empty()) continue;
    std::vector<std::string> names;
    for (const CommandInfo& v : c.verbs) names.push_back(v.name);
    verbs += fmt::format("    {}) echo {} ;;\n", c.name,
                         BashQuote(fmt::format("{}", fmt::join(names, " "))));
  }
  for (const Level& l : Levels(info)) {
    std::string key = l.command + "/" + l.verb;
    options += fmt::format("    {}) echo {} ;;\n", key, BashQuote(Names(*l.options, false, true)));
    std::string v = Names(*l.options, true, true);
    if (!v.empty()) values += fmt::format("    {}) echo {} ;;\n", key, BashQuote(v));
    int position = 0;
    for (const OptionInfo& o : *l.options) {
      std::string which = o.positional ? fmt::format("#{}", ++position) : "";
      if (o.choices.empty()) continue;
      std::string words = BashQuote(fmt::format("{}", fmt::join(o.choices, " ")));
      if (o.positional) {
        choices += fmt::format("    {}/{}) echo {} ;;\n", key, which, words);
      } else {
        for (const std::string& n : o.names) {
          choices += fmt::format("    {}/{}) echo {} ;;\n", key, n, words);
        }
      }
    }
  }
  for (const OptionInfo& o : info.globals) {
    if (o.choices.empty()) continue;
    for (const std::string& n : o.names) {
      choices += fmt::format("    */*/{}) echo {} ;;\n", n,
                             BashQuote(fmt::format("{}", fmt::join(o.choices, " "))));
    }
  }
  std::vector<std::string> commands, ticket_commands;
  for (const CommandInfo& c : info.commands) {
    commands.push_back(c.name);
    // Its first argument a ticket number: completed from `svc list`.
    for (const OptionInfo& o : c.options) {
      if (!o.positional) continue;
      if (o.help.starts_with("ticket number")) ticket_commands.push_back(c.name);
      break;
    }
  }

  return fmt::format(
      R"svc(# bash completion for svc(1), made by `svc completion bash` (svc {version})
# from svc's own command line: regenerate it, do not edit it.

# The verbs of a command ($1).
_svc_verbs() {{
  case $1 in
{verbs}  esac
}}

# The options of command $1 (verb $2).
_svc_options() {{
  case $1/$2 in
{options}  esac
}}

# Those of its options that take a value.
_svc_values() {{
  case $1/$2 in
{values}  esac
}}

# The values option $3 (or positional #N) of command $1 (verb $2) takes.
_svc_choices() {{
  case $1/$2/$3 in
{choices}  esac
}}

_svc() {{
  local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}}
  local commands={commands}
  local globals={globals} after={after}
  local global_values=' {global_values} ' tickets=' {tickets} '
  local cmd='' verb='' verbs='' w i skip='' npos=0 choices records=()
  COMPREPLY=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=${{COMP_WORDS[i]}}
    if [[ -n $skip ]]; then
      [[ $skip == R ]] && records=(-R "$w")
      skip=''
      continue
    fi
    if [[ $w == -R || $w == --records ]]; then
      skip=R
    elif [[ $w == -* ]]; then
      if [[ $global_values == *" $w "* || " $(_svc_values "$cmd" "$verb") " == *" $w "* ]]; then
        skip=1
      fi
    elif [[ -z $cmd ]]; then
      cmd=$w verbs=$(_svc_verbs "$w")
    elif [[ -z $verb && $npos -eq 0 && " $verbs " == *" $w "* ]]; then
      verb=$w
    else
      ((npos++))
    fi
  done
  if [[ -n $skip ]]; then  # the value of option $prev
    case $prev in
      -R | --records | --output) COMPREPLY=($(compgen -d -- "$cur")) ;;
      *)
        choices=$(_svc_choices "$cmd" "$verb" "$prev")
        [[ -n $choices ]] && COMPREPLY=($(compgen -W "$choices" -- "$cur"))
        ;;
    esac
    return 0
  fi
  if [[ -z $cmd ]]; then
    if [[ $cur == -* ]]; then
      COMPREPLY=($(compgen -W "$globals" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "$commands" -- "$cur"))
    fi
  elif [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_svc_options "$cmd" "$verb") $after" -- "$cur"))
  elif [[ -n $verbs && -z $verb && $npos -eq 0 ]]; then
    COMPREPLY=($(compgen -W "$verbs" -- "$cur"))
  else
    choices=$(_svc_choices "$cmd" "$verb" "#$((npos + 1))")
    if [[ -z $choices && -z $verb && $npos -eq 0 && $tickets == *" $cmd "* ]]; then
      # The ticket numbers of the records directory, as svc list gives them.
      choices=$("${{COMP_WORDS[0]}}" "${{records[@]}}" list 2>/dev/null |
        awk '$1 ~ /^[A-Z]+-[0-9]+-[0-9]+-[0-9]+$/ {{print $1}}')
    fi
    [[ -n $choices ]] && COMPREPLY=($(compgen -W "$choices" -- "$cur"))
  fi
  return 0
}}

complete -o bashdefault -o default -F _svc svc
)svc",
      fmt::arg("version", version), fmt::arg("verbs", verbs), fmt::arg("options", options),
      fmt::arg("values", values), fmt::arg("choices", choices),
      fmt::arg("commands", BashQuote(fmt::format("{}", fmt::join(commands, " ")))),
      fmt::arg("globals", BashQuote(Names(info.globals, false, true))),
      fmt::arg("after", BashQuote(Names(info.globals, false, false))),
      fmt::arg("global_values", Names(info.globals, true, true)),
      fmt::arg("tickets", fmt::join(ticket_commands, " ")));
}

namespace {

// ---- zsh

// Text inside a single-quoted _arguments spec's [description].
std::string ZshDescription(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else if (c == '[' || c == ']' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

// "name:description" of _describe, single-quoted.
std::string ZshItem(std::string_view name, std::string_view description) {
  std::string d = ZshDescription(description);
  std::string out;
  for (char c : d) {
    if (c == ':') out += '\\';
    out += c;
  }
  return fmt::format("'{}:{}'", name, out);
}

std::string ZshAction(const OptionInfo& o) {
  if (!o.choices.empty()) return fmt::format("({})", fmt::join(o.choices, " "));
  if (TakesDir(o)) return "_files -/";
  if (TakesFile(o)) return "_files";
  return " ";
}

std::string ZshSpec(const OptionInfo& o) {
  std::string message = o.value_name.empty() ? o.names.front() : o.value_name;
  for (char& c : message) {
    if (c == ':') c = ' ';
  }
  if (o.positional) {
    std::string lead = o.repeatable ? "*" : o.required ? "" : ":";
    return fmt::format("'{}:{}:{}'", lead, message, ZshAction(o));
  }
  std::string spec;
  if (o.names.size() > 1) {
    spec = o.repeatable ? "'*'" : fmt::format("'({})'", fmt::join(o.names, " "));
    spec += fmt::format("{{{}}}'", fmt::join(o.names, ","));
  } else {
    spec = o.repeatable ? "'*" + o.names.front() : "'" + o.names.front();
  }
  spec += "[" + ZshDescription(o.help) + "]";
  if (o.takes_value) spec += ":" + message + ":" + ZshAction(o);
  return spec + "'";
}

std::string ZshSpecs(const std::vector<OptionInfo>& options, std::string_view indent) {
  std::string out;
  for (const OptionInfo& o : options) out += fmt::format(" \\\n{}{}", indent, ZshSpec(o));
  return out;
}

}  // namespace

std::string ZshCompletion(const CommandLineInfo& info, const std::string& version) {
  std::string globals, after, commands, cases;
  for (const OptionInfo& o : info.globals) {
    globals += "\n    " + ZshSpec(o);
    if (!TopLevelOnly(o)) after += "\n    " + ZshSpec(o);
  }
  for (const CommandInfo& c : info.commands) {
    commands += "\n        " + ZshItem(c.name, c.summary);
    std::string own =
        fmt::format("_arguments -S $after{} && ret=0", ZshSpecs(c.options, "            "));
    if (c.verbs.empty()) {
      cases += fmt::format("        {})\n          {}\n          ;;\n", c.name, own);
      continue;
    }
    std::string items, verb_cases;
    for (const CommandInfo& v : c.verbs) {
      items += " " + ZshItem(v.name, v.summary);
      verb_cases += fmt::format(
          "            {})\n              shift words\n              (( CURRENT-- ))\n"
          "              _arguments -S $after{} && ret=0\n              ;;\n",
          v.name, ZshSpecs(v.options, "                "));
    }
    cases += fmt::format(
        "        {name})\n"
        "          if (( CURRENT == 2 )) && [[ $PREFIX != -* ]]; then\n"
        "            local -a verbs=({items})\n"
        "            _describe -t verbs 'svc {name} command' verbs && ret=0\n"
        "          else\n"
        "            case $words[2] in\n"
        "{verb_cases}"
        "            *)\n"
        "              {own}\n"
        "              ;;\n"
        "            esac\n"
        "          fi\n"
        "          ;;\n",
        fmt::arg("name", c.name), fmt::arg("items", items), fmt::arg("verb_cases", verb_cases),
        fmt::arg("own", own));
  }
  return fmt::format(
      R"svc(#compdef svc
# zsh completion for svc(1), made by `svc completion zsh` (svc {version})
# from svc's own command line: regenerate it, do not edit it.

_svc() {{
  local curcontext=$curcontext state line ret=1
  local -a globals after
  globals=({globals}
  )
  after=({after}
  )
  _arguments -C -S $globals ': :->command' '*:: :->args' && ret=0
  case $state in
    command)
      local -a commands
      commands=({commands}
      )
      _describe -t commands 'svc command' commands && ret=0
      ;;
    args)
      curcontext=${{curcontext%:*:*}}:svc-$words[1]:
      case $words[1] in
{cases}      esac
      ;;
  esac
  return ret
}}

_svc "$@"
)svc",
      fmt::arg("version", version), fmt::arg("globals", globals), fmt::arg("after", after),
      fmt::arg("commands", commands), fmt::arg("cases", cases));
}

namespace {

// ---- fish

std::string FishQuote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out + "'";
}

// One `complete` line for an option, under `condition` (empty: anywhere).
std::string FishOption(const OptionInfo& o, std::string_view condition) {
  std::string line = "complete -c svc";
  if (!condition.empty()) line += " -n " + FishQuote(condition);
  for (const std::string& n : o.names) {
    if (n.starts_with("--")) {
      line += " -l " + n.substr(2);
    } else {
      line += " -s " + n.substr(1);
    }
  }
  if (o.takes_value) {
    if (!o.choices.empty()) {
      line += " -x -a " + FishQuote(fmt::format("{}", fmt::join(o.choices, " ")));
    } else if (TakesDir(o)) {
      line += " -x -a '(__fish_complete_directories)'";
    } else if (TakesFile(o)) {
      line += " -r -F";
    } else {
      line += " -x";
    }
  }
  return line + " -d " + FishQuote(o.help) + "\n";
}

std::string FishLevel(const std::vector<OptionInfo>& options, std::string_view condition) {
  std::string out;
  for (const OptionInfo& o : options) {
    if (!o.positional) {
      out += FishOption(o, condition);
    } else if (!o.choices.empty()) {
      out +=
          fmt::format("complete -c svc -n {} -a {} -d {}\n", FishQuote(condition),
                      FishQuote(fmt::format("{}", fmt::join(o.choices, " "))), FishQuote(o.help));
    }
  }
  return out;
}

}  // namespace

std::string FishCompletion(const CommandLineInfo& info, const std::string& version) {
  std::vector<std::string> global_values;
  for (const OptionInfo& o : info.globals) {
    if (o.takes_value) global_values.insert(global_values.end(), o.names.begin(), o.names.end());
  }
  std::string out = fmt::format(
      R"svc(# fish completion for svc(1), made by `svc completion fish` (svc {version})
# from svc's own command line: regenerate it, do not edit it.

# The words typed after svc that are neither options nor the globals' values.
function __svc_words
    set -l skip 0
    set -l toks (commandline -opc)
    set -e toks[1]
    for t in $toks
        if test $skip = 1
            set skip 0
            continue
        end
        switch $t
            case {global_values}
                set skip 1
            case '-*'
            case '*'
                echo $t
        end
    end
end

function __svc_no_command
    test (count (__svc_words)) -eq 0
end

# At command $argv[1] (and, if given, its verb $argv[2]).
function __svc_at
    set -l w (__svc_words)
    test "$w[1]" = "$argv[1]"; or return 1
    set -q argv[2]; or return 0
    test "$w[2]" = "$argv[2]"
end

# At command $argv[1], its verb not typed yet.
function __svc_needs_verb
    set -l w (__svc_words)
    test "$w[1]" = "$argv[1]"; and test (count $w) -eq 1
end

complete -c svc -f
)svc",
      fmt::arg("version", version), fmt::arg("global_values", fmt::join(global_values, " ")));
  for (const OptionInfo& o : info.globals) out += FishOption(o, "");
  for (const CommandInfo& c : info.commands) {
    out += fmt::format("\n# svc {}\ncomplete -c svc -n __svc_no_command -a {} -d {}\n", c.name,
                       c.name, FishQuote(c.summary));
    std::vector<OptionInfo> own;
    for (const OptionInfo& o : c.options) {
      if (!TopLevelOnly(o)) own.push_back(o);
    }
    out += FishLevel(own, "__svc_at " + c.name);
    for (const CommandInfo& v : c.verbs) {
      out += fmt::format("complete -c svc -n {} -a {} -d {}\n",
                         FishQuote("__svc_needs_verb " + c.name), v.name, FishQuote(v.summary));
      std::vector<OptionInfo> verb_own;
      for (const OptionInfo& o : v.options) {
        if (!TopLevelOnly(o)) verb_own.push_back(o);
      }
      out += FishLevel(verb_own, "__svc_at " + c.name + " " + v.name);
    }
  }
  return out;
}

}  // namespace svc::cli
