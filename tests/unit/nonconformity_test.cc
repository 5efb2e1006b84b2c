// The nonconformity report (model/nonconformity.h): its kind, its fold
// (rules/nonconformity.h) and the commands' library entry points
// (ops/nonconformity.h).
#include <doctest/doctest.h>

#include <memory>

#include "disk_util.h"
#include "format/record_toml.h"
#include "model/nonconformity.h"
#include "model/vocabulary.h"
#include "ops/check.h"
#include "ops/intake.h"
#include "ops/nonconformity.h"
#include "rules/merge.h"
#include "rules/nonconformity.h"
#include "rules/state.h"
#include "storage/paths.h"
#include "storage/store.h"
#include "test_util.h"

using namespace svc;
using svc_test::T;

namespace {

Record NewReport(const char* id = "NC-26-11-01") {
  Record r;
  r.kind = &NonconformityKind();
  r.Set("id", std::string(id));
  r.Set("at", T("2026-11-22T08:00"));
  r.Set("by", std::string("王芳"));
  r.Set("ticket", std::string("YX-26-11-01"));
  r.Set("record", std::string("SC-26-11-01"));
  r.Set("parts", std::vector<Part>{Part{"", "继电器", 2, std::nullopt, ""}});
  r.Set("description", std::string("触点烧蚀\n线圈正常"));
  r.Set("customer.name", std::string("国网杭州供电公司"));
  r.Set("equipment.product", std::string("开关柜"));
  Event e;
  e.at = T("2026-11-22T08:00");
  e.actor = "王芳";
  e.action = "file";
  r.Append(std::move(e));
  return r;
}

Event Ev(const char* action, const char* at,
         std::vector<std::pair<std::string, Value>> fields = {}) {
  Event e;
  e.at = T(at);
  e.actor = "赵质检";
  e.action = action;
  for (auto& [k, v] : fields) e.Set(k, v);
  return e;
}

Status FoldWith(Record r, std::vector<Event> events, NonconformityState* st = nullptr) {
  for (Event& e : events) r.Append(std::move(e));
  NonconformityState s;
  return FoldNonconformity(r, std::nullopt, st ? st : &s);
}

}  // namespace

TEST_CASE("nonconformity: the kind is data on the record model, numbered by month") {
  const RecordKind& k = NonconformityKind();
  CHECK(FindKind("nonconformity") == &k);
  CHECK(k.folder == "nonconformities");
  CHECK(k.numbering == Numbering::kMonthly);
  CHECK(k.clause == "R-4.5.3.1");
  std::string rel;
  SVC_CHECK_OK(RecordPath(k, "NC-26-11-01", &rel));
  CHECK(rel == "nonconformities/2026/11/NC-26-11-01.toml");
  CHECK(k.Schema("dispose") != nullptr);
  CHECK(k.Schema("dispatch") == nullptr);
  std::string root;
  CHECK(KindOfPath("records/nonconformities/2026/11/NC-26-11-01.toml", &root) == &k);
  CHECK(Dispositions().Parse("让步接收")->stored == "concession");
  CHECK(Dispositions().Parse("退回")->stored == "return");
  CHECK(Forms().Has("nonconformity"));
}

TEST_CASE("nonconformity: canonical bytes round-trip through the generic reader") {
  Record r = NewReport();
  r.Append(Ev("action", "2026-11-23T09:00", {{"text", std::string("更换供应商批次")}}));
  r.Append(Ev("dispose", "2026-11-24T09:00", {{"disposition", std::string("return")}}));
  std::string text = WriteRecord(r);
  CHECK(text.starts_with(
      "# 不合格品报告处理单 Nonconformity Report (R-4.5.3.1)\nid = \"NC-26-11-01\"\n"
      "at = 2026-11-22T08:00:00+08:00\nby = \"王芳\"\nticket = \"YX-26-11-01\"\n"
      "record = \"SC-26-11-01\"\n"));
  Record back;
  SVC_REQUIRE_OK(
      ParseRecord(text, "nonconformities/2026/11/NC-26-11-01.toml", NonconformityKind(), &back));
  CHECK(back == r);
  CHECK(WriteRecord(back) == text);
  // The parts are required.
  Record none = NewReport();
  none.header.erase(std::find_if(none.header.begin(), none.header.end(),
                                 [](const auto& kv) { return kv.first == "parts"; }));
  CHECK_FALSE(ParseRecord(WriteRecord(none), "x", NonconformityKind(), &back).ok());
}

