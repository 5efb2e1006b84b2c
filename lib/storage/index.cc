#include "storage/index.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <thread>
#include <unordered_map>

#include "base/i18n.h"
#include "format/fast_reader.h"
#include "format/ticket_toml.h"

namespace svc {
namespace {

// 7: `settled` is when the last event entered the records (its `recorded`).
// 8: the header names the place the index was made in (Place).
// 13: the summaries hold the outbound records' engineers and the search text.
// 14: the search text without the vocabulary's words and department codes.
constexpr std::string_view kMagic = "svc-index 14\n";

uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

// The entries' checksum: eight bytes at a time (FNV-1a's constants), as a
// warm scan checks every entry of a 40 MB index.
uint64_t Checksum(std::string_view s) {
  uint64_t h = 1469598103934665603ull ^ s.size();
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * 1099511628211ull;
    h ^= h >> 29;
  }
  for (; i < s.size(); ++i) h = (h ^ static_cast<unsigned char>(s[i])) * 1099511628211ull;
  return h ^ (h >> 32);
}

// What identifies the configuration and svc's own summary format.
std::string Fingerprint(const Store& store) {
  return fmt::format("{:016x} {}", Fnv1a(store.config_text()), SVC_VERSION);
}

// Where the index was made: the identities (device and inode) of the
// records directory and of its .svc folder. Any copy of either (another
// clone, a restored backup, an index copied in) has others, so its index is
// not trusted but rebuilt. Two stats per scan; no key to keep.
std::string Place(const Store& store) {
  return fmt::format("{} {}", store.disk()->Identity(store.root()),
                     store.disk()->Identity(store.Abs(LocalFolder())));
}

// The file's identity as git's index keeps it: size, modification time, inode.
using Stamp = FileStamp;

// One entry of the index, its summary still encoded: a view into the old
// index (mapped) or a summary of its own (just encoded).
struct Cached {
  Stamp stamp;
  std::string own;        // a summary made by this scan
  std::string_view from;  // else one in the old index's mapping
  // Empty: none kept (unreadable, or changed too recently to trust).
  std::string_view summary() const { return own.empty() ? from : std::string_view(own); }
};

// Reads the old index entry by entry, in the scan's order, through a buffer
// (a mapping would be cheaper still, but a file truncated under it would
// crash the scan). What Next gives is valid until Next is called again.
class IndexReader {
 public:
  bool Open(Disk* disk, const std::string& path, const std::string& fingerprint,
            const std::string& place, std::string* why) {
    if (!disk->OpenFile(path, &file_).ok()) return false;  // no index yet: silently built
    if (!Fill(kMagic.size()) || View(kMagic.size()) != kMagic) {
      *why = _("it is not an index of this svc");
      return Fail();
    }
    pos_ += kMagic.size();
    uint64_t n = 0;
    if (!Varint(&n) || n > 4096 || !Fill(n) || View(n) != fingerprint) {
      *why = _("svc.toml or svc changed since it was made");
      return Fail();
    }
    pos_ += n;
    if (!Varint(&n) || n > 4096 || !Fill(n) || View(n) != place) {
      *why = _("it was not made in this records directory");
      return Fail();
    }
    pos_ += n;
    open_ = true;
    return true;
  }
  // The next entry; false at the end marker, or on damage (*damaged set):
  // a bad checksum, a malformed entry, or the file ending before the marker.
  bool Next(std::string_view* rel, Cached* c, bool* damaged) {
    if (!open_) return false;
    uint64_t len = 0;
    if (!Varint(&len)) return (*damaged = true, false);
    if (len == 0) return false;  // the end marker
    if (len > (64u << 20) || !Fill(len + 8)) return (*damaged = true, false);
    std::string_view e = View(len);
    uint64_t sum = 0;
    std::memcpy(&sum, buf_.data() + pos_ + len, 8);
    pos_ += len + 8;
    if (sum != Checksum(e)) return (*damaged = true, false);
    uint64_t n = 0;
    if (!GetVarint(&e, &n) || n > e.size()) return (*damaged = true, false);
    *rel = e.substr(0, n);
    e.remove_prefix(n);
    if (!GetVarint(&e, &c->stamp.size) || !GetVarint(&e, &c->stamp.mtime_ns) ||
        !GetVarint(&e, &c->stamp.ino)) {
      return (*damaged = true, false);
    }
    c->own.clear();
    c->from = e;
    return true;
  }
  // Where the next unread byte of the file is.
  uint64_t Offset() const { return read_ - (buf_.size() - pos_); }
  // Hands the first `n` bytes of the file (the unchanged entries a new index
  // copies) to `to`, a piece at a time, from the same file that was read.
  bool CopyPrefix(uint64_t n, const std::function<void(std::string_view)>& to) const {
    std::string chunk(1 << 16, '\0');
    for (uint64_t at = 0; at < n;) {
      size_t got = 0;
      if (!file_->ReadAt(at, std::min<uint64_t>(chunk.size(), n - at), chunk.data(), &got).ok() ||
          got == 0) {
        return false;
      }
      to(std::string_view(chunk.data(), got));
      at += got;
    }
    return true;
  }

