#include "model/vocabulary.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <set>
#include <string>
#include <vector>

#include "flags.h"
#include "format/config_toml.h"
#include "model/limits.h"
#include "model/values.h"
#include "ops/workflow.h"
#include "test_util.h"

using namespace svc;

namespace {

const std::vector<const Vocabulary*>& All() {
  static const std::vector<const Vocabulary*> kAll = {&TicketKinds(),
                                                      &Categories(),
                                                      &Services(),
                                                      &ApprovalRoles(),
                                                      &StaffRoles(),
                                                      &CloseResults(),
                                                      &VerifyResults(),
                                                      &Satisfaction(),
                                                      &Attitude(),
                                                      &Damage(),
                                                      &Cleanliness(),
                                                      &Responsibility(),
                                                      &Complexity(),
                                                      &PartSupplies(),
                                                      &UsedPartSupplies(),
                                                      &BackPartSupplies(),
                                                      &TicketStatuses(),
                                                      &Clocks(),
                                                      &Forms()};
  return kAll;
}

}  // namespace

TEST_CASE("vocabulary: every word round-trips stored -> Chinese -> stored, with a clause") {
  for (const Vocabulary* v : All()) {
    CAPTURE(v->name());
    CHECK(!v->words().empty());
    CHECK(!v->clause().empty());
    std::set<std::string_view> stored, zh;
    for (const Word& w : v->words()) {
      CAPTURE(w.stored);
      CHECK(!w.clause.empty());
      CHECK(stored.insert(w.stored).second);  // no word twice
      CHECK(v->Find(w.stored) == &w);
      CHECK(v->Parse(w.stored) == &w);
      if (w.zh.empty()) continue;
      CHECK(zh.insert(w.zh).second);  // one Chinese word means one thing within a set
      CHECK(v->Zh(w.stored) == w.zh);
      CHECK(v->Parse(w.zh) == &w);
    }
    CHECK(v->Find("no-such-word") == nullptr);
    CHECK(v->Parse("") == nullptr);
    CHECK(v->Zh("no-such-word") == "no-such-word");  // unknown words print as they are stored
  }
}

TEST_CASE("vocabulary: the paper forms' words (R-7) and the stored words agree") {
  const std::pair<const Vocabulary*, std::vector<std::pair<std::string, std::string>>> rows[] = {
      {&Satisfaction(),
       {{"satisfied", "满意"}, {"unsatisfied", "不满意"}, {"very-unsatisfied", "非常不满意"}}},
      {&Attitude(), {{"1", "差"}, {"2", "一般"}, {"3", "满意"}, {"4", "好"}, {"5", "很好"}}},
      {&Damage(), {{"none", "无"}, {"some", "有"}, {"severe", "严重"}}},
      {&Cleanliness(), {{"good", "好"}, {"poor", "不好"}}},
      {&CloseResults(), {{"completed", "完成"}, {"incomplete", "未完成"}}},
      {&PartSupplies(),
       {{"warranty", "三包"}, {"customer", "自购"}, {"returned", "返回"}, {"scrapped", "报废"}}},
      {&Services(),
       {{"training", "出厂培训"},
        {"onsite-support", "现场技术支持"},
        {"onsite-repair", "现场维修"},
        {"info", "信息服务"},
        {"mail-parts", "邮寄备件"},
        {"paid", "有偿服务"}}},
  };
  for (const auto& [v, words] : rows) {
    CAPTURE(v->name());
    REQUIRE(v->words().size() == words.size());
    for (size_t i = 0; i < words.size(); ++i) {
      CHECK(v->words()[i].stored == words[i].first);
      CHECK(v->words()[i].zh == words[i].second);
    }
  }
  // The outbound record prints its damage boxes 有/无/严重.
  std::vector<std::string_view> printed;
  for (const Word* w : Damage().Printed()) printed.push_back(w->zh);
  CHECK(printed == std::vector<std::string_view>{"有", "无", "严重"});
}

TEST_CASE("vocabulary: subsets and the named words are words of their sets") {
  for (const Word& w : UsedPartSupplies().words()) CHECK(PartSupplies().Find(w.stored) == &w);
  for (const Word& w : BackPartSupplies().words()) CHECK(PartSupplies().Find(w.stored) == &w);
  CHECK(UsedPartSupplies().Stored() == std::vector<std::string>{"warranty", "customer"});
  CHECK(BackPartSupplies().Stored() == std::vector<std::string>{"returned", "scrapped"});
  // Every approving role is a staff role but the customer's (R-4.3.3: its endorsement).
  for (const Word& w : ApprovalRoles().words()) {
    CHECK(StaffRoles().Has(w.stored) == (w.stored != word::kCustomer));
  }
  CHECK(StaffRoles().Has("engineer"));
  CHECK(!ApprovalRoles().Has("engineer"));
  CHECK(TicketKinds().Has(word::kQuality));
  CHECK(ApprovalRoles().Has(word::kQuality));
  CHECK(ApprovalRoles().Has(word::kGeneralManager));
  CHECK(Services().Has(word::kPaid));
  CHECK(Services().Has(word::kOnsiteSupport));
  CHECK(Services().Has(word::kOnsiteRepair));
  CHECK(Responsibility().Has(word::kOurs));
  CHECK(Responsibility().Has(word::kCustomer));
  CHECK(Responsibility().Has(word::kUndetermined));
  CHECK(PartSupplies().Has(word::kCustomer));
  CHECK(PartSupplies().Has(word::kWarranty));
  CHECK(PartSupplies().Has(word::kReturned));
  CHECK(CloseResults().Has(word::kCompleted));
  CHECK(VerifyResults().Has(word::kResolved));
  CHECK(Complexity().Has(word::kSimple));
  CHECK(Complexity().Has(word::kComplex));
  CHECK(Satisfaction().Has(word::kSatisfied));
  CHECK(RoutingKeys() == std::vector<std::string>{"hardware", "software", "data", "integration",
                                                  "unknown", "quality"});
}

