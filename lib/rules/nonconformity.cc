#include "rules/nonconformity.h"

#include <fmt/format.h>

#include "base/i18n.h"
#include "model/nonconformity.h"
#include "model/vocabulary.h"
#include "rules/state.h"

namespace svc {
namespace {

class NonconformityFold {
 public:
  NonconformityFold(const Record& r, NonconformityState* st) : r_(r), s_(*st) {}

  Status Apply(const Event& e) {
    namespace a = nc_action;
    if (e.Is(a::kFile)) {
      if (s_.filed) return Refuse(e, _("the report was already filed"));
      s_.filed = true;
      return Status::OK();
    }
    if (!s_.filed) return Refuse(e, _("it comes before the report was filed"));
    if (e.Is(a::kNote)) {
      s_.notes.push_back(e);
      return Status::OK();
    }
    if (e.Is(a::kRenumber)) return Status::OK();  // the number is the file's; history only
    if (e.Is(a::kAction) || e.Is(a::kDispose)) {
      // A correction follows a close-out too: also the merge's mark
      // on the later of two clones' actions or close-outs (rules/merge.h).
      if (s_.closed && !e.Flag("amend")) {
        return Refuse(e, TrF("the report was closed at {} ({}); only notes follow",
                             FormatTime(s_.closed->at), s_.closed->disposition));
      }
      if (e.at.secs < s_.at.secs) {
        return Refuse(e, TrF("it comes before the report was filed ({})", FormatTime(s_.at)));
      }
      return e.Is(a::kAction) ? Action(e) : Close(e);
    }
    return Refuse(e, _("a nonconformity report has no such action"));
  }

 private:
  Status Refuse(const Event& e, std::string_view why) const {
    return Refusal(r_.View("id"), e, why);
  }

  Status Action(const Event& e) {
    if (e.View("text").empty()) return Refuse(e, _("the corrective action is empty"));
    if (e.Flag("amend")) {
      // `svc nonconformity action --amend` gives a reason (ops); the merge's
      // mark on the later of two clones' actions has none.
      if (!s_.action) return Refuse(e, _("there is no corrective action to amend"));
      s_.action->at = e.at;
      s_.action->by = e.actor;
      s_.action->text = e.Str("text");
      ++s_.action->amendments;
      return Status::OK();
    }
    if (s_.action) {
      return Refuse(e, TrF("the corrective action was already filed at {}; correct it "
                           "with --amend",
                           FormatTime(s_.action->at)));
    }
    s_.action = CorrectiveAction{e.at, e.actor, e.Str("text"), 0};
    return Status::OK();
  }

  Status Close(const Event& e) {
    std::string_view d = e.View("disposition");
    if (!Dispositions().Has(d)) {
      return Refuse(e, TrF("'{}' is no disposition (return, repair, scrap, concession)", d));
    }
    if (e.Flag("amend") && !s_.closed) return Refuse(e, _("there is no close-out to amend"));
    s_.closed = NonconformityClose{e.at, e.actor, std::string(d), e.Str("comment")};
    return Status::OK();
  }

  const Record& r_;
  NonconformityState& s_;
};

}  // namespace

Status FoldNonconformity(const Record& r, const std::optional<Time>& as_of, NonconformityState* out,
                         size_t* failed) {
  NonconformityState st;
  st.id = std::string(r.View("id"));
  if (const Value* v = r.Find("at"); v && std::holds_alternative<Time>(*v)) {
    st.at = std::get<Time>(*v);
  }
  st.by = std::string(r.View("by"));
  st.ticket = std::string(r.View("ticket"));
  st.record = std::string(r.View("record"));
  st.customer_code = std::string(r.View("customer.code"));
  st.customer = std::string(r.View("customer.name"));
  st.product = std::string(r.View("equipment.product"));
  st.model = std::string(r.View("equipment.model"));
  st.serial = std::string(r.View("equipment.serial"));
  if (const Value* v = r.Find("parts"); v && std::holds_alternative<std::vector<Part>>(*v)) {
    st.parts = std::get<std::vector<Part>>(*v);
  }
  st.description = std::string(r.View("description"));
  NonconformityFold fold(r, &st);
  SVC_RETURN_IF_ERROR(FoldEvents(
      r, as_of, [&](const Event& e) { return fold.Apply(e); }, &st.history, failed));
  *out = std::move(st);
  return Status::OK();
}

std::string_view NonconformityStatus(const NonconformityState& n) {
  return n.closed ? "closed" : "open";
}

}  // namespace svc