 private:
  bool Fail() {
    open_ = false;
    return false;
  }
  std::string_view View(size_t n) const { return std::string_view(buf_.data() + pos_, n); }
  // Makes at least n bytes available at pos_ (moving what is unread to the front).
  bool Fill(size_t n) {
    if (buf_.size() - pos_ >= n) return true;
    buf_.erase(0, pos_);
    pos_ = 0;
    while (buf_.size() < n) {
      size_t have = buf_.size();
      buf_.resize(have + std::max<size_t>(n - have, 1 << 20));
      size_t got = 0;
      bool ok = file_->ReadAt(read_, buf_.size() - have, buf_.data() + have, &got).ok();
      buf_.resize(have + got);
      read_ += got;
      if (!ok || got == 0) return false;  // the end of the file (or an error) before n bytes
    }
    return true;
  }
  bool Varint(uint64_t* v) {
    *v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!Fill(1)) return false;
      auto b = static_cast<unsigned char>(buf_[pos_++]);
      *v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return true;
    }
    return false;
  }

  std::unique_ptr<ReadableFile> file_;
  std::string buf_;
  size_t pos_ = 0;
  uint64_t read_ = 0;  // bytes read from the file so far
  bool open_ = false;
};

// Writes the new index through the one atomic-write path (a temporary file,
// fsync, rename, fsync of the folder); until Commit the old index stays.
class IndexWriter {
 public:
  IndexWriter(Disk* disk, std::string path, std::string fingerprint, std::string place)
      : disk_(disk),
        path_(std::move(path)),
        fingerprint_(std::move(fingerprint)),
        place_(std::move(place)) {}
  bool started() const { return started_; }
  // Starts the new index: from scratch, or (with `reader`) with the first
  // `prefix` bytes of the old one, its unchanged entries. Nothing is written
  // while nothing changed: a warm scan writes no index at all.
  void Start(const IndexReader* reader = nullptr, uint64_t prefix = 0) {
    started_ = true;
    if (!disk_->BeginAtomicWrite(path_, &file_).ok()) failed_ = true;
    if (!reader) {
      buf_ = kMagic;
      PutVarint(&buf_, fingerprint_.size());
      buf_ += fingerprint_;
      PutVarint(&buf_, place_.size());
      buf_ += place_;
      return;
    }
    if (!reader->CopyPrefix(prefix, [&](std::string_view piece) { Write(piece); })) failed_ = true;
  }
  void Add(std::string_view rel, const Cached& c) {
    std::string e;
    e.reserve(rel.size() + c.summary().size() + 32);
    PutVarint(&e, rel.size());
    e += rel;
    PutVarint(&e, c.stamp.size);
    PutVarint(&e, c.stamp.mtime_ns);
    PutVarint(&e, c.stamp.ino);
    e += c.summary();
    PutVarint(&buf_, e.size());
    buf_ += e;
    // Each entry carries a checksum: a damaged byte is a rebuild, never a wrong answer.
    uint64_t sum = Checksum(e);
    buf_.append(reinterpret_cast<const char*>(&sum), 8);
    if (buf_.size() > (1 << 20)) Flush();
  }
  // Puts the finished index in place; quietly does nothing if it cannot be
  // written (a read-only checkout still gets correct answers).
  void Commit() {
    PutVarint(&buf_, 0);
    Flush();
    if (!failed_ && file_) file_->Commit();
    file_.reset();  // not committed: the temporary file is removed
  }
  // Writes `data` at once (after what is buffered).
  void Write(std::string_view data) {
    Flush();
    if (!file_) failed_ = true;
    if (!failed_ && !file_->Append(data).ok()) failed_ = true;
  }

