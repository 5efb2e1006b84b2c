// The parsed command line: one plain struct per command, filled by parse.cc
// (the only file that sees CLI11) and read by the cmd_*.cc run functions;
// and the command line described as data (DescribeCommandLine).
#pragma once

#include <string>
#include <vector>

namespace svc::cli {

struct GlobalOptions {
  std::string records;    // -R, --records
  std::string now;        // --now
  std::string actor;      // --actor
  bool json = false;      // --json
  bool commit = false;    // --commit
  bool no_index = false;  // --no-index
};

struct InitOptions {
  std::string dir = ".";
};

struct OpenOptions {
  std::string via, customer, contact, title, phone, address;
  std::string annual_plan;  // --annual-plan YEAR:N
  std::string product, model, size, serial, project_no, equipment_no, invoice_no;
  int quantity = 0;
  std::string commissioned, purchased, warranty_until;
  bool new_customer = false;  // --new-customer: a customer not on file, though a name is near
  std::string description, description_file;
  std::string received_at, at;
  int level = 0;
  bool complaint = false;  // --complaint: a customer complaint (R-4.7 d)
};

struct ShowOptions {
  std::string id;
};

struct ListOptions {
  std::vector<std::string> status;  // repeated or comma-separated: any of them
  std::string via, since, until, customer;
  std::string route, tech, level, kind;
  std::string sort, columns, format;
  bool reverse = false, no_header = false;
};

struct SearchOptions {
  std::string text;
  std::vector<std::string> status;
  std::string since, until;
};

struct StatusOptions {
  int worst = 5;
};

// Every action names a ticket and may say when it really happened.
struct Target {
  std::string id;
  std::string at;  // --at; default now
};

// --amend --reason: correct the latest such step (R-4.8).
struct AmendOptions {
  bool amend = false;
  std::string reason;
};

struct ClassifyOptions : Target {
  std::string kind, category, service, to;
  int level = 0;
  bool major = false;
};

struct AnalyzeOptions : Target {
  std::string cause, measures, responsibility, corrective, cause_category;
};

struct PlanOptions : Target {
  std::string text, file;
};

struct ApproveOptions : Target {
  std::string as, by, comment;
};

// svc notify ID --to gm (R-4.2.2).
struct NotifyOptions : Target {
  std::string to, comment;
};

// svc follow-up ID --action TEXT (R-4.5.1).
struct FollowUpOptions : Target {
  std::string action;
};

// svc redeliver ID [--record N] [--text TEXT] (R-4.5.3.2).
struct RedeliverOptions : Target {
  std::string record, text;
};

struct DispatchOptions : Target, AmendOptions {
  std::vector<std::string> techs;
  std::string complexity, dept, planned;
  bool arrive = false, finish = false, back = false;
  std::string record, work, hours, signed_by;
  std::vector<std::string> parts;
};

struct WarehouseOptions : Target {
  std::string record, nonconformity, data;
};

struct QuoteOptions : Target {
  int people = 0, days = 0;
  int lodging_days = -1, meal_days = -1;  // -1: the days
  std::string transport, labor_rate, reason;
  bool no_lodging = false, no_meals = false, free = false, paid = false, accept = false;
  std::vector<std::string> parts;
};

struct CloseOptions : Target, AmendOptions {
  std::string result, resolution;
  bool remote = false;
};

struct VerifyOptions : Target {
  std::string result = "resolved";
  std::string comment;
};

struct SurveyOptions : Target, AmendOptions {
  std::string satisfaction, attitude, damage, cleanliness, comment;
};

struct ReopenOptions : Target {
  std::string reason;
};

struct CorrectOptions : Target {
  std::string field, value, reason;
};

struct NoteOptions : Target {
  std::string text;
};

struct VoidOptions : Target {
  std::string reason;
};

struct CheckOptions {
  bool repair = false;  // recover what interrupted commands left, then check
};

struct OverdueOptions {
  std::string warn, route, via, clock, level;
  std::string format = "text";  // or "openmetrics"
  std::string output;           // --format openmetrics: write this file atomically
};

struct AgendaOptions {
  std::string tech, from, to;
  std::string format = "text";  // or "ics"
};

struct ReportOptions {
  std::string month, quarter, half, year, from, to, route;
  std::string format = "text";
  bool bom = false;
};

struct PrintOptions {
  std::string id, form, record;
  std::string format = "text";
  std::string year;  // --form annual-plan
};

struct MergeDriverOptions {
  std::string base, ours, theirs, path;
};

struct GitOptions {
  std::string id;
  bool merge = false;   // sync: merge instead of rebase
  std::string since;    // audit: the commit after which to audit
  bool server = false;  // git-setup: install the pre-receive hook in a bare repository
  std::string prefix;   // git-setup --server, pre-receive: the records directory in the tree
  std::string sign;     // git-setup --sign: this clone signs with the key file
  std::string allow;    // git-setup --allow: another person's key file
};

// svc customer add|show|list|edit (顾客档案, R-4.6 b).
struct CustomerOptions {
  std::string verb;  // add, show, list, edit
  std::string name;  // add: the name; show, edit: the code
  std::string at;
  std::string rename;  // edit --name
  std::vector<std::string> aliases, contacts, phones, addresses;
  std::vector<std::string> drop_aliases, drop_contacts, drop_phones, drop_addresses;
  bool key = false, no_key = false;
  std::string reason;
};

// svc equipment add|show|list|edit.
struct EquipmentOptions {
  std::string verb;  // add, show, list, edit
  std::string serial, customer, product, model, project_no, commissioned, warranty_until, location;
  std::string at, reason;
};

// svc history: one of the three.
struct HistoryOptions {
  std::string customer, serial, phone;
};

// svc annual-plan add|approve|show|cancel (年度服务计划, R-4.5.5).
struct AnnualPlanOptions {
  std::string verb;  // add, approve, show, cancel
  std::string year;
  std::string customer, serial, work, note;
  int month = 0;
  int item = 0;  // cancel
  std::string as, comment, reason, at;
};

// svc import customers|equipment FILE.csv.
struct ImportOptions {
  std::string kind, file;
  std::string encoding = "utf-8";
  bool dry_run = false;
  std::string at;
};

// svc visit record|report|show|list (顾客走访, R-4.6 a).
struct VisitOptions {
  std::string verb;  // record, report, show, list
  std::string id;    // report, show: the visit's number
  std::string customer, at, findings, requests;
  std::vector<std::string> by, serials;
  std::string text, file;  // report
  bool amend = false;
  std::string reason;
};

// svc nonconformity ID --part … | action|close|note|show|list (不合格品报告处理单, R-4.5.3.1).
struct NonconformityOptions {
  std::string verb;    // "" (file a report), action, close, note, show, list
  std::string ticket;  // filing: the ticket's number (the command's argument)
  std::string id;      // action, close, note, show: the report's number
  std::string record, description, at;
  std::vector<std::string> parts;
  std::string text, reason;  // action (and note's text)
  bool amend = false;
  std::string disposition, comment;  // close
  bool open = false;                 // list
  std::string list_ticket;           // list --ticket
};

// svc expense ID --record N --item ITEM --amount YUAN (R-3.1, R-4.5.4).
struct ExpenseOptions : Target {
  std::string record, item, amount, engineer, note;
};

// svc advance NAME --amount YUAN (借支, R-3.1).
struct AdvanceOptions {
  std::string engineer, amount, note, at;
};

// svc writeoff --month YYYY-MM (核销, R-4.5.4).
struct WriteoffOptions {
  std::string month;
  std::string format;  // text (default), json, csv
  bool bom = false;
};

// svc training add|assess|note|show|list (培训记录, R-3.1, R-4.3.1).
struct TrainingOptions {
  std::string verb;  // add, assess, note, show, list
  std::string id;    // assess, note, show: the record's number
  std::string date, topic, trainer, assessment, hours, at;  // add
  std::vector<std::string> trainees, materials;             // add
  std::string trainee, result, comment;                     // assess (and list --trainee)
  std::string text;                                         // note
  std::string year;                                         // list
};

// svc cases [--format text|md|html] [--product P] (案例库, R-3.1).
struct CasesOptions {
  std::string format = "text";
  std::string product;
};

// svc completion SHELL: the shell's completion script on stdout.
struct CompletionOptions {
  std::string shell;  // bash, zsh or fish
};

// svc man [--output DIR]: svc(1) on stdout, or every page written into DIR.
struct ManOptions {
  std::string command;  // one command's page, svc-COMMAND(1)
  std::string output;
};

struct Options {
  std::string command;  // the command word
  GlobalOptions global;
  InitOptions init;
  OpenOptions open;
  ShowOptions show;
  ListOptions list;
  SearchOptions search;
  StatusOptions status;
  ClassifyOptions classify;
  AnalyzeOptions analyze;
  PlanOptions plan;
  ApproveOptions approve;
  NotifyOptions notify;
  FollowUpOptions follow_up;
  RedeliverOptions redeliver;
  DispatchOptions dispatch;
  WarehouseOptions warehouse;
  QuoteOptions quote;
  CloseOptions close;
  VerifyOptions verify;
  SurveyOptions survey;
  ReopenOptions reopen;
  CorrectOptions correct;
  NoteOptions note;
  VoidOptions void_;
  CheckOptions check;
  OverdueOptions overdue;
  AgendaOptions agenda;
  ReportOptions report;
  PrintOptions print;
  MergeDriverOptions merge_driver;
  GitOptions git;
  CustomerOptions customer;
  EquipmentOptions equipment;
  AnnualPlanOptions annual_plan;
  ImportOptions import;
  HistoryOptions history;
  VisitOptions visit;
  NonconformityOptions nonconformity;
  ExpenseOptions expense;
  AdvanceOptions advance;
  WriteoffOptions writeoff;
  TrainingOptions training;
  CasesOptions cases;
  CompletionOptions completion;
  ManOptions man;
};

// What the parser binds, as plain data (no CLI11): for shell completions,
// man pages and tests. Built by parse.cc from the same Bind functions.
struct OptionInfo {
  std::vector<std::string> names;  // "-R", "--records"; a positional: its name, e.g. "id"
  std::string help;
  bool positional = false;
  bool takes_value = false;  // else a flag
  bool repeatable = false;
  bool required = false;
  std::string value_name;            // what --help shows for the value: TEXT, INT, KEY …
  std::vector<std::string> choices;  // the values it takes, where the parser knows them
};

struct CommandInfo {
  std::string name, summary;
  std::vector<OptionInfo> options;  // in `svc NAME --help` order, -h,--help first
  std::string footer;               // the notes under `svc NAME --help`
  std::string example;              // its examples, one command line a line (the table's)
  std::vector<CommandInfo> verbs;   // `svc customer add|show|…`: each verb's own options
};

struct CommandLineInfo {
  std::string description;            // the first line of `svc --help`
  std::vector<OptionInfo> globals;    // options before the command word
  std::vector<CommandInfo> commands;  // the command table's order
};

// Every help text of the command line in English, as --help looks them up
// (cli/i18n.h: `svc --help-texts` prints them for the catalog).
std::vector<std::string> HelpTexts();
CommandLineInfo DescribeCommandLine();

// Parses argv. Returns -1 when a command is to run, else the exit status
// (0 after --help or --version, 2 for a bad command line, with CLI11's
// message printed on one line of stderr).
int ParseCommandLine(int argc, char** argv, Options* out);

}  // namespace svc::cli
