// The customer file (model/customer.h): its kind, its fold (rules/customer.h)
// and the commands' library entry points (ops/customers.h).
#include <doctest/doctest.h>

#include <memory>

#include "disk_util.h"
#include "format/record_toml.h"
#include "model/customer.h"
#include "ops/check.h"
#include "ops/customers.h"
#include "ops/intake.h"
#include "rules/customer.h"
#include "rules/merge.h"
#include "rules/state.h"
#include "storage/store.h"
#include "test_util.h"

using namespace svc;
using svc_test::T;

namespace {

Record NewCustomer(const char* code = "K0001") {
  Record r;
  r.kind = &CustomerKind();
  r.Set("id", std::string(code));
  r.Set("name", std::string("国网杭州供电公司"));
  r.Set("phones", std::vector<std::string>{"0571-8888-0101"});
  Event e;
  e.at = T("2026-11-01T09:00");
  e.actor = "王芳";
  e.action = "create";
  r.Append(std::move(e));
  return r;
}

Event UnitEvent(const char* at, const char* serial, const char* action = "equipment") {
  Event e;
  e.at = T(at);
  e.actor = "张伟";
  e.action = action;
  e.Set("serial", std::string(serial));
  e.Set("product", std::string("开关柜"));
  e.Set("warranty_until", Date{2026, 4, 30});
  return e;
}

}  // namespace

TEST_CASE("customer: the kind is data on the record model, in AllKinds") {
  const RecordKind& k = CustomerKind();
  CHECK(FindKind("customer") == &k);
  CHECK(k.folder == "customers");
  CHECK(k.numbering == Numbering::kSerial);
  std::string rel;
  SVC_CHECK_OK(RecordPath(k, "K0001", &rel));
  CHECK(rel == "customers/K0001.toml");
  CHECK(k.Schema("equipment") != nullptr);
  CHECK(k.Schema("dispatch") == nullptr);  // a ticket's action
  CHECK(TicketKind().Schema("equipment") == nullptr);
}

TEST_CASE("customer: canonical bytes round-trip through the generic reader") {
  Record r = NewCustomer();
  r.Append(UnitEvent("2026-11-02T10:00", "KYN-0315"));
  std::string text = WriteRecord(r);
  CHECK(text.starts_with("# 顾客档案 Customer File (R-4.6 b, R-3.2)\nid = \"K0001\"\n"));
  Record back;
  SVC_REQUIRE_OK(ParseRecord(text, "customers/K0001.toml", CustomerKind(), &back));
  CHECK(back == r);
  CHECK(WriteRecord(back) == text);
  // A ticket's action has no place in a customer file.
  std::string bad = svc_test::ReplaceOnce(text, "action = \"equipment\"", "action = \"close\"");
  CHECK_FALSE(ParseRecord(bad, "x", CustomerKind(), &back).ok());
}

TEST_CASE("customer: the fold applies edits and equipment in time order") {
  Record r = NewCustomer();
  Event edit;
  edit.at = T("2026-11-03T09:00");
  edit.actor = "王芳";
  edit.action = "edit";
  edit.Set("name", std::string("国网杭州供电公司运检部"));
  edit.Set("phones", std::vector<std::string>{"0571-8888-0102"});
  edit.Set("drop_phones", std::vector<std::string>{"0571-8888-0101"});
  edit.Set("key", true);
  r.Append(edit);
  r.Append(UnitEvent("2026-11-02T10:00", "KYN-0315"));
  Event change = UnitEvent("2026-11-04T10:00", "KYN-0315", "equipment-edit");
  change.Set("location", std::string("1号变电站"));
  change.Set("warranty_until", Date{2027, 4, 30});
  r.Append(change);
  CustomerState st;
  SVC_REQUIRE_OK(FoldCustomer(r, std::nullopt, &st));
  CHECK(st.name == "国网杭州供电公司运检部");
  CHECK(st.phones == std::vector<std::string>{"0571-8888-0102"});
  CHECK(st.key);
  REQUIRE(st.units.size() == 1);
  CHECK(st.units[0].location == "1号变电站");
  CHECK(*st.units[0].warranty_until == Date{2027, 4, 30});
  CHECK(WarrantyOn(st.units[0], Date{2027, 5, 1}) == "out");
  CHECK(WarrantyOn(st.units[0], Date{2027, 4, 30}) == "in");
  // As of a moment: the later events do not count yet.
  SVC_REQUIRE_OK(FoldCustomer(r, T("2026-11-02T12:00"), &st));
  CHECK(st.name == "国网杭州供电公司");
  CHECK_FALSE(st.key);
  CHECK(st.units[0].location.empty());
  CHECK(NameMatches(st, "k0001"));
  CHECK(NameMatches(st, " 国网杭州供电公司 "));
  CHECK(PhoneMatches(st, "0571 8888 0101"));
}

