// The table of commands. A new command is one row here, its options struct
// (options.h), its Bind function (parse.cc) and its cmd_<word>.cc.
#include "commands.h"

namespace svc::cli {
namespace {

// Rows in the order `svc --help` lists them.
const Command kCommands[] = {
    {"init", "create a records directory (refuses to overwrite one)",
     "svc init service-records && cd service-records && git init", BindInit,
     [](Context& ctx, const Options& o) { return RunInit(ctx, o.init); }},
    {"open", "fill the After-sales Information Processing Form (R-4.2.1); prints the new number",
     "svc open --via YX --customer 华东电网 --phone 021-5555 --product 配电柜 \\\n     "
     "--description '主开关跳闸' --received-at '2026-11-29 09:05'",
     BindOpen, [](Context& ctx, const Options& o) { return RunOpen(ctx, o.open); }},
    {"show", "the whole ticket: form, state, clocks and history",
     "svc show YX-26-11-01\nsvc show YX-26-11-01 --json", BindShow,
     [](Context& ctx, const Options& o) { return RunShow(ctx, o.show); }},
    {"list", "one line per ticket, in number order; filters, sorting, columns, csv/md/json",
     "svc list --status new --status open --route SC --sort received\nsvc list --tech 张伟 "
     "--columns number,customer,techs --format csv\nsvc list --via SH --since 2026-11-01 --json",
     BindList, [](Context& ctx, const Options& o) { return RunList(ctx, o.list); }},
    {"search",
     "every ticket whose form, notes or history holds the text; exits 0 found, 1 nothing found",
     "svc search 电缆头放电\nsvc search 放电 --status open --json", BindSearch,
     [](Context& ctx, const Options& o) { return RunSearch(ctx, o.search); }},
    {"status", "the desk's morning view: tickets by state, what is due today, what is overdue",
     "svc status\nsvc status --now '2026-11-30 08:30' --worst 10", BindStatus,
     [](Context& ctx, const Options& o) { return RunStatus(ctx, o.status); }},
    {"check", "validate the whole records directory; exit 1 if problems are found",
     "svc check\nsvc check --repair", BindCheck,
     [](Context& ctx, const Options& o) { return RunCheck(ctx, o.check); }},
    {"classify", "judge type and fault level and route the ticket (R-4.2.1, R-4.4.1): its response",
     "svc classify SH-26-11-05 --kind support --category hardware --level 2 --service "
     "onsite-repair",
     BindClassify, [](Context& ctx, const Options& o) { return RunClassify(ctx, o.classify); }},
    {"analyze",
     "the Quality dept's cause analysis, first measures and responsibility (R-4.2.2, R-4.5.3.1)",
     "svc analyze YX-26-11-02 --cause '继电器触点烧蚀' --cause-category component --responsibility "
     "ours --corrective '更换同批次继电器'",
     BindAnalyze, [](Context& ctx, const Options& o) { return RunAnalyze(ctx, o.analyze); }},
    {"plan", "record the technical service plan (R-4.2.2, R-4.4.1)",
     "svc plan YX-26-11-02 --text '更换同批次继电器，现场试验'", BindPlan,
     [](Context& ctx, const Options& o) { return RunPlan(ctx, o.plan); }},
    {"approve", "review and approve the plan; a major problem needs the general manager (R-4.2.2)",
     "svc approve YX-26-11-02 --as quality --comment '方案可行'\nsvc approve YX-26-11-02 --as "
     "gm\nsvc approve YX-26-11-02 --as customer --by 王工",
     BindApprove, [](Context& ctx, const Options& o) { return RunApprove(ctx, o.approve); }},
    {"notify", "report a major quality problem to the general manager at once (R-4.2.2)",
     "svc notify YX-26-11-02 --to gm --comment '电话报告总经理'", BindNotify,
     [](Context& ctx, const Options& o) { return RunNotify(ctx, o.notify); }},
    {"dispatch",
     "file an outbound service record (R-4.4.2, R-4.4.3) and prints its number; or mark its "
     "arrival, completion, return",
     "svc dispatch SH-26-11-05 --tech 张伟 --tech 李强 --complexity complex\nsvc dispatch "
     "SC-26-11-02 --arrive --at '2026-11-30 14:10'\nsvc dispatch SC-26-11-02 --finish --work "
     "'更换继电器' --hours 3 --part 继电器:2:35.00:warranty\nsvc dispatch SC-26-11-02 --back "
     "--part 继电器:2:returned\nsvc dispatch SC-26-11-02 --arrive --amend --at '2026-11-30 14:00' "
     "--reason '记录有误'",
     BindDispatch, [](Context& ctx, const Options& o) { return RunDispatch(ctx, o.dispatch); }},
    {"warehouse",
     "book the parts (or a data project's data) an outbound record brought back into store; "
     "prints the receipt's number (R-4.5.3)",
     "svc warehouse SH-26-11-02\nsvc warehouse SJ-26-11-01 --data '重新采集的测点数据 120 组'",
     BindWarehouse, [](Context& ctx, const Options& o) { return RunWarehouse(ctx, o.warehouse); }},
    {"redeliver", "a data project's booked data, inspected, re-delivered (R-4.5.3.2)",
     "svc redeliver SJ-26-11-01 --text '复核后的数据已发送客户'", BindRedeliver,
     [](Context& ctx, const Options& o) { return RunRedeliver(ctx, o.redeliver); }},
    {"quote",
     "compute and store the quote for paid service from the fee table (Table 1, R-4.4.3); "
     "prints it itemised",
     "svc quote HY-26-11-01 --people 2 --days 3 --transport 860 --part 过流继电器:2:35\nsvc quote "
     "HY-26-11-01 --accept",
     BindQuote, [](Context& ctx, const Options& o) { return RunQuote(ctx, o.quote); }},
    {"close", "close the ticket (R-4.4.1, R-4.5.1)",
     "svc close HY-26-11-01 --result completed --resolution '更换继电器后试运行正常'\nsvc close "
     "YX-26-11-02 --result completed --remote",
     BindClose, [](Context& ctx, const Options& o) { return RunClose(ctx, o.close); }},
    {"verify", "record the desk's check of a remote result with the customer (R-4.4.1)",
     "svc verify SH-26-11-03 --result resolved --comment '客户确认设备运行正常'", BindVerify,
     [](Context& ctx, const Options& o) { return RunVerify(ctx, o.verify); }},
    {"survey", "record the satisfaction survey, after closing (R-4.5.1)",
     "svc survey SH-26-11-04 --satisfaction satisfied --attitude 5 --damage none --cleanliness "
     "good",
     BindSurvey, [](Context& ctx, const Options& o) { return RunSurvey(ctx, o.survey); }},
    {"follow-up",
     "record the follow-up of an unsatisfied survey or unresolved verification (R-4.5.1)",
     "svc follow-up YX-26-11-01 --action '质量部回访，约定下周更换整机'", BindFollowUp,
     [](Context& ctx, const Options& o) { return RunFollowUp(ctx, o.follow_up); }},
    {"reopen",
     "open a closed ticket again (the customer called back); the close stays in the history "
     "(R-4.8)",
     "svc reopen SH-26-11-04 --reason '客户来电：同一故障复发'", BindReopen,
     [](Context& ctx, const Options& o) { return RunReopen(ctx, o.reopen); }},
    {"correct",
     "correct one field of the info form as an event; the form as first filled stays (R-4.8)",
     "svc correct SH-26-11-05 --field phone --value 021-5555-0102 --reason '号码登记有误'",
     BindCorrect, [](Context& ctx, const Options& o) { return RunCorrect(ctx, o.correct); }},
    {"note", "append a free note to the history (a call, a promise)",
     "svc note SH-26-11-05 '客户来电催促，已答复今日安排'", BindNote,
     [](Context& ctx, const Options& o) { return RunNote(ctx, o.note); }},
    {"void", "void a ticket; its number stays taken (R-4.5.2)",
     "svc void SH-26-11-05 --reason '与 SH-26-11-03 重复登记'", BindVoid,
     [](Context& ctx, const Options& o) { return RunVoid(ctx, o.void_); }},
    {"overdue",
     "every running clock past its deadline (and, with --warn, those due soon); exits 0 OK, 1 "
     "due, 2 overdue, 3 unknown, like a monitoring plugin",
     "svc overdue --warn 2h\nsvc overdue --route SC --format openmetrics --output svc.prom",
     BindOverdue, [](Context& ctx, const Options& o) { return RunOverdue(ctx, o.overdue); }},
    {"agenda",
     "planned dispatches, customer visits and annual-plan items, as a list or an iCalendar file "
     "(--format ics) for an engineer's phone",
     "svc agenda --from 2026-11-01 --to 2026-11-30\nsvc agenda --tech 张伟 --format ics > "
     "agenda.ics",
     BindAgenda, [](Context& ctx, const Options& o) { return RunAgenda(ctx, o.agenda); }},
    {"report", "statistics for a period (R-4.6, R-4.5.4)",
     "svc report --month 2026-11\nsvc report --half 2026-H2 --route SC --format md\nsvc report "
     "--quarter 2026-Q4 --format csv --bom > 2026-Q4.csv\nsvc report --year 2026 --format html > "
     "review-2026.html",
     BindReport, [](Context& ctx, const Options& o) { return RunReport(ctx, o.report); }},
    {"print", "the procedure's paper forms (R-6, R-7), filled from the ticket",
     "svc print SC-26-11-01 --form repair --format html > repair.html", BindPrint,
     [](Context& ctx, const Options& o) { return RunPrint(ctx, o.print); }},
    {"merge-driver", "git's merge driver for ticket files: the union of both histories",
     "svc merge-driver %O %A %B %P   (git runs it, as svc init and svc git-setup register it)",
     BindMergeDriver,
     [](Context& ctx, const Options& o) { return RunMergeDriver(ctx, o.merge_driver); }},
    {"git-setup",
     "in a clone of a records repository: register the merge driver (git config is per clone); "
     "with --server, in the shared bare repository: refuse pushes that break the audit's rules",
     "svc git-setup", BindGitSetup,
     [](Context& ctx, const Options& o) { return RunGitSetup(ctx, o.git); }},
    {"pre-receive",
     "the shared repository's pre-receive hook: judges what is pushed by svc audit's rules and "
     "svc check (installed by 'svc git-setup --server')",
     "svc pre-receive --prefix records   (git runs it, the pushed refs on standard input)",
     BindPreReceive, [](Context& ctx, const Options& o) { return RunPreReceive(ctx, o.git); }},
    {"renumber",
     "give the newer of two tickets (outbound records, receipts, reports, visits) holding one "
     "number the next free number (after two clones numbered offline)",
     "svc renumber SC-26-11-02", BindRenumber,
     [](Context& ctx, const Options& o) { return RunRenumber(ctx, o.git); }},
    {"audit",
     "has anything in the records been changed other than by appending? (git history, merges "
     "against each parent; exit 1 on findings)",
     "svc audit\nsvc audit --since HEAD~1 --json", BindAudit,
     [](Context& ctx, const Options& o) { return RunAudit(ctx, o.git); }},
    {"log",
     "the ticket's history as git recorded it, beside its own events; the audit's rules "
     "on it",
     "svc log YX-26-11-01\nsvc log YX-26-11-01 --json", BindLog,
     [](Context& ctx, const Options& o) { return RunLog(ctx, o.git); }},
    {"sync", "pull (rebase), check, push; nothing is pushed when the check fails", "svc sync",
     BindSync, [](Context& ctx, const Options& o) { return RunSync(ctx, o.git); }},
    {"customer", "the customer file (R-4.6 b): add, show, list, edit customers (codes K0001 …)",
     "svc customer add 国网杭州供电公司 --alias 杭州供电 --phone 0571-8888-0101 --key\nsvc "
     "customer show K0001\nsvc customer list --json",
     BindCustomer, [](Context& ctx, const Options& o) { return RunCustomer(ctx, o.customer); }},
    {"equipment", "the customers' equipment: add, show, list, edit units by serial number",
     "svc equipment show JB2021004417\nsvc equipment list --customer K0001", BindEquipment,
     [](Context& ctx, const Options& o) { return RunEquipment(ctx, o.equipment); }},
    {"history",
     "every ticket and visit of a customer or a unit, newest first, with status and latest step",
     "svc history --customer K0001\nsvc history --serial JB2021004417 --json", BindHistory,
     [](Context& ctx, const Options& o) { return RunHistory(ctx, o.history); }},
    {"annual-plan",
     "the annual service plan (R-4.5.5): add items, approve (the general manager), show a year",
     "svc annual-plan show 2027\nsvc annual-plan add 2027 --customer K0001 --month 5 --work "
     "technical --note 年度巡检",
     BindAnnualPlan,
     [](Context& ctx, const Options& o) { return RunAnnualPlan(ctx, o.annual_plan); }},
    {"import",
     "take customers or equipment from a spreadsheet saved as CSV (all rows, or none if any is "
     "bad)",
     "svc import customers 客户清单.csv --encoding gb18030 --dry-run", BindImport,
     [](Context& ctx, const Options& o) { return RunImport(ctx, o.import); }},
    {"visit",
     "customer visits (R-4.6 a): record a visit (numbers BF-yy-mm-NN), its report within 10 "
     "days, show, list",
     "svc visit list --customer K0001\nsvc visit record --customer K0001 --at '2026-11-20 10:00' "
     "--by 张伟 --findings '开关柜运行正常'",
     BindVisit, [](Context& ctx, const Options& o) { return RunVisit(ctx, o.visit); }},
    {"nonconformity",
     "nonconformity reports (R-4.5.3.1): file one on a ticket (numbers NC-yy-mm-NN), the Quality "
     "dept's corrective action, close with the disposition, show, list",
     "svc nonconformity list --open\nsvc nonconformity YX-26-11-01 --part 继电器:2 --description "
     "'触点烧蚀'",
     BindNonconformity,
     [](Context& ctx, const Options& o) { return RunNonconformity(ctx, o.nonconformity); }},
    {"expense",
     "an actual cost of an outbound record, by item (R-3.1, R-4.5.4): transport, lodging, "
     "meals, material, labour, other",
     "svc expense SC-26-11-02 --record SC-26-11-04 --engineer 陈刚 --item transport --amount 320 "
     "--note '高铁往返'",
     BindExpense, [](Context& ctx, const Options& o) { return RunExpense(ctx, o.expense); }},
    {"advance", "an advance (借支) paid to an engineer (R-3.1); prints its number JZ-yy-mm-NN",
     "svc advance 张伟 --amount 2000 --note '华东电网出差'", BindAdvance,
     [](Context& ctx, const Options& o) { return RunAdvance(ctx, o.advance); }},
    {"writeoff",
     "finance's monthly write-off (核销, R-4.5.4): each outbound record quoted against actual, "
     "each engineer's advances against expenses; recorded, then the month's expenses are refused",
     "svc writeoff --month 2026-10\nsvc writeoff --month 2026-10 --format csv --bom > "
     "核销-2026-10.csv",
     BindWriteoff, [](Context& ctx, const Options& o) { return RunWriteoff(ctx, o.writeoff); }},
    {"training",
     "training records (R-3.1, R-4.3.1): add a session (numbers PX-yy-mm-NN), each trainee's "
     "assessment, note, show, list",
     "svc training list --year 2026\nsvc training add --date 2026-11-20 --topic "
     "'开关柜保护装置调试' --trainer 张伟 --trainee 李强 --hours 3",
     BindTraining, [](Context& ctx, const Options& o) { return RunTraining(ctx, o.training); }},
    {"cases",
     "the case library (案例库, R-3.1): closed quality tickets by product and fault category, "
     "with fault, cause, measures and corrective action",
     "svc cases --product KYN28\nsvc cases --format html --product KYN28 > cases.html", BindCases,
     [](Context& ctx, const Options& o) { return RunCases(ctx, o.cases); }},
    {"completion",
     "print the shell completion script for bash, zsh or fish (installed by make install and "
     "the .deb)",
     "source <(svc completion bash)\nsvc completion fish > ~/.config/fish/completions/svc.fish",
     BindCompletion,
     [](Context& ctx, const Options& o) { return RunCompletion(ctx, o.completion); }},
    {"man", "print the manual page svc(1), or svc-COMMAND(1); with --output, write every page",
     "svc man close | man -l -\nsvc man --output man", BindMan,
     [](Context& ctx, const Options& o) { return RunMan(ctx, o.man); }},
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
