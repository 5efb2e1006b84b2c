// The workflow's builders (lib/workflow.h): every value they accept and
// refuse, word for word; and Act / Dispatch against a real temporary store:
// outbound numbering per department and month of filing, the registry, and
// nothing written when an action is refused.
#include "ops/workflow.h"

#include <doctest/doctest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "flags.h"
#include "format/config_toml.h"
#include "format/ticket_toml.h"
#include "ops/intake.h"
#include "storage/fault_disk.h"
#include "test_util.h"

namespace svc {
namespace {

using svc_test::ReadAll;
using svc_test::TempDir;
using svc_test::WriteAll;

// --- helpers -------------------------------------------------------------------

using svc_test::T;

const Config& Cfg() {
  static const Config config = [] {
    Config c;
    Status s = ParseConfig(DefaultConfigText(), "svc.toml", &c);
    REQUIRE_MESSAGE(s.ok(), s.message());
    return c;
  }();
  return config;
}

bool Exists(const std::string& path) {
  return std::filesystem::exists(path);
}

// Every regular file below `dir` (relative names, sorted); empty if no such folder.
std::vector<std::string> FilesUnder(const std::string& dir) {
  std::vector<std::string> out;
  if (!std::filesystem::exists(dir)) return out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) out.push_back(std::filesystem::relative(e.path(), dir).string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

Actor By(std::string name, std::string_view at, std::string_view now) {
  return Actor{std::move(name), T(at), T(now)};
}

// A records directory in a temporary folder, opened on the real disk (or `disk`).
struct Records {
  TempDir dir;
  std::unique_ptr<Store> store;

  explicit Records(Disk* disk = RealDisk()) {
    Status s = Store::Init(dir.path(), RealDisk());
    REQUIRE_MESSAGE(s.ok(), s.message());
    s = Store::Open(dir.path(), disk, &store);
    REQUIRE_MESSAGE(s.ok(), s.message());
  }

  // Opens a ticket received and filled at `at` (YX unless `via`); returns its number.
  std::string Open(std::string_view at, std::string via = "YX") {
    IntakeForm form;
    form.via = std::move(via);
    form.customer.name = "华东电网检修公司";
    std::string id;
    Status s = OpenTicket(*store, form, T(at), T(at), "王芳", &id);
    REQUIRE_MESSAGE(s.ok(), s.message());
    return id;
  }

  Status Classify(const std::string& id, std::string_view at, ClassifyRequest r) {
    return Act(*store, id, By("王芳", at, at), [&](const Ticket&, const TicketState&, Event* e) {
      return MakeClassifyEvent(r, store->config(), e);
    });
  }

  Status Plain(const std::string& id, std::string_view at, std::string action,
               std::vector<std::pair<std::string, Value>> fields = {}, std::string actor = "王芳") {
    return Act(*store, id, By(actor, at, at), [&](const Ticket&, const TicketState&, Event* e) {
      e->action = action;
      for (auto& [k, v] : fields) e->Set(k, v);
      return Status::OK();
    });
  }

  Status Dispatch(const std::string& id, std::string_view at, std::string* number,
                  DispatchRequest r = DispatchRequest{{"张伟"}, "", "", std::nullopt},
                  std::string_view now = "") {
    return svc::Dispatch(*store, id, By("王芳", at, now.empty() ? at : now), r, number);
  }

  std::string TicketPath(const std::string& id) {
    DocNumber n;
    REQUIRE(ParseDocNumber(id, &n).ok());
    return dir / svc::TicketPath(n);
  }
  std::string TicketText(const std::string& id) { return ReadAll(TicketPath(id)); }
  Ticket Load(const std::string& id) {
    Ticket t;
    Status s = store->Load(id, &t);
    REQUIRE_MESSAGE(s.ok(), s.message());
    return t;
  }
  TicketState State(const std::string& id) {
    TicketState st;
    Status s = Fold(Load(id), store->config(), std::nullopt, &st);
    REQUIRE_MESSAGE(s.ok(), s.message());
    return st;
  }
  std::vector<std::string> Registry() { return FilesUnder(dir / "outbound"); }
};

ClassifyRequest Support(std::string category = "hardware") {
  ClassifyRequest r;
  r.kind = "support";
  r.category = std::move(category);
  r.level = 2;
  return r;
}

ClassifyRequest MajorQuality(std::string category = "hardware") {
  ClassifyRequest r = Support(std::move(category));
  r.kind = "quality";
  r.major = true;
  return r;
}

// --- classify ------------------------------------------------------------------

TEST_CASE("workflow: classify routes by category, quality kind to ZL, --to overrides") {
  struct Row {
    std::string kind, category, to, route;
  };
  const Row rows[] = {
      {"support", "hardware", "", "SC"},    {"support", "software", "", "YF"},
      {"support", "data", "", "SJ"},        {"support", "integration", "", "XT"},
      {"support", "unknown", "", "ZL"},     {"quality", "hardware", "", "ZL"},
      {"quality", "software", "", "ZL"},    {"quality", "data", "", "ZL"},
      {"quality", "integration", "", "ZL"}, {"quality", "unknown", "", "ZL"},
      {"support", "hardware", "HY", "HY"},  {"support", "software", "ZC1", "ZC1"},
      {"quality", "hardware", "SC", "SC"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.kind);
    CAPTURE(row.category);
    CAPTURE(row.to);
    ClassifyRequest r;
    r.kind = row.kind;
    r.category = row.category;
    r.to = row.to;
    r.level = 3;
    Event e;
    Status s = MakeClassifyEvent(r, Cfg(), &e);
    REQUIRE_MESSAGE(s.ok(), s.message());
    CHECK(e.action == "classify");
    CHECK(e.Str("route") == row.route);
    CHECK(e.Str("kind") == row.kind);
    CHECK(e.Str("category") == row.category);
    CHECK(e.Int("level") == 3);
    CHECK_FALSE(e.Find("service"));  // omitted when not given
    CHECK_FALSE(e.Find("major"));    // written only when true
  }
}

TEST_CASE("workflow: classify keeps service and major in schema order") {
  ClassifyRequest r = MajorQuality();
  r.service = "onsite-repair";
  r.level = 1;
  Event e;
  REQUIRE(MakeClassifyEvent(r, Cfg(), &e).ok());
  std::vector<std::string> keys;
  for (const auto& [k, v] : e.fields) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"kind", "category", "level", "service", "major", "route"});
  CHECK(e.Str("service") == "onsite-repair");
  CHECK(e.Flag("major"));
  for (std::string service :
       {"training", "onsite-support", "onsite-repair", "info", "mail-parts", "paid"}) {
    ClassifyRequest ok = Support();
    ok.service = service;
    CHECK_MESSAGE(MakeClassifyEvent(ok, Cfg(), &e).ok(), service);
  }
}

TEST_CASE("workflow: classify refuses bad values, naming the option") {
  struct Row {
    ClassifyRequest r;
    std::string message;
  };
  auto with = [](auto change) {
    ClassifyRequest r = Support();
    change(r);
    return r;
  };
  const Row rows[] = {
      {with([](auto& r) { r.kind = "complaint"; }),
       "--kind: 'complaint' is not one of support, quality"},
      {with([](auto& r) { r.kind = ""; }), "--kind: '' is not one of support, quality"},
      {with([](auto& r) { r.category = "mechanical"; }),
       "--category: 'mechanical' is not one of hardware, software, data, integration, unknown"},
      {with([](auto& r) { r.level = 0; }), "--level must be 1 to 4, not 0"},
      {with([](auto& r) { r.level = 5; }), "--level must be 1 to 4, not 5"},
      {with([](auto& r) { r.level = -1; }), "--level must be 1 to 4, not -1"},
      {with([](auto& r) { r.service = "repair"; }),
       "--service: 'repair' is not one of training, onsite-support, onsite-repair, info, "
       "mail-parts, paid"},
      {with([](auto& r) { r.major = true; }),
       "--major applies to quality problems (--kind quality)"},
      {with([](auto& r) { r.to = "QQ"; }), "--to: 'QQ' is no department code in svc.toml"},
      {with([](auto& r) { r.to = "sc"; }), "--to: 'sc' is no department code in svc.toml"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.message);
    Event e;
    Status s = MakeClassifyEvent(row.r, Cfg(), &e);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(cli::UserText(s) == row.message);
  }
}

// --- analyze, approve, close -----------------------------------------------------

TEST_CASE("workflow: analyze") {
  Event e;
  REQUIRE(MakeAnalyzeEvent(AnalyzeRequest{"批次缺陷", "", "", "", ""}, Config{}, &e).ok());
  CHECK(e.action == "analyze");
  CHECK(e.Str("responsibility") == "undetermined");  // the default
  CHECK_FALSE(e.Find("measures"));
  CHECK_FALSE(e.Find("corrective"));
  for (std::string who : {"ours", "customer", "supplier", "undetermined"}) {
    Event x;
    REQUIRE(
        MakeAnalyzeEvent(AnalyzeRequest{"批次缺陷", "更换", who, "加强来料检验", ""}, Config{}, &x)
            .ok());
    CHECK(x.Str("responsibility") == who);
    CHECK(x.Str("measures") == "更换");
    CHECK(x.Str("corrective") == "加强来料检验");
  }
  Status s = MakeAnalyzeEvent(AnalyzeRequest{"  ", "", "", "", ""}, Config{}, &e);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(cli::UserText(s) == "--cause must not be empty");
  s = MakeAnalyzeEvent(AnalyzeRequest{"x", "", "them", "", ""}, Config{}, &e);
  CHECK(cli::UserText(s) ==
        "--responsibility: 'them' is not one of ours, customer, supplier, undetermined");
  s = MakeAnalyzeEvent(AnalyzeRequest{"x\x01", "", "", "", ""}, Config{}, &e);
  CHECK(s.code() == Status::Code::kInvalidArgument);
}

TEST_CASE("workflow: analyze --cause-category takes a code or a name of [causes]") {
  Config config;
  Event e;
  REQUIRE(MakeAnalyzeEvent(AnalyzeRequest{"x", "", "", "", "design"}, config, &e).ok());
  CHECK(e.Str("cause_category") == "design");
  Event named;  // the Chinese name, as the desk says it, is stored as its code
  REQUIRE(MakeAnalyzeEvent(AnalyzeRequest{"x", "", "", "", " 软件缺陷 "}, config, &named).ok());
  CHECK(named.Str("cause_category") == "software");
  Event none;
  REQUIRE(MakeAnalyzeEvent(AnalyzeRequest{"x", "", "", "", ""}, config, &none).ok());
  CHECK_FALSE(none.Find("cause_category"));
  config.causes = {{"lightning", "雷击"}};
  Status s = MakeAnalyzeEvent(AnalyzeRequest{"x", "", "", "", "design"}, config, &e);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(cli::UserText(s) ==
        "--cause-category: 'design' is no cause category of svc.toml [causes]: lightning (雷击)");
}

TEST_CASE("workflow: approve takes the role from --as or from the staff list") {
  Config config = Cfg();
  config.staff.push_back(StaffMember{"张建国", "", "gm"});
  config.staff.push_back(StaffMember{"刘强", "SC", "head"});
  struct Row {
    std::string as, actor, role;  // role "": no role written
  };
  const Row rows[] = {
      {"gm", "王芳", "gm"},     {"head", "王芳", "head"},   {"quality", "王芳", "quality"},
      {"desk", "王芳", "desk"}, {"", "张建国", "gm"},       {"", "刘强", "head"},
      {"", "王芳", ""},         {"head", "张建国", "head"},  // --as wins over the list
  };
  for (const Row& row : rows) {
    CAPTURE(row.as);
    CAPTURE(row.actor);
    Event e;
    REQUIRE(MakeApproveEvent(ApproveRequest{row.as, "同意", ""}, config, row.actor, &e).ok());
    CHECK(e.action == "approve");
    CHECK(e.Str("role") == row.role);
    CHECK((e.Find("role") != nullptr) == !row.role.empty());
    CHECK(e.Str("comment") == "同意");
  }
  Event e;
  Status s = MakeApproveEvent(ApproveRequest{"boss", "", ""}, config, "王芳", &e);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(cli::UserText(s) == "--as: 'boss' is not one of gm, head, quality, desk, customer");
}

TEST_CASE("workflow: close") {
  Event e;
  REQUIRE(
      MakeCloseEvent(CloseRequest{"completed", true, "远程重启", {}}, Ticket{}, TicketState{}, &e)
          .ok());
  CHECK(e.action == "close");
  CHECK(e.Str("result") == "completed");
  CHECK(e.Flag("remote"));
  CHECK(e.Str("resolution") == "远程重启");
  Event f;
  REQUIRE(
      MakeCloseEvent(CloseRequest{"incomplete", false, "", {}}, Ticket{}, TicketState{}, &f).ok());
  CHECK_FALSE(f.Find("remote"));
  CHECK_FALSE(f.Find("resolution"));
  Status s = MakeCloseEvent(CloseRequest{"done", false, "", {}}, Ticket{}, TicketState{}, &e);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(cli::UserText(s) == "--result: 'done' is not one of completed, incomplete");
}

// --- survey ------------------------------------------------------------------------

TEST_CASE("workflow: the survey accepts the forms' Chinese words") {
  struct Row {
    std::string satisfaction, attitude, damage, cleanliness;
    std::string want_satisfaction;
    int64_t want_attitude;
    std::string want_damage, want_cleanliness;
  };
  const Row rows[] = {
      {"satisfied", "", "", "", "satisfied", 0, "", ""},
      {"unsatisfied", "", "", "", "unsatisfied", 0, "", ""},
      {"very-unsatisfied", "", "", "", "very-unsatisfied", 0, "", ""},
      {"满意", "", "", "", "satisfied", 0, "", ""},
      {"不满意", "", "", "", "unsatisfied", 0, "", ""},
      {"非常不满意", "", "", "", "very-unsatisfied", 0, "", ""},
      {"满意", "差", "", "", "satisfied", 1, "", ""},
      {"满意", "一般", "", "", "satisfied", 2, "", ""},
      {"满意", "满意", "", "", "satisfied", 3, "", ""},
      {"满意", "好", "", "", "satisfied", 4, "", ""},
      {"满意", "很好", "", "", "satisfied", 5, "", ""},
      {"满意", "1", "", "", "satisfied", 1, "", ""},
      {"满意", "5", "", "", "satisfied", 5, "", ""},
      {"满意", "", "无", "", "satisfied", 0, "none", ""},
      {"满意", "", "有", "", "satisfied", 0, "some", ""},
      {"满意", "", "严重", "", "satisfied", 0, "severe", ""},
      {"满意", "", "none", "", "satisfied", 0, "none", ""},
      {"满意", "", "some", "", "satisfied", 0, "some", ""},
      {"满意", "", "severe", "", "satisfied", 0, "severe", ""},
      {"满意", "", "", "好", "satisfied", 0, "", "good"},
      {"满意", "", "", "不好", "satisfied", 0, "", "poor"},
      {"满意", "", "", "good", "satisfied", 0, "", "good"},
      {"满意", "", "", "poor", "satisfied", 0, "", "poor"},
      {"不满意", "差", "严重", "不好", "unsatisfied", 1, "severe", "poor"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.satisfaction);
    CAPTURE(row.attitude);
    CAPTURE(row.damage);
    CAPTURE(row.cleanliness);
    SurveyRequest r;
    r.satisfaction = row.satisfaction;
    r.attitude = row.attitude;
    r.damage = row.damage;
    r.cleanliness = row.cleanliness;
    Event e;
    Status s = MakeSurveyEvent(r, Ticket{}, TicketState{}, &e);
    REQUIRE_MESSAGE(s.ok(), s.message());
    CHECK(e.action == "survey");
    CHECK(e.Str("satisfaction") == row.want_satisfaction);
    CHECK(e.Int("attitude") == row.want_attitude);
    CHECK((e.Find("attitude") != nullptr) == (row.want_attitude != 0));
    CHECK(e.Str("damage") == row.want_damage);
    CHECK((e.Find("damage") != nullptr) == !row.want_damage.empty());
    CHECK(e.Str("cleanliness") == row.want_cleanliness);
    CHECK_FALSE(e.Flag("amend"));
  }
  // An amendment keeps the answers not given again and the survey's time.
  TicketState st;
  st.survey.emplace();
  st.survey->at = Time{1800000000, 480};
  st.survey->satisfaction = "unsatisfied";
  st.survey->attitude = 2;
  st.survey->damage = "none";
  st.survey->comment = "等了很久";
  SurveyRequest amend;
  amend.comment = "更正：态度很好";
  amend.attitude = "很好";
  amend.amendment = {true, "客户回电更正", false};
  Event e;
  e.at = Time{1800090000, 480};
  REQUIRE(MakeSurveyEvent(amend, Ticket{}, st, &e).ok());
  CHECK(e.Flag("amend"));
  CHECK(e.Str("reason") == "客户回电更正");
  CHECK(e.Str("satisfaction") == "unsatisfied");
  CHECK(e.Int("attitude") == 5);
  CHECK(e.Str("damage") == "none");
  CHECK(e.Str("comment") == "更正：态度很好");
  CHECK(e.at.secs == 1800000000);
  // With --at, the corrected time; without a reason, or with no survey, refused.
  amend.amendment.at_given = true;
  Event f;
  f.at = Time{1800003600, 480};
  REQUIRE(MakeSurveyEvent(amend, Ticket{}, st, &f).ok());
  CHECK(f.at.secs == 1800003600);
  amend.amendment.reason = " ";
  Status s = MakeSurveyEvent(amend, Ticket{}, st, &f);
  CHECK(cli::UserText(s) == "--reason is required: say why the record is corrected");
  amend.amendment.reason = "x";
  Ticket t;
  t.id = "YX-26-11-01";
  s = MakeSurveyEvent(amend, t, TicketState{}, &f);
  CHECK(s.code() == Status::Code::kNotAllowed);
  CHECK(s.message().ends_with("is not allowed: there is no survey (of the latest close) to amend"));
}

TEST_CASE("workflow: the survey refuses values outside the form") {
  struct Row {
    std::string satisfaction, attitude, damage, cleanliness, message;
  };
  const Row rows[] = {
      {"maybe", "", "", "",
       "--satisfaction: 'maybe' is not one of satisfied, unsatisfied, very-unsatisfied, 满意, "
       "不满意, 非常不满意"},
      {"", "", "", "", "--satisfaction is required"},
      {"Satisfied", "", "", "",
       "--satisfaction: 'Satisfied' is not one of satisfied, unsatisfied, very-unsatisfied, 满意, "
       "不满意, 非常不满意"},
      {"满意", "0", "", "",
       "--attitude: '0' is not one of 1, 2, 3, 4, 5, 差, 一般, 满意, 好, 很好"},
      {"满意", "6", "", "",
       "--attitude: '6' is not one of 1, 2, 3, 4, 5, 差, 一般, 满意, 好, 很好"},
      {"满意", "很差", "", "",
       "--attitude: '很差' is not one of 1, 2, 3, 4, 5, 差, 一般, 满意, 好, 很好"},
      {"满意", "", "many", "", "--damage: 'many' is not one of none, some, severe, 无, 有, 严重"},
      {"满意", "", "", "clean", "--cleanliness: 'clean' is not one of good, poor, 好, 不好"},
      {"满意", "", "", "很好", "--cleanliness: '很好' is not one of good, poor, 好, 不好"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.message);
    SurveyRequest r;
    r.satisfaction = row.satisfaction;
    r.attitude = row.attitude;
    r.damage = row.damage;
    r.cleanliness = row.cleanliness;
    Event e;
    Status s = MakeSurveyEvent(r, Ticket{}, TicketState{}, &e);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(cli::UserText(s) == row.message);
  }
}

// --- parts and hours ----------------------------------------------------------------

const std::vector<std::string> kUsed = {"warranty", "customer"};
const std::vector<std::string> kBack = {"returned", "scrapped"};

TEST_CASE("workflow: ParsePart accepts NAME:QTY[:UNIT_YUAN][:SUPPLY]") {
  struct Row {
    std::string text;
    const std::vector<std::string>* supplies;
    std::string def;
    Part want;
  };
  const Row rows[] = {
      {"继电器:2", &kUsed, "warranty", Part{"", "继电器", 2, std::nullopt, "warranty"}},
      {"继电器:2:35.5", &kUsed, "warranty", Part{"", "继电器", 2, Money{3550}, "warranty"}},
      {"继电器:2:35", &kUsed, "warranty", Part{"", "继电器", 2, Money{3500}, "warranty"}},
      {"继电器:2:35.00", &kUsed, "warranty", Part{"", "继电器", 2, Money{3500}, "warranty"}},
      {"继电器:2:0.01", &kUsed, "warranty", Part{"", "继电器", 2, Money{1}, "warranty"}},
      {"继电器:2:warranty", &kUsed, "warranty", Part{"", "继电器", 2, std::nullopt, "warranty"}},
      {"继电器:2:customer", &kUsed, "warranty", Part{"", "继电器", 2, std::nullopt, "customer"}},
      {"继电器:2:35:三包", &kUsed, "customer", Part{"", "继电器", 2, Money{3500}, "warranty"}},
      {"继电器:2:35:自购", &kUsed, "warranty", Part{"", "继电器", 2, Money{3500}, "customer"}},
      {"继电器:2:自购:35", &kUsed, "warranty", Part{"", "继电器", 2, Money{3500}, "customer"}},
      {"继电器:2:35.5:customer", &kUsed, "warranty",
       Part{"", "继电器", 2, Money{3550}, "customer"}},
      {"继电器:2", &kBack, "returned", Part{"", "继电器", 2, std::nullopt, "returned"}},
      {"旧主板:1:scrapped", &kBack, "returned", Part{"", "旧主板", 1, std::nullopt, "scrapped"}},
      {"旧主板:1:报废", &kBack, "returned", Part{"", "旧主板", 1, std::nullopt, "scrapped"}},
      {"旧主板:1:返回", &kBack, "returned", Part{"", "旧主板", 1, std::nullopt, "returned"}},
      {" 继电器 :2", &kUsed, "warranty", Part{"", "继电器", 2, std::nullopt, "warranty"}},
      {"KYN28A 继电器:999999", &kUsed, "warranty",
       Part{"", "KYN28A 继电器", 999999, std::nullopt, "warranty"}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    Part p;
    Status s = ParsePart(row.text, *row.supplies, row.def, &p);
    REQUIRE_MESSAGE(s.ok(), s.message());
    CHECK(p == row.want);
  }
}

TEST_CASE("workflow: ParsePart refuses, word for word") {
  auto used = [](std::string text, std::string why) {
    return std::make_pair(text, "--part '" + text + "': " + why +
                                    " (write NAME:QTY[:UNIT_YUAN][:warranty|customer])");
  };
  const std::string qty = "the quantity must be a whole number from 1";
  const std::pair<std::string, std::string> rows[] = {
      used("继电器", "expected NAME:QTY"),
      used("", "expected NAME:QTY"),
      used("继电器:2:35:三包:x", "expected NAME:QTY"),
      used(":2", "the name is empty"),
      used("  :2", "the name is empty"),
      used("继电器:0", qty),
      used("继电器:-1", qty),
      used("继电器:x", qty),
      used("继电器:", qty),
      used("继电器:1.5", qty),
      used("继电器:1234567", qty),
      used("继电器:2:1.234", "'1.234' is neither a price in yuan nor one of warranty, customer"),
      used("继电器:2:-3", "'-3' is neither a price in yuan nor one of warranty, customer"),
      used("继电器:2:35:36", "'36' is neither a price in yuan nor one of warranty, customer"),
      used("继电器:2:warranty:customer",
           "'customer' is neither a price in yuan nor one of warranty, customer"),
      used("继电器:2:returned",
           "'returned' is neither a price in yuan nor one of warranty, customer"),
      used("继电器:2:报废", "'报废' is neither a price in yuan nor one of warranty, customer"),
      used("继电器:2:", "'' is neither a price in yuan nor one of warranty, customer"),
  };
  for (const auto& [text, message] : rows) {
    CAPTURE(text);
    Part p;
    Status s = ParsePart(text, kUsed, "warranty", &p);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(cli::UserText(s) == message);
  }
  Part p;
  Status s = ParsePart("旧主板:1:三包", kBack, "returned", &p);
  CHECK(cli::UserText(s) ==
        "--part '旧主板:1:三包': '三包' is neither a price in yuan nor one of returned, scrapped "
        "(write NAME:QTY[:UNIT_YUAN][:returned|scrapped])");
  s = ParsePart("继\x01电器:1", kUsed, "warranty", &p);
  CHECK(s.code() == Status::Code::kInvalidArgument);
}

TEST_CASE("workflow: ParseHours") {
  const std::pair<std::string, std::string> good[] = {
      {"3", "3"},   {"2.5", "2.5"}, {"2.50", "2.5"},  {"0.25", "0.25"},   {"0.5", "0.5"},
      {"10", "10"}, {"100", "100"}, {"1000", "1000"}, {"12.05", "12.05"}, {"3.0", "3"},
  };
  for (const auto& [text, want] : good) {
    CAPTURE(text);
    std::string out;
    Status s = ParseHours(text, &out);
    REQUIRE_MESSAGE(s.ok(), s.message());
    CHECK(out == want);
  }
  for (std::string text :
       {"0", "0.00", "-1", "x", "1.234", "1000.01", "", "2,5", " 3", "3h", "1e2"}) {
    CAPTURE(text);
    std::string out = "unchanged";
    Status s = ParseHours(text, &out);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(cli::UserText(s) ==
          "--hours: '" + text + "' is not a number of hours like 3 or 2.5 (at most 1000)");
    CHECK(out == "unchanged");
  }
}

TEST_CASE("workflow: OutboundPath") {
  CHECK(OutboundPath(DocNumber{"SC", 2026, 11, 1, 2}) == "outbound/2026/11/SC-26-11-01.toml");
  CHECK(OutboundPath(DocNumber{"ZC1", 2027, 1, 12, 3}) == "outbound/2027/01/ZC1-27-01-012.toml");
}

// --- marks ----------------------------------------------------------------------------

TEST_CASE("workflow: MakeMarkEvent picks the latest record or the one named") {
  TicketState st;
  st.offset_minutes = 480;  // as Fold sets it from svc.toml
  Ticket t;
  t.id = "YX-26-11-01";
  MarkRequest r;
  r.action = "arrive";
  Event e;
  REQUIRE(ParseTime("2026-11-29T10:00:00+08:00", 480, &e.at).ok());
  Status s = MakeMarkEvent(r, t, st, &e);
  CHECK(s.code() == Status::Code::kNotAllowed);
  CHECK(cli::UserText(s) ==
        "YX-26-11-01: 'arrive' at 2026-11-29T10:00:00+08:00 is not allowed: the ticket has no "
        "outbound record yet (svc dispatch YX-26-11-01 --tech NAME)");

  st.records.resize(2);
  st.records[0].number = "SC-26-11-01";
  st.records[1].number = "SC-26-11-02";
  r.record = "SC-26-11-09";
  s = MakeMarkEvent(r, t, st, &e);
  CHECK(s.code() == Status::Code::kNotAllowed);
  CHECK(cli::UserText(s) ==
        "YX-26-11-01: 'arrive' at 2026-11-29T10:00:00+08:00 is not allowed: the ticket has no "
        "outbound record SC-26-11-09");

  r.record = "";
  Event latest;
  REQUIRE(MakeMarkEvent(r, t, st, &latest).ok());
  CHECK(latest.action == "arrive");
  CHECK(latest.Str("record") == "SC-26-11-02");
  r.record = "SC-26-11-01";
  Event named;
  REQUIRE(MakeMarkEvent(r, t, st, &named).ok());
  CHECK(named.Str("record") == "SC-26-11-01");

  MarkRequest finish;
  finish.action = "finish";
  finish.work = "更换继电器";
  finish.hours = "2.5";
  finish.signed_by = "李工";
  finish.parts = {Part{"", "继电器", 2, Money{3500}, "warranty"}};
  Event f;
  REQUIRE(MakeMarkEvent(finish, t, st, &f).ok());
  std::vector<std::string> keys;
  for (const auto& [k, v] : f.fields) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"record", "work", "hours", "parts", "signed_by"});

