#include "ops/agenda.h"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/i18n.h"
#include "format/ics.h"
#include "model/vocabulary.h"
#include "ops/annual_plan.h"
#include "ops/customers.h"
#include "ops/visits.h"
#include "rules/annual_plan.h"
#include "rules/customer.h"
#include "rules/state.h"
#include "rules/summary.h"

namespace svc {
namespace {

constexpr int64_t kEventSecs = 3600;  // a dispatch or a visit: a one-hour block

// A line of a description, left out when there is nothing to say.
void AddLine(std::string* description, std::string_view label, std::string_view value) {
  if (!value.empty()) *description += fmt::format("\n{}: {}", label, value);
}

bool Wanted(const AgendaQuery& q, const Time& start, const std::vector<std::string>& techs) {
  if (q.from && start.secs < q.from->secs) return false;
  if (q.to && start.secs >= q.to->secs) return false;
  return q.tech.empty() || std::find(techs.begin(), techs.end(), q.tech) != techs.end();
}

// The outbound records of one ticket file with a planned arrival asked for.
Status AddDispatchesOf(const Store& store, const Store::Entry& e, const Time& now,
                       const AgendaQuery& q, const std::function<void(const Status&)>& unreadable,
                       std::vector<AgendaItem>* out) {
  Ticket t;
  TicketState st;
  Status s = store.LoadFile(e, &t);
  if (s.ok()) s = Fold(t, store.config(), now, &st);
  if (!s.ok()) {
    unreadable(s);
    return Status::OK();
  }
  if (!st.opened || st.status == TicketStatus::kVoid) return Status::OK();
  Ticket form = CorrectedForm(t, st);
  for (const OutboundRecord& r : st.records) {
    if (!r.planned || !Wanted(q, *r.planned, r.techs)) continue;
    AgendaItem a;
    a.uid = r.number + "@svc";
    a.kind = "dispatch";
    a.start = *r.planned;
    a.techs = r.techs;
    a.summary = fmt::format("{} {}: {}", r.number, form.customer.name, form.equipment.product);
    a.location = form.customer.address;
    a.description = TrF("Ticket {}\nTechs: {}", t.id, fmt::format("{}", fmt::join(r.techs, ", ")));
    std::string contact = form.customer.contact;
    if (!form.customer.phone.empty()) contact += (contact.empty() ? "" : " ") + form.customer.phone;
    AddLine(&a.description, _("Contact"), contact);
    AddLine(&a.description, _("Fault"), form.description);
    out->push_back(std::move(a));
  }
  return Status::OK();
}

// Every outbound record with a planned arrival, of every ticket not voided:
// picked through the summaries, and only the tickets that may have one read.
Status AddDispatches(const Store& store, const Time& now, const AgendaQuery& q,
                     const ScanOptions& options,
                     const std::function<void(const Status&)>& unreadable,
                     std::vector<AgendaItem>* out) {
  Status failed;
  SVC_RETURN_IF_ERROR(ScanSummaries(
      store, now, options,
      [&](const Store::Entry& e, const TicketSummary& sum) {
        if (!failed.ok() || !sum.opened || sum.status == TicketStatus::kVoid) return;
        bool any =
            std::any_of(sum.records.begin(), sum.records.end(), [&](const TicketSummary::Sent& r) {
              return r.planned && Wanted(q, Time{*r.planned, 0}, sum.techs);
            });
        if (any) failed = AddDispatchesOf(store, e, now, q, unreadable, out);
      },
      unreadable));
  return failed;
}

Status AddVisits(const Store& store, const Time& now, const AgendaQuery& q,
                 std::vector<AgendaItem>* out) {
  std::vector<VisitState> visits;
  SVC_RETURN_IF_ERROR(LoadVisits(store, now, &visits));
  for (const VisitState& v : visits) {
    if (!Wanted(q, v.at, v.by)) continue;
    AgendaItem a;
    a.uid = v.id + "@svc";
    a.kind = "visit";
    a.start = v.at;
    a.techs = v.by;
    a.summary = TrF("{} visit: {}", v.id, v.customer);
    a.description = TrF("Customer {} {}\nBy: {}", v.customer_code, v.customer,
                        fmt::format("{}", fmt::join(v.by, ", ")));
    AddLine(&a.description, _("Findings"), v.findings);
    AddLine(&a.description, _("Requests"), v.requests);
    out->push_back(std::move(a));
  }
  return Status::OK();
}

Status AddPlanItems(const Store& store, const Time& now, const AgendaQuery& q,
                    std::vector<AgendaItem>* out) {
  if (!q.tech.empty()) return Status::OK();  // a plan item names no engineer
  std::vector<PlanState> plans;
  SVC_RETURN_IF_ERROR(LoadPlans(store, now, &plans));
  const int offset = store.config().offset_minutes;
  for (const PlanState& plan : plans) {
    for (const PlanItem& it : plan.items) {
      if (it.cancelled) continue;
      Date day{plan.year, it.month, 1};
      Time start = StartOfDay(day, offset);
      if (!Wanted(q, start, {})) continue;
      CustomerState c;
      std::string customer = LoadCustomer(store, it.customer, now, &c).ok() ? c.name : "";
      AgendaItem a;
      a.uid = fmt::format("plan-{}@svc", PlanItemRef(plan.id, it.n));
      for (char& ch : a.uid) ch = ch == ':' ? '-' : ch;
      a.kind = "plan";
      a.start = start;
      a.all_day = true;
      a.day = day;
      a.summary =
          TrF("Plan {} {}: {}", PlanItemRef(plan.id, it.n), customer, PlanWorks().Zh(it.work));
      if (!c.addresses.empty()) a.location = c.addresses.front();
      a.description = it.serial.empty() ? TrF("Annual plan {} item {} ({}), customer {}", plan.id,
                                              it.n, it.State(), it.customer)
                                        : TrF("Annual plan {} item {} ({}), customer {}, unit {}",
                                              plan.id, it.n, it.State(), it.customer, it.serial);
      if (!it.note.empty()) a.description += "\n" + it.note;
      out->push_back(std::move(a));
    }
  }
  return Status::OK();
}

}  // namespace

Status BuildAgenda(const Store& store, const Time& now, const AgendaQuery& query,
                   const ScanOptions& options, const std::function<void(const Status&)>& unreadable,
                   std::vector<AgendaItem>* out) {
  out->clear();
  SVC_RETURN_IF_ERROR(AddDispatches(store, now, query, options, unreadable, out));
  SVC_RETURN_IF_ERROR(AddVisits(store, now, query, out));
  SVC_RETURN_IF_ERROR(AddPlanItems(store, now, query, out));
  std::sort(out->begin(), out->end(), [](const AgendaItem& a, const AgendaItem& b) {
    return std::tie(a.start.secs, a.uid) < std::tie(b.start.secs, b.uid);
  });
  return Status::OK();
}

std::string AgendaIcs(const std::vector<AgendaItem>& items, const Time& now) {
  IcsWriter w;
  w.Begin("VCALENDAR");
  w.Property("VERSION", "2.0");
  w.Property("PRODID", "-//svc//agenda//EN");
  w.Property("CALSCALE", "GREGORIAN");
  for (const AgendaItem& a : items) {
    w.Begin("VEVENT");
    w.Property("UID", a.uid);
    w.Property("DTSTAMP", IcsUtc(now));
    if (a.all_day) {
      w.Property("DTSTART;VALUE=DATE", IcsDate(a.day));
      w.Property("DTEND;VALUE=DATE", IcsDate(DateFromDays(DaysFromDate(a.day) + 1)));
    } else {
      w.Property("DTSTART", IcsUtc(a.start));
      w.Property("DTEND", IcsUtc(Add(a.start, Duration{kEventSecs})));
    }
    w.Text("SUMMARY", a.summary);
    if (!a.location.empty()) w.Text("LOCATION", a.location);
    w.Text("DESCRIPTION", a.description);
    w.Text("CATEGORIES", a.kind);
    w.End("VEVENT");
  }
  w.End("VCALENDAR");
  return w.Take();
}

}  // namespace svc
