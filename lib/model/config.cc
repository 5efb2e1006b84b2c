#include "model/config.h"

namespace svc {

bool Config::CountsWorkingTime(std::string_view name, int level) const {
  if (!calendar) return false;
  // Level 1 — and a ticket not judged yet, which gets level 1's target — stays elapsed.
  if (name == "response" && level <= 1 && !level1_response_working) return false;
  for (const auto& c : working_clocks) {
    if (c == name) return true;
  }
  return false;
}

const StaffMember* Config::FindStaff(std::string_view name) const {
  for (const auto& m : staff) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

const Department* Config::FindDepartment(std::string_view code) const {
  for (const auto& d : departments) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

const FaultLevel* Config::FindLevel(int level) const {
  if (level < 1 || level > static_cast<int>(levels.size())) return nullptr;
  return &levels[level - 1];
}

const FeeSchedule* Config::FeesOn(const Date& day) const {
  const FeeSchedule* found = nullptr;
  for (const auto& f : fees) {
    if (f.effective <= day) found = &f;
  }
  return found;
}

}  // namespace svc
