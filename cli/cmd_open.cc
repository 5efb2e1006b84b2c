#include <fmt/format.h>

#include "base/i18n.h"
#include "base/text.h"
#include "commands.h"
#include "model/limits.h"
#include "model/values.h"
#include "ops/intake.h"

namespace svc::cli {
namespace {

Status OptionalDate(const std::string& option, const std::string& text, std::optional<Date>* out) {
  if (text.empty()) return Status::OK();
  Date d;
  SVC_RETURN_IF_ERROR(ParseUserDate(text, &d, kMinEquipmentYear).Prefixed(option));
  *out = d;
  return Status::OK();
}

Status BuildForm(Context& ctx, const OpenOptions& o, IntakeForm* f) {
  f->via = o.via;
  f->customer = Customer{o.customer, o.contact, o.title, o.phone, o.address, ""};
  Equipment& q = f->equipment;
  q.product = o.product;
  q.model = o.model;
  q.size = o.size;
  q.serial = o.serial;
  q.quantity = o.quantity;
  q.project_no = o.project_no;
  q.equipment_no = o.equipment_no;
  q.invoice_no = o.invoice_no;
  SVC_RETURN_IF_ERROR(OptionalDate("--commissioned", o.commissioned, &q.commissioned));
  SVC_RETURN_IF_ERROR(OptionalDate("--purchased", o.purchased, &q.purchased));
  SVC_RETURN_IF_ERROR(OptionalDate("--warranty-until", o.warranty_until, &q.warranty_until));
  f->description = o.description;
  if (o.description == "-" || !o.description_file.empty()) {
    SVC_RETURN_IF_ERROR(ReadInput(o.description == "-" ? "-" : o.description_file, &f->description)
                            .Prefixed("--description-file"));
  }
  // Trailing newlines of a file or a pipe are not part of the description.
  while (!f->description.empty() && f->description.back() == '\n') f->description.pop_back();
  if (!o.received_at.empty()) {
    Time r;
    SVC_RETURN_IF_ERROR(ctx.TimeOption("--received-at", o.received_at, &r));
    f->received = r;
  }
  f->level = o.level;
  f->annual_plan = o.annual_plan;
  f->complaint = o.complaint;
  return Status::OK();
}

}  // namespace

int RunOpen(Context& ctx, const OpenOptions& o) {
  Status s = ctx.OpenStore();
  if (!s.ok()) return Fail(s);
  IntakeForm form;
  Time now, at;
  if (!(s = ctx.Now(&now)).ok() || !(s = BuildForm(ctx, o, &form)).ok() ||
      !(s = ctx.TimeOption("--at", o.at, &at)).ok()) {
    return Fail(s);
  }
  std::string id, actor;
  if (!(s = ctx.ActorName(&actor)).ok()) return Fail(s);
  std::vector<std::string> notes;
  if (!(s = MatchCustomerFile(ctx.store(), o.new_customer, &form, &notes)).ok()) return Fail(s);
  s = OpenTicket(ctx.store(), form, at, now, actor, &id);
  if (!s.ok()) return Fail(s);
  fmt::print("{}\n", id);
  for (const std::string& n : notes)
    fmt::print(stderr, "svc: {}\n", TrF("note: {}", EscapeControls(n)));
  ctx.SetCommitMessage(fmt::format("{}: open ({})", id, form.customer.name));
  return 0;
}

}  // namespace svc::cli
