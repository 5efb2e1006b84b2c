// training: training records (培训记录, R-3.1, R-4.3.1).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "base/i18n.h"
#include "base/text.h"
#include "commands.h"
#include "model/values.h"
#include "ops/training.h"
#include "render.h"

namespace svc::cli {
namespace {

// The moment show and list judge by: --now if asked for (the records as they stood).
std::optional<Time> AsOf(Context& ctx, const Time& now) {
  return ctx.NowGiven() ? std::optional<Time>(now) : std::nullopt;
}

// "李强 合格 92分; 王芳 (not assessed)": each trainee with their result.
std::string TraineesLine(const TrainingState& t) {
  std::vector<std::string> out;
  for (const std::string& name : t.trainees) {
    const TrainingAssessment* a = t.ResultOf(name);
    out.push_back(a ? fmt::format("{} {}", name, a->result) : name);
  }
  return fmt::format("{}", fmt::join(out, "; "));
}

std::string TrainingText(const TrainingState& t, int off) {
  std::string out = fmt::format("{}  {}  {}\n", t.id, FormatDate(t.date), t.topic);
  auto row = [&](std::string_view key, std::string_view value) {
    if (!value.empty()) out += fmt::format("{:<12} {}\n", key, value);
  };
  row(_("trainer"), t.trainer);
  row(_("hours"), t.hours);
  row(_("assessment"), t.assessment);
  row(_("materials"), fmt::format("{}", fmt::join(t.materials, "; ")));
  row(_("recorded"), fmt::format("{}  {}", FormatTimeShortIn(t.at, off), t.by));
  out += std::string(_("trainees")) + "\n";
  for (const std::string& name : t.trainees) {
    const TrainingAssessment* a = t.ResultOf(name);
    if (!a) {
      out += TrF("  {}  not assessed yet\n", name);
      continue;
    }
    out +=
        fmt::format("  {}  {}  ({} {})\n", name, a->result, FormatTimeShortIn(a->at, off), a->by);
    for (std::string_view line : Split(a->comment, '\n')) {
      if (!line.empty()) out += fmt::format("    {}\n", line);
    }
  }
  out += HistoryText(t.history, off);
  return out;
}

// "2026": a year of four digits, from kMinYear to kMaxYear.
Status ParseYear(const std::string& text, int* year) {
  if (text.size() != 4 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return Status::InvalidArgument(
        TrF("--year: '{}' is not a year (four digits, e.g. 2026)", text));
  }
  *year = std::stoi(text);
  return CheckYear(*year).Prefixed("--year");
}

int Add(Context& ctx, const TrainingOptions& o, const Time& now) {
  TrainingForm form{o.date, o.topic, o.trainer, o.trainees, o.assessment, o.materials, o.hours, {}};
  std::string actor, id;
  Status s = ctx.TimeOption("--at", o.at, &form.at);
  if (s.ok()) s = ctx.ActorName(&actor);
  if (s.ok()) s = AddTraining(ctx.store(), form, now, actor, &id);
  if (!s.ok()) return Fail(s);
  fmt::print("{}\n", id);
  ctx.SetCommitMessage(fmt::format("{}: training recorded ({})", id, Truncate(o.topic, 40)));
  return 0;
}

// assess, note: one event on the record.
int Act(Context& ctx, const TrainingOptions& o, const Time& now) {
  Time at;
  std::string actor, what, shown;  // shown: in the interface's language; what: the commit's
  Status s = ctx.TimeOption("--at", o.at, &at);
  if (s.ok()) s = ctx.ActorName(&actor);
  if (!s.ok()) return Fail(s);
  if (o.verb == "assess") {
    s = AssessTraining(ctx.store(), o.id, o.trainee, o.result, o.comment, at, now, actor);
    what = fmt::format("{} assessed", Trim(o.trainee));
    shown = TrF("{} assessed", Trim(o.trainee));
  } else {
    s = NoteTraining(ctx.store(), o.id, o.text, at, now, actor);
    what = "note added";
    shown = _("note added");
  }
  if (!s.ok()) return Fail(s);
  fmt::print(stderr, "svc: {}: {}\n", o.id, EscapeControls(shown));
  ctx.SetCommitMessage(fmt::format("{}: {}", o.id, what));
  return 0;
}

}  // namespace

int RunTraining(Context& ctx, const TrainingOptions& o) {
  std::optional<int> year;
  if (o.verb == "list" && !o.year.empty()) {
    int y = 0;
    if (Status s = ParseYear(o.year, &y); !s.ok()) return Fail(s);
    year = y;
  }
  if (o.verb == "list") {
    if (Status s = CheckText(o.trainee, "--trainee", false); !s.ok()) return Fail(s);
  }
  Status s = ctx.OpenStore();
  Time now;
  if (s.ok()) s = ctx.Now(&now);
  if (!s.ok()) return Fail(s);
  if (o.verb == "add") return Add(ctx, o, now);
  if (o.verb == "assess" || o.verb == "note") return Act(ctx, o, now);
  const int off = ctx.store().config().offset_minutes;
  if (o.verb == "show") {
    TrainingState t;
    if (!(s = LoadTraining(ctx.store(), o.id, AsOf(ctx, now), &t)).ok()) return Fail(s);
    fmt::print("{}", ctx.json() ? ToJson(TrainingJson(t, off, true))
                                : EscapeControls(TrainingText(t, off)));
    return 0;
  }
  // list: newest first
  std::vector<TrainingState> list;
  if (!(s = LoadTrainings(ctx.store(), AsOf(ctx, now), year, &list)).ok()) return Fail(s);
  std::string trainee(Trim(o.trainee));
  JsonValue a = JsonValue::Array();
  std::vector<std::vector<std::string>> rows;
  for (const TrainingState& t : list) {
    if (!trainee.empty() &&
        std::find(t.trainees.begin(), t.trainees.end(), trainee) == t.trainees.end()) {
      continue;
    }
    if (ctx.json()) {
      a.Push(TrainingJson(t, off, false));
    } else {
      rows.push_back({t.id, FormatDate(t.date), Truncate(t.topic, 30), t.trainer,
                      Truncate(TraineesLine(t), 60)});
    }
  }
  if (ctx.json()) {
    fmt::print("{}", ToJson(a));
  } else {
    for (const auto& r : rows) {
      fmt::print("{}\n", EscapeControls(fmt::format("{}", fmt::join(r, "  "))));
    }
  }
  return 0;
}

}  // namespace svc::cli
