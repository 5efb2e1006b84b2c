// Fuzz target: the ticket readers (format/fast_reader.h, format/ticket_toml.h,
// format/record_toml.h). On any bytes, neither reader crashes, and:
//  - what the fast reader accepts, toml++'s ParseTicket accepts too and reads
//    as the same Ticket (fast_reader.h's promise);
//  - what ParseTicket accepts writes canonical text (WriteTicket) that reads
//    back as the same Ticket and writes the same bytes again (ticket_toml.h's
//    WriteTicket(ParseTicket(text)) == text), and that the fast reader reads
//    too, as the same Ticket (unless a time's offset is beyond +-14:59);
//  - the generic reader of the ticket kind (ParseRecord) agrees with it:
//    where both accept, WriteRecord writes the same bytes as WriteTicket;
//  - an outbound registry entry that reads writes back as one that reads the same.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>

#include "format/fast_reader.h"
#include "format/record_toml.h"
#include "format/ticket_toml.h"
#include "fuzz_util.h"
#include "model/record.h"

using namespace svc;
using svc::fuzz::Require;

namespace {

bool InRange(const Time& t) {
  return t.offset_minutes >= -(14 * 60 + 59) && t.offset_minutes <= 14 * 60 + 59;
}

// Whether every time of `t` has an offset within +-14:59, as ParseTime reads
// them: toml++ reads offsets up to +-23:59, the fast reader (like every other
// door of svc) declines them and leaves such a file to toml++.
bool OffsetsInRange(const Ticket& t) {
  if (!InRange(t.received)) return false;
  for (const Event& e : t.events) {
    if (!InRange(e.at) || (e.recorded && !InRange(*e.recorded))) return false;
    for (const auto& [key, value] : e.fields) {
      if (const Time* time = std::get_if<Time>(&value); time && !InRange(*time)) return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);

  Ticket fast;
  bool fast_ok = ReadFastTicket(text, &fast);
  Ticket slow;
  bool slow_ok = ParseTicket(text, "fuzz.toml", &slow).ok();
  if (fast_ok) {
    Require(slow_ok, "the fast reader accepts what ParseTicket refuses");
    Require(fast == slow, "the fast reader and ParseTicket read different tickets");
  }
  Ticket read;
  Require(ReadTicket(text, "fuzz.toml", &read).ok() == slow_ok, "ReadTicket disagrees");
  if (slow_ok) {
    Require(read == slow, "ReadTicket reads another ticket");
    std::string canonical = WriteTicket(slow);
    Ticket back;
    Require(ParseTicket(canonical, "canonical.toml", &back).ok(), "canonical text does not parse");
    Require(back == slow, "canonical text reads as another ticket");
    Require(WriteTicket(back) == canonical, "canonical text is not written back the same");
    Ticket fast_back;
    if (OffsetsInRange(slow)) {
      Require(ReadFastTicket(canonical, &fast_back), "the fast reader declines canonical text");
      Require(fast_back == slow, "the fast reader reads canonical text as another ticket");
    }
  }

  Record rec;
  if (ParseRecord(text, "fuzz.toml", TicketKind(), &rec).ok()) {
    std::string written = WriteRecord(rec);
    Record back;
    Require(ParseRecord(written, "canonical.toml", TicketKind(), &back).ok(),
            "a record's canonical text does not parse");
    Require(back == rec, "a record's canonical text reads as another record");
    Require(WriteRecord(back) == written, "a record's canonical text is not written back the same");
    if (slow_ok) Require(written == WriteTicket(slow), "WriteRecord and WriteTicket differ");
  }

  OutboundEntry entry;
  if (ParseOutboundEntry(text, "entry.toml", &entry).ok()) {
    std::string written = WriteOutboundEntry(entry);
    OutboundEntry back;
    Require(ParseOutboundEntry(written, "entry.toml", &back).ok(),
            "an entry written does not parse");
    Require(back.record == entry.record && back.ticket == entry.ticket &&
                back.abandoned == entry.abandoned,
            "an entry written reads as another");
  }
  return 0;
}
