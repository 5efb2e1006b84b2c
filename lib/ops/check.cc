#include "ops/check.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <optional>
#include <set>
#include <thread>
#include <tuple>
#include <vector>

#include "base/i18n.h"
#include "base/text.h"
#include "format/fast_reader.h"
#include "format/record_toml.h"
#include "format/ticket_toml.h"
#include "model/annual_plan.h"
#include "model/customer.h"
#include "model/finance.h"
#include "model/form.h"
#include "model/nonconformity.h"
#include "model/values.h"
#include "model/visit.h"
#include "model/vocabulary.h"
#include "ops/workflow.h"
#include "rules/annual_plan.h"
#include "rules/authority.h"
#include "rules/customer.h"
#include "rules/finance.h"
#include "rules/state.h"
#include "storage/recovery.h"

namespace svc {
namespace {

// 1-based line of the first line of `text` starting with `prefix`, or 1.
int LineOf(std::string_view text, std::string_view prefix, int nth = 1) {
  int line = 1;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    if (text.substr(pos, end - pos).starts_with(prefix) && --nth == 0) return line;
    pos = end + 1;
    ++line;
  }
  return 1;
}

// How many lines of `text` start with `prefix`.
int Count(std::string_view text, std::string_view prefix) {
  int n = 0;
  for (std::string_view line : Split(text, '\n')) n += line.starts_with(prefix);
  return n;
}

// 1-based line of the first line starting with `prefix` after line `from`
// (a table's heading line), or `from` when there is none.
int LineAfter(std::string_view text, int from, std::string_view prefix) {
  int line = 1;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    if (line > from && text.substr(pos, end - pos).starts_with("[")) return from;
    if (line > from && text.substr(pos, end - pos).starts_with(prefix)) return line;
    pos = end + 1;
    ++line;
  }
  return from;
}

int FirstDifferentLine(std::string_view a, std::string_view b) {
  int line = 1;
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return line;
    if (a[i] == '\n') ++line;
  }
  return line;
}

using MonthKey = std::tuple<std::string, int, int>;  // code, year, month

// What the check keeps of each file to judge the files against each other
// (numbers, claims on outbound records) takes a few bytes: a million
// tickets must not cost a million strings. A file at its number's own path
// (nearly every one) is file 0; any other's path is kept aside.
struct Held {
  uint32_t seq;   // the number's sequence
  uint32_t file;  // 0: at its own path; else Names::File
};

struct Numbering {
  std::vector<Held> held;  // in file order
  int width = 2;
};

// An outbound record a ticket filed, kept under its month.
struct Claim {
  uint32_t seq;
  uint32_t file;    // the ticket's file: 0 at its own path
  uint64_t ticket;  // Names::Ticket
  uint8_t width = 2;
  bool registered = false;
};

// Ticket numbers in 8 bytes (the code's place in a table, year, month,
// width, sequence), and the files not at their own path.
class Names {
 public:
  uint64_t Ticket(const std::string& id) {
    DocNumber n;
    if (ParseDocNumber(id, &n).ok() && n.seq < (1 << 24) && n.width < 256) {
      auto [it, added] = codes_.emplace(n.code, static_cast<uint32_t>(code_names_.size()));
      if (added) code_names_.push_back(n.code);
      if (it->second < 0x7FFF) {
        return uint64_t{it->second} << 48 | uint64_t(n.year - 2000) << 40 |
               uint64_t(n.month) << 32 | uint64_t(n.width) << 24 | uint64_t(n.seq);
      }
    }
    aside_.push_back(id);
    return kAside | (aside_.size() - 1);
  }
  std::string TicketId(uint64_t v) const {
    if (v & kAside) return aside_[v & ~kAside];
    return DocNumber{code_names_[v >> 48], static_cast<int>((v >> 40) & 0xFF) + 2000,
                     static_cast<int>((v >> 32) & 0xFF), static_cast<int>(v & 0xFFFFFF),
                     static_cast<int>((v >> 24) & 0xFF)}
        .str();
  }
  uint32_t File(const std::string& file) {
    if (file.empty()) return 0;
    files_.push_back(file);
    return static_cast<uint32_t>(files_.size());
  }
  const std::string& FileName(uint32_t f) const {
    static const std::string kOwn;
    return f ? files_[f - 1] : kOwn;
  }

 private:
  static constexpr uint64_t kAside = uint64_t{1} << 63;
  std::map<std::string, uint32_t> codes_;
  std::vector<std::string> code_names_, aside_, files_;
};

struct Found;

class Checker {
 public:
  Checker(const Store& store, const std::function<void(const Problem&)>& report,
          CheckSummary* summary)
      : store_(store), report_(report), summary_(summary) {}

  void Apply(Found f);
  Status Registry(const Store::Entry& entry);
  void Unregistered();
  void Numbers(const std::map<MonthKey, Numbering>& numbers, bool tickets);
  const std::map<MonthKey, Numbering>& ticket_numbers() const { return numbers_; }
  const std::map<MonthKey, Numbering>& record_numbers() const { return record_numbers_; }
  // each ticket naming an item of the annual plan and each item the
  // plans show served agree (a crash between the two writes of `svc open
  // --annual-plan` is completed by recovery; a hand edit is not).
  Status PlanItems(const std::optional<Time>& as_of);

