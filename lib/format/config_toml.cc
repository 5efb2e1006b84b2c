#include "format/config_toml.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

#include "base/i18n.h"
#include "base/text.h"
#include "format/toml_read.h"
#include "model/limits.h"
#include "model/vocabulary.h"

namespace svc {
namespace {

bool IsCode(std::string_view code) {
  if (code.empty() || code.size() > kMaxCodeLength || code[0] < 'A' || code[0] > 'Z') return false;
  return std::all_of(code.begin(), code.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

const toml::array* ArrayOfTables(FieldReader& r, std::string_view key, Status* s) {
  const toml::node* n = r.Node(key);
  if (!n) return nullptr;
  const toml::array* a = n->as_array();
  if (!a || !a->is_array_of_tables()) {
    *s = r.Error(key, TrF("'{}' must be written as [[{}]] tables", key, key));
    return nullptr;
  }
  return a;
}

const toml::table* SubTable(FieldReader& r, std::string_view key, Status* s) {
  const toml::node* n = r.Node(key);
  if (!n) {
    *s = r.Missing(key);
    return nullptr;
  }
  if (!n->is_table()) {
    *s = r.Error(key, TrF("'{}' must be a table [{}]", key, key));
    return nullptr;
  }
  return n->as_table();
}

Status ReadCompany(const toml::table& t, std::string_view name, Config* c) {
  FieldReader r(t, name, "[company]");
  std::string tz = "+08:00";
  int64_t width = c->sequence_width;
  SVC_RETURN_IF_ERROR(r.String("name", &c->company));
  SVC_RETURN_IF_ERROR(r.String("timezone", &tz, true));
  Status s = ParseOffset(tz, &c->offset_minutes);
  if (!s.ok()) return r.Error("timezone", fmt::format("'timezone': {}", s.message()));
  SVC_RETURN_IF_ERROR(r.String("desk", &c->desk, true));
  SVC_RETURN_IF_ERROR(r.Int("sequence_width", &width, false, 2, 6));
  SVC_RETURN_IF_ERROR(r.Bool("commit", &c->commit));
  SVC_RETURN_IF_ERROR(r.String("language", &c->language));
  if (!c->language.empty() && c->language != "zh" && c->language != "en") {
    return r.Error("language", TrF("'language' is \"zh\" or \"en\", not '{}'", c->language));
  }
  c->sequence_width = static_cast<int>(width);
  return r.Finish();
}

Status ReadDepartments(const toml::array& a, std::string_view name, Config* c) {
  std::set<std::string> codes;
  int i = 0;
  for (const toml::node& n : a) {
    FieldReader r(*n.as_table(), name, fmt::format("[[department]] #{}", ++i));
    Department d;
    SVC_RETURN_IF_ERROR(r.String("code", &d.code, true));
    SVC_RETURN_IF_ERROR(r.String("name", &d.name, true));
    SVC_RETURN_IF_ERROR(r.String("name_en", &d.name_en));
    if (!IsCode(d.code)) {
      return r.Error("code", TrF("department code '{}' must be 1-8 uppercase letters or "
                                 "digits, starting with a letter",
                                 d.code));
    }
    if (!codes.insert(d.code).second) {
      return r.Error("code", TrF("duplicate department code '{}'", d.code));
    }
    SVC_RETURN_IF_ERROR(r.Finish());
    c->departments.push_back(std::move(d));
  }
  return Status::OK();
}

Status ReadRouting(const toml::table& t, std::string_view name, Config* c) {
  FieldReader r(t, name, "[routing]");
  for (const std::string& key : RoutingKeys()) {
    std::string code;
    SVC_RETURN_IF_ERROR(r.String(key, &code, true));
    if (!c->FindDepartment(code)) {
      return r.Error(key, TrF("routing '{}' names '{}', which is no department", key, code));
    }
    c->routing[key] = code;
  }
  return r.Finish();
}

// [causes] code = "name": at least one, codes in lower case.
Status ReadCauses(const toml::table& t, std::string_view name, Config* c) {
  c->causes.clear();
  for (const auto& [key, node] : t) {
    std::string code(key.str());
    const auto* value = node.as_string();
    if (!value) {
      return TomlError(name, node.source(),
                       TrF("[causes] '{}' must be the category's name in quotes", code));
    }
    bool plain = !code.empty() && std::all_of(code.begin(), code.end(), [](char ch) {
      return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-';
    });
    if (!plain) {
      return TomlError(name, node.source(),
                       TrF("[causes] code '{}' must be lower-case letters, digits and '-'", code));
    }
    std::string text(Trim(value->get()));
    if (text.empty()) {
      return TomlError(name, node.source(), TrF("[causes] '{}' has an empty name", code));
    }
    for (const CauseCategory& other : c->causes) {
      if (other.name == text) {
        return TomlError(
            name, node.source(),
            TrF("[causes] '{}' and '{}' have the same name '{}'", other.code, code, text));
      }
    }
    c->causes.push_back({code, text});
  }
  if (c->causes.empty()) {
    return TomlError(name, t.source(), _("[causes] lists no cause category"));
  }
  std::sort(c->causes.begin(), c->causes.end(),
            [](const CauseCategory& a, const CauseCategory& b) { return a.code < b.code; });
  return Status::OK();
}

Status ReadLevels(const toml::array* a, const toml::table& root, std::string_view name, Config* c) {
  c->levels.assign(kMaxLevel, FaultLevel{});
  std::set<int64_t> seen;
  if (a) {
    int i = 0;
    for (const toml::node& n : *a) {
      FieldReader r(*n.as_table(), name, fmt::format("[[level]] #{}", ++i));
      int64_t level = 0;
      SVC_RETURN_IF_ERROR(r.Int("level", &level, true, kMinLevel, kMaxLevel));
      if (!seen.insert(level).second) {
        return r.Error("level", TrF("duplicate fault level {}", level));
      }
      FaultLevel& f = c->levels[level - 1];
      f.level = static_cast<int>(level);
      SVC_RETURN_IF_ERROR(r.String("name", &f.name));
      SVC_RETURN_IF_ERROR(r.DurationValue("response", &f.response, true));
      SVC_RETURN_IF_ERROR(r.DurationValue("arrival", &f.arrival, true));
      SVC_RETURN_IF_ERROR(r.Finish());
    }
  }
  for (int level = kMinLevel; level <= kMaxLevel; ++level) {
    if (!seen.count(level)) {
      return TomlError(name, a ? a->source() : root.source(),
                       TrF("fault level {} is not defined ([[level]], Table 2)", level));
    }
  }
  return Status::OK();
}

Status ReadClocks(const toml::table& t, std::string_view name, Config* c) {
  FieldReader r(t, name, "[clocks]");
  ClockTargets& k = c->clocks;
  const std::pair<const char*, Duration*> keys[] = {
      {"form", &k.form},
      {"analysis", &k.analysis},
      {"plan", &k.plan},
      {"application", &k.application},
      {"arrival", &k.arrival},
      {"repair_simple", &k.repair_simple},
      {"repair_complex", &k.repair_complex},
      {"verify", &k.verify},
      {"survey", &k.survey},
      {"warehousing", &k.warehousing},
  };
  for (auto [key, target] : keys) SVC_RETURN_IF_ERROR(r.DurationValue(key, target, true));
  // a (optional: older svc.toml files keep their defaults).
  SVC_RETURN_IF_ERROR(r.DurationValue("visit_report", &k.visit_report));
  int64_t months = k.visit_months;
  SVC_RETURN_IF_ERROR(r.Int("visit_months", &months, false, 1, 120));
  k.visit_months = static_cast<int>(months);
  // R-4.2.2 (optional: older svc.toml files keep their defaults).
  SVC_RETURN_IF_ERROR(r.DurationValue("follow_up", &k.follow_up));
  SVC_RETURN_IF_ERROR(r.DurationValue("notify", &k.notify));
  return r.Finish();
}

Status ReadFees(const toml::array* a, const toml::table& root, std::string_view name, Config* c) {
  if (!a || a->empty()) {
    return TomlError(name, root.source(), _("no fee schedule ([[fees]], Table 1)"));
  }
  int i = 0;
  for (const toml::node& n : *a) {
    FieldReader r(*n.as_table(), name, fmt::format("[[fees]] #{}", ++i));
    FeeSchedule f;
    bool present = false;
    SVC_RETURN_IF_ERROR(r.DateValue("effective", &f.effective, &present, true));
    SVC_RETURN_IF_ERROR(r.MoneyValue("lodging_per_day", &f.lodging_per_day, &present, true));
    SVC_RETURN_IF_ERROR(r.MoneyValue("meals_per_day", &f.meals_per_day, &present, true));
    SVC_RETURN_IF_ERROR(r.MoneyValue("labor_per_day", &f.labor_per_day, &present, true));
    SVC_RETURN_IF_ERROR(r.PercentValue("tax", &f.tax_bp, true));
    SVC_RETURN_IF_ERROR(r.PercentValue("management", &f.management_bp, true));
    if (!c->fees.empty() && !(c->fees.back().effective < f.effective)) {
      return r.Error("effective", _("fee schedules must be listed by effective date, each later "
                                    "than the one before"));
    }
    SVC_RETURN_IF_ERROR(r.Finish());
    c->fees.push_back(f);
  }
  return Status::OK();
}

Status ReadStaff(const toml::array* a, std::string_view name, Config* c) {
  if (!a) return Status::OK();
  int i = 0;
  for (const toml::node& n : *a) {
    FieldReader r(*n.as_table(), name, fmt::format("[[staff]] #{}", ++i));
    StaffMember m;
    SVC_RETURN_IF_ERROR(r.String("name", &m.name, true));
    SVC_RETURN_IF_ERROR(r.String("dept", &m.dept));
    SVC_RETURN_IF_ERROR(r.String("role", &m.role, true));
    if (!m.dept.empty() && !c->FindDepartment(m.dept)) {
      return r.Error("dept", TrF("'{}' is no department code", m.dept));
    }
    if (!StaffRoles().Has(m.role)) {
      return r.Error("role", TrF("role '{}' is not one of {}", m.role,
                                 fmt::join(StaffRoles().Stored(), ", ")));
    }
    if (c->FindStaff(m.name)) return r.Error("name", TrF("'{}' is listed twice", m.name));
    SVC_RETURN_IF_ERROR(r.Finish());
    c->staff.push_back(std::move(m));
  }
  return Status::OK();
}

Status ReadCalendar(const toml::table* t, std::string_view name, Config* c) {
  if (!t) return Status::OK();
  FieldReader r(*t, name, "[calendar]");
  WorkingCalendar cal;
  cal.offset_minutes = c->offset_minutes;
  static const char* kDays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                "friday", "saturday", "sunday"};
  static const char* kDefault[] = {"08:30-12:00,13:30-17:30",
                                   "08:30-12:00,13:30-17:30",
                                   "08:30-12:00,13:30-17:30",
                                   "08:30-12:00,13:30-17:30",
                                   "08:30-12:00,13:30-17:30",
                                   "",
                                   ""};
  bool any = false;
  for (int d = 0; d < 7; ++d) {
    std::string text = kDefault[d];
    SVC_RETURN_IF_ERROR(r.String(kDays[d], &text));
    Status s = ParseWorkingHours(text, &cal.hours[static_cast<size_t>(d)]);
    if (!s.ok()) return r.Error(kDays[d], fmt::format("'{}': {}", kDays[d], s.message()));
    any = any || !cal.hours[static_cast<size_t>(d)].empty();
  }
  if (!any) return r.Error("monday", _("the calendar has no working hours in the week"));
  std::string workday = kDefault[0];
  SVC_RETURN_IF_ERROR(r.String("workday_hours", &workday));
  Status s = ParseWorkingHours(workday, &cal.workday_hours);
  if (!s.ok()) return r.Error("workday_hours", fmt::format("'workday_hours': {}", s.message()));
  for (const char* key : {"holidays", "workdays"}) {
    const toml::node* n = r.Node(key);
    if (!n) continue;
    const toml::array* a = n->as_array();
    if (!a) return r.Error(key, TrF("'{}' must be a list of dates", key));
    for (const toml::node& item : *a) {
      if (!item.is_date())
        return r.Error(key, TrF("'{}' must be a list of dates like 2026-10-01", key));
      int64_t day = DaysFromDate(FromToml(item.as_date()->get()));
      (std::string_view(key) == "holidays" ? cal.holidays : cal.workdays).insert(day);
    }
  }
  SVC_RETURN_IF_ERROR(r.StringList("clocks", &c->working_clocks));
  for (const auto& clock : c->working_clocks) {
    if (!Clocks().Has(clock)) return r.Error("clocks", TrF("no clock '{}'", clock));
  }
  std::string level1 = "elapsed";
  SVC_RETURN_IF_ERROR(r.String("level1_response", &level1));
  if (level1 != "elapsed" && level1 != "working") {
    return r.Error("level1_response", _("'level1_response' must be \"elapsed\" or \"working\""));
  }
  c->level1_response_working = level1 == "working";
  SVC_RETURN_IF_ERROR(r.Finish());
  c->calendar = std::move(cal);
  return Status::OK();
}

}  // namespace

Status ParseConfig(std::string_view text, std::string_view name, Config* out) {
  toml::table root;
  SVC_RETURN_IF_ERROR(ParseToml(text, name, &root));
  Config c;
  FieldReader r(root, name, _("the top level"));
  int64_t format = 1;
  SVC_RETURN_IF_ERROR(r.Int("format", &format, true, 1, 1));
  Status s;
  const toml::table* company = SubTable(r, "company", &s);
  if (!company) return s;
  SVC_RETURN_IF_ERROR(ReadCompany(*company, name, &c));
  const toml::array* deps = ArrayOfTables(r, "department", &s);
  SVC_RETURN_IF_ERROR(s);
  if (!deps) return TomlError(name, root.source(), _("no departments ([[department]])"));
  SVC_RETURN_IF_ERROR(ReadDepartments(*deps, name, &c));
  if (!c.FindDepartment(c.desk)) {
    return TomlError(name, company->source(),
                     TrF("desk '{}' is no department in [[department]]", c.desk));
  }
  const toml::table* routing = SubTable(r, "routing", &s);
  if (!routing) return s;
  SVC_RETURN_IF_ERROR(ReadRouting(*routing, name, &c));
  const toml::array* levels = ArrayOfTables(r, "level", &s);
  SVC_RETURN_IF_ERROR(s);
  SVC_RETURN_IF_ERROR(ReadLevels(levels, root, name, &c));
  const toml::table* clocks = SubTable(r, "clocks", &s);
  if (!clocks) return s;
  SVC_RETURN_IF_ERROR(ReadClocks(*clocks, name, &c));
  const toml::array* fees = ArrayOfTables(r, "fees", &s);
  SVC_RETURN_IF_ERROR(s);
  SVC_RETURN_IF_ERROR(ReadFees(fees, root, name, &c));
  const toml::node* calendar = r.Node("calendar");
  if (calendar && !calendar->is_table())
    return r.Error("calendar", _("'calendar' must be a table [calendar]"));
  SVC_RETURN_IF_ERROR(ReadCalendar(calendar ? calendar->as_table() : nullptr, name, &c));
  const toml::array* staff = ArrayOfTables(r, "staff", &s);
  SVC_RETURN_IF_ERROR(s);
  SVC_RETURN_IF_ERROR(ReadStaff(staff, name, &c));
  const toml::node* numbers = r.Node("numbers");
  if (numbers && !numbers->is_table()) {
    return r.Error("numbers", _("'numbers' must be a table [numbers]"));
  }
  if (numbers) {
    FieldReader n(*numbers->as_table(), name, "[numbers]");
    const std::pair<const char*, std::string*> codes[] = {
        {"visit", &c.visit_code},
        {"receipt", &c.receipt_code},
        {"nonconformity", &c.nonconformity_code},
        {"advance", &c.advance_code},
        {"writeoff", &c.writeoff_code},
        {"training", &c.training_code},
    };
    std::set<std::string> seen;
    for (auto [key, code] : codes) {
      SVC_RETURN_IF_ERROR(n.String(key, code));
      if (!IsCode(*code)) {
        return n.Error(key, TrF("'{}' must be a code of capital letters and digits "
                                "starting with a letter, not '{}'",
                                key, *code));
      }
      if (c.FindDepartment(*code) || !seen.insert(*code).second) {
        return n.Error(key, TrF("'{}' = '{}' is taken by a department or another number; "
                                "each numbered record needs its own code",
                                key, *code));
      }
    }
    SVC_RETURN_IF_ERROR(n.Finish());
  }
  const toml::node* rules = r.Node("rules");
  if (rules && !rules->is_table()) return r.Error("rules", _("'rules' must be a table [rules]"));
  if (rules) {
    FieldReader x(*rules->as_table(), name, "[rules]");
    SVC_RETURN_IF_ERROR(x.String("plan_before_dispatch", &c.plan_before_dispatch));
    if (c.plan_before_dispatch != "quality" && c.plan_before_dispatch != "onsite" &&
        c.plan_before_dispatch != "major") {
      return x.Error("plan_before_dispatch",
                     TrF("'plan_before_dispatch' must be \"quality\", \"onsite\" or "
                         "\"major\", not '{}'",
                         c.plan_before_dispatch));
    }
    SVC_RETURN_IF_ERROR(x.Finish());
  }
  const toml::node* audit = r.Node("audit");
  if (audit && !audit->is_table()) return r.Error("audit", _("'audit' must be a table [audit]"));
  if (audit) {
    FieldReader a(*audit->as_table(), name, "[audit]");
    SVC_RETURN_IF_ERROR(a.Bool("signed", &c.audit_signed));
    SVC_RETURN_IF_ERROR(a.Finish());
  }
  const toml::node* causes = r.Node("causes");
  if (causes && !causes->is_table()) {
    return r.Error("causes", _("'causes' must be a table [causes]"));
  }
  if (causes) SVC_RETURN_IF_ERROR(ReadCauses(*causes->as_table(), name, &c));
  const toml::node* forms = r.Node("forms");
  if (forms && !forms->is_table()) return r.Error("forms", _("'forms' must be a table [forms]"));
  if (forms) {
    FieldReader f(*forms->as_table(), name, "[forms]");
    SVC_RETURN_IF_ERROR(f.String("paper", &c.paper));
    if (c.paper != "A4" && c.paper != "A5") {
      return f.Error("paper", TrF("'paper' must be \"A4\" or \"A5\", not '{}'", c.paper));
    }
    SVC_RETURN_IF_ERROR(f.Finish());
  }
  SVC_RETURN_IF_ERROR(r.Finish());
  *out = std::move(c);
  return Status::OK();
}

Status ParsePriceList(std::string_view text, std::string_view name, PriceList* out) {
  toml::table root;
  SVC_RETURN_IF_ERROR(ParseToml(text, name, &root));
  FieldReader r(root, name, _("the top level"));
  Status s;
  const toml::array* parts = ArrayOfTables(r, "part", &s);
  SVC_RETURN_IF_ERROR(s);
  SVC_RETURN_IF_ERROR(r.Finish());
  PriceList list;
  int i = 0;
  static const toml::array kNone;
  for (const toml::node& n : parts ? *parts : kNone) {
    FieldReader p(*n.as_table(), name, fmt::format("[[part]] #{}", ++i));
    PricedPart part;
    bool present = false;
    SVC_RETURN_IF_ERROR(p.String("code", &part.code, true));
    SVC_RETURN_IF_ERROR(p.String("name", &part.name, true));
    SVC_RETURN_IF_ERROR(p.String("unit", &part.unit));
    SVC_RETURN_IF_ERROR(p.MoneyValue("price", &part.price, &present, true));
    if (part.code.empty() || part.code.find(':') != std::string::npos) {
      return p.Error("code", _("a part code must be non-empty and hold no ':'"));
    }
    if (list.Find(part.code)) return p.Error("code", TrF("duplicate part code '{}'", part.code));
    SVC_RETURN_IF_ERROR(p.Finish());
    list.parts.push_back(std::move(part));
  }
  *out = std::move(list);
  return Status::OK();
}

}  // namespace svc
