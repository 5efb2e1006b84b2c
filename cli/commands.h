// The commands: one run function per command word, each in cmd_<word>.cc.
// A run function parses values, calls one library entry point and prints.
#pragma once

#include "context.h"
#include "options.h"

namespace svc::cli {

int RunInit(Context& ctx, const InitOptions& o);
int RunOpen(Context& ctx, const OpenOptions& o);
int RunShow(Context& ctx, const ShowOptions& o);
int RunList(Context& ctx, const ListOptions& o);
int RunCheck(Context& ctx);
int RunClassify(Context& ctx, const ClassifyOptions& o);
int RunAnalyze(Context& ctx, const AnalyzeOptions& o);
int RunPlan(Context& ctx, const PlanOptions& o);
int RunApprove(Context& ctx, const ApproveOptions& o);
int RunDispatch(Context& ctx, const DispatchOptions& o);
int RunWarehouse(Context& ctx, const WarehouseOptions& o);
int RunQuote(Context& ctx, const QuoteOptions& o);
int RunClose(Context& ctx, const CloseOptions& o);
int RunVerify(Context& ctx, const VerifyOptions& o);
int RunSurvey(Context& ctx, const SurveyOptions& o);
int RunNote(Context& ctx, const NoteOptions& o);
int RunVoid(Context& ctx, const VoidOptions& o);
int RunOverdue(Context& ctx, const OverdueOptions& o);
int RunReport(Context& ctx, const ReportOptions& o);
int RunPrint(Context& ctx, const PrintOptions& o);
int RunMergeDriver(Context& ctx, const MergeDriverOptions& o);
int RunGitSetup(Context& ctx);
int RunRenumber(Context& ctx, const GitOptions& o);
int RunLog(Context& ctx, const GitOptions& o);
int RunSync(Context& ctx, const GitOptions& o);

}  // namespace svc::cli
