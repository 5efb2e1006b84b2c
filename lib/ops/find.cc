#include "ops/find.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <functional>
#include <tuple>

#include "base/i18n.h"
#include "base/suggest.h"
#include "base/text.h"
#include "base/typed.h"
#include "rules/state.h"

namespace svc {
namespace {

std::string LowerAscii(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// `plain` and `hinted` (msgids, marked N_ by the caller): "{option}: '{typed}'
// is no ... (known: {})", the second with ": did you mean {}?" before "(known".
Status UnknownWord(std::string_view option, std::string_view typed, const char* plain,
                   const char* hinted, const std::vector<std::string>& known) {
  std::string hint = Nearest(LowerAscii(std::string(typed)), known);
  std::string joined = fmt::format("{}", fmt::join(known, ", "));
  return Status::InvalidArgument(hint.empty() ? TrF(plain, option, typed, joined)
                                              : TrF(hinted, option, typed, hint, joined));
}

}  // namespace

bool QueryMatches(const TicketQuery& q, const TicketSummary& t) {
  if (!q.statuses.empty() &&
      std::find(q.statuses.begin(), q.statuses.end(), t.status) == q.statuses.end()) {
    return false;
  }
  if (!q.via.empty() && t.via != q.via) return false;
  if (!q.route.empty() && t.route != q.route) return false;
  if (!q.kind.empty() && t.kind != q.kind) return false;
  if (q.level && t.level != q.level) return false;
  if (!q.tech.empty() && std::find(t.techs.begin(), t.techs.end(), q.tech) == t.techs.end()) {
    return false;
  }
  if (q.since && t.received.secs < q.since->secs) return false;
  if (q.until && t.received.secs >= q.until->secs) return false;
  if (!q.customer.empty() &&
      LowerAscii(t.customer).find(LowerAscii(q.customer)) == std::string::npos) {
    return false;
  }
  return true;
}

const std::vector<std::string>& ListColumns() {
  static const std::vector<std::string> k = {"number",   "status",   "received", "level", "route",
                                             "customer", "headline", "via",      "kind",  "product",
                                             "techs",    "category", "service",  "closed"};
  return k;
}

const std::vector<std::string>& DefaultListColumns() {
  static const std::vector<std::string> k = {"number", "status",   "received", "level",
                                             "route",  "customer", "headline"};
  return k;
}

const std::vector<std::string>& ListSortKeys() {
  static const std::vector<std::string> k = {"number", "received", "level", "status", "customer"};
  return k;
}

Status ParseColumns(std::string_view text, std::vector<std::string>* out) {
  out->clear();
  for (std::string_view part : Split(text, ',')) {
    std::string name = LowerAscii(std::string(Trim(part)));
    if (name.empty()) continue;
    if (std::find(ListColumns().begin(), ListColumns().end(), name) == ListColumns().end()) {
      return UnknownWord("--columns", Trim(part), N_("{}: '{}' is no column (known: {})"),
                         N_("{}: '{}' is no column: did you mean {}? (known: {})"), ListColumns());
    }
    out->push_back(name);
  }
  if (out->empty()) {
    return Status::InvalidArgument(TrF("--columns: no column named (known: {})",
                                       fmt::format("{}", fmt::join(ListColumns(), ", "))));
  }
  return Status::OK();
}

Status CheckSortKey(std::string_view key) {
  if (std::find(ListSortKeys().begin(), ListSortKeys().end(), key) != ListSortKeys().end()) {
    return Status::OK();
  }
  return UnknownWord("--sort", key, N_("{}: '{}' is no sort key (known: {})"),
                     N_("{}: '{}' is no sort key: did you mean {}? (known: {})"), ListSortKeys());
}

std::string ListCell(const TicketSummary& t, std::string_view column, int offset_minutes) {
  if (column == "number") return t.id;
  if (column == "status") return std::string(StatusName(t.status));
  if (column == "received") return FormatTimeIn(t.received, offset_minutes);
  if (column == "level") return t.level ? std::to_string(t.level) : "";
  if (column == "route") return t.route;
  if (column == "customer") return t.customer;
  if (column == "headline") return t.headline;
  if (column == "via") return t.via;
  if (column == "kind") return t.kind;
  if (column == "product") return t.product;
  if (column == "techs") return fmt::format("{}", fmt::join(t.techs, " "));
  if (column == "category") return t.category;
  if (column == "service") return t.service;
  if (column == "closed") return t.closed ? FormatTimeIn(*t.closed, offset_minutes) : "";
  return "";
}

Status ListTickets(const Store& store, const Time& now, const TicketQuery& q, std::string_view sort,
                   bool reverse, const ScanOptions& options,
                   const std::function<void(const Status&)>& unreadable,
                   const std::function<void(const TicketSummary&)>& fn) {
  bool held = reverse || (!sort.empty() && sort != "number");
  std::vector<TicketSummary> rows;
  SVC_RETURN_IF_ERROR(ScanSummaries(
      store, now, options,
      [&](const Store::Entry&, const TicketSummary& t) {
        if (!t.opened || !QueryMatches(q, t)) return;
        if (!held) return fn(t);
        TicketSummary slim = t;  // what a row shows, without what it never does
        slim.clocks.clear();
        slim.text.clear();
        slim.expenses.clear();
        slim.comment.clear();
        rows.push_back(std::move(slim));
      },
      unreadable));
  if (!held) return Status::OK();
  auto key = [&](const TicketSummary& t) {
    if (sort == "received") return std::make_tuple(t.received.secs, 0, std::string_view());
    if (sort == "level") return std::make_tuple(int64_t{0}, t.level, std::string_view());
    if (sort == "status") {
      return std::make_tuple(int64_t{0}, static_cast<int>(t.status), std::string_view());
    }
    if (sort == "customer") return std::make_tuple(int64_t{0}, 0, std::string_view(t.customer));
    return std::make_tuple(int64_t{0}, 0, std::string_view());  // number: the scan's order
  };
  std::stable_sort(rows.begin(), rows.end(),
                   [&](const TicketSummary& a, const TicketSummary& b) { return key(a) < key(b); });
  if (reverse) std::reverse(rows.begin(), rows.end());
  for (const TicketSummary& t : rows) fn(t);
  return Status::OK();
}

namespace {

// FoldForSearch into `out` (cleared), in one pass without decoding: the
// full-width forms (EF BC 81 … EF BD 9E), the dashes (E2 80 90 … E2 80 95,
// E2 88 92) and the ideographic space (E3 80 80) are the only sequences
// FoldTyped changes, and a lead byte never equals a continuation byte. The
// same as LowerAscii(FoldTyped(text)) for valid UTF-8 (find_test.cc).
void FoldInto(std::string_view text, std::string* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  out->resize(n);  // folding never lengthens
  char* o = out->data();
  auto lower = [](unsigned c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); };
  for (size_t i = 0; i < n;) {
    unsigned c = p[i];
    if (c < 0x80) {
      *o++ = lower(c);
      ++i;
      continue;
    }
    if ((c == 0xE2 || c == 0xE3 || c == 0xEF) && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 &&
        (p[i + 2] & 0xC0) == 0x80) {
      char32_t cp = ((c & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu);
      char ascii = 0;
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        ascii = lower(static_cast<unsigned>(cp - 0xFF01 + '!'));
      } else if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212) {
        ascii = '-';
      } else if (cp == 0x3000) {
        ascii = ' ';
      }
      if (ascii) {
        *o++ = ascii;
        i += 3;
        continue;
      }
    }
    *o++ = static_cast<char>(c);
    ++i;
  }
  out->resize(static_cast<size_t>(o - out->data()));
}

bool AllNonAscii(std::string_view s) {
  return std::none_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; });
}

}  // namespace

