// Fuzz target: svc.toml (format/config_toml.h ParseConfig). On any bytes
// nothing crashes or hangs, and a configuration that reads keeps the
// invariants model/config.h promises: department codes unique, uppercase
// letters and digits; every routing target a department; levels 1-4 all
// present; fee schedules strictly increasing by date; a working calendar
// with working hours in the week, on which no deadline falls before its start.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "format/config_toml.h"
#include "fuzz_util.h"
#include "model/config.h"

using namespace svc;
using svc::fuzz::Require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Config c;
  if (!ParseConfig(text, "svc.toml", &c).ok()) return 0;

  std::set<std::string> codes;
  for (const Department& d : c.departments) {
    Require(!d.code.empty(), "an empty department code");
    for (char ch : d.code) Require(isupper(ch) || isdigit(ch), "a department code's letters");
    Require(codes.insert(d.code).second, "a department code twice");
  }
  Require(c.FindDepartment(c.desk) != nullptr, "the desk is no department");
  for (const auto& [category, code] : c.routing) {
    Require(c.FindDepartment(code) != nullptr, "a routing target is no department");
  }
  for (int level = 1; level <= 4; ++level) {
    const FaultLevel* l = c.FindLevel(level);
    Require(l != nullptr && l->level == level, "a level missing");
  }
  for (size_t i = 1; i < c.fees.size(); ++i) {
    Require(c.fees[i - 1].effective < c.fees[i].effective, "fee schedules out of order");
  }
  for (const FeeSchedule& f : c.fees) {
    Require(c.FeesOn(f.effective) == &f, "FeesOn misses a schedule's first day");
  }
  if (c.calendar) {
    // No deadline on the calendar falls before its start (a moment in 2026).
    Time start{1795000000, c.offset_minutes};
    for (Duration target : {c.clocks.form, c.clocks.analysis, c.clocks.arrival, c.clocks.verify}) {
      Time due = c.calendar->AddWorking(start, target);
      Require(due.secs >= start.secs, "a deadline before its start");
    }
    for (const FaultLevel& l : c.levels) {
      Time due = c.calendar->AddWorking(start, l.response);
      Require(due.secs >= start.secs, "a level's deadline before its start");
    }
  }
  return 0;
}
