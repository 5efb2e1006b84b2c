#include "rules/summary.h"

#include <algorithm>

#include <cstring>

#include "model/vocabulary.h"
#include "rules/fees.h"

namespace svc {

bool SummaryBeforeEvents(const TicketSummary& all, const Time& as_of, TicketSummary* out) {
  if (as_of.secs >= all.first) return false;
  // The form as received; no event applied: no status, classification,
  // clock or answer yet (as Fold and ComputeClocks give for no events).
  // Built apart and moved in last, so `out` may be `&all`.
  TicketSummary s;
  s.id = all.id;
  s.via = all.via;
  s.customer = all.customer;
  s.product = all.product;
  s.headline = all.headline;
  s.received = all.received;
  s.settled = all.settled;
  s.first = all.first;
  // The form's text only (an event's field is named ACTION.KEY).
  std::string_view text = all.text;
  while (!text.empty()) {
    size_t end = text.find('\x1e');
    std::string_view entry = text.substr(0, end == std::string_view::npos ? text.size() : end + 1);
    text.remove_prefix(entry.size());
    size_t sep = entry.find('\x1f');
    if (entry.substr(0, sep).find('.') == std::string_view::npos) s.text.append(entry);
  }
  *out = std::move(s);
  return true;
}

Status Summarize(const Ticket& t, const Config& config, const std::optional<Time>& as_of,
                 TicketSummary* out, const std::optional<Time>& known) {
  TicketState st;
  if (as_of && known && known->secs > as_of->secs) {
    SVC_RETURN_IF_ERROR(FoldKnownAt(t, config, *as_of, *known, &st));
  } else {
    SVC_RETURN_IF_ERROR(Fold(t, config, as_of, &st));
  }
  // The form as corrected; a copy only when there are corrections.
  Ticket corrected;
  if (!st.corrections.empty()) corrected = CorrectedForm(t, st);
  const Ticket& form = st.corrections.empty() ? t : corrected;
  TicketSummary s;
  s.id = t.id;
  s.via = t.via;
  s.customer = form.customer.name;
  if (st.opened) {  // (before it, `svc history` has nothing to show: see SummaryBeforeEvents)
    s.customer_code = form.customer.code;
    s.phone = form.customer.phone;
    s.serial = form.equipment.serial;
  }
  s.product = form.equipment.product;
  s.headline = !form.equipment.product.empty()
                   ? form.equipment.product
                   : form.description.substr(0, form.description.find('\n'));
  s.received = form.received;
  // Valid from the last event's entry on (a back-dated event counts from
  // when it was written); before the first event's time nothing had happened.
  s.settled = t.received.secs;
  if (!t.events.empty()) {
    s.settled = INT64_MIN;
    for (const Event& e : t.events) s.settled = std::max(s.settled, EnteredSecs(e));
  }
  s.first = t.events.empty() ? s.settled : t.events.front().at.secs;
  // The latest step the fold counted (the same events as Fold/FoldKnownAt took).
  std::vector<const Event*> counted_events;
  counted_events.reserve(t.events.size());
  for (const Event& e : t.events) {
    bool counted = !as_of ? true
                   : known && known->secs > as_of->secs
                       ? e.at.secs <= as_of->secs && InRecordsAt(e, *known)
                       : InRecordsAt(e, *as_of);
    if (counted) {
      counted_events.push_back(&e);
      s.last_action = e.action;
      s.last_at = e.at.secs;
    }
  }
  s.text = SearchText(t, counted_events);
  s.opened = st.opened.has_value();
  s.status = st.status;
  s.level = st.level;
  if (const auto& c = st.classification) {
    s.kind = c->kind;
    s.category = c->category;
    s.service = c->service;
    s.route = c->route;
    s.major = c->major;
  }
  if (st.analysis) {
    s.responsibility = st.analysis->responsibility;
    s.cause_category = st.analysis->cause_category;
  }
  if (st.closing) s.closed = st.closing->at;
  if (st.voided) s.voided = st.voided->at;
  if (!st.surveys.empty()) s.surveyed = st.surveys.front();
  if (const auto& v = st.survey) {
    s.satisfaction = v->satisfaction;
    s.damage = v->damage;
    s.cleanliness = v->cleanliness;
    s.attitude = v->attitude;
    s.comment = v->comment;
  }
  if (const auto& q = st.quote) {
    s.quoted = true;
    s.quote_total = q->total;
    s.quote_charged = q->charged;
    Quote quote;
    bool same = false;
    // The cost (subtotal + tax) comes from recomputing with the schedule used.
    if (RecomputeQuote(*q, config, &quote, &same).ok() && same) s.quote_cost = quote.cost;
  }
  for (const auto& r : st.records) {
    if (r.warehoused && !r.nonconformity.empty())
      s.nonconformities.push_back(r.warehoused->at.secs);
  }
  for (const Step& r : st.reopens) s.reopens.push_back(r.at.secs);
  for (const auto& r : st.records) {
    s.records.push_back({r.dept, r.filed.at.secs,
                         r.planned ? std::optional<int64_t>(r.planned->secs) : std::nullopt});
  }
  for (const auto& r : st.records) {
    for (const std::string& tech : r.techs) {
      if (std::find(s.techs.begin(), s.techs.end(), tech) == s.techs.end()) s.techs.push_back(tech);
    }
  }
  for (const auto& r : st.records) {
    for (const Expense& x : r.expenses) {
      const Word* w = ExpenseItems().Find(x.item);
      s.expenses.push_back(
          {x.at.secs, w ? static_cast<int>(w - ExpenseItems().words().data()) : 0, x.amount.fen});
    }
  }
  s.complaint = st.complaint;
  Time when = as_of ? *as_of : Time{INT64_MAX / 2, 0};
  s.clocks = ComputeClocks(form, st, config, when);
  *out = std::move(s);
  return Status::OK();
}

namespace {

void AddText(std::string* out, std::string_view field, std::string_view value) {
  if (value.empty()) return;
  out->append(field);
  out->push_back('\x1f');
  out->append(value);
  out->push_back('\x1e');
}

}  // namespace

std::string SearchText(const Ticket& t, const std::vector<const Event*>& events) {
  std::string out;
  AddText(&out, "customer", t.customer.name);
  AddText(&out, "contact", t.customer.contact);
  AddText(&out, "title", t.customer.title);
  AddText(&out, "phone", t.customer.phone);
  AddText(&out, "address", t.customer.address);
  AddText(&out, "customer_code", t.customer.code);
  AddText(&out, "product", t.equipment.product);
  AddText(&out, "model", t.equipment.model);
  AddText(&out, "size", t.equipment.size);
  AddText(&out, "serial", t.equipment.serial);
  AddText(&out, "project_no", t.equipment.project_no);
  AddText(&out, "equipment_no", t.equipment.equipment_no);
  AddText(&out, "invoice_no", t.equipment.invoice_no);
  AddText(&out, "description", t.description);
  // Words of the vocabulary and department codes: every ticket has some,
  // and list's filters (--kind, --route …) find them; not searched.
  static constexpr std::string_view kCoded[] = {
      "kind",         "category", "service",     "route",          "result",     "role",
      "satisfaction", "damage",   "cleanliness", "responsibility", "complexity", "dept",
      "item",         "to",       "field",       "cause_category", "hours",      "attitude"};
  std::string field;
  for (const Event* e : events) {
    for (const auto& [key, value] : e->fields) {
      if (std::find(std::begin(kCoded), std::end(kCoded), key) != std::end(kCoded)) continue;
      field.assign(e->action).append(".").append(key);
      if (const auto* str = std::get_if<std::string>(&value)) {
        AddText(&out, field, *str);
      } else if (const auto* list = std::get_if<std::vector<std::string>>(&value)) {
        for (const std::string& v : *list) AddText(&out, field, v);
      } else if (const auto* parts = std::get_if<std::vector<Part>>(&value)) {
        AddText(&out, field, PartsText(*parts));
      }
    }
  }
  return out;
}

std::vector<std::string> WorkedBy(const TicketSummary& s) {
  std::vector<std::string> depts;
  for (const TicketSummary::Sent& r : s.records) {
    if (std::find(depts.begin(), depts.end(), r.dept) == depts.end()) depts.push_back(r.dept);
  }
  if (depts.empty() && !s.route.empty()) depts.push_back(s.route);
  return depts;
}

bool GetVarint(std::string_view* in, uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64 && !in->empty(); shift += 7) {
    auto b = static_cast<unsigned char>(in->front());
    in->remove_prefix(1);
    *v |= static_cast<uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) return true;
  }
  return false;
}