std::string FoldForSearch(std::string_view text) {
  std::string out;
  FoldInto(text, &out);
  return out;
}

namespace {

// The raw value's byte offset where its folded form reaches `folded_pos`.
size_t RawOffset(std::string_view raw, size_t folded_pos) {
  size_t i = 0, folded = 0;
  while (i < raw.size() && folded < folded_pos) {
    size_t len = Utf8SequenceAt(raw, i);
    if (len == 0) len = 1;
    folded += FoldTyped(raw.substr(i, len)).size();
    i += len;
  }
  return i;
}

// The folded offset of the raw value's byte offset `raw_pos` (npos stays npos).
size_t RawFolded(std::string_view raw, size_t raw_pos) {
  return raw_pos == std::string_view::npos ? raw_pos : FoldForSearch(raw.substr(0, raw_pos)).size();
}

std::string Snippet(std::string_view raw, size_t folded_pos) {
  constexpr int kWidth = 60, kBefore = 20;
  size_t at = RawOffset(raw, folded_pos);
  // Start some columns before the match, on a character boundary.
  size_t start = at;
  int back = 0;
  while (start > 0 && back < kBefore) {
    --start;
    while (start > 0 && (static_cast<unsigned char>(raw[start]) & 0xC0) == 0x80) --start;
    back += DisplayWidth(raw.substr(start, Utf8SequenceAt(raw, start)));
  }
  std::string line(raw.substr(start));
  std::replace(line.begin(), line.end(), '\n', ' ');
  std::string cut = Truncate(line, kWidth);
  return start > 0 ? "…" + cut : cut;
}

}  // namespace

namespace {

// The query, folded, with its Boyer-Moore-Horspool table made once for the
// whole scan (a Chinese query's first byte is in nearly every character of
// a Chinese text: a plain find would stop at each).
class Needle {
 public:
  explicit Needle(std::string_view folded)
      : folded_(folded), raw_(AllNonAscii(folded_)), bmh_(folded_.begin(), folded_.end()) {}
  Needle(const Needle&) = delete;
  Needle& operator=(const Needle&) = delete;

  // Whether a summary's encoded bytes may hold the query: its text is in
  // them as written (a length, then the bytes), so folding them folds it.
  bool Maybe(std::string_view encoded) const {
    if (raw_) return In(encoded);
    thread_local std::string folded;
    FoldInto(encoded, &folded);
    return In(folded);
  }

