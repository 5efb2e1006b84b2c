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

std::vector<CauseCategory> DefaultCauses() {
  return {{"component", "元器件失效"},   {"data", "数据问题"},
          {"design", "设计缺陷"},        {"environment", "环境因素"},
          {"installation", "安装调试"},  {"manufacturing", "生产工艺"},
          {"operation", "使用操作不当"}, {"other", "其他"},
          {"software", "软件缺陷"},      {"wear", "老化磨损"}};
}

const CauseCategory* Config::FindCause(std::string_view text) const {
  for (const auto& c : causes) {
    if (c.code == text || c.name == text) return &c;
  }
  return nullptr;
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