namespace {

void PutU(std::string* out, uint64_t v) {
  PutVarint(out, v);
}
void PutI(std::string* out, int64_t v) {
  PutU(out, (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
}
void PutS(std::string* out, std::string_view s) {
  PutU(out, s.size());
  out->append(s);
}
void PutT(std::string* out, const Time& t) {
  PutI(out, t.secs);
  PutI(out, t.offset_minutes);
}
void PutOptT(std::string* out, const std::optional<Time>& t) {
  out->push_back(t ? 1 : 0);
  if (t) PutT(out, *t);
}

struct Reader {
  std::string_view* in;
  bool ok = true;
  uint64_t U() {
    uint64_t v = 0;
    if (!GetVarint(in, &v)) ok = false;
    return v;
  }
  int64_t I() {
    uint64_t u = U();
    return static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1));
  }
  std::string S() {
    uint64_t n = U();
    if (n > in->size()) {
      ok = false;
      return {};
    }
    std::string s(in->substr(0, n));
    in->remove_prefix(n);
    return s;
  }
  // A time a ticket file can hold (years 0000-9999, offsets within
  // +-23:59, a day either side); any other is no summary svc wrote (a forged
  // index), and showing it would overflow.
  Time T() {
    constexpr int64_t kMinSecs = -62'167'219'200 - 86'400;  // 0000-01-01T00:00:00Z - 1 day
    constexpr int64_t kMaxSecs = 253'402'300'799 + 86'400;  // 9999-12-31T23:59:59Z + 1 day
    Time t;
    t.secs = I();
    int64_t offset = I();
    if (t.secs < kMinSecs || t.secs > kMaxSecs || offset < -1439 || offset > 1439) ok = false;
    t.offset_minutes = static_cast<int>(offset);
    return t;
  }
  std::optional<Time> OptT() {
    if (in->empty()) {
      ok = false;
      return std::nullopt;
    }
    bool has = in->front() != 0;
    in->remove_prefix(1);
    if (!has) return std::nullopt;
    return T();
  }
};

bool ReadClock(Reader* r, Clock* c) {
  c->name = r->S();
  c->record = r->S();
  c->clause = r->S();
  c->start = r->T();
  c->target.secs = r->I();
  if (c->target.secs < 0 || c->target.secs > int64_t{1} << 50) return false;  // none svc.toml gives
  c->deadline = r->T();
  c->stop = r->OptT();
  c->state = StateAt(*c, Time{INT64_MIN / 2, 0});  // stopped ones decided, others running
  return r->ok;
}

}  // namespace

