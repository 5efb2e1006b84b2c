#include "rules/fees.h"

#include <fmt/format.h>

#include "base/i18n.h"
#include "base/text.h"
#include "model/values.h"
#include "rules/state.h"

namespace svc {
namespace {

// Accumulates checked arithmetic; the first overflow makes it fail.
class Sum {
 public:
  Money Mul(Money rate, int64_t a, int64_t b = 1) {
    Money out, tmp;
    if (!MulMoney(rate, a, &tmp) || !MulMoney(tmp, b, &out)) ok_ = false;
    return out;
  }
  Money Add(std::initializer_list<Money> items) {
    Money out;
    for (Money m : items) {
      if (!AddMoney(out, m, &out)) ok_ = false;
    }
    return out;
  }
  Money Percent(Money m, int64_t bp) {
    Money out;
    if (!PercentOf(m, bp, &out)) ok_ = false;
    return out;
  }
  bool ok() const { return ok_; }

 private:
  bool ok_ = true;
};

}  // namespace

Status ComputeQuote(const QuoteRequest& r, const FeeSchedule& f, Quote* out) {
  if (r.people < 1 || r.days < 1) {
    return Status::InvalidFields(_("{people} and {days} must be at least 1"));
  }
  if (r.lodging_days < 0 || r.meal_days < 0) {
    return Status::InvalidFields(_("{lodging_days} and {meal_days} must not be negative"));
  }
  Quote q;
  q.request = r;
  q.schedule = f.effective;
  q.lodging_rate = f.lodging_per_day;
  q.meal_rate = f.meals_per_day;
  q.labor_rate = f.labor_per_day;
  q.tax_bp = f.tax_bp;
  q.management_bp = f.management_bp;
  if (r.labor_rate) {
    if (*r.labor_rate > f.labor_per_day) {
      return Status::InvalidField(
          "labor_rate",
          TrF(" {} is above the fee schedule's {} a day (Table 1 allows lowering only)",
              FormatMoney(*r.labor_rate), FormatMoney(f.labor_per_day)));
    }
    if (*r.labor_rate < f.labor_per_day && r.reason.empty()) {
      // (amounts hold no braces)
      return Status::InvalidFields(
          TrF("{{labor_rate}} {} is below the schedule's {}: give the {{reason}}",
              FormatMoney(*r.labor_rate), FormatMoney(f.labor_per_day)));
    }
    q.labor_rate = *r.labor_rate;
  }
  Sum s;
  q.labor = s.Mul(q.labor_rate, r.people, r.days);
  q.lodging = s.Mul(q.lodging_rate, r.people, r.lodging_days);
  q.meals = s.Mul(q.meal_rate, r.people, r.meal_days);
  q.transport = r.transport;
  for (const Part& p : r.parts) {
    if (!p.unit) {
      return Status::InvalidField("parts", TrF(" {}: no unit price", p.name));
    }
    q.materials = s.Add({q.materials, s.Mul(*p.unit, p.qty)});
  }
  q.travel = s.Add({q.transport, q.lodging, q.meals});
  q.subtotal = s.Add({q.materials, q.labor, q.travel});
  q.tax = s.Percent(q.subtotal, q.tax_bp);
  q.cost = s.Add({q.subtotal, q.tax});
  q.management = s.Percent(q.cost, q.management_bp);
  q.total = s.Add({q.cost, q.management});
  q.charged = r.free ? Money{} : q.total;
  // What is stored must read back: no amount above 999,999,999,999.99 yuan.
  if (!s.ok() || q.total.fen > kMaxFen || q.subtotal.fen > kMaxFen) {
    return Status::InvalidArgument(_("the quote's amounts are too large to compute exactly"));
  }
  *out = std::move(q);
  return Status::OK();
}

void QuoteToEvent(const Quote& q, Event* e) {
  const QuoteRequest& r = q.request;
  e->action = "quote";
  e->Set("schedule", q.schedule);
  e->Set("people", r.people);
  e->Set("days", r.days);
  e->Set("lodging_days", r.lodging_days);
  e->Set("meal_days", r.meal_days);
  e->Set("transport", r.transport);
  if (r.labor_rate) e->Set("labor_rate", *r.labor_rate);
  if (!r.parts.empty()) e->Set("parts", r.parts);
  if (r.free) e->Set("free", true);
  if (!r.reason.empty()) e->Set("reason", r.reason);
  e->Set("total", q.total);
  e->Set("charged", q.charged);
}

QuoteRequest RequestFromEvent(const Event& e) {
  QuoteRequest r;
  r.people = e.Int("people", 1);
  r.days = e.Int("days", 1);
  r.lodging_days = e.Int("lodging_days");
  r.meal_days = e.Int("meal_days");
  if (const Value* v = e.Find("transport")) r.transport = std::get<Money>(*v);
  if (const Value* v = e.Find("labor_rate")) r.labor_rate = std::get<Money>(*v);
  if (const Value* v = e.Find("parts")) r.parts = std::get<std::vector<Part>>(*v);
  r.free = e.Flag("free");
  r.reason = e.Str("reason");
  return r;
}

namespace {

Status ResolvePart(std::string_view text, const PriceList& prices, Part* out) {
  std::vector<std::string_view> f = Split(text, ':');
  auto bad = [&](std::string_view why) {
    return Status::InvalidField(
        "parts",
        TrF(" '{}': {} (write NAME:QTY:UNIT_YUAN, or CODE:QTY for the price list)", text, why));
  };
  if (f.size() == 2) {
    const PricedPart* p = prices.Find(Trim(f[0]));
    if (!p) return bad(TrF("no part '{}' in the price list parts.toml", Trim(f[0])));
    Part part;
    if (!ParsePart(fmt::format("x:{}", f[1]), {}, "", &part).ok()) {
      return bad(_("the quantity must be a whole number from 1"));
    }
    part.name = p->name;
    part.unit = p->price;
    part.code = p->code;
    *out = std::move(part);
    return Status::OK();
  }
  if (f.size() != 3) return bad(_("expected NAME:QTY:UNIT_YUAN"));
  Money unit;
  if (!ParseMoney(f[2], &unit).ok()) return bad(TrF("'{}' is not a price in yuan", f[2]));
  return ParsePart(text, {}, "", out);
}

}  // namespace

Status MakeQuote(const QuoteArgs& a, const Config& config, const PriceList& prices,
                 const TicketState& state, const Time& at, Quote* out) {
  Date day = LocalDate(InOffset(at, config.offset_minutes));
  const FeeSchedule* schedule = config.FeesOn(day);
  if (!schedule) {
    return Status::NotAllowed(
        TrF("no fee schedule in svc.toml is in force on {}", FormatDate(day)));
  }
  if (a.people < 1)
    return Status::InvalidField("people", _(": give the number of people, at least 1"));
  if (a.days < 1) return Status::InvalidField("days", _(": give the number of days, at least 1"));
  QuoteRequest r;
  r.people = a.people;
  r.days = a.days;
  r.transport = a.transport.value_or(Money{});
  r.lodging_days = a.no_lodging ? 0 : a.lodging_days.value_or(a.days);
  r.meal_days = a.no_meals ? 0 : a.meal_days.value_or(a.days);
  r.labor_rate = a.labor_rate;
  r.reason = a.reason;
  SVC_RETURN_IF_ERROR(CheckText(a.reason, "reason", true));
  for (const auto& text : a.parts) {
    Part p;
    SVC_RETURN_IF_ERROR(ResolvePart(text, prices, &p));
    r.parts.push_back(std::move(p));
  }
  // R-4.5.3.1: who pays follows responsibility: paid service.
  bool paid = state.Paid();
  if (a.free && a.paid) return Status::InvalidFields(_("{free} and {paid} exclude each other"));
  if (a.free && paid && a.reason.empty()) {
    return Status::InvalidFields(
        _("{free}: this is paid service (the customer's responsibility or {service} paid); give "
          "the {reason}"));
  }
  if (a.paid && !paid && a.reason.empty()) {
    return Status::InvalidFields(
        _("{paid}: this service is free (warranty or our responsibility); give the {reason}"));
  }
  r.free = a.free || (!a.paid && !paid);
  return ComputeQuote(r, *schedule, out);
}

Status RecomputeQuote(const QuoteState& q, const Config& config, Quote* out, bool* same) {
  for (const auto& f : config.fees) {
    if (f.effective == q.schedule) {
      SVC_RETURN_IF_ERROR(ComputeQuote(q.request, f, out));
      *same = out->total == q.total && out->charged == q.charged;
      return Status::OK();
    }
  }
  return Status::NotFound(
      TrF("the fee schedule effective {} is no longer in svc.toml", FormatDate(q.schedule)));
}

}  // namespace svc
