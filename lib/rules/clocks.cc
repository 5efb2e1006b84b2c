#include "rules/clocks.h"

#include <algorithm>
#include <cstdint>

#include "base/i18n.h"
#include "model/vocabulary.h"
#include "rules/state.h"

namespace svc {
namespace {

// The first of `times` at or after `from`, or null.
const Time* FirstFrom(const std::vector<Time>& times, const Time& from) {
  for (const Time& t : times) {
    if (t.secs >= from.secs) return &t;
  }
  return nullptr;
}

// When a step was taken, or null (a template: an optional<Closing> must not
// convert to a temporary optional<Step>).
template <typename S>
const Time* Of(const std::optional<S>& step) {
  return step ? &step->at : nullptr;
}

// When the ticket in state `st` was ready for a visit to be applied for,
// at or before `until` (null: no time limit): the first on-site
// classification, else the first classification; then a paid visit's
// acceptance of the quote and the plan's latest review, when later. Null
// if nothing called for a visit by then.
std::optional<Time> VisitDecided(const TicketState& st, bool onsite_only, const Time* until) {
  auto by = [&](const Time& t) { return !until || t.secs <= until->secs; };
  std::optional<Time> start;
  if (st.first_onsite && by(*st.first_onsite)) {
    start = *st.first_onsite;
  } else if (!onsite_only && st.first_classified && by(*st.first_classified)) {
    start = *st.first_classified;
  }
  if (!start && st.Paid() && st.quote && st.quote->accepted && by(st.quote->accepted->at)) {
    start = st.quote->accepted->at;
  }
  if (!start) return std::nullopt;
  auto later = [&](const Time& t) {
    if (by(t) && t.secs > start->secs) start = t;
  };
  if (st.Paid() && st.quote && st.quote->accepted) later(st.quote->accepted->at);
  for (const Approval& a : st.approvals) {
    if (a.role != word::kCustomer && st.plan && a.at.secs >= st.plan->at.secs) later(a.at);
  }
  return start;
}

class ClockList;
void ApplicationClocks(const TicketState& st, const ClockTargets& k, ClockList& b);

class ClockList {
 public:
  // The closes are the ticket's (more than one when it was reopened).
  ClockList(const Config& config, const Time& now, const TicketState& st, int level)
      : config_(config), now_(now), st_(st), level_(level) {
    clocks_.reserve(8);
  }

  // A clock from `start` with `target`, stopped at `stop` (if any). Clocks of
  // work before closing stop at the first close after their start; every
  // clock stops at a void.
  void Add(std::string name, std::string clause, const Time& start, Duration target,
           const Time* stop, bool before_close, std::string record = "") {
    Clock c;
    c.name = std::move(name);
    c.clause = std::move(clause);
    c.record = std::move(record);
    c.start = start;
    c.target = target;
    c.deadline = config_.CountsWorkingTime(c.name, level_)
                     ? config_.calendar->AddWorking(start, target)
                     : Add(start, target);
    if (stop) c.stop = *stop;
    if (!c.stop && before_close) {
      for (const Closing& closed : st_.earlier_closings) {
        if (closed.at.secs >= start.secs) {
          c.stop = closed.at;
          break;
        }
      }
      if (!c.stop && st_.closing && st_.closing->at.secs >= start.secs) c.stop = st_.closing->at;
    }
    if (!c.stop && st_.voided) c.stop = st_.voided->at;
    c.state = StateAt(c, now_);
    clocks_.push_back(std::move(c));
  }
  static Time Add(const Time& t, Duration d) { return svc::Add(t, d); }
  std::vector<Clock> Take() { return std::move(clocks_); }

