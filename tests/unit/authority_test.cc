// Authority (rules/authority.h): who may approve in which role, from
// [[staff]], each refusal word for word.
#include "rules/authority.h"

#include <doctest/doctest.h>

#include <string>

#include "format/config_toml.h"
#include "ops/intake.h"
#include "test_util.h"

namespace svc {
namespace {

using svc_test::T;

Config WithStaff() {
  Config c;
  Status s = ParseConfig(DefaultConfigText(), "svc.toml", &c);
  REQUIRE_MESSAGE(s.ok(), s.message());
  c.staff = {
      {"张伟", "", "gm"},         {"刘强", "SC", "head"},  {"陈静", "YF", "head"},
      {"赵敏", "ZL", "engineer"}, {"孙丽", "", "quality"}, {"王芳", "YX", "desk"},
      {"李工", "SC", "engineer"},
  };
  return c;
}

TEST_CASE("authority: who may approve as which role") {
  const Config c = WithStaff();
  struct Row {
    const char* actor;
    const char* role;
    const char* route;
    const char* refusal;  // "" : allowed
  };
  const Row rows[] = {
      {"张伟", "gm", "SC", ""},
      {"张伟", "", "SC", ""},  // the role [[staff]] gives
      {"王芳", "gm", "SC",
       "王芳 may not approve as gm: [[staff]] lists 王芳 as desk of YX; the general manager is "
       "张伟"},
      {"刘强", "head", "SC", ""},
      {"刘强", "", "SC", ""},
      {"刘强", "head", "YF",
       "刘强 may not approve as head: [[staff]] lists 刘强 as head of SC; the head of YF is 陈静"},
      {"刘强", "head", "XT",
       "刘强 may not approve as head: [[staff]] lists 刘强 as head of SC; [[staff]] lists no head "
       "of XT"},
      {"陈静", "", "SC",
       "陈静 may not approve as head: [[staff]] lists 陈静 as head of YF; the head of SC is 刘强"},
      {"张伟", "head", "SC",
       "张伟 may not approve as head: [[staff]] lists 张伟 as gm; the head of SC is 刘强"},
      {"赵敏", "quality", "ZL", ""},  // a member of the Quality dept (routing quality = ZL)
      {"孙丽", "quality", "SC", ""},  // role quality
      {"李工", "quality", "SC",
       "李工 may not approve as quality: [[staff]] lists 李工 as engineer of SC; the Quality dept "
       "(ZL) has 赵敏, 孙丽"},
      {"王芳", "desk", "SC", ""},
      {"刘强", "desk", "SC",
       "刘强 may not approve as desk: [[staff]] lists 刘强 as head of SC; the desk is 王芳"},
      {"路人", "gm", "SC",
       "路人 may not approve as gm: [[staff]] does not list 路人; the general manager is 张伟"},
      {"路人", "", "SC", "路人 may not approve: [[staff]] does not list 路人"},
      {"李工", "", "SC", "李工 may not approve: [[staff]] lists 李工 as engineer of SC"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.actor);
    CAPTURE(row.role);
    CAPTURE(row.route);
    Status s = MayApprove(c, row.actor, row.role, row.route);
    if (std::string(row.refusal).empty()) {
      CHECK_MESSAGE(s.ok(), s.message());
    } else {
      CHECK(s.code() == Status::Code::kNotAllowed);
      CHECK(s.message() == row.refusal);
    }
  }
}

TEST_CASE("authority: no staff listed, nothing verified; none in a role named") {
  Config c = WithStaff();
  c.staff.clear();
  CHECK(MayApprove(c, "路人", "gm", "SC").ok());
  CHECK(MayApprove(c, "路人", "", "").ok());
  c.staff = {{"王芳", "YX", "desk"}};
  CHECK(MayApprove(c, "王芳", "gm", "SC").message() ==
        "王芳 may not approve as gm: [[staff]] lists 王芳 as desk of YX; [[staff]] lists no "
        "general manager");
  CHECK(MayApprove(c, "王芳", "quality", "SC").message() ==
        "王芳 may not approve as quality: [[staff]] lists 王芳 as desk of YX; [[staff]] lists no "
        "one in the Quality dept (ZL)");
  c.staff.push_back({"张伟", "", "gm"});
  c.staff.push_back({"李明", "", "gm"});
  CHECK(MayApprove(c, "王芳", "gm", "SC").message() ==
        "王芳 may not approve as gm: [[staff]] lists 王芳 as desk of YX; the general managers are "
        "张伟, 李明");
}

Event Classified(const char* at, const char* route) {
  Event e;
  e.at = T(at);
  e.actor = "王芳";
  e.action = "classify";
  e.Set("kind", std::string("support"));
  e.Set("category", std::string("hardware"));
  e.Set("level", int64_t{2});
  e.Set("route", std::string(route));
  return e;
}

TEST_CASE("authority: the route as of the approval's time") {
  const Config c = WithStaff();
  IntakeForm form;
  form.via = "YX";
  form.customer.name = "华东电网检修公司";
  Ticket t =
      NewTicket(form, DocNumber{"YX", 2026, 11, 1, 2}, T("2026-11-29T08:00:00+08:00"), "王芳");
  t.Append(Classified("2026-11-29T09:00:00+08:00", "SC"));
  t.Append(Classified("2026-11-29T12:00:00+08:00", "YF"));
  CHECK(RouteAt(t, c, T("2026-11-29T08:59:00+08:00")).empty());
  CHECK(RouteAt(t, c, T("2026-11-29T09:00:00+08:00")) == "SC");
  CHECK(RouteAt(t, c, T("2026-11-29T11:59:00+08:00")) == "SC");
  CHECK(RouteAt(t, c, T("2026-11-29T12:00:00+08:00")) == "YF");
  Event a;
  a.at = T("2026-11-29T10:00:00+08:00");
  a.actor = "刘强";
  a.action = "approve";
  a.Set("role", std::string("head"));
  CHECK(AuthorizeApproval(t, c, a).ok());
  a.at = T("2026-11-29T13:00:00+08:00");
  CHECK(AuthorizeApproval(t, c, a).message() ==
        "YX-26-11-01: 刘强 may not approve as head: [[staff]] lists 刘强 as head of SC; the head "
        "of YF is 陈静");
}

}  // namespace
}  // namespace svc