  MarkRequest back;
  back.action = "back";
  back.parts = {Part{"", "继电器", 2, std::nullopt, "returned"}};
  Event b;
  REQUIRE(MakeMarkEvent(back, t, st, &b).ok());
  CHECK(std::get<std::vector<Part>>(*b.Find("parts")) == back.parts);

  MarkRequest wh;
  wh.action = "warehouse";
  wh.nonconformity = "触点烧蚀，判定不合格";
  Event w;
  REQUIRE(MakeMarkEvent(wh, t, st, &w).ok());
  CHECK(w.Str("nonconformity") == "触点烧蚀，判定不合格");
  CHECK(w.Str("record") == "SC-26-11-02");

  MarkRequest bad = finish;
  bad.signed_by = "李\x01工";
  CHECK(MakeMarkEvent(bad, t, st, &e).code() == Status::Code::kInvalidArgument);
}

// --- Act -----------------------------------------------------------------------------

TEST_CASE("workflow: Act appends one event and writes the ticket") {
  Records rec;
  std::string id = rec.Open("2026-11-29T09:00:00+08:00");
  CHECK(id == "YX-26-11-01");
  std::string before = rec.TicketText(id);
  Ticket written;
  Status s = Act(
      *rec.store, id, By("李强", "2026-11-29T09:10:00+08:00", "2026-11-29T09:10:00+08:00"),
      [](const Ticket& t, const TicketState& st, Event* e) {
        CHECK(t.id == "YX-26-11-01");
        CHECK(st.status == TicketStatus::kNew);
        e->action = "note";
        e->Set("text", std::string("客户来电"));
        return Status::OK();
      },
      &written);
  REQUIRE_MESSAGE(s.ok(), s.message());
  std::string after = rec.TicketText(id);
  CHECK(after.starts_with(before));  // only lines added
  CHECK(after.substr(before.size()) ==
        "\n[[event]]\nat = 2026-11-29T09:10:00+08:00\nactor = \"李强\"\naction = \"note\"\n"
        "text = \"客户来电\"\n");
  CHECK(written == rec.Load(id));
  REQUIRE(written.events.size() == 2);
  CHECK_FALSE(written.events[1].recorded);  // at == now

  // Recorded later: `recorded` says when.
  s = rec.Plain(id, "2026-11-29T09:05:00+08:00", "note", {{"text", std::string("补记")}});
  REQUIRE(s.ok());  // at == now inside Plain
  s = Act(*rec.store, id, By("李强", "2026-11-29T09:01:00+08:00", "2026-11-29T11:00:00+08:00"),
          [](const Ticket&, const TicketState&, Event* e) {
            e->action = "note";
            e->Set("text", std::string("更早的电话"));
            return Status::OK();
          });
  REQUIRE(s.ok());
  Ticket t = rec.Load(id);
  REQUIRE(t.events.size() == 4);
  CHECK(t.events[1].Str("text") == "更早的电话");  // inserted at its time
  REQUIRE(t.events[1].recorded);
  CHECK(*t.events[1].recorded == T("2026-11-29T11:00:00+08:00"));
  std::string text = rec.TicketText(id);
  CHECK(text.find("recorded = 2026-11-29T11:00:00+08:00") != std::string::npos);
}