TEST_CASE("customer: the fold refuses what the file's rules do not allow") {
  Record r = NewCustomer();
  r.Append(UnitEvent("2026-11-02T10:00", "KYN-0315"));
  r.Append(UnitEvent("2026-11-02T11:00", "KYN-0315"));
  size_t failed = 0;
  Status s = ReplayRecord(r, Config{}, &failed);
  CHECK(s.code() == Status::Code::kNotAllowed);
  CHECK(failed == 2);
  CHECK(s.message().find("already registered") != std::string::npos);
  Record q = NewCustomer();
  q.Append(UnitEvent("2026-11-02T10:00", "NONE", "equipment-edit"));
  CHECK_FALSE(ReplayRecord(q, Config{}).ok());
  Record early = NewCustomer();
  early.Append(UnitEvent("2026-10-02T10:00", "KYN-0315"));  // before the file was created
  CHECK_FALSE(ReplayRecord(early, Config{}).ok());
}

TEST_CASE("customer: two clones' additions to one customer merge without loss") {
  Record base = NewCustomer();
  Record ours = base, theirs = base;
  ours.Append(UnitEvent("2026-11-02T10:00", "A-1"));
  theirs.Append(UnitEvent("2026-11-02T11:00", "B-2"));
  Record merged;
  std::vector<std::string> notes;
  SVC_REQUIRE_OK(MergeRecords(
      base, ours, theirs,
      [](const Record& r, size_t* failed) { return ReplayRecord(r, Config{}, failed); }, &merged,
      &notes));
  CustomerState st;
  SVC_REQUIRE_OK(FoldCustomer(merged, std::nullopt, &st));
  CHECK(st.units.size() == 2);
}

