// The ticket view (lib/ops/ticket_view.h): one JSON-shaped tree of a ticket,
// its folded state and its clocks, which `svc show --json` writes and the
// printed forms read. Checked on a bundled ticket with every step (classify
// twice, analysis, plan, approval, dispatch, quote, close, survey), as of
// several times, and on a ticket just opened.
#include "ops/ticket_view.h"
#include "format/config_toml.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "format/ticket_toml.h"
#include "model/config.h"
#include "rules/state.h"
#include "test_util.h"

namespace svc {
namespace {

using svc_test::T;

const Config& Cfg() {
  static const Config config = [] {
    Config c;
    Status s = ParseConfig(svc_test::ReadAll(std::string(SVC_SOURCE_DIR) + "/records/svc.toml"),
                           "svc.toml", &c);
    REQUIRE_MESSAGE(s.ok(), s.message());
    return c;
  }();
  return config;
}

Ticket Bundled(const std::string& id) {
  Ticket t;
  Status s = ParseTicket(
      svc_test::ReadAll(std::string(SVC_SOURCE_DIR) + "/records/tickets/2026/11/" + id + ".toml"),
      id + ".toml", &t);
  REQUIRE_MESSAGE(s.ok(), s.message());
  return t;
}

JsonValue ViewAsOf(const Ticket& t, const char* now) {
  TicketState st;
  Status s = Fold(t, Cfg(), T(now), &st);
  REQUIRE_MESSAGE(s.ok(), s.message());
  return TicketView(t, st, Cfg(), T(now));
}

TEST_CASE("ticket view: the keys in the order svc show --json prints them") {
  JsonValue v = ViewAsOf(Bundled("YX-26-11-01"), "2026-12-31T12:00:00+08:00");
  CHECK(v.keys() ==
        std::vector<std::string>{
            "id",        "status",      "via",       "received",    "customer_code", "warranty",
            "paid",      "annual_plan", "opened",    "kind",        "category",      "level",
            "route",     "service",     "major",     "classified",  "analysis",      "plan",
            "approvals", "dispatches",  "quote",     "close",       "verification",  "survey",
            "complaint", "follow_ups",  "voided",    "void_reason", "reopened",      "reopens",
            "clocks",    "customer",    "equipment", "description", "corrections",   "events"});
}

TEST_CASE("ticket view: a ticket with every step, as of long after") {
  JsonValue v = ViewAsOf(Bundled("YX-26-11-01"), "2026-12-31T12:00:00+08:00");
  CHECK(v["id"].AsString() == "YX-26-11-01");
  CHECK(v["status"].AsString() == "closed");
  CHECK(v["received"].AsString() == "2026-11-06T15:20:00+08:00");
  CHECK(v["opened"]["actor"].AsString() == "李娜");
  // The latest classification decides.
  CHECK(v["kind"].AsString() == "quality");
  CHECK(v["service"].AsString() == "paid");
  CHECK(v["route"].AsString() == "ZL");
  CHECK(v["level"].AsInt() == 2);
  CHECK(v["major"].type() == JsonValue::Type::kBool);
  CHECK_FALSE(v["major"].AsBool());
  CHECK(v["classified"]["at"].AsString() == "2026-11-06T17:50:00+08:00");
  CHECK(v["analysis"]["responsibility"].AsString() == "customer");
  CHECK(v["analysis"]["cause_category"].AsString() == "operation");
  CHECK(v["plan"]["approved"].AsBool());
  CHECK_FALSE(v["plan"]["gm_approved"].AsBool());
  REQUIRE(v["approvals"].items().size() == 1);
  CHECK(v["approvals"].items()[0]["role"].AsString() == "head");
  // Form fields not filled in are null; dates are ISO dates.
  CHECK(v["equipment"]["quantity"].is_null());
  CHECK(v["equipment"]["project_no"].is_null());
  CHECK(v["equipment"]["commissioned"].AsString() == "2017-08-15");
  CHECK(v["customer"]["contact"].AsString() == "杨勇");
  // The dispatch and its parts: unit prices as decimal strings, no code -> null.
  REQUIRE(v["dispatches"].items().size() == 1);
  const JsonValue& r = v["dispatches"].items()[0];
  CHECK(r["number"].AsString() == "SC-26-11-01");
  REQUIRE(r["parts"].items().size() == 2);
  CHECK(r["parts"].items()[0]["unit"].AsString() == "168.00");
  CHECK(r["parts"].items()[0]["code"].is_null());
  CHECK(r["parts"].items()[0]["qty"].AsInt() == 1);
  CHECK(r["parts"].items()[0]["supply"].AsString() == "customer");
  // The quote recomputes from its schedule: itemised, every amount a string.
  const JsonValue& q = v["quote"];
  CHECK(q["schedule"].AsString() == "2017-01-01");
  CHECK(q["total"].AsString() == "4706.03");
  CHECK(q["charged"].AsString() == "4706.03");
  CHECK(q["tax_rate"].AsString() == "15%");
  CHECK(q["accepted"]["at"].AsString() == "2026-11-07T10:40:00+08:00");
  REQUIRE(q["lines"].items().size() == 6);
  CHECK(q["lines"].items()[0]["item"].AsString() == "labour");
  CHECK(q["lines"].items()[0]["detail"].AsString() == "1 × 2 d × 200.00");
  CHECK(q["lines"].items()[5]["detail"].AsString() == "P-1002 辅助开关 F10-16 × 1 × 95.00");
  CHECK(v["close"]["result"].AsString() == "completed");
  CHECK_FALSE(v["close"]["remote"].AsBool());
  CHECK(v["verification"].is_null());
  CHECK(v["survey"]["attitude"].AsInt() == 3);
  CHECK(v["survey"]["amendments"].AsInt() == 0);
  CHECK(v["voided"].is_null());
  CHECK(v["void_reason"].is_null());
  CHECK(v["events"].items().size() == 16);  // with the trip's expense
  REQUIRE(r["expenses"].items().size() == 1);
  CHECK(r["expenses_total"].AsString() == "240.00");
  // The survey answered 不满意 calls for a follow-up, and the
  // outbound record has its application clock.
  std::vector<std::string> names;
  for (const JsonValue& c : v["clocks"].items()) names.push_back(c["name"].AsString());
  CHECK(names == std::vector<std::string>{"form", "response", "analysis", "plan", "application",
                                          "arrival", "repair", "survey", "follow-up"});
}

TEST_CASE("ticket view: as of a time, later events are left out") {
  const Ticket t = Bundled("YX-26-11-01");
  JsonValue v = ViewAsOf(t, "2026-11-06T17:45:00+08:00");
  CHECK(v["status"].AsString() == "open");
  CHECK(v["events"].items().size() == 3);
  CHECK(v["events"].items()[2]["action"].AsString() == "analyze");
  CHECK(v["classified"]["at"].AsString() == "2026-11-06T16:05:00+08:00");
  CHECK(v["service"].is_null());
  CHECK(v["plan"].is_null());
  CHECK(v["quote"].is_null());
  CHECK(v["close"].is_null());
  CHECK(v["survey"].is_null());
  CHECK(v["dispatches"].items().empty());
  CHECK(v["dispatches"].type() == JsonValue::Type::kArray);
  // An event's details keep the stored values' shapes.
  const JsonValue& open = v["events"].items()[0];
  CHECK(open["recorded"].is_null());
  CHECK(open["details"]["level"].AsInt() == 2);
}

TEST_CASE("ticket view: a ticket just opened has nulls and empty lists") {
  const Ticket t = Bundled("SH-26-11-05");
  REQUIRE(t.events.size() == 1);
  JsonValue v = ViewAsOf(t, "2026-12-31T12:00:00+08:00");
  CHECK(v["status"].AsString() == "new");
  for (const char* key : {"kind", "category", "route", "service", "classified", "analysis", "plan",
                          "quote", "close", "verification", "survey", "voided"}) {
    CAPTURE(key);
    CHECK(v[key].is_null());
  }
  CHECK(v["approvals"].items().empty());
  CHECK_FALSE(v["major"].AsBool());
}

TEST_CASE("ticket view: the forms' view leaves out clocks and history") {
  const Ticket t = Bundled("YX-26-11-01");
  TicketState st;
  SVC_REQUIRE_OK(Fold(t, Cfg(), T("2026-12-31T12:00:00+08:00"), &st));
  JsonValue whole = TicketView(t, st, Cfg(), T("2026-12-31T12:00:00+08:00"));
  JsonValue forms =
      TicketView(t, st, Cfg(), T("2026-12-31T12:00:00+08:00"), {.clocks = false, .history = false});
  std::vector<std::string> keys = whole.keys();
  std::erase(keys, "clocks");
  std::erase(keys, "events");
  CHECK(forms.keys() == keys);
  CHECK(ToJson(forms["quote"]) == ToJson(whole["quote"]));
  CHECK(ToJson(forms["dispatches"]) == ToJson(whole["dispatches"]));
}

TEST_CASE("ticket view: written out it is svc show --json") {
  // Every value of the tree comes out in the JsonWriter's layout.
  JsonValue v = ViewAsOf(Bundled("SC-26-11-02"), "2026-12-31T12:00:00+08:00");
  std::string json = ToJson(v);
  CHECK(json.starts_with("{\n  \"id\": \"SC-26-11-02\",\n  \"status\": "));
  CHECK(json.ends_with("]\n}\n"));
}

TEST_CASE("ticket view: QuoteView of a free quote without acceptance") {
  const Ticket t = Bundled("YX-26-11-01");
  TicketState st;
  SVC_REQUIRE_OK(Fold(t, Cfg(), T("2026-12-31T12:00:00+08:00"), &st));
  REQUIRE(st.quote);
  Quote q;
  bool same = false;
  SVC_REQUIRE_OK(RecomputeQuote(*st.quote, Cfg(), &q, &same));
  CHECK(same);
  JsonValue v = QuoteView(q, std::nullopt, 480);
  CHECK(v["accepted"].is_null());
  CHECK(v["people"].AsInt() == 1);
  CHECK(v["parts"].items()[0]["code"].AsString() == "P-1001");
  CHECK(v["reason"].is_null());
}

}  // namespace
}  // namespace svc