 private:
  // What a number of the registry outbound/ is: a warehousing receipt (its
  // code is svc.toml's [numbers] receipt) or an outbound record.
  std::string_view Noun(std::string_view number) const {
    DocNumber n;
    return ParseDocNumber(number, &n).ok() && n.code == store_.config().receipt_code
               ? _("warehousing receipt")
               : _("outbound record");
  }
  struct PlanRef {
    std::string ticket, file;
    int line = 0;
  };
  std::map<std::string, std::vector<PlanRef>> plan_refs_;  // "2026:3" -> the tickets naming it

  // "" for `file` when it is the own path of number `n` (a ticket's or an
  // outbound record's), else `file`; Path gives it back.
  std::string Own(const std::string& file, const std::optional<DocNumber>& n, bool ticket) const {
    return n && file == Path(*n, "", ticket) ? std::string() : file;
  }
  std::string Path(const DocNumber& n, const std::string& file, bool ticket) const {
    return !file.empty() ? file : store_.Abs(ticket ? TicketPath(n) : OutboundPath(n));
  }
  std::string Path(const DocNumber& n, uint32_t file, bool ticket) const {
    return Path(n, names_.FileName(file), ticket);
  }
  // The claim on outbound record `record`, made when `make` (*added then
  // says whether it is new); nullptr when there is none.
  Claim* FindClaim(const std::string& record, bool make, bool* added = nullptr);
  void Report(const std::string& file, int line, std::string message) {
    ++summary_->problems;
    report_(Problem{file, line, 0, std::move(message), {}});
  }

  const Store& store_;
  const std::function<void(const Problem&)>& report_;
  CheckSummary* summary_;
  Names names_;
  std::map<MonthKey, Numbering> numbers_;
  std::map<MonthKey, Numbering> record_numbers_;
  // Outbound records filed by a ticket, by month and sequence (a number
  // that does not parse: by its text); each month's kept sorted.
  std::map<MonthKey, std::vector<Claim>> claims_;
  std::map<std::string, Claim> odd_claims_;
  std::set<std::string> filed_later_;  // as of a moment: records filed after it
  std::set<std::string> invalid_;      // tickets whose history does not replay
};

Claim* Checker::FindClaim(const std::string& record, bool make, bool* added) {
  if (added) *added = false;
  DocNumber n;
  if (!ParseDocNumber(record, &n).ok()) {
    auto it = odd_claims_.find(record);
    if (it == odd_claims_.end() && make) {
      it = odd_claims_.emplace(record, Claim{}).first;
      if (added) *added = true;
    }
    return it == odd_claims_.end() ? nullptr : &it->second;
  }
  auto month = claims_.find({n.code, n.year, n.month});
  if (month == claims_.end()) {
    if (!make) return nullptr;
    month = claims_.emplace(MonthKey{n.code, n.year, n.month}, std::vector<Claim>()).first;
  }
  std::vector<Claim>& v = month->second;
  auto seq = static_cast<uint32_t>(n.seq);
  auto it = std::lower_bound(v.begin(), v.end(), seq,
                             [](const Claim& c, uint32_t s) { return c.seq < s; });
  if (it != v.end() && it->seq == seq) return &*it;
  if (!make) return nullptr;
  if (added) *added = true;
  return &*v.insert(it, Claim{seq, 0, 0, static_cast<uint8_t>(std::min(n.width, 255)), false});
}

// What one ticket file shows, found on any thread: its problems and the
// outbound records it claims, in the order found, and its number. Apply
// judges the claims and numbers against the other files, in file order.
struct Found {
  struct Item {
    Problem problem;
    std::string record;  // not empty: a claim on this outbound record (problem.line: where)
  };
  std::string file;
  bool ticket = false;  // counted as a ticket file (not a stray)
  std::vector<Item> items;
  std::optional<DocNumber> number;  // the number the file takes
  std::string id;                   // the ticket's own id (for its claims)
  bool invalid = false;             // its history does not replay
  std::vector<std::string> later;   // as of a moment: records it filed after it
  int unverified_approvals = 0;     // approvals no [[staff]] list could verify
  std::string annual_plan;          // the plan item it names ("2026:3"), if any
  int annual_plan_line = 0;
};

// each approval (in the records as of `as_of`) by someone [[staff]]
// gives the role (rules/authority.h); with no staff listed, only counted.
void CheckApprovals(const Ticket& t, const Config& config, const std::optional<Time>& as_of,
                    std::string_view text, Found* f) {
  int nth = 0;
  for (const Event& e : t.events) {
    if (!e.Is("approve")) continue;
    ++nth;
    if (as_of && !InRecordsAt(e, *as_of)) continue;
    // The customer's endorsement is the customer's: no staff role to verify.
    if (e.View("role") == word::kCustomer) continue;
    if (config.staff.empty()) {
      ++f->unverified_approvals;
      continue;
    }
    Status s = MayApprove(config, e.actor, e.Str("role"), RouteAt(t, config, e.at));
    if (s.ok()) continue;
    int line = LineOf(text, "action = \"approve\"", nth);
    f->items.push_back(Found::Item{
        Problem{f->file, line, 0, Refusal(t, e, s.message(), config.offset_minutes).message(), {}},
        ""});
  }
}

