// The customer visit (model/visit.h): its kind, its fold and clocks
// (rules/visit.h) and the commands' library entry points (ops/visits.h).
#include <doctest/doctest.h>

#include <memory>

#include "disk_util.h"
#include "format/record_toml.h"
#include "model/visit.h"
#include "ops/check.h"
#include "ops/customers.h"
#include "ops/overdue.h"
#include "ops/visits.h"
#include "rules/merge.h"
#include "rules/state.h"
#include "rules/visit.h"
#include "storage/store.h"
#include "test_util.h"

using namespace svc;
using svc_test::T;

namespace {

Record NewVisit(const char* id = "BF-26-11-01") {
  Record r;
  r.kind = &VisitKind();
  r.Set("id", std::string(id));
  r.Set("at", T("2026-11-20T10:00"));
  r.Set("by", std::vector<std::string>{"张伟", "李强"});
  r.Set("findings", std::string("开关柜运行正常\n柜门锁损坏"));
  r.Set("requests", std::string("明年安排预防性试验"));
  r.Set("customer.code", std::string("K0001"));
  r.Set("customer.name", std::string("国网杭州供电公司"));
  Event e;
  e.at = T("2026-11-20T10:00");
  e.recorded = T("2026-11-21T09:00");
  e.actor = "王芳";
  e.action = "record";
  r.Append(std::move(e));
  return r;
}

Event Report(const char* at, const char* text, bool amend = false, const char* reason = "") {
  Event e;
  e.at = T(at);
  e.actor = "张伟";
  e.action = "report";
  e.Set("text", std::string(text));
  if (amend) e.Set("amend", true);
  if (*reason) e.Set("reason", std::string(reason));
  return e;
}

}  // namespace

TEST_CASE("visit: the kind is data on the record model, numbered by month") {
  const RecordKind& k = VisitKind();
  CHECK(FindKind("visit") == &k);
  CHECK(k.folder == "visits");
  CHECK(k.numbering == Numbering::kMonthly);
  std::string rel;
  SVC_CHECK_OK(RecordPath(k, "BF-26-11-01", &rel));
  CHECK(rel == "visits/2026/11/BF-26-11-01.toml");
  CHECK_FALSE(RecordPath(k, "K0001", &rel).ok());
  CHECK(k.Schema("report") != nullptr);
  CHECK(k.Schema("dispatch") == nullptr);  // a ticket's action
  CHECK(TicketKind().Schema("report") == nullptr);
  std::string root;
  CHECK(KindOfPath("records/visits/2026/11/BF-26-11-01.toml", &root) == &k);
  CHECK(root == "records");
}

TEST_CASE("visit: canonical bytes round-trip through the generic reader") {
  Record r = NewVisit();
  r.Append(Report("2026-11-25T09:00", "已走访，柜门锁已更换"));
  std::string text = WriteRecord(r);
  CHECK(
      text.starts_with("# 顾客走访记录 Customer Visit Record (R-4.6 a)\nid = \"BF-26-11-01\"\n"
                       "at = 2026-11-20T10:00:00+08:00\nby = [\"张伟\", \"李强\"]\n"));
  CHECK(text.find("[customer]\ncode = \"K0001\"\nname = \"国网杭州供电公司\"\n") !=
        std::string::npos);
  Record back;
  SVC_REQUIRE_OK(ParseRecord(text, "visits/2026/11/BF-26-11-01.toml", VisitKind(), &back));
  CHECK(back == r);
  CHECK(WriteRecord(back) == text);
  std::string bad = svc_test::ReplaceOnce(text, "action = \"report\"", "action = \"close\"");
  CHECK_FALSE(ParseRecord(bad, "x", VisitKind(), &back).ok());
  // The customer's code is required.
  bad = svc_test::ReplaceOnce(text, "code = \"K0001\"\n", "");
  CHECK_FALSE(ParseRecord(bad, "x", VisitKind(), &back).ok());
}

