// The training record (model/training.h): its kind, its fold
// (rules/training.h) and the commands' library entry points
// (ops/training.h); the case library's grouping (ops/cases.h).
#include <doctest/doctest.h>

#include <memory>

#include "disk_util.h"
#include "format/record_toml.h"
#include "model/training.h"
#include "ops/cases.h"
#include "ops/check.h"
#include "ops/training.h"
#include "rules/merge.h"
#include "rules/state.h"
#include "rules/training.h"
#include "storage/paths.h"
#include "storage/store.h"
#include "test_util.h"

using namespace svc;
using svc_test::T;

namespace {

Record NewTraining(const char* id = "PX-26-11-01") {
  Record r;
  r.kind = &TrainingKind();
  r.Set("id", std::string(id));
  r.Set("date", Date{2026, 11, 20});
  r.Set("topic", std::string("开关柜保护装置调试"));
  r.Set("trainer", std::string("张伟"));
  r.Set("trainees", std::vector<std::string>{"李强", "王芳"});
  r.Set("hours", std::string("3"));
  r.Set("materials", std::vector<std::string>{"KYN28 调试手册"});
  r.Set("at", T("2026-11-20T17:00"));
  r.Set("by", std::string("陈静"));
  Event e;
  e.at = T("2026-11-20T17:00");
  e.actor = "陈静";
  e.action = "record";
  r.Append(std::move(e));
  return r;
}

Event Assess(const char* at, const char* trainee, const char* result) {
  Event e;
  e.at = T(at);
  e.actor = "张伟";
  e.action = "assess";
  e.Set("trainee", std::string(trainee));
  e.Set("result", std::string(result));
  return e;
}

Status FoldWith(Record r, std::vector<Event> events, TrainingState* st = nullptr) {
  for (Event& e : events) r.Append(std::move(e));
  TrainingState s;
  return FoldTraining(r, std::nullopt, st ? st : &s);
}

Case C(const char* id, const char* product, const char* cause, const char* closed) {
  Case c;
  c.id = id;
  c.product = product;
  c.cause_category = cause;
  c.closed = T(closed);
  return c;
}

}  // namespace

TEST_CASE("training: the kind is data on the record model, numbered by month") {
  const RecordKind& k = TrainingKind();
  CHECK(FindKind("training") == &k);
  CHECK(k.folder == "training");
  CHECK(k.numbering == Numbering::kMonthly);
  std::string rel;
  SVC_REQUIRE_OK(RecordPath(k, "PX-26-11-01", &rel));
  CHECK(rel == "training/2026/11/PX-26-11-01.toml");
  std::string root;
  CHECK(KindOfPath("records/training/2026/11/PX-26-11-01.toml", &root) == &k);
  CHECK(root == "records");
}

TEST_CASE("training: canonical bytes round-trip through the generic reader") {
  Record r = NewTraining();
  std::string text = WriteRecord(r);
  CHECK(
      text.starts_with("# 培训记录 Training Record (R-3.1, R-4.3.1)\nid = \"PX-26-11-01\"\n"
                       "date = 2026-11-20\n"));
  Record back;
  SVC_REQUIRE_OK(ParseRecord(text, "training/2026/11/PX-26-11-01.toml", TrainingKind(), &back));
  CHECK(back == r);
  CHECK(WriteRecord(back) == text);
}

TEST_CASE("training: the fold records each trainee's result once, of trainees only") {
  TrainingState st;
  SVC_REQUIRE_OK(FoldWith(NewTraining(), {Assess("2026-11-21T10:00", "李强", "合格 92分")}, &st));
  REQUIRE(st.ResultOf("李强"));
  CHECK(st.ResultOf("李强")->result == "合格 92分");
  CHECK_FALSE(st.ResultOf("王芳"));
  CHECK(st.trainees == std::vector<std::string>{"李强", "王芳"});
  // Refused: someone not trained, an empty result, a second result, before the day.
  CHECK_FALSE(FoldWith(NewTraining(), {Assess("2026-11-21T10:00", "赵六", "合格")}).ok());
  CHECK_FALSE(FoldWith(NewTraining(), {Assess("2026-11-21T10:00", "李强", "")}).ok());
  CHECK_FALSE(FoldWith(NewTraining(), {Assess("2026-11-21T10:00", "李强", "合格"),
                                       Assess("2026-11-22T10:00", "李强", "优秀")})
                  .ok());
  // Recorded ahead (a planned session): no result before its day.
  Record planned = NewTraining();
  planned.Set("date", Date{2026, 11, 25});
  Status s = FoldWith(planned, {Assess("2026-11-21T10:00", "李强", "合格")});
  CHECK(s.message().find("before the training (2026-11-25)") != std::string::npos);
  // Nor before the record was made.
  s = FoldWith(NewTraining(), {Assess("2026-11-19T10:00", "李强", "合格")});
  CHECK(s.message().find("before the training was recorded") != std::string::npos);
}

