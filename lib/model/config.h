// Config: the company's configuration, read from `svc.toml` in the records
// directory (documented key by key in docs/FORMAT.md).
//
// format/config_toml.h reads it (ParseConfig). Invariants after a successful
// read: department codes are unique, uppercase letters and digits; every
// routing target is a department; levels 1-4 are all present; fee schedules
// are sorted by effective date, strictly increasing. Unknown keys are errors,
// so a typo never silently falls back to a default.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/calendar.h"
#include "base/money.h"
#include "base/status.h"
#include "base/timepoint.h"

namespace svc {

struct Department {
  std::string code;     // e.g. "SC"
  std::string name;     // 生产部
  std::string name_en;  // Production dept
};

// Someone whose role matters to the procedure: the general manager ("gm")
// approves major quality problems.
struct StaffMember {
  std::string name;
  std::string dept;  // department code, may be empty
  std::string role;  // gm | head | quality | desk | engineer
};

// a cause category of the departments' half-yearly fault analysis
// (svc analyze --cause-category; svc.toml [causes] code = "name").
struct CauseCategory {
  std::string code;  // lower-case letters, digits and '-'
  std::string name;
};

struct FaultLevel {
  int level = 0;  // 1-4, Table 2
  std::string name;
  Duration response;
  Duration arrival;
};

// Table 1. Rates per person per day; percentages in basis points.
struct FeeSchedule {
  Date effective;
  Money lodging_per_day;
  Money meals_per_day;
  Money labor_per_day;
  int64_t tax_bp = 0;
  int64_t management_bp = 0;
};

struct ClockTargets {
  Duration form, analysis, plan, application, arrival, repair_simple, repair_complex, verify,
      survey, warehousing;
  // a: a visit's report within 10 days; a key customer visited at least
  // once in 12 months (calendar months). Optional in svc.toml.
  Duration visit_report{10 * 24 * 3600};
  int visit_months = 12;
  // an unsatisfied survey or an unresolved verification
  // followed up within 24 h: a major quality problem reported to
  // the general manager at once (30 min). Optional in svc.toml.
  Duration follow_up{24 * 3600};
  Duration notify{30 * 60};
};

// The cause categories svc.toml lists when it has no [causes] (sorted by code).
std::vector<CauseCategory> DefaultCauses();

struct Config {
  int format = 1;
  std::string company;
  // [company] language: "zh" or "en", the interface's language when the
  // environment names none (cli/i18n.h); "" = English.
  std::string language;
  int offset_minutes = 480;  // the company's time zone
  std::string desk = "SH";
  int sequence_width = 2;
  bool commit = false;  // commit every change to git, as --commit does
  std::vector<Department> departments;
  std::map<std::string, std::string> routing;  // category (or "quality") -> code
  std::vector<FaultLevel> levels;              // index = level - 1
  ClockTargets clocks;
  // [numbers]: the codes of numbered records that belong to no department
  // (CODE-yy-mm-NN, R-4.5.2). Optional in svc.toml.
  std::string visit_code = "BF";          // 拜访: customer visits (R-4.6 a)
  std::string receipt_code = "RK";        // 入库: warehousing receipts (R-4.5.3.1)
  std::string nonconformity_code = "NC";  // nonconformity reports (R-4.5.3.1)
  std::string advance_code = "JZ";        // 借支: advances to engineers
  std::string writeoff_code = "HX";       // 核销: the monthly write-off
  std::string training_code = "PX";       // 培训: training records
  // [rules] plan_before_dispatch: which tickets are
  // dispatched only once their plan is approved: "quality" (quality kind),
  // "onsite" (also every on-site service) or "major" (major problems only).
  std::string plan_before_dispatch = "quality";
  std::vector<FeeSchedule> fees;  // sorted by effective date
  std::vector<StaffMember> staff;
  // [causes]: the cause categories, by code (the procedure's defaults when
  // svc.toml has none; DefaultCauses()).
  std::vector<CauseCategory> causes = DefaultCauses();
  // [calendar]: when present, the clocks it names count working time.
  std::optional<WorkingCalendar> calendar;
  std::vector<std::string> working_clocks;
  bool level1_response_working = false;  // Table 2's 10 minutes stay elapsed unless set
  // [audit] signed: every commit touching the records must be signed by a key
  // in the records' allowed_signers file (svc audit, the pre-receive hook).
  bool audit_signed = false;
  // [forms] paper: the paper the company prints its forms on, "A4" or "A5"
  // (the html forms' @page size; ). Optional in svc.toml.
  std::string paper = "A4";

  // Whether clock `name` (of a ticket at fault level `level`) counts working time.
  bool CountsWorkingTime(std::string_view name, int level) const;

  const Department* FindDepartment(std::string_view code) const;
  const FaultLevel* FindLevel(int level) const;
  const StaffMember* FindStaff(std::string_view name) const;
  // The cause category whose code or name is `text`, or null.
  const CauseCategory* FindCause(std::string_view text) const;
  // The schedule in force on `day` (the latest effective on or before it), or null.
  const FeeSchedule* FeesOn(const Date& day) const;
};

// The text `svc init` writes: the procedure's defaults (identical to records/svc.toml).
std::string_view DefaultConfigText();

}  // namespace svc