TEST_CASE("visit: the fold files the report and its amendments") {
  Record r = NewVisit();
  VisitState st;
  SVC_REQUIRE_OK(FoldVisit(r, std::nullopt, &st));
  CHECK(st.recorded);
  CHECK(st.customer_code == "K0001");
  CHECK(st.by == std::vector<std::string>{"张伟", "李强"});
  CHECK_FALSE(st.report);
  CHECK(VisitStatus(st) == "unreported");
  r.Append(Report("2026-11-25T09:00", "第一稿"));
  r.Append(Report("2026-11-26T09:00", "第二稿", true, "补充"));
  SVC_REQUIRE_OK(FoldVisit(r, std::nullopt, &st));
  REQUIRE(st.report);
  CHECK(st.report->text == "第二稿");
  CHECK(st.report->first == T("2026-11-25T09:00"));
  CHECK(st.report->amendments == 1);
  CHECK(VisitStatus(st) == "reported");
  // As of a moment before the report: unreported; before the record was entered: not yet.
  SVC_REQUIRE_OK(FoldVisit(r, T("2026-11-24T09:00"), &st));
  CHECK(st.recorded);
  CHECK_FALSE(st.report);
  SVC_REQUIRE_OK(FoldVisit(r, T("2026-11-20T12:00"), &st));
  CHECK_FALSE(st.recorded);
}

TEST_CASE("visit: the fold refuses what the record's rules do not allow") {
  VisitState st;
  size_t failed = 99;
  {
    Record r = NewVisit();
    r.Append(Report("2026-11-25T09:00", "第一稿"));
    r.Append(Report("2026-11-26T09:00", "第二稿"));
    Status s = FoldVisit(r, std::nullopt, &st, &failed);
    CHECK(s.code() == Status::Code::kNotAllowed);
    CHECK(s.message() ==
          "BF-26-11-01: 'report' at 2026-11-26T09:00:00+08:00 is not allowed: the report was "
          "already filed at 2026-11-25T09:00:00+08:00; correct it with --amend");
    CHECK(failed == 2);
    CHECK_FALSE(ReplayRecord(r, Config{}).ok());
  }
  {
    Record r = NewVisit();
    r.Append(Report("2026-11-25T09:00", "更正", true, "补充"));
    CHECK(FoldVisit(r, std::nullopt, &st).message().ends_with("there is no report to amend"));
  }
  {
    Record r = NewVisit();
    r.Append(Report("2026-11-19T09:00", "早于走访"));
    CHECK(FoldVisit(r, std::nullopt, &st).message().find("it comes before the visit") !=
          std::string::npos);
  }
  {
    Record r = NewVisit();
    r.Append(Report("2026-11-25T09:00", "第一稿"));
    r.Append(Report("2026-11-26T09:00", "无理由", true));
    // The merge's mark on the later of two clones' reports has no reason
    // (svc visit report --amend asks for one): it stands.
    SVC_CHECK_OK(FoldVisit(r, std::nullopt, &st));
    CHECK(st.report->text == "无理由");
  }
  {
    Record r = NewVisit();
    r.events.clear();
    r.Append(Report("2026-11-25T09:00", "无记录"));
    CHECK(FoldVisit(r, std::nullopt, &st)
              .message()
              .ends_with("it comes before the visit was recorded"));
  }
}

TEST_CASE("visit: months are added in the company's zone, clamped to the month's end") {
  CHECK(AddMonths(T("2026-01-31T10:00"), 1, 480) == T("2026-02-28T10:00"));
  CHECK(AddMonths(T("2024-02-29T23:30"), 12, 480) == T("2025-02-28T23:30"));
  CHECK(AddMonths(T("2026-11-20T10:00"), 12, 480) == T("2027-11-20T10:00"));
  // 2026-12-31T20:00Z is 2027-01-01T04:00+08:00: the month is the company's.
  Time utc;
  SVC_REQUIRE_OK(ParseTime("2026-12-31T20:00:00Z", 0, &utc));
  CHECK(AddMonths(utc, 1, 480) == T("2027-02-01T04:00"));
}

