#include "ops/annual_plan.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <memory>

#include "base/i18n.h"
#include "base/text.h"
#include "format/record_toml.h"
#include "model/annual_plan.h"
#include "model/values.h"
#include "model/vocabulary.h"
#include "ops/customers.h"
#include "ops/record_ops.h"
#include "rules/authority.h"
#include "storage/paths.h"

namespace svc {
namespace {

namespace act = plan_action;

Status CheckYearId(const std::string& year) {
  std::string rel;
  return RecordPath(PlanKind(), year, &rel);
}

Status NoPlan(const std::string& year) {
  return Status::NotFound(TrF("no annual plan for {} (see 'svc annual-plan add {}')", year, year));
}

// Reads plan `year`'s record; *exists false (and an empty record) if there is none.
Status ReadPlan(const Store& store, const std::string& year, Record* r, bool* exists) {
  Status s = store.LoadRecord(PlanKind(), year, r);
  *exists = s.ok();
  if (s.code() == Status::Code::kNotFound) {
    *r = Record{};
    r->kind = &PlanKind();
    r->Set("id", year);
    return Status::OK();
  }
  return s;
}

std::string FileOf(const Store& store, const std::string& year) {
  std::string rel;
  (void)RecordPath(PlanKind(), year, &rel);
  return store.Abs(rel);
}

// Folds `r` with `e` appended; the fold's refusal as the command's. Saves it.
// REQUIRES: the lock is held.
Status AppendTo(const Store& store, Record r, bool exists, Event e) {
  r.Append(std::move(e));
  PlanState st;
  SVC_RETURN_IF_ERROR(FoldPlan(r, std::nullopt, &st));
  return exists ? store.SaveRecord(r) : store.CreateRecord(r);
}

Status FoldOrCorrupt(const Store& store, const std::string& year, const Record& r,
                     const std::optional<Time>& as_of, PlanState* out) {
  Status s = FoldPlan(r, as_of, out);
  if (!s.ok()) {
    return Status::Corruption(TrF("{}: {} (see 'svc check')", FileOf(store, year), s.message()));
  }
  return Status::OK();
}

// The item `n` of plan `year`, read and folded under the lock.
Status LoadItem(const Store& store, const std::string& year, int n, Record* r, PlanState* st,
                const PlanItem** item) {
  bool exists = false;
  SVC_RETURN_IF_ERROR(CheckYearId(year));
  SVC_RETURN_IF_ERROR(ReadPlan(store, year, r, &exists));
  if (!exists) return NoPlan(year);
  SVC_RETURN_IF_ERROR(FoldOrCorrupt(store, year, *r, std::nullopt, st));
  *item = st->Find(n);
  if (!*item) {
    return Status::NotFound(
        TrF("the annual plan for {} has no item {} (see 'svc "
            "annual-plan show {}')",
            year, n, year));
  }
  return Status::OK();
}

}  // namespace

Status LoadPlan(const Store& store, const std::string& year, const std::optional<Time>& as_of,
                PlanState* out) {
  SVC_RETURN_IF_ERROR(CheckYearId(year));
  Record r;
  bool exists = false;
  SVC_RETURN_IF_ERROR(ReadPlan(store, year, &r, &exists));
  if (!exists) return NoPlan(year);
  SVC_RETURN_IF_ERROR(FoldOrCorrupt(store, year, r, as_of, out));
  if (as_of && out->history.empty()) return NoPlan(year);
  return Status::OK();
}

Status LoadPlans(const Store& store, const std::optional<Time>& as_of,
                 std::vector<PlanState>* out) {
  std::vector<std::string> names;
  bool exists = false;
  SVC_RETURN_IF_ERROR(
      store.disk()->ListDir(store.Abs(std::string(PlanKind().folder)), &names, &exists));
  std::sort(names.begin(), names.end());
  out->clear();
  for (const std::string& name : names) {
    if (!IsRecordFileName(name)) continue;
    std::string year = name.substr(0, name.size() - 5);
    if (!CheckYearId(year).ok()) continue;
    PlanState st;
    Status s = LoadPlan(store, year, as_of, &st);
    if (s.code() == Status::Code::kNotFound) continue;
    SVC_RETURN_IF_ERROR(s);
    out->push_back(std::move(st));
  }
  return Status::OK();
}

Status AddPlanItem(const Store& store, const std::string& year, const PlanItemForm& form,
                   const Time& at, const Time& now, const std::string& actor, int* n) {
  SVC_RETURN_IF_ERROR(CheckYearId(year));
  if (Trim(form.customer).empty()) return Status::InvalidField("customer", _(" is empty"));
  SVC_RETURN_IF_ERROR(CheckText(form.customer, "customer", false));
  SVC_RETURN_IF_ERROR(CheckText(form.serial, "serial", false));
  SVC_RETURN_IF_ERROR(CheckText(form.note, "note", true));
  SVC_RETURN_IF_ERROR(CheckText(actor, "actor", false));
  if (form.month < 1 || form.month > 12) {
    return Status::InvalidField("month", TrF(" {} is not 1 to 12", form.month));
  }
  const Word* work = PlanWorks().Parse(form.work);
  if (!work) {
    return Status::InvalidField(
        "work", TrF(" '{}' is not one of {}", form.work, fmt::join(PlanWorks().Typed(), ", ")));
  }
  SVC_RETURN_IF_ERROR(CheckWhen(at, now));
  std::unique_ptr<FileLock> lock;
  SVC_RETURN_IF_ERROR(store.Lock(&lock));
  std::unique_ptr<CustomerBook> book;
  SVC_RETURN_IF_ERROR(CustomerBook::Load(store, std::nullopt, &book));
  const CustomerState* c = nullptr;
  SVC_RETURN_IF_ERROR(ResolveCustomer(*book, form.customer, &c));
  if (!form.serial.empty() && !c->FindUnit(form.serial)) {
    const CustomerState* owner = nullptr;
    if (book->FindUnit(form.serial, &owner)) {
      return Status::NotAllowed(TrF("the unit {} is {}'s ({}), not {}'s", form.serial, owner->code,
                                    owner->name, c->code));
    }
    return Status::NotFound(
        TrF("no unit with the serial number '{}' is registered to {} (see 'svc equipment list "
            "--customer {}')",
            form.serial, c->code, c->code));
  }
  Record r;
  bool exists = false;
  SVC_RETURN_IF_ERROR(ReadPlan(store, year, &r, &exists));
  PlanState st;
  SVC_RETURN_IF_ERROR(FoldOrCorrupt(store, year, r, std::nullopt, &st));
  Event e = NewEvent(act::kItem, at, now, actor);
  e.Set("n", static_cast<int64_t>(st.Last() + 1));
  e.Set("customer", c->code);
  if (!form.serial.empty()) e.Set("serial", form.serial);
  e.Set("month", static_cast<int64_t>(form.month));
  e.Set("work", std::string(work->stored));
  if (!form.note.empty()) e.Set("note", form.note);
  SVC_RETURN_IF_ERROR(AppendTo(store, std::move(r), exists, std::move(e)));
  *n = st.Last() + 1;
  return Status::OK();
}

Status ApprovePlan(const Store& store, const std::string& year, const std::string& role,
                   const std::string& comment, const Time& at, const Time& now,
                   const std::string& actor, int* approved) {
  SVC_RETURN_IF_ERROR(CheckYearId(year));
  std::string as = role.empty() ? std::string(word::kGeneralManager) : role;
  if (as != word::kGeneralManager) {
    return Status::InvalidField(
        "as", TrF(" '{}': the annual service plan is approved by the general manager "
                  "(--as gm, R-4.5.5)",
                  as));
  }
  SVC_RETURN_IF_ERROR(CheckText(comment, "comment", true));
  SVC_RETURN_IF_ERROR(CheckText(actor, "actor", false));
  SVC_RETURN_IF_ERROR(CheckWhen(at, now));
  SVC_RETURN_IF_ERROR(MayApprove(store.config(), actor, as, ""));
  std::unique_ptr<FileLock> lock;
  SVC_RETURN_IF_ERROR(store.Lock(&lock));
  Record r;
  bool exists = false;
  SVC_RETURN_IF_ERROR(ReadPlan(store, year, &r, &exists));
  if (!exists) return NoPlan(year);
  PlanState st;
  SVC_RETURN_IF_ERROR(FoldOrCorrupt(store, year, r, std::nullopt, &st));
  int waiting = 0;
  for (const PlanItem& it : st.items) {
    if (!it.approved && !it.cancelled && it.added.secs <= at.secs) ++waiting;
  }
  if (waiting == 0) {
    return Status::NotAllowed(TrF("the annual plan for {} has no item awaiting approval", year));
  }
  Event e = NewEvent(act::kApprove, at, now, actor);
  e.Set("role", as);
  if (!comment.empty()) e.Set("comment", comment);
  SVC_RETURN_IF_ERROR(AppendTo(store, std::move(r), true, std::move(e)));
  *approved = waiting;
  return Status::OK();
}

Status CancelPlanItem(const Store& store, const std::string& year, int n, const std::string& reason,
                      const Time& at, const Time& now, const std::string& actor) {
  if (Trim(reason).empty()) return Status::InvalidField("reason", _(" is empty"));
  SVC_RETURN_IF_ERROR(CheckText(reason, "reason", true));
  SVC_RETURN_IF_ERROR(CheckText(actor, "actor", false));
  SVC_RETURN_IF_ERROR(CheckWhen(at, now));
  std::unique_ptr<FileLock> lock;
  SVC_RETURN_IF_ERROR(store.Lock(&lock));
  Record r;
  PlanState st;
  const PlanItem* it = nullptr;
  SVC_RETURN_IF_ERROR(LoadItem(store, year, n, &r, &st, &it));
  if (it->cancelled) {
    return Status::NotAllowed(TrF("item {}:{} was already cancelled", year, n));
  }
  if (it->served) {
    return Status::NotAllowed(
        TrF("item {}:{} was served by {}: it stays on the plan", year, n, it->ticket));
  }
  Event e = NewEvent(act::kCancel, at, now, actor);
  e.Set("item", static_cast<int64_t>(it->n));
  e.Set("added", it->added);
  e.Set("reason", reason);
  return AppendTo(store, std::move(r), true, std::move(e));
}

Status PrepareServed(const Store& store, const std::string& ref, const std::string& ticket,
                     const Time& at, const Time& now, const std::string& actor, Event* out) {
  std::string year;
  int n = 0;
  SVC_RETURN_IF_ERROR(ParsePlanItemRef(ref, &year, &n));
  Record r;
  PlanState st;
  const PlanItem* it = nullptr;
  SVC_RETURN_IF_ERROR(LoadItem(store, year, n, &r, &st, &it));
  if (it->cancelled) return Status::NotAllowed(TrF("item {} was cancelled", ref));
  if (it->served) {
    return Status::NotAllowed(TrF("item {} was already served by {}", ref, it->ticket));
  }
  if (!it->approved || it->approved->secs > at.secs) {
    return Status::NotAllowed(TrF(
        "item {} is not approved: the general manager approves the plan first ('svc annual-plan "
        "approve {}')",
        ref, year));
  }
  Event e = NewEvent(act::kServed, at, now, actor);
  e.Set("item", static_cast<int64_t>(it->n));
  e.Set("added", it->added);
  e.Set("ticket", ticket);
  *out = std::move(e);
  return Status::OK();
}

Status RecordServed(const Store& store, const std::string& year, const Event& served) {
  Record r;
  bool exists = false;
  SVC_RETURN_IF_ERROR(ReadPlan(store, year, &r, &exists));
  if (!exists) return NoPlan(year);
  return AppendTo(store, std::move(r), true, served);
}

JsonValue PlanJson(const PlanState& plan, int offset_minutes, const Time& now) {
  std::vector<Clock> clocks = PlanClocks(plan, offset_minutes, now);
  JsonValue o = JsonValue::Object();
  o.Add("year", plan.id);
  JsonValue items = JsonValue::Array();
  for (const PlanItem& it : plan.items) {
    JsonValue j = JsonValue::Object();
    j.Add("n", static_cast<int64_t>(it.n));
    j.Add("ref", PlanItemRef(plan.id, it.n));
    if (it.given != it.n) j.Add("given", static_cast<int64_t>(it.given));
    j.Add("customer", it.customer);
    j.Add("serial", JsonValue::OrNull(it.serial));
    j.Add("month", static_cast<int64_t>(it.month));
    j.Add("work", it.work);
    j.Add("note", JsonValue::OrNull(it.note));
    j.Add("state", std::string(it.State()));
    j.Add("added", FormatTimeIn(it.added, offset_minutes));
    j.Add("added_by", it.added_by);
    j.Add("approved",
          it.approved ? JsonValue(FormatTimeIn(*it.approved, offset_minutes)) : JsonValue());
    j.Add("ticket", JsonValue::OrNull(it.ticket));
    bool overdue = false;
    std::string ref = PlanItemRef(plan.id, it.n);
    for (const Clock& c : clocks) {
      if (c.record == ref) {
        overdue = c.state == ClockState::kOverdue;
        j.Add("deadline", FormatTimeIn(c.deadline, offset_minutes));
        j.Add("clock", std::string(ClockStateName(c.state)));
      }
    }
    j.Add("overdue", overdue);
    if (it.cancelled) j.Add("cancel_reason", it.cancel_reason);
    items.Push(std::move(j));
  }
  o.Add("items", std::move(items));
  return o;
}

}  // namespace svc