TEST_CASE("nonconformity: the fold files the action, its amendment and the close") {
  NonconformityState st;
  SVC_REQUIRE_OK(
      FoldWith(NewReport(),
               {Ev("action", "2026-11-23T09:00", {{"text", std::string("加严来料检验")}}),
                Ev("action", "2026-11-23T10:00",
                   {{"text", std::string("加严来料检验，更换批次")},
                    {"amend", true},
                    {"reason", std::string("补充")}}),
                Ev("dispose", "2026-11-24T09:00",
                   {{"disposition", std::string("scrap")}, {"comment", std::string("已报废")}}),
                Ev("note", "2026-11-25T09:00", {{"text", std::string("供应商已回复")}})},
               &st));
  CHECK(st.filed);
  CHECK(st.ticket == "YX-26-11-01");
  REQUIRE(st.parts.size() == 1);
  CHECK(st.parts[0].qty == 2);
  REQUIRE(st.action);
  CHECK(st.action->text == "加严来料检验，更换批次");
  CHECK(st.action->amendments == 1);
  REQUIRE(st.closed);
  CHECK(st.closed->disposition == "scrap");
  CHECK(NonconformityStatus(st) == "closed");
  CHECK(st.notes.size() == 1);
  // Closing needs no action first.
  SVC_REQUIRE_OK(
      FoldWith(NewReport(),
               {Ev("dispose", "2026-11-24T09:00", {{"disposition", std::string("repair")}})}, &st));
  CHECK(NonconformityStatus(st) == "closed");
  CHECK_FALSE(st.action);
}

TEST_CASE("nonconformity: the fold refuses what the report's rules do not allow") {
  auto refused = [](std::vector<Event> events) {
    Status s = FoldWith(NewReport(), std::move(events));
    CHECK(s.code() == Status::Code::kNotAllowed);
    return s.message();
  };
  Event close = Ev("dispose", "2026-11-24T09:00", {{"disposition", std::string("return")}});
  Event action = Ev("action", "2026-11-23T09:00", {{"text", std::string("措施")}});
  CHECK(refused({action, Ev("action", "2026-11-23T10:00", {{"text", std::string("again")}})})
            .find("correct it with --amend") != std::string::npos);
  CHECK(refused({Ev("action", "2026-11-23T10:00",
                    {{"text", std::string("x")}, {"amend", true}, {"reason", std::string("r")}})})
            .find("no corrective action to amend") != std::string::npos);
  // The merge's mark on the later of two clones' actions carries no reason
  // (svc nonconformity action --amend asks for one).
  SVC_CHECK_OK(FoldWith(NewReport(), {action, Ev("action", "2026-11-23T10:00",
                                                 {{"text", std::string("x")}, {"amend", true}})}));
  // Two clones' close-outs: the later, marked amended, stands; a plain
  // second close-out is refused.
  NonconformityState st;
  SVC_REQUIRE_OK(FoldWith(NewReport(),
                          {close, Ev("dispose", "2026-11-24T10:00",
                                     {{"disposition", std::string("scrap")}, {"amend", true}})},
                          &st));
  CHECK(st.closed->disposition == "scrap");
  CHECK(refused({Ev("dispose", "2026-11-24T10:00",
                    {{"disposition", std::string("scrap")}, {"amend", true}})})
            .find("no close-out to amend") != std::string::npos);
  CHECK(refused({close, Ev("dispose", "2026-11-25T09:00", {{"disposition", std::string("scrap")}})})
            .find("only notes follow") != std::string::npos);
  CHECK(refused({close, Ev("action", "2026-11-25T09:00", {{"text", std::string("late")}})})
            .find("only notes follow") != std::string::npos);
  CHECK(refused({Ev("dispose", "2026-11-24T09:00", {{"disposition", std::string("burn")}})})
            .find("no disposition") != std::string::npos);
  CHECK(refused({Ev("action", "2026-11-21T09:00", {{"text", std::string("early")}})})
            .find("before the report was filed") != std::string::npos);
  CHECK(refused({Ev("file", "2026-11-23T09:00")}).find("already filed") != std::string::npos);
}

