// Fees (lib/fees.h): Table 1 exactly, to the fen (REQUIREMENTS.md, Decision
// (fee formula)). Every expected amount below is computed by hand, the
// arithmetic written next to it, never taken from svc's output:
//
//   travel   = transport + lodging + meals
//   subtotal = materials + labour + travel
//   tax      = 15 % of subtotal, rounded half-up to the fen
//   cost     = subtotal + tax
//   mgmt     = 40 % of cost, rounded half-up to the fen
//   total    = cost + mgmt
//
// The schedule of records/svc.toml (effective 2017-01-01): labour 200,
// lodging 150, meals 50 yuan per person per day, tax 15 %, management 40 %.
#include "rules/fees.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "flags.h"
#include "format/config_toml.h"
#include "model/config.h"
#include "rules/state.h"
#include "test_util.h"

namespace svc {
namespace {

Money Y(int64_t fen) {
  return Money{fen};
}

using svc_test::T;

Config ParseOrDie(const std::string& text) {
  Config c;
  Status s = ParseConfig(text, "svc.toml", &c);
  REQUIRE_MESSAGE(s.ok(), s.message());
  return c;
}

const Config& Cfg() {
  static const Config config = ParseOrDie(std::string(DefaultConfigText()));
  return config;
}

// A second schedule, effective 2027-01-01: labour 240, lodging 180, meals 60,
// tax 13 %, management 35 %.
constexpr const char* kSchedule2027 =
    "\n[[fees]]\n"
    "effective = 2027-01-01\n"
    "lodging_per_day = \"180.00\"\n"
    "meals_per_day = \"60.00\"\n"
    "labor_per_day = \"240.00\"\n"
    "tax = \"13%\"\n"
    "management = \"35%\"\n";

const Config& Cfg2027() {
  static const Config config = ParseOrDie(std::string(DefaultConfigText()) + kSchedule2027);
  return config;
}

std::string Replaced(std::string text, std::string_view old, std::string_view now) {
  size_t at = text.find(old);
  REQUIRE_MESSAGE(at != std::string::npos, old);
  text.replace(at, old.size(), now);
  return text;
}

const FeeSchedule& Table1() {
  REQUIRE(Cfg().fees.size() == 1);
  return Cfg().fees.front();
}

Part NamedPart(std::string name, int64_t qty, int64_t unit_fen) {
  Part p;
  p.name = std::move(name);
  p.qty = qty;
  p.unit = Money{unit_fen};
  return p;
}

QuoteRequest Req(int64_t people, int64_t days, int64_t lodging_days, int64_t meal_days,
                 int64_t transport_fen, std::vector<Part> parts = {}) {
  QuoteRequest r;
  r.people = people;
  r.days = days;
  r.lodging_days = lodging_days;
  r.meal_days = meal_days;
  r.transport = Money{transport_fen};
  r.parts = std::move(parts);
  return r;
}

QuoteRequest Lowered(QuoteRequest r, int64_t rate_fen, std::string reason) {
  r.labor_rate = Money{rate_fen};
  r.reason = std::move(reason);
  return r;
}

QuoteRequest Free(QuoteRequest r) {
  r.free = true;
  return r;
}

// Every line of a quote, in fen.
struct Lines {
  int64_t labor, lodging, meals, transport, materials, travel, subtotal, tax, cost, management,
      total, charged;
};

void CheckLines(const Quote& q, const Lines& x) {
  CHECK(q.labor == Y(x.labor));
  CHECK(q.lodging == Y(x.lodging));
  CHECK(q.meals == Y(x.meals));
  CHECK(q.transport == Y(x.transport));
  CHECK(q.materials == Y(x.materials));
  CHECK(q.travel == Y(x.travel));
  CHECK(q.subtotal == Y(x.subtotal));
  CHECK(q.tax == Y(x.tax));
  CHECK(q.cost == Y(x.cost));
  CHECK(q.management == Y(x.management));
  CHECK(q.total == Y(x.total));
  CHECK(q.charged == Y(x.charged));
}

// --- the schedule ------------------------------------------------------------

TEST_CASE("fees: records/svc.toml and the built-in default hold Table 1") {
  std::ifstream in(std::string(SVC_SOURCE_DIR) + "/records/svc.toml", std::ios::binary);
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  Config file = ParseOrDie(text.str());
  for (const Config* c : {static_cast<const Config*>(&file), &Cfg()}) {
    REQUIRE(c->fees.size() == 1);
    const FeeSchedule& f = c->fees.front();
    CHECK(f.effective == Date{2017, 1, 1});
    CHECK(f.labor_per_day == Y(20000));
    CHECK(f.lodging_per_day == Y(15000));
    CHECK(f.meals_per_day == Y(5000));
    CHECK(f.tax_bp == 1500);
    CHECK(f.management_bp == 4000);
  }
}

// --- hand-computed quotes ----------------------------------------------------

TEST_CASE("fees: hand-computed quotes, table-driven") {
  struct Row {
    const char* name;
    QuoteRequest request;
    Lines want;
  };
  const std::vector<Row> rows = {
      // README's example: 2 people, 3 days, transport 860, 2 relays at 35.00.
      // labour 2*3*200 = 1200.00; lodging 2*3*150 = 900.00; meals 2*3*50 = 300.00
      // materials 2*35.00 = 70.00; travel 860 + 900 + 300 = 2060.00
      // subtotal 70 + 1200 + 2060 = 3330.00; tax 15 % = 499.50; cost 3829.50
      // mgmt 40 % of 3829.50 = 1531.80; total 5361.30
      {"2 people 3 days with parts",
       Req(2, 3, 3, 3, 86000, {NamedPart("过流继电器", 2, 3500)}),
       {120000, 90000, 30000, 86000, 7000, 206000, 333000, 49950, 382950, 153180, 536130, 536130}},
      // 1 person 1 day: labour 200, lodging 150, meals 50; travel 200; subtotal 400
      // tax 60.00; cost 460.00; mgmt 184.00; total 644.00
      {"1 person 1 day",
       Req(1, 1, 1, 1, 0),
       {20000, 15000, 5000, 0, 0, 20000, 40000, 6000, 46000, 18400, 64400, 64400}},
      // 3 people, 5 days, lodging 4 days, meals 5 days, transport 1234.56:
      // labour 3*5*200 = 3000.00; lodging 3*4*150 = 1800.00; meals 3*5*50 = 750.00
      // travel 1234.56 + 1800 + 750 = 3784.56; subtotal 3000 + 3784.56 = 6784.56
      // tax 678456 fen * 15 % = 101768.40 -> 101768 (1017.68); cost 780224 (7802.24)
      // mgmt 780224 * 40 % = 312089.6 -> 312090 (3120.90); total 1092314 (10923.14)
      {"3 people 5 days, 4 nights",
       Req(3, 5, 4, 5, 123456),
       {300000, 180000, 75000, 123456, 0, 378456, 678456, 101768, 780224, 312090, 1092314,
        1092314}},
      // The customer provides lodging and meals (0 days): 2 people, 2 days, transport 300
      // labour 2*2*200 = 800; travel 300; subtotal 1100; tax 165.00; cost 1265.00
      // mgmt 506.00; total 1771.00
      {"customer provides lodging and meals",
       Req(2, 2, 0, 0, 30000),
       {80000, 0, 0, 30000, 0, 30000, 110000, 16500, 126500, 50600, 177100, 177100}},
      // Lowered labour rate 150 (with a reason): 1 person, 2 days, 1 night, 2 days' meals
      // labour 1*2*150 = 300; lodging 1*1*150 = 150; meals 1*2*50 = 100; travel 250
      // subtotal 550; tax 82.50; cost 632.50; mgmt 253.00; total 885.50
      {"lowered labour rate",
       Lowered(Req(1, 2, 1, 2, 0), 15000, "老客户，经理同意"),
       {30000, 15000, 10000, 0, 0, 25000, 55000, 8250, 63250, 25300, 88550, 88550}},
      // The schedule's own rate needs no reason: 1 person, 1 day, nothing provided
      // labour 200; subtotal 200; tax 30; cost 230; mgmt 92; total 322
      {"labour rate equal to the schedule's",
       Lowered(Req(1, 1, 0, 0, 0), 20000, ""),
       {20000, 0, 0, 0, 0, 0, 20000, 3000, 23000, 9200, 32200, 32200}},
      // Free service: the total is computed and kept, charged 0 (same lines as 1 person 1 day).
      {"free service",
       Free(Req(1, 1, 1, 1, 0)),
       {20000, 15000, 5000, 0, 0, 20000, 40000, 6000, 46000, 18400, 64400, 0}},
      // Half a fen of tax rounds up: labour waived (rate 0), transport 0.10
      // subtotal 10 fen; tax 10 * 15 % = 1.5 -> 2 fen; cost 12 fen
      // mgmt 12 * 40 % = 4.8 -> 5 fen; total 17 fen
      {"tax of 1.5 fen rounds up",
       Lowered(Req(1, 1, 0, 0, 10), 0, "免收人工"),
       {0, 0, 0, 10, 0, 10, 10, 2, 12, 5, 17, 17}},
      // A realistic half fen (half-up, not half-even): README's example with relays at 35.15
      // materials 2*35.15 = 70.30; subtotal 70.30 + 1200 + 2060 = 3330.30 (333030 fen)
      // tax 333030 * 15 % = 49954.5 -> 49955 (half-even would give 49954); cost 382985
      // mgmt 382985 * 40 % = 153194.0 -> 153194; total 536179 (5361.79)
      {"tax of x.5 fen on an even fen rounds up",
       Req(2, 3, 3, 3, 86000, {NamedPart("过流继电器", 2, 3515)}),
       {120000, 90000, 30000, 86000, 7030, 206000, 333030, 49955, 382985, 153194, 536179, 536179}},
      // Two materials: 3 relays at 35.00 = 105.00, 10 fuses at 2.35 = 23.50 -> 128.50
      // 1 person 1 day: labour 200, travel 150 + 50 = 200; subtotal 528.50 (52850 fen)
      // tax 52850 * 15 % = 7927.5 -> 7928 (79.28); cost 60778 (607.78, odd)
      // mgmt 60778 * 40 % = 24311.2 -> 24311; total 85089 (850.89)
      {"two materials, half a fen of tax",
       Req(1, 1, 1, 1, 0, {NamedPart("过流继电器", 3, 3500), NamedPart("熔断器", 10, 235)}),
       {20000, 15000, 5000, 0, 12850, 20000, 52850, 7928, 60778, 24311, 85089, 85089}},
      // Just below half a fen; 40 % of an odd cost rounding up:
      // 1 person 1 day, no lodging or meals, transport 0.43: subtotal 20043 fen
      // tax 20043 * 15 % = 3006.45 -> 3006; cost 23049 (odd)
      // mgmt 23049 * 40 % = 9219.6 -> 9220; total 32269 (322.69)
      {"40 % of an odd cost rounds up",
       Req(1, 1, 0, 0, 43),
       {20000, 0, 0, 43, 0, 43, 20043, 3006, 23049, 9220, 32269, 32269}},
      // 40 % of an odd cost rounding down: transport 0.03: subtotal 20003
      // tax 20003 * 15 % = 3000.45 -> 3000; cost 23003 (odd)
      // mgmt 23003 * 40 % = 9201.2 -> 9201; total 32204 (322.04)
      {"40 % of an odd cost rounds down",
       Req(1, 1, 0, 0, 3),
       {20000, 0, 0, 3, 0, 3, 20003, 3000, 23003, 9201, 32204, 32204}},
      // Materials only, the customer buys nothing else: labour waived, no travel
      // 1 part at 0.01: subtotal 1 fen; tax 0.15 -> 0; cost 1; mgmt 0.4 -> 0; total 1 fen
      {"one fen",
       Lowered(Req(1, 1, 0, 0, 0, {NamedPart("垫圈", 1, 1)}), 0, "只收材料"),
       {0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 1}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    Quote q;
    Status s = ComputeQuote(row.request, Table1(), &q);
    REQUIRE_MESSAGE(s.ok(), s.message());
    CheckLines(q, row.want);
    CHECK(q.schedule == Date{2017, 1, 1});
    CHECK(q.tax_bp == 1500);
    CHECK(q.management_bp == 4000);
    // A lowered rate is used and its reason kept with the quote.
    CHECK(q.labor_rate == row.request.labor_rate.value_or(Y(20000)));
    CHECK(q.request.reason == row.request.reason);
    CHECK(q.lodging_rate == Y(15000));
    CHECK(q.meal_rate == Y(5000));
  }
}

// --- refusals and overflow ---------------------------------------------------

TEST_CASE("fees: the labour rate may only be lowered, and only with a reason") {
  Quote q;
  // Lowered without a reason: refused.
  Status s = ComputeQuote(Lowered(Req(1, 1, 1, 1, 0), 15000, ""), Table1(), &q);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(cli::UserText(s).find("--reason") != std::string::npos);
  CHECK(s.message().find("150.00") != std::string::npos);
  // Raised, with or without a reason: refused (Table 1 allows lowering only).
  for (const char* reason : {"", "加急"}) {
    CAPTURE(reason);
    s = ComputeQuote(Lowered(Req(1, 1, 1, 1, 0), 20001, reason), Table1(), &q);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(s.message().find("200.01") != std::string::npos);
    CHECK(s.message().find("200.00") != std::string::npos);
  }
  // One fen lower with a reason: fine; 1 person 1 day, nothing else:
  // labour 199.99; subtotal 19999; tax 2999.85 -> 3000; cost 22999
  // mgmt 9199.6 -> 9200; total 32199
  REQUIRE(ComputeQuote(Lowered(Req(1, 1, 0, 0, 0), 19999, "老客户"), Table1(), &q).ok());
  CheckLines(q, {19999, 0, 0, 0, 0, 0, 19999, 3000, 22999, 9200, 32199, 32199});
  CHECK(q.labor_rate == Y(19999));
  CHECK(q.request.reason == "老客户");
}

TEST_CASE("fees: people and days from 1, days not negative, parts priced") {
  Quote q;
  CHECK(ComputeQuote(Req(0, 1, 0, 0, 0), Table1(), &q).code() == Status::Code::kInvalidArgument);
  CHECK(ComputeQuote(Req(1, 0, 0, 0, 0), Table1(), &q).code() == Status::Code::kInvalidArgument);
  CHECK(ComputeQuote(Req(-1, 1, 0, 0, 0), Table1(), &q).code() == Status::Code::kInvalidArgument);
  CHECK(ComputeQuote(Req(1, 1, -1, 0, 0), Table1(), &q).code() == Status::Code::kInvalidArgument);
  CHECK(ComputeQuote(Req(1, 1, 0, -1, 0), Table1(), &q).code() == Status::Code::kInvalidArgument);
  Part unpriced;
  unpriced.name = "继电器";
  unpriced.qty = 1;
  Status s = ComputeQuote(Req(1, 1, 0, 0, 0, {unpriced}), Table1(), &q);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(s.message().find("继电器") != std::string::npos);
}

TEST_CASE("fees: overflow is an error, never a wrap") {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  struct Row {
    const char* name;
    QuoteRequest request;
  };
  const std::vector<Row> rows = {
      {"huge transport", Req(1, 1, 0, 0, kMax)},
      {"transport + labour just past the limit", Req(1, 1, 0, 0, kMax - 19999)},
      {"subtotal at the limit: the tax overflows", Req(1, 1, 0, 0, kMax - 20000)},
      {"huge quantity", Req(1, 1, 0, 0, 0, {NamedPart("电缆", int64_t{1} << 62, 100)})},
      {"huge unit price", Req(1, 1, 0, 0, 0, {NamedPart("电缆", 2, kMax / 2 + 1)})},
      {"many parts adding past the limit",
       Req(1, 1, 0, 0, 0,
           {NamedPart("a", 1, kMax / 2), NamedPart("b", 1, kMax / 2),
            NamedPart("c", 1, kMax / 2)})},
      {"people x days x labour", Req(int64_t{1} << 31, int64_t{1} << 31, 0, 0, 0)},
      {"lodging days", Req(1, 1, kMax / 100, 0, 0)},
      {"meal days", Req(3, 1, 0, kMax / 10000, 0)},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    Quote q;
    Status s = ComputeQuote(row.request, Table1(), &q);
    CHECK_FALSE(s.ok());
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(s.message().find("too large") != std::string::npos);
  }
  // The largest transport the command line accepts (999,999,999,999.99 yuan)
  // computes without overflow, but its total (1,610,000,000,321.99 yuan) is
  // above what a ticket can store and read back: refused, nothing written.
  Quote q;
  Status s = ComputeQuote(Req(1, 1, 0, 0, 99999999999999), Table1(), &q);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  // Within the limit: transport 62,111,801,000.00 yuan, 1 person 1 day: subtotal
  // 6211180120000 fen, tax 931677018000, cost 7142857138000, management
  // 2857142855200, total 9999999993200 fen (99,999,999,932.00 yuan).
  s = ComputeQuote(Req(1, 1, 0, 0, 6211180100000), Table1(), &q);
  REQUIRE_MESSAGE(s.ok(), s.message());
  CHECK(q.total.fen == 9999999993200);
}

// --- the stored event ----------------------------------------------------------

TEST_CASE("fees: a quote's event keeps what was asked, the schedule and the result") {
  QuoteRequest r =
      Lowered(Req(2, 3, 2, 1, 86000, {NamedPart("过流继电器", 2, 3500)}), 18000, "老客户");
  r.free = true;
  Quote q;
  REQUIRE(ComputeQuote(r, Table1(), &q).ok());
  Event e;
  QuoteToEvent(q, &e);
  CHECK(e.action == "quote");
  REQUIRE(e.Find("schedule"));
  CHECK(std::get<Date>(*e.Find("schedule")) == Date{2017, 1, 1});
  REQUIRE(e.Find("total"));
  CHECK(std::get<Money>(*e.Find("total")) == q.total);
  REQUIRE(e.Find("charged"));
  CHECK(std::get<Money>(*e.Find("charged")) == Y(0));
  QuoteRequest back = RequestFromEvent(e);
  CHECK(back.people == 2);
  CHECK(back.days == 3);
  CHECK(back.lodging_days == 2);
  CHECK(back.meal_days == 1);
  CHECK(back.transport == Y(86000));
  REQUIRE(back.labor_rate);
  CHECK(*back.labor_rate == Y(18000));
  CHECK(back.reason == "老客户");
  CHECK(back.free);
  CHECK(back.parts == r.parts);
  // And recomputes to the same lines.
  Quote again;
  REQUIRE(ComputeQuote(back, Table1(), &again).ok());
  CHECK(again.total == q.total);
  CHECK(again.charged == q.charged);
}

// --- MakeQuote: the schedule in force, the price list, who pays ------------------

TicketState StateWith(std::string service, std::string responsibility = "") {
  TicketState st;
  st.status = TicketStatus::kOpen;
  Classification c;
  c.kind = responsibility.empty() ? "support" : "quality";
  c.category = "hardware";
  c.level = 2;
  c.service = std::move(service);
  c.route = "SC";
  st.classification = c;
  st.level = 2;
  if (!responsibility.empty()) {
    Analysis a;
    a.cause = "接线错误";
    a.responsibility = std::move(responsibility);
    st.analysis = a;
  }
  return st;
}

QuoteArgs Args(int64_t people, int64_t days) {
  QuoteArgs a;
  a.people = people;
  a.days = days;
  return a;
}

const PriceList& Prices() {
  static const PriceList list = [] {
    PriceList l;
    Status s = ParsePriceList(
        "[[part]]\ncode = \"P-1001\"\nname = \"过流继电器\"\nunit = \"只\"\nprice = \"35.00\"\n\n"
        "[[part]]\ncode = \"P-2002\"\nname = \"熔断器\"\nunit = \"只\"\nprice = \"2.35\"\n",
        "parts.toml", &l);
    REQUIRE_MESSAGE(s.ok(), s.message());
    return l;
  }();
  return list;
}

Time Nov29() {
  return T("2026-11-29T09:20:00+08:00");
}

TEST_CASE("fees: MakeQuote: lodging and meal days default to the days") {
  TicketState paid = StateWith("paid");
  struct Row {
    const char* name;
    QuoteArgs args;
    int64_t lodging_days, meal_days;
  };
  auto with = [](auto f) {
    QuoteArgs a = Args(2, 3);
    f(a);
    return a;
  };
  const std::vector<Row> rows = {
      {"defaults", Args(2, 3), 3, 3},
      {"--lodging-days 2 --meal-days 1", with([](QuoteArgs& a) {
         a.lodging_days = 2;
         a.meal_days = 1;
       }),
       2, 1},
      {"--no-lodging", with([](QuoteArgs& a) { a.no_lodging = true; }), 0, 3},
      {"--no-meals", with([](QuoteArgs& a) { a.no_meals = true; }), 3, 0},
      {"--no-lodging --no-meals", with([](QuoteArgs& a) { a.no_lodging = a.no_meals = true; }), 0,
       0},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    Quote q;
    Status s = MakeQuote(row.args, Cfg(), Prices(), paid, Nov29(), &q);
    REQUIRE_MESSAGE(s.ok(), s.message());
    CHECK(q.request.lodging_days == row.lodging_days);
    CHECK(q.request.meal_days == row.meal_days);
    CHECK(q.transport == Y(0));
    // labour 2*3*200 = 1200; lodging 2*L*150; meals 2*M*50
    CHECK(q.labor == Y(120000));
    CHECK(q.lodging == Y(2 * row.lodging_days * 15000));
    CHECK(q.meals == Y(2 * row.meal_days * 5000));
  }
  Quote q;
  Status s = MakeQuote(Args(0, 1), Cfg(), Prices(), paid, Nov29(), &q);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(cli::UserText(s).find("--people") != std::string::npos);
  s = MakeQuote(Args(1, 0), Cfg(), Prices(), paid, Nov29(), &q);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(cli::UserText(s).find("--days") != std::string::npos);
}

TEST_CASE("fees: MakeQuote prices CODE:QTY from the price list and NAME:QTY:UNIT as given") {
  QuoteArgs a = Args(1, 1);
  a.parts = {"P-1001:3", "P-2002:10"};
  Quote q;
  Status s = MakeQuote(a, Cfg(), Prices(), StateWith("paid"), Nov29(), &q);
  REQUIRE_MESSAGE(s.ok(), s.message());
  REQUIRE(q.request.parts.size() == 2);
  CHECK(q.request.parts[0].code == "P-1001");
  CHECK(q.request.parts[0].name == "过流继电器");
  CHECK(q.request.parts[0].qty == 3);
  CHECK(q.request.parts[0].unit == std::optional<Money>(Y(3500)));
  CHECK(q.request.parts[1].code == "P-2002");
  CHECK(q.request.parts[1].unit == std::optional<Money>(Y(235)));
  // Same as the table's "two materials" row: 3*35.00 + 10*2.35 = 128.50;
  // subtotal 528.50; tax 7927.5 -> 79.28; cost 607.78; mgmt 243.11; total 850.89
  CheckLines(q, {20000, 15000, 5000, 0, 12850, 20000, 52850, 7928, 60778, 24311, 85089, 85089});

  a.parts = {"过流继电器:3:35", "熔断器:10:2.35"};
  REQUIRE(MakeQuote(a, Cfg(), Prices(), StateWith("paid"), Nov29(), &q).ok());
  CHECK(q.materials == Y(12850));
  CHECK(q.total == Y(85089));
  CHECK(q.request.parts[0].code.empty());

  for (const char* bad : {"P-9999:1", "P-1001:0", "P-1001:x", "P-1001:-1", "a:b:c", "a:1:1.234",
                          "a:1:-5", "a:0:5", "a", "a:1:2:3:4", ""}) {
    CAPTURE(bad);
    a.parts = {bad};
    s = MakeQuote(a, Cfg(), Prices(), StateWith("paid"), Nov29(), &q);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(cli::UserText(s).find("--part") != std::string::npos);
  }
  a.parts = {"P-9999:1"};
  s = MakeQuote(a, Cfg(), Prices(), StateWith("paid"), Nov29(), &q);
  CHECK(s.message().find("P-9999") != std::string::npos);
  CHECK(s.message().find("parts.toml") != std::string::npos);
  // Without a price list, a code is unknown.
  a.parts = {"P-1001:1"};
  CHECK(MakeQuote(a, Cfg(), PriceList{}, StateWith("paid"), Nov29(), &q).code() ==
        Status::Code::kInvalidArgument);
}

TEST_CASE("fees: who pays follows responsibility and the service, --free/--paid need a reason") {
  struct Row {
    const char* name;
    TicketState state;
    bool free, paid;
    const char* reason;
    bool ok;
    bool charged;  // charged == total (else 0)
  };
  const std::vector<Row> rows = {
      {"--service paid", StateWith("paid"), false, false, "", true, true},
      {"on-site repair (warranty)", StateWith("onsite-repair"), false, false, "", true, false},
      {"no service given", StateWith(""), false, false, "", true, false},
      {"responsibility customer", StateWith("onsite-repair", "customer"), false, false, "", true,
       true},
      {"responsibility ours beats --service paid", StateWith("paid", "ours"), false, false, "",
       true, false},
      {"responsibility undetermined: the service decides", StateWith("paid", "undetermined"), false,
       false, "", true, true},
      {"--free on paid service without a reason", StateWith("paid"), true, false, "", false, false},
      {"--free on the customer's responsibility without a reason",
       StateWith("onsite-repair", "customer"), true, false, "", false, false},
      {"--free on paid service with a reason", StateWith("paid"), true, false, "三包期内", true,
       false},
      {"--paid on free service without a reason", StateWith("onsite-repair"), false, true, "",
       false, false},
      {"--paid on our responsibility without a reason", StateWith("paid", "ours"), false, true, "",
       false, false},
      {"--paid on free service with a reason", StateWith("onsite-repair"), false, true,
       "客户自行损坏", true, true},
      {"--free on free service needs no reason", StateWith("onsite-repair"), true, false, "", true,
       false},
      {"--paid on paid service needs no reason", StateWith("paid"), false, true, "", true, true},
      {"--free and --paid", StateWith("paid"), true, true, "x", false, false},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    QuoteArgs a = Args(1, 1);
    a.free = row.free;
    a.paid = row.paid;
    a.reason = row.reason;
    Quote q;
    Status s = MakeQuote(a, Cfg(), Prices(), row.state, Nov29(), &q);
    if (!row.ok) {
      CHECK(s.code() == Status::Code::kInvalidArgument);
      CHECK(cli::UserText(s).find(row.free ? "--free" : "--paid") != std::string::npos);
      continue;
    }
    REQUIRE_MESSAGE(s.ok(), s.message());
    // 1 person 1 day: total 644.00 (see the table above).
    CHECK(q.total == Y(64400));
    CHECK(q.charged == (row.charged ? Y(64400) : Y(0)));
    CHECK(q.request.free == !row.charged);
    CHECK(q.request.reason == row.reason);
  }
}

TEST_CASE("fees: the schedule in force on the quote's day, in the company's time zone") {
  // 1 person 1 day. Under 2017-01-01: total 644.00 (see above). Under 2027-01-01:
  // labour 240; lodging 180; meals 60; travel 240; subtotal 480.00
  // tax 13 % = 62.40; cost 542.40; mgmt 35 % = 189.84; total 732.24
  struct Row {
    const char* at;
    Date schedule;
    int64_t total;
  };
  const std::vector<Row> rows = {
      {"2017-01-01T00:00:00+08:00", {2017, 1, 1}, 64400},
      {"2016-12-31T16:00:00Z", {2017, 1, 1}, 64400},  // already 2017-01-01 at +08:00
      {"2026-12-31T23:59:00+08:00", {2017, 1, 1}, 64400},
      {"2026-12-31T23:59:59+08:00", {2017, 1, 1}, 64400},
      {"2026-12-31T15:59:59Z", {2017, 1, 1}, 64400},
      {"2027-01-01T00:00:00+08:00", {2027, 1, 1}, 73224},
      {"2026-12-31T16:00:00Z", {2027, 1, 1}, 73224},  // 2027-01-01T00:00+08:00
      {"2026-12-31T11:00:00-05:00", {2027, 1, 1}, 73224},
      {"2030-06-01T12:00:00+08:00", {2027, 1, 1}, 73224},
  };
  for (const Row& row : rows) {
    CAPTURE(row.at);
    Quote q;
    Status s = MakeQuote(Args(1, 1), Cfg2027(), Prices(), StateWith("paid"), T(row.at), &q);
    REQUIRE_MESSAGE(s.ok(), s.message());
    CHECK(q.schedule == row.schedule);
    CHECK(q.total == Y(row.total));
    CHECK(q.charged == Y(row.total));
    if (row.schedule.year == 2027) {
      CheckLines(q, {24000, 18000, 6000, 0, 0, 24000, 48000, 6240, 54240, 18984, 73224, 73224});
      CHECK(q.tax_bp == 1300);
      CHECK(q.management_bp == 3500);
    }
  }
  // Before the first schedule: nothing in force, nothing quoted.
  for (const char* at : {"2016-12-31T23:59:59+08:00", "2016-12-31T15:59:59Z"}) {
    CAPTURE(at);
    Quote q;
    Status s = MakeQuote(Args(1, 1), Cfg2027(), Prices(), StateWith("paid"), T(at), &q);
    CHECK(s.code() == Status::Code::kNotAllowed);
    CHECK(s.message().find("2016-12-31") != std::string::npos);
  }
  // The new schedule's labour rate bounds a lowered one.
  QuoteArgs a = Args(1, 1);
  a.labor_rate = Y(22000);
  a.reason = "老客户";
  Quote q;
  CHECK(MakeQuote(a, Cfg2027(), Prices(), StateWith("paid"), T("2027-01-01T00:00:00+08:00"), &q)
            .ok());
  CHECK(MakeQuote(a, Cfg2027(), Prices(), StateWith("paid"), T("2026-12-31T23:59:59+08:00"), &q)
            .code() == Status::Code::kInvalidArgument);
}

// --- RecomputeQuote ------------------------------------------------------------

QuoteState Stored(const Quote& q) {
  QuoteState s;
  s.request = q.request;
  s.schedule = q.schedule;
  s.total = q.total;
  s.charged = q.charged;
  return s;
}

TEST_CASE("fees: an old quote recomputes to the same total after a new schedule") {
  QuoteArgs a = Args(2, 3);
  a.transport = Y(86000);
  a.parts = {"P-1001:2"};
  a.labor_rate = Y(18000);
  a.reason = "老客户";
  Quote old;
  REQUIRE(MakeQuote(a, Cfg(), Prices(), StateWith("paid"), Nov29(), &old).ok());
  // labour 2*3*180 = 1080; lodging 900; meals 300; transport 860; materials 70
  // travel 2060; subtotal 3210.00; tax 481.50; cost 3691.50; mgmt 1476.60; total 5168.10
  CHECK(old.total == Y(516810));
  for (const Config* c : {&Cfg(), &Cfg2027()}) {
    Quote again;
    bool same = false;
    Status s = RecomputeQuote(Stored(old), *c, &again, &same);
    REQUIRE_MESSAGE(s.ok(), s.message());
    CHECK(same);
    CHECK(again.total == Y(516810));
    CHECK(again.schedule == Date{2017, 1, 1});
  }
  // A free quote recomputes to the same (charged 0).
  Quote free;
  REQUIRE(MakeQuote(Args(1, 1), Cfg(), Prices(), StateWith("onsite-repair"), Nov29(), &free).ok());
  Quote again;
  bool same = false;
  REQUIRE(RecomputeQuote(Stored(free), Cfg2027(), &again, &same).ok());
  CHECK(same);
  CHECK(again.charged == Y(0));
  // A 2027 quote recomputes under 2027's schedule.
  Quote later;
  REQUIRE(MakeQuote(Args(1, 1), Cfg2027(), Prices(), StateWith("paid"),
                    T("2027-03-01T10:00:00+08:00"), &later)
              .ok());
  REQUIRE(RecomputeQuote(Stored(later), Cfg2027(), &again, &same).ok());
  CHECK(same);
  CHECK(again.total == Y(73224));
}

TEST_CASE(
    "fees: a schedule edited after it was used gives a different total; a removed one fails") {
  Quote q;
  REQUIRE(MakeQuote(Args(1, 1), Cfg(), Prices(), StateWith("paid"), Nov29(), &q).ok());
  REQUIRE(q.total == Y(64400));
  Config edited = ParseOrDie(Replaced(std::string(DefaultConfigText()),
                                      "labor_per_day = \"200.00\"", "labor_per_day = \"220.00\""));
  Quote again;
  bool same = true;
  Status s = RecomputeQuote(Stored(q), edited, &again, &same);
  REQUIRE_MESSAGE(s.ok(), s.message());
  CHECK_FALSE(same);
  // labour 220; lodging 150; meals 50; subtotal 420; tax 63; cost 483; mgmt 193.20; total 676.20
  CHECK(again.total == Y(67620));

  Config gone = ParseOrDie(Replaced(std::string(DefaultConfigText()), "effective = 2017-01-01",
                                    "effective = 2018-01-01"));
  s = RecomputeQuote(Stored(q), gone, &again, &same);
  CHECK(s.code() == Status::Code::kNotFound);
  CHECK(s.message().find("2017-01-01") != std::string::npos);
}

// --- the spare-parts price list --------------------------------------------------

TEST_CASE("fees: ParsePriceList reads code, name, unit and price") {
  PriceList l;
  Status s = ParsePriceList(
      "# 备品备件库定价\n"
      "[[part]]\n"
      "code = \"P-1001\"\n"
      "name = \"过流继电器\"\n"
      "unit = \"只\"\n"
      "price = \"35.00\"\n"
      "\n"
      "[[part]]\n"
      "code = \"P-2002\"\n"
      "name = \"熔断器 5A\"\n"
      "price = \"2.5\"\n",
      "parts.toml", &l);
  REQUIRE_MESSAGE(s.ok(), s.message());
  REQUIRE(l.parts.size() == 2);
  const PricedPart* p = l.Find("P-1001");
  REQUIRE(p);
  CHECK(p->name == "过流继电器");
  CHECK(p->unit == "只");
  CHECK(p->price == Y(3500));
  p = l.Find("P-2002");
  REQUIRE(p);
  CHECK(p->unit == "");
  CHECK(p->price == Y(250));
  CHECK(l.Find("P-3003") == nullptr);
  CHECK(l.Find("过流继电器") == nullptr);  // by code only

  PriceList empty;
  REQUIRE(ParsePriceList("", "parts.toml", &empty).ok());
  CHECK(empty.parts.empty());
}

constexpr const char* kPart = "[[part]]\ncode = \"P-1\"\nname = \"继电器\"\n";

TEST_CASE("fees: ParsePriceList refuses what it cannot price exactly") {
  struct Row {
    std::string text;
    const char* phrase;
  };
  const std::vector<Row> rows = {
      {std::string(kPart) + "price = \"35.00\"\n\n" + kPart + "price = \"1.00\"\n",
       "duplicate part code 'P-1'"},
      {std::string(kPart) + "price = \"35.001\"\n", "35.001"},
      {std::string(kPart) + "price = \"-1\"\n", "-1"},
      {std::string(kPart) + "price = \"1e3\"\n", "1e3"},
      {std::string(kPart) + "price = 35\n", "price"},
      {std::string(kPart), "price"},
      {"[[part]]\ncode = \"P:1\"\nname = \"a\"\nprice = \"1\"\n", "code"},
      {"[[part]]\ncode = \"\"\nname = \"a\"\nprice = \"1\"\n", "code"},
      {"[[part]]\nname = \"a\"\nprice = \"1\"\n", "code"},
      {std::string(kPart) + "price = \"1\"\ncolour = \"red\"\n", "colour"},
      {"parts = 1\n", "parts.toml:1:"},
      {"[[part]\ncode = \"P-1\"\n", "parts.toml:1:"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    PriceList l;
    Status s = ParsePriceList(row.text, "parts.toml", &l);
    CHECK_FALSE(s.ok());
    CHECK(s.message().rfind("parts.toml:", 0) == 0);
    CHECK(s.message().find(row.phrase) != std::string::npos);
  }
}

// Errors inside a [[part]] table name the line of the offending key.
TEST_CASE("fees: ParsePriceList errors name the line of the offending key") {
  struct Row {
    std::string text;
    const char* where;
  };
  const std::vector<Row> rows = {
      // lines: 1 [[part]], 2 code, 3 name, 4 price, 5 blank, 6 [[part]], 7 code ...
      {std::string(kPart) + "price = \"35.00\"\n\n" + kPart + "price = \"1.00\"\n",
       "parts.toml:7:"},
      {std::string(kPart) + "price = \"35.001\"\n", "parts.toml:4:"},
      {std::string(kPart) + "price = \"1\"\ncolour = \"red\"\n", "parts.toml:5:"},
      {"[[part]]\ncode = \"P:1\"\nname = \"a\"\nprice = \"1\"\n", "parts.toml:2:"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    PriceList l;
    Status s = ParsePriceList(row.text, "parts.toml", &l);
    CAPTURE(s.message());
    CHECK(s.message().rfind(row.where, 0) == 0);
  }
}

}  // namespace
}  // namespace svc
