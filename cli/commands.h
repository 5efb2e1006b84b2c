// The commands: one table (ninja's kTools) that main's dispatch, `svc --help`
// and the command-line description (for completions and man pages) all read.
//
// A command is one row of Commands() (cli/commands.cc) with:
//   - its options struct in options.h,
//   - its Bind function in parse.cc (the only file that sees CLI11), which
//     adds its positionals and options to the subcommand the table made,
//   - its Run function in cmd_<word>.cc, which parses values, calls one
//     library entry point and prints.
#pragma once

#include <span>
#include <string_view>

#include "context.h"
#include "options.h"

namespace CLI {
class App;  // CLI11's, defined in parse.cc's include only
}  // namespace CLI

namespace svc {
struct TicketQuery;  // ops/find.h
}  // namespace svc

namespace svc::cli {

struct Command {
  std::string_view name;     // the command word
  std::string_view summary;  // one line, as `svc --help` lists it and `svc NAME --help` opens
  // One or more command lines, one a line, that run as shown in the bundled
  // records (records/, as of 2026-11-30): `svc NAME --help` ends with them and
  // svc-NAME(1) shows them as EXAMPLES (tests/e2e/test_readme.py runs them).
  std::string_view example;
  // Binds the command's options to `o` on its subcommand (parse.cc).
  void (*bind)(CLI::App& command, Options& o);
  // Runs the parsed command; returns the exit status.
  int (*run)(Context& ctx, const Options& o);
};

// Every command, in the order `svc --help` lists them.
std::span<const Command> Commands();
// The command named `name`, or null.
const Command* FindCommand(std::string_view name);

// The Bind functions of the table, in parse.cc.
void BindInit(CLI::App& c, Options& o);
void BindOpen(CLI::App& c, Options& o);
void BindShow(CLI::App& c, Options& o);
void BindList(CLI::App& c, Options& o);
void BindSearch(CLI::App& c, Options& o);
void BindStatus(CLI::App& c, Options& o);
void BindCheck(CLI::App& c, Options& o);
void BindClassify(CLI::App& c, Options& o);
void BindAnalyze(CLI::App& c, Options& o);
void BindPlan(CLI::App& c, Options& o);
void BindApprove(CLI::App& c, Options& o);
void BindNotify(CLI::App& c, Options& o);
void BindFollowUp(CLI::App& c, Options& o);
void BindRedeliver(CLI::App& c, Options& o);
void BindDispatch(CLI::App& c, Options& o);
void BindWarehouse(CLI::App& c, Options& o);
void BindQuote(CLI::App& c, Options& o);
void BindClose(CLI::App& c, Options& o);
void BindVerify(CLI::App& c, Options& o);
void BindSurvey(CLI::App& c, Options& o);
void BindReopen(CLI::App& c, Options& o);
void BindCorrect(CLI::App& c, Options& o);
void BindNote(CLI::App& c, Options& o);
void BindVoid(CLI::App& c, Options& o);
void BindOverdue(CLI::App& c, Options& o);
void BindAgenda(CLI::App& c, Options& o);
void BindReport(CLI::App& c, Options& o);
void BindPrint(CLI::App& c, Options& o);
void BindMergeDriver(CLI::App& c, Options& o);
void BindGitSetup(CLI::App& c, Options& o);
void BindRenumber(CLI::App& c, Options& o);
void BindLog(CLI::App& c, Options& o);
void BindSync(CLI::App& c, Options& o);
void BindAudit(CLI::App& c, Options& o);
void BindPreReceive(CLI::App& c, Options& o);
void BindCustomer(CLI::App& c, Options& o);
void BindEquipment(CLI::App& c, Options& o);
void BindAnnualPlan(CLI::App& c, Options& o);
void BindImport(CLI::App& c, Options& o);
void BindHistory(CLI::App& c, Options& o);
void BindVisit(CLI::App& c, Options& o);
void BindNonconformity(CLI::App& c, Options& o);
void BindExpense(CLI::App& c, Options& o);
void BindAdvance(CLI::App& c, Options& o);
void BindWriteoff(CLI::App& c, Options& o);
void BindTraining(CLI::App& c, Options& o);
void BindCases(CLI::App& c, Options& o);
void BindCompletion(CLI::App& c, Options& o);
void BindMan(CLI::App& c, Options& o);

// The Run functions of the table, each in its cmd_<word>.cc.
int RunInit(Context& ctx, const InitOptions& o);
int RunOpen(Context& ctx, const OpenOptions& o);
int RunShow(Context& ctx, const ShowOptions& o);
int RunList(Context& ctx, const ListOptions& o);
int RunSearch(Context& ctx, const SearchOptions& o);
// Shared by list and search (cmd_list.cc): --status (checked, any of them),
// --since and --until (a date: its whole day) into `q`; and the closing
// line on unreadable tickets (returns 1 when there were some, else 0).
Status QueryFromFlags(Context& ctx, const std::vector<std::string>& statuses,
                      const std::string& since, const std::string& until, TicketQuery* q);
int ReportUnreadable(int unreadable);
int RunStatus(Context& ctx, const StatusOptions& o);
int RunCheck(Context& ctx, const CheckOptions& o);
int RunClassify(Context& ctx, const ClassifyOptions& o);
int RunAnalyze(Context& ctx, const AnalyzeOptions& o);
int RunPlan(Context& ctx, const PlanOptions& o);
int RunApprove(Context& ctx, const ApproveOptions& o);
int RunNotify(Context& ctx, const NotifyOptions& o);
int RunFollowUp(Context& ctx, const FollowUpOptions& o);
int RunRedeliver(Context& ctx, const RedeliverOptions& o);
int RunDispatch(Context& ctx, const DispatchOptions& o);
int RunWarehouse(Context& ctx, const WarehouseOptions& o);
int RunQuote(Context& ctx, const QuoteOptions& o);
int RunClose(Context& ctx, const CloseOptions& o);
int RunVerify(Context& ctx, const VerifyOptions& o);
int RunSurvey(Context& ctx, const SurveyOptions& o);
int RunReopen(Context& ctx, const ReopenOptions& o);
int RunCorrect(Context& ctx, const CorrectOptions& o);
int RunNote(Context& ctx, const NoteOptions& o);
int RunVoid(Context& ctx, const VoidOptions& o);
int RunOverdue(Context& ctx, const OverdueOptions& o);
int RunAgenda(Context& ctx, const AgendaOptions& o);
int RunReport(Context& ctx, const ReportOptions& o);
int RunPrint(Context& ctx, const PrintOptions& o);
int RunMergeDriver(Context& ctx, const MergeDriverOptions& o);
int RunGitSetup(Context& ctx, const GitOptions& o);
int RunGitSetupSign(Context& ctx, const GitOptions& o);
int RunPreReceive(Context& ctx, const GitOptions& o);
int RunRenumber(Context& ctx, const GitOptions& o);
int RunLog(Context& ctx, const GitOptions& o);
int RunSync(Context& ctx, const GitOptions& o);
int RunAudit(Context& ctx, const GitOptions& o);
int RunCustomer(Context& ctx, const CustomerOptions& o);
int RunEquipment(Context& ctx, const EquipmentOptions& o);
int RunAnnualPlan(Context& ctx, const AnnualPlanOptions& o);
int RunImport(Context& ctx, const ImportOptions& o);
int RunHistory(Context& ctx, const HistoryOptions& o);
int RunVisit(Context& ctx, const VisitOptions& o);
int RunNonconformity(Context& ctx, const NonconformityOptions& o);
int RunExpense(Context& ctx, const ExpenseOptions& o);
int RunAdvance(Context& ctx, const AdvanceOptions& o);
int RunWriteoff(Context& ctx, const WriteoffOptions& o);
int RunTraining(Context& ctx, const TrainingOptions& o);
int RunCases(Context& ctx, const CasesOptions& o);
int RunCompletion(Context& ctx, const CompletionOptions& o);
int RunMan(Context& ctx, const ManOptions& o);

// --amend --reason of an action (cmd_close.cc): the request's Amendment;
// InvalidArgument for a --reason without --amend.
Status AmendmentOf(const Target& t, const AmendOptions& o, Amendment* out);

}  // namespace svc::cli
