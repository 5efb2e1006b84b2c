// Filters: the values `svc list`, `svc overdue` and `svc report` narrow a
// scan to — a department code, a fault level, a clock, a ticket status —
// checked against svc.toml (departments, levels) and the vocabulary (clocks,
// statuses) before anything is read. An unknown value is a bad value
// (InvalidArgument) whose text names the known ones: a typo in a monitoring
// command line must never read as "nothing overdue" (issue 14).
//
// Values match exactly as svc stores them: department codes in upper case,
// words in lower case. A value that differs only in case is refused too, its
// stored spelling suggested ("did you mean SC?").
#pragma once

#include <span>
#include <string_view>

#include "base/status.h"
#include "model/config.h"

namespace svc {

enum class FilterOn {
  kDepartment,  // a code of svc.toml's [[department]]
  kLevel,       // a fault level of svc.toml's [[level]]: "1" … "4"
  kClock,       // a clock's name (model/vocabulary.h Clocks())
  kStatus,      // a ticket status (TicketStatuses())
};

// One filter as given: `name` is how the caller names it ("--route"), and
// heads the text of an error about it.
struct FilterValue {
  std::string_view name;
  FilterOn on;
  std::string_view typed;  // "": not given
};

// OK if every value given is known; else the first unknown one as
// "NAME: 'QQ' is no department code in svc.toml (known: SH, YX, …)".
Status CheckFilters(const Config& config, std::span<const FilterValue> filters);

// The same for one value, without a name in front.
Status CheckFilter(const Config& config, FilterOn on, std::string_view typed);

}  // namespace svc
