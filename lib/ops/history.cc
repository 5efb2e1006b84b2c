#include "ops/history.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "base/i18n.h"
#include "base/text.h"
#include "ops/customers.h"
#include "ops/visits.h"
#include "rules/state.h"
#include "rules/visit.h"

namespace svc {
namespace {

// Whether a ticket's summary belongs to what the query asks for.
struct Matcher {
  std::string code;  // the customer on file's code
  const CustomerState* on_file = nullptr;
  std::string name;  // a name not on file, as given
  std::string serial;
  std::string phone_digits;

  bool operator()(const TicketSummary& t) const {
    if (!serial.empty()) return t.serial == serial;
    if (!phone_digits.empty() && PhoneDigits(t.phone) == phone_digits) return true;
    if (on_file) {
      if (t.customer_code == code) return true;
      // Opened before the customer file knew it: by its name or an alias.
      return t.customer_code.empty() && NameMatches(*on_file, t.customer);
    }
    return !name.empty() && Trim(t.customer) == Trim(name);
  }
};

}  // namespace

Status CustomerHistory(const Store& store, const HistoryQuery& query, const Time& now,
                       const ScanOptions& options, History* out,
                       const std::function<void(const Status&)>& unreadable) {
  int given = !query.customer.empty() + !query.serial.empty() + !query.phone.empty();
  if (given != 1) {
    return Status::InvalidArgument(_("give one of --customer, --serial or --phone"));
  }
  *out = History{};
  std::unique_ptr<CustomerBook> book;
  SVC_RETURN_IF_ERROR(CustomerBook::Load(store, now, &book));
  Matcher match;
  const CustomerState* found = nullptr;
  if (!query.customer.empty()) {
    Status s = ResolveCustomer(*book, Trim(query.customer), &found);
    if (s.code() == Status::Code::kNotAllowed) return s;
    if (!found) match.name = std::string(Trim(query.customer));
  } else if (!query.serial.empty()) {
    match.serial = std::string(Trim(query.serial));
    // A unit's history is the unit's tickets, not all of its customer's.
    const CustomerState* owner = nullptr;
    if (book->FindUnit(match.serial, &owner)) out->customer = *owner;
  } else {
    match.phone_digits = PhoneDigits(query.phone);
    if (match.phone_digits.empty()) {
      return Status::InvalidField("phone", TrF(" '{}' holds no digit", query.phone));
    }
    std::vector<const CustomerState*> owners = book->ByPhone(query.phone);
    if (owners.size() == 1) found = owners.front();
  }
  if (found) {
    match.on_file = found;
    match.code = found->code;
    out->customer = *found;
  }
  SVC_RETURN_IF_ERROR(ScanSummaries(
      store, now, options,
      [&](const Store::Entry&, const TicketSummary& t) {
        if (!t.opened || !match(t)) return;
        HistoryEntry e;
        e.id = t.id;
        e.kind = "ticket";
        e.when = t.received;
        e.status = std::string(StatusName(t.status));
        e.customer = t.customer;
        e.customer_code = t.customer_code;
        e.what = t.headline;
        e.last_action = t.last_action;
        if (!t.last_action.empty()) e.last_at = Time{t.last_at, t.received.offset_minutes};
        out->entries.push_back(std::move(e));
      },
      [&](const Status& s) {
        ++out->unreadable;
        unreadable(s);
      }));
  // The visits (R-4.6 a): a customer's, a phone's customer's, or those that saw the unit.
  std::vector<VisitState> visits;
  SVC_RETURN_IF_ERROR(LoadVisits(store, now, &visits));
  for (const VisitState& v : visits) {
    bool mine = !match.serial.empty()
                    ? std::find(v.serials.begin(), v.serials.end(), match.serial) != v.serials.end()
                : match.on_file ? v.customer_code == match.code
                                : !match.name.empty() && Trim(v.customer) == Trim(match.name);
    if (!mine) continue;
    HistoryEntry e;
    e.id = v.id;
    e.kind = "visit";
    e.when = v.at;
    e.status = std::string(VisitStatus(v));
    e.customer = v.customer;
    e.customer_code = v.customer_code;
    e.what = v.findings.substr(0, v.findings.find('\n'));
    const Event* last = v.history.empty() ? nullptr : &v.history.back();
    if (last) {
      e.last_action = last->action;
      e.last_at = last->at;
    }
    out->entries.push_back(std::move(e));
  }
  std::stable_sort(out->entries.begin(), out->entries.end(),
                   [](const HistoryEntry& a, const HistoryEntry& b) {
                     if (a.when.secs != b.when.secs) return a.when.secs > b.when.secs;
                     return a.id > b.id;
                   });
  return Status::OK();
}

}  // namespace svc