TEST_CASE("nonconformity: two clones' actions and notes of one report merge without loss") {
  Record base = NewReport();
  Record ours = base, theirs = base;
  ours.Append(Ev("action", "2026-11-23T09:00", {{"text", std::string("措施")}}));
  theirs.Append(Ev("note", "2026-11-23T11:00", {{"text", std::string("备注")}}));
  Record merged;
  std::vector<std::string> notes;
  SVC_REQUIRE_OK(MergeRecords(
      base, ours, theirs,
      [](const Record& rec, size_t* failed) { return ReplayRecord(rec, Config{}, failed); },
      &merged, &notes));
  NonconformityState st;
  SVC_REQUIRE_OK(FoldNonconformity(merged, std::nullopt, &st));
  CHECK(st.action);
  CHECK(st.notes.size() == 1);
}

TEST_CASE("nonconformity: the commands number, refuse, write, list and count in check") {
  for (bool in_memory : {false, true}) {
    svc_test::TestDisk dir(in_memory);
    CAPTURE(dir.name());
    SVC_REQUIRE_OK(Store::Init(dir.root(), dir.disk()));
    std::unique_ptr<Store> store;
    SVC_REQUIRE_OK(Store::Open(dir.root(), dir.disk(), &store));
    CHECK(store->config().nonconformity_code == "NC");
    Time now = T("2026-12-05T09:00");
    IntakeForm intake;
    intake.via = "YX";
    intake.customer.name = "国网杭州供电公司";
    intake.equipment.product = "开关柜";
    intake.equipment.serial = "KYN-1";
    std::string ticket;
    SVC_REQUIRE_OK(
        OpenTicket(*store, intake, T("2026-10-20T09:00"), T("2026-10-20T09:00"), "王芳", &ticket));
    CHECK(ticket == "YX-26-10-01");
    NonconformityForm form{ticket, "", {"继电器:2"}, "触点烧蚀", T("2026-10-31T15:00")};
    std::string id;
    SVC_REQUIRE_OK(FileNonconformity(*store, form, now, "王芳", &id));
    CHECK(id == "NC-26-10-01");
    form.at = T("2026-10-31T17:00Z");  // 2026-11-01 01:00 in the company's zone
    SVC_REQUIRE_OK(FileNonconformity(*store, form, now, "王芳", &id));
    CHECK(id == "NC-26-11-01");
    SVC_REQUIRE_OK(FileNonconformity(*store, form, now, "王芳", &id));
    CHECK(id == "NC-26-11-02");
    NonconformityState n;
    SVC_REQUIRE_OK(LoadNonconformity(*store, "NC-26-11-01", std::nullopt, &n));
    CHECK(n.customer == "国网杭州供电公司");
    CHECK(n.product == "开关柜");
    CHECK(n.serial == "KYN-1");
    CHECK(n.record.empty());
    // Refusals: nothing written.
    auto before = dir.Snapshot();
    NonconformityForm bad = form;
    bad.ticket = "YX-26-10-09";
    Status s = FileNonconformity(*store, bad, now, "王芳", &id);
    CHECK(s.code() == Status::Code::kNotFound);
    bad = form;
    bad.record = "SC-26-10-01";
    CHECK(FileNonconformity(*store, bad, now, "王芳", &id).code() == Status::Code::kNotAllowed);
    bad = form;
    bad.parts = {};
    CHECK(FileNonconformity(*store, bad, now, "王芳", &id).code() ==
          Status::Code::kInvalidArgument);
    bad.parts = {"继电器:0"};
    CHECK(FileNonconformity(*store, bad, now, "王芳", &id).code() ==
          Status::Code::kInvalidArgument);
    bad.parts = {"继电器:2:30"};
    CHECK(FileNonconformity(*store, bad, now, "王芳", &id).code() ==
          Status::Code::kInvalidArgument);
    bad = form;
    bad.description = " ";
    CHECK(FileNonconformity(*store, bad, now, "王芳", &id).code() ==
          Status::Code::kInvalidArgument);
    bad = form;
    bad.at = T("2026-12-06T09:00");
    CHECK(FileNonconformity(*store, bad, now, "王芳", &id).code() ==
          Status::Code::kInvalidArgument);
    CHECK(CloseNonconformity(*store, "NC-26-11-01", "burn", "", now, now, "赵").code() ==
          Status::Code::kInvalidArgument);
    CHECK(CloseNonconformity(*store, "NC-26-11-09", "scrap", "", now, now, "赵").code() ==
          Status::Code::kNotFound);
    CHECK(dir.Snapshot() == before);
    SVC_REQUIRE_OK(
        FileCorrectiveAction(*store, "NC-26-11-01", {"加严检验", false, ""}, now, now, "赵质检"));
    CHECK(FileCorrectiveAction(*store, "NC-26-11-01", {"again", false, ""}, now, now, "赵质检")
              .code() == Status::Code::kNotAllowed);
    SVC_REQUIRE_OK(
        CloseNonconformity(*store, "NC-26-11-01", "让步接收", "可用", now, now, "赵质检"));
    CHECK(CloseNonconformity(*store, "NC-26-11-01", "scrap", "", now, now, "赵").code() ==
          Status::Code::kNotAllowed);
    SVC_REQUIRE_OK(NoteNonconformity(*store, "NC-26-11-01", "已通知供应商", now, now, "赵质检"));
    std::vector<NonconformityState> list;
    SVC_REQUIRE_OK(LoadNonconformities(*store, std::nullopt, &list));
    SortNonconformities(&list);
    REQUIRE(list.size() == 3);
    CHECK(list[0].id == "NC-26-11-02");  // open, newest
    CHECK(list[1].id == "NC-26-10-01");  // open, older
    CHECK(list[2].id == "NC-26-11-01");  // closed
    CHECK(list[2].closed->disposition == "concession");
    SVC_REQUIRE_OK(LoadNonconformities(*store, std::nullopt, &list, T("2026-10-31T23:00")));
    CHECK(list.size() == 1);  // only October's folder
    // svc check: clean; then a report naming a ticket not on file, and a gap.
    auto problems = [&] {
      std::vector<std::string> found;
      CheckSummary summary;
      SVC_REQUIRE_OK(CheckRecordKind(
          *store, NonconformityKind(), [&](const Problem& p) { found.push_back(p.message); },
          &summary));
      return found;
    };
    CHECK(problems().empty());
    std::string path = dir / "nonconformities/2026/11/NC-26-11-02.toml";
    std::string text = dir.Read(path);
    dir.Write(path,
              svc_test::ReplaceOnce(text, "ticket = \"YX-26-10-01\"", "ticket = \"YX-26-10-07\""));
    CHECK(problems() == std::vector<std::string>{"the report comes from ticket 'YX-26-10-07', "
                                                 "which is not on file"});
    dir.Write(path, text);
    SVC_REQUIRE_OK(dir.disk()->RemoveFile(dir / "nonconformities/2026/11/NC-26-11-01.toml"));
    CHECK(problems() ==
          std::vector<std::string>{"gap in the nonconformity numbers for 2026-11: NC-26-11-01 is "
                                   "missing before NC-26-11-02"});
  }
}
