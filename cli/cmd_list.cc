// svc list: one row per ticket, filtered, sorted and in the columns asked,
// as text (with a header), CSV (RFC 4180), a Markdown table or JSON. The
// library (ops/find.h) finds and orders the tickets; this file only prints.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "base/i18n.h"
#include "base/json.h"
#include "base/suggest.h"
#include "base/text.h"
#include "base/typed.h"
#include "commands.h"
#include "model/values.h"
#include "model/vocabulary.h"
#include "ops/filters.h"
#include "ops/find.h"
#include "rules/state.h"
#include "storage/index.h"

namespace svc::cli {
namespace {

// A date means its whole day: --since its start, --until the start of the next.
Status Bound(Context& ctx, const std::string& option, const std::string& text, bool until,
             std::optional<Time>* out) {
  if (text.empty()) return Status::OK();
  int offset = ctx.store().config().offset_minutes;
  Date d;
  if (ParseDate(FoldTyped(text), &d).ok()) {
    SVC_RETURN_IF_ERROR(CheckYear(d.year).Prefixed(option));
    *out = StartOfDay(until ? DateFromDays(DaysFromDate(d) + 1) : d, offset);
    return Status::OK();
  }
  Time t;
  SVC_RETURN_IF_ERROR(ctx.TimeOption(option, text, &t));
  if (until) t.secs += 1;  // a time is inclusive
  *out = t;
  return Status::OK();
}

// The header of a text column, and its width (0: the rest of the line). The
// header is for people (text and Markdown): shown through Tr.
struct TextColumn {
  std::string_view name;
  const char* header;
  int width;
};
constexpr TextColumn kTextColumns[] = {
    {"number", N_("NUMBER"), 12},     {"status", N_("STATUS"), 6},
    {"received", N_("RECEIVED"), 16}, {"level", N_("LEVEL"), 5},
    {"route", N_("ROUTE"), 5},        {"customer", N_("CUSTOMER"), 24},
    {"headline", N_("HEADLINE"), 30}, {"via", N_("VIA"), 5},
    {"kind", N_("KIND"), 8},          {"product", N_("PRODUCT"), 20},
    {"techs", N_("TECHS"), 20},       {"category", N_("CATEGORY"), 10},
    {"service", N_("SERVICE"), 12},   {"closed", N_("CLOSED"), 16},
};

const TextColumn& TextColumnOf(std::string_view name) {
  for (const TextColumn& c : kTextColumns) {
    if (c.name == name) return c;
  }
  return kTextColumns[0];
}

// A cell as the text and Markdown rows show it: a short time, "L2", "-" for none.
std::string ShownCell(const TicketSummary& t, std::string_view column, const Config& config) {
  if (column == "received") return FormatTimeShortIn(t.received, config.offset_minutes);
  if (column == "closed")
    return t.closed ? FormatTimeShortIn(*t.closed, config.offset_minutes) : "-";
  if (column == "level") return t.level ? fmt::format("L{}", t.level) : "-";
  if (column == "status") return std::string(TicketStatuses().Shown(StatusName(t.status)));
  if (column == "kind" && !t.kind.empty()) return std::string(TicketKinds().Shown(t.kind));
  if (column == "category" && !t.category.empty())
    return std::string(Categories().Shown(t.category));
  if (column == "service" && !t.service.empty()) return std::string(Services().Shown(t.service));
  std::string cell = ListCell(t, column, config.offset_minutes);
  return cell.empty() ? "-" : cell;
}

std::string TextLine(const std::vector<std::string>& cells,
                     const std::vector<std::string>& columns) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) {
    const TextColumn& c = TextColumnOf(columns[i]);
    bool last = i + 1 == cells.size();
    if (i) line += ' ';
    line += last ? Truncate(cells[i], c.width) : PadRight(Truncate(cells[i], c.width), c.width);
  }
  return EscapeControls(line);
}

void JsonCell(JsonWriter& w, const TicketSummary& t, std::string_view column,
              const Config& config) {
  w.Key(column == "number" ? "id" : column);
  if (column == "level") {
    t.level ? w.Int(t.level) : w.Null();
  } else if (column == "techs") {
    w.BeginArray();
    for (const std::string& tech : t.techs) w.String(tech);
    w.EndArray();
  } else if (column == "number" || column == "status" || column == "received" ||
             column == "customer" || column == "via") {
    w.String(ListCell(t, column, config.offset_minutes));
  } else {
    std::string cell = ListCell(t, column, config.offset_minutes);
    cell.empty() ? w.Null() : w.String(cell);
  }
}

// JSON without --columns: every key svc list has always printed, then the newer ones.
const std::vector<std::string> kJsonColumns = {"number", "status",   "via",      "received",
                                               "level",  "route",    "customer", "product",
                                               "kind",   "headline", "techs"};

}  // namespace

Status QueryFromFlags(Context& ctx, const std::vector<std::string>& statuses,
                      const std::string& since, const std::string& until, TicketQuery* q) {
  for (const std::string& typed : statuses) {
    SVC_RETURN_IF_ERROR(
        CheckFilter(ctx.store().config(), FilterOn::kStatus, Trim(typed)).Prefixed("--status"));
    TicketStatus st;
    ParseStatusName(Trim(typed), &st);
    q->statuses.push_back(st);
  }
  SVC_RETURN_IF_ERROR(Bound(ctx, "--since", since, false, &q->since));
  return Bound(ctx, "--until", until, true, &q->until);
}