TEST_CASE("workflow: Act writes nothing when refused, invalid or failing") {
  Records rec;
  std::string id = rec.Open("2026-11-29T09:00:00+08:00");
  const std::string before = rec.TicketText(id);
  auto note = [](const Ticket&, const TicketState&, Event* e) {
    e->action = "note";
    e->Set("text", std::string("x"));
    return Status::OK();
  };

  SUBCASE("--at later than now") {
    Status s = Act(*rec.store, id,
                   By("王芳", "2026-11-29T10:00:01+08:00", "2026-11-29T10:00:00+08:00"), note);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(cli::UserText(s) ==
          "--at 2026-11-29T10:00:01+08:00 is later than now (2026-11-29T10:00:00+08:00)");
  }
  SUBCASE("the state refuses") {
    Status s =
        rec.Plain(id, "2026-11-29T09:30:00+08:00", "close", {{"result", std::string("completed")}});
    CHECK(s.code() == Status::Code::kNotAllowed);
    CHECK(cli::UserText(s) ==
          "YX-26-11-01: 'close' at 2026-11-29T09:30:00+08:00 is not allowed: the ticket has not "
          "been classified yet (svc classify YX-26-11-01)");
  }
  SUBCASE("before the open") {
    Status s = rec.Plain(id, "2026-11-29T08:59:59+08:00", "note", {{"text", std::string("x")}});
    CHECK(s.code() == Status::Code::kNotAllowed);
    CHECK(cli::UserText(s) ==
          "YX-26-11-01: 'note' at 2026-11-29T08:59:59+08:00 is not allowed: it comes before the "
          "ticket was opened");
  }
  SUBCASE("the maker refuses") {
    Status s =
        Act(*rec.store, id, By("王芳", "2026-11-29T09:30:00+08:00", "2026-11-29T09:30:00+08:00"),
            [](const Ticket&, const TicketState&, Event*) {
              return Status::InvalidArgument("--x: bad");
            });
    CHECK(cli::UserText(s) == "--x: bad");
  }
  SUBCASE("a bad classification") {
    ClassifyRequest r = Support();
    r.level = 7;
    Status s = rec.Classify(id, "2026-11-29T09:30:00+08:00", r);
    CHECK(s.code() == Status::Code::kInvalidArgument);
  }
  SUBCASE("no such ticket") {
    Status s = Act(*rec.store, "YX-26-11-02",
                   By("王芳", "2026-11-29T09:30:00+08:00", "2026-11-29T09:30:00+08:00"), note);
    CHECK(s.code() == Status::Code::kNotFound);
    CHECK_FALSE(Exists(rec.dir / "tickets/2026/11/YX-26-11-02.toml"));
  }
  SUBCASE("not a number") {
    Status s = Act(*rec.store, "../svc",
                   By("王芳", "2026-11-29T09:30:00+08:00", "2026-11-29T09:30:00+08:00"), note);
    CHECK(s.code() == Status::Code::kInvalidArgument);
  }
  CHECK(rec.TicketText(id) == before);
  CHECK(FilesUnder(rec.dir / "tickets") == std::vector<std::string>{"2026/11/YX-26-11-01.toml"});
}

