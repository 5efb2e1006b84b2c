// Index: a cache beside the records (.svc/index, ignored by git) that holds
// each ticket file's summary (summary.h), validated file by file by size,
// modification time and inode the way git's own index is. A scan stats every
// file, reuses the summary of each unchanged one, and parses only what
// changed, was added, or is asked about as of a moment before its last event.
//
// The index is only a cache: deleting it loses nothing; a corrupt, truncated
// or foreign-version index (or one made under another svc.toml, or in
// another place: its header names the device and inode of the records
// directory and of .svc, which no copy shares) is rebuilt, with one note on
// stderr; two svc processes updating it at once never
// corrupt it (each writes a temporary file and renames it into place). The
// scan streams: it never holds more than one month folder's summaries.
//
// Trust: each entry's checksum detects damage (a torn write, a flipped
// byte), not deliberate edits. Anyone who can write the records directory
// can write an index with forged summaries and recomputed checksums, and
// svc will answer from them; the place in the header only keeps an index
// copied in from elsewhere from being trusted. `svc check` never reads the
// index, and --no-index (use_index false) answers from the files alone.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "base/status.h"
#include "rules/summary.h"
#include "storage/store.h"

namespace svc {

struct ScanOptions {
  bool use_index = true;  // false: parse every file (what the index must equal)
  std::function<void(const std::string&)> note;  // one-line notes for stderr
  // The system clock, read by the caller (the library never reads it): file
  // times this close to it are too recent to trust for the cache.
  int64_t wall_clock_secs = 0;
  // Called after each month folder with the number of tickets read so far.
  std::function<void(int64_t done)> progress;
  // Whether the command needs a ticket, judged from the head of its summary
  // as of the scan's moment: when it returns false for a ticket the index
  // holds, the summary is not decoded and `skipped` is called instead of
  // `fn` (in the same order). Called on any thread. A ticket read from its
  // file always goes to `fn`, so `fn` must still judge every ticket itself.
  std::function<bool(const SummaryHead&)> wanted;
  // Whether a summary the index holds may be one the command looks for,
  // judged from its encoded bytes (rules/summary.h) before any decoding: a
  // necessary condition (`svc search`: the text's bytes are there). False
  // skips the ticket as `wanted` does. Called on any thread.
  std::function<bool(std::string_view encoded)> maybe;
  std::function<void(const SummaryHead&)> skipped;
  // The records as they stood at this moment (empty: at the scan's as_of);
  // later than as_of for a past period's report (Summarize's `known`).
  std::optional<Time> known;
};

// Calls `fn` with the summary of every ticket as of `as_of`, in number order,
// and `unreadable` with the error of each file that cannot be read.
Status ScanSummaries(const Store& store, const Time& as_of, const ScanOptions& options,
                     const std::function<void(const Store::Entry&, const TicketSummary&)>& fn,
                     const std::function<void(const Status&)>& unreadable);

}  // namespace svc