TEST_CASE("training: two clones' assessments of one record merge without loss") {
  Record base = NewTraining();
  Record ours = base, theirs = base;
  ours.Append(Assess("2026-11-21T10:00", "李强", "合格"));
  theirs.Append(Assess("2026-11-21T11:00", "王芳", "优秀"));
  Record merged;
  std::vector<std::string> notes;
  SVC_REQUIRE_OK(MergeRecords(
      base, ours, theirs,
      [](const Record& rec, size_t* failed) { return ReplayRecord(rec, Config{}, failed); },
      &merged, &notes));
  TrainingState st;
  SVC_REQUIRE_OK(FoldTraining(merged, std::nullopt, &st));
  CHECK(st.results.size() == 2);
}

TEST_CASE("training: the commands number, refuse, write, list by year and count in check") {
  for (bool in_memory : {false, true}) {
    svc_test::TestDisk dir(in_memory);
    CAPTURE(dir.name());
    SVC_REQUIRE_OK(Store::Init(dir.root(), dir.disk()));
    std::unique_ptr<Store> store;
    SVC_REQUIRE_OK(Store::Open(dir.root(), dir.disk(), &store));
    CHECK(store->config().training_code == "PX");
    Time now = T("2026-12-05T09:00");
    TrainingForm form{"2026-11-20", "保护装置调试", "张伟", {"李强", "王芳"},
                      "笔试",       {"手册"},       "2.50", T("2026-11-20T17:00")};
    std::string id;
    SVC_REQUIRE_OK(AddTraining(*store, form, now, "陈静", &id));
    CHECK(id == "PX-26-11-01");
    SVC_REQUIRE_OK(AddTraining(*store, form, now, "陈静", &id));
    CHECK(id == "PX-26-11-02");
    form.date = "2025-12-01";
    SVC_REQUIRE_OK(AddTraining(*store, form, now, "陈静", &id));
    CHECK(id == "PX-25-12-01");
    TrainingState t;
    SVC_REQUIRE_OK(LoadTraining(*store, "PX-26-11-01", std::nullopt, &t));
    CHECK(t.hours == "2.5");
    CHECK(t.assessment == "笔试");
    // Refused: bad date, empty topic, no trainee, a trainee twice, bad hours.
    TrainingForm bad = form;
    bad.date = "2026-13-01";
    CHECK(AddTraining(*store, bad, now, "陈静", &id).code() == Status::Code::kInvalidArgument);
    bad = form;
    bad.topic = " ";
    CHECK(AddTraining(*store, bad, now, "陈静", &id).code() == Status::Code::kInvalidArgument);
    bad = form;
    bad.trainees.clear();
    CHECK(AddTraining(*store, bad, now, "陈静", &id).code() == Status::Code::kInvalidArgument);
    bad.trainees = {"李强", "李强"};
    CHECK(AddTraining(*store, bad, now, "陈静", &id).code() == Status::Code::kInvalidArgument);
    bad = form;
    bad.hours = "two";
    CHECK(AddTraining(*store, bad, now, "陈静", &id).code() == Status::Code::kInvalidArgument);
    SVC_REQUIRE_OK(AssessTraining(*store, "PX-26-11-01", "李强", "合格", "", T("2026-11-21T10:00"),
                                  now, "张伟"));
    CHECK(AssessTraining(*store, "PX-26-11-01", "李强", "优秀", "", now, now, "张伟").code() ==
          Status::Code::kNotAllowed);
    CHECK(AssessTraining(*store, "PX-26-11-09", "李强", "优秀", "", now, now, "张伟").code() ==
          Status::Code::kNotFound);
    SVC_REQUIRE_OK(NoteTraining(*store, "PX-26-11-01", "补考安排在下月", now, now, "张伟"));
    std::vector<TrainingState> list;
    SVC_REQUIRE_OK(LoadTrainings(*store, std::nullopt, std::nullopt, &list));
    REQUIRE(list.size() == 3);
    CHECK(list[0].id == "PX-26-11-02");  // newest first
    CHECK(list[2].id == "PX-25-12-01");
    SVC_REQUIRE_OK(LoadTrainings(*store, std::nullopt, 2025, &list));
    REQUIRE(list.size() == 1);
    CHECK(list[0].id == "PX-25-12-01");
    auto problems = [&] {
      std::vector<std::string> found;
      CheckSummary summary;
      SVC_REQUIRE_OK(CheckRecordKind(
          *store, TrainingKind(), [&](const Problem& p) { found.push_back(p.message); }, &summary));
      return found;
    };
    CHECK(problems().empty());
    SVC_REQUIRE_OK(dir.disk()->RemoveFile(dir / "training/2026/11/PX-26-11-01.toml"));
    CHECK(problems() ==
          std::vector<std::string>{"gap in the training numbers for 2026-11: PX-26-11-01 is "
                                   "missing before PX-26-11-02"});
  }
}