TEST_CASE("workflow: Act refuses to add to a history that is already invalid") {
  Records rec;
  std::string id = rec.Open("2026-11-29T09:00:00+08:00");
  // A hand-made history: closed before it was classified.
  Ticket t = rec.Load(id);
  Event close;
  close.at = T("2026-11-29T09:20:00+08:00");
  close.actor = "王芳";
  close.action = "close";
  close.Set("result", std::string("completed"));
  t.Append(close);
  {
    std::ofstream out(rec.TicketPath(id), std::ios::binary | std::ios::trunc);
    out << WriteTicket(t);
  }
  const std::string before = rec.TicketText(id);
  Status s = rec.Plain(id, "2026-11-29T09:30:00+08:00", "note", {{"text", std::string("x")}});
  CHECK(s.code() == Status::Code::kCorruption);
  CHECK(cli::UserText(s) ==
        "YX-26-11-01: 'close' at 2026-11-29T09:20:00+08:00 is not allowed: the ticket has not been "
        "classified yet (svc classify YX-26-11-01) (its history is not valid; see 'svc check')");
  CHECK(rec.TicketText(id) == before);
}

TEST_CASE("workflow: an event with an earlier --at that breaks a later one is refused") {
  Records rec;
  std::string id = rec.Open("2026-11-29T09:00:00+08:00");
  REQUIRE(rec.Classify(id, "2026-11-29T09:10:00+08:00", Support()).ok());
  REQUIRE(
      rec.Plain(id, "2026-11-29T09:40:00+08:00", "close", {{"result", std::string("completed")}})
          .ok());
  const std::string before = rec.TicketText(id);
  // A closed ticket is settled: neither a close nor a classification with an
  // earlier --at is taken; a note is.
  Status s =
      Act(*rec.store, id, By("王芳", "2026-11-29T09:30:00+08:00", "2026-11-29T10:00:00+08:00"),
          [](const Ticket&, const TicketState&, Event* e) {
            e->action = "close";
            e->Set("result", std::string("incomplete"));
            return Status::OK();
          });
  CHECK(s.code() == Status::Code::kNotAllowed);
  CHECK(cli::UserText(s) ==
        "YX-26-11-01: 'close' at 2026-11-29T09:30:00+08:00 is not allowed: the ticket was closed "
        "at 2026-11-29T09:40:00+08:00; reopen it first (svc reopen YX-26-11-01 --reason TEXT)");
  CHECK(rec.TicketText(id) == before);
  s = Act(*rec.store, id, By("王芳", "2026-11-29T09:20:00+08:00", "2026-11-29T10:00:00+08:00"),
          [&](const Ticket&, const TicketState&, Event* e) {
            return MakeClassifyEvent(Support("software"), rec.store->config(), e);
          });
  CHECK(s.code() == Status::Code::kNotAllowed);
  CHECK(rec.TicketText(id) == before);
  s = rec.Plain(id, "2026-11-29T09:20:00+08:00", "note", {{"text", std::string("x")}});
  CHECK_MESSAGE(s.ok(), s.message());
  // Open, an event that breaks a later one is refused by the replay.
  std::string other = rec.Open("2026-11-29T09:01:00+08:00");
  REQUIRE(rec.Classify(other, "2026-11-29T09:10:00+08:00", Support()).ok());
  std::string n;
  REQUIRE(rec.Dispatch(other, "2026-11-29T09:40:00+08:00", &n).ok());
  REQUIRE(rec.Plain(other, "2026-11-29T09:50:00+08:00", "arrive", {{"record", n}}).ok());
  const std::string other_before = rec.TicketText(other);
  s = rec.Plain(other, "2026-11-29T09:30:00+08:00", "close",
                {{"result", std::string("incomplete")}});
  CHECK(s.code() == Status::Code::kNotAllowed);
  CHECK(
      cli::UserText(s) ==
      "YX-26-11-02: 'dispatch' at 2026-11-29T09:40:00+08:00 is not allowed: the ticket was closed "
      "at 2026-11-29T09:30:00+08:00; reopen it first (svc reopen YX-26-11-02 --reason TEXT)");
  CHECK(rec.TicketText(other) == other_before);
}