// The values of `t` as a user may give them (model/values.h, model/form.h):
// readable text, newlines only in fields that may span lines, a customer's
// name; each event dated at most a day after `present` (clocks of two clones
// may differ that much; more is a date no one could have written). One
// problem per field.
void CheckValues(const Ticket& t, std::string_view text, const std::optional<Time>& present,
                 int offset_minutes, Found* f) {
  auto report = [&](int line, std::string message) {
    f->items.push_back(Found::Item{Problem{f->file, line, 0, std::move(message), {}}, ""});
  };
  CheckFormFields(t, [&](const Status& s) {
    const FormField* field = FindFormField(s.field());
    std::string_view key = field ? field->key : std::string_view();
    int line = 1;
    if (size_t space = key.find("] "); key.starts_with("[") && space != std::string_view::npos) {
      line = LineAfter(text, LineOf(text, key.substr(0, space + 1)),
                       fmt::format("{} =", key.substr(space + 2)));
    }
    report(line, s.message());
  });
  for (size_t i = 0; i < t.events.size(); ++i) {
    const Event& e = t.events[i];
    int at = LineOf(text, "[[event]]", static_cast<int>(i) + 1);
    CheckEventTexts(e, [&](const Status& s) {
      report(LineAfter(text, at, fmt::format("{} =", s.field())), s.message());
    });
    if (present && EnteredSecs(e) > present->secs + 86400) {
      report(at, TrF("the '{}' event is dated {}, more than a day after the check's "
                     "moment {}",
                     e.action, FormatTimeIn(Time{EnteredSecs(e), 0}, offset_minutes),
                     FormatTimeIn(*present, offset_minutes)));
    }
  }
}

// The months written off: year and month -> when, and the number.
using WrittenOff = std::map<std::pair<int, int>, std::pair<Time, std::string>>;

// Every write-off file's month (those that cannot be read are CheckRecordKind's).
WrittenOff WrittenOffMonths(const Store& store) {
  WrittenOff out;
  (void)store.ForEachFile(
      [&](const Store::Entry& e) {
        Record r;
        if (e.stray || !e.numbered || !store.LoadRecord(WriteoffKind(), e.number.str(), &r).ok()) {
          return Status::OK();
        }
        const Value* at = r.Find("at");
        if (at && std::holds_alternative<Time>(*at)) {
          out[{e.number.year, e.number.month}] = {std::get<Time>(*at), e.number.str()};
        }
        return Status::OK();
      },
      WriteoffKind().folder);
  return out;
}