TEST_CASE("visit: clocks visit-report and visit before and after their deadlines") {
  Config config;
  config.offset_minutes = 480;
  Record r = NewVisit();
  VisitState st;
  SVC_REQUIRE_OK(FoldVisit(r, std::nullopt, &st));
  // 10 days from the visit: running until, overdue after 2026-11-30T10:00.
  Clock c = VisitReportClock(st, config, T("2026-11-30T10:00"));
  CHECK(c.name == "visit-report");
  CHECK(c.deadline == T("2026-11-30T10:00"));
  CHECK(c.state == ClockState::kRunning);
  CHECK(VisitReportClock(st, config, T("2026-11-30T10:01")).state == ClockState::kOverdue);
  r.Append(Report("2026-11-30T10:00", "按时"));
  SVC_REQUIRE_OK(FoldVisit(r, std::nullopt, &st));
  CHECK(VisitReportClock(st, config, T("2026-12-30T10:00")).state == ClockState::kMet);
  Record late = NewVisit();
  late.Append(Report("2026-11-30T10:01", "晚了"));
  SVC_REQUIRE_OK(FoldVisit(late, std::nullopt, &st));
  CHECK(VisitReportClock(st, config, T("2026-12-30T10:00")).state == ClockState::kBreached);
  // A key customer: 12 months from its latest visit.
  Clock k = KeyCustomerVisitClock(T("2026-11-20T10:00"), config, T("2027-11-20T10:00"));
  CHECK(k.name == "visit");
  CHECK(k.deadline == T("2027-11-20T10:00"));
  CHECK(k.state == ClockState::kRunning);
  CHECK(KeyCustomerVisitClock(T("2026-11-20T10:00"), config, T("2027-11-20T10:00:01")).state ==
        ClockState::kOverdue);
  config.clocks.visit_months = 6;
  CHECK(KeyCustomerVisitClock(T("2026-11-20T10:00"), config, T("2027-05-21T10:00")).state ==
        ClockState::kOverdue);
}

TEST_CASE("visit: two clones' reports and notes of one visit merge without loss") {
  Record base = NewVisit();
  Record ours = base, theirs = base;
  ours.Append(Report("2026-11-25T09:00", "报告"));
  Event note;
  note.at = T("2026-11-26T09:00");
  note.actor = "李强";
  note.action = "note";
  note.Set("text", std::string("客户来电确认"));
  theirs.Append(std::move(note));
  Record merged;
  std::vector<std::string> notes;
  SVC_REQUIRE_OK(MergeRecords(
      base, ours, theirs,
      [](const Record& rec, size_t* failed) { return ReplayRecord(rec, Config{}, failed); },
      &merged, &notes));
  VisitState st;
  SVC_REQUIRE_OK(FoldVisit(merged, std::nullopt, &st));
  CHECK(st.report);
  CHECK(st.notes.size() == 1);
}