// --- Dispatch ---------------------------------------------------------------------

OutboundEntry Entry(Records& rec, const std::string& rel) {
  OutboundEntry e;
  Status s = ParseOutboundEntry(ReadAll(rec.dir / rel), rel, &e);
  REQUIRE_MESSAGE(s.ok(), s.message());
  return e;
}

TEST_CASE("workflow: outbound records are numbered per department and month of filing") {
  Records rec;
  std::string a = rec.Open("2026-11-29T09:00:00+08:00");
  std::string b = rec.Open("2026-11-29T09:05:00+08:00");
  std::string c = rec.Open("2026-11-29T09:06:00+08:00");
  std::string d = rec.Open("2026-11-29T09:07:00+08:00");
  REQUIRE(rec.Classify(a, "2026-11-29T09:10:00+08:00", Support()).ok());
  REQUIRE(rec.Classify(b, "2026-11-29T09:10:00+08:00", Support()).ok());
  REQUIRE(rec.Classify(c, "2026-11-29T09:10:00+08:00", Support("software")).ok());
  REQUIRE(rec.Classify(d, "2026-11-29T09:10:00+08:00", MajorQuality()).ok());

  std::string n;
  REQUIRE(rec.Dispatch(a, "2026-11-29T09:20:00+08:00", &n).ok());
  CHECK(n == "SC-26-11-01");
  REQUIRE(rec.Dispatch(b, "2026-11-29T09:21:00+08:00", &n).ok());
  CHECK(n == "SC-26-11-02");
  REQUIRE(rec.Dispatch(a, "2026-11-29T09:22:00+08:00", &n).ok());  // a second visit
  CHECK(n == "SC-26-11-03");
  REQUIRE(rec.Dispatch(c, "2026-11-29T09:23:00+08:00", &n).ok());
  CHECK(n == "YF-26-11-01");
  DispatchRequest hy{{"赵六"}, "complex", "HY", std::nullopt};
  REQUIRE(rec.Dispatch(b, "2026-11-29T09:24:00+08:00", &n, hy).ok());
  CHECK(n == "HY-26-11-01");

  // A major quality problem: after the gm's approval the engineers of the
  // category's department go (SC), not the Quality dept that supervises.
  REQUIRE(rec.Plain(d, "2026-11-29T09:25:00+08:00", "plan", {{"text", std::string("方案")}}).ok());
  REQUIRE(
      rec.Plain(d, "2026-11-29T09:26:00+08:00", "approve", {{"role", std::string("gm")}}, "张建国")
          .ok());
  REQUIRE(rec.Plain(d, "2026-11-29T09:26:30+08:00", "approve",
                    {{"role", std::string("customer")}, {"by", std::string("王工")}})
              .ok());
  REQUIRE(rec.Dispatch(d, "2026-11-29T09:27:00+08:00", &n).ok());
  CHECK(n == "SC-26-11-04");

  // Filed in December (company time): December's first, whatever the ticket's month.
  REQUIRE(rec.Dispatch(a, "2026-12-01T08:00:00+08:00", &n).ok());
  CHECK(n == "SC-26-12-01");
  // 2026-11-30T17:30Z is 2026-12-01 01:30 in the company's time zone.
  REQUIRE(rec.Dispatch(b, "2026-11-30T17:30:00Z", &n,
                       DispatchRequest{{"张伟"}, "", "", std::nullopt}, "2026-12-01T09:00:00+08:00")
              .ok());
  CHECK(n == "SC-26-12-02");
  // And filed late, on 1 December, for the evening of 30 November: November's next.
  REQUIRE(rec.Dispatch(c, "2026-11-30T23:30:00+08:00", &n,
                       DispatchRequest{{"张伟"}, "", "SC", std::nullopt},
                       "2026-12-01T09:00:00+08:00")
              .ok());
  CHECK(n == "SC-26-11-05");

  CHECK(rec.Registry() ==
        std::vector<std::string>{
            "2026/11/HY-26-11-01.toml", "2026/11/SC-26-11-01.toml", "2026/11/SC-26-11-02.toml",
            "2026/11/SC-26-11-03.toml", "2026/11/SC-26-11-04.toml", "2026/11/SC-26-11-05.toml",
            "2026/11/YF-26-11-01.toml", "2026/12/SC-26-12-01.toml", "2026/12/SC-26-12-02.toml"});
  const std::pair<std::string, std::string> owners[] = {
      {"SC-26-11-01", a}, {"SC-26-11-02", b}, {"SC-26-11-03", a},
      {"YF-26-11-01", c}, {"HY-26-11-01", b}, {"SC-26-11-04", d},
      {"SC-26-12-01", a}, {"SC-26-12-02", b}, {"SC-26-11-05", c},
  };
  for (const auto& [record, ticket] : owners) {
    CAPTURE(record);
    DocNumber num;
    REQUIRE(ParseDocNumber(record, &num).ok());
    OutboundEntry e = Entry(rec, OutboundPath(num));
    CHECK(e.record == record);
    CHECK(e.ticket == ticket);
    CHECK(ReadAll(rec.dir / OutboundPath(num)) ==
          "# 外出服务记录表 Outbound Service Record (R-4.4.3), filed under the ticket below\n"
          "record = \"" +
              record + "\"\nticket = \"" + ticket + "\"\n");
  }

  TicketState sa = rec.State(a);
  REQUIRE(sa.records.size() == 3);
  CHECK(sa.records[0].number == "SC-26-11-01");
  CHECK(sa.records[1].number == "SC-26-11-03");
  CHECK(sa.records[2].number == "SC-26-12-01");
  TicketState sb = rec.State(b);
  REQUIRE(sb.records.size() == 3);
  CHECK(sb.records[1].number == "HY-26-11-01");
  CHECK(sb.records[1].dept == "HY");
  CHECK(sb.records[1].complexity == "complex");
  CHECK(sb.records[1].techs == std::vector<std::string>{"赵六"});
  TicketState sd = rec.State(d);
  REQUIRE(sd.records.size() == 1);
  CHECK(sd.records[0].dept == "SC");
  CHECK(sd.route() == "ZL");
}

