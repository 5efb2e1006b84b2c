// Fuzz target: the index's entries (storage/index.h keeps one encoded
// TicketSummary per ticket in .svc/index; rules/summary.h EncodeSummary,
// DecodeSummary, DecodeSummaryHead). The index is a file anyone who can
// write the records directory can write, so its decoder meets hostile bytes.
// The input's first byte picks what the rest is:
//  - even: an encoded summary. Decoding never crashes; a summary that
//    decodes has a head that decodes alike (HeadOf), encodes back to bytes
//    that decode to the same encoding, and can be shown as `svc list` and
//    `svc overdue` show it (its times written, its clocks' time left at a
//    moment in 2026) without undefined behaviour;
//  - odd: a ticket file. Where it reads (ReadTicket) and replays
//    (Summarize under the default svc.toml), its summary encodes and decodes
//    back to the same encoding and head.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/timepoint.h"
#include "format/config_toml.h"
#include "format/fast_reader.h"
#include "fuzz_util.h"
#include "model/config.h"
#include "rules/clocks.h"
#include "rules/summary.h"

using namespace svc;
using svc::fuzz::Require;

namespace {

bool SameHead(const SummaryHead& a, const SummaryHead& b) {
  return a.settled == b.settled && a.first == b.first && a.received == b.received &&
         a.opened == b.opened && a.closed == b.closed && a.voided == b.voided &&
         a.running == b.running && a.clock_names == b.clock_names;
}

std::string Encoded(const TicketSummary& s) {
  std::string out;
  EncodeSummary(s, &out);
  return out;
}

// Decodes `bytes` (which must decode) and checks what the decoder promises.
void CheckDecoded(std::string_view bytes, const TicketSummary& s) {
  SummaryHead head;
  Require(DecodeSummaryHead(bytes, &head), "a summary decodes but its head does not");
  Require(SameHead(head, HeadOf(s)), "the head says other than the summary");
  std::string again = Encoded(s);
  std::string_view in = again;
  TicketSummary back;
  Require(DecodeSummary(&in, &back) && in.empty(), "a summary encoded does not decode");
  Require(Encoded(back) == again, "a summary decoded encodes otherwise");
  // What list and overdue do with it.
  const Time now{1795000000, 480};
  (void)FormatTimeShortIn(s.received, 480);
  for (const auto& t : {s.closed, s.voided, s.surveyed}) {
    if (t) (void)FormatTimeShortIn(*t, 480);
  }
  for (const Clock& c : s.clocks) {
    (void)c.Left(now);
    (void)FormatDuration(c.target);
    (void)FormatDuration(c.Left(now));
    (void)StateAt(c, now);
    (void)FormatTimeShortIn(c.deadline, 480);
    if (c.stop) (void)FormatTimeShortIn(*c.stop, 480);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  if (data[0] % 2 == 0) {
    std::string_view in = rest;
    TicketSummary s;
    if (DecodeSummary(&in, &s)) CheckDecoded(rest.substr(0, rest.size() - in.size()), s);
    SummaryHead head;
    (void)DecodeSummaryHead(rest, &head);
    return 0;
  }
  static const Config config = [] {
    Config c;
    Require(ParseConfig(DefaultConfigText(), "svc.toml", &c).ok(), "the default svc.toml");
    return c;
  }();
  Ticket t;
  if (!ReadTicket(rest, "fuzz.toml", &t).ok()) return 0;
  TicketSummary s;
  if (!Summarize(t, config, std::nullopt, &s).ok()) return 0;
  std::string bytes = Encoded(s);
  std::string_view in = bytes;
  TicketSummary back;
  Require(DecodeSummary(&in, &back) && in.empty(), "a ticket's summary does not decode");
  CheckDecoded(bytes, back);
  Require(SameHead(HeadOf(back), HeadOf(s)), "a ticket's summary decodes with another head");
  // seed_corpus.py makes the encoded seeds this way: SVC_FUZZ_INDEX_SEEDS=DIR.
  if (const char* dir = getenv("SVC_FUZZ_INDEX_SEEDS")) {
    std::string path = std::string(dir) + "/summary-" + back.id;
    if (FILE* f = fopen(path.c_str(), "wb")) {
      fputc(0, f);
      fwrite(bytes.data(), 1, bytes.size(), f);
      fclose(f);
    }
  }
  return 0;
}
