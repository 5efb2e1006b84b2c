// The annual service plan (model/annual_plan.h): its kind, its fold
// (rules/annual_plan.h), its clock and the commands' library entry points
// (ops/annual_plan.h).
#include <doctest/doctest.h>

#include <memory>

#include "disk_util.h"
#include "format/record_toml.h"
#include "model/annual_plan.h"
#include "ops/annual_plan.h"
#include "ops/check.h"
#include "ops/customers.h"
#include "rules/annual_plan.h"
#include "rules/merge.h"
#include "rules/state.h"
#include "storage/store.h"
#include "test_util.h"

using namespace svc;
using svc_test::T;

namespace {

Record NewPlan() {
  Record r;
  r.kind = &PlanKind();
  r.Set("id", std::string("2026"));
  return r;
}

Event ItemEvent(const char* at, int n, int month = 5, const char* customer = "K0001") {
  Event e;
  e.at = T(at);
  e.actor = "王芳";
  e.action = "item";
  e.Set("n", static_cast<int64_t>(n));
  e.Set("customer", std::string(customer));
  e.Set("month", static_cast<int64_t>(month));
  e.Set("work", std::string("technical"));
  return e;
}

Event ApproveEvent(const char* at) {
  Event e;
  e.at = T(at);
  e.actor = "张伟";
  e.action = "approve";
  e.Set("role", std::string("gm"));
  return e;
}

Event ServedEvent(const char* at, const PlanItem& it, const char* ticket) {
  Event e;
  e.at = T(at);
  e.actor = "王芳";
  e.action = "served";
  e.Set("item", static_cast<int64_t>(it.n));
  e.Set("added", it.added);
  e.Set("ticket", std::string(ticket));
  return e;
}

}  // namespace

TEST_CASE("annual plan: the kind is data on the record model, in AllKinds") {
  const RecordKind& k = PlanKind();
  CHECK(FindKind("plan") == &k);
  CHECK(k.folder == "plans");
  CHECK(k.numbering == Numbering::kYearly);
  std::string rel;
  SVC_CHECK_OK(RecordPath(k, "2026", &rel));
  CHECK(rel == "plans/2026.toml");
  CHECK_FALSE(RecordPath(k, "26", &rel).ok());
  CHECK(k.Schema("served") != nullptr);
  CHECK(k.Schema("equipment") == nullptr);  // a customer file's action
  std::string root;
  CHECK(KindOfPath("records/plans/2026.toml", &root) == &k);
}

TEST_CASE("annual plan: canonical bytes round-trip through the generic reader") {
  Record r = NewPlan();
  r.Append(ItemEvent("2026-01-05T09:00", 1));
  r.Append(ApproveEvent("2026-01-06T09:00"));
  std::string text = WriteRecord(r);
  CHECK(text.starts_with("# 年度服务计划 Annual Service Plan (R-4.5.5)\nid = \"2026\"\n"));
  Record back;
  SVC_REQUIRE_OK(ParseRecord(text, "plans/2026.toml", PlanKind(), &back));
  CHECK(back == r);
  CHECK(WriteRecord(back) == text);
}

TEST_CASE("annual plan: the fold approves, serves and refuses") {
  Record r = NewPlan();
  r.Append(ItemEvent("2026-01-05T09:00", 1, 3));
  r.Append(ItemEvent("2026-01-05T09:10", 2, 5));
  r.Append(ApproveEvent("2026-01-06T09:00"));
  r.Append(ItemEvent("2026-02-01T09:00", 3, 6));  // after the approval: planned only
  PlanState st;
  SVC_REQUIRE_OK(FoldPlan(r, std::nullopt, &st));
  REQUIRE(st.items.size() == 3);
  CHECK(st.items[0].State() == "approved");
  CHECK(st.items[2].State() == "planned");
  Record served = r;
  served.Append(ServedEvent("2026-03-02T10:00", st.items[0], "YX-26-03-01"));
  PlanState s2;
  SVC_REQUIRE_OK(FoldPlan(served, std::nullopt, &s2));
  CHECK(s2.items[0].State() == "served");
  CHECK(s2.items[0].ticket == "YX-26-03-01");
  // Refusals: served twice, an item not approved, a gap, a month out of range.
  Record twice = served;
  twice.Append(ServedEvent("2026-03-03T10:00", st.items[0], "YX-26-03-02"));
  size_t failed = 0;
  Status s = ReplayRecord(twice, Config{}, &failed);
  CHECK(s.code() == Status::Code::kNotAllowed);
  CHECK(failed == 5);
  CHECK(s.message().find("already served by YX-26-03-01") != std::string::npos);
  Record unapproved = r;
  unapproved.Append(ServedEvent("2026-03-02T10:00", st.items[2], "YX-26-03-01"));
  CHECK(ReplayRecord(unapproved, Config{}).message().find("not approved") != std::string::npos);
  Record gap = NewPlan();
  gap.Append(ItemEvent("2026-01-05T09:00", 1));
  gap.Append(ItemEvent("2026-01-05T09:10", 3));
  CHECK(ReplayRecord(gap, Config{}).message().find("gap") != std::string::npos);
  Record month = NewPlan();
  month.Append(ItemEvent("2026-01-05T09:00", 1, 13));
  CHECK_FALSE(ReplayRecord(month, Config{}).ok());
  // As of a moment: the approval does not count yet.
  SVC_REQUIRE_OK(FoldPlan(r, T("2026-01-05T12:00"), &st));
  CHECK(st.items.size() == 2);
  CHECK(st.items[0].State() == "planned");
}

