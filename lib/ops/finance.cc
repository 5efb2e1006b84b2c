#include "ops/finance.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "base/i18n.h"
#include "base/text.h"
#include "format/record_toml.h"
#include "format/ticket_toml.h"
#include "model/finance.h"
#include "model/number.h"
#include "model/values.h"
#include "model/vocabulary.h"
#include "ops/record_ops.h"
#include "rules/state.h"
#include "storage/paths.h"

namespace svc {
namespace {

// The write-off's number of `month`: the month itself, sequence 01.
std::string WriteoffNumber(const Config& config, const Month& month) {
  DocNumber n;
  n.code = config.writeoff_code;
  n.year = month.year;
  n.month = month.month;
  n.seq = 1;
  n.width = config.sequence_width;
  return n.str();
}

// An amount of money a user typed: yuan, more than 0, at most two decimals.
Status ParseAmount(std::string_view text, Money* out) {
  std::string_view t = Trim(text);
  Status s = ParseMoney(t, out);
  if (!s.ok() || out->fen <= 0) {
    return Status::InvalidField("amount",
                                TrF(" '{}': write yuan more than 0 with at most two decimals (e.g. "
                                    "350 or 86.50)",
                                    text));
  }
  return Status::OK();
}

Status LoadWriteoffRecord(const Store& store, const Month& month, Record* r, bool* found) {
  std::string id = WriteoffNumber(store.config(), month);
  std::string rel;
  SVC_RETURN_IF_ERROR(RecordPath(WriteoffKind(), id, &rel));
  *found = store.disk()->Exists(store.Abs(rel));
  if (!*found) return Status::OK();
  return store.LoadRecord(WriteoffKind(), id, r);
}

Money MoneyAt(const Record& r, std::string_view key) {
  const Value* v = r.Find(key);
  return v && std::holds_alternative<Money>(*v) ? std::get<Money>(*v) : Money{};
}

// Every advance of `month` as the records stood at `as_of`.
Status MonthAdvances(const Store& store, const Month& month, const std::optional<Time>& as_of,
                     std::vector<Advance>* out) {
  std::vector<std::string> ids;
  SVC_RETURN_IF_ERROR(store.ForEachFile(
      [&](const Store::Entry& e) {
        if (e.stray || !e.numbered || e.number.year != month.year ||
            e.number.month != month.month || !e.rel.ends_with("/" + e.number.str() + ".toml")) {
          return Status::OK();
        }
        ids.push_back(e.number.str());
        return Status::OK();
      },
      AdvanceKind().folder));
  for (const std::string& id : ids) {
    Record r;
    SVC_RETURN_IF_ERROR(store.LoadRecord(AdvanceKind(), id, &r));
    FinanceRecordState st;
    SVC_RETURN_IF_ERROR(FoldFinanceRecord(r, as_of, &st));
    if (!st.filed) continue;  // filed after as_of
    Advance a;
    SVC_RETURN_IF_ERROR(AdvanceFromRecord(r, &a));
    out->push_back(std::move(a));
  }
  return Status::OK();
}

JsonValue MoneyJson(Money m) {
  return JsonValue(FormatMoney(m));
}

JsonValue ItemsJson(const std::map<std::string, Money>& items) {
  JsonValue o = JsonValue::Object();
  for (const Word& w : ExpenseItems().words()) {
    auto it = items.find(std::string(w.stored));
    if (it != items.end()) o.Add(w.stored, MoneyJson(it->second));
  }
  return o;
}

std::string ItemsText(const std::map<std::string, Money>& items) {
  std::vector<std::string> parts;
  for (const Word& w : ExpenseItems().words()) {
    auto it = items.find(std::string(w.stored));
    if (it != items.end()) parts.push_back(fmt::format("{} {}", w.zh, FormatMoney(it->second)));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

}  // namespace

Status RefuseIfWrittenOff(const Store& store, const Time& at, std::string_view what) {
  const int off = store.config().offset_minutes;
  Month m = MonthOf(at, off);
  Record r;
  bool found = false;
  SVC_RETURN_IF_ERROR(LoadWriteoffRecord(store, m, &r, &found));
  if (!found) return Status::OK();
  const Value* v = r.Find("at");
  std::string when = v && std::holds_alternative<Time>(*v) ? FormatTimeIn(std::get<Time>(*v), off)
                                                           : std::string("?");
  return Status::NotAllowed(
      TrF("{} was written off at {} by {} ({}): {} dated {} is "
          "refused; date it in a month still open",
          m.str(), when, r.View("by"), r.View("id"), what, FormatTimeIn(at, off)));
}

Status RecordExpense(const Store& store, const std::string& id, const Actor& actor,
                     const ExpenseForm& form) {
  if (Trim(form.record).empty()) {
    return Status::InvalidField("record", _(" is required: the outbound record the cost is for"));
  }
  SVC_RETURN_IF_ERROR(CheckText(form.record, "record", false));
  const Word* item = ExpenseItems().Parse(Trim(form.item));
  if (!item) {
    return Status::InvalidField("item", TrF(" '{}' is no expense item (one of {})", form.item,
                                            fmt::join(ExpenseItems().Typed(), ", ")));
  }
  Money amount;
  SVC_RETURN_IF_ERROR(ParseAmount(form.amount, &amount));
  SVC_RETURN_IF_ERROR(CheckText(form.engineer, "engineer", false));
  SVC_RETURN_IF_ERROR(CheckText(form.note, "note", true));
  return Act(store, id, actor, [&](const Ticket& t, const TicketState&, Event* e) {
    e->action = "expense";
    TicketState then;  // the records as of the expense
    SVC_RETURN_IF_ERROR(FoldUntil(t, store.config(), e->at, &then));
    std::string record(Trim(form.record));
    auto it = std::find_if(then.records.begin(), then.records.end(),
                           [&](const OutboundRecord& o) { return o.number == record; });
    if (it == then.records.end()) {
      std::vector<std::string> numbers;
      for (const OutboundRecord& o : then.records) numbers.push_back(o.number);
      return Refusal(t, *e,
                     TrF("{} is none of its outbound records ({})", record,
                         numbers.empty() ? std::string(_("it has none yet"))
                                         : TrF("its records: {}", fmt::join(numbers, ", "))),
                     then.offset_minutes);
    }
    std::string engineer(Trim(form.engineer));
    if (engineer.empty()) {
      if (it->techs.size() == 1) {
        engineer = it->techs.front();
      } else if (std::find(it->techs.begin(), it->techs.end(), e->actor) != it->techs.end()) {
        engineer = e->actor;
      } else {
        return Status::InvalidField("engineer",
                                    TrF(" is required: {} went with {}; say who spent it", record,
                                        fmt::join(it->techs, ", ")));
      }
    }
    SVC_RETURN_IF_ERROR(RefuseIfWrittenOff(store, e->at, _("an expense")));
    e->Set("record", record);
    e->Set("item", std::string(item->stored));
    e->Set("amount", amount);
    e->Set("engineer", engineer);
    if (!Trim(form.note).empty()) e->Set("note", std::string(Trim(form.note)));
    return Status::OK();
  });
}

Status RecordAdvance(const Store& store, const AdvanceForm& form, const Time& now,
                     const std::string& actor, std::string* id) {
  std::string engineer(Trim(form.engineer));
  if (engineer.empty()) return Status::InvalidField("engineer", _(" is empty: name the engineer"));
  SVC_RETURN_IF_ERROR(CheckText(form.engineer, "engineer", false));
  Money amount;
  SVC_RETURN_IF_ERROR(ParseAmount(form.amount, &amount));
  SVC_RETURN_IF_ERROR(CheckText(form.note, "note", true));
  SVC_RETURN_IF_ERROR(CheckText(actor, "actor", false));
  if (Trim(actor).empty()) return Status::InvalidField("actor", _(" is empty"));
  SVC_RETURN_IF_ERROR(CheckWhen(form.at, now));
  const Config& config = store.config();
  if (!config.staff.empty() && !config.FindStaff(engineer)) {
    return Status::NotAllowed(
        TrF("'{}' is not listed in svc.toml's [[staff]]: an advance is paid to one of the staff",
            engineer));
  }
  std::unique_ptr<FileLock> lock;
  SVC_RETURN_IF_ERROR(store.Lock(&lock));
  SVC_RETURN_IF_ERROR(RefuseIfWrittenOff(store, form.at, _("an advance")));
  Date day = LocalDate(InOffset(form.at, config.offset_minutes));
  std::vector<int> taken;
  SVC_RETURN_IF_ERROR(
      store.TakenSequences(AdvanceKind().folder, config.advance_code, day.year, day.month, &taken));
  DocNumber number;
  SVC_RETURN_IF_ERROR(NextNumber(config.advance_code, InOffset(form.at, config.offset_minutes),
                                 taken, config.sequence_width, &number));
  Record r;
  r.kind = &AdvanceKind();
  r.Set("id", number.str());
  r.Set("at", form.at);
  r.Set("by", actor);
  r.Set("engineer", engineer);
  r.Set("amount", amount);
  if (!Trim(form.note).empty()) r.Set("note", std::string(Trim(form.note)));
  r.Append(NewEvent(finance_action::kFile, form.at, now, actor));
  SVC_RETURN_IF_ERROR(FoldFinanceRecord(r, std::nullopt, nullptr));
  SVC_RETURN_IF_ERROR(store.CreateRecord(r));
  *id = number.str();
  return Status::OK();
}

Status ComputeWriteoff(const Store& store, const Month& month, const Time& as_of,
                       const ScanOptions& options, WriteoffFigures* out) {
  const Config& config = store.config();
  const int64_t start = month.Start(config.offset_minutes).secs;
  const int64_t end = month.End(config.offset_minutes).secs;
  // The tickets with a record filed or an expense in the month, picked by
  // their summaries (the index's, warm), then read whole.
  std::vector<Store::Entry> picked;
  Status unreadable;
  ScanOptions scan = options;
  scan.wanted = [end](const SummaryHead& h) { return h.opened && !h.voided && h.received < end; };
  SVC_RETURN_IF_ERROR(ScanSummaries(
      store, as_of, scan,
      [&](const Store::Entry& e, const TicketSummary& s) {
        if (!s.opened || s.voided || s.received.secs >= end) return;
        auto in = [&](int64_t at) { return at >= start && at < end; };
        bool touches = std::any_of(s.records.begin(), s.records.end(),
                                   [&](const TicketSummary::Sent& r) { return in(r.filed); }) ||
                       std::any_of(s.expenses.begin(), s.expenses.end(),
                                   [&](const TicketSummary::Spent& x) { return in(x.at); });
        if (touches) picked.push_back(e);
      },
      [&](const Status& s) {
        if (unreadable.ok()) unreadable = s;
      }));
  // A write-off that missed a ticket would be wrong: an unreadable one stops it.
  if (!unreadable.ok()) {
    return Status::Corruption(TrF("{} (see 'svc check')", unreadable.message()));
  }
  WriteoffBuilder b(month, config.offset_minutes);
  for (const Store::Entry& e : picked) {
    Ticket t;
    TicketState st;
    Status s = store.LoadFile(e, &t);
    if (s.ok()) s = Fold(t, config, as_of, &st);
    if (!s.ok()) {
      return Status::Corruption(TrF("{}: {} (see 'svc check')", store.Abs(e.rel), s.message()));
    }
    SVC_RETURN_IF_ERROR(b.AddTicket(t.id, st));
  }
  std::vector<Advance> advances;
  SVC_RETURN_IF_ERROR(MonthAdvances(store, month, as_of, &advances));
  for (const Advance& a : advances) SVC_RETURN_IF_ERROR(b.AddAdvance(a));
  return b.Finish(out);
}

Status LoadWriteoff(const Store& store, const Month& month, const ScanOptions& options,
                    Writeoff* out) {
  Record r;
  bool found = false;
  SVC_RETURN_IF_ERROR(LoadWriteoffRecord(store, month, &r, &found));
  if (!found) {
    return Status::NotFound(
        TrF("{} is not written off (svc writeoff --month {})", month.str(), month.str()));
  }
  FinanceRecordState st;
  SVC_RETURN_IF_ERROR(FoldFinanceRecord(r, std::nullopt, &st));
  Writeoff w;
  w.id = st.id;
  w.month = month;
  w.at = st.at;
  w.by = st.by;
  w.quoted = MoneyAt(r, "totals.quoted");
  w.actual = MoneyAt(r, "totals.actual");
  w.advances = MoneyAt(r, "totals.advances");
  w.expenses = MoneyAt(r, "totals.expenses");
  SVC_RETURN_IF_ERROR(ComputeWriteoff(store, month, w.at, options, &w.figures));
  *out = std::move(w);
  return Status::OK();
}

Status WriteOffMonth(const Store& store, const Month& month, const Time& now,
                     const std::string& actor, const ScanOptions& options, Writeoff* out,
                     bool* already) {
  SVC_RETURN_IF_ERROR(CheckText(actor, "actor", false));
  if (Trim(actor).empty()) return Status::InvalidField("actor", _(" is empty"));
  const Config& config = store.config();
  Time end = month.End(config.offset_minutes);
  if (now.secs < end.secs) {
    return Status::NotAllowed(
        TrF("{} is not over yet (it ends {}): a month is written off once it is over (R-4.5.4)",
            month.str(), FormatTimeIn(end, config.offset_minutes)));
  }
  std::unique_ptr<FileLock> lock;
  SVC_RETURN_IF_ERROR(store.Lock(&lock));
  Record existing;
  bool found = false;
  SVC_RETURN_IF_ERROR(LoadWriteoffRecord(store, month, &existing, &found));
  if (found) {
    *already = true;
    return LoadWriteoff(store, month, options, out);
  }
  *already = false;
  Writeoff w;
  w.id = WriteoffNumber(config, month);
  w.month = month;
  w.at = InOffset(now, config.offset_minutes);
  w.by = actor;
  SVC_RETURN_IF_ERROR(ComputeWriteoff(store, month, now, options, &w.figures));
  const WriteoffFigures& f = w.figures;
  w.quoted = f.quoted;
  w.actual = f.actual;
  w.advances = f.advances;
  w.expenses = f.expenses;
  Record r;
  r.kind = &WriteoffKind();
  r.Set("id", w.id);
  r.Set("month", month.str());
  r.Set("at", w.at);
  r.Set("by", actor);
  std::vector<std::string> records, engineers;
  for (const WriteoffLine& l : f.lines) records.push_back(l.record);
  for (const EngineerBalance& e : f.engineers) engineers.push_back(e.name);
  if (!records.empty()) r.Set("records", records);
  if (!engineers.empty()) r.Set("engineers", engineers);
  r.Set("totals.quoted", f.quoted);
  r.Set("totals.actual", f.actual);
  r.Set("totals.advances", f.advances);
  r.Set("totals.expenses", f.expenses);
  r.Append(NewEvent(finance_action::kFile, w.at, now, actor));
  SVC_RETURN_IF_ERROR(FoldFinanceRecord(r, std::nullopt, nullptr));
  SVC_RETURN_IF_ERROR(store.CreateRecord(r));
  *out = std::move(w);
  return Status::OK();
}

JsonValue WriteoffJson(const Writeoff& w, int off) {
  const WriteoffFigures& f = w.figures;
  JsonValue o = JsonValue::Object();
  o.Add("month", w.month.str());
  o.Add("number", w.id);
  o.Add("at", FormatTimeIn(w.at, off));
  o.Add("by", w.by);
  JsonValue lines = JsonValue::Array();
  for (const WriteoffLine& l : f.lines) {
    JsonValue j = JsonValue::Object();
    j.Add("record", l.record);
    j.Add("ticket", l.ticket);
    j.Add("engineers", StringsJson(l.techs));
    j.Add("quoted", MoneyJson(l.quoted));
    j.Add("actual", MoneyJson(l.actual));
    j.Add("difference", MoneyJson(l.difference()));
    j.Add("items", ItemsJson(l.by_item));
    lines.Push(std::move(j));
  }
  o.Add("records", std::move(lines));
  JsonValue engineers = JsonValue::Array();
  for (const EngineerBalance& e : f.engineers) {
    JsonValue j = JsonValue::Object();
    j.Add("name", e.name);
    j.Add("advances", MoneyJson(e.advances));
    j.Add("expenses", MoneyJson(e.expenses));
    j.Add("balance", MoneyJson(e.balance()));
    j.Add("advance_numbers", StringsJson(e.advance_ids));
    engineers.Push(std::move(j));
  }
  o.Add("engineers", std::move(engineers));
  o.Add("items", ItemsJson(f.by_item));
  JsonValue totals = JsonValue::Object();
  totals.Add("quoted", MoneyJson(f.quoted));
  totals.Add("actual", MoneyJson(f.actual));
  totals.Add("difference", MoneyJson(f.difference()));
  totals.Add("advances", MoneyJson(f.advances));
  totals.Add("expenses", MoneyJson(f.expenses));
  totals.Add("balance", MoneyJson(Money{f.advances.fen - f.expenses.fen}));
  o.Add("totals", std::move(totals));
  return o;
}

std::string WriteoffText(const Writeoff& w, int off) {
  const WriteoffFigures& f = w.figures;
  std::string out = TrF("{}  write-off of {} (核销)  {}  {}\n", w.id, w.month.str(),
                        FormatTimeShortIn(w.at, off), w.by);
  std::vector<std::vector<std::string>> rows = {{_("record"), _("  ticket"), _("  engineers"),
                                                 _("  quoted"), _("  actual"), _("  difference"),
                                                 _("  items")}};
  for (const WriteoffLine& l : f.lines) {
    rows.push_back({l.record, "  " + l.ticket, fmt::format("  {}", fmt::join(l.techs, ", ")),
                    "  " + FormatMoney(l.quoted), "  " + FormatMoney(l.actual),
                    "  " + FormatMoney(l.difference()), "  " + ItemsText(l.by_item)});
  }
  rows.push_back({_("total"), "", "", "  " + FormatMoney(f.quoted), "  " + FormatMoney(f.actual),
                  "  " + FormatMoney(f.difference()), "  " + ItemsText(f.by_item)});
  out += _("\nrecords\n") + FormatTable(rows) + "\n";
  std::vector<std::vector<std::string>> eng = {
      {_("engineer"), _("  advances"), _("  expenses"), _("  balance"), _("  advance numbers")}};
  for (const EngineerBalance& e : f.engineers) {
    eng.push_back({e.name, "  " + FormatMoney(e.advances), "  " + FormatMoney(e.expenses),
                   "  " + FormatMoney(e.balance()),
                   fmt::format("  {}", fmt::join(e.advance_ids, ", "))});
  }
  eng.push_back({_("total"), "  " + FormatMoney(f.advances), "  " + FormatMoney(f.expenses),
                 "  " + FormatMoney(Money{f.advances.fen - f.expenses.fen}), ""});
  out += _("\nengineers (balance > 0: to return, < 0: to reimburse)\n") + FormatTable(eng) + "\n";
  return out;
}

std::string WriteoffCsv(const Writeoff& w, bool bom) {
  const WriteoffFigures& f = w.figures;
  std::string out = bom ? "\xEF\xBB\xBF" : "";
  auto line = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + CsvField(cells[i]);
    out += "\r\n";
  };
  line({"month", "section", "record", "ticket", "engineer", "quoted", "actual", "difference",
        "advances", "expenses", "balance"});
  const std::string m = w.month.str();
  for (const WriteoffLine& l : f.lines) {
    line({m, "record", l.record, l.ticket, fmt::format("{}", fmt::join(l.techs, ";")),
          FormatMoney(l.quoted), FormatMoney(l.actual), FormatMoney(l.difference()), "", "", ""});
  }
  for (const EngineerBalance& e : f.engineers) {
    line({m, "engineer", "", "", e.name, "", "", "", FormatMoney(e.advances),
          FormatMoney(e.expenses), FormatMoney(e.balance())});
  }
  line({m, "total", "", "", "", FormatMoney(f.quoted), FormatMoney(f.actual),
        FormatMoney(f.difference()), FormatMoney(f.advances), FormatMoney(f.expenses),
        FormatMoney(Money{f.advances.fen - f.expenses.fen})});
  return out;
}

}  // namespace svc