 private:
  const Config& config_;
  Time now_;
  const TicketState& st_;
  int level_;
  std::vector<Clock> clocks_;
};

// each outbound record's clock runs from the visit's decision
// (VisitDecided; for a later record, from the previous record's return,
// completion or filing, or a reopen, whichever came last before it) to its
// filing. Until the first record is filed, a clock runs from the decision
// of an on-site service, or of a paid visit once its quote is accepted.
void ApplicationClocks(const TicketState& st, const ClockTargets& k, ClockList& b) {
  for (size_t i = 0; i < st.records.size(); ++i) {
    const OutboundRecord& r = st.records[i];
    const Time& filed = r.filed.at;
    std::optional<Time> start;
    if (i == 0) {
      start = VisitDecided(st, false, &filed);
    } else {
      const OutboundRecord& prev = st.records[i - 1];
      start = prev.filed.at;
      for (const auto* step : {&prev.finished, &prev.back}) {
        if (*step && (*step)->at.secs <= filed.secs && (*step)->at.secs > start->secs) {
          start = (*step)->at;
        }
      }
    }
    if (!start) start = filed;
    for (const Step& reopen : st.reopens) {
      if (reopen.at.secs <= filed.secs && reopen.at.secs > start->secs) start = reopen.at;
    }
    b.Add("application", "R-4.4.2", *start, k.application, &filed, true, r.number);
  }
  if (st.records.empty()) {
    std::optional<Time> start = VisitDecided(st, true, nullptr);
    bool paid_visit = st.Paid() && st.quote && st.quote->accepted;
    if (!start && paid_visit) start = VisitDecided(st, false, nullptr);
    if (start) b.Add("application", "R-4.4.2", *start, k.application, nullptr, true);
  }
}

}  // namespace

std::string_view ClockStateName(ClockState s) {
  // Stored in JSON as they are; marked for the text views (literals: data() ends in '\0').
  static constexpr std::string_view kNames[] = {N_("met"), N_("breached"), N_("running"),
                                                N_("overdue")};
  return kNames[static_cast<int>(s)];
}

Duration Clock::Left(const Time& now) const {
  const Time& end = stop ? *stop : now;
  return Duration{deadline.secs - end.secs};
}

const std::vector<std::string_view>& ClockNames() {
  static const std::vector<std::string_view> kNames = [] {
    std::vector<std::string_view> names;
    for (const Word& w : Clocks().words()) names.push_back(w.stored);
    return names;
  }();
  return kNames;
}

ClockState StateAt(const Clock& c, const Time& now) {
  if (c.stop) return c.stop->secs <= c.deadline.secs ? ClockState::kMet : ClockState::kBreached;
  return now.secs > c.deadline.secs ? ClockState::kOverdue : ClockState::kRunning;
}

std::vector<Clock> ComputeClocks(const Ticket& t, const Config& config, const Time& now) {
  TicketState st;
  if (!Fold(t, config, now, &st).ok()) return {};
  return ComputeClocks(t, st, config, now);
}

std::vector<Clock> ComputeClocks(const Ticket& t, const TicketState& st, const Config& config,
                                 const Time& now) {
  if (!st.opened) return {};  // not yet received as of now
  const ClockTargets& k = config.clocks;
  int level = st.first_classified ? st.first_level : st.opened_level;
  ClockList b(config, now, st, level);

  // the info form within 2 h of receipt.
  b.Add("form", "R-4.2.1", t.received, k.form, &st.opened->at, true);

  // Table 2: response (classification) by fault level, from receipt. Until a
  // level is judged, the strictest target applies.
  Duration response = config.levels.front().response;
  for (const auto& l : config.levels) response = std::min(response, l.response);
  if (const FaultLevel* l = config.FindLevel(level)) response = l->response;
  b.Add("response", "Table 2", t.received, response,
        st.first_classified ? &*st.first_classified : nullptr, true);

  // The latest classification decides kind and service.
  const Classification* latest = st.classification ? &*st.classification : nullptr;
  int current_level = latest ? latest->level : level;

  // quality problems: analysis within 2 h, the plan within 4 h of it.
  if (st.first_quality && latest && latest->kind == word::kQuality) {
    const Time* analysis = FirstFrom(st.analyses, *st.first_quality);
    b.Add("analysis", "R-4.2.2", *st.first_quality, k.analysis, analysis, true);
    if (analysis) {
      b.Add("plan", "R-4.2.2", *analysis, k.plan, FirstFrom(st.plans, *analysis), true);
    }
  }

  // a major quality problem reported to the general manager at once.
  if (st.first_major) {
    b.Add("notify", "R-4.2.2", *st.first_major, k.notify, FirstFrom(st.gm_told, *st.first_major),
          false);
  }

  // every outbound record's application (外出服务申请单) within 2 h
  // of the visit being decided, and one still to file once a visit is.
  ApplicationClocks(st, k, b);

  // Table 2, R-4.4.3: arrival on site, from receipt.
  if (st.first_onsite || !st.records.empty()) {
    Duration arrival = k.arrival;
    if (const FaultLevel* l = config.FindLevel(current_level)) arrival = l->arrival;
    b.Add("arrival", "Table 2", t.received, arrival,
          st.first_arrival ? &*st.first_arrival : nullptr, true);
  }

  // each outbound record's repair, from arrival; R-4.5.3.1 returned parts.
  for (const OutboundRecord& r : st.records) {
    Duration repair = r.complexity == word::kComplex ? k.repair_complex : k.repair_simple;
    if (r.arrived) {
      b.Add("repair", "R-4.4.4", r.arrived->at, repair, Of(r.finished), true, r.number);
    }
    // R-4.5.3.2: a data project's visit brings its data back to book in.
    bool data = latest && latest->category == word::kData;
    if (r.back && (!r.returned.empty() || data)) {
      b.Add("warehousing", "R-4.5.3.1", r.back->at, k.warehousing, Of(r.warehoused), false,
            r.number);
    }
  }

  // a remote result verified within 48 h (the survey counts);
  // the survey within 16 h of closing — of each close: a reopened
  // ticket closed again is surveyed again. A reopen before the survey (or
  // the verification) ends that close's clock.
  auto after_close = [&](const Closing& c, const Time* reopened) {
    auto first = [&](const std::vector<Time>& times) {
      const Time* found = FirstFrom(times, c.at);
      if (reopened && (!found || found->secs > reopened->secs)) return reopened;
      return found;
    };
    const Time* survey = first(st.surveys);
    if (c.remote) {
      const Time* verify = first(st.verifications);
      const Time* stop = verify && survey ? (verify->secs <= survey->secs ? verify : survey)
                                          : (verify ? verify : survey);
      b.Add("verify", "R-4.4.1", c.at, k.verify, stop, false);
    }
    b.Add("survey", "R-4.5.1", c.at, k.survey, survey, false);
  };
  for (size_t i = 0; i < st.earlier_closings.size(); ++i) {
    after_close(st.earlier_closings[i], &st.reopens[i].at);
  }
  if (st.closing) after_close(*st.closing, nullptr);

  // an unsatisfied survey or an unresolved verification
  // followed up (or the ticket reopened); an answer while the follow-up of an
  // earlier one still runs is part of it.
  {
    std::vector<Time> stops = st.follow_ups;
    for (const Step& r : st.reopens) stops.push_back(r.at);
    std::sort(stops.begin(), stops.end(),
              [](const Time& a, const Time& c) { return a.secs < c.secs; });
    int64_t open_until = -1;  // the stop of the latest follow-up clock (INT64_MAX: running)
    for (const Time& answer : st.unhappy) {
      if (answer.secs <= open_until) continue;
      const Time* stop = FirstFrom(stops, answer);
      b.Add("follow-up", "R-4.5.1", answer, k.follow_up, stop, false);
      open_until = stop ? stop->secs : INT64_MAX;
    }
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