void PutString(std::string* out, std::string_view s) {
  PutS(out, s);
}

bool GetString(std::string_view* in, std::string* out) {
  Reader r{in};
  *out = r.S();
  return r.ok;
}

void EncodeClock(const Clock& c, std::string* out) {
  PutS(out, c.name);
  PutS(out, c.record);
  PutS(out, c.clause);
  PutT(out, c.start);
  PutI(out, c.target.secs);
  PutT(out, c.deadline);
  PutOptT(out, c.stop);
}

bool DecodeClock(std::string_view* in, Clock* out) {
  Reader r{in};
  return ReadClock(&r, out);
}

SummaryHead HeadOf(const TicketSummary& s) {
  SummaryHead h;
  h.settled = s.settled;
  h.first = s.first;
  h.received = s.received.secs;
  h.opened = s.opened;
  h.closed = s.closed.has_value();
  h.voided = s.voided.has_value();
  const auto& names = ClockNames();
  for (const Clock& c : s.clocks) {
    h.running = h.running || !c.stop;
    auto it = std::find(names.begin(), names.end(), c.name);
    if (it != names.end()) h.clock_names |= 1u << (it - names.begin());
  }
  return h;
}

namespace {

void PutHead(std::string* out, const SummaryHead& h) {
  PutI(out, h.settled);
  PutI(out, h.first);
  PutI(out, h.received);
  PutU(out, (h.opened ? 1 : 0) | (h.voided ? 2 : 0) | (h.running ? 4 : 0) | (h.closed ? 8 : 0));
  PutU(out, h.clock_names);
}

bool GetHead(Reader* r, SummaryHead* h) {
  h->settled = r->I();
  h->first = r->I();
  h->received = r->I();
  uint64_t flags = r->U();
  h->opened = flags & 1;
  h->voided = flags & 2;
  h->running = flags & 4;
  h->closed = flags & 8;
  uint64_t names = r->U();
  h->clock_names = static_cast<uint32_t>(names);
  return r->ok && flags < 16 && names < (uint64_t{1} << ClockNames().size());
}

}  // namespace

bool DecodeSummaryHead(std::string_view in, SummaryHead* out) {
  Reader r{&in};
  return GetHead(&r, out);
}