  std::vector<SearchMatch> Matches(const TicketSummary& t) const {
    std::vector<SearchMatch> out;
    if (folded_.empty()) return out;
    // A query of no ASCII character (Chinese) is found in the folded text
    // exactly where it is in the text as written: folding only turns
    // sequences into ASCII, and the query holds none it would fold.
    if (raw_) {
      if (!In(t.text)) return out;
    } else {
      thread_local std::string all;
      FoldInto(t.text, &all);
      if (!In(all)) return out;
    }
    std::string_view text = t.text;
    while (!text.empty()) {
      size_t end = text.find('\x1e');
      std::string_view entry = text.substr(0, end);
      text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
      size_t sep = entry.find('\x1f');
      if (sep == std::string_view::npos) continue;
      std::string_view value = entry.substr(sep + 1);
      size_t pos =
          raw_ ? RawFolded(value, value.find(folded_)) : FoldForSearch(value).find(folded_);
      if (pos == std::string::npos) continue;
      out.push_back({std::string(entry.substr(0, sep)), std::string(value), Snippet(value, pos)});
    }
    return out;
  }

 private:
  bool In(std::string_view hay) const {
    return std::search(hay.begin(), hay.end(), bmh_) != hay.end();
  }

  std::string folded_;
  bool raw_;
  std::boyer_moore_horspool_searcher<std::string::const_iterator> bmh_;
};

}  // namespace

std::vector<SearchMatch> SearchSummary(const TicketSummary& t, std::string_view folded) {
  return Needle(folded).Matches(t);
}

Status SearchTickets(
    const Store& store, const Time& now, std::string_view text, const TicketQuery& q,
    const ScanOptions& options, const std::function<void(const Status&)>& unreadable,
    const std::function<void(const TicketSummary&, const std::vector<SearchMatch>&)>& fn) {
  std::string folded = FoldForSearch(Trim(text));
  if (folded.empty()) return Status::InvalidArgument(_("search: give the text to look for"));
  const Needle needle(folded);
  ScanOptions scan = options;
  scan.maybe = [&needle](std::string_view encoded) { return needle.Maybe(encoded); };
  return ScanSummaries(
      store, now, scan,
      [&](const Store::Entry&, const TicketSummary& t) {
        if (!t.opened || !QueryMatches(q, t)) return;
        std::vector<SearchMatch> m = needle.Matches(t);
        if (!m.empty()) fn(t, m);
      },
      unreadable);
}

Status DeskStatus(const Store& store, const Time& now, const ScanOptions& options, int worst,
                  const std::function<void(const Status&)>& unreadable, DeskDay* out) {
  *out = DeskDay{};
  int offset = store.config().offset_minutes;
  Date today = LocalDate(InOffset(now, offset));
  Time start_today = StartOfDay(today, offset);
  Time start_yesterday = StartOfDay(DateFromDays(DaysFromDate(today) - 1), offset);
  out->end_of_today = StartOfDay(DateFromDays(DaysFromDate(today) + 1), offset);
  // The tickets by state: a closed or void ticket received before yesterday
  // is counted from the head of its summary alone.
  ScanOptions scan = options;
  scan.wanted = [&](const SummaryHead& h) {
    return h.opened && ((!h.closed && !h.voided) || h.received >= start_yesterday.secs);
  };
  scan.skipped = [&](const SummaryHead& h) {
    if (!h.opened) return;
    ++out->by_status[static_cast<size_t>(h.voided ? TicketStatus::kVoid : TicketStatus::kClosed)];
  };
  SVC_RETURN_IF_ERROR(ScanSummaries(
      store, now, scan,
      [&](const Store::Entry&, const TicketSummary& t) {
        if (!t.opened) return;
        ++out->by_status[static_cast<size_t>(t.status)];
        if (t.received.secs >= start_today.secs && t.received.secs <= now.secs) {
          ++out->received_today;
        } else if (t.received.secs >= start_yesterday.secs && t.received.secs < start_today.secs) {
          ++out->received_yesterday;
        }
      },
      [&](const Status& e) {
        ++out->unreadable;
        unreadable(e);
      }));
  // The clocks: overdue, and due before today ends (overdue's own scan).
  DueFilter filter;
  filter.warn = Duration{std::max<int64_t>(1, out->end_of_today.secs - now.secs - 1)};
  DueList found;
  DueSummary summary;
  SVC_RETURN_IF_ERROR(FindDue(
      store, now, filter, options, [](const Status&) {}, &found, &summary));
  found.ForEach([&](const DueClock& d) {
    if (d.overdue) {
      ++out->overdue;
      if (static_cast<int>(out->worst.size()) < worst) out->worst.push_back(d);
    } else if (d.clock.deadline.secs < out->end_of_today.secs) {
      ++out->due_today;
      if (static_cast<int>(out->due.size()) < worst) out->due.push_back(d);
    }
  });
  return Status::OK();
}

}  // namespace svc
