#include "ops/cases.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "base/text.h"
#include "model/vocabulary.h"
#include "ops/nonconformity.h"
#include "ops/record_ops.h"
#include "rules/state.h"
#include "rules/summary.h"

namespace svc {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The position of cause category `code` in `causes` (unknown codes next, "" last).
size_t CauseRank(const std::vector<CauseCategory>& causes, std::string_view code) {
  if (code.empty()) return causes.size() + 1;
  for (size_t i = 0; i < causes.size(); ++i) {
    if (causes[i].code == code) return i;
  }
  return causes.size();
}

}  // namespace

bool CaseMatches(const Case& c, std::string_view product) {
  if (Trim(product).empty()) return true;
  std::string want = Lower(Trim(product));
  return Lower(c.product).find(want) != std::string::npos ||
         Lower(c.model).find(want) != std::string::npos;
}

std::vector<ProductCases> GroupCases(std::vector<Case> cases,
                                     const std::vector<CauseCategory>& causes) {
  std::stable_sort(cases.begin(), cases.end(), [&](const Case& a, const Case& b) {
    if (a.product.empty() != b.product.empty()) return b.product.empty();
    if (a.product != b.product) return a.product < b.product;
    size_t ra = CauseRank(causes, a.cause_category), rb = CauseRank(causes, b.cause_category);
    if (ra != rb) return ra < rb;
    if (a.cause_category != b.cause_category) return a.cause_category < b.cause_category;
    if (a.closed.secs != b.closed.secs) return a.closed.secs > b.closed.secs;
    return a.id > b.id;
  });
  std::vector<ProductCases> out;
  for (Case& c : cases) {
    if (out.empty() || out.back().product != c.product) out.push_back({c.product, {}});
    std::vector<CaseGroup>& groups = out.back().groups;
    if (groups.empty() || groups.back().cause != c.cause_category) {
      std::string name;
      for (const CauseCategory& k : causes) {
        if (k.code == c.cause_category) name = k.name;
      }
      groups.push_back({c.cause_category, name, {}});
    }
    groups.back().cases.push_back(std::move(c));
  }
  return out;
}

Status CaseLibrary(const Store& store, const Time& now, std::string_view product,
                   const ScanOptions& options, std::vector<ProductCases>* out,
                   const std::function<void(const Status&)>& unreadable) {
  const Config& config = store.config();
  std::vector<Store::Entry> picked;
  ScanOptions scan = options;
  scan.wanted = [](const SummaryHead& h) { return h.opened && h.closed && !h.voided; };
  SVC_RETURN_IF_ERROR(ScanSummaries(
      store, now, scan,
      [&](const Store::Entry& e, const TicketSummary& s) {
        if (s.opened && s.status == TicketStatus::kClosed && s.kind == "quality") {
          picked.push_back(e);
        }
      },
      unreadable));
  // The Quality dept's corrective actions, by ticket.
  std::vector<NonconformityState> reports;
  SVC_RETURN_IF_ERROR(LoadNonconformities(store, now, &reports));
  std::map<std::string, std::vector<std::string>> actions;
  for (const NonconformityState& n : reports) {
    if (n.action) actions[n.ticket].push_back(fmt::format("{}: {}", n.id, n.action->text));
  }
  std::vector<Case> cases;
  for (const Store::Entry& e : picked) {
    Ticket t;
    TicketState st;
    Status s = store.LoadFile(e, &t);
    if (s.ok()) s = Fold(t, config, now, &st);
    if (!s.ok()) {
      unreadable(s);
      continue;
    }
    if (st.status != TicketStatus::kClosed || !st.closing) continue;
    Ticket form = CorrectedForm(t, st);
    Case c;
    c.id = t.id;
    c.customer = form.customer.name;
    c.product = form.equipment.product;
    c.model = form.equipment.model;
    c.category = st.classification ? st.classification->category : "";
    c.fault = form.description;
    if (st.analysis) {
      c.cause = st.analysis->cause;
      c.measures = st.analysis->measures;
      c.responsibility = st.analysis->responsibility;
      c.corrective = st.analysis->corrective;
      c.cause_category = st.analysis->cause_category;
    }
    if (st.plan) c.plan = st.plan->text;
    c.resolution = st.closing->resolution;
    if (auto it = actions.find(t.id); it != actions.end()) c.nc_actions = it->second;
    c.closed = st.closing->at;
    if (!CaseMatches(c, product)) continue;
    cases.push_back(std::move(c));
  }
  *out = GroupCases(std::move(cases), config.causes);
  return Status::OK();
}

JsonValue CasesJson(const std::vector<ProductCases>& library, int off) {
  JsonValue a = JsonValue::Array();
  for (const ProductCases& p : library) {
    JsonValue pj = JsonValue::Object();
    pj.Add("product", JsonValue::OrNull(p.product));
    JsonValue groups = JsonValue::Array();
    for (const CaseGroup& g : p.groups) {
      JsonValue gj = JsonValue::Object();
      gj.Add("cause", JsonValue::OrNull(g.cause));
      gj.Add("cause_name", JsonValue::OrNull(g.cause_name));
      JsonValue cases = JsonValue::Array();
      for (const Case& c : g.cases) {
        JsonValue cj = JsonValue::Object();
        cj.Add("number", c.id);
        cj.Add("customer", JsonValue::OrNull(c.customer));
        cj.Add("product", JsonValue::OrNull(c.product));
        cj.Add("model", JsonValue::OrNull(c.model));
        cj.Add("category", JsonValue::OrNull(c.category));
        cj.Add("fault", JsonValue::OrNull(c.fault));
        cj.Add("cause", JsonValue::OrNull(c.cause));
        cj.Add("cause_category", JsonValue::OrNull(c.cause_category));
        cj.Add("measures", JsonValue::OrNull(c.measures));
        cj.Add("responsibility", JsonValue::OrNull(c.responsibility));
        cj.Add("corrective", JsonValue::OrNull(c.corrective));
        cj.Add("plan", JsonValue::OrNull(c.plan));
        cj.Add("resolution", JsonValue::OrNull(c.resolution));
        cj.Add("nc_actions", StringsJson(c.nc_actions));
        cj.Add("closed", FormatTimeIn(c.closed, off));
        cases.Push(std::move(cj));
      }
      gj.Add("cases", std::move(cases));
      groups.Push(std::move(gj));
    }
    pj.Add("groups", std::move(groups));
    a.Push(std::move(pj));
  }
  return a;
}

}  // namespace svc
