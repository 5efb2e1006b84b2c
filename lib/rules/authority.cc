#include "rules/authority.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <vector>

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
  if (!m) return fmt::format("[[staff]] does not list {}", actor);
  return fmt::format("[[staff]] lists {} as {}{}", actor, m->role,
                     m->dept.empty() ? "" : " of " + m->dept);
}

// Who may approve as `role`: "the general manager is 张伟", "[[staff]] lists
// no head of YF", ….
std::string WhoMay(const Config& config, std::string_view role, std::string_view route) {
  std::vector<std::string> names;
  for (const StaffMember& m : config.staff) {
    if (Holds(config, m, role, route)) names.push_back(m.name);
  }
  std::string one, many, none;
  if (role == word::kGeneralManager) {
    one = "the general manager is";
    many = "the general managers are";
    none = "[[staff]] lists no general manager";
  } else if (role == "head") {
    if (route.empty()) return "the ticket is not routed to a department yet";
    one = fmt::format("the head of {} is", route);
    many = fmt::format("the heads of {} are", route);
    none = fmt::format("[[staff]] lists no head of {}", route);
  } else if (role == word::kQuality) {
    std::string dept = QualityDept(config).empty()
                           ? std::string("the Quality dept")
                           : fmt::format("the Quality dept ({})", QualityDept(config));
    one = many = fmt::format("{} has", dept);
    none = fmt::format("[[staff]] lists no one in {}", dept);
  } else {
    one = fmt::format("the {} is", role);
    many = fmt::format("the {} staff are", role);
    none = fmt::format("[[staff]] lists no {}", role);
  }
  if (names.empty()) return none;
  return fmt::format("{} {}", names.size() == 1 ? one : many, fmt::join(names, ", "));
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
    return Status::NotAllowed(fmt::format("{} may not approve: {}", actor, WhoIs(config, actor)));
  }
  if (m && Holds(config, *m, role, route)) return Status::OK();
  return Status::NotAllowed(fmt::format("{} may not approve as {}: {}; {}", actor, role,
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
