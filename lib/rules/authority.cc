#include "rules/authority.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <vector>

#include "base/i18n.h"
#include "model/vocabulary.h"
#include "rules/state.h"

namespace svc {
namespace {

// The department routing sends quality problems to (R-4.2.1: the Quality dept).
std::string_view QualityDept(const Config& config) {
  auto it = config.routing.find(std::string(word::kQuality));
  return it == config.routing.end() ? std::string_view() : std::string_view(it->second);
}

// Whether `m` may approve as `role` a ticket routed to `route`.
bool Holds(const Config& config, const StaffMember& m, std::string_view role,
           std::string_view route) {
  if (role == "head") return m.role == "head" && !route.empty() && m.dept == route;
  if (role == word::kQuality) {
    return m.role == word::kQuality || (!m.dept.empty() && m.dept == QualityDept(config));
  }
  return ApprovalRoles().Has(role) && m.role == role;
}

// "[[staff]] lists 王芳 as desk of YX" / "[[staff]] does not list 王芳".
std::string WhoIs(const Config& config, std::string_view actor) {
  const StaffMember* m = config.FindStaff(actor);
  if (!m) return TrF("[[staff]] does not list {}", actor);
  if (m->dept.empty()) return TrF("[[staff]] lists {} as {}", actor, m->role);
  return TrF("[[staff]] lists {} as {} of {}", actor, m->role, m->dept);
}

// Who may approve as `role`: "the general manager is 张伟", "[[staff]] lists
// no head of YF", ….
std::string WhoMay(const Config& config, std::string_view role, std::string_view route) {
  std::vector<std::string> names;
  for (const StaffMember& m : config.staff) {
    if (Holds(config, m, role, route)) names.push_back(m.name);
  }
  std::string list = fmt::format("{}", fmt::join(names, ", "));
  bool one = names.size() == 1;
  if (role == word::kGeneralManager) {
    if (names.empty()) return _("[[staff]] lists no general manager");
    return one ? TrF("the general manager is {}", list) : TrF("the general managers are {}", list);
  }
  if (role == "head") {
    if (route.empty()) return _("the ticket is not routed to a department yet");
    if (names.empty()) return TrF("[[staff]] lists no head of {}", route);
    return one ? TrF("the head of {} is {}", route, list)
               : TrF("the heads of {} are {}", route, list);
  }
  if (role == word::kQuality) {
    std::string dept = QualityDept(config).empty()
                           ? std::string(_("the Quality dept"))
                           : TrF("the Quality dept ({})", QualityDept(config));
    if (names.empty()) return TrF("[[staff]] lists no one in {}", dept);
    return TrF("{} has {}", dept, list);
  }
  if (names.empty()) return TrF("[[staff]] lists no {}", role);
  return one ? TrF("the {} is {}", role, list) : TrF("the {} staff are {}", role, list);
}

}  // namespace

Status MayApprove(const Config& config, std::string_view actor, std::string_view role,
                  std::string_view route) {
  if (config.staff.empty()) return Status::OK();  // approvals are not verified
  // The customer's endorsement is the customer's, recorded by
  // whoever took it (its `by` names the customer's person).
  if (role == word::kCustomer) return Status::OK();
  const StaffMember* m = config.FindStaff(actor);
  if (role.empty() && m) role = m->role;  // as `svc approve` without --as
  if (role.empty() || !ApprovalRoles().Has(role)) {
    return Status::NotAllowed(TrF("{} may not approve: {}", actor, WhoIs(config, actor)));
  }
  if (m && Holds(config, *m, role, route)) return Status::OK();
  return Status::NotAllowed(TrF("{} may not approve as {}: {}; {}", actor, role,
                                WhoIs(config, actor), WhoMay(config, role, route)));
}

std::string RouteAt(const Ticket& t, const Config& config, const Time& at) {
  TicketState st;
  if (!FoldUntil(t, config, at, &st).ok()) return "";
  return st.route();
}

Status AuthorizeApproval(const Ticket& t, const Config& config, const Event& e) {
  Status s = MayApprove(config, e.actor, e.Str("role"), RouteAt(t, config, e.at));
  if (s.ok()) return s;
  return Status::NotAllowed(fmt::format("{}: {}", t.id, s.message()));
}

}  // namespace svc