Found Examine(const Store& store, const Store::Entry& entry, const std::optional<Time>& as_of,
              const std::optional<Time>& present, const WrittenOff& written_off) {
  Found f;
  f.file = store.Abs(entry.rel);
  const std::string& file = f.file;
  auto report = [&](int line, std::string message) {
    f.items.push_back(Found::Item{Problem{file, line, 0, std::move(message), {}}, ""});
  };
  if (entry.stray) {
    report(0,
           _("not a ticket file: svc keeps only CODE-yy-mm-NN.toml files in YYYY/MM folders here"));
    return f;
  }
  f.ticket = true;
  std::string text;
  Status s = store.disk()->ReadFile(file, &text);
  if (!s.ok()) {
    report(0, s.message());
    return f;
  }
  svc::Ticket t;
  // The fast reader where it can; toml++ names the line of any error.
  s = ReadTicket(text, file, &t);
  if (!s.ok()) {
    f.items.push_back(Found::Item{ProblemFromStatus(s, file), ""});
    // The number is taken by the file even though it cannot be read: no gap.
    if (entry.numbered) f.number = entry.number;
    return f;
  }
  const Config& config = store.config();
  CheckValues(t, text, present, config.offset_minutes, &f);
  DocNumber id;
  s = ParseDocNumber(t.id, &id);
  if (!s.ok()) {
    report(LineOf(text, "id ="), s.message());
    return f;
  }
  f.id = t.id;
  std::string want = TicketPath(id);
  if (want != entry.rel) {
    report(LineOf(text, "id ="),
           TrF("the file holds ticket {}, which belongs in {}", t.id, store.Abs(want)));
  }
  f.number = id;
  if (!config.FindDepartment(t.via)) {
    report(LineOf(text, "via ="), TrF("'{}' is no department code in svc.toml", t.via));
  }
  if (id.code != t.via) {
    report(LineOf(text, "via ="),
           TrF("the number {} does not carry the receiving department's code '{}'", t.id, t.via));
  }
  Date month = LocalDate(InOffset(t.received, config.offset_minutes));
  if (month.year != id.year || month.month != id.month) {
    report(LineOf(text, "received ="),
           TrF("received {} is in {:04}-{:02}, but the number {} is of {:04}-{:02}",
               FormatTimeIn(t.received, config.offset_minutes), month.year, month.month, t.id,
               id.year, id.month));
  }
  if (t.events.empty() || t.events.front().action != "open") {
    report(LineOf(text, "[[event]]"), _("the history does not start with the 'open' event"));
  } else if (t.events.front().at.secs < t.received.secs) {
    report(LineOf(text, "received ="),
           TrF("received {} is later than the form was filled ({})",
               FormatTimeIn(t.received, config.offset_minutes),
               FormatTimeIn(t.events.front().at, config.offset_minutes)));
  }
  TicketState state;
  size_t failed = 0;
  s = Fold(t, config, as_of, &state, &failed);
  if (!s.ok()) {
    // The refused event's own table (the history is read in file order).
    report(LineOf(text, "[[event]]", static_cast<int>(failed) + 1), s.message());
    f.invalid = true;  // its records are unknown: claims on them are not judged
  }
  CheckApprovals(t, config, as_of, text, &f);
  // an expense dated in a month written off, entered after the
  // write-off (svc refuses it; a merge of another clone's history may bring
  // one): it is in no write-off.
  for (size_t i = 0; !written_off.empty() && i < t.events.size(); ++i) {
    const Event& e = t.events[i];
    if (!e.Is("expense")) continue;
    Month m = MonthOf(e.at, config.offset_minutes);
    auto it = written_off.find({m.year, m.month});
    if (it == written_off.end() || EnteredSecs(e) <= it->second.first.secs) continue;
    report(LineOf(text, "[[event]]", static_cast<int>(i) + 1),
           TrF("an expense dated {} was entered after {} was written off ({} at {}): it "
               "is in no write-off",
               FormatTimeIn(e.at, config.offset_minutes), m.str(), it->second.second,
               FormatTimeIn(it->second.first, config.offset_minutes)));
  }
  if (as_of) {
    for (const Event& e : t.events) {
      if (e.Is("dispatch") && !InRecordsAt(e, *as_of)) f.later.push_back(e.Str("record"));
      if (e.Is("warehouse") && !e.View("receipt").empty() && !InRecordsAt(e, *as_of)) {
        f.later.push_back(e.Str("receipt"));
      }
    }
  }
  Quote quote;
  bool same = false;
  if (state.quote) {
    Status q = RecomputeQuote(*state.quote, config, &quote, &same);
    if (!q.ok()) {
      report(LineOf(text, "schedule ="), q.message());
      f.items.back().problem.cause = q;
    } else if (!same) {
      report(LineOf(text, "total =", Count(text, "total =")),
             TrF("the quote no longer recomputes to its total {} (the fee schedule of {} "
                 "gives {}): was the schedule changed after it was used?",
                 FormatMoney(state.quote->total), FormatDate(state.quote->schedule),
                 FormatMoney(quote.total)));
    }
  }
  for (const auto& r : state.records) {
    f.items.push_back(
        Found::Item{Problem{file, LineOf(text, "record = \"" + r.number), 0, "", {}}, r.number});
  }
  // R-4.5.3.1: the warehousing receipts' numbers, from the same registry:
  // every booking's, also the later of two clones' bookings of one record
  // (its receipt was taken, and stays taken, though the first one stands).
  for (const auto& r : state.records) {
    for (const std::string& receipt : r.receipts) {
      f.items.push_back(
          Found::Item{Problem{file, LineOf(text, "receipt = \"" + receipt), 0, "", {}}, receipt});
    }
  }
  if (!t.annual_plan.empty() &&
      (!as_of || (!t.events.empty() && InRecordsAt(t.events.front(), *as_of)))) {
    f.annual_plan = t.annual_plan;
    f.annual_plan_line = LineOf(text, "annual_plan =");
  }
  std::string canonical = WriteTicket(t);
  if (canonical != text) {
    report(
        FirstDifferentLine(canonical, text),
        _("not in svc's canonical form (edited by hand?): svc would write this line differently"));
  }
  return f;
}

void Checker::Apply(Found f) {
  if (f.ticket) ++summary_->files;
  summary_->unverified_approvals += f.unverified_approvals;
  for (std::string& record : f.later) filed_later_.insert(std::move(record));
  for (Found::Item& item : f.items) {
    if (item.record.empty()) {
      ++summary_->problems;
      report_(item.problem);
      continue;
    }
    bool added = false;
    Claim* claim = FindClaim(item.record, true, &added);
    if (!added) {
      Report(f.file, item.problem.line,
             TrF("{} {} is also filed by {} (two clones took it offline: 'svc renumber "
                 "{}' gives the one that took it later the next free number)",
                 Noun(item.record), item.record, names_.TicketId(claim->ticket), item.record));
      continue;
    }
    claim->ticket = names_.Ticket(f.id);
    claim->file = names_.File(Own(f.file, f.number, true));
  }
  if (f.number) {
    const DocNumber& n = *f.number;
    Numbering& numbering = numbers_[{n.code, n.year, n.month}];
    numbering.held.push_back(
        Held{static_cast<uint32_t>(n.seq), names_.File(Own(f.file, f.number, true))});
    numbering.width = n.width;
  }
  if (f.invalid) invalid_.insert(f.id);
  if (!f.annual_plan.empty()) {
    plan_refs_[f.annual_plan].push_back(PlanRef{f.id, f.file, f.annual_plan_line});
  }
}