 private:
  void Flush() {
    if (file_ && !failed_ && !file_->Append(buf_).ok()) failed_ = true;
    buf_.clear();
  }
  Disk* disk_;
  std::string path_, fingerprint_, place_, buf_;
  std::unique_ptr<AtomicFile> file_;
  bool failed_ = false;
  bool started_ = false;
};

// One file of a month folder on its way through the scan.
struct Work {
  Store::Entry entry;
  Stamp stamp;
  bool stat_ok = false;
  Cached cached;  // what the index had (or gets)
  bool have_summary = false;
  TicketSummary summary;  // as of the scan's moment
  bool skipped = false;   // not wanted (ScanOptions::wanted): only `head` is known
  SummaryHead head;
  Status error;
};

// Reads, parses and summarises the file (on a worker thread).
// `folder` is the file's folder: its stamp is taken from the open file (a
// change while it is read is seen by the next scan), its text read at once.
void Parse(const Store& store, DiskFolder* folder, const char* name, const Time& as_of,
           const std::optional<Time>& known, int64_t racy_from, std::string* buf, Work* w) {
  Ticket t;
  auto path = [&] { return store.Abs(w->entry.rel); };  // for messages only
  std::string_view text;
  Status s = folder->Read(name, &w->stamp, buf, &text);
  w->stat_ok = s.ok();
  if (s.ok() && !ReadFastTicket(text, &t)) s = ParseTicket(text, path(), &t);
  TicketSummary full;
  if (s.ok()) s = Summarize(t, store.config(), std::nullopt, &full);
  if (!s.ok()) {
    w->error = s;
    w->cached = Cached{w->stamp, "", {}};
    return;
  }
  std::string encoded;
  encoded.reserve(512);
  // A file changed in the last moments might change again within the same
  // timestamp: keep no summary for it, so the next scan parses it again.
  if (static_cast<int64_t>(w->stamp.mtime_ns / 1000000000ull) < racy_from) {
    EncodeSummary(full, &encoded);
  }
  w->cached = Cached{w->stamp, std::move(encoded), {}};
  if (as_of.secs >= full.settled) {
    w->summary = std::move(full);
    w->have_summary = true;
  } else if (SummaryBeforeEvents(full, as_of, &w->summary)) {
    w->have_summary = true;
  } else {
    Status a = Summarize(t, store.config(), as_of, &w->summary, known);
    if (a.ok()) {
      w->have_summary = true;
    } else {
      w->error = a;
    }
  }
}

// Whether a summary from the index (`in`) is one the command does not want,
// judged by its head as of `as_of` (*head: that head): only where the head
// holds as of then — at or after the last event, or before the first
// (nothing had happened yet).
bool Unwanted(std::string_view in, const Time& as_of,
              const std::function<bool(const SummaryHead&)>& wanted, SummaryHead* head) {
  if (!DecodeSummaryHead(in, head)) return false;
  if (as_of.secs < head->first) {
    SummaryHead before;  // nothing had happened yet: not opened, no clocks
    before.settled = head->settled;
    before.first = head->first;
    before.received = head->received;
    *head = before;
  } else if (as_of.secs < head->settled) {
    return false;  // as of a moment within its history: parsed
  }
  return !wanted(*head);
}

// One month folder on its way through the scan: listed, then parsed on both
// cores, then handed on in order.
struct Batch {
  std::string dir;
  std::vector<Store::Entry> listed;  // the folder's files as listed
  std::vector<Work> works;           // made at once from `listed` (a Work is big: no regrowth)
  // The old index's entries of this folder, and where in the old index the
  // entries before them end (a writer starting here copies up to that).
  std::unordered_map<std::string_view, Cached> old;  // paths and summaries in `arena`
  std::string arena;  // this folder's old entries, copied once out of the reader's buffer
  uint64_t unchanged_to = 0;
  std::unique_ptr<DiskFolder> folder;  // files are opened relative to it
  std::atomic<size_t> cursor{0};
  std::atomic<bool> any_change{false};
};

}  // namespace

