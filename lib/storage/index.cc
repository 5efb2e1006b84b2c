#include "storage/index.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <thread>
#include <unordered_map>

#include "format/fast_reader.h"
#include "format/ticket_toml.h"

namespace svc {
namespace {

constexpr std::string_view kMagic = "svc-index 6\n";

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

// The file's identity as git's index keeps it.
struct Stamp {
  uint64_t size = 0, mtime_ns = 0, ino = 0;
  bool operator==(const Stamp&) const = default;
};

Stamp StampOf(const struct stat& st) {
  return Stamp{static_cast<uint64_t>(st.st_size),
               static_cast<uint64_t>(st.st_mtim.tv_sec) * 1000000000ull +
                   static_cast<uint64_t>(st.st_mtim.tv_nsec),
               static_cast<uint64_t>(st.st_ino)};
}

bool StatAt(int dirfd, const char* name, Stamp* out) {
  struct stat st;
  if (::fstatat(dirfd, name, &st, 0) != 0) return false;
  *out = StampOf(st);
  return true;
}

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
  bool Open(const std::string& path, const std::string& fingerprint, std::string* why) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) return false;  // no index yet: silently built
    if (!Fill(kMagic.size()) || View(kMagic.size()) != kMagic) {
      *why = "it is not an index of this svc";
      return Fail();
    }
    pos_ += kMagic.size();
    uint64_t n = 0;
    if (!Varint(&n) || n > 4096 || !Fill(n) || View(n) != fingerprint) {
      *why = "svc.toml or svc changed since it was made";
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
      ssize_t got = ::pread(fd_, chunk.data(), std::min<uint64_t>(chunk.size(), n - at),
                            static_cast<off_t>(at));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) return false;
      to(std::string_view(chunk.data(), static_cast<size_t>(got)));
      at += static_cast<uint64_t>(got);
    }
    return true;
  }
  ~IndexReader() {
    if (fd_ >= 0) ::close(fd_);
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
      ssize_t r;
      do {
        r = ::read(fd_, buf_.data() + have, buf_.size() - have);
      } while (r < 0 && errno == EINTR);
      buf_.resize(have + static_cast<size_t>(r > 0 ? r : 0));
      if (r <= 0) return false;  // the end of the file (or an error) before n bytes
      read_ += static_cast<uint64_t>(r);
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

  int fd_ = -1;
  std::string buf_;
  size_t pos_ = 0;
  uint64_t read_ = 0;  // bytes read from the file so far
  bool open_ = false;
};