TEST_CASE("annual plan: the clock runs from the approval to the end of the item's month") {
  Record r = NewPlan();
  r.Append(ItemEvent("2026-01-05T09:00", 1, 3));
  r.Append(ApproveEvent("2026-01-06T09:00"));
  PlanState st;
  SVC_REQUIRE_OK(FoldPlan(r, std::nullopt, &st));
  // Before the approval: no clock.
  CHECK(PlanClocks(st, 480, T("2026-01-06T08:00")).empty());
  auto at = [&](const char* now) {
    std::vector<Clock> c = PlanClocks(st, 480, T(now));
    REQUIRE(c.size() == 1);
    return c[0];
  };
  Clock c = at("2026-03-31T23:59:59");
  CHECK(c.name == "annual-plan");
  CHECK(c.record == "2026:1");
  CHECK(c.deadline.secs == T("2026-04-01T00:00").secs);
  CHECK(c.state == ClockState::kRunning);
  CHECK(at("2026-04-01T00:00").state == ClockState::kRunning);  // exactly at the deadline
  CHECK(at("2026-04-01T00:00:01").state == ClockState::kOverdue);
  // In the company's time zone: UTC midnight is not the end of the month in +08:00.
  CHECK(PlanClocks(st, 0, T("2026-04-01T07:59"))[0].deadline.secs == T("2026-04-01T08:00").secs);
  // Served in time: met; late: breached.
  Record met = r;
  met.Append(ServedEvent("2026-03-20T10:00", st.items[0], "YX-26-03-01"));
  SVC_REQUIRE_OK(FoldPlan(met, std::nullopt, &st));
  CHECK(PlanClocks(st, 480, T("2026-05-01T00:00"))[0].state == ClockState::kMet);
  CHECK(PlanClocks(st, 480, T("2026-03-19T00:00"))[0].state == ClockState::kRunning);
  Record late = r;
  SVC_REQUIRE_OK(FoldPlan(r, std::nullopt, &st));
  late.Append(ServedEvent("2026-04-02T10:00", st.items[0], "YX-26-04-01"));
  SVC_REQUIRE_OK(FoldPlan(late, std::nullopt, &st));
  CHECK(PlanClocks(st, 480, T("2026-05-01T00:00"))[0].state == ClockState::kBreached);
  // December's deadline is the next year's first instant.
  Record dec = NewPlan();
  dec.Append(ItemEvent("2026-01-05T09:00", 1, 12));
  dec.Append(ApproveEvent("2026-01-06T09:00"));
  SVC_REQUIRE_OK(FoldPlan(dec, std::nullopt, &st));
  CHECK(PlanClocks(st, 480, T("2026-06-01T00:00"))[0].deadline.secs == T("2027-01-01T00:00").secs);
}

TEST_CASE("annual plan: two clones' items merge without loss, renumbered in time order") {
  Record base = NewPlan();
  base.Append(ItemEvent("2026-01-05T09:00", 1));
  Record ours = base, theirs = base;
  ours.Append(ItemEvent("2026-01-06T10:00", 2, 4, "K0001"));
  theirs.Append(ItemEvent("2026-01-06T09:00", 2, 7, "K0002"));
  theirs.Append(ItemEvent("2026-01-06T11:00", 3, 8, "K0002"));
  Record merged;
  std::vector<std::string> notes;
  SVC_REQUIRE_OK(MergeRecords(
      base, ours, theirs,
      [](const Record& r, size_t* failed) { return ReplayRecord(r, Config{}, failed); }, &merged,
      &notes));
  PlanState st;
  SVC_REQUIRE_OK(FoldPlan(merged, std::nullopt, &st));
  REQUIRE(st.items.size() == 4);
  CHECK(st.items[1].customer == "K0002");  // theirs, the earlier: keeps 2
  CHECK(st.items[1].n == 2);
  CHECK(st.items[2].customer == "K0001");  // ours: 2 given, 3 now
  CHECK(st.items[2].n == 3);
  CHECK(st.items[2].given == 2);
  CHECK(st.items[3].n == 4);
  // A `served` names its item by its own time too: ours' item 2 (now 3) is found.
  Event served;
  served.at = T("2026-02-01T09:00");
  served.actor = "王芳";
  served.action = "served";
  served.Set("item", int64_t{2});
  served.Set("added", T("2026-01-06T10:00"));
  served.Set("ticket", std::string("YX-26-02-01"));
  merged.Append(ApproveEvent("2026-01-20T09:00"));
  merged.Append(served);
  SVC_REQUIRE_OK(FoldPlan(merged, std::nullopt, &st));
  CHECK(st.items[2].ticket == "YX-26-02-01");
  CHECK(st.items[1].ticket.empty());
}

