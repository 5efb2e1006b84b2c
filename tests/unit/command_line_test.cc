// The command table (cli/commands.h) and the command line described as data
// (DescribeCommandLine, cli/options.h): what shell completions and man pages
// will read. Every command of the table is described, in the table's order,
// with its positionals and options and their help.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>

#include "commands.h"
#include "options.h"

namespace svc::cli {
namespace {

const OptionInfo* FindOption(const std::vector<OptionInfo>& options, std::string_view name) {
  for (const OptionInfo& o : options) {
    if (std::find(o.names.begin(), o.names.end(), name) != o.names.end()) return &o;
  }
  return nullptr;
}

TEST_CASE("command table: unique names, each with a summary, a binder and a run function") {
  std::set<std::string_view> names;
  for (const Command& c : Commands()) {
    CAPTURE(c.name);
    CHECK(names.insert(c.name).second);
    CHECK(!c.summary.empty());
    CHECK(c.summary.find('\n') == std::string_view::npos);
    CHECK(static_cast<bool>(c.bind));
    CHECK(static_cast<bool>(c.run));
    CHECK(FindCommand(c.name) == &c);
  }
  CHECK(names.size() == 49);
  CHECK(FindCommand("frob") == nullptr);
  CHECK(FindCommand("") == nullptr);
}

TEST_CASE("command line described: the table's commands in its order") {
  CommandLineInfo info = DescribeCommandLine();
  CHECK(info.description == "svc — after-sales service records, the ISO 9001 procedure's way");
  REQUIRE(info.commands.size() == Commands().size());
  for (size_t i = 0; i < info.commands.size(); ++i) {
    CAPTURE(info.commands[i].name);
    CHECK(info.commands[i].name == Commands()[i].name);
    CHECK(info.commands[i].summary == Commands()[i].summary);
    // Every command answers --help.
    const OptionInfo* help = FindOption(info.commands[i].options, "--help");
    REQUIRE(help);
    CHECK(!help->takes_value);
  }
}

TEST_CASE("command line described: globals, positionals, flags, values, repeats") {
  CommandLineInfo info = DescribeCommandLine();
  const OptionInfo* records = FindOption(info.globals, "--records");
  REQUIRE(records);
  CHECK(records->names == std::vector<std::string>{"-R", "--records"});
  CHECK(records->takes_value);
  CHECK(records->help.starts_with("records directory"));
  const OptionInfo* json = FindOption(info.globals, "--json");
  REQUIRE(json);
  CHECK(!json->takes_value);

  auto command = [&](std::string_view name) -> const CommandInfo& {
    for (const CommandInfo& c : info.commands) {
      if (c.name == name) return c;
    }
    FAIL("no command " << name);
    return info.commands.front();
  };
  const CommandInfo& show = command("show");
  const OptionInfo* id = FindOption(show.options, "id");
  REQUIRE(id);
  CHECK(id->positional);
  CHECK(id->required);
  CHECK(id->help == "ticket number, e.g. YX-26-11-01");

  const CommandInfo& dispatch = command("dispatch");
  const OptionInfo* tech = FindOption(dispatch.options, "--tech");
  REQUIRE(tech);
  CHECK(tech->repeatable);
  CHECK(tech->takes_value);
  const OptionInfo* arrive = FindOption(dispatch.options, "--arrive");
  REQUIRE(arrive);
  CHECK(!arrive->takes_value);
  CHECK(!arrive->required);
  CHECK(FindOption(dispatch.options, "--at"));  // every action says when
  // Examples come from the command table; the footer holds a command's own
  // notes only, never svc's "Start: …" (which CLI11 would copy into each).
  CHECK(dispatch.footer.empty());
  CHECK(dispatch.example.starts_with("svc dispatch "));
  for (const CommandInfo& c : info.commands) {
    CHECK_MESSAGE(c.example.find("svc " + c.name) != std::string::npos, c.name);
    CHECK_MESSAGE(c.footer.find("Start:") == std::string::npos, c.name);
    CHECK_MESSAGE(c.footer.find("Example") == std::string::npos, c.name);
  }
  CHECK(command("report").footer.starts_with("Periods are half-open"));

  const CommandInfo& classify = command("classify");
  const OptionInfo* kind = FindOption(classify.options, "--kind");
  REQUIRE(kind);
  CHECK(kind->required);
  CHECK(!kind->repeatable);

  // The values an option takes, where the parser knows them: a set, a
  // short range, a filter's hint.
  const OptionInfo* format = FindOption(command("report").options, "--format");
  REQUIRE(format);
  CHECK(format->value_name == "TEXT");
  CHECK(format->choices == std::vector<std::string>{"text", "md", "csv", "json", "html"});
  const OptionInfo* level = FindOption(classify.options, "--level");
  REQUIRE(level);
  CHECK(level->choices == std::vector<std::string>{"1", "2", "3", "4"});
  CHECK(kind->choices == std::vector<std::string>{"support", "quality"});
  const OptionInfo* status = FindOption(command("list").options, "--status");
  REQUIRE(status);
  CHECK(std::find(status->choices.begin(), status->choices.end(), "closed") !=
        status->choices.end());
  CHECK(FindOption(command("open").options, "--customer")->choices.empty());
  CHECK(!FindOption(command("completion").options, "shell")->choices.empty());
  CHECK(FindOption(command("man").options, "--output")->value_name == "DIR");

  // A command with verbs: each verb with its own options.
  const CommandInfo& customer = command("customer");
  REQUIRE(customer.verbs.size() == 4);
  CHECK(customer.verbs[0].name == "add");
  CHECK(!customer.verbs[0].summary.empty());
  CHECK(FindOption(customer.verbs[0].options, "--alias"));
  CHECK(FindOption(customer.verbs[0].options, "name")->positional);
  CHECK(!FindOption(customer.verbs[1].options, "--alias"));  // show
  CHECK(command("report").verbs.empty());

  CHECK(command("git-setup").options.size() ==
        5);  // -h,--help, --server, --prefix, --sign, --allow
}

}  // namespace
}  // namespace svc::cli

#include "render.h"

TEST_CASE("render: durations for people, to the minute; past a day in days and hours") {
  using svc::cli::Minutes;
  CHECK(Minutes(0) == "0m");
  CHECK(Minutes(59) == "0m");
  CHECK(Minutes(125 * 60 + 30) == "2h5m");
  CHECK(Minutes(24 * 3600 - 60) == "23h59m");
  CHECK(Minutes(24 * 3600) == "1d");
  CHECK(Minutes(167 * 3600 + 9 * 60) == "6d23h9m");
  CHECK(Minutes(2 * 86400 + 30 * 60) == "2d30m");
  CHECK(Minutes(-(30 * 3600)) == "-1d6h");
}