Status Checker::PlanItems(const std::optional<Time>& as_of) {
  std::vector<std::string> names;
  bool exists = false;
  SVC_RETURN_IF_ERROR(
      store_.disk()->ListDir(store_.Abs(std::string(PlanKind().folder)), &names, &exists));
  std::map<std::string, std::string> served;  // "2026:3" -> the ticket the plan names
  std::map<std::string, std::string> files;   // "2026" -> its file, for the plans read
  for (const std::string& name : names) {
    if (!IsRecordFileName(name)) continue;
    std::string year = name.substr(0, name.size() - 5);  // "2026.toml"
    std::string rel;
    if (!RecordPath(PlanKind(), year, &rel).ok()) continue;
    Record r;
    PlanState st;
    // A plan that cannot be read or replayed is CheckRecordKind's to report.
    if (!store_.LoadRecord(PlanKind(), year, &r).ok() || !FoldPlan(r, as_of, &st).ok()) {
      continue;
    }
    files[year] = store_.Abs(rel);
    std::string text;
    (void)store_.disk()->ReadFile(store_.Abs(rel), &text);
    for (const PlanItem& it : st.items) {
      if (it.ticket.empty()) continue;
      std::string ref = PlanItemRef(year, it.n);
      served[ref] = it.ticket;
      auto named = plan_refs_.find(ref);
      bool agrees = named != plan_refs_.end() &&
                    std::any_of(named->second.begin(), named->second.end(),
                                [&](const PlanRef& p) { return p.ticket == it.ticket; });
      if (!agrees) {
        Report(store_.Abs(rel), LineOf(text, fmt::format("ticket = \"{}\"", it.ticket)),
               TrF("item {} is served by {}, which does not name it (annual_plan = "
                   "\"{}\" in its header)",
                   ref, it.ticket, ref));
      }
    }
  }
  for (const auto& [ref, tickets] : plan_refs_) {
    auto it = served.find(ref);
    for (const PlanRef& p : tickets) {
      if (it != served.end() && it->second == p.ticket) continue;
      Report(p.file, p.line,
             TrF("the ticket names item {} of the annual plan, which does not show it "
                 "served by the ticket{}",
                 ref, it != served.end() ? TrF(" (it shows {})", it->second) : std::string()));
    }
  }
  return Status::OK();
}

Status Checker::Registry(const Store::Entry& entry) {
  std::string file = store_.Abs(entry.rel);
  if (entry.stray) {
    Report(file, 0,
           _("not an outbound record entry: svc keeps only CODE-yy-mm-NN.toml files in YYYY/MM "
             "folders here"));
    return Status::OK();
  }
  std::string text;
  Status s = store_.disk()->ReadFile(file, &text);
  OutboundEntry e;
  if (s.ok()) s = ParseOutboundEntry(text, file, &e);
  if (!s.ok()) {
    ++summary_->problems;
    report_(ProblemFromStatus(s, file));
    return Status::OK();
  }
  if (IsDuplicatePath(entry.rel)) {
    // The other clone's entry, set aside by the merge (ops/merge_file.h).
    Report(file, LineOf(text, "ticket ="),
           TrF("duplicate number {}: a merge set this entry ({}) aside; 'svc renumber {}' "
               "gives the ticket that took it later the next free number",
               e.record, e.ticket, e.record));
    return Status::OK();
  }
  DocNumber n;
  s = ParseDocNumber(e.record, &n);
  if (!s.ok()) {
    Report(file, LineOf(text, "record ="), s.message());
    return Status::OK();
  }
  if (OutboundPath(n) != entry.rel) {
    Report(file, LineOf(text, "record ="),
           TrF("the entry is for {}, which belongs in {}", e.record, store_.Abs(OutboundPath(n))));
  }
  Numbering& numbering = record_numbers_[{n.code, n.year, n.month}];
  numbering.held.push_back(Held{static_cast<uint32_t>(n.seq), names_.File(Own(file, n, false))});
  numbering.width = n.width;
  Claim* claim = FindClaim(e.record, false);
  if (e.abandoned) {
    // Kept as abandoned (storage/recovery.h): the number is taken, and no ticket may file it.
    if (claim) {
      claim->registered = true;  // (not also "has no registry entry")
      Report(file, LineOf(text, "abandoned ="),
             TrF("{} {} is kept as abandoned, but {} filed it", Noun(e.record), e.record,
                 names_.TicketId(claim->ticket)));
    }
    return Status::OK();
  }
  if (invalid_.count(e.ticket)) return Status::OK();
  if (!claim && filed_later_.count(e.record)) return Status::OK();  // after as_of
  if (!claim || names_.TicketId(claim->ticket) != e.ticket) {
    Report(file, LineOf(text, "ticket ="),
           TrF("{} {} is registered to {}, but that ticket did not file it", Noun(e.record),
               e.record, e.ticket));
  } else {
    claim->registered = true;
  }
  return Status::OK();
}

