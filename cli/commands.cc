// The table of commands. A new command is one row here, its options struct
// (options.h), its Bind function (parse.cc) and its cmd_<word>.cc.
#include "commands.h"

namespace svc::cli {
namespace {

// Rows in the order `svc --help` lists them.
const Command kCommands[] = {
    {"init", "create a records directory (refuses to overwrite one)", BindInit,
     [](Context& ctx, const Options& o) { return RunInit(ctx, o.init); }},
    {"open", "fill the After-sales Information Processing Form (R-4.2.1); prints the new number",
     BindOpen, [](Context& ctx, const Options& o) { return RunOpen(ctx, o.open); }},
    {"show", "the whole ticket: form, state, clocks and history", BindShow,
     [](Context& ctx, const Options& o) { return RunShow(ctx, o.show); }},
    {"list", "one line per ticket, in number order; filters, sorting, columns, csv/md/json",
     BindList, [](Context& ctx, const Options& o) { return RunList(ctx, o.list); }},
    {"search",
     "every ticket whose form, notes or history holds the text; exits 0 found, 1 nothing found",
     BindSearch, [](Context& ctx, const Options& o) { return RunSearch(ctx, o.search); }},
    {"status", "the desk's morning view: tickets by state, what is due today, what is overdue",
     BindStatus, [](Context& ctx, const Options& o) { return RunStatus(ctx, o.status); }},
    {"check", "validate the whole records directory; exit 1 if problems are found", BindCheck,
     [](Context& ctx, const Options& o) { return RunCheck(ctx, o.check); }},
    {"classify", "judge type and fault level and route the ticket (R-4.2.1, R-4.4.1): its response",
     BindClassify, [](Context& ctx, const Options& o) { return RunClassify(ctx, o.classify); }},
    {"analyze",
     "the Quality dept's cause analysis, first measures and responsibility (R-4.2.2, R-4.5.3.1)",
     BindAnalyze, [](Context& ctx, const Options& o) { return RunAnalyze(ctx, o.analyze); }},
    {"plan", "record the technical service plan (R-4.2.2, R-4.4.1)", BindPlan,
     [](Context& ctx, const Options& o) { return RunPlan(ctx, o.plan); }},
    {"approve", "review and approve the plan; a major problem needs the general manager (R-4.2.2)",
     BindApprove, [](Context& ctx, const Options& o) { return RunApprove(ctx, o.approve); }},
    {"notify", "report a major quality problem to the general manager at once (R-4.2.2)",
     BindNotify, [](Context& ctx, const Options& o) { return RunNotify(ctx, o.notify); }},
    {"dispatch",
     "file an outbound service record (R-4.4.2, R-4.4.3) and prints its number; or mark its "
     "arrival, completion, return",
     BindDispatch, [](Context& ctx, const Options& o) { return RunDispatch(ctx, o.dispatch); }},
    {"warehouse",
     "book the parts (or a data project's data) an outbound record brought back into store; "
     "prints the receipt's number (R-4.5.3)",
     BindWarehouse, [](Context& ctx, const Options& o) { return RunWarehouse(ctx, o.warehouse); }},
    {"redeliver", "a data project's booked data, inspected, re-delivered (R-4.5.3.2)",
     BindRedeliver, [](Context& ctx, const Options& o) { return RunRedeliver(ctx, o.redeliver); }},
    {"quote",
     "compute and store the quote for paid service from the fee table (Table 1, R-4.4.3); "
     "prints it itemised",
     BindQuote, [](Context& ctx, const Options& o) { return RunQuote(ctx, o.quote); }},
    {"close", "close the ticket (R-4.4.1, R-4.5.1)", BindClose,
     [](Context& ctx, const Options& o) { return RunClose(ctx, o.close); }},
    {"verify", "record the desk's check of a remote result with the customer (R-4.4.1)", BindVerify,
     [](Context& ctx, const Options& o) { return RunVerify(ctx, o.verify); }},
    {"survey", "record the satisfaction survey, after closing (R-4.5.1)", BindSurvey,
     [](Context& ctx, const Options& o) { return RunSurvey(ctx, o.survey); }},
    {"follow-up",
     "record the follow-up of an unsatisfied survey or unresolved verification (R-4.5.1)",
     BindFollowUp, [](Context& ctx, const Options& o) { return RunFollowUp(ctx, o.follow_up); }},
    {"reopen",
     "open a closed ticket again (the customer called back); the close stays in the history "
     "(R-4.8)",
     BindReopen, [](Context& ctx, const Options& o) { return RunReopen(ctx, o.reopen); }},
    {"correct",
     "correct one field of the info form as an event; the form as first filled stays (R-4.8)",
     BindCorrect, [](Context& ctx, const Options& o) { return RunCorrect(ctx, o.correct); }},
    {"note", "append a free note to the history (a call, a promise)", BindNote,
     [](Context& ctx, const Options& o) { return RunNote(ctx, o.note); }},
    {"void", "void a ticket; its number stays taken (R-4.5.2)", BindVoid,
     [](Context& ctx, const Options& o) { return RunVoid(ctx, o.void_); }},
    {"overdue",
     "every running clock past its deadline (and, with --warn, those due soon); exits 0 OK, 1 "
     "due, 2 overdue, 3 unknown, like a monitoring plugin",
     BindOverdue, [](Context& ctx, const Options& o) { return RunOverdue(ctx, o.overdue); }},
    {"agenda",
     "planned dispatches, customer visits and annual-plan items, as a list or an iCalendar file "
     "(--format ics) for an engineer's phone",
     BindAgenda, [](Context& ctx, const Options& o) { return RunAgenda(ctx, o.agenda); }},
    {"report", "statistics for a period (R-4.6, R-4.5.4)", BindReport,
     [](Context& ctx, const Options& o) { return RunReport(ctx, o.report); }},
    {"print", "the procedure's paper forms (R-6, R-7), filled from the ticket", BindPrint,
     [](Context& ctx, const Options& o) { return RunPrint(ctx, o.print); }},
    {"merge-driver", "git's merge driver for ticket files: the union of both histories",
     BindMergeDriver,
     [](Context& ctx, const Options& o) { return RunMergeDriver(ctx, o.merge_driver); }},
    {"git-setup",
     "in a clone of a records repository: register the merge driver (git config is per clone); "
     "with --server, in the shared bare repository: refuse pushes that break the audit's rules",
     BindGitSetup, [](Context& ctx, const Options& o) { return RunGitSetup(ctx, o.git); }},
    {"pre-receive",
     "the shared repository's pre-receive hook: judges what is pushed by svc audit's rules and "
     "svc check (installed by 'svc git-setup --server')",
     BindPreReceive, [](Context& ctx, const Options& o) { return RunPreReceive(ctx, o.git); }},
    {"renumber",
     "give the newer of two tickets (outbound records, receipts, reports, visits) holding one "
     "number the next free number (after two clones numbered offline)",
     BindRenumber, [](Context& ctx, const Options& o) { return RunRenumber(ctx, o.git); }},
    {"audit",
     "has anything in the records been changed other than by appending? (git history, merges "
     "against each parent; exit 1 on findings)",
     BindAudit, [](Context& ctx, const Options& o) { return RunAudit(ctx, o.git); }},
    {"log",
     "the ticket's history as git recorded it, beside its own events; the audit's rules "
     "on it",
     BindLog, [](Context& ctx, const Options& o) { return RunLog(ctx, o.git); }},
    {"sync", "pull (rebase), check, push; nothing is pushed when the check fails", BindSync,
     [](Context& ctx, const Options& o) { return RunSync(ctx, o.git); }},
    {"customer", "the customer file (R-4.6 b): add, show, list, edit customers (codes K0001 …)",
     BindCustomer, [](Context& ctx, const Options& o) { return RunCustomer(ctx, o.customer); }},
    {"equipment", "the customers' equipment: add, show, list, edit units by serial number",
     BindEquipment, [](Context& ctx, const Options& o) { return RunEquipment(ctx, o.equipment); }},
    {"history",
     "every ticket and visit of a customer or a unit, newest first, with status and latest step",
     BindHistory, [](Context& ctx, const Options& o) { return RunHistory(ctx, o.history); }},
    {"annual-plan",
     "the annual service plan (R-4.5.5): add items, approve (the general manager), show a year",
     BindAnnualPlan,
     [](Context& ctx, const Options& o) { return RunAnnualPlan(ctx, o.annual_plan); }},
    {"import",
     "take customers or equipment from a spreadsheet saved as CSV (all rows, or none if any is "
     "bad)",
     BindImport, [](Context& ctx, const Options& o) { return RunImport(ctx, o.import); }},
    {"visit",
     "customer visits (R-4.6 a): record a visit (numbers BF-yy-mm-NN), its report within 10 "
     "days, show, list",
     BindVisit, [](Context& ctx, const Options& o) { return RunVisit(ctx, o.visit); }},
    {"nonconformity",
     "nonconformity reports (R-4.5.3.1): file one on a ticket (numbers NC-yy-mm-NN), the Quality "
     "dept's corrective action, close with the disposition, show, list",
     BindNonconformity,
     [](Context& ctx, const Options& o) { return RunNonconformity(ctx, o.nonconformity); }},
    {"expense",
     "an actual cost of an outbound record, by item (R-3.1, R-4.5.4): transport, lodging, "
     "meals, material, labour, other",
     BindExpense, [](Context& ctx, const Options& o) { return RunExpense(ctx, o.expense); }},
    {"advance", "an advance (借支) paid to an engineer (R-3.1); prints its number JZ-yy-mm-NN",
     BindAdvance, [](Context& ctx, const Options& o) { return RunAdvance(ctx, o.advance); }},
    {"writeoff",
     "finance's monthly write-off (核销, R-4.5.4): each outbound record quoted against actual, "
     "each engineer's advances against expenses; recorded, then the month's expenses are refused",
     BindWriteoff, [](Context& ctx, const Options& o) { return RunWriteoff(ctx, o.writeoff); }},
    {"training",
     "training records (R-3.1, R-4.3.1): add a session (numbers PX-yy-mm-NN), each trainee's "
     "assessment, note, show, list",
     BindTraining, [](Context& ctx, const Options& o) { return RunTraining(ctx, o.training); }},
    {"cases",
     "the case library (案例库, R-3.1): closed quality tickets by product and fault category, "
     "with fault, cause, measures and corrective action",
     BindCases, [](Context& ctx, const Options& o) { return RunCases(ctx, o.cases); }},
    {"completion",
     "print the shell completion script for bash, zsh or fish (installed by make install and "
     "the .deb)",
     BindCompletion,
     [](Context& ctx, const Options& o) { return RunCompletion(ctx, o.completion); }},
    {"man", "print the manual page svc(1), or svc-COMMAND(1); with --output, write every page",
     BindMan, [](Context& ctx, const Options& o) { return RunMan(ctx, o.man); }},
};

}  // namespace

std::span<const Command> Commands() {
  return kCommands;
}

const Command* FindCommand(std::string_view name) {
  for (const Command& c : kCommands) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

}  // namespace svc::cli
