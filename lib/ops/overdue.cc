#include "ops/overdue.h"

#include <algorithm>
#include <cstring>
#include <tuple>

#include "rules/summary.h"

namespace svc {
namespace {

constexpr size_t kBlock = 1 << 20;

void PutTime(std::string* out, const Time& t) {
  char raw[12];
  std::memcpy(raw, &t.secs, 8);
  auto offset = static_cast<int32_t>(t.offset_minutes);
  std::memcpy(raw + 8, &offset, 4);
  out->append(raw, sizeof raw);
}

void PutText(std::string* out, std::string_view s) {
  PutVarint(out, s.size());
  out->append(s);
}

// Reads what PutTime and PutText wrote (the list wrote it: never damaged).
Time GetTime(std::string_view* in) {
  Time t;
  int32_t offset = 0;
  std::memcpy(&t.secs, in->data(), 8);
  std::memcpy(&offset, in->data() + 8, 4);
  t.offset_minutes = offset;
  in->remove_prefix(12);
  return t;
}

std::string GetText(std::string_view* in) {
  uint64_t n = 0;
  GetVarint(in, &n);
  std::string s(in->substr(0, n));
  in->remove_prefix(n);
  return s;
}

}  // namespace

void DueList::Add(const DueClock& d) {
  std::string e;
  PutText(&e, d.id);
  PutText(&e, d.clock.name);
  PutText(&e, d.clock.record);
  PutText(&e, d.clock.clause);
  PutTime(&e, d.clock.start);
  PutVarint(&e, static_cast<uint64_t>(d.clock.target.secs));
  PutTime(&e, d.clock.deadline);
  e += d.clock.stop ? '1' : '0';
  if (d.clock.stop) PutTime(&e, *d.clock.stop);
  e += static_cast<char>(d.clock.state);
  e += d.overdue ? '1' : '0';
  PutText(&e, d.route);
  PutText(&e, d.via);
  PutText(&e, d.customer);
  PutVarint(&e, static_cast<uint64_t>(d.level));
  if (blocks_.empty() || blocks_.back().size() + e.size() > kBlock) {
    blocks_.emplace_back();
    blocks_.back().reserve(std::max(kBlock, e.size()));
  }
  keys_.push_back(Key{d.clock.deadline.secs, static_cast<uint32_t>(blocks_.size() - 1),
                      static_cast<uint32_t>(blocks_.back().size())});
  blocks_.back() += e;
}

void DueList::Sort() {
  // Block and offset grow in the order clocks were added: sorting by them
  // second keeps that order among equal deadlines.
  std::sort(keys_.begin(), keys_.end(), [](const Key& a, const Key& b) {
    return std::tie(a.deadline, a.block, a.offset) < std::tie(b.deadline, b.block, b.offset);
  });
}

void DueList::ForEach(const std::function<void(const DueClock&)>& fn) const {
  DueClock d;
  for (const Key& k : keys_) {
    std::string_view in(blocks_[k.block]);
    in.remove_prefix(k.offset);
    d.id = GetText(&in);
    d.clock.name = GetText(&in);
    d.clock.record = GetText(&in);
    d.clock.clause = GetText(&in);
    d.clock.start = GetTime(&in);
    uint64_t n = 0;
    GetVarint(&in, &n);
    d.clock.target = Duration{static_cast<int64_t>(n)};
    d.clock.deadline = GetTime(&in);
    bool stopped = in.front() == '1';
    in.remove_prefix(1);
    d.clock.stop.reset();
    if (stopped) d.clock.stop = GetTime(&in);
    d.clock.state = static_cast<ClockState>(in.front());
    d.overdue = in[1] == '1';
    in.remove_prefix(2);
    d.route = GetText(&in);
    d.via = GetText(&in);
    d.customer = GetText(&in);
    GetVarint(&in, &n);
    d.level = static_cast<int>(n);
    fn(d);
  }
}

Status FindDue(const Store& store, const Time& now, const DueFilter& filter,
               const ScanOptions& options, const std::function<void(const Status&)>& unreadable,
               DueList* out, DueSummary* summary) {
  *summary = DueSummary{};
  *out = DueList();
  // Only a ticket with a clock still running can be due or overdue: the
  // others (most of a store: closed and surveyed) are only counted.
  ScanOptions scan = options;
  scan.wanted = [](const SummaryHead& h) { return h.opened && !h.voided && h.running; };
  scan.skipped = [&](const SummaryHead& h) {
    if (h.opened && !h.voided) ++summary->tickets;
  };
  SVC_RETURN_IF_ERROR(ScanSummaries(
      store, now, scan,
      [&](const Store::Entry&, const TicketSummary& t) {
        if (!t.opened || t.voided) return;
        ++summary->tickets;
        if (!filter.via.empty() && t.via != filter.via) return;
        if (!filter.route.empty() && t.route != filter.route) return;
        if (filter.level && t.level != filter.level) return;
        for (const Clock& c : t.clocks) {
          if (!filter.clock.empty() && c.name != filter.clock) continue;
          ClockState state = StateAt(c, now);
          bool overdue = state == ClockState::kOverdue;
          bool due = state == ClockState::kRunning && filter.warn.secs > 0 &&
                     c.deadline.secs - now.secs <= filter.warn.secs;
          if (!overdue && !due) continue;
          ++(overdue ? summary->overdue : summary->due);
          Clock found = c;
          found.state = state;
          out->Add(DueClock{t.id, std::move(found), overdue, t.route, t.via, t.customer, t.level});
        }
      },
      [&](const Status& s) {
        ++summary->unreadable;
        unreadable(s);
      }));
  out->Sort();
  return Status::OK();
}

}  // namespace svc