TEST_CASE("vocabulary: the library accepts exactly the words of the table") {
  Config config;
  REQUIRE(ParseConfig(DefaultConfigText(), "svc.toml", &config).ok());
  // svc.toml's [routing] has a department for every routing key.
  for (const std::string& key : RoutingKeys()) CHECK(config.routing.count(key) == 1);
  auto classify = [&](std::string kind, std::string category, std::string service) {
    ClassifyRequest r;
    r.kind = kind;
    r.category = category;
    r.service = service;
    r.level = 2;
    Event e;
    return MakeClassifyEvent(r, config, &e);
  };
  for (const Word& k : TicketKinds().words()) {
    for (const Word& c : Categories().words()) {
      for (const Word& s : Services().words()) {
        CHECK(classify(std::string(k.stored), std::string(c.stored), std::string(s.stored)).ok());
      }
    }
  }
  // The library names the field; the command line names its option (cli/flags.h).
  Status bad = classify("support", "hardware", "repair");
  CHECK(bad.field() == "service");
  CHECK(bad.message() ==
        "service: 'repair' is not one of training, onsite-support, onsite-repair, info, "
        "mail-parts, paid");
  CHECK(cli::UserText(bad) ==
        "--service: 'repair' is not one of training, onsite-support, onsite-repair, info, "
        "mail-parts, paid");
  for (const Word& w : Responsibility().words()) {
    Event e;
    CHECK(MakeAnalyzeEvent(AnalyzeRequest{"cause", "", std::string(w.stored), "", ""}, Config{}, &e)
              .ok());
  }
  for (const Word& w : ApprovalRoles().words()) {
    Event e;
    CHECK(MakeApproveEvent(
              ApproveRequest{std::string(w.stored), "", w.stored == "customer" ? "王工" : ""},
              config, "王芳", &e)
              .ok());
    CHECK(e.Str("role") == w.stored);
  }
  Event e;
  bad = MakeApproveEvent(ApproveRequest{"engineer", "", ""}, config, "王芳", &e);
  CHECK(bad.field() == "role");
  CHECK(cli::UserText(bad) == "--as: 'engineer' is not one of gm, head, quality, desk, customer");
  for (const Word& w : CloseResults().words()) {
    Event close;  // a fresh event each time: Set keeps an action's schema order
    CHECK(MakeCloseEvent(CloseRequest{std::string(w.stored), false, "", {}}, Ticket{},
                         TicketState{}, &close)
              .ok());
  }
  // The survey takes each answer as stored or as the form prints it.
  for (const Word& w : Satisfaction().words()) {
    for (std::string_view typed : {w.stored, w.zh}) {
      SurveyRequest r;
      r.satisfaction = std::string(typed);
      Event survey;
      REQUIRE(MakeSurveyEvent(r, Ticket{}, TicketState{}, &survey).ok());
      CHECK(survey.Str("satisfaction") == w.stored);
    }
  }
  for (const Word& w : Attitude().words()) {
    SurveyRequest r{"满意", "", "", "", std::string(w.zh), {}};
    Event survey;
    REQUIRE(MakeSurveyEvent(r, Ticket{}, TicketState{}, &survey).ok());
    CHECK(std::to_string(survey.Int("attitude")) == w.stored);
  }
  // A part's supply, as stored or as the repair record prints it.
  for (const Vocabulary* v : {&UsedPartSupplies(), &BackPartSupplies()}) {
    for (const Word& w : v->words()) {
      for (std::string_view typed : {w.stored, w.zh}) {
        Part p;
        REQUIRE(ParsePart(fmt::format("继电器:2:{}", typed), v->Stored(),
                          std::string(v->words()[0].stored), &p)
                    .ok());
        CHECK(p.supply == w.stored);
      }
    }
  }
}

TEST_CASE("vocabulary: svc.toml's staff roles and calendar clocks are the table's") {
  std::string base(DefaultConfigText());
  for (const Word& w : StaffRoles().words()) {
    Config c;
    CHECK(ParseConfig(base + fmt::format("\n[[staff]]\nname = \"甲\"\nrole = \"{}\"\n", w.stored),
                      "svc.toml", &c)
              .ok());
  }
  Config c;
  Status s = ParseConfig(base + "\n[[staff]]\nname = \"甲\"\nrole = \"boss\"\n", "svc.toml", &c);
  CHECK(
      s.message().ends_with("role 'boss' is not one of gm, head, quality, desk, engineer in "
                            "[[staff]] #1"));
}

TEST_CASE("limits: the quantity limit is the readers' and the intake's") {
  CHECK(kMaxQuantity == 1'000'000);
  CHECK(kMaxFen == 99'999'999'999'999);
  Part p;
  CHECK(ParsePart("x:999999", {}, "", &p).ok());
  CHECK(!ParsePart("x:1000000", {}, "", &p).ok());  // at most six digits on the command line
}
