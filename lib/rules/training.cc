#include "rules/training.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "base/i18n.h"
#include "model/training.h"
#include "rules/state.h"

namespace svc {
namespace {

class TrainingFold {
 public:
  TrainingFold(const Record& r, TrainingState* st) : r_(r), s_(*st) {}

  Status Apply(const Event& e) {
    namespace a = training_action;
    if (e.Is(a::kRecord)) {
      if (s_.recorded) return Refuse(e, _("the training was already recorded"));
      s_.recorded = true;
      return Status::OK();
    }
    if (!s_.recorded) return Refuse(e, _("it comes before the training was recorded"));
    if (e.Is(a::kNote)) {
      s_.notes.push_back(e);
      return Status::OK();
    }
    if (e.Is(a::kAssess)) return Assess(e);
    if (e.Is("renumber")) return Status::OK();  // the number is the file's; history only
    return Refuse(e, _("a training record has no such action"));
  }

 private:
  Status Refuse(const Event& e, std::string_view why) const {
    return Refusal(r_.View("id"), e, why);
  }

  Status Assess(const Event& e) {
    std::string_view trainee = e.View("trainee");
    if (std::find(s_.trainees.begin(), s_.trainees.end(), trainee) == s_.trainees.end()) {
      return Refuse(
          e, TrF("'{}' is not among the trainees ({})", trainee, fmt::join(s_.trainees, ", ")));
    }
    if (e.View("result").empty()) return Refuse(e, _("the assessment result is empty"));
    if (LocalDate(e.at) < s_.date) {
      return Refuse(e, TrF("it comes before the training ({})", FormatDate(s_.date)));
    }
    if (const TrainingAssessment* before = s_.ResultOf(trainee)) {
      return Refuse(e, TrF("{} was already assessed at {} ({}); add a note instead", trainee,
                           FormatTime(before->at), before->result));
    }
    s_.results.push_back(
        TrainingAssessment{e.at, e.actor, std::string(trainee), e.Str("result"), e.Str("comment")});
    return Status::OK();
  }

  const Record& r_;
  TrainingState& s_;
};

}  // namespace

const TrainingAssessment* TrainingState::ResultOf(std::string_view trainee) const {
  for (const TrainingAssessment& a : results) {
    if (a.trainee == trainee) return &a;
  }
  return nullptr;
}

Status FoldTraining(const Record& r, const std::optional<Time>& as_of, TrainingState* out,
                    size_t* failed) {
  TrainingState st;
  st.id = std::string(r.View("id"));
  if (const Value* v = r.Find("date"); v && std::holds_alternative<Date>(*v)) {
    st.date = std::get<Date>(*v);
  }
  st.topic = std::string(r.View("topic"));
  st.trainer = std::string(r.View("trainer"));
  st.trainees = r.List("trainees");
  st.hours = std::string(r.View("hours"));
  st.assessment = std::string(r.View("assessment"));
  st.materials = r.List("materials");
  if (const Value* v = r.Find("at"); v && std::holds_alternative<Time>(*v)) {
    st.at = std::get<Time>(*v);
  }
  st.by = std::string(r.View("by"));
  TrainingFold fold(r, &st);
  SVC_RETURN_IF_ERROR(FoldEvents(
      r, as_of, [&](const Event& e) { return fold.Apply(e); }, &st.history, failed));
  *out = std::move(st);
  return Status::OK();
}

}  // namespace svc
