#include "rules/clocks.h"

#include <algorithm>

namespace svc {
namespace {

bool Onsite(std::string_view service) {
  return service == "onsite-support" || service == "onsite-repair";
}

// The first event at or before now with `action` (and, if given, record) at
// or after `from`.
const Event* First(const std::vector<const Event*>& events, std::string_view action,
                   const Time* from = nullptr, std::string_view record = {}) {
  for (const Event* e : events) {
    if (e->action != action) continue;
    if (from && e->at.secs < from->secs) continue;
    if (!record.empty() && e->View("record") != record) continue;
    return e;
  }
  return nullptr;
}

// Like First, but a later event of the same action (and record) marked
// `amend` replaces it: the step as it was finally recorded.
const Event* Settled(const std::vector<const Event*>& events, std::string_view action,
                     const Time* from = nullptr, std::string_view record = {}) {
  const Event* found = First(events, action, from, record);
  if (!found) return nullptr;
  for (const Event* e : events) {
    if (e->at.secs > found->at.secs && e->action == action && e->Flag("amend") &&
        (record.empty() || e->View("record") == record)) {
      found = e;
    }
  }
  return found;
}

class ClockList {
 public:
  ClockList(const Config& config, const Time& now, const Event* closed, const Event* voided,
            int level)
      : config_(config), now_(now), closed_(closed), voided_(voided), level_(level) {
    clocks_.reserve(8);
  }

  // A clock from `start` with `target`, stopped at `stop` (if any). Clocks of
  // work before closing stop at the close; every clock stops at a void.
  void Add(std::string name, std::string clause, const Time& start, Duration target,
           const Event* stop, bool before_close, std::string record = "") {
    Clock c;
    c.name = std::move(name);
    c.clause = std::move(clause);
    c.record = std::move(record);
    c.start = start;
    c.target = target;
    c.deadline = config_.CountsWorkingTime(c.name, level_)
                     ? config_.calendar->AddWorking(start, target)
                     : Add(start, target);
    if (stop) c.stop = stop->at;
    if (!c.stop && before_close && closed_) c.stop = closed_->at;
    if (!c.stop && voided_) c.stop = voided_->at;
    if (c.stop) {
      c.state = c.stop->secs <= c.deadline.secs ? ClockState::kMet : ClockState::kBreached;
    } else {
      c.state = now_.secs > c.deadline.secs ? ClockState::kOverdue : ClockState::kRunning;
    }
    clocks_.push_back(std::move(c));
  }
  static Time Add(const Time& t, Duration d) { return svc::Add(t, d); }
  std::vector<Clock> Take() { return std::move(clocks_); }

