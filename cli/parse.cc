// The command line, bound with CLI11. No business rules here: only option
// names, value shapes and help texts.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "options.h"

namespace svc::cli {
namespace {

constexpr const char* kTimeHelp =
    "ISO 8601 date-time, e.g. 2026-11-29T09:30:00+08:00; without an offset it is read in the "
    "company's time zone";

void AddGlobals(CLI::App& app, GlobalOptions& g) {
  app.add_option("-R,--records", g.records,
                 "records directory (default: $SVC_RECORDS, else the nearest folder above "
                 "holding svc.toml)");
  app.add_option("--now", g.now, std::string("the clock svc judges against (also $SVC_NOW); ") +
                                     kTimeHelp);
  app.add_option("--actor", g.actor,
                 "who acts (also $SVC_ACTOR; else git's user.name; else the login name)");
  app.add_flag("--json", g.json, "machine-readable output on stdout");
}

void SetupInit(CLI::App& app, Options& o) {
  auto* c = app.add_subcommand("init", "create a records directory (refuses to overwrite one)");
  c->add_option("dir", o.init.dir, "folder to create or fill (default: the current folder)");
  c->footer("Example:\n  svc init service-records && cd service-records && git init");
}

void SetupOpen(CLI::App& app, Options& o) {
  auto* c = app.add_subcommand(
      "open", "fill the After-sales Information Processing Form (R-4.2.1); prints the new number");
  OpenOptions& f = o.open;
  c->add_option("--via", f.via, "code of the department that received the request (e.g. YX)")
      ->required();
  c->add_option("--customer", f.customer, "customer (company) name")->required();
  c->add_option("--contact", f.contact, "contact person");
  c->add_option("--title", f.title, "the contact's title");
  c->add_option("--phone", f.phone, "phone");
  c->add_option("--address", f.address, "address");
  c->add_option("--product", f.product, "product / equipment type");
  c->add_option("--model", f.model, "model");
  c->add_option("--size", f.size, "type and size (规格)");
  c->add_option("--serial", f.serial, "serial number");
  c->add_option("--quantity", f.quantity, "quantity")->check(CLI::Range(1, 1000000));
  c->add_option("--project-no", f.project_no, "project number (AB号)");
  c->add_option("--equipment-no", f.equipment_no, "equipment number");
  c->add_option("--commissioned", f.commissioned, "commissioning date, e.g. 2024-05-01");
  c->add_option("--purchased", f.purchased, "purchase date");
  c->add_option("--invoice-no", f.invoice_no, "invoice number");
  auto* d = c->add_option("--description", f.description, "fault description ('-': standard input)");
  c->add_option("--description-file", f.description_file,
                "read the fault description from FILE ('-': standard input)")
      ->excludes(d);
  c->add_option("--received-at", f.received_at,
                std::string("when the customer's request was received (default: --at); ") +
                    kTimeHelp);
  c->add_option("--at", f.at, std::string("when the form was filled (default: now); ") + kTimeHelp);
  c->add_option("--level", f.level, "fault level 1-4 if already known (Table 2)")
      ->check(CLI::Range(1, 4));
  c->footer(
      "Example:\n"
      "  svc open --via YX --customer 华东电网 --phone 021-5555 --product 配电柜 \\\n"
      "           --description '主开关跳闸' --received-at '2026-11-29 09:05'\n"
      "Next: svc classify ID --kind support --category hardware --level 2");
}

void SetupShow(CLI::App& app, Options& o) {
  auto* c = app.add_subcommand("show", "the whole ticket: form, state, clocks and history");
  c->add_option("id", o.show.id, "ticket number, e.g. YX-26-11-01")->required();
}

void SetupList(CLI::App& app, Options& o) {
  auto* c = app.add_subcommand("list", "one line per ticket, in number order");
  ListOptions& l = o.list;
  c->add_option("--status", l.status, "only tickets in this status")
      ->check(CLI::IsMember({"new", "open", "closed", "void"}));
  c->add_option("--via", l.via, "only tickets received by this department");
  c->add_option("--since", l.since, "only tickets received at or after this date or time");
  c->add_option("--until", l.until,
                "only tickets received up to this time, or to the end of this date");
  c->add_option("--customer", l.customer, "only customers whose name contains this text");
}

void SetupCheck(CLI::App& app) {
  app.add_subcommand("check", "validate the whole records directory; exit 1 if problems are found");
}

}  // namespace

int ParseCommandLine(int argc, char** argv, Options* out) {
  CLI::App app("svc — after-sales service records, the ISO 9001 procedure's way", "svc");
  app.set_version_flag("--version", std::string("svc ") + SVC_VERSION);
  app.require_subcommand(1, 1);
  app.fallthrough();
  app.footer(
      "Start:  svc init records && svc -R records open --via YX --customer NAME\n"
      "Help on one command: svc COMMAND --help");
  AddGlobals(app, out->global);
  SetupInit(app, *out);
  SetupOpen(app, *out);
  SetupShow(app, *out);
  SetupList(app, *out);
  SetupCheck(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::string where;
    for (const auto* sub : app.get_subcommands()) where = sub->get_name();
    fmt::print(stderr, "svc{}: {} (see 'svc {}--help')\n", where.empty() ? "" : " " + where,
               e.what(), where.empty() ? "" : where + " ");
    return 2;
  }
  out->command = app.get_subcommands().front()->get_name();
  return -1;
}

}  // namespace svc::cli