TEST_CASE("visit: the commands number, refuse, write and show in overdue") {
  for (bool in_memory : {false, true}) {
    svc_test::TestDisk dir(in_memory);
    CAPTURE(dir.name());
    SVC_REQUIRE_OK(Store::Init(dir.root(), dir.disk()));
    std::unique_ptr<Store> store;
    SVC_REQUIRE_OK(Store::Open(dir.root(), dir.disk(), &store));
    CHECK(store->config().visit_code == "BF");
    CHECK(store->config().clocks.visit_report == Duration{10 * 24 * 3600});
    Time now = T("2026-11-05T09:00");
    std::string code;
    SVC_REQUIRE_OK(AddCustomer(*store, CustomerForm{"甲公司", {}, {}, {}, {}, true},
                               T("2025-01-10T09:00"), now, "王芳", &code));
    UnitForm u;
    u.serial = "S-1";
    u.product = "开关柜";
    SVC_REQUIRE_OK(AddEquipment(*store, "K0001", u, now, now, "张伟", &code));
    VisitForm form;
    form.customer = "K0001";
    form.at = T("2026-10-31T15:00");
    form.by = {"张伟"};
    form.serials = {"S-1"};
    std::string id;
    SVC_REQUIRE_OK(RecordVisit(*store, form, now, "王芳", &id));
    CHECK(id == "BF-26-10-01");
    form.at = T("2026-11-01T09:00");
    SVC_REQUIRE_OK(RecordVisit(*store, form, now, "王芳", &id));
    CHECK(id == "BF-26-11-01");
    SVC_REQUIRE_OK(RecordVisit(*store, form, now, "王芳", &id));
    CHECK(id == "BF-26-11-02");
    // Refusals.
    VisitForm bad = form;
    bad.customer = "K0009";
    Status s = RecordVisit(*store, bad, now, "王芳", &id);
    CHECK(s.code() == Status::Code::kNotFound);
    CHECK(s.message() == "no customer 'K0009' (see 'svc customer list')");
    bad = form;
    bad.serials = {"S-9"};
    CHECK(RecordVisit(*store, bad, now, "王芳", &id).code() == Status::Code::kNotAllowed);
    bad = form;
    bad.by.clear();
    CHECK(RecordVisit(*store, bad, now, "王芳", &id).code() == Status::Code::kInvalidArgument);
    bad = form;
    bad.at = T("2026-11-06T09:00");
    CHECK(RecordVisit(*store, bad, now, "王芳", &id).code() == Status::Code::kInvalidArgument);
    CHECK(ReportVisit(*store, "BF-26-11-09", {"x", false, ""}, now, now, "张伟").code() ==
          Status::Code::kNotFound);
    SVC_REQUIRE_OK(ReportVisit(*store, "BF-26-11-01", {"报告", false, ""}, now, now, "张伟"));
    s = ReportVisit(*store, "BF-26-11-01", {"again", false, ""}, now, now, "张伟");
    CHECK(s.code() == Status::Code::kNotAllowed);
    CHECK(ReportVisit(*store, "BF-26-11-01", {"again", true, ""}, now, now, "张伟").code() ==
          Status::Code::kInvalidArgument);
    SVC_REQUIRE_OK(ReportVisit(*store, "BF-26-11-01", {"更正", true, "补充"}, now, now, "张伟"));
    std::vector<VisitState> visits;
    SVC_REQUIRE_OK(LoadVisits(*store, std::nullopt, &visits));
    REQUIRE(visits.size() == 3);
    CHECK(visits[0].id == "BF-26-10-01");
    CHECK(visits[1].report->text == "更正");
    // Overdue: BF-26-10-01's report was due 2026-11-10T15:00.
    auto due = [&](const Time& at) {
      DueList list;
      DueSummary summary;
      SVC_REQUIRE_OK(FindDue(
          *store, at, DueFilter{}, ScanOptions{}, [](const Status&) {}, &list, &summary));
      std::vector<std::string> found;
      list.ForEach([&](const DueClock& d) { found.push_back(d.id + " " + d.clock.name); });
      return found;
    };
    CHECK(due(T("2026-11-10T15:00")).empty());
    CHECK(due(T("2026-11-10T15:01")) == std::vector<std::string>{"BF-26-10-01 visit-report"});
    CHECK(due(T("2026-11-11T09:01")) ==
          std::vector<std::string>{"BF-26-10-01 visit-report", "BF-26-11-02 visit-report"});
    // The key customer K0001: 12 months after its latest visit (2026-11-01T09:00).
    CHECK(due(T("2027-11-01T09:00")).size() == 2);
    CHECK(due(T("2027-11-01T09:01")).back() == "K0001 visit");
    // svc check: clean; then a gap in a month's numbers.
    auto problems = [&] {
      std::vector<std::string> found;
      CheckSummary summary;
      SVC_REQUIRE_OK(CheckRecordKind(
          *store, VisitKind(), [&](const Problem& p) { found.push_back(p.message); }, &summary));
      return found;
    };
    CHECK(problems().empty());
    SVC_REQUIRE_OK(dir.disk()->RemoveFile(dir / "visits/2026/11/BF-26-11-01.toml"));
    CHECK(problems() == std::vector<std::string>{"gap in the visit numbers for 2026-11: "
                                                 "BF-26-11-01 is missing before BF-26-11-02"});
  }
}