void Checker::Unregistered() {
  auto report = [&](const std::string& record, const std::string& where, const Claim& c) {
    std::string ticket = names_.TicketId(c.ticket);
    DocNumber t;
    std::string file =
        ParseDocNumber(ticket, &t).ok() ? Path(t, c.file, true) : names_.FileName(c.file);
    Report(file, 1, TrF("{} {} has no registry entry {}", Noun(record), record, where));
  };
  for (const auto& [key, claims] : claims_) {
    const auto& [code, year, month] = key;
    for (const Claim& c : claims) {
      if (c.registered) continue;
      DocNumber n{code, year, month, static_cast<int>(c.seq), c.width};
      report(n.str(), store_.Abs(OutboundPath(n)), c);
    }
  }
  for (const auto& [record, c] : odd_claims_) {
    if (!c.registered) report(record, record, c);
  }
}

void Checker::Numbers(const std::map<MonthKey, Numbering>& numbers, bool tickets) {
  for (const auto& [key, numbering] : numbers) {
    const auto& [code, year, month] = key;
    // The files holding each number, in file order.
    std::vector<Held> held = numbering.held;
    std::stable_sort(held.begin(), held.end(),
                     [](const Held& a, const Held& b) { return a.seq < b.seq; });
    int expect = 1;
    for (size_t at = 0; at < held.size();) {
      int seq = static_cast<int>(held[at].seq);
      std::vector<uint32_t> files;
      for (; at < held.size() && static_cast<int>(held[at].seq) == seq; ++at) {
        files.push_back(held[at].file);
      }
      DocNumber n{code, year, month, seq, numbering.width};
      for (; expect < seq; ++expect) {
        DocNumber missing = n;
        missing.seq = expect;
        Report(Path(n, files.front(), tickets), 1,
               TrF("gap in {}'s numbers for {:04}-{:02}: {} is missing before {}", code, year,
                   month, missing.str(), n.str()));
      }
      expect = seq + 1;
      for (size_t i = 1; i < files.size(); ++i) {
        Report(
            Path(n, files[i], tickets), 1,
            TrF("duplicate number {}: also held by {}{}", n.str(), Path(n, files.front(), tickets),
                tickets ? TrF(" ('svc renumber {}' gives the newer receipt the "
                              "next free number)",
                              n.str())
                        : ""));
      }
    }
  }
}

}  // namespace

namespace {

// b: a unit of equipment is registered to one customer only. `units`
// holds each serial seen in the files before (serial -> the customer's code).
template <typename Report>
void CheckSerials(const Record& r, const std::string& file, std::string_view text,
                  std::map<std::string, std::string>* units, const Report& problem) {
  CustomerState st;
  if (!FoldCustomer(r, std::nullopt, &st).ok()) return;
  for (const Unit& u : st.units) {
    auto [it, added] = units->emplace(u.serial, st.code);
    if (added || it->second == st.code) continue;
    problem(file, LineOf(text, fmt::format("serial = \"{}\"", u.serial)),
            TrF("the serial number {} is registered to {} too: a unit belongs to one "
                "customer",
                u.serial, it->second));
  }
}

// R-4.5.3.1: the ticket a nonconformity report comes from is on file, and
// the outbound record it names is one of that ticket's. A ticket that cannot
// be read or replayed is the ticket check's to report.
template <typename Report>
void CheckNonconformityTicket(const Store& store, const Record& r, const std::string& file,
                              std::string_view text, const Report& problem) {
  std::string id(r.View("ticket"));
  Ticket t;
  Status s = store.Load(id, &t);
  if (s.code() == Status::Code::kNotFound || s.code() == Status::Code::kInvalidArgument) {
    problem(file, LineOf(text, "ticket ="),
            TrF("the report comes from ticket '{}', which is not on file", id));
    return;
  }
  std::string record(r.View("record"));
  TicketState st;
  if (!s.ok() || record.empty() || !Fold(t, store.config(), std::nullopt, &st).ok()) return;
  for (const OutboundRecord& o : st.records) {
    if (o.number == record) return;
  }
  problem(file, LineOf(text, "record ="),
          TrF("the report names outbound record '{}', which is none of {}'s", record, id));
}

}  // namespace