TEST_CASE("workflow: the dispatch event as written") {
  Records rec;
  std::string id = rec.Open("2026-11-29T09:00:00+08:00");
  REQUIRE(rec.Classify(id, "2026-11-29T09:10:00+08:00", Support()).ok());
  std::string before = rec.TicketText(id);
  std::string n;
  DispatchRequest r{{"张伟", "李强"}, "complex", "", T("2026-11-29T14:00:00+08:00")};
  REQUIRE(rec.Dispatch(id, "2026-11-29T09:20:00+08:00", &n, r, "2026-11-29T09:30:00+08:00").ok());
  CHECK(n == "SC-26-11-01");
  std::string after = rec.TicketText(id);
  REQUIRE(after.starts_with(before));
  CHECK(after.substr(before.size()) ==
        "\n[[event]]\n"
        "at = 2026-11-29T09:20:00+08:00\n"
        "recorded = 2026-11-29T09:30:00+08:00\n"
        "actor = \"王芳\"\n"
        "action = \"dispatch\"\n"
        "record = \"SC-26-11-01\"\n"
        "dept = \"SC\"\n"
        "techs = [\"张伟\", \"李强\"]\n"
        "complexity = \"complex\"\n"
        "planned = 2026-11-29T14:00:00+08:00\n");
}