TEST_CASE("annual plan: the commands number, refuse and write through the store") {
  for (bool in_memory : {false, true}) {
    svc_test::TestDisk dir(in_memory);
    CAPTURE(dir.name());
    SVC_REQUIRE_OK(Store::Init(dir.root(), dir.disk()));
    std::unique_ptr<Store> store;
    SVC_REQUIRE_OK(Store::Open(dir.root(), dir.disk(), &store));
    Time now = T("2026-01-05T09:00");
    std::string code;
    SVC_REQUIRE_OK(
        AddCustomer(*store, CustomerForm{"甲公司", {}, {}, {}, {}, true}, now, now, "王芳", &code));
    SVC_REQUIRE_OK(AddCustomer(*store, CustomerForm{"乙公司", {}, {}, {}, {}, false}, now, now,
                               "王芳", &code));
    UnitForm u;
    u.serial = "S-1";
    u.product = "开关柜";
    SVC_REQUIRE_OK(AddEquipment(*store, "K0001", u, now, now, "张伟", &code));
    int n = 0;
    SVC_REQUIRE_OK(AddPlanItem(*store, "2026", PlanItemForm{"K0001", "S-1", 3, "技术服务", ""}, now,
                               now, "王芳", &n));
    CHECK(n == 1);
    SVC_REQUIRE_OK(AddPlanItem(*store, "2026", PlanItemForm{"乙公司", "", 5, "upgrade", "固件"},
                               now, now, "王芳", &n));
    CHECK(n == 2);
    CHECK(AddPlanItem(*store, "2026", PlanItemForm{"K0009", "", 5, "repair", ""}, now, now, "王芳",
                      &n)
              .code() == Status::Code::kNotFound);
    Status s = AddPlanItem(*store, "2026", PlanItemForm{"K0002", "S-1", 5, "repair", ""}, now, now,
                           "王芳", &n);
    CHECK(s.code() == Status::Code::kNotAllowed);
    CHECK(s.message() == "the unit S-1 is K0001's (甲公司), not K0002's");
    CHECK(
        AddPlanItem(*store, "2026", PlanItemForm{"K0001", "", 5, "paint", ""}, now, now, "王芳", &n)
            .code() == Status::Code::kInvalidArgument);
    int approved = 0;
    CHECK(ApprovePlan(*store, "2026", "head", "", now, now, "张伟", &approved).code() ==
          Status::Code::kInvalidArgument);
    CHECK(ApprovePlan(*store, "2027", "", "", now, now, "张伟", &approved).code() ==
          Status::Code::kNotFound);
    Event served;
    CHECK(PrepareServed(*store, "2026:1", "YX-26-01-01", now, now, "王芳", &served).code() ==
          Status::Code::kNotAllowed);  // not approved
    SVC_REQUIRE_OK(ApprovePlan(*store, "2026", "gm", "同意", now, now, "张伟", &approved));
    CHECK(approved == 2);
    CHECK(ApprovePlan(*store, "2026", "gm", "", now, now, "张伟", &approved).code() ==
          Status::Code::kNotAllowed);  // nothing awaits
    CHECK(PrepareServed(*store, "2026:9", "YX-26-01-01", now, now, "王芳", &served).code() ==
          Status::Code::kNotFound);
    SVC_REQUIRE_OK(PrepareServed(*store, "2026:1", "YX-26-01-01", now, now, "王芳", &served));
    SVC_REQUIRE_OK(RecordServed(*store, "2026", served));
    CHECK(PrepareServed(*store, "2026:1", "YX-26-01-02", now, now, "王芳", &served).code() ==
          Status::Code::kNotAllowed);  // served already
    SVC_REQUIRE_OK(CancelPlanItem(*store, "2026", 2, "客户停产", now, now, "王芳"));
    PlanState st;
    SVC_REQUIRE_OK(LoadPlan(*store, "2026", std::nullopt, &st));
    CHECK(st.items[0].State() == "served");
    CHECK(st.items[1].State() == "cancelled");
    // svc check: clean, then a hand-made gap is a problem.
    auto problems = [&] {
      std::vector<std::string> found;
      CheckSummary summary;
      SVC_REQUIRE_OK(CheckRecordKind(
          *store, PlanKind(), [&](const Problem& p) { found.push_back(p.message); }, &summary));
      return found;
    };
    CHECK(problems().empty());
    Record r;
    SVC_REQUIRE_OK(store->LoadRecord(PlanKind(), "2026", &r));
    r.Append(ItemEvent("2026-01-07T10:00", 5));
    dir.Write(dir / "plans/2026.toml", WriteRecord(r));
    std::vector<std::string> found = problems();
    REQUIRE(found.size() == 1);
    CHECK(found[0].find("item 5 leaves a gap") != std::string::npos);
  }
}