Status CheckRecordKind(const Store& store, const RecordKind& kind,
                       const std::function<void(const Problem&)>& report, CheckSummary* summary) {
  auto problem = [&](const std::string& file, int line, std::string message) {
    ++summary->problems;
    report(Problem{file, line, 0, std::move(message), {}});
  };
  std::vector<std::string> rels;
  if (kind.numbering == svc::Numbering::kMonthly) {
    SVC_RETURN_IF_ERROR(store.ForEachFile(
        [&](const Store::Entry& e) {
          if (e.stray) {
            problem(store.Abs(e.rel), 0, TrF("not a {} file", kind.name));
          } else {
            rels.push_back(e.rel);
          }
          return Status::OK();
        },
        kind.folder));
  } else {
    std::vector<std::string> names;
    bool exists = false;
    SVC_RETURN_IF_ERROR(
        store.disk()->ListDir(store.Abs(std::string(kind.folder)), &names, &exists));
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      if (IsHiddenName(name)) continue;
      std::string rel = KindFile(kind, name);
      if (!IsRecordFileName(name)) {
        problem(store.Abs(rel), 0, TrF("not a {} file", kind.name));
      } else {
        rels.push_back(rel);
      }
    }
  }
  std::map<int, std::string> serials;  // kSerial: number -> file, for gaps
  // kMonthly: code, year, month -> sequence -> number and file, for gaps.
  std::map<std::tuple<std::string, int, int>, std::map<int, std::pair<DocNumber, std::string>>>
      months;
  std::map<std::string, std::string> units;  // customers: serial -> "K0001 (file)"
  for (const std::string& rel : rels) {
    ++summary->files;
    std::string file = store.Abs(rel);
    std::string text;
    Status s = store.disk()->ReadFile(file, &text);
    Record r;
    if (s.ok()) s = ParseRecord(text, file, kind, &r);
    if (!s.ok()) {
      ++summary->problems;
      report(ProblemFromStatus(s, file));
      continue;
    }
    std::string want;
    s = RecordPath(kind, r.View("id"), &want);
    if (!s.ok()) {
      problem(file, LineOf(text, "id ="), s.message());
      continue;
    }
    if (want != rel && IsDuplicatePath(rel) && Dirname(want) == Dirname(rel)) {
      problem(file, LineOf(text, "id ="),
              TrF("duplicate number {}: a merge set this {} aside; 'svc renumber {}' "
                  "gives the newer of the two the next free number",
                  r.View("id"), kind.name, r.View("id")));
    } else if (want != rel) {
      problem(file, LineOf(text, "id ="),
              TrF("the file holds {} {}, which belongs in {}", kind.name, r.View("id"),
                  store.Abs(want)));
    }
    SerialNumber n;
    if (kind.numbering == svc::Numbering::kSerial &&
        ParseSerialNumber(kind.prefix, kind.width, r.View("id"), &n).ok()) {
      serials.emplace(n.seq, file);
    }
    DocNumber d;
    if (kind.numbering == svc::Numbering::kMonthly && want == rel &&
        ParseDocNumber(r.View("id"), &d).ok()) {
      months[{d.code, d.year, d.month}].emplace(d.seq, std::make_pair(d, file));
    }
    size_t failed = 0;
    s = ReplayRecord(r, store.config(), &failed);
    if (!s.ok()) {
      problem(file, LineOf(text, "[[event]]", static_cast<int>(failed) + 1), s.message());
    } else if (&kind == &CustomerKind()) {
      CheckSerials(r, file, text, &units, problem);
    } else if (&kind == &VisitKind()) {
      // b: a visit is to a customer on file.
      std::string code(r.View("customer.code")), customer;
      if (!RecordPath(CustomerKind(), code, &customer).ok() ||
          !store.disk()->Exists(store.Abs(customer))) {
        problem(file, LineOf(text, "code ="),
                TrF("the visit is to customer '{}', who has no customer file", code));
      }
    } else if (&kind == &NonconformityKind()) {
      // R-4.5.3.1: a report comes from a ticket on file, and its parts from
      // one of that ticket's outbound records.
      CheckNonconformityTicket(store, r, file, text, problem);
    } else if (&kind == &WriteoffKind()) {
      // a write-off's number is its month's (HX-26-11-01: 2026-11).
      Month m;
      if (!ParseMonth(r.View("month"), &m).ok() || !ParseDocNumber(r.View("id"), &d).ok() ||
          m != Month{d.year, d.month} || d.seq != 1) {
        problem(file, LineOf(text, "month ="),
                TrF("write-off {} is for month '{}': a write-off's number is its month's, "
                    "with the sequence 01",
                    r.View("id"), r.View("month")));
      }
    }
    std::string canonical = WriteRecord(r);
    if (canonical != text) {
      problem(file, FirstDifferentLine(canonical, text),
              _("not in svc's canonical form (edited by hand?): svc would write this line "
                "differently"));
    }
  }
  // Serial numbers run from 1 without a gap (a voided record keeps its number).
  int expect = 1;
  for (const auto& [seq, file] : serials) {
    for (; expect < seq; ++expect) {
      problem(file, 1,
              TrF("gap in the {} numbers: {} is missing before {}", kind.name,
                  SerialNumber{std::string(kind.prefix), expect, kind.width}.str(),
                  SerialNumber{std::string(kind.prefix), seq, kind.width}.str()));
    }
    expect = seq + 1;
  }
  // Monthly numbers run from 01 in each code's month without a gap.
  for (const auto& [month, held] : months) {
    int next = 1;
    for (const auto& [seq, found] : held) {
      const auto& [number, file] = found;
      for (; next < seq; ++next) {
        DocNumber missing = number;
        missing.seq = next;
        problem(file, 1,
                TrF("gap in the {} numbers for {:04}-{:02}: {} is missing before {}", kind.name,
                    number.year, number.month, missing.str(), number.str()));
      }
      next = seq + 1;
    }
  }
  return Status::OK();
}

