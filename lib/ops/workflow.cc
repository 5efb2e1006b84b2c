#include "ops/workflow.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "base/text.h"
#include "format/ticket_toml.h"
#include "ops/intake.h"

namespace svc {
namespace {

bool OneOf(std::string_view v, std::initializer_list<std::string_view> allowed) {
  return std::find(allowed.begin(), allowed.end(), v) != allowed.end();
}

Status NotOneOf(std::string_view option, std::string_view v,
                std::initializer_list<std::string_view> allowed) {
  return Status::InvalidArgument(
      fmt::format("{}: '{}' is not one of {}", option, v, fmt::join(allowed, ", ")));
}

// Maps a word of the paper forms to svc's value; "" if unknown.
std::string Synonym(std::string_view v,
                    std::initializer_list<std::pair<std::string_view, std::string_view>> table) {
  for (auto [word, value] : table) {
    if (v == word || v == value) return std::string(value);
  }
  return "";
}

Status CheckTexts(std::initializer_list<std::pair<std::string_view, const std::string*>> texts) {
  for (auto [what, text] : texts) SVC_RETURN_IF_ERROR(CheckText(*text, what, true));
  return Status::OK();
}

// Whether the ticket `id` as stored has filed outbound record `record`.
bool FiledBy(const Store& store, const std::string& id, const std::string& record) {
  Ticket t;
  if (!store.Load(id, &t).ok()) return false;
  return std::any_of(t.events.begin(), t.events.end(), [&](const Event& e) {
    return e.Is("dispatch") && e.View("record") == record;
  });
}

}  // namespace

Status Act(const Store& store, const std::string& id, const Actor& actor, const EventMaker& make,
           Ticket* out) {
  if (actor.at.secs > actor.now.secs) {
    return Status::InvalidArgument(
        fmt::format("--at {} is later than now ({})", FormatTime(actor.at), FormatTime(actor.now)));
  }
  DocNumber number;
  SVC_RETURN_IF_ERROR(ParseDocNumber(id, &number));
  std::unique_ptr<FileLock> lock;
  SVC_RETURN_IF_ERROR(store.Lock(&lock));
  Ticket t;
  SVC_RETURN_IF_ERROR(store.Load(id, &t));
  TicketState before;
  Status s = Fold(t, store.config(), std::nullopt, &before);
  if (!s.ok()) {
    return Status::Corruption(
        fmt::format("{} (its history is not valid; see 'svc check')", s.message()));
  }
  Event e;
  e.at = actor.at;
  if (actor.at.secs != actor.now.secs) e.recorded = actor.now;
  e.actor = actor.name;
  SVC_RETURN_IF_ERROR(make(t, before, &e));
  t.Append(std::move(e));
  TicketState after;
  SVC_RETURN_IF_ERROR(Fold(t, store.config(), std::nullopt, &after));
  SVC_RETURN_IF_ERROR(store.Save(t));
  if (out) *out = std::move(t);
  return Status::OK();
}

Status MakeClassifyEvent(const ClassifyRequest& r, const Config& config, Event* e) {
  if (!OneOf(r.kind, {"support", "quality"}))
    return NotOneOf("--kind", r.kind, {"support", "quality"});
  if (!OneOf(r.category, {"hardware", "software", "data", "integration", "unknown"})) {
    return NotOneOf("--category", r.category,
                    {"hardware", "software", "data", "integration", "unknown"});
  }
  if (!config.FindLevel(r.level)) {
    return Status::InvalidArgument(fmt::format("--level must be 1 to 4, not {}", r.level));
  }
  if (!r.service.empty() && !OneOf(r.service, {"training", "onsite-support", "onsite-repair",
                                               "info", "mail-parts", "paid"})) {
    return NotOneOf("--service", r.service,
                    {"training", "onsite-support", "onsite-repair", "info", "mail-parts", "paid"});
  }
  if (r.major && r.kind != "quality") {
    return Status::InvalidArgument("--major applies to quality problems (--kind quality)");
  }
  std::string route = r.to;
  if (route.empty()) {
    // quality information goes to the Quality dept; by category otherwise.
    route = config.routing.at(r.kind == "quality" ? "quality" : r.category);
  } else if (!config.FindDepartment(route)) {
    return Status::InvalidArgument(
        fmt::format("--to: '{}' is no department code in svc.toml", route));
  }
  e->action = "classify";
  e->Set("kind", r.kind);
  e->Set("category", r.category);
  e->Set("level", int64_t{r.level});
  if (!r.service.empty()) e->Set("service", r.service);
  if (r.major) e->Set("major", true);
  e->Set("route", route);
  return Status::OK();
}

Status MakeAnalyzeEvent(const AnalyzeRequest& r, Event* e) {
  if (Trim(r.cause).empty()) return Status::InvalidArgument("--cause must not be empty");
  SVC_RETURN_IF_ERROR(CheckTexts(
      {{"--cause", &r.cause}, {"--measures", &r.measures}, {"--corrective", &r.corrective}}));
  std::string responsibility = r.responsibility.empty() ? "undetermined" : r.responsibility;
  if (!OneOf(responsibility, {"ours", "customer", "supplier", "undetermined"})) {
    return NotOneOf("--responsibility", responsibility,
                    {"ours", "customer", "supplier", "undetermined"});
  }
  e->action = "analyze";
  e->Set("cause", r.cause);
  if (!r.measures.empty()) e->Set("measures", r.measures);
  e->Set("responsibility", responsibility);
  if (!r.corrective.empty()) e->Set("corrective", r.corrective);
  return Status::OK();
}

Status MakeApproveEvent(const ApproveRequest& r, const Config& config, const std::string& actor,
                        Event* e) {
  std::string role = r.role;
  if (role.empty()) {
    if (const StaffMember* m = config.FindStaff(actor)) role = m->role;
  } else if (!OneOf(role, {"gm", "head", "quality", "desk"})) {
    return NotOneOf("--as", role, {"gm", "head", "quality", "desk"});
  }
  SVC_RETURN_IF_ERROR(CheckTexts({{"--comment", &r.comment}}));
  e->action = "approve";
  if (!role.empty()) e->Set("role", role);
  if (!r.comment.empty()) e->Set("comment", r.comment);
  return Status::OK();
}

Status Dispatch(const Store& store, const std::string& id, const Actor& actor,
                const DispatchRequest& r, std::string* number) {
  const Config& config = store.config();
  std::string complexity = r.complexity.empty() ? "simple" : r.complexity;
  if (!OneOf(complexity, {"simple", "complex"})) {
    return NotOneOf("--complexity", complexity, {"simple", "complex"});
  }
  if (r.techs.empty()) return Status::InvalidArgument("--tech: name at least one engineer");
  for (const auto& tech : r.techs) {
    if (Trim(tech).empty()) return Status::InvalidArgument("--tech must not be empty");
    SVC_RETURN_IF_ERROR(CheckText(tech, "--tech", false));
  }
  if (!r.dept.empty() && !config.FindDepartment(r.dept)) {
    return Status::InvalidArgument(
        fmt::format("--dept: '{}' is no department code in svc.toml", r.dept));
  }
  // The record's number is allocated under the same lock as the ticket's write,
  // after the history has proved the dispatch allowed.
  std::string allocated;
  std::string registry;  // the entry this dispatch created (or may have)
  std::string record;
  Status s =
      Act(store, id, actor, [&](const Ticket& t, const TicketState& now_state, Event* e) -> Status {
        e->action = "dispatch";
        TicketState st;  // as of the filing: the classification in force then
        SVC_RETURN_IF_ERROR(Fold(t, config, e->at, &st));
        SVC_RETURN_IF_ERROR(RefuseIfVoided(t, now_state, *e));
        if (!st.classification) {
          return Refusal(
              t, *e, fmt::format("the ticket has not been classified yet (svc classify {})", t.id));
        }
        // PRODUCT.md: the department whose engineers go — by default the one the
        // ticket is routed to; for a quality-kind ticket the one its category routes
        // to (the Quality dept supervises, it does not staff).
        const Classification& c = *st.classification;
        std::string dept = !r.dept.empty()       ? r.dept
                           : c.kind == "quality" ? config.routing.at(c.category)
                                                 : c.route;
        Time filed = InOffset(actor.at, config.offset_minutes);
        Date month = LocalDate(filed);
        std::vector<int> taken;
        SVC_RETURN_IF_ERROR(
            store.TakenSequences(kOutboundFolder, dept, month.year, month.month, &taken));
        DocNumber n;
        SVC_RETURN_IF_ERROR(NextNumber(dept, filed, taken, config.sequence_width, &n));
        // Validate the history with this record before taking the number.
        Ticket trial = t;
        e->Set("record", n.str());
        e->Set("dept", dept);
        e->Set("techs", r.techs);
        e->Set("complexity", complexity);
        if (r.planned) e->Set("planned", *r.planned);
        trial.Append(*e);
        TicketState check;
        SVC_RETURN_IF_ERROR(Fold(trial, config, std::nullopt, &check));
        Status created =
            store.CreateFile(OutboundPath(n), WriteOutboundEntry(OutboundEntry{n.str(), t.id}));
        // Conflict: another's entry, never to be removed; any other failure
        // may have left ours in place (a failed fsync after the rename).
        if (created.code() != Status::Code::kConflict) registry = OutboundPath(n);
        record = n.str();
        SVC_RETURN_IF_ERROR(created);
        allocated = n.str();
        store.Touch(OutboundPath(n));
        return Status::OK();
      });
  if (!s.ok()) {
    // The ticket was not written: give the number back so none is left dangling
    // (unless the ticket's write failed only after its rename put it in place).
    if (!registry.empty() && !FiledBy(store, id, record)) {
      store.RemoveFile(registry);
    }
    return s;
  }
  *number = allocated;
  return Status::OK();
}

Status MakeMarkEvent(const MarkRequest& r, const Ticket& t, const TicketState& state, Event* e) {
  e->action = r.action;
  SVC_RETURN_IF_ERROR(RefuseIfVoided(t, state, *e));
  const OutboundRecord* rec = state.FindRecord(r.record);
  if (!rec) {
    return Refusal(t, *e,
                   r.record.empty()
                       ? fmt::format("the ticket has no outbound record yet (svc dispatch {} "
                                     "--tech NAME)",
                                     t.id)
                       : fmt::format("the ticket has no outbound record {}", r.record));
  }
  SVC_RETURN_IF_ERROR(CheckTexts(
      {{"--work", &r.work}, {"--signed-by", &r.signed_by}, {"--nonconformity", &r.nonconformity}}));
  e->action = r.action;
  e->Set("record", rec->number);
  if (r.action == "finish") {
    if (!r.work.empty()) e->Set("work", r.work);
    if (!r.hours.empty()) e->Set("hours", r.hours);
    if (!r.parts.empty()) e->Set("parts", r.parts);
    if (!r.signed_by.empty()) e->Set("signed_by", r.signed_by);
  } else if (r.action == "back") {
    if (!r.parts.empty()) e->Set("parts", r.parts);
  } else if (r.action == "warehouse") {
    if (!r.nonconformity.empty()) e->Set("nonconformity", r.nonconformity);
  }
  return Status::OK();
}

Status MarkRecord(const Store& store, const std::string& id, const Actor& actor,
                  const MarkRequest& r, std::string* record) {
  return Act(store, id, actor, [&](const Ticket& t, const TicketState& now_state, Event* e) {
    e->action = r.action;
    SVC_RETURN_IF_ERROR(RefuseIfVoided(t, now_state, *e));
    TicketState then;  // as of the mark's own time
    SVC_RETURN_IF_ERROR(Fold(t, store.config(), e->at, &then));
    SVC_RETURN_IF_ERROR(MakeMarkEvent(r, t, then, e));
    if (record) *record = e->Str("record");
    return Status::OK();
  });
}

Status MakeCloseEvent(const CloseRequest& r, Event* e) {
  if (!OneOf(r.result, {"completed", "incomplete"})) {
    return NotOneOf("--result", r.result, {"completed", "incomplete"});
  }
  SVC_RETURN_IF_ERROR(CheckTexts({{"--resolution", &r.resolution}}));
  e->action = "close";
  e->Set("result", r.result);
  if (r.remote) e->Set("remote", true);
  if (!r.resolution.empty()) e->Set("resolution", r.resolution);
  return Status::OK();
}

Status MakeSurveyEvent(const SurveyRequest& r, Event* e) {
  std::string satisfaction = Synonym(
      r.satisfaction,
      {{"满意", "satisfied"}, {"不满意", "unsatisfied"}, {"非常不满意", "very-unsatisfied"}});
  if (satisfaction.empty()) {
    return NotOneOf(
        "--satisfaction", r.satisfaction,
        {"satisfied", "unsatisfied", "very-unsatisfied", "满意", "不满意", "非常不满意"});
  }
  int64_t attitude = 0;
  if (!r.attitude.empty()) {
    std::string a = Synonym(
        r.attitude, {{"差", "1"}, {"一般", "2"}, {"满意", "3"}, {"好", "4"}, {"很好", "5"}});
    if (a.empty()) {
      return NotOneOf("--attitude", r.attitude,
                      {"1", "2", "3", "4", "5", "差", "一般", "满意", "好", "很好"});
    }
    attitude = a[0] - '0';
  }
  std::string damage;
  if (!r.damage.empty()) {
    damage = Synonym(r.damage, {{"无", "none"}, {"有", "some"}, {"严重", "severe"}});
    if (damage.empty())
      return NotOneOf("--damage", r.damage, {"none", "some", "severe", "无", "有", "严重"});
  }
  std::string cleanliness;
  if (!r.cleanliness.empty()) {
    cleanliness = Synonym(r.cleanliness, {{"好", "good"}, {"不好", "poor"}});
    if (cleanliness.empty()) {
      return NotOneOf("--cleanliness", r.cleanliness, {"good", "poor", "好", "不好"});
    }
  }
  SVC_RETURN_IF_ERROR(CheckTexts({{"--comment", &r.comment}}));
  e->action = "survey";
  e->Set("satisfaction", satisfaction);
  if (attitude) e->Set("attitude", attitude);
  if (!damage.empty()) e->Set("damage", damage);
  if (!cleanliness.empty()) e->Set("cleanliness", cleanliness);
  if (!r.comment.empty()) e->Set("comment", r.comment);
  if (r.amend) e->Set("amend", true);
  return Status::OK();
}

Status ParsePart(std::string_view text, const std::vector<std::string>& supplies,
                 const std::string& default_supply, Part* out) {
  auto bad = [&](std::string_view why) {
    return Status::InvalidArgument(fmt::format("--part '{}': {} (write NAME:QTY[:UNIT_YUAN][:{}])",
                                               text, why, fmt::join(supplies, "|")));
  };
  std::vector<std::string_view> fields = Split(text, ':');
  if (fields.size() < 2 || fields.size() > 4) return bad("expected NAME:QTY");
  Part p;
  p.name = std::string(Trim(fields[0]));
  if (p.name.empty()) return bad("the name is empty");
  SVC_RETURN_IF_ERROR(CheckText(p.name, "--part", false));
  std::string_view qty = fields[1];
  if (qty.empty() || qty.size() > 6 ||
      !std::all_of(qty.begin(), qty.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      std::stoi(std::string(qty)) < 1) {
    return bad("the quantity must be a whole number from 1");
  }
  p.qty = std::stoi(std::string(qty));
  p.supply = default_supply;
  bool have_unit = false, have_supply = false;
  for (size_t i = 2; i < fields.size(); ++i) {
    std::string supply = Synonym(
        fields[i],
        {{"三包", "warranty"}, {"自购", "customer"}, {"返回", "returned"}, {"报废", "scrapped"}});
    if (!supply.empty() && std::find(supplies.begin(), supplies.end(), supply) != supplies.end() &&
        !have_supply) {
      p.supply = supply;
      have_supply = true;
      continue;
    }
    Money unit;
    if (!have_unit && ParseMoney(fields[i], &unit).ok()) {
      p.unit = unit;
      have_unit = true;
      continue;
    }
    return bad(fmt::format("'{}' is neither a price in yuan nor one of {}", fields[i],
                           fmt::join(supplies, ", ")));
  }
  *out = std::move(p);
  return Status::OK();
}

Status ParseHours(std::string_view text, std::string* out) {
  Money m;  // the same fixed-point shape: at most two decimals
  if (!ParseMoney(text, &m).ok() || m.fen <= 0 || m.fen > 100000) {
    return Status::InvalidArgument(
        fmt::format("--hours: '{}' is not a number of hours like 3 or 2.5 (at most 1000)", text));
  }
  std::string s = FormatMoney(m);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  *out = s;
  return Status::OK();
}

}  // namespace svc
