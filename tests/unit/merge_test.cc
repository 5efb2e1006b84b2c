// The three-way merge of one ticket (lib/merge.h), as git's merge driver
// uses it: the union of both histories in time order, ties broken the same
// way whichever side is ours, identical events and an event and its
// merge-made amendment kept once, the form taken from the side that changed
// it, both sides changing it a conflict, a step both sides recorded standing
// as an amendment on the later one, a history that does not replay a
// conflict that still holds every event.
//
// Tickets are built in code; nothing touches the disk.
#include "rules/merge.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "format/config_toml.h"
#include "format/ticket_toml.h"
#include "ops/intake.h"
#include "rules/state.h"
#include "test_util.h"

namespace svc {
namespace {

// --- building tickets --------------------------------------------------------

using svc_test::T;

// "09:30" -> 2026-11-29T09:30:00+08:00.
Time At(std::string_view hhmm) {
  return T("2026-11-29T" + std::string(hhmm) + ":00+08:00");
}

const Config& Cfg() {
  static const Config config = [] {
    Config c;
    Status s = ParseConfig(DefaultConfigText(), "svc.toml", &c);
    REQUIRE_MESSAGE(s.ok(), s.message());
    return c;
  }();
  return config;
}

// YX-26-11-01, received and filled at 09:00.
Ticket Opened() {
  IntakeForm form;
  form.via = "YX";
  form.customer.name = "华东电网检修公司";
  form.customer.phone = "021-5555-0101";
  return NewTicket(form, DocNumber{"YX", 2026, 11, 1, 2}, At("09:00"), "王芳");
}

Event Ev(std::string_view hhmm, std::string action, std::string actor = "王芳") {
  Event e;
  e.at = At(hhmm);
  e.actor = std::move(actor);
  e.action = std::move(action);
  return e;
}

Event Classify(std::string_view at) {
  Event e = Ev(at, "classify");
  e.Set("kind", std::string("support"));
  e.Set("category", std::string("hardware"));
  e.Set("level", int64_t{3});
  e.Set("service", std::string("onsite-repair"));
  e.Set("route", std::string("SC"));
  return e;
}

Event Dispatch(std::string_view at) {
  Event e = Ev(at, "dispatch");
  e.Set("record", std::string("SC-26-11-01"));
  e.Set("dept", std::string("SC"));
  e.Set("techs", std::vector<std::string>{"张伟"});
  e.Set("complexity", std::string("simple"));
  return e;
}

Event Mark(std::string_view at, std::string action, std::string actor = "张伟") {
  Event e = Ev(at, std::move(action), std::move(actor));
  e.Set("record", std::string("SC-26-11-01"));
  return e;
}

Event Close(std::string_view at, std::string result = "completed", std::string actor = "王芳",
            bool amend = false) {
  Event e = Ev(at, "close", std::move(actor));
  e.Set("result", std::move(result));
  if (amend) e.Set("amend", true);
  return e;
}

Event Survey(std::string_view at, std::string satisfaction, std::string actor = "王芳") {
  Event e = Ev(at, "survey", std::move(actor));
  e.Set("satisfaction", std::move(satisfaction));
  return e;
}

Event Note(std::string_view at, std::string text, std::string actor = "王芳") {
  Event e = Ev(at, "note", std::move(actor));
  e.Set("text", std::move(text));
  return e;
}

Event Recorded(Event e, std::string_view hhmm) {
  e.recorded = At(hhmm);
  return e;
}

// `t` with `events` appended at their times (equal times keep their order).
Ticket With(Ticket t, std::vector<Event> events) {
  for (auto& e : events) t.Append(std::move(e));
  return t;
}

// The ticket as far as the outbound record filed at 09:20.
Ticket Dispatched() {
  return With(Opened(), {Classify("09:10"), Dispatch("09:20")});
}

// ... and done on site 11:00-12:00.
Ticket Visited() {
  return With(Dispatched(), {Mark("11:00", "arrive"), Mark("12:00", "finish")});
}

// One event, one line: "HH:MM action actor [amend]".
std::string Line(const Event& e) {
  std::string s = FormatTime(e.at).substr(11, 5) + " " + e.action + " " + e.actor;
  if (e.action == "note") s += " " + e.Str("text");
  if (e.action == "close" || e.action == "survey") {
    s += " " + (e.action == "close" ? e.Str("result") : e.Str("satisfaction"));
  }
  if (e.Flag("amend")) s += " amend";
  return s;
}

std::vector<std::string> Lines(const Ticket& t) {
  std::vector<std::string> out;
  for (const Event& e : t.events) out.push_back(Line(e));
  return out;
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += s + "\n";
  return out;
}

// --- the table -------------------------------------------------------------------

enum class Want { kClean, kConflict };

struct Row {
  const char* name;
  std::optional<Ticket> base;
  Ticket ours, theirs;
  Want want;
  std::vector<std::string> events;  // the merged history, as Line() gives it ({}: not checked)
  std::string note;                 // a phrase one of the merge's notes holds ("": none expected)
};

// Merges both ways (each side as ours) and checks the outcome is the row's,
// and the same whichever side is ours.
void RunRow(const Row& row) {
  std::string name = row.name;
  CAPTURE(name);
  MergeOutcome ab, ba;
  Status s_ab = MergeTickets(row.base, row.ours, row.theirs, Cfg(), &ab);
  Status s_ba = MergeTickets(row.base, row.theirs, row.ours, Cfg(), &ba);
  if (row.want == Want::kClean) {
    REQUIRE_MESSAGE(s_ab.ok(), s_ab.message());
    REQUIRE_MESSAGE(s_ba.ok(), s_ba.message());
    // Canonical and identical whichever side is ours.
    CHECK(WriteTicket(ab.merged) == WriteTicket(ba.merged));
    TicketState st;
    Status f = Fold(ab.merged, Cfg(), std::nullopt, &st);
    CHECK_MESSAGE(f.ok(), f.message());
    // A merged ticket merged again with itself changes nothing.
    MergeOutcome again;
    Status s2 = MergeTickets(row.base, ab.merged, ab.merged, Cfg(), &again);
    CHECK_MESSAGE(s2.ok(), s2.message());
    CHECK(WriteTicket(again.merged) == WriteTicket(ab.merged));
  } else {
    CHECK_MESSAGE(s_ab.code() == Status::Code::kConflict, s_ab.message());
    CHECK_MESSAGE(s_ba.code() == Status::Code::kConflict, s_ba.message());
  }
  if (!row.events.empty()) {
    CHECK(Join(Lines(ab.merged)) == Join(row.events));
    CHECK(Join(Lines(ba.merged)) == Join(row.events));
  }
  if (row.note.empty()) {
    if (row.want == Want::kClean) CHECK(Join(ab.notes) == "");
  } else {
    for (const MergeOutcome* m : {&ab, &ba}) {
      bool found = std::any_of(m->notes.begin(), m->notes.end(), [&](const std::string& n) {
        return n.find(row.note) != std::string::npos;
      });
      CHECK_MESSAGE(found, "no note with '" << row.note << "' in:\n" << Join(m->notes));
    }
  }
}

TEST_CASE("merge: the union of both histories, in time order") {
  Ticket base = Dispatched();
  std::vector<Row> rows = {
      {"one side only",
       base,
       base,
       With(base, {Note("10:00", "客户来电")}),
       Want::kClean,
       {"09:00 open 王芳", "09:10 classify 王芳", "09:20 dispatch 王芳",
        "10:00 note 王芳 客户来电"},
       ""},
      {"nothing new on either side",
       base,
       base,
       base,
       Want::kClean,
       {"09:00 open 王芳", "09:10 classify 王芳", "09:20 dispatch 王芳"},
       ""},
      {"interleaved",
       base,
       With(base, {Note("10:00", "催促"), Note("14:00", "回电")}),
       With(base, {Mark("11:00", "arrive"), Mark("13:00", "finish")}),
       Want::kClean,
       {"09:00 open 王芳", "09:10 classify 王芳", "09:20 dispatch 王芳", "10:00 note 王芳 催促",
        "11:00 arrive 张伟", "13:00 finish 张伟", "14:00 note 王芳 回电"},
       ""},
      {"an event recorded hours later is inserted at its time",
       base,
       With(base, {Note("15:00", "回电")}),
       With(base, {Recorded(Mark("11:00", "arrive"), "19:00"),
                   Recorded(Mark("13:00", "finish"), "19:00")}),
       Want::kClean,
       {"09:00 open 王芳", "09:10 classify 王芳", "09:20 dispatch 王芳", "11:00 arrive 张伟",
        "13:00 finish 张伟", "15:00 note 王芳 回电"},
       ""},
      {"identical events on both sides are kept once",
       base,
       With(base, {Note("10:00", "客户来电"), Note("10:30", "desk")}),
       With(base, {Note("10:00", "客户来电"), Mark("11:00", "arrive")}),
       Want::kClean,
       {"09:00 open 王芳", "09:10 classify 王芳", "09:20 dispatch 王芳", "10:00 note 王芳 客户来电",
        "10:30 note 王芳 desk", "11:00 arrive 张伟"},
       ""},
      {"no common ancestor, same form (both added the file)",
       std::nullopt,
       With(Opened(), {Note("10:00", "a")}),
       With(Opened(), {Note("11:00", "b", "张伟")}),
       Want::kClean,
       {"09:00 open 王芳", "10:00 note 王芳 a", "11:00 note 张伟 b"},
       ""},
      {"an event removed on one side comes back: nothing is lost",
       With(base, {Note("10:00", "客户来电")}),
       base,  // a hand edit dropped the note
       With(base, {Note("10:00", "客户来电"), Note("11:00", "b", "张伟")}),
       Want::kClean,
       {"09:00 open 王芳", "09:10 classify 王芳", "09:20 dispatch 王芳", "10:00 note 王芳 客户来电",
        "11:00 note 张伟 b"},
       ""},
  };
  for (const Row& row : rows) RunRow(row);
}

TEST_CASE("merge: ties at one second are broken the same way whichever side is ours") {
  Ticket base = Dispatched();
  std::vector<Row> rows = {
      {"two actors, one second",
       base,
       With(base, {Note("10:00", "甲", "王芳")}),
       With(base, {Note("10:00", "乙", "张伟")}),
       Want::kClean,
       {},
       ""},
      {"one actor, one second, two texts",
       base,
       With(base, {Note("10:00", "甲")}),
       With(base, {Note("10:00", "乙")}),
       Want::kClean,
       {},
       ""},
      {"one second, two actions",
       base,
       With(base, {Note("11:00", "现场")}),
       With(base, {Mark("11:00", "arrive", "王芳")}),
       Want::kClean,
       {},
       ""},
      {"one second, recorded at different times: the earlier recorded first",
       base,
       With(base, {Recorded(Note("10:00", "乙", "张伟"), "18:00")}),
       With(base, {Recorded(Note("10:00", "甲", "张伟"), "12:00")}),
       Want::kClean,
       {"09:00 open 王芳", "09:10 classify 王芳", "09:20 dispatch 王芳", "10:00 note 张伟 甲",
        "10:00 note 张伟 乙"},
       ""},
  };
  for (const Row& row : rows) RunRow(row);
  // EventLess is a strict order on distinct events.
  Event a = Note("10:00", "甲"), b = Note("10:00", "乙");
  CHECK(EventLess(a, b) != EventLess(b, a));
  CHECK_FALSE(EventLess(a, a));
}

// An 'open' and a 'classify' recorded in the same second (svc open + svc
// classify without --at) keep their order; re-sorting them by name would
// make a history that does not replay.
TEST_CASE("merge: events of one second keep their order") {
  Ticket base = Opened();  // open at 09:00
  base = With(base, {Classify("09:00"), Dispatch("09:00")});
  RunRow({"open, classify, dispatch at 09:00",
          base,
          With(base, {Note("10:00", "甲")}),
          With(base, {Note("11:00", "乙", "张伟")}),
          Want::kClean,
          {"09:00 open 王芳", "09:00 classify 王芳", "09:00 dispatch 王芳", "10:00 note 王芳 甲",
           "11:00 note 张伟 乙"},
          ""});
}

// BUG (rare: needs events of one second and one `recorded` time on both
// sides): MergeTickets now std::merge-s the two histories with EventLess,
// but a history is not sorted by EventLess within a second (open, classify,
// dispatch of 09:00 are in file order, 'classify' < 'open'), so when both
// sides add events in that same second the result depends on which side is
// ours: [.. dispatch, note 甲, note 丙, arrive] one way, [.. dispatch, arrive,
// note 甲, note 丙] the other. Two clones merging the same commits then
// commit different files.
TEST_CASE("merge: events added in a shared second give one result whichever side is ours" *
          doctest::should_fail()) {
  Ticket base = With(Opened(), {Classify("09:00"), Dispatch("09:00")});
  RunRow({"both sides add at 09:00",
          base,
          With(base, {Note("09:00", "甲", "王芳"), Note("09:00", "丙", "王芳")}),
          With(base, {Mark("09:00", "arrive", "张伟")}),
          Want::kClean,
          {},
          ""});
  MergeOutcome m;
  SVC_CHECK_OK(MergeTickets(base,
                            With(base, {Note("09:00", "甲", "王芳"), Note("09:00", "丙", "王芳")}),
                            With(base, {Mark("09:00", "arrive", "张伟")}), Cfg(), &m));
  std::vector<std::string> lines = Lines(m.merged);
  auto pos = [&](const std::string& l) {
    return std::find(lines.begin(), lines.end(), l) - lines.begin();
  };
  CHECK(pos("09:00 open 王芳") < pos("09:00 classify 王芳"));
  CHECK(pos("09:00 classify 王芳") < pos("09:00 dispatch 王芳"));
  CHECK(pos("09:00 dispatch 王芳") < pos("09:00 arrive 张伟"));
  CHECK(pos("09:00 note 王芳 甲") < pos("09:00 note 王芳 丙"));
  CHECK(lines.size() == 6);
}

TEST_CASE("merge: the form") {
  Ticket base = Dispatched();
  Ticket phone = base;
  phone.customer.phone = "021-5555-0202";
  Ticket contact = base;
  contact.customer.contact = "李工";
  Ticket other_request = Opened();
  other_request.customer.name = "国网江苏";
  other_request.received = At("08:30");

  SUBCASE("changed on one side: that side's form, both histories") {
    RunRow({"phone corrected on one side",
            base,
            With(phone, {Note("10:00", "改电话")}),
            With(base, {Mark("11:00", "arrive")}),
            Want::kClean,
            {"09:00 open 王芳", "09:10 classify 王芳", "09:20 dispatch 王芳",
             "10:00 note 王芳 改电话", "11:00 arrive 张伟"},
            ""});
    MergeOutcome m;
    Status s = MergeTickets(base, base, phone, Cfg(), &m);
    REQUIRE_MESSAGE(s.ok(), s.message());
    CHECK(m.merged.customer.phone == "021-5555-0202");
    s = MergeTickets(base, phone, base, Cfg(), &m);
    REQUIRE_MESSAGE(s.ok(), s.message());
    CHECK(m.merged.customer.phone == "021-5555-0202");
  }
  SUBCASE("changed the same way on both sides") {
    RunRow({"same phone on both sides", base, phone, phone, Want::kClean, {}, ""});
  }
  SUBCASE("changed differently on both sides: a conflict") {
    RunRow(
        {"phone on one side, contact on the other", base, phone, contact, Want::kConflict, {}, ""});
    Ticket phone2 = base;
    phone2.customer.phone = "139-0000-0000";
    RunRow({"two phones", base, phone, phone2, Want::kConflict, {}, ""});
  }
  SUBCASE("two requests under one number (no ancestor): a conflict naming both receipts") {
    MergeOutcome m;
    Status s = MergeTickets(std::nullopt, Opened(), other_request, Cfg(), &m);
    CHECK(s.code() == Status::Code::kConflict);
    CHECK(s.message().find("YX-26-11-01") != std::string::npos);
    CHECK(s.message().find(FormatTime(At("08:30"))) != std::string::npos);
    CHECK(s.message().find(FormatTime(At("09:00"))) != std::string::npos);
    RunRow({"two requests", std::nullopt, Opened(), other_request, Want::kConflict, {}, ""});
  }
}

TEST_CASE("merge: an event and its amended copy are one") {
  Ticket base = Visited();
  // One clone already merged the two closes (the later one amended) and
  // recorded more; the other still has its own close, as it recorded it.
  Ticket merged_once =
      With(base, {Close("15:00", "completed"), Close("16:00", "incomplete", "张伟", true),
                  Note("17:00", "已通知客户")});
  Ticket engineer = With(base, {Close("16:00", "incomplete", "张伟")});
  RunRow({"amended close against its plain copy",
          base,
          merged_once,
          engineer,
          Want::kClean,
          {"09:00 open 王芳", "09:10 classify 王芳", "09:20 dispatch 王芳", "11:00 arrive 张伟",
           "12:00 finish 张伟", "15:00 close 王芳 completed", "16:00 close 张伟 incomplete amend",
           "17:00 note 王芳 已通知客户"},
          ""});
  // Both clones made the same merge: nothing doubles.
  RunRow({"both merged alike", engineer, merged_once, merged_once, Want::kClean, {}, ""});
}

TEST_CASE("merge: both sides recorded the same step: the later stands, as an amendment") {
  std::vector<Row> rows = {
      {"close twice, different results",
       Visited(),
       With(Visited(), {Close("15:00", "completed")}),
       With(Visited(), {Close("16:00", "incomplete", "张伟")}),
       Want::kClean,
       {"09:00 open 王芳", "09:10 classify 王芳", "09:20 dispatch 王芳", "11:00 arrive 张伟",
        "12:00 finish 张伟", "15:00 close 王芳 completed", "16:00 close 张伟 incomplete amend"},
       "both sides recorded 'close'"},
      {"survey twice",
       With(Visited(), {Close("15:00")}),
       With(Visited(), {Close("15:00"), Survey("17:00", "satisfied")}),
       With(Visited(), {Close("15:00"), Survey("18:00", "unsatisfied", "李娜")}),
       Want::kClean,
       {"09:00 open 王芳", "09:10 classify 王芳", "09:20 dispatch 王芳", "11:00 arrive 张伟",
        "12:00 finish 张伟", "15:00 close 王芳 completed", "17:00 survey 王芳 satisfied",
        "18:00 survey 李娜 unsatisfied amend"},
       "both sides recorded 'survey'"},
      {"arrival marked on both sides",
       Dispatched(),
       With(Dispatched(), {Mark("11:00", "arrive", "王芳")}),
       With(Dispatched(), {Mark("11:30", "arrive", "张伟"), Mark("13:00", "finish")}),
       Want::kClean,
       {"09:00 open 王芳", "09:10 classify 王芳", "09:20 dispatch 王芳", "11:00 arrive 王芳",
        "11:30 arrive 张伟 amend", "13:00 finish 张伟"},
       "both sides recorded 'arrive' of SC-26-11-01"},
  };
  for (const Row& row : rows) RunRow(row);
  // The note names the later event's time and actor.
  MergeOutcome m;
  SVC_CHECK_OK(MergeTickets(Visited(), With(Visited(), {Close("15:00", "completed")}),
                            With(Visited(), {Close("16:00", "incomplete", "张伟")}), Cfg(), &m));
  REQUIRE(m.notes.size() == 1);
  CHECK(m.notes[0].find("YX-26-11-01") != std::string::npos);
  CHECK(m.notes[0].find(FormatTime(At("16:00"))) != std::string::npos);
  CHECK(m.notes[0].find("张伟") != std::string::npos);
}

TEST_CASE("merge: a history that does not replay is a conflict holding every event") {
  // The desk closes 'completed' at 12:00 while the engineer, unknown to it,
  // was on site from 11:00 to 13:00.
  Ticket base = Dispatched();
  Ticket ours = With(base, {Close("12:00", "completed")});
  Ticket theirs = With(base, {Mark("11:00", "arrive"), Mark("13:00", "finish")});
  RunRow({"completed close while on site", base, ours, theirs, Want::kConflict, {}, ""});
  for (bool swap : {false, true}) {
    CAPTURE(swap);
    MergeOutcome m;
    Status s = MergeTickets(base, swap ? theirs : ours, swap ? ours : theirs, Cfg(), &m);
    CHECK(s.code() == Status::Code::kConflict);
    CHECK(s.message().find("does not replay") != std::string::npos);
    // Every event of both sides, in time order (an `amend` flag aside).
    std::vector<std::string> got;
    for (const Event& e : m.merged.events) {
      Event plain = e;
      std::erase_if(plain.fields, [](const auto& f) { return f.first == "amend"; });
      got.push_back(Line(plain));
    }
    CHECK(Join(got) ==
          Join({"09:00 open 王芳", "09:10 classify 王芳", "09:20 dispatch 王芳",
                "11:00 arrive 张伟", "12:00 close 王芳 completed", "13:00 finish 张伟"}));
  }
}

// The desk's close, recorded on one side only, is no amendment: the file
// handed to the person resolving the conflict carries no `amend` flag.
TEST_CASE("merge: a conflict adds no amendment to a step recorded once") {
  Ticket base = Dispatched();
  MergeOutcome m;
  Status s =
      MergeTickets(base, With(base, {Close("12:00", "completed")}),
                   With(base, {Mark("11:00", "arrive"), Mark("13:00", "finish")}), Cfg(), &m);
  CHECK(s.code() == Status::Code::kConflict);
  for (const Event& e : m.merged.events) CHECK_MESSAGE(!e.Flag("amend"), Line(e));
  for (const std::string& n : m.notes)
    CHECK_MESSAGE(n.find("both sides recorded") == std::string::npos, n);
}

// The engineer's first and only 'arrive', at 13:00 after the desk's close at
// 12:00, is no step recorded twice: it must not become an amendment (which
// the fold would let pass the close).
TEST_CASE("merge: an arrival after the other side's close is a conflict") {
  Ticket base = Dispatched();
  Ticket ours = With(base, {Close("12:00", "completed")});
  Ticket theirs = With(base, {Mark("13:00", "arrive")});
  for (bool swap : {false, true}) {
    CAPTURE(swap);
    MergeOutcome m;
    Status s = MergeTickets(base, swap ? theirs : ours, swap ? ours : theirs, Cfg(), &m);
    CHECK_MESSAGE(s.code() == Status::Code::kConflict, s.message());
    CHECK(Join(Lines(m.merged)) ==
          Join({"09:00 open 王芳", "09:10 classify 王芳", "09:20 dispatch 王芳",
                "12:00 close 王芳 completed", "13:00 arrive 张伟"}));
    CHECK(Join(m.notes) == "");
  }
}

// --- at scale -------------------------------------------------------------------
//
// Issue 16: both sides marking 3,000 arrivals took 65 s, 10,000 notes a side
// within one second 13 s. The merge is now one fold of the merged history
// (resumed at each step recorded twice) and one hash look-up per event;
// these cases run in a few hundred milliseconds, and the count of events the
// fold applied pins the first (a fold started over at each of the 3,000
// amendments would apply millions).

// `n` outbound records SC-26-11-01.. dispatched from 10:00, a second apart.
Ticket WithRecords(int n) {
  Ticket t = With(Opened(), {Classify("09:10")});
  for (int i = 0; i < n; ++i) {
    Event e = Dispatch("10:00");
    e.at.secs += i;
    e.Set("record", fmt::format("SC-26-11-{:02d}", i + 1));
    t.events.push_back(std::move(e));
  }
  return t;
}

// Every record of `base` marked arrived by `actor`, from `from` `step`
// seconds apart.
Ticket ArrivedAll(Ticket t, int n, std::string_view from, int64_t step, std::string actor) {
  for (int i = 0; i < n; ++i) {
    Event e = Mark(from, "arrive", actor);
    e.at.secs += i * step;
    e.Set("record", fmt::format("SC-26-11-{:02d}", i + 1));
    t.events.push_back(std::move(e));
  }
  return t;
}

TEST_CASE("merge: 3,000 arrivals marked on both sides are one fold, not 3,000") {
  constexpr int kRecords = 3000;
  Ticket base = WithRecords(kRecords);
  Ticket desk = ArrivedAll(base, kRecords, "14:00", 2, "王芳");
  Ticket site = ArrivedAll(base, kRecords, "14:00", 2, "张伟");
  for (Event& e : site.events) {
    if (e.action == "arrive") e.at.secs += 1;  // a second after the desk's
  }
  for (bool swap : {false, true}) {
    CAPTURE(swap);
    uint64_t applied = EventsApplied();
    MergeOutcome m;
    SVC_CHECK_OK(MergeTickets(base, swap ? site : desk, swap ? desk : site, Cfg(), &m));
    applied = EventsApplied() - applied;
    size_t n = m.merged.events.size();
    REQUIRE(n == 2 + 3 * kRecords);
    // Each event once, each of the site's arrivals refused once, then again
    // as an amendment.
    CHECK(applied == n + kRecords);
    CHECK(m.notes.size() == kRecords);
    int amended = 0;
    for (const Event& e : m.merged.events) {
      if (e.Flag("amend")) {
        ++amended;
        CHECK(e.actor == "张伟");
      }
    }
    CHECK(amended == kRecords);
    TicketState st;
    SVC_CHECK_OK(Fold(m.merged, Cfg(), std::nullopt, &st));
    CHECK(st.records.size() == kRecords);
    CHECK(st.records.back().arrived->actor == "张伟");
    // The desk's first arrival, moved a second later by the site's.
    REQUIRE(st.first_arrival);
    CHECK(st.first_arrival->secs == At("14:00").secs + 1);
    if (swap) {
      MergeOutcome other;
      SVC_CHECK_OK(MergeTickets(base, desk, site, Cfg(), &other));
      CHECK(WriteTicket(other.merged) == WriteTicket(m.merged));
    }
  }
}

TEST_CASE("merge: 10,000 notes a side within one second") {
  constexpr int kNotes = 10000;
  Ticket base = Dispatched();
  Ticket ours = base, theirs = base;
  for (int i = 0; i < kNotes; ++i) {
    ours.events.push_back(Note("10:00", fmt::format("甲 {}", i)));
    theirs.events.push_back(Note("10:00", fmt::format("乙 {}", i)));
  }
  // A thousand notes both sides hold (kept once), and one side's amendment
  // of a close the other holds plain (kept once, as the amendment).
  for (int i = 0; i < 1000; ++i) {
    ours.events.push_back(Note("11:00", fmt::format("同 {}", i)));
    theirs.events.push_back(Note("11:00", fmt::format("同 {}", i)));
  }
  ours.events.push_back(Close("12:00", "incomplete", "张伟"));
  theirs.events.push_back(Close("12:00", "incomplete", "张伟", true));
  MergeOutcome ab, ba;
  SVC_CHECK_OK(MergeTickets(base, ours, theirs, Cfg(), &ab));
  SVC_CHECK_OK(MergeTickets(base, theirs, ours, Cfg(), &ba));
  CHECK(ab.merged.events.size() == base.events.size() + 2 * kNotes + 1000 + 1);
  CHECK(ab.merged.events.back().Flag("amend"));
  CHECK(WriteTicket(ab.merged) == WriteTicket(ba.merged));
  CHECK(ab.notes.empty());
}

}  // namespace
}  // namespace svc