int ReportUnreadable(int unreadable) {
  if (!unreadable) return 0;
  fmt::print(
      stderr, "svc: {}\n",
      unreadable == 1
          ? TrF("{} ticket file could not be read (see above; 'svc check' lists all)", unreadable)
          : TrF("{} ticket files could not be read (see above; 'svc check' lists all)",
                unreadable));
  return 1;
}

int RunList(Context& ctx, const ListOptions& o) {
  std::string format = o.format.empty() ? (ctx.json() ? "json" : "text") : o.format;
  if (format != "text" && format != "csv" && format != "md" && format != "json") {
    return Fail(Status::InvalidArgument(
        TrF("--format: '{}' is no format (known: text, csv, md, json)", o.format)));
  }
  std::vector<std::string> columns = DefaultListColumns();
  Status s;
  if (!o.columns.empty() && !(s = ParseColumns(o.columns, &columns)).ok()) return Fail(s);
  if (format == "json" && o.columns.empty()) columns = kJsonColumns;
  std::string sort = o.sort.empty() ? "number" : o.sort;
  if (!(s = CheckSortKey(sort)).ok()) return Fail(s);
  if (!(s = ctx.OpenStore()).ok()) return Fail(s);
  const Store& store = ctx.store();
  const Config& config = store.config();
  Time now;
  if (!(s = ctx.Now(&now)).ok()) return Fail(s);
  const FilterValue filters[] = {{"--via", FilterOn::kDepartment, o.via},
                                 {"--route", FilterOn::kDepartment, o.route},
                                 {"--level", FilterOn::kLevel, o.level}};
  if (!(s = CheckFilters(config, filters)).ok()) return Fail(s);
  if (!o.kind.empty() && !TicketKinds().Find(o.kind)) {
    std::vector<std::string> known = TicketKinds().Stored();
    std::string hint = Nearest(o.kind, known);
    std::string joined = fmt::format("{}", fmt::join(known, ", "));
    return Fail(Status::InvalidArgument(
        hint.empty() ? TrF("--kind: '{}' is no ticket kind (known: {})", o.kind, joined)
                     : TrF("--kind: '{}' is no ticket kind: did you mean {}? (known: {})", o.kind,
                           hint, joined)));
  }
  TicketQuery q;
  if (!(s = QueryFromFlags(ctx, o.status, o.since, o.until, &q)).ok()) return Fail(s);
  q.via = o.via;
  q.route = o.route;
  q.tech = o.tech;
  q.kind = o.kind;
  q.level = o.level.empty() ? 0 : std::stoi(o.level);  // checked: a level of svc.toml
  q.customer = o.customer;

  JsonWriter w;
  if (format == "json") {
    w.BeginArray();
  } else if (format == "csv" && !o.no_header) {
    std::string line;
    for (const std::string& c : columns) line += (line.empty() ? "" : ",") + c;
    fmt::print("{}\r\n", line);
  } else if (format == "md") {
    std::string head = "|", rule = "|";
    for (const std::string& c : columns) {
      head += " " + std::string(Tr(TextColumnOf(c).header)) + " |";
      rule += " --- |";
    }
    fmt::print("{}\n{}\n", head, rule);
  }
  // Text: the header comes with the first row (an empty list prints nothing).
  bool header_due = format == "text" && !o.no_header;
  int unreadable = 0;
  Progress progress("list");
  ScanOptions scan = ctx.Scan();
  scan.progress = [&](int64_t done) { progress.Update(done); };
  s = ListTickets(
      store, now, q, sort, o.reverse, scan,
      [&](const Status& e) {
        ++unreadable;
        fmt::print(stderr, "svc: {}\n", EscapeControls(e.message()));
      },
      [&](const TicketSummary& t) {
        if (format == "json") {
          w.BeginObject();
          for (const std::string& c : columns) JsonCell(w, t, c, config);
          w.EndObject();
          fmt::print("{}", w.TakeSoFar());  // as found: the list may be the whole store
          return;
        }
        std::vector<std::string> cells;
        for (const std::string& c : columns) {
          cells.push_back(format == "csv" ? ListCell(t, c, config.offset_minutes)
                                          : ShownCell(t, c, config));
        }
        if (format == "csv") {
          std::string line;
          for (size_t i = 0; i < cells.size(); ++i) line += (i ? "," : "") + CsvField(cells[i]);
          fmt::print("{}\r\n", line);
        } else if (format == "md") {
          std::string line = "|";
          for (const std::string& cell : cells) line += " " + MarkdownText(cell) + " |";
          fmt::print("{}\n", line);
        } else {
          if (header_due) {
            std::vector<std::string> head;
            for (const std::string& c : columns) head.emplace_back(Tr(TextColumnOf(c).header));
            fmt::print("{}\n", TextLine(head, columns));
            header_due = false;
          }
          fmt::print("{}\n", TextLine(cells, columns));
        }
      });
  if (format == "json") {
    w.EndArray();
    fmt::print("{}", w.Take());
  }
  if (!s.ok()) return Fail(s);
  return ReportUnreadable(unreadable);
}

}  // namespace svc::cli