TEST_CASE("workflow: a refused dispatch writes no registry entry and leaves the ticket as it was") {
  Records rec;
  std::string id = rec.Open("2026-11-29T09:00:00+08:00");
  std::string n = "unchanged";

  // Not classified.
  std::string before = rec.TicketText(id);
  Status s = rec.Dispatch(id, "2026-11-29T09:05:00+08:00", &n);
  CHECK(s.code() == Status::Code::kNotAllowed);
  CHECK(cli::UserText(s) ==
        "YX-26-11-01: 'dispatch' at 2026-11-29T09:05:00+08:00 is not allowed: the ticket has not "
        "been classified yet (svc classify YX-26-11-01)");
  CHECK(rec.TicketText(id) == before);
  CHECK(rec.Registry().empty());

  // A major quality problem without the general manager's approval.
  REQUIRE(rec.Classify(id, "2026-11-29T09:10:00+08:00", MajorQuality()).ok());
  REQUIRE(rec.Plain(id, "2026-11-29T09:20:00+08:00", "plan", {{"text", std::string("方案")}}).ok());
  REQUIRE(
      rec.Plain(id, "2026-11-29T09:25:00+08:00", "approve", {{"role", std::string("head")}}).ok());
  before = rec.TicketText(id);
  s = rec.Dispatch(id, "2026-11-29T09:30:00+08:00", &n);
  CHECK(s.code() == Status::Code::kNotAllowed);
  CHECK(
      cli::UserText(s) ==
      "YX-26-11-01: 'dispatch' at 2026-11-29T09:30:00+08:00 is not allowed: it is a major quality "
      "problem and [rules] plan_before_dispatch = \"quality\": the plan recorded at "
      "2026-11-29T09:20:00+08:00 by 王芳 has neither the general manager's approval nor the "
      "customer's endorsement (R-4.2.2, R-4.3.3; svc approve YX-26-11-01 --as gm, and svc approve "
      "YX-26-11-01 --as customer --by NAME)");
  CHECK(n == "unchanged");
  CHECK(rec.TicketText(id) == before);
  CHECK(rec.Registry().empty());
  CHECK_FALSE(Exists(rec.dir / "outbound/2026/11/SC-26-11-01.toml"));

  // --at later than now.
  s = rec.Dispatch(id, "2026-11-29T11:00:00+08:00", &n,
                   DispatchRequest{{"张伟"}, "", "", std::nullopt}, "2026-11-29T10:00:00+08:00");
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(cli::UserText(s) ==
        "--at 2026-11-29T11:00:00+08:00 is later than now (2026-11-29T10:00:00+08:00)");
  CHECK(rec.TicketText(id) == before);
  CHECK(rec.Registry().empty());

  // Bad values.
  const std::pair<DispatchRequest, std::string> bad[] = {
      {DispatchRequest{{"张伟"}, "hard", "", std::nullopt},
       "--complexity: 'hard' is not one of simple, complex"},
      {DispatchRequest{{}, "", "", std::nullopt}, "--tech: name at least one engineer"},
      {DispatchRequest{{"张伟", " "}, "", "", std::nullopt}, "--tech must not be empty"},
      {DispatchRequest{{"张伟"}, "", "QQ", std::nullopt},
       "--dept: 'QQ' is no department code in svc.toml"},
  };
  for (const auto& [r, message] : bad) {
    CAPTURE(message);
    s = rec.Dispatch(id, "2026-11-29T09:40:00+08:00", &n, r);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(cli::UserText(s) == message);
  }
  CHECK(rec.TicketText(id) == before);
  CHECK(rec.Registry().empty());

  // The general manager approves: the number refused before was never taken.
  REQUIRE(
      rec.Plain(id, "2026-11-29T09:50:00+08:00", "approve", {{"role", std::string("gm")}}, "张建国")
          .ok());
  REQUIRE(rec.Plain(id, "2026-11-29T09:55:00+08:00", "approve",
                    {{"role", std::string("customer")}, {"by", std::string("王工")}})
              .ok());
  REQUIRE(rec.Dispatch(id, "2026-11-29T10:00:00+08:00", &n).ok());
  CHECK(n == "SC-26-11-01");
  CHECK(rec.Registry() == std::vector<std::string>{"2026/11/SC-26-11-01.toml"});

  // A dispatch dated before the approval (by --at) is refused, and takes nothing.
  before = rec.TicketText(id);
  s = rec.Dispatch(id, "2026-11-29T09:45:00+08:00", &n,
                   DispatchRequest{{"张伟"}, "", "", std::nullopt}, "2026-11-29T10:05:00+08:00");
  CHECK(s.code() == Status::Code::kNotAllowed);
  CHECK(rec.TicketText(id) == before);
  CHECK(rec.Registry() == std::vector<std::string>{"2026/11/SC-26-11-01.toml"});

  // Closed: no more visits.
  REQUIRE(
      rec.Plain(id, "2026-11-29T10:10:00+08:00", "close", {{"result", std::string("incomplete")}})
          .ok());
  before = rec.TicketText(id);
  s = rec.Dispatch(id, "2026-11-29T10:20:00+08:00", &n);
  CHECK(s.code() == Status::Code::kNotAllowed);
  CHECK(
      cli::UserText(s) ==
      "YX-26-11-01: 'dispatch' at 2026-11-29T10:20:00+08:00 is not allowed: the ticket was closed "
      "at 2026-11-29T10:10:00+08:00; reopen it first (svc reopen YX-26-11-01 --reason TEXT)");
  CHECK(rec.TicketText(id) == before);
  CHECK(rec.Registry() == std::vector<std::string>{"2026/11/SC-26-11-01.toml"});
}