 private:
  const Config& config_;
  Time now_;
  const Event* closed_;
  const Event* voided_;
  int level_;
  std::vector<Clock> clocks_;
};

}  // namespace

std::string_view ClockStateName(ClockState s) {
  static constexpr std::string_view kNames[] = {"met", "breached", "running", "overdue"};
  return kNames[static_cast<int>(s)];
}

Duration Clock::Left(const Time& now) const {
  const Time& end = stop ? *stop : now;
  return Duration{deadline.secs - end.secs};
}

const std::vector<std::string_view>& ClockNames() {
  static const std::vector<std::string_view> kNames = {
      "form",    "response", "analysis", "plan",   "application",
      "arrival", "repair",   "verify",   "survey", "warehousing"};
  return kNames;
}

std::vector<Clock> ComputeClocks(const Ticket& t, const Config& config, const Time& now) {
  std::vector<const Event*> events;
  events.reserve(t.events.size());
  for (const Event& e : t.events) {
    if (e.at.secs <= now.secs) events.push_back(&e);
  }
  const Event* open = First(events, "open");
  if (!open) return {};  // not yet received as of now
  const Event* closed = Settled(events, "close");
  const Event* voided = First(events, "void");
  const ClockTargets& k = config.clocks;
  const Event* classify = First(events, "classify");
  int level = static_cast<int>(classify ? classify->Int("level") : open->Int("level"));
  ClockList b(config, now, closed, voided, level);

  // the info form within 2 h of receipt.
  b.Add("form", "R-4.2.1", t.received, k.form, open, true);

  // Table 2: response (classification) by fault level, from receipt. Until a
  // level is judged, the strictest target applies.
  Duration response = config.levels.front().response;
  for (const auto& l : config.levels) response = std::min(response, l.response);
  if (const FaultLevel* l = config.FindLevel(level)) response = l->response;
  b.Add("response", "Table 2", t.received, response, classify, true);

  // The latest classification decides kind and service.
  const Event* latest = nullptr;
  for (const Event* e : events) {
    if (e->Is("classify")) latest = e;
  }
  int current_level = latest ? static_cast<int>(latest->Int("level")) : level;

  // quality problems: analysis within 2 h, the plan within 4 h of it.
  const Event* quality = nullptr;
  for (const Event* e : events) {
    if (e->Is("classify") && e->View("kind") == "quality") {
      quality = e;
      break;
    }
  }
  if (quality && latest && latest->View("kind") == "quality") {
    const Event* analysis = First(events, "analyze", &quality->at);
    b.Add("analysis", "R-4.2.2", quality->at, k.analysis, analysis, true);
    if (analysis) {
      b.Add("plan", "R-4.2.2", analysis->at, k.plan, First(events, "plan", &analysis->at), true);
    }
  }

  // the outbound application within 2 h of an on-site classification.
  const Event* onsite = nullptr;
  for (const Event* e : events) {
    if (e->Is("classify") && Onsite(e->View("service"))) {
      onsite = e;
      break;
    }
  }
  const Event* dispatch = First(events, "dispatch");
  if (onsite) {
    b.Add("application", "R-4.4.2", onsite->at, k.application,
          First(events, "dispatch", &onsite->at), true);
  }

  // Table 2, R-4.4.3: arrival on site, from receipt.
  if (onsite || dispatch) {
    Duration arrival = k.arrival;
    if (const FaultLevel* l = config.FindLevel(current_level)) arrival = l->arrival;
    b.Add("arrival", "Table 2", t.received, arrival, First(events, "arrive"), true);
  }

  // each outbound record's repair, from arrival; R-4.5.3.1 returned parts.
  for (const Event* d : events) {
    if (!d->Is("dispatch")) continue;
    std::string record = d->Str("record");
    Duration repair = d->View("complexity") == "complex" ? k.repair_complex : k.repair_simple;
    if (const Event* arrive = Settled(events, "arrive", nullptr, record)) {
      b.Add("repair", "R-4.4.4", arrive->at, repair, Settled(events, "finish", nullptr, record),
            true, record);
    }
    const Event* back = Settled(events, "back", nullptr, record);
    if (back && back->Find("parts")) {
      b.Add("warehousing", "R-4.5.3.1", back->at, k.warehousing,
            Settled(events, "warehouse", nullptr, record), false, record);
    }
  }

  // a remote result verified within 48 h (the survey counts);
  // the survey within 16 h of closing.
  if (closed) {
    const Event* survey = First(events, "survey", &closed->at);
    if (closed->Flag("remote")) {
      const Event* verify = First(events, "verify", &closed->at);
      const Event* stop = verify && survey ? (verify->at.secs <= survey->at.secs ? verify : survey)
                                           : (verify ? verify : survey);
      b.Add("verify", "R-4.4.1", closed->at, k.verify, stop, false);
    }
    b.Add("survey", "R-4.5.1", closed->at, k.survey, survey, false);
  }
  std::vector<Clock> clocks = b.Take();
  // In ClockNames' order, stable: an insertion sort of a handful of clocks
  // (every ticket of a scan comes here, so no temporary buffer).
  const auto& names = ClockNames();
  auto rank = [&](const Clock& c) {
    return std::find(names.begin(), names.end(), c.name) - names.begin();
  };
  for (size_t i = 1; i < clocks.size(); ++i) {
    for (size_t j = i; j > 0 && rank(clocks[j - 1]) > rank(clocks[j]); --j) {
      std::swap(clocks[j - 1], clocks[j]);
    }
  }
  return clocks;
}

}  // namespace svc