namespace {

// Symbolic links in the records' folders and in .svc: svc follows none
// (storage/disk.h), so what a link points to is no record, and a writer
// meeting one refuses. Each is a problem where it lies; none is followed.
Status CheckLinks(const Store& store, const std::function<void(const Problem&)>& report,
                  CheckSummary* summary) {
  std::vector<std::string> folders = {std::string(kTicketsFolder), std::string(kOutboundFolder),
                                      LocalFolder()};
  for (const RecordKind* kind : AllKinds()) folders.emplace_back(kind->folder);
  std::sort(folders.begin(), folders.end());
  folders.erase(std::unique(folders.begin(), folders.end()), folders.end());
  std::set<std::string> seen;
  for (const std::string& folder : folders) {
    std::vector<std::string> links;
    SVC_RETURN_IF_ERROR(store.disk()->FindLinks(store.Abs(folder), &links));
    for (const std::string& link : links) {
      if (!seen.insert(link).second) continue;
      ++summary->problems;
      report(Problem{link,
                     0,
                     0,
                     _("a symbolic link: svc follows no links in the records directory, and "
                       "writes nothing through one (replace it with the file or folder itself)"),
                     {}});
    }
  }
  return Status::OK();
}

}  // namespace

Status CheckLeftovers(const Store& store, const std::function<void(const Problem&)>& report,
                      CheckSummary* summary) {
  return FindLeftovers(store, [&](const Leftover& l) {
    // An empty folder is no record's and invisible to git (a person moving
    // files leaves one too): removed by recovery, not a problem.
    if (l.kind == Leftover::Kind::kEmptyFolder) return;
    ++summary->problems;
    report(Problem{store.Abs(l.rel), 0, 0, DescribeLeftover(l), {}});
  });
}

Problem ProblemFromStatus(const Status& s, const std::string& file) {
  const Location* at = s.location();
  if (!at || at->file != file) return Problem{file, 0, 0, s.message(), {}};
  return Problem{file, at->line, at->column, std::string(Trim(s.Unlocated())), {}};
}

std::string FormatProblem(const Problem& p) {
  if (p.line == 0) return fmt::format("{}: {}", p.file, p.message);
  if (p.column) return fmt::format("{}:{}:{}: {}", p.file, p.line, p.column, p.message);
  return fmt::format("{}:{}: {}", p.file, p.line, p.message);
}

Status CheckStore(const Store& store, const std::function<void(const Problem&)>& report,
                  CheckSummary* summary, const std::function<void(int64_t done)>& progress,
                  const std::optional<Time>& as_of, const std::optional<Time>& present) {
  *summary = CheckSummary{};
  SVC_RETURN_IF_ERROR(CheckLinks(store, report, summary));
  Checker checker(store, report, summary);
  const WrittenOff written_off = WrittenOffMonths(store);
  // Each month folder's files are examined on both cores, then applied in
  // file order (claims, numbers and problems come out as from one thread).
  int64_t files = 0;
  std::vector<Store::Entry> folder;
  auto flush = [&] {
    std::vector<Found> found(folder.size());
    std::atomic<size_t> cursor{0};
    auto work = [&] {
      for (size_t i; (i = cursor.fetch_add(1)) < folder.size();)
        found[i] = Examine(store, folder[i], as_of, present, written_off);
    };
    if (folder.size() > 8 && std::thread::hardware_concurrency() != 1) {
      std::thread helper(work);
      work();
      helper.join();
    } else {
      work();
    }
    for (Found& f : found) checker.Apply(std::move(f));
    files += static_cast<int64_t>(folder.size());
    if (progress && !folder.empty()) progress(files);
    folder.clear();
  };
  Status s = store.ForEachFile([&](const Store::Entry& e) {
    std::string_view d(e.rel.data(), e.rel.rfind('/'));
    if (folder.empty() ||
        d != std::string_view(folder.back().rel.data(), folder.back().rel.rfind('/'))) {
      flush();
    }
    folder.push_back(e);
    return Status::OK();
  });
  flush();
  SVC_RETURN_IF_ERROR(s);
  SVC_RETURN_IF_ERROR(store.ForEachFile([&](const Store::Entry& e) { return checker.Registry(e); },
                                        kOutboundFolder));
  checker.Unregistered();
  checker.Numbers(checker.ticket_numbers(), true);
  checker.Numbers(checker.record_numbers(), false);
  SVC_RETURN_IF_ERROR(checker.PlanItems(as_of));
  // Every other kind of record, from its schema (model/record.h).
  for (const RecordKind* kind : AllKinds()) {
    if (kind != &TicketKind()) SVC_RETURN_IF_ERROR(CheckRecordKind(store, *kind, report, summary));
  }
  return CheckLeftovers(store, report, summary);
}

}  // namespace svc