TEST_CASE("customer: the commands number, refuse and write through the store") {
  for (bool in_memory : {false, true}) {
    svc_test::TestDisk dir(in_memory);
    CAPTURE(dir.name());
    SVC_REQUIRE_OK(Store::Init(dir.root(), dir.disk()));
    std::unique_ptr<Store> store;
    SVC_REQUIRE_OK(Store::Open(dir.root(), dir.disk(), &store));
    Time now = T("2026-11-05T09:00");
    std::string code;
    SVC_REQUIRE_OK(AddCustomer(*store, CustomerForm{"甲公司", {"甲"}, {}, {"010-1"}, {}, true}, now,
                               now, "王芳", &code));
    CHECK(code == "K0001");
    CustomerForm second;
    second.name = "乙公司";
    SVC_REQUIRE_OK(AddCustomer(*store, second, now, now, "王芳", &code));
    CHECK(code == "K0002");
    CustomerForm blank;
    blank.name = " ";
    CHECK(AddCustomer(*store, blank, now, now, "王芳", &code).code() ==
          Status::Code::kInvalidArgument);
    UnitForm u;
    u.serial = "S-1";
    u.product = "开关柜";
    SVC_REQUIRE_OK(AddEquipment(*store, "甲", u, now, now, "张伟", &code));
    CHECK(code == "K0001");
    Status s = AddEquipment(*store, "K0002", u, now, now, "张伟", &code);
    CHECK(s.code() == Status::Code::kNotAllowed);
    CHECK(s.message() == "the serial number S-1 is already registered to K0001 (甲公司)");
    CHECK(AddEquipment(*store, "K0009", u, now, now, "张伟", &code).code() ==
          Status::Code::kNotFound);
    UnitForm change;
    change.serial = "S-1";
    change.location = std::string("2号站");
    SVC_REQUIRE_OK(EditEquipment(*store, change, now, now, "张伟", &code));
    CustomerChange edit;
    edit.phones = {"010-2"};
    SVC_REQUIRE_OK(EditCustomer(*store, "K0002", edit, now, now, "王芳"));
    std::unique_ptr<CustomerBook> book;
    SVC_REQUIRE_OK(CustomerBook::Load(*store, std::nullopt, &book));
    REQUIRE(book->customers().size() == 2);
    const CustomerState* owner = nullptr;
    REQUIRE(book->FindUnit("S-1", &owner));
    CHECK(owner->code == "K0001");
    CHECK(book->FindUnit("S-1")->location == "2号站");
    CHECK(book->ByPhone("0102").front()->code == "K0002");
    // svc check: clean, then a serial on two customers is a problem.
    auto problems = [&] {
      std::vector<std::string> found;
      CheckSummary summary;
      SVC_REQUIRE_OK(CheckRecordKind(
          *store, CustomerKind(), [&](const Problem& p) { found.push_back(p.message); }, &summary));
      return found;
    };
    CHECK(problems().empty());
    Record k2;
    SVC_REQUIRE_OK(store->LoadRecord(CustomerKind(), "K0002", &k2));
    k2.Append(UnitEvent("2026-11-05T10:00", "S-1"));
    dir.Write(dir / "customers/K0002.toml", WriteRecord(k2));
    CHECK(problems() ==
          std::vector<std::string>{"the serial number S-1 is registered to K0001 too: a unit "
                                   "belongs to one customer"});
  }
}

TEST_CASE("customer: a near miss is one character inserted, left out or changed") {
  CustomerState c;
  c.code = "K0001";
  c.name = "国网杭州供电公司";
  c.aliases = {"杭州供电", "HZ Power"};
  CHECK(NearName(c, "国网杭州供电公"));          // one left out
  CHECK(NearName(c, "国网杭州供电分司"));        // one changed
  CHECK(NearName(c, "国网杭州市供电公司"));      // one inserted
  CHECK(NearName(c, "杭州供电局"));              // one added to an alias
  CHECK(NearName(c, " hz powers "));             // case and spaces as NameMatches
  CHECK_FALSE(NearName(c, "国网杭州供电公司"));  // equal: a match, not a near miss
  CHECK_FALSE(NearName(c, "国网杭州公司"));      // two off
  CHECK(NearName(c, "杭州供"));                  // three characters, one off the alias
  CHECK_FALSE(NearName(c, "杭州"));              // under three characters: never near
  CHECK_FALSE(NearName(c, "宁波港务局"));
}

