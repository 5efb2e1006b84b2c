// Authority: who may approve a plan, and in which role, from
// svc.toml's [[staff]]. Until any staff is listed, approvals are not
// verified: anyone approves in any role, as before (`svc check` says so once).
// Once staff are listed, approving as
//   gm       needs an actor whose role is `gm` (the general manager);
//   head     the head (role `head`) of the ticket's route department
//            (their `dept` is the code the ticket is routed to);
//   quality  a member of the Quality dept: their `dept` is the department
//            routing sends quality problems to (`[routing] quality`, ZL), or
//            their role is `quality`;
//   desk     an actor whose role is `desk`.
//   customer anyone: the customer's endorsement of a major problem's
//            corrective action, taken down by the desk.
// An approval without a role is judged in the role [[staff]] gives its actor
// (as `svc approve` without --as takes it); an actor listed in no approving
// role, or not listed, may not approve at all.
//
// `svc approve` refuses such an approval before writing it; `svc check`
// reports every recorded one. Both judge it by the ticket's route as of the
// approval's time and by today's [[staff]].
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "model/config.h"
#include "model/ticket.h"

namespace svc {

// OK if `actor` may approve as `role` ("" : the role [[staff]] gives the
// actor) a ticket routed to `route` ("": not yet routed); else NotAllowed
// with one line naming who may, e.g. "王芳 may not approve as gm: [[staff]]
// lists 王芳 as desk of YX; the general manager is 张伟". OK whenever
// config.staff is empty.
Status MayApprove(const Config& config, std::string_view actor, std::string_view role,
                  std::string_view route);

// The route of ticket `t` at `at`: its classification then, as the history
// up to `at` folds (FoldUntil); "" if none, or if that history does not replay.
std::string RouteAt(const Ticket& t, const Config& config, const Time& at);

// Whether the approval event `e` of ticket `t` (recorded, or about to be)
// was within its actor's authority: MayApprove with the event's actor and
// role and the ticket's route as of its time. The refusal is prefixed with
// the ticket's number: "YX-26-11-01: 王芳 may not approve as gm: …".
Status AuthorizeApproval(const Ticket& t, const Config& config, const Event& e);

}  // namespace svc
