#include "rules/finance.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/i18n.h"
#include "model/finance.h"
#include "model/number.h"

namespace svc {
namespace {

Status Add(Money* sum, Money m) {
  if (!AddMoney(*sum, m, sum)) return Status::InvalidArgument(_("a sum of money is too large"));
  return Status::OK();
}

// A refusal's sentence naming the finance record's kind, whole for the
// translator: `advance` for an advance, `writeoff` for a write-off, else
// `any` with the kind's name.
std::string KindSentence(std::string_view kind, const char* advance, const char* writeoff,
                         const char* any) {
  if (kind == "advance") return _(advance);
  if (kind == "writeoff") return _(writeoff);
  return TrF(any, kind);
}

}  // namespace

Status FoldFinanceRecord(const Record& r, const std::optional<Time>& as_of, FinanceRecordState* out,
                         size_t* failed) {
  FinanceRecordState st;
  st.id = std::string(r.View("id"));
  if (const Value* v = r.Find("at"); v && std::holds_alternative<Time>(*v)) {
    st.at = std::get<Time>(*v);
  }
  st.by = std::string(r.View("by"));
  auto apply = [&](const Event& e) {
    namespace a = finance_action;
    if (e.Is(a::kFile)) {
      if (st.filed) {
        return Refusal(
            st.id, e,
            KindSentence(r.kind->name, N_("the advance was already filed"),
                         N_("the writeoff was already filed"), N_("the {} was already filed")));
      }
      st.filed = true;
      return Status::OK();
    }
    if (!st.filed) {
      return Refusal(st.id, e,
                     KindSentence(r.kind->name, N_("it comes before the advance was filed"),
                                  N_("it comes before the writeoff was filed"),
                                  N_("it comes before the {} was filed")));
    }
    if (e.Is(a::kNote)) {
      st.notes.push_back(e);
      return Status::OK();
    }
    // The number is the file's; history only (an advance's schema allows it).
    if (e.Is("renumber")) return Status::OK();
    return Refusal(st.id, e,
                   KindSentence(r.kind->name, N_("a advance record has no such action"),
                                N_("a writeoff record has no such action"),
                                N_("a {} record has no such action")));
  };
  SVC_RETURN_IF_ERROR(FoldEvents(r, as_of, apply, &st.history, failed));
  if (out) *out = std::move(st);
  return Status::OK();
}

Status AdvanceFromRecord(const Record& r, Advance* out) {
  Advance a;
  a.id = std::string(r.View("id"));
  const Value* at = r.Find("at");
  const Value* amount = r.Find("amount");
  if (!at || !std::holds_alternative<Time>(*at) || !amount ||
      !std::holds_alternative<Money>(*amount)) {
    return Status::Corruption(TrF("advance {}: 'at' and 'amount' are required", a.id));
  }
  a.at = std::get<Time>(*at);
  a.amount = std::get<Money>(*amount);
  a.by = std::string(r.View("by"));
  a.engineer = std::string(r.View("engineer"));
  a.note = std::string(r.View("note"));
  *out = std::move(a);
  return Status::OK();
}

std::string Month::str() const {
  return fmt::format("{:04}-{:02}", year, month);
}

Time Month::Start(int offset_minutes) const {
  return StartOfDay(Date{year, month, 1}, offset_minutes);
}

Time Month::End(int offset_minutes) const {
  return month == 12 ? StartOfDay(Date{year + 1, 1, 1}, offset_minutes)
                     : StartOfDay(Date{year, month + 1, 1}, offset_minutes);
}

Status ParseMonth(std::string_view text, Month* out) {
  Month m;
  bool ok = text.size() == 7 && text[4] == '-';
  for (size_t i = 0; ok && i < text.size(); ++i) {
    if (i != 4 && (text[i] < '0' || text[i] > '9')) ok = false;
  }
  if (ok) {
    m.year = std::stoi(std::string(text.substr(0, 4)));
    m.month = std::stoi(std::string(text.substr(5, 2)));
    ok = m.year >= 1970 && m.month >= 1 && m.month <= 12;
  }
  if (!ok) {
    return Status::InvalidField("month", TrF(" '{}' is no month: write YYYY-MM", text));
  }
  *out = m;
  return Status::OK();
}

Month MonthOf(const Time& t, int offset_minutes) {
  Date d = LocalDate(InOffset(t, offset_minutes));
  return Month{d.year, d.month};
}

WriteoffBuilder::WriteoffBuilder(Month month, int offset_minutes)
    : month_(month), start_(month.Start(offset_minutes)), end_(month.End(offset_minutes)) {
  f_.month = month;
}

Status WriteoffBuilder::AddTicket(const std::string& id, const TicketState& st) {
  if (st.voided) return Status::OK();
  auto in = [&](const Time& t) { return t.secs >= start_.secs && t.secs < end_.secs; };
  Money quote;
  if (st.quote && st.quote->accepted) quote = st.quote->total;
  for (size_t i = 0; i < st.records.size(); ++i) {
    const OutboundRecord& r = st.records[i];
    WriteoffLine line;
    bool covered = in(r.filed.at);
    for (const Expense& x : r.expenses) {
      if (!in(x.at)) continue;
      covered = true;
      SVC_RETURN_IF_ERROR(Add(&line.actual, x.amount));
      SVC_RETURN_IF_ERROR(Add(&line.by_item[x.item], x.amount));
      SVC_RETURN_IF_ERROR(Add(&f_.by_item[x.item], x.amount));
      std::string who = x.engineer.empty() ? x.actor : x.engineer;
      EngineerBalance& b = engineers_[who];
      b.name = who;
      SVC_RETURN_IF_ERROR(Add(&b.expenses, x.amount));
    }
    if (!covered) continue;
    line.record = r.number;
    line.ticket = id;
    line.techs = r.techs;
    line.filed = r.filed.at;
    if (i == 0) line.quoted = quote;  // a ticket's quote counted once, on its first record
    SVC_RETURN_IF_ERROR(Add(&f_.quoted, line.quoted));
    SVC_RETURN_IF_ERROR(Add(&f_.actual, line.actual));
    f_.lines.push_back(std::move(line));
  }
  return Status::OK();
}

Status WriteoffBuilder::AddAdvance(const Advance& a) {
  if (a.at.secs < start_.secs || a.at.secs >= end_.secs) return Status::OK();
  EngineerBalance& b = engineers_[a.engineer];
  b.name = a.engineer;
  b.advance_ids.push_back(a.id);
  SVC_RETURN_IF_ERROR(Add(&b.advances, a.amount));
  return Add(&f_.advances, a.amount);
}

Status WriteoffBuilder::Finish(WriteoffFigures* out) {
  std::sort(f_.lines.begin(), f_.lines.end(), [](const WriteoffLine& a, const WriteoffLine& b) {
    DocNumber x, y;
    if (ParseDocNumber(a.record, &x).ok() && ParseDocNumber(b.record, &y).ok()) {
      return NumberLess(x, y);
    }
    return a.record < b.record;
  });
  f_.engineers.clear();
  f_.expenses = Money{};
  for (auto& [name, b] : engineers_) {
    SVC_RETURN_IF_ERROR(Add(&f_.expenses, b.expenses));
    f_.engineers.push_back(b);
  }
  *out = f_;
  return Status::OK();
}

}  // namespace svc