TEST_CASE("customer: svc open's match against the customer file") {
  svc_test::TestDisk dir(true);
  SVC_REQUIRE_OK(Store::Init(dir.root(), dir.disk()));
  std::unique_ptr<Store> store;
  SVC_REQUIRE_OK(Store::Open(dir.root(), dir.disk(), &store));
  Time now = T("2026-11-05T09:00");
  std::string code;
  IntakeForm empty_book;
  empty_book.customer.name = "K0001";
  std::vector<std::string> notes;
  // No customer file at all: nothing changes.
  SVC_REQUIRE_OK(MatchCustomerFile(*store, false, &empty_book, &notes));
  CHECK(empty_book.customer.code.empty());
  SVC_REQUIRE_OK(AddCustomer(*store, CustomerForm{"甲公司", {"甲"}, {"李工"}, {"010-1"}, {}, true},
                             now, now, "王芳", &code));
  SVC_REQUIRE_OK(AddCustomer(*store, CustomerForm{"乙公司", {}, {}, {"010-2"}, {}, false}, now, now,
                             "王芳", &code));
  UnitForm u;
  u.serial = "S-1";
  u.product = "开关柜";
  u.model = std::string("KYN28A");
  u.warranty_until = Date{2026, 6, 30};
  SVC_REQUIRE_OK(AddEquipment(*store, "K0002", u, now, now, "张伟", &code));
  std::unique_ptr<CustomerBook> book;
  SVC_REQUIRE_OK(CustomerBook::Load(*store, std::nullopt, &book));
  auto match = [&](IntakeForm f, bool new_customer = false) {
    notes.clear();
    Status s = MatchCustomerFile(*book, new_customer, &f, &notes);
    return std::make_pair(s, f);
  };
  IntakeForm f;
  f.customer.name = "甲";
  auto [s1, by_alias] = match(f);
  SVC_REQUIRE_OK(s1);
  CHECK(by_alias.customer.code == "K0001");
  CHECK(by_alias.customer.name == "甲公司");
  CHECK(by_alias.customer.contact == "李工");
  CHECK(by_alias.customer.phone == "010-1");
  f = IntakeForm{};
  f.equipment.serial = "S-1";
  auto [s2, by_serial] = match(f);
  SVC_REQUIRE_OK(s2);
  CHECK(by_serial.customer.code == "K0002");
  CHECK(by_serial.equipment.product == "开关柜");
  CHECK(by_serial.equipment.model == "KYN28A");
  CHECK(by_serial.equipment.warranty_until == Date{2026, 6, 30});
  f = IntakeForm{};
  f.customer.phone = "0102";
  CHECK(match(f).second.customer.code == "K0002");
  // Refusals.
  f = IntakeForm{};
  f.customer.name = "K0009";
  CHECK(match(f).first.code() == Status::Code::kNotFound);
  f.customer.name = "甲公";  // two characters: free text, no near miss
  SVC_REQUIRE_OK(match(f).first);
  f.customer.name = "甲公司司";
  CHECK(match(f).first.code() == Status::Code::kNotAllowed);
  SVC_REQUIRE_OK(match(f, true).first);
  CHECK(match(f, true).second.customer.code.empty());
  f.customer.name = "丙公司";
  f.customer.phone = "010-1";
  CHECK(match(f).first.message().find("K0001 (甲公司)") != std::string::npos);
  f.customer.name = "甲公司";
  f.equipment.serial = "S-1";
  CHECK(match(f).first.message() ==
        "--serial S-1 is registered to K0002 (乙公司), not to '甲公司': leave --customer out or "
        "give K0002");
  f.equipment.serial = "S-9";
  f.customer.phone = "010-2";
  auto [s3, noted] = match(f);
  SVC_REQUIRE_OK(s3);
  CHECK(noted.customer.code == "K0001");
  CHECK(noted.customer.phone == "010-2");  // as the caller gave it
  CHECK(notes == std::vector<std::string>{
                     "serial S-9 is not in the customer file (svc equipment add --customer K0001 "
                     "--serial S-9 --product …)",
                     "phone 010-2 is on file under K0002 (乙公司) too"});
}

TEST_CASE("customer: the warranty is judged on the day the request was received") {
  Ticket t;
  t.id = "YX-26-11-01";
  t.via = "YX";
  t.received = T("2026-07-01T00:30+08:00");  // 2026-06-30 16:30 UTC: the 1st in the company
  t.customer.name = "乙公司";
  CHECK(WarrantyOf(t, 480) == "");
  t.equipment.warranty_until = Date{2026, 6, 30};
  CHECK(WarrantyOf(t, 480) == "out");
  CHECK(WarrantyOf(t, 0) == "in");  // the same instant is still June 30th in UTC
  t.equipment.warranty_until = Date{2026, 7, 1};
  CHECK(WarrantyOf(t, 480) == "in");
}
