// The record model (model/record.h): a ticket is one kind of record, and the
// generic reader, writer and merge serve any kind from its schema alone.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <memory>

#include "disk_util.h"
#include "format/record_toml.h"
#include "format/ticket_toml.h"
#include "model/record.h"
#include "ops/check.h"
#include "rules/merge.h"
#include "storage/paths.h"
#include "storage/store.h"
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
      "K",
      4,
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

TEST_CASE("record: serial numbers are continuous, strict and never wrap") {
  SerialNumber n;
  SVC_CHECK_OK(ParseSerialNumber("K", 4, "K0001", &n));
  CHECK(n == SerialNumber{"K", 1, 4});
  SVC_CHECK_OK(ParseSerialNumber("K", 4, "K12345", &n));
  CHECK(n.str() == "K12345");
  for (const char* bad : {"K001", "K00001", "k0001", "K0000", "KK0001", "K00a1", "", "K",
                          "K0001.toml", "../K0001", "K1234567890"}) {
    CAPTURE(bad);
    Status s = ParseSerialNumber("K", 4, bad, &n);
    CHECK(s.code() == Status::Code::kInvalidArgument);
  }
  CHECK(ParseSerialNumber("K", 4, "K01", &n).message() ==
        "'K01' is not a number of the form K0001");
  CHECK(NextSerial("K", 4, {}).str() == "K0001");
  CHECK(NextSerial("K", 4, {3, 1, 2}).str() == "K0004");
  CHECK(NextSerial("K", 4, {9999}).str() == "K10000");
}

TEST_CASE("record: each numbering has its path, and a path names its kind") {
  std::string rel;
  SVC_CHECK_OK(RecordPath(TicketKind(), "YX-26-11-01", &rel));
  CHECK(rel == "tickets/2026/11/YX-26-11-01.toml");
  CHECK(rel == TicketPath(DocNumber{"YX", 2026, 11, 1, 2}));
  SVC_CHECK_OK(RecordPath(SampleKind(), "K0007", &rel));
  CHECK(rel == "samples/K0007.toml");
  RecordKind yearly = SampleKind();
  yearly.numbering = Numbering::kYearly;
  SVC_CHECK_OK(RecordPath(yearly, "2026", &rel));
  CHECK(rel == "samples/2026.toml");
  for (const char* bad : {"1999", "2100", "26", "../2026", "2026/"}) {
    CAPTURE(bad);
    CHECK_FALSE(RecordPath(yearly, bad, &rel).ok());
  }
  CHECK_FALSE(RecordPath(TicketKind(), "../../etc/passwd", &rel).ok());
  CHECK_FALSE(RecordPath(SampleKind(), "K0007/../x", &rel).ok());
  std::string root;
  CHECK(KindOfPath("records/tickets/2026/11/YX-26-11-01.toml", &root) == &TicketKind());
  CHECK(root == "records");
  CHECK(KindOfPath("tickets/2026/11/YX-26-11-01.toml", &root) == &TicketKind());
  CHECK(root == ".");
  CHECK(KindOfPath("records/outbound/2026/11/SC-26-11-01.toml", &root) == nullptr);
}