Status ScanSummaries(const Store& store, const Time& as_of, const ScanOptions& options,
                     const std::function<void(const Store::Entry&, const TicketSummary&)>& fn,
                     const std::function<void(const Status&)>& unreadable) {
  std::string fingerprint = Fingerprint(store);
  std::string index_path = store.Abs(IndexPath());
  IndexReader reader;
  bool reading = false;
  std::string why;
  if (options.use_index) {
    reading = reader.Open(store.disk(), index_path, fingerprint, Place(store), &why);
    if (!reading && !why.empty() && options.note) {
      options.note(TrF("rebuilding the index {} ({})", IndexPath(), why));
    }
  }
  std::unique_ptr<IndexWriter> writer;
  if (options.use_index && store.disk()->MakeDirs(store.Abs(LocalFolder())).ok()) {
    // The place taken now that .svc is there (a new one is another place).
    writer = std::make_unique<IndexWriter>(store.disk(), index_path, fingerprint, Place(store));
    if (!reading) writer->Start();  // no usable index: a new one from the start
  }
  // Summaries of files changed within the last two seconds are not kept.
  int64_t racy_from = options.wall_clock_secs - 2;
  bool changed = !reading;
  bool damaged = false;
  std::string_view next_rel;
  Cached next;
  uint64_t entry_offset = reading ? reader.Offset() : 0;  // where next_rel's entry starts
  bool have_next = reading && reader.Next(&next_rel, &next, &damaged);
  bool two = std::thread::hardware_concurrency() != 1;

  // Takes the old index's entries of the batch's folder (entries come in
  // folder order; folders sort the same in both, "tickets/YYYY/MM"; an old
  // entry of an earlier folder is a ticket that is gone) and opens the folder.
  auto prepare = [&](Batch* b) {
    auto dir_of = [](std::string_view rel) { return rel.substr(0, rel.rfind('/')); };
    b->unchanged_to = entry_offset;  // the old index up to here is unchanged
    struct Held {
      size_t at, rel, summary;
      Stamp stamp;
    };
    std::vector<Held> held;
    while (have_next && dir_of(next_rel) <= b->dir) {
      if (dir_of(next_rel) == b->dir) {
        held.push_back(Held{b->arena.size(), next_rel.size(), next.from.size(), next.stamp});
        b->arena += next_rel;
        b->arena += next.from;
      } else {
        changed = true;  // a folder that is gone
      }
      entry_offset = reader.Offset();
      have_next = reader.Next(&next_rel, &next, &damaged);
    }
    // The arena is whole now: the views into it stay valid.
    b->old.reserve(held.size());
    for (const Held& h : held) {
      Cached c;
      c.stamp = h.stamp;
      c.from = std::string_view(b->arena.data() + h.at + h.rel, h.summary);
      b->old.emplace(std::string_view(b->arena.data() + h.at, h.rel), std::move(c));
    }
    b->folder = store.disk()->OpenFolder(store.Abs(b->dir));
    b->works = std::vector<Work>(b->listed.size());
    for (size_t i = 0; i < b->listed.size(); ++i) b->works[i].entry = std::move(b->listed[i]);
    b->listed.clear();
  };
  // Each file of the batch, on whichever thread takes it: stat it (relative
  // to its folder), reuse the index's summary when the file is unchanged,
  // else read and parse it.
  auto work = [&](Batch* b) {
    std::string buf;  // this thread's file buffer
    for (size_t i; (i = b->cursor.fetch_add(1)) < b->works.size();) {
      Work& w = b->works[i];
      const char* name = w.entry.rel.c_str() + b->dir.size() + 1;  // the file's name in its folder
      auto it = b->old.find(w.entry.rel);
      // A file the index knows is stat'ed first (most are unchanged); any
      // other is opened at once, its stamp taken from the open file.
      bool known = it != b->old.end() && !it->second.summary().empty();
      w.stat_ok = known && b->folder->Stat(name, &w.stamp);
      if (w.stat_ok && it->second.stamp == w.stamp) {
        std::string_view in = it->second.summary();
        if ((options.maybe && !options.maybe(in) && DecodeSummaryHead(in, &w.head)) ||
            (options.wanted && Unwanted(in, as_of, options.wanted, &w.head))) {
          w.cached = std::move(it->second);
          w.skipped = true;
          continue;
        }
        if (DecodeSummary(&in, &w.summary) && in.empty()) {
          Cached still_right = std::move(it->second);  // each entry is taken once
          if (as_of.secs >= w.summary.settled ||
              SummaryBeforeEvents(w.summary, as_of, &w.summary)) {
            // Valid as of any moment after its last event, or trivially so
            // before its first (received later: a month folder after it).
            w.cached = std::move(still_right);
            w.have_summary = true;
            continue;
          }
          // Asked as of a moment before its last event: parse, keep the entry.
          Parse(store, b->folder.get(), name, as_of, options.known, racy_from, &buf, &w);
          w.cached = std::move(still_right);
          continue;
        }
      }
      b->any_change = true;
      Parse(store, b->folder.get(), name, as_of, options.known, racy_from, &buf, &w);
    }
  };
  // Hands a parsed batch on, in order: to the new index and to `fn`.
  int64_t done = 0;
  auto output = [&](Batch* b) {
    if (b->any_change || b->old.size() != b->works.size()) changed = true;
    if (writer && changed && !writer->started()) writer->Start(&reader, b->unchanged_to);
    for (Work& w : b->works) {
      if (writer && writer->started()) writer->Add(w.entry.rel, w.cached);
      if (w.skipped) {
        if (options.skipped) options.skipped(w.head);
      } else if (w.have_summary) {
        fn(w.entry, w.summary);
      } else {
        unreadable(w.error.ok() ? Status::IOError(TrF("cannot read {}", store.Abs(w.entry.rel)))
                                : w.error);
      }
    }
    done += static_cast<int64_t>(b->works.size());
    if (options.progress) options.progress(done);
  };

  // A pipeline on two threads: while a helper parses one folder, this thread
  // hands on the folder before it and lists the next, then joins the helper.
  std::unique_ptr<Batch> listing;  // the folder being listed
  std::unique_ptr<Batch> parsing;  // the folder the helper is parsing
  std::thread helper;
  auto finish_parsing = [&]() -> std::unique_ptr<Batch> {
    if (!parsing) return nullptr;
    work(parsing.get());  // take a share of what is left
    if (helper.joinable()) helper.join();
    return std::move(parsing);
  };
  auto start = [&](std::unique_ptr<Batch> b) {
    std::unique_ptr<Batch> previous = finish_parsing();
    prepare(b.get());
    parsing = std::move(b);
    if (two && parsing->works.size() > 8) {
      Batch* raw = parsing.get();
      helper = std::thread([&work, raw] { work(raw); });
    }
    if (previous) output(previous.get());
  };

  Status s = store.ForEachFile([&](const Store::Entry& e) -> Status {
    if (!e.numbered) return Status::OK();
    std::string_view dir(e.rel.data(), e.rel.rfind('/'));
    if (!listing || listing->dir != dir) {
      if (listing) start(std::move(listing));
      listing = std::make_unique<Batch>();
      listing->dir = std::string(dir);
    }
    listing->listed.push_back(e);
    return Status::OK();
  });
  if (s.ok() && listing) start(std::move(listing));
  if (std::unique_ptr<Batch> last = finish_parsing(); last && s.ok()) output(last.get());
  if (have_next) changed = true;  // entries of folders that are gone
  // Read to the end marker: an index cut short anywhere is damaged.
  while (have_next) have_next = reader.Next(&next_rel, &next, &damaged);
  if (damaged && options.note) {
    options.note(TrF("rebuilding the index {} (it was damaged)", IndexPath()));
  }
  // Every old entry up to entry_offset passed its checksum; past damage,
  // every ticket was parsed and added anew.
  if (writer && (changed || damaged) && !writer->started()) writer->Start(&reader, entry_offset);
  if (writer && writer->started() && s.ok()) writer->Commit();
  return s;
}

}  // namespace svc
