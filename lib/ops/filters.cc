#include "ops/filters.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <string>
#include <vector>

#include "base/i18n.h"
#include "model/vocabulary.h"

namespace svc {
namespace {

// What a filter of kind `on` may name, in the order svc lists them, and how
// the text calls one ("department code in svc.toml").
struct Known {
  std::vector<std::string> values;
  std::string_view what;
};

Known KnownValues(const Config& config, FilterOn on) {
  Known k;
  switch (on) {
    case FilterOn::kDepartment:
      for (const Department& d : config.departments) k.values.push_back(d.code);
      k.what = _("department code in svc.toml");
      break;
    case FilterOn::kLevel:
      for (const FaultLevel& l : config.levels) k.values.push_back(std::to_string(l.level));
      k.what = _("fault level in svc.toml");
      break;
    case FilterOn::kClock:
      k.values = Clocks().Stored();
      k.what = _("clock");
      break;
    case FilterOn::kStatus:
      k.values = TicketStatuses().Stored();
      k.what = _("ticket status");
      break;
  }
  return k;
}

bool SameIgnoringCase(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return lower(x) == lower(y);
  });
}

// The known value the user most likely meant: the same but for case, or a
// level written as the lists show it ("L2"); "" if none.
std::string Suggestion(const Known& k, FilterOn on, std::string_view typed) {
  if (on == FilterOn::kLevel && typed.size() > 1 && (typed[0] == 'L' || typed[0] == 'l')) {
    typed.remove_prefix(1);
  }
  for (const std::string& v : k.values) {
    if (SameIgnoringCase(v, typed)) return v;
  }
  return "";
}

}  // namespace

Status CheckFilter(const Config& config, FilterOn on, std::string_view typed) {
  if (typed.empty()) return Status::OK();
  Known k = KnownValues(config, on);
  if (std::ranges::find(k.values, typed) != k.values.end()) return Status::OK();
  std::string hint = Suggestion(k, on, typed);
  return Status::InvalidArgument(TrF("'{}' is no {}{} (known: {})", typed, k.what,
                                     hint.empty() ? std::string() : TrF(": did you mean {}?", hint),
                                     fmt::format("{}", fmt::join(k.values, ", "))));
}

Status CheckFilters(const Config& config, std::span<const FilterValue> filters) {
  for (const FilterValue& f : filters) {
    SVC_RETURN_IF_ERROR(CheckFilter(config, f.on, f.typed).Prefixed(std::string(f.name)));
  }
  return Status::OK();
}

}  // namespace svc
