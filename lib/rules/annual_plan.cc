#include "rules/annual_plan.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>

#include "base/i18n.h"
#include "model/annual_plan.h"
#include "model/vocabulary.h"
#include "rules/state.h"

namespace svc {
namespace {

class PlanFold {
 public:
  PlanFold(const Record& r, PlanState* st) : r_(r), s_(*st) {}

  Status Apply(const Event& e) {
    namespace a = plan_action;
    if (e.Is(a::kItem)) return Item(e);
    if (e.Is(a::kApprove)) return Approve(e);
    if (e.Is(a::kServed)) return Served(e);
    if (e.Is(a::kCancel)) return Cancel(e);
    return Refuse(e, _("an annual plan has no such action"));
  }

 private:
  Status Refuse(const Event& e, std::string_view why) const {
    return Refusal(TrF("plan {}", r_.View("id")), e, why);
  }

  Status Item(const Event& e) {
    int64_t n = e.Int("n");
    int last = s_.Last();
    if (n < 1) return Refuse(e, _("the item has no number"));
    if (n > last + 1) {
      return Refuse(e, TrF("item {} leaves a gap: the plan's items run to {}", n, last));
    }
    if (e.View("customer").empty()) return Refuse(e, _("the item names no customer"));
    int64_t month = e.Int("month");
    if (month < 1 || month > 12) {
      return Refuse(e, TrF("the month {} is not 1 to 12", month));
    }
    if (!PlanWorks().Has(e.View("work"))) {
      return Refuse(e, TrF("the work '{}' is not one of {}", e.View("work"),
                           fmt::join(PlanWorks().Stored(), ", ")));
    }
    PlanItem it;
    it.given = static_cast<int>(n);
    // Numbered already (an item of another clone, merged): the next free number.
    it.n = n <= last ? last + 1 : static_cast<int>(n);
    it.customer = e.Str("customer");
    it.serial = e.Str("serial");
    it.month = static_cast<int>(month);
    it.work = e.Str("work");
    it.note = e.Str("note");
    it.added = e.at;
    it.added_by = e.actor;
    s_.items.push_back(std::move(it));
    return Status::OK();
  }

  Status Approve(const Event& e) {
    for (PlanItem& it : s_.items) {
      if (it.approved || it.cancelled) continue;
      it.approved = e.at;
      it.approved_by = e.actor;
    }
    s_.approvals.push_back(e);
    return Status::OK();
  }

  // The item an event names: by number and the item's own time (`added`),
  // else by number alone.
  PlanItem* Named(const Event& e) {
    int64_t n = e.Int("item");
    const Value* v = e.Find("added");
    const Time* added = v ? std::get_if<Time>(v) : nullptr;
    for (PlanItem& it : s_.items) {
      if (added && it.added.secs == added->secs && (it.given == n || it.n == n)) return &it;
    }
    if (added) return nullptr;
    for (PlanItem& it : s_.items) {
      if (it.n == n) return &it;
    }
    return nullptr;
  }

  Status Served(const Event& e) {
    PlanItem* it = Named(e);
    if (!it) return Refuse(e, TrF("the plan has no item {}", e.Int("item")));
    if (e.View("ticket").empty()) return Refuse(e, _("it names no ticket"));
    if (it->cancelled) return Refuse(e, TrF("item {} was cancelled", it->n));
    if (!it->approved) return Refuse(e, TrF("item {} is not approved", it->n));
    if (it->served) {
      return Refuse(e, TrF("item {} was already served by {}", it->n, it->ticket));
    }
    it->served = e.at;
    it->ticket = e.Str("ticket");
    return Status::OK();
  }

  Status Cancel(const Event& e) {
    PlanItem* it = Named(e);
    if (!it) return Refuse(e, TrF("the plan has no item {}", e.Int("item")));
    if (it->cancelled) return Refuse(e, TrF("item {} was already cancelled", it->n));
    if (it->served) {
      return Refuse(e, TrF("item {} was served by {}", it->n, it->ticket));
    }
    it->cancelled = true;
    it->cancel_reason = e.Str("reason");
    return Status::OK();
  }

  const Record& r_;
  PlanState& s_;
};

}  // namespace

std::string_view PlanItem::State() const {
  if (cancelled) return "cancelled";
  if (served) return "served";
  if (approved) return "approved";
  return "planned";
}

const PlanItem* PlanState::Find(int n) const {
  for (const PlanItem& it : items) {
    if (it.n == n) return &it;
  }
  return nullptr;
}

int PlanState::Last() const {
  int last = 0;
  for (const PlanItem& it : items) last = std::max(last, it.n);
  return last;
}

Status FoldPlan(const Record& r, const std::optional<Time>& as_of, PlanState* out, size_t* failed) {
  PlanState st;
  st.id = std::string(r.View("id"));
  std::from_chars(st.id.data(), st.id.data() + st.id.size(), st.year);
  PlanFold fold(r, &st);
  SVC_RETURN_IF_ERROR(FoldEvents(
      r, as_of, [&](const Event& e) { return fold.Apply(e); }, &st.history, failed));
  *out = std::move(st);
  return Status::OK();
}

std::vector<Clock> PlanClocks(const PlanState& plan, int offset_minutes, const Time& now) {
  std::vector<Clock> out;
  for (const PlanItem& it : plan.items) {
    if (!it.approved || it.cancelled || it.approved->secs > now.secs) continue;
    Clock c;
    c.name = "annual-plan";
    c.record = PlanItemRef(plan.id, it.n);
    c.clause = "R-4.5.5";
    c.start = *it.approved;
    Date next = it.month == 12 ? Date{plan.year + 1, 1, 1} : Date{plan.year, it.month + 1, 1};
    c.deadline = StartOfDay(next, offset_minutes);
    c.target = Duration{c.deadline.secs - c.start.secs};
    if (it.served && it.served->secs <= now.secs) c.stop = it.served;
    c.state = StateAt(c, now);
    out.push_back(std::move(c));
  }
  return out;
}

std::string PlanItemRef(std::string_view year, int n) {
  return fmt::format("{}:{}", year, n);
}

Status ParsePlanItemRef(std::string_view text, std::string* year, int* n) {
  size_t colon = text.find(':');
  auto bad = [&] {
    return Status::InvalidArgument(TrF("'{}' is not a plan item: give YEAR:N, e.g. 2026:3", text));
  };
  if (colon != 4) return bad();
  std::string_view y = text.substr(0, 4), num = text.substr(5);
  if (!std::all_of(y.begin(), y.end(), [](char c) { return c >= '0' && c <= '9'; })) return bad();
  int v = 0;
  auto [p, ec] = std::from_chars(num.data(), num.data() + num.size(), v);
  if (ec != std::errc() || p != num.data() + num.size() || v < 1 || num.starts_with('0')) {
    return bad();
  }
  *year = std::string(y);
  *n = v;
  return Status::OK();
}

}  // namespace svc
