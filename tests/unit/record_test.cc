// The record model (model/record.h): a ticket is one kind of record, and the
// generic reader, writer and merge serve any kind from its schema alone.
#include <doctest/doctest.h>

#include <filesystem>

#include "format/record_toml.h"
#include "format/ticket_toml.h"
#include "model/record.h"
#include "rules/merge.h"
#include "test_util.h"

using namespace svc;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> BundledTickets() {
  std::vector<fs::path> files;
  for (const auto& e :
       fs::recursive_directory_iterator(fs::path(SVC_SOURCE_DIR) / "records" / "tickets")) {
    if (e.is_regular_file() && e.path().extension() == ".toml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// A kind of record as later issues add them: a header with a required key,
// a table written only when it holds a value, and notes in its history.
const RecordKind& SampleKind() {
  using enum FieldType;
  static const RecordKind kSample{
      "sample",
      "samples",
      "样例 A sample record",
      "none",
      Numbering::kSerial,
      {{"", {{"id", kString, true}, {"name", kString, true}, {"key", kBool}}},
       {"contact", {{"phone", kString}, {"since", kDate}, {"count", kInt}}}},
      {"note", "void"},
  };
  return kSample;
}

Event Note(const char* at, const char* text, const char* actor = "王芳") {
  Event e;
  e.at = svc_test::T(at);
  e.actor = actor;
  e.action = "note";
  e.Set("text", std::string(text));
  return e;
}

Record Sample() {
  Record r;
  r.kind = &SampleKind();
  r.Set("name", std::string("华东电网检修公司"));
  r.Set("id", std::string("K0001"));  // set out of order: Set keeps the schema's
  r.Set("contact.phone", std::string("021-5555-0101"));
  r.Append(Note("2026-11-29T09:00", "建档"));
  return r;
}

}  // namespace

TEST_CASE("record: every bundled ticket is a ticket record, byte for byte") {
  std::vector<fs::path> files = BundledTickets();
  REQUIRE(files.size() > 5);
  for (const fs::path& p : files) {
    CAPTURE(p.string());
    std::string text = svc_test::ReadAll(p.string());
    Ticket t;
    SVC_REQUIRE_OK(ParseTicket(text, p.string(), &t));
    Record r = TicketRecord(t);
    CHECK(WriteRecord(r) == text);
    Record parsed;
    SVC_REQUIRE_OK(ParseRecord(text, p.string(), TicketKind(), &parsed));
    CHECK(parsed == r);
    Ticket back;
    SVC_REQUIRE_OK(TicketFromRecord(parsed, &back));
    CHECK(back == t);
  }
}

TEST_CASE("record: a ticket's awkward strings survive the generic writer and reader") {
  for (const std::string& s : svc_test::StringsOfEveryShape()) {
    CAPTURE(s);
    Ticket t;
    t.id = "YX-26-11-01";
    t.via = "YX";
    t.received = svc_test::T("2026-11-29T09:00");
    t.customer.name = s;
    t.equipment.serial = s;
    t.equipment.quantity = 3;
    t.description = s;
    std::string text = WriteTicket(t);
    CHECK(WriteRecord(TicketRecord(t)) == text);
    Record r;
    SVC_REQUIRE_OK(ParseRecord(text, "t.toml", TicketKind(), &r));
    CHECK(r == TicketRecord(t));
  }
}

TEST_CASE("record: a kind of its own round-trips from its schema") {
  Record r = Sample();
  std::string text = WriteRecord(r);
  CHECK(text ==
        "# 样例 A sample record\n"
        "id = \"K0001\"\n"
        "name = \"华东电网检修公司\"\n"
        "\n"
        "[contact]\n"
        "phone = \"021-5555-0101\"\n"
        "\n"
        "[[event]]\n"
        "at = 2026-11-29T09:00:00+08:00\n"
        "actor = \"王芳\"\n"
        "action = \"note\"\n"
        "text = \"建档\"\n");
  Record back;
  SVC_REQUIRE_OK(ParseRecord(text, "K0001.toml", SampleKind(), &back));
  CHECK(back == r);
  CHECK(WriteRecord(back) == text);
  // A table with nothing in it is not written.
  Record bare;
  bare.kind = &SampleKind();
  bare.Set("id", std::string("K0002"));
  bare.Set("name", std::string("甲"));
  CHECK(WriteRecord(bare).find("[contact]") == std::string::npos);
}

TEST_CASE("record: the generic reader refuses what the kind does not hold") {
  std::string good = WriteRecord(Sample());
  struct Row {
    const char* what;
    std::string text;
    const char* message;
  };
  std::vector<Row> rows = {
      {"a required key missing", svc_test::ReplaceOnce(good, "name = \"华东电网检修公司\"\n", ""),
       "name"},
      {"a key the kind has not", svc_test::ReplaceOnce(good, "id = ", "colour = \"red\"\nid = "),
       "colour"},
      {"an action of another kind",
       svc_test::ReplaceOnce(good, "action = \"note\"\ntext = \"建档\"", "action = \"classify\""),
       "a sample record has no action 'classify'"},
      {"a value of the wrong type",
       svc_test::ReplaceOnce(good, "phone = \"021-5555-0101\"", "phone = 7"), "phone"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    Record r;
    Status s = ParseRecord(row.text, "K0001.toml", SampleKind(), &r);
    REQUIRE_FALSE(s.ok());
    CHECK(s.message().find(row.message) != std::string::npos);
    CHECK(s.message().starts_with("K0001.toml:"));
  }
}

TEST_CASE("record: Set keeps the schema's order; Append keeps time order") {
  Record r = Sample();
  r.Set("contact.count", int64_t{2});
  r.Set("key", true);
  std::vector<std::string> keys;
  for (const auto& [k, v] : r.header) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"id", "name", "key", "contact.phone", "contact.count"});
  r.Append(Note("2026-11-29T10:00", "后"));
  r.Append(Note("2026-11-29T08:00", "前"));
  r.Append(Note("2026-11-29T09:00", "同时，后记"));
  std::vector<std::string> texts;
  for (const Event& e : r.events) texts.push_back(e.Str("text"));
  CHECK(texts == std::vector<std::string>{"前", "建档", "同时，后记", "后"});
  CHECK(FindKind("ticket") == &TicketKind());
  CHECK(FindKind("sample") == nullptr);
  CHECK(TicketKind().Allows("dispatch"));
  CHECK_FALSE(TicketKind().Allows("dispatch2"));
}

TEST_CASE("record: two clones' versions of any kind merge by the union of their histories") {
  Record base = Sample();
  Record ours = base, theirs = base;
  ours.Append(Note("2026-11-30T09:00", "我方"));
  theirs.Append(Note("2026-11-30T08:00", "对方", "张伟"));
  theirs.Set("contact.phone", std::string("021-5555-0202"));  // only theirs changed the header
  int replays = 0;
  auto replay = [&](const Record& r, size_t*) {
    ++replays;
    CHECK(r.events.size() == 3);
    return Status::OK();
  };
  Record merged;
  std::vector<std::string> notes;
  SVC_REQUIRE_OK(MergeRecords(base, ours, theirs, replay, &merged, &notes));
  CHECK(replays == 1);
  CHECK(notes.empty());
  CHECK(merged.View("contact.phone") == "021-5555-0202");
  REQUIRE(merged.events.size() == 3);
  CHECK(merged.events[1].Str("text") == "对方");
  CHECK(merged.events[2].Str("text") == "我方");
  // The same whichever side is ours.
  Record swapped;
  SVC_REQUIRE_OK(MergeRecords(base, theirs, ours, replay, &swapped, &notes));
  CHECK(WriteRecord(swapped) == WriteRecord(merged));
  // Both sides changed the header differently: a conflict.
  ours.Set("contact.phone", std::string("021-5555-0303"));
  Status s = MergeRecords(base, ours, theirs, replay, &merged, &notes);
  CHECK(s.code() == Status::Code::kConflict);
  CHECK(s.message() ==
        "K0001: the two versions hold different headers: it was edited on both sides");
  // A history the kind's fold refuses is a conflict that keeps every event.
  auto refuse = [](const Record&, size_t* failed) {
    *failed = 1;
    return Status::NotAllowed("K0001: 'note' is not allowed: no");
  };
  s = MergeRecords(base, theirs, theirs, refuse, &merged, &notes);
  CHECK(s.code() == Status::Code::kConflict);
  CHECK(s.message() == "the merged history does not replay: K0001: 'note' is not allowed: no");
  CHECK(merged.events.size() == 2);
}
