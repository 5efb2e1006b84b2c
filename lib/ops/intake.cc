#include "ops/intake.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "model/annual_plan.h"
#include "model/form.h"
#include "model/limits.h"
#include "model/values.h"
#include "ops/annual_plan.h"
#include "rules/annual_plan.h"

namespace svc {

Status ValidateForm(const IntakeForm& form, const Config& config, const Time& at, const Time& now) {
  if (!config.FindDepartment(form.via)) {
    return Status::InvalidField(
        "via", fmt::format(": '{}' is no department code in svc.toml (codes: {})", form.via,
                           fmt::join(
                               [&] {
                                 std::vector<std::string> codes;
                                 for (const auto& d : config.departments) codes.push_back(d.code);
                                 return codes;
                               }(),
                               ", ")));
  }
  const Equipment& q = form.equipment;
  Ticket filled;  // the form's text, checked field by field (model/form.h)
  filled.customer = form.customer;
  filled.equipment = form.equipment;
  filled.description = form.description;
  SVC_RETURN_IF_ERROR(CheckFormText(filled));
  if (at.secs > now.secs) {
    return Status::InvalidField(
        "at", fmt::format(" {} is later than now ({})", FormatTimeIn(at, config.offset_minutes),
                          FormatTimeIn(now, config.offset_minutes)));
  }
  if (form.received && form.received->secs > at.secs) {
    return Status::InvalidField("received",
                                fmt::format(" {} is later than the form was filled ({})",
                                            FormatTimeIn(*form.received, config.offset_minutes),
                                            FormatTimeIn(at, config.offset_minutes)));
  }
  // The ticket file reads 1 to kMaxQuantity (0: not given); never write what cannot be read back.
  if (q.quantity < 0 || q.quantity > kMaxQuantity) {
    return Status::InvalidField("quantity",
                                fmt::format(" must be 1 to {}, not {}", kMaxQuantity, q.quantity));
  }
  if (form.level != 0 && !config.FindLevel(form.level)) {
    return Status::InvalidField("level", fmt::format(" must be 1 to 4, not {}", form.level));
  }
  return Status::OK();
}

Ticket NewTicket(const IntakeForm& form, const DocNumber& id, const Time& at,
                 const std::string& actor) {
  Ticket t;
  t.id = id.str();
  t.via = form.via;
  t.received = form.received ? *form.received : at;
  t.customer = form.customer;
  t.equipment = form.equipment;
  t.description = form.description;
  Event e;
  e.at = at;
  e.actor = actor;
  e.action = "open";
  if (form.level) e.Set("level", int64_t{form.level});
  t.Append(std::move(e));
  return t;
}

Status OpenTicket(const Store& store, const IntakeForm& form, const Time& at, const Time& now,
                  const std::string& actor, std::string* id) {
  const Config& config = store.config();
  SVC_RETURN_IF_ERROR(ValidateForm(form, config, at, now));
  SVC_RETURN_IF_ERROR(CheckText(actor, "actor", false));
  if (!form.annual_plan.empty()) {
    std::string year;
    int n = 0;
    SVC_RETURN_IF_ERROR(ParsePlanItemRef(form.annual_plan, &year, &n).Prefixed("--annual-plan"));
    std::string rel;
    SVC_RETURN_IF_ERROR(RecordPath(PlanKind(), year, &rel).Prefixed("--annual-plan"));
  }
  // the month of receipt in the company's time zone.
  Time received = InOffset(form.received ? *form.received : at, config.offset_minutes);
  if (Status y = CheckYear(LocalDate(received).year); !y.ok()) {
    return Status::InvalidField(
        form.received ? "received" : "at",
        fmt::format(": received {}: {}", FormatTimeIn(received, config.offset_minutes),
                    y.message()));
  }
  std::unique_ptr<FileLock> lock;
  SVC_RETURN_IF_ERROR(store.Lock(&lock));
  Date month = LocalDate(received);
  std::vector<int> taken;
  SVC_RETURN_IF_ERROR(
      store.TakenSequences(kTicketsFolder, form.via, month.year, month.month, &taken));
  DocNumber number;
  SVC_RETURN_IF_ERROR(NextNumber(form.via, received, taken, config.sequence_width, &number));
  Ticket t = NewTicket(form, number, at, actor);
  if (at.secs != now.secs) t.events.front().recorded = now;  // filled in later than it happened
  if (!form.annual_plan.empty()) {
    Event served;
    SVC_RETURN_IF_ERROR(PrepareServed(store, form.annual_plan, t.id, at, now, actor, &served));
    t.annual_plan = form.annual_plan;
    std::string year = form.annual_plan.substr(0, form.annual_plan.find(':'));
    std::string plan;
    SVC_RETURN_IF_ERROR(RecordPath(PlanKind(), year, &plan));
    SVC_RETURN_IF_ERROR(store.Intend({t.id + " " + form.annual_plan}, "annual-plan"));
    SVC_RETURN_IF_ERROR(store.Intend({TicketPath(number), plan}));
    SVC_RETURN_IF_ERROR(store.Create(t));
    SVC_RETURN_IF_ERROR(RecordServed(store, year, served));
    *id = t.id;
    return Status::OK();
  }
  SVC_RETURN_IF_ERROR(store.Create(t));
  *id = t.id;
  return Status::OK();
}

}  // namespace svc