TEST_CASE("training: [[staff]], when it lists staff, names the trainer and the trainees") {
  svc_test::TestDisk dir(true);
  SVC_REQUIRE_OK(Store::Init(dir.root(), dir.disk()));
  std::string config = dir.Read(dir / "svc.toml");
  dir.Write(dir / "svc.toml", config +
                                  "\n[[staff]]\nname = \"张伟\"\nrole = \"engineer\"\n"
                                  "\n[[staff]]\nname = \"李强\"\nrole = \"engineer\"\n");
  std::unique_ptr<Store> store;
  SVC_REQUIRE_OK(Store::Open(dir.root(), dir.disk(), &store));
  Time now = T("2026-12-05T09:00");
  TrainingForm form{"2026-11-20", "保护装置调试", "张伟", {"李强"}, "", {}, "", now};
  std::string id;
  SVC_REQUIRE_OK(AddTraining(*store, form, now, "陈静", &id));
  form.trainees.push_back("外人");
  Status s = AddTraining(*store, form, now, "陈静", &id);
  CHECK(s.code() == Status::Code::kNotAllowed);
  CHECK(s.message() == "trainee '外人' is not listed in svc.toml's [[staff]]");
}

TEST_CASE("cases: grouped by product, then by cause category, newest closed first") {
  std::vector<CauseCategory> causes = {{"software", "软件缺陷"}, {"component", "元器件失效"}};
  std::vector<Case> cases = {
      C("YX-26-10-01", "开关柜", "component", "2026-10-20T10:00"),
      C("YX-26-11-02", "", "software", "2026-11-20T10:00"),
      C("YX-26-11-01", "开关柜", "software", "2026-11-10T10:00"),
      C("YX-26-11-03", "开关柜", "component", "2026-11-12T10:00"),
      C("YX-26-09-01", "变压器", "", "2026-09-12T10:00"),
      C("YX-26-09-02", "变压器", "lightning", "2026-09-13T10:00"),  // since removed from svc.toml
      C("YX-26-09-03", "变压器", "software", "2026-09-14T10:00"),
  };
  std::vector<ProductCases> g = GroupCases(cases, causes);
  REQUIRE(g.size() == 3);
  CHECK(g[0].product == "变压器");
  REQUIRE(g[0].groups.size() == 3);
  CHECK(g[0].groups[0].cause == "software");
  CHECK(g[0].groups[0].cause_name == "软件缺陷");
  CHECK(g[0].groups[1].cause == "lightning");  // a code svc.toml no longer lists: next
  CHECK(g[0].groups[1].cause_name == "");
  CHECK(g[0].groups[2].cause == "");  // uncategorised last
  CHECK(g[1].product == "开关柜");
  REQUIRE(g[1].groups.size() == 2);
  CHECK(g[1].groups[0].cause == "software");  // in svc.toml's order, not by code
  CHECK(g[1].groups[1].cause == "component");
  CHECK(g[1].groups[1].cause_name == "元器件失效");
  REQUIRE(g[1].groups[1].cases.size() == 2);
  CHECK(g[1].groups[1].cases[0].id == "YX-26-11-03");  // newest first
  CHECK(g[2].product == "");                           // no product last
  CHECK(GroupCases({}, causes).empty());
  Case k = C("YX-26-11-01", "KYN28 开关柜", "", "2026-11-10T10:00");
  k.model = "ABB-X3";
  CHECK(CaseMatches(k, ""));
  CHECK(CaseMatches(k, "kyn28"));
  CHECK(CaseMatches(k, "abb"));
  CHECK(CaseMatches(k, "开关"));
  CHECK_FALSE(CaseMatches(k, "变压器"));
}
