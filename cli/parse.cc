// The command line, bound with CLI11. No business rules here: only option
// names, value shapes and help texts.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <CLI/CLI.hpp>

#include "model/limits.h"
#include "model/vocabulary.h"
#include "options.h"

namespace svc::cli {
namespace {

// A value must not be empty: `--transport ""` is a mistake, never "0".
const CLI::Validator kNonEmpty(
    [](std::string& v) { return v.empty() ? std::string("must not be empty") : std::string(); }, "",
    "NONEMPTY");

// Help texts and accepted values come from the vocabulary (model/vocabulary.h).
// "a, b or c": the words, each with its gloss when `glosses`, `dflt` marked "(default)".
std::string Words(const Vocabulary& v, std::string_view last = " or ", bool glosses = false,
                  std::string_view dflt = {}) {
  std::string out;
  auto words = v.words();
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? last : ", ";
    out += words[i].stored;
    if (glosses && !words[i].gloss.empty()) out += fmt::format(" ({})", words[i].gloss);
    if (words[i].stored == dflt) out += " (default)";
  }
  return out;
}

// "(甲/乙/丙)": the Chinese words an option also takes.
std::string ZhWords(const Vocabulary& v) {
  std::vector<std::string_view> zh;
  for (const Word& w : v.words()) zh.push_back(w.zh);
  return fmt::format("({})", fmt::join(zh, "/"));
}

// "a|b": the words of a `--part` field.
std::string Alternatives(const Vocabulary& v) {
  return fmt::format("{}", fmt::join(v.Stored(), "|"));
}

CLI::Validator OneOf(const Vocabulary& v) {
  return CLI::IsMember(v.Stored());
}

constexpr const char* kTimeHelp =
    "ISO 8601 date-time, e.g. 2026-11-29T09:30:00+08:00; without an offset it is read in the "
    "company's time zone";

void AddGlobals(CLI::App& app, GlobalOptions& g) {
  app.add_option("-R,--records", g.records,
                 "records directory (default: $SVC_RECORDS, else the nearest folder above "
                 "holding svc.toml)");
  app.add_option("--now", g.now,
                 std::string("the clock svc judges against (also $SVC_NOW); ") + kTimeHelp);
  app.add_option("--actor", g.actor,
                 "who acts (also $SVC_ACTOR; else git's user.name; else the login name)");
  app.add_flag("--json", g.json, "machine-readable output on stdout");
  app.add_flag(
      "--no-index", g.no_index,
      "read every ticket file instead of using the cache .svc/index (also $SVC_NO_INDEX=1)");
  app.add_flag(
      "--commit", g.commit,
      "commit exactly the files the command wrote to git (also commit = true in svc.toml)");
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
  c->add_option("--quantity", f.quantity, "quantity")
      ->check(CLI::Range(1, static_cast<int>(kMaxQuantity)));
  c->add_option("--project-no", f.project_no, "project number (AB号)");
  c->add_option("--equipment-no", f.equipment_no, "equipment number");
  c->add_option("--commissioned", f.commissioned, "commissioning date, e.g. 2024-05-01");
  c->add_option("--purchased", f.purchased, "purchase date");
  c->add_option("--invoice-no", f.invoice_no, "invoice number");
  auto* d =
      c->add_option("--description", f.description, "fault description ('-': standard input)");
  c->add_option("--description-file", f.description_file,
                "read the fault description from FILE ('-': standard input)")
      ->excludes(d);
  c->add_option(
      "--received-at", f.received_at,
      std::string("when the customer's request was received (default: --at); ") + kTimeHelp);
  c->add_option("--at", f.at, std::string("when the form was filled (default: now); ") + kTimeHelp);
  c->add_option("--level", f.level, "fault level 1-4 if already known (Table 2)")
      ->check(CLI::Range(kMinLevel, kMaxLevel));
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
      ->check(OneOf(TicketStatuses()));
  c->add_option("--via", l.via, "only tickets received by this department");
  c->add_option("--since", l.since, "only tickets received at or after this date or time");
  c->add_option("--until", l.until,
                "only tickets received up to this time, or to the end of this date");
  c->add_option("--customer", l.customer, "only customers whose name contains this text");
}

// The ticket and --at every action takes.
CLI::App* Action(CLI::App& app, const char* name, const char* help, Target& t) {
  auto* c = app.add_subcommand(name, help);
  c->add_option("id", t.id, "ticket number, e.g. YX-26-11-01")->required();
  c->add_option("--at", t.at, std::string("when it really happened (default: now); ") + kTimeHelp);
  return c;
}

void SetupClassify(CLI::App& app, Options& o) {
  ClassifyOptions& f = o.classify;
  auto* c =
      Action(app, "classify",
             "judge type and fault level and route the ticket (R-4.2.1, R-4.4.1): its response", f);
  c->add_option("--kind", f.kind, Words(TicketKinds(), " or ", true))
      ->required()
      ->check(OneOf(TicketKinds()));
  c->add_option("--category", f.category, Words(Categories()))
      ->required()
      ->check(OneOf(Categories()));
  c->add_option("--level", f.level, "fault level 1-4 (Table 2)")
      ->required()
      ->check(CLI::Range(kMinLevel, kMaxLevel));
  c->add_option("--service", f.service, "kind of service (R-4.1 a-f): " + Words(Services(), ", "))
      ->check(OneOf(Services()));
  c->add_flag("--major", f.major, "a major quality problem: the general manager approves the plan");
  c->add_option("--to", f.to, "route to this department instead of the configured one");
  c->footer(
      "Routing: to the department svc.toml's [routing] names for the category (with --kind "
      "quality: the one it names for quality).\n"
      "Example:\n  svc classify YX-26-11-01 --kind support --category hardware --level 2 "
      "--service onsite-repair\n"
      "Next: svc dispatch YX-26-11-01 --tech 张伟   (or svc close ID --result completed --remote)");
}

void SetupQuality(CLI::App& app, Options& o) {
  AnalyzeOptions& a = o.analyze;
  auto* c = Action(app, "analyze",
                   "the Quality dept's cause analysis, first measures and responsibility "
                   "(R-4.2.2, R-4.5.3.1)",
                   a);
  c->add_option("--cause", a.cause, "the cause found")->required();
  c->add_option("--measures", a.measures, "first measures taken");
  c->add_option("--responsibility", a.responsibility,
                Words(Responsibility(), " or ", false, word::kUndetermined))
      ->check(OneOf(Responsibility()));
  c->add_option("--corrective", a.corrective, "corrective / preventive action");

  PlanOptions& p = o.plan;
  c = Action(app, "plan", "record the technical service plan (R-4.2.2, R-4.4.1)", p);
  auto* text = c->add_option("--text", p.text, "the plan ('-': standard input)");
  c->add_option("--file", p.file, "read the plan from FILE ('-': standard input)")->excludes(text);

  ApproveOptions& v = o.approve;
  c = Action(app, "approve",
             "review and approve the plan; a major problem needs the general manager (R-4.2.2)", v);
  c->add_option("--as", v.as, "the approver's role: " + Words(ApprovalRoles(), ", ", true))
      ->check(OneOf(ApprovalRoles()));
  c->add_option("--comment", v.comment, "review comment");
}

void SetupDispatch(CLI::App& app, Options& o) {
  DispatchOptions& d = o.dispatch;
  auto* c = Action(app, "dispatch",
                   "file an outbound service record (R-4.4.2, R-4.4.3) and prints its number; or "
                   "mark its arrival, completion, return",
                   d);
  c->add_option("--tech", d.techs, "engineer sent (repeat for several)");
  c->add_option(
       "--complexity", d.complexity,
       Words(Complexity(), " or ", true) + " repair (" + std::string(Complexity().clause()) + ")")
      ->check(OneOf(Complexity()));
  c->add_option("--dept", d.dept,
                "code of the department whose engineers go (default: the route's)");
  c->add_option("--planned", d.planned, "planned arrival on site");
  auto* arrive = c->add_flag("--arrive", d.arrive, "mark arrival on site");
  auto* finish = c->add_flag("--finish", d.finish, "mark completion on site");
  auto* back = c->add_flag("--back", d.back, "mark return to HQ");
  arrive->excludes(finish)->excludes(back);
  finish->excludes(back);
  c->add_option("--record", d.record, "the outbound record to mark (default: the latest)");
  c->add_option("--work", d.work, "with --finish: the work done");
  c->add_option("--hours", d.hours, "with --finish: hours worked, e.g. 3 or 2.5");
  c->add_option("--part", d.parts,
                fmt::format("with --finish: NAME:QTY[:UNIT_YUAN][:{}] {} a part used; with --back: "
                            "NAME:QTY[:{}] a part brought back",
                            Alternatives(UsedPartSupplies()), ZhWords(UsedPartSupplies()),
                            Alternatives(BackPartSupplies())));
  c->add_option("--signed-by", d.signed_by,
                "with --finish: who signed the record for the customer");
  c->footer(
      "Examples:\n"
      "  svc dispatch YX-26-11-01 --tech 张伟 --tech 李强 --complexity complex\n"
      "  svc dispatch YX-26-11-01 --arrive --at '2026-11-29 14:10'\n"
      "  svc dispatch YX-26-11-01 --finish --work '更换继电器' --hours 3 --part "
      "继电器:2:35.00:warranty\n"
      "  svc dispatch YX-26-11-01 --back --part 继电器:2:returned");

  WarehouseOptions& w = o.warehouse;
  c = Action(app, "warehouse",
             "book the parts an outbound record brought back into store (R-4.5.3.1)", w);
  c->add_option("--record", w.record, "the outbound record (default: the latest)");
  c->add_option("--nonconformity", w.nonconformity,
                "text of the nonconformity report for failed parts");
}

void SetupQuote(CLI::App& app, Options& o) {
  QuoteOptions& q = o.quote;
  auto* c = Action(app, "quote",
                   "compute and store the quote for paid service from the fee table (Table 1, "
                   "R-4.4.3); prints it itemised",
                   q);
  c->add_option("--people", q.people, "people sent")->check(CLI::Range(1, kMaxPeople));
  c->add_option("--days", q.days, "days on the job")->check(CLI::Range(1, kMaxDays));
  c->add_option("--transport", q.transport, "transport at actual cost, yuan (default 0)")
      ->check(kNonEmpty);
  auto* ld =
      c->add_option("--lodging-days", q.lodging_days, "lodging days per person (default: --days)")
          ->check(CLI::Range(0, kMaxDays));
  auto* md = c->add_option("--meal-days", q.meal_days, "meal days per person (default: --days)")
                 ->check(CLI::Range(0, kMaxDays));
  c->add_flag("--no-lodging", q.no_lodging, "the customer provides lodging")->excludes(ld);
  c->add_flag("--no-meals", q.no_meals, "the customer provides meals")->excludes(md);
  c->add_option("--labor-rate", q.labor_rate,
                "lowered labour rate per person per day, yuan (with --reason)")
      ->check(kNonEmpty);
  c->add_option("--reason", q.reason, "why the labour rate is lowered, or why --free/--paid");
  c->add_option("--part", q.parts,
                "material: NAME:QTY:UNIT_YUAN, or CODE:QTY priced from parts.toml (repeatable)");
  auto* fr = c->add_flag("--free", q.free,
                         "warranty or our responsibility: computed for finance, charged 0");
  c->add_flag("--paid", q.paid,
              "charge the customer although the service would be free (with --reason)")
      ->excludes(fr);
  c->add_flag("--accept", q.accept, "record the customer's acceptance of the current quote");
  c->footer(
      "Example:\n"
      "  svc quote YX-26-11-01 --people 2 --days 3 --transport 860 --part 过流继电器:2:35\n"
      "  svc quote YX-26-11-01 --accept\n"
      "Rates per person per day; lodging and meal days default to --days.");
}

void SetupClose(CLI::App& app, Options& o) {
  CloseOptions& k = o.close;
  auto* c = Action(app, "close", "close the ticket (R-4.4.1, R-4.5.1)", k);
  c->add_option("--result", k.result, Words(CloseResults()))
      ->required()
      ->check(OneOf(CloseResults()));
  c->add_flag("--remote", k.remote,
              "handled by phone or remotely: the desk verifies the result within 48 h (R-4.4.1)");
  c->add_option("--resolution", k.resolution, "how it was resolved");
  c->footer("Next: svc survey ID --satisfaction satisfied   (within 16 h, R-4.5.1)");

  VerifyOptions& v = o.verify;
  c = Action(app, "verify",
             "record the desk's check of a remote result with the customer (R-4.4.1)", v);
  c->add_option("--result", v.result, Words(VerifyResults(), " or ", false, word::kResolved))
      ->check(OneOf(VerifyResults()));
  c->add_option("--comment", v.comment, "what the customer said");

  SurveyOptions& s = o.survey;
  c = Action(app, "survey", "record the satisfaction survey, after closing (R-4.5.1)", s);
  c->add_option("--satisfaction", s.satisfaction,
                Words(Satisfaction(), ", ") + " " + ZhWords(Satisfaction()))
      ->required();
  c->add_option("--attitude", s.attitude,
                fmt::format("work attitude {}-{} {}", Attitude().words().front().stored,
                            Attitude().words().back().stored, ZhWords(Attitude())));
  c->add_option("--damage", s.damage,
                "product damage: " + Words(Damage(), ", ") + " " + ZhWords(Damage()));
  c->add_option("--cleanliness", s.cleanliness,
                "site cleanliness: " + Words(Cleanliness(), ", ") + " " + ZhWords(Cleanliness()));
  c->add_option("--comment", s.comment, "the customer's advice");
  c->add_flag("--amend", s.amend, "correct a survey already recorded (kept in history)");
}

void SetupNotes(CLI::App& app, Options& o) {
  NoteOptions& n = o.note;
  auto* c = Action(app, "note", "append a free note to the history (a call, a promise)", n);
  c->add_option("text", n.text, "the note")->required();

  VoidOptions& v = o.void_;
  c = Action(app, "void", "void a ticket; its number stays taken (R-4.5.2)", v);
  c->add_option("--reason", v.reason, "why")->required();
}

void SetupOverdue(CLI::App& app, Options& o) {
  OverdueOptions& d = o.overdue;
  auto* c = app.add_subcommand(
      "overdue",
      "every running clock past its deadline (and, with --warn, those due soon); exits 0 OK, "
      "1 due, 2 overdue, 3 unknown, like a monitoring plugin");
  c->add_option("--warn", d.warn, "also list clocks due within this duration, e.g. 2h or 30m")
      ->check(kNonEmpty);
  c->add_option("--route", d.route, "only tickets routed to this department");
  c->add_option("--via", d.via, "only tickets received by this department");
  c->add_option("--level", d.level, "only tickets of this fault level")
      ->check(CLI::Range(kMinLevel, kMaxLevel));
  c->add_option("--clock", d.clock, "only this clock")->check(OneOf(Clocks()));
  c->footer(
      "Cron, every 5 minutes:\n"
      "  */5 * * * *  svc -R /srv/service-records overdue --warn 2h || mail-the-desk\n"
      "Nagios / Icinga: command_line  svc -R $ARG1$ overdue --warn $ARG2$");
}

void SetupReport(CLI::App& app, Options& o) {
  ReportOptions& r = o.report;
  auto* c = app.add_subcommand("report", "statistics for a period (R-4.6, R-4.5.4)");
  c->add_option("--month", r.month, "a month, e.g. 2026-11");
  c->add_option("--quarter", r.quarter, "a quarter, e.g. 2026-Q4");
  c->add_option("--half", r.half, "a half year, e.g. 2026-H2");
  c->add_option("--year", r.year, "a year, e.g. 2026");
  c->add_option("--from", r.from, "first day of a period of your own");
  c->add_option("--to", r.to, "last day of a period of your own (inclusive)");
  c->add_option("--route", r.route, "one department's tickets (its half-yearly fault analysis)");
  c->add_option("--format", r.format, "text (default), md, csv or json")
      ->check(CLI::IsMember({"text", "md", "csv", "json"}));
  c->add_flag("--bom", r.bom,
              "with --format csv: start with a UTF-8 byte order mark for spreadsheets");
  c->footer(
      "Periods are half-open in the company's time zone: --month 2026-11 is from\n"
      "2026-11-01T00:00+08:00 up to, not including, 2026-12-01T00:00+08:00.\n"
      "Examples:\n  svc report --month 2026-11\n  svc report --half 2026-H2 --route SC --format "
      "md\n"
      "  svc report --quarter 2026-Q4 --format csv --bom > 2026-Q4.csv");
}

void SetupPrint(CLI::App& app, Options& o) {
  PrintOptions& p = o.print;
  auto* c =
      app.add_subcommand("print", "the procedure's paper forms (R-6, R-7), filled from the ticket");
  c->add_option("id", p.id, "ticket number, e.g. YX-26-11-01")->required();
  std::vector<std::string> forms;
  for (const Word& w : Forms().words()) {
    forms.push_back(w.zh.empty() ? std::string(w.stored) : fmt::format("{} ({})", w.stored, w.zh));
  }
  c->add_option("--form", p.form, fmt::format("{}", fmt::join(forms, ", ")))
      ->required()
      ->check(OneOf(Forms()));
  c->add_option("--format", p.format, "text (default), md or html (a print-ready A4 page)")
      ->check(CLI::IsMember({"md", "html", "text"}));
  c->add_option("--record", p.record,
                "outbound and repair forms: the outbound record (default: the latest)");
  c->footer(
      "Templates: templates/<form>.<format>.mustache in the records directory override the "
      "built-in ones.\nExample:\n  svc print YX-26-11-01 --form repair --format html > "
      "repair.html");
}

void SetupGit(CLI::App& app, Options& o) {
  MergeDriverOptions& m = o.merge_driver;
  auto* c = app.add_subcommand("merge-driver",
                               "git's merge driver for ticket files: the union of both histories");
  c->add_option("base", m.base, "%O: the common ancestor's version")->required();
  c->add_option("ours", m.ours, "%A: our version; receives the result")->required();
  c->add_option("theirs", m.theirs, "%B: their version")->required();
  c->add_option("path", m.path, "%P: the file's path in the repository")->required();
  c->footer("Registered by 'svc init' and 'svc git-setup'; git runs it, people do not.");
  app.add_subcommand("git-setup",
                     "in a clone of a records repository: register the merge driver (git config is "
                     "per clone)");
  c = app.add_subcommand("renumber",
                         "give the newer of two tickets holding one number the next free number "
                         "(after two clones numbered offline)");
  c->add_option("id", o.git.id, "the duplicated number")->required();
  c = app.add_subcommand("log", "the ticket's history as git recorded it, beside its own events");
  c->add_option("id", o.git.id, "ticket number")->required();
  c = app.add_subcommand("sync",
                         "pull (rebase), check, push; nothing is pushed when the check fails");
  c->add_flag("--merge", o.git.merge, "pull with a merge instead of a rebase");
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
  SetupClassify(app, *out);
  SetupQuality(app, *out);
  SetupDispatch(app, *out);
  SetupQuote(app, *out);
  SetupClose(app, *out);
  SetupNotes(app, *out);
  SetupOverdue(app, *out);
  SetupReport(app, *out);
  SetupPrint(app, *out);
  SetupGit(app, *out);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::string where;
    for (const auto* sub : app.get_subcommands()) where = sub->get_name();
    if (where.empty()) {
      // No command word recognised: name the word the user typed, if any.
      for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "-R" || arg == "--records" || arg == "--now" || arg == "--actor") {
          ++i;
        } else if (!arg.starts_with("-")) {
          fmt::print(stderr, "svc: unknown command '{}' (see 'svc --help' for the commands)\n",
                     arg);
          return 2;
        }
      }
    }
    fmt::print(stderr, "svc{}: {} (see 'svc {}--help')\n", where.empty() ? "" : " " + where,
               e.what(), where.empty() ? "" : where + " ");
    // svc overdue speaks the monitoring plugins' convention: 3 is UNKNOWN,
    // with the summary line a monitoring system shows.
    if (where == "overdue") {
      fmt::print("SVC UNKNOWN - bad command line: {}\n", e.what());
      return 3;
    }
    return 2;
  }
  out->command = app.get_subcommands().front()->get_name();
  return -1;
}

}  // namespace svc::cli