TEST_CASE("workflow: a voided ticket's dispatch is refused, and its outbound numbers stay taken") {
  Records rec;
  std::string a = rec.Open("2026-11-29T09:00:00+08:00");
  std::string b = rec.Open("2026-11-29T09:01:00+08:00");
  REQUIRE(rec.Classify(a, "2026-11-29T09:10:00+08:00", Support()).ok());
  REQUIRE(rec.Classify(b, "2026-11-29T09:10:00+08:00", Support()).ok());
  std::string n;
  REQUIRE(rec.Dispatch(a, "2026-11-29T09:20:00+08:00", &n).ok());
  REQUIRE(
      rec.Plain(a, "2026-11-29T09:30:00+08:00", "void", {{"reason", std::string("重复")}}).ok());
  std::string before = rec.TicketText(a);
  Status s = rec.Dispatch(a, "2026-11-29T09:40:00+08:00", &n);
  CHECK(s.code() == Status::Code::kNotAllowed);
  CHECK(cli::UserText(s) ==
        "YX-26-11-01: 'dispatch' at 2026-11-29T09:40:00+08:00 is not allowed: the ticket was "
        "voided at 2026-11-29T09:30:00+08:00");
  CHECK(rec.TicketText(a) == before);
  REQUIRE(rec.Dispatch(b, "2026-11-29T09:50:00+08:00", &n).ok());
  CHECK(n == "SC-26-11-02");
}

TEST_CASE("workflow: a full month of outbound numbers is an error, never a wrap") {
  Records rec;
  std::string id = rec.Open("2026-11-29T09:00:00+08:00");
  REQUIRE(rec.Classify(id, "2026-11-29T09:10:00+08:00", Support()).ok());
  std::filesystem::create_directories(rec.dir / "outbound/2026/11");
  {
    std::ofstream out(rec.dir / "outbound/2026/11/SC-26-11-99.toml");
    out << WriteOutboundEntry(OutboundEntry{"SC-26-11-99", "YX-26-11-01"});
  }
  std::string before = rec.TicketText(id);
  std::string n;
  Status s = rec.Dispatch(id, "2026-11-29T09:20:00+08:00", &n);
  CHECK(s.code() == Status::Code::kConflict);
  CHECK(cli::UserText(s) ==
        "no SC number left for 2026-11: SC-26-11-99 was the last of 2 digits (raise "
        "sequence_width in svc.toml's [company] to go on)");
  CHECK(rec.TicketText(id) == before);
  CHECK(rec.Registry() == std::vector<std::string>{"2026/11/SC-26-11-99.toml"});
  // Another department's numbers are not affected.
  REQUIRE(rec.Dispatch(id, "2026-11-29T09:20:00+08:00", &n,
                       DispatchRequest{{"张伟"}, "", "YF", std::nullopt})
              .ok());
  CHECK(n == "YF-26-11-01");
}

// A disk that fails to write ticket files (the registry still works).
class TicketWriteFails : public FaultDisk {
 public:
  TicketWriteFails() : FaultDisk(RealDisk()) {}
  Status NewFile(const std::string& path, std::unique_ptr<WritableFile>* out) override {
    if (fail && path.find("/tickets/") != std::string::npos) return Status::IOError("disk full");
    return FaultDisk::NewFile(path, out);
  }
  bool fail = false;
};

TEST_CASE("workflow: when the ticket cannot be written, the registry entry is taken back") {
  TicketWriteFails disk;
  Records rec(&disk);
  std::string id = rec.Open("2026-11-29T09:00:00+08:00");
  REQUIRE(rec.Classify(id, "2026-11-29T09:10:00+08:00", Support()).ok());
  std::string before = rec.TicketText(id);
  disk.fail = true;
  std::string n = "unchanged";
  Status s = rec.Dispatch(id, "2026-11-29T09:20:00+08:00", &n);
  CHECK(s.code() == Status::Code::kIOError);
  CHECK(cli::UserText(s) == "disk full");
  CHECK(n == "unchanged");
  CHECK(rec.TicketText(id) == before);
  CHECK(rec.Registry().empty());
  disk.fail = false;
  REQUIRE(rec.Dispatch(id, "2026-11-29T09:20:00+08:00", &n).ok());
  CHECK(n == "SC-26-11-01");
}

// The desk's explicit route names the department whose engineers go (the
// quality kind, routed to ZL which does not staff, is the exception).
TEST_CASE("workflow: a dispatch follows the desk's explicit --to route") {
  Records rec;
  std::string id = rec.Open("2026-11-29T09:00:00+08:00");
  ClassifyRequest r = Support();
  r.to = "HY";
  REQUIRE(rec.Classify(id, "2026-11-29T09:10:00+08:00", r).ok());
  REQUIRE(rec.State(id).route() == "HY");
  std::string n;
  REQUIRE(rec.Dispatch(id, "2026-11-29T09:20:00+08:00", &n).ok());
  CHECK(n == "HY-26-11-01");
}

// An engineer recording the first visit's arrival hours later (--at), after a
// second visit was filed, marks the record that was the latest at that time.
TEST_CASE("workflow: a mark recorded late goes to the latest record as of --at") {
  Records rec;
  std::string id = rec.Open("2026-11-29T09:00:00+08:00");
  REQUIRE(rec.Classify(id, "2026-11-29T09:10:00+08:00", Support()).ok());
  std::string n;
  REQUIRE(rec.Dispatch(id, "2026-11-29T09:20:00+08:00", &n).ok());
  REQUIRE(rec.Dispatch(id, "2026-11-29T11:00:00+08:00", &n).ok());
  REQUIRE(n == "SC-26-11-02");
  MarkRequest arrive;
  arrive.action = "arrive";
  std::string record;
  Status s = MarkRecord(*rec.store, id,
                        By("李强", "2026-11-29T10:00:00+08:00", "2026-11-29T12:00:00+08:00"),
                        arrive, &record);
  CHECK_MESSAGE(s.ok(), s.message());
  CHECK(record == "SC-26-11-01");
  TicketState st = rec.State(id);
  CHECK(st.records[0].arrived.has_value());
}

}  // namespace
}  // namespace svc
