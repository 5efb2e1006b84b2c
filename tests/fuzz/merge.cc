// Fuzz target: git's merge driver (ops/merge_file.h MergeFile), on a fresh
// records directory in a MemDisk. The input is a selector byte, then the
// three versions git hands over — base (%O), ours (%A), theirs (%B) —
// separated by NUL bytes. The selector's low bit picks the ticket's own merge
// (MergeFile on tickets/2026/11/YX-26-11-01.toml) or the generic merge of a
// record of any kind (MergeRecordFile on the ticket kind). On any bytes
// nothing crashes or hangs, and whenever svc merged (no textual merge asked
// of git), the file in %A reads and is canonical — and so is a .dup file set
// aside beside the ticket.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "format/fast_reader.h"
#include "format/record_toml.h"
#include "format/ticket_toml.h"
#include "fuzz_util.h"
#include "model/record.h"
#include "ops/merge_file.h"
#include "storage/mem_disk.h"
#include "storage/store.h"

using namespace svc;
using svc::fuzz::Must;
using svc::fuzz::Require;

namespace {

// `text` reads as a ticket and is exactly what WriteTicket writes for it.
void RequireCanonicalTicket(const std::string& text) {
  Ticket t;
  Require(ReadTicket(text, "merged.toml", &t).ok(), "a merged ticket does not read");
  Require(WriteTicket(t) == text, "a merged ticket is not canonical");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  bool generic = data[0] & 1;
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string versions[3];
  for (int i = 0; i < 3; ++i) {
    size_t end = i < 2 ? rest.find('\0') : std::string_view::npos;
    versions[i] = std::string(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  }

  MemDisk disk;
  const std::string root = "/records";
  Must(Store::Init(root, &disk));
  MergeFileRequest r;
  r.base = "/git/O";
  r.ours = "/git/A";
  r.theirs = "/git/B";
  r.path = root + "/tickets/2026/11/YX-26-11-01.toml";
  Must(disk.MakeDirs("/git"));
  Must(disk.MakeDirs(root + "/tickets/2026/11"));
  Must(disk.Overwrite(r.base, versions[0]));
  Must(disk.Overwrite(r.ours, versions[1]));
  Must(disk.Overwrite(r.theirs, versions[2]));

  MergeFileOutcome out;
  if (generic) {
    std::unique_ptr<Store> store;
    Must(Store::Open(root, &disk, &store));
    MergeRecordFile(&disk, r, TicketKind(), store->config(), &out);
  } else {
    out = MergeFile(&disk, r);
  }
  Require(out.exit_code == 0 || out.exit_code == 1, "an exit code git does not know");
  Require(!out.textual || out.exit_code == 1, "a textual merge reported as merged");
  if (out.textual) return 0;

  std::string merged;
  Must(disk.ReadFile(r.ours, &merged));
  if (generic) {
    Record rec;
    Require(ParseRecord(merged, "merged.toml", TicketKind(), &rec).ok(),
            "a merged record does not read");
    Require(WriteRecord(rec) == merged, "a merged record is not canonical");
  } else {
    RequireCanonicalTicket(merged);
    std::vector<std::string> names;
    bool exists = false;
    Must(disk.ListDir(root + "/tickets/2026/11", &names, &exists));
    for (const std::string& name : names) {
      std::string dup;
      Must(disk.ReadFile(root + "/tickets/2026/11/" + name, &dup));
      RequireCanonicalTicket(dup);
    }
  }
  return 0;
}