// Writes the new index to a temporary file; Commit renames it into place.
class IndexWriter {
 public:
  IndexWriter(std::string path, std::string fingerprint)
      : path_(std::move(path)), fingerprint_(std::move(fingerprint)) {}
  bool started() const { return started_; }
  // Starts the new index: from scratch, or (with `reader`) with the first
  // `prefix` bytes of the old one, its unchanged entries. Nothing is written
  // while nothing changed: a warm scan writes no index at all.
  void Start(const IndexReader* reader = nullptr, uint64_t prefix = 0) {
    started_ = true;
    // A name of its own per writer, also for two scans in one process.
    static std::atomic<uint64_t> counter{0};
    tmp_ = fmt::format("{}.tmp{}.{}", path_, ::getpid(), counter.fetch_add(1));
    fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (!reader) {
      buf_ = kMagic;
      PutVarint(&buf_, fingerprint_.size());
      buf_ += fingerprint_;
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
  // Renames the finished index into place; quietly does nothing if the
  // folder is not writable (a read-only checkout still gets correct answers).
  void Commit() {
    PutVarint(&buf_, 0);
    Flush();
    if (fd_ < 0) return;
    bool ok = !failed_ && ::close(fd_) == 0;
    fd_ = -1;
    if (!ok || ::rename(tmp_.c_str(), path_.c_str()) != 0) ::unlink(tmp_.c_str());
  }
  // Writes `data` at once (after what is buffered).
  void Write(std::string_view data) {
    Flush();
    if (fd_ < 0) failed_ = true;
    while (!failed_ && !data.empty()) {
      ssize_t n = ::write(fd_, data.data(), data.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        failed_ = true;
        break;
      }
      data.remove_prefix(static_cast<size_t>(n));
    }
  }
  ~IndexWriter() {
    if (fd_ >= 0) {
      ::close(fd_);
      ::unlink(tmp_.c_str());
    }
  }

 private:
  void Flush() {
    if (fd_ >= 0 && !failed_) {
      size_t done = 0;
      while (done < buf_.size()) {
        ssize_t n = ::write(fd_, buf_.data() + done, buf_.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
          failed_ = true;
          break;
        }
        done += static_cast<size_t>(n);
      }
    }
    buf_.clear();
  }
  std::string path_, fingerprint_, tmp_, buf_;
  int fd_ = -1;
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

// Reads `name` in the folder `dirfd`: its stamp as of the opening (fstat of
// the open file, so a change while it is read is seen by the next scan) and
// its text, in one read when the size holds. `buf` is the worker's own.
Status ReadAt(int dirfd, const char* name, const std::function<std::string()>& path, Stamp* stamp,
              std::string* buf, std::string_view* text) {
  int fd = dirfd < 0 ? -1 : ::openat(dirfd, name, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    if (dirfd < 0 || err == ENOENT)
      return Status::NotFound(fmt::format("{} does not exist", path()));
    return Status::IOError(fmt::format("cannot open {}: {}", path(), std::strerror(err)));
  }
  struct stat st;
  if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Status::IOError(fmt::format("cannot read {}: it is a folder", path()));
  }
  *stamp = StampOf(st);
  // Room for one byte more than the size: a short read is the end of the file.
  size_t used = 0;
  if (buf->size() < static_cast<size_t>(st.st_size) + 1)
    buf->resize(static_cast<size_t>(st.st_size) + 4096);
  for (;;) {
    ssize_t n = ::read(fd, buf->data() + used, buf->size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      Status s = Status::IOError(fmt::format("cannot read {}: {}", path(), std::strerror(err)));
      ::close(fd);
      return s;
    }
    used += static_cast<size_t>(n);
    if (n == 0 || used < buf->size()) break;
    buf->resize(buf->size() * 2);  // it grew since fstat
  }
  ::close(fd);
  *text = std::string_view(buf->data(), used);
  return Status::OK();
}

// Reads, parses and summarises the file (on a worker thread).
void Parse(const Store& store, int dirfd, const char* name, const Time& as_of, int64_t racy_from,
           std::string* buf, Work* w) {
  Ticket t;
  auto path = [&] { return store.Abs(w->entry.rel); };  // for messages only
  std::string_view text;
  Status s = ReadAt(dirfd, name, path, &w->stamp, buf, &text);
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
    Status a = Summarize(t, store.config(), as_of, &w->summary);
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
  int dirfd = -1;
  std::atomic<size_t> cursor{0};
  std::atomic<bool> any_change{false};
  ~Batch() {
    if (dirfd >= 0) ::close(dirfd);
  }
};

}  // namespace

Status ScanSummaries(const Store& store, const Time& as_of, const ScanOptions& options,
                     const std::function<void(const Store::Entry&, const TicketSummary&)>& fn,
                     const std::function<void(const Status&)>& unreadable) {
  std::string fingerprint = Fingerprint(store);
  std::string index_path = store.Abs(".svc/index");
  IndexReader reader;
  bool reading = false;
  std::string why;
  if (options.use_index) {
    reading = reader.Open(index_path, fingerprint, &why);
    if (!reading && !why.empty() && options.note) {
      options.note(fmt::format("rebuilding the index .svc/index ({})", why));
    }
  }
  std::unique_ptr<IndexWriter> writer;
  if (options.use_index && store.disk()->MakeDirs(store.Abs(".svc")).ok()) {
    writer = std::make_unique<IndexWriter>(index_path, fingerprint);
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
    b->dirfd = ::open(store.Abs(b->dir).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
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
      w.stat_ok = known && b->dirfd >= 0 && StatAt(b->dirfd, name, &w.stamp);
      if (w.stat_ok && it->second.stamp == w.stamp) {
        std::string_view in = it->second.summary();
        if (options.wanted && Unwanted(in, as_of, options.wanted, &w.head)) {
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
          Parse(store, b->dirfd, name, as_of, racy_from, &buf, &w);
          w.cached = std::move(still_right);
          continue;
        }
      }
      b->any_change = true;
      Parse(store, b->dirfd, name, as_of, racy_from, &buf, &w);
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
        unreadable(w.error.ok() ? Status::IOError("cannot read " + store.Abs(w.entry.rel))
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
  if (damaged && options.note) options.note("rebuilding the index .svc/index (it was damaged)");
  // Every old entry up to entry_offset passed its checksum; past damage,
  // every ticket was parsed and added anew.
  if (writer && (changed || damaged) && !writer->started()) writer->Start(&reader, entry_offset);
  if (writer && writer->started() && s.ok()) writer->Commit();
  return s;
}

}  // namespace svc