TEST_CASE("record: the store keeps records of any kind") {
  for (bool in_memory : {false, true}) {
    svc_test::TestDisk dir(in_memory);
    CAPTURE(dir.name());
    SVC_REQUIRE_OK(Store::Init(dir.root(), dir.disk()));
    std::unique_ptr<Store> store;
    SVC_REQUIRE_OK(Store::Open(dir.root(), dir.disk(), &store));
    std::vector<int> taken;
    SVC_REQUIRE_OK(store->TakenSerials(SampleKind(), &taken));
    CHECK(taken.empty());
    Record r = Sample();
    r.Set("id", NextSerial("K", 4, taken).str());
    SVC_REQUIRE_OK(store->CreateRecord(r));
    CHECK(dir.Read(dir / "samples/K0001.toml") == WriteRecord(r));
    CHECK(store->CreateRecord(r).code() == Status::Code::kConflict);
    r.Append(Note("2026-12-01T09:00", "回访"));
    SVC_REQUIRE_OK(store->SaveRecord(r));
    Record back;
    SVC_REQUIRE_OK(store->LoadRecord(SampleKind(), "K0001", &back));
    CHECK(back == r);
    dir.Write(dir / "samples/K0003.toml", "x");
    dir.Write(dir / "samples/notes.txt", "x");
    SVC_REQUIRE_OK(store->TakenSerials(SampleKind(), &taken));
    std::sort(taken.begin(), taken.end());
    CHECK(taken == std::vector<int>{1, 3});
    Status s = store->LoadRecord(SampleKind(), "K0002", &back);
    CHECK(s.code() == Status::Code::kNotFound);
    CHECK(s.message() == "no sample K0002 (no file samples/K0002.toml)");
    s = store->LoadRecord(SampleKind(), "K0003", &back);
    CHECK(s.code() == Status::Code::kCorruption);
    // A file holding another record's number.
    dir.Write(dir / "samples/K0004.toml", WriteRecord(r));
    s = store->LoadRecord(SampleKind(), "K0004", &back);
    CHECK(s.message().ends_with("samples/K0004.toml:1: the file holds sample 'K0001', not K0004"));
  }
}

TEST_CASE("record: svc check examines records of any kind from their schema") {
  for (bool in_memory : {false, true}) {
    svc_test::TestDisk dir(in_memory);
    CAPTURE(dir.name());
    SVC_REQUIRE_OK(Store::Init(dir.root(), dir.disk()));
    std::unique_ptr<Store> store;
    SVC_REQUIRE_OK(Store::Open(dir.root(), dir.disk(), &store));
    std::vector<std::string> found;
    auto run = [&] {
      found.clear();
      CheckSummary summary;
      SVC_REQUIRE_OK(CheckRecordKind(
          *store, SampleKind(),
          [&](const Problem& p) {
            found.push_back(FormatProblem(p).substr(dir.root().size() + 1));
          },
          &summary));
      CHECK(summary.problems == static_cast<int>(found.size()));
      return summary.files;
    };
    CHECK(run() == 0);  // no folder: nothing to say
    CHECK(found.empty());
    Record r = Sample();
    SVC_REQUIRE_OK(store->CreateRecord(r));
    r.Set("id", std::string("K0003"));
    SVC_REQUIRE_OK(store->CreateRecord(r));
    CHECK(run() == 2);
    CHECK(found ==
          std::vector<std::string>{
              "samples/K0003.toml:1: gap in the sample numbers: K0002 is missing before K0003"});
    // A hand edit, a file at another number's path, a stray and an unreadable file.
    std::string text = dir.Read(dir / "samples/K0001.toml");
    dir.Write(dir / "samples/K0001.toml",
              svc_test::ReplaceOnce(text, "id = \"K0001\"", "id   = \"K0001\""));
    dir.Write(dir / "samples/K0002.toml", text);
    dir.Write(dir / "samples/notes.txt", "x");
    dir.Write(dir / "samples/K0004.toml", "id = ");
    CHECK(run() == 4);
    REQUIRE(found.size() == 5);
    CHECK(found[0] == "samples/notes.txt: not a sample file");
    CHECK(found[1] ==
          "samples/K0001.toml:2: not in svc's canonical form (edited by hand?): svc would write "
          "this line differently");
    CHECK(found[2] == "samples/K0002.toml:2: the file holds sample K0001, which belongs in " +
                          (dir / "samples/K0001.toml"));
    CHECK(found[3].starts_with("samples/K0004.toml:1"));
    // K0002.toml holds K0001: no file holds K0002.
    CHECK(found[4] ==
          "samples/K0003.toml:1: gap in the sample numbers: K0002 is missing before K0003");
  }
}