void EncodeSummary(const TicketSummary& s, std::string* out) {
  PutHead(out, HeadOf(s));
  for (const std::string* str :
       {&s.id, &s.via, &s.customer, &s.product, &s.headline, &s.kind, &s.category, &s.service,
        &s.route, &s.responsibility, &s.satisfaction, &s.damage, &s.cleanliness, &s.customer_code,
        &s.phone, &s.serial, &s.last_action, &s.cause_category, &s.comment}) {
    PutS(out, *str);
  }
  PutT(out, s.received);
  PutU(out, (s.opened ? 1 : 0) | (s.major ? 2 : 0) | (s.quoted ? 4 : 0) | (s.complaint ? 8 : 0));
  PutU(out, static_cast<uint64_t>(s.status));
  PutI(out, s.level);
  PutI(out, s.attitude);
  PutOptT(out, s.closed);
  PutOptT(out, s.voided);
  PutOptT(out, s.surveyed);
  PutI(out, s.quote_cost.fen);
  PutI(out, s.quote_total.fen);
  PutI(out, s.quote_charged.fen);
  PutU(out, s.nonconformities.size());
  for (int64_t n : s.nonconformities) PutI(out, n);
  PutU(out, s.reopens.size());
  for (int64_t n : s.reopens) PutI(out, n);
  PutU(out, s.expenses.size());
  for (const TicketSummary::Spent& x : s.expenses) {
    PutI(out, x.at);
    PutU(out, static_cast<uint64_t>(x.item));
    PutI(out, x.fen);
  }
  PutU(out, s.records.size());
  for (const TicketSummary::Sent& x : s.records) {
    PutS(out, x.dept);
    PutI(out, x.filed);
    out->push_back(x.planned ? 1 : 0);
    if (x.planned) PutI(out, *x.planned);
  }
  PutI(out, s.last_at);
  PutU(out, s.clocks.size());
  for (const Clock& c : s.clocks) EncodeClock(c, out);
  PutU(out, s.techs.size());
  for (const std::string& tech : s.techs) PutS(out, tech);
  PutS(out, s.text);
}

bool DecodeSummary(std::string_view* in, TicketSummary* out) {
  Reader r{in};
  TicketSummary s;
  SummaryHead head;
  if (!GetHead(&r, &head)) return false;
  s.settled = head.settled;
  s.first = head.first;
  for (std::string* str :
       {&s.id, &s.via, &s.customer, &s.product, &s.headline, &s.kind, &s.category, &s.service,
        &s.route, &s.responsibility, &s.satisfaction, &s.damage, &s.cleanliness, &s.customer_code,
        &s.phone, &s.serial, &s.last_action, &s.cause_category, &s.comment}) {
    *str = r.S();
  }
  s.received = r.T();
  uint64_t flags = r.U();
  s.opened = flags & 1;
  s.major = flags & 2;
  s.complaint = flags & 8;
  s.quoted = flags & 4;
  uint64_t status = r.U();
  if (status > 3) return false;
  s.status = static_cast<TicketStatus>(status);
  s.level = static_cast<int>(r.I());
  s.attitude = static_cast<int>(r.I());
  s.closed = r.OptT();
  s.voided = r.OptT();
  s.surveyed = r.OptT();
  s.quote_cost.fen = r.I();
  s.quote_total.fen = r.I();
  s.quote_charged.fen = r.I();
  uint64_t n = r.U();
  if (n > 10000) return false;
  for (uint64_t i = 0; i < n && r.ok; ++i) s.nonconformities.push_back(r.I());
  n = r.U();
  if (n > 10000) return false;
  for (uint64_t i = 0; i < n && r.ok; ++i) s.reopens.push_back(r.I());
  n = r.U();
  if (n > 10000) return false;
  for (uint64_t i = 0; i < n && r.ok; ++i) {
    TicketSummary::Spent x;
    x.at = r.I();
    uint64_t item = r.U();
    if (item >= ExpenseItems().words().size()) return false;
    x.item = static_cast<int>(item);
    x.fen = r.I();
    s.expenses.push_back(x);
  }
  n = r.U();
  if (n > 10000) return false;
  for (uint64_t i = 0; i < n && r.ok; ++i) {
    TicketSummary::Sent x;
    x.dept = r.S();
    x.filed = r.I();
    if (in->empty()) return false;
    bool planned = in->front() != 0;
    in->remove_prefix(1);
    if (planned) x.planned = r.I();
    s.records.push_back(std::move(x));
  }
  s.last_at = r.I();
  n = r.U();
  if (n > 10000) return false;
  for (uint64_t i = 0; i < n && r.ok; ++i) {
    Clock c;
    if (!ReadClock(&r, &c)) return false;
    s.clocks.push_back(std::move(c));
  }
  n = r.U();
  if (n > 10000) return false;
  for (uint64_t i = 0; i < n && r.ok; ++i) s.techs.push_back(r.S());
  s.text = r.S();
  if (!r.ok) return false;
  // The head must say what the rest says: a scan may go by the head alone.
  SummaryHead again = HeadOf(s);
  if (again.opened != head.opened || again.closed != head.closed || again.voided != head.voided ||
      again.running != head.running || again.clock_names != head.clock_names ||
      again.received != head.received) {
    return false;
  }
  *out = std::move(s);
  return true;
}

}  // namespace svc
