// svc import customers|equipment FILE.csv: a company's Excel lists into the
// customer file (R-4.6 b). The library reads and checks the sheet
// (ops/import.h) and writes it under one lock; this prints.
#include <fmt/format.h>

#include "base/json.h"
#include "base/text.h"
#include "commands.h"
#include "ops/import.h"

namespace svc::cli {

int RunImport(Context& ctx, const ImportOptions& o) {
  Status s = ctx.OpenStore();
  Time now, at;
  std::string actor, bytes;
  ImportKind kind;
  CsvEncoding encoding;
  if (s.ok()) s = ctx.Now(&now);
  if (s.ok()) s = ctx.TimeOption("--at", o.at, &at);
  if (s.ok()) s = ParseImportKind(o.kind, &kind);
  if (s.ok()) s = ParseCsvEncoding(o.encoding, &encoding).Prefixed("--encoding");
  if (s.ok()) s = ctx.ActorName(&actor);
  if (s.ok()) s = ReadImportFile(o.file, &bytes);
  if (!s.ok()) return Fail(s);
  const std::string file = o.file == "-" ? "<stdin>" : o.file;
  ImportSheet sheet;
  ImportResult result;
  if (!(s = ReadImportSheet(bytes, file, encoding, kind, &sheet)).ok()) return Fail(s);
  s = ImportRows(ctx.store(), file, at, now, actor, o.dry_run, &sheet, &result);
  if (!s.ok()) return Fail(s);
  for (const std::string& n : sheet.notes) fmt::print(stderr, "svc: note: {}\n", EscapeControls(n));
  if (!sheet.problems.empty()) {
    // Every bad row, as FILE:LINE: message (as svc check prints its findings).
    for (const ImportProblem& p : sheet.problems) {
      fmt::print(stderr, "{}\n", EscapeControls(p.Text()));
    }
    fmt::print(stderr, "svc: {}: {} bad row{}; nothing imported\n", EscapeControls(file),
               sheet.problems.size(), sheet.problems.size() == 1 ? "" : "s");
    return 1;
  }
  const char* what = kind == ImportKind::kCustomers ? "customer" : "unit";
  std::string verb = o.dry_run ? "would import" : "imported";
  if (ctx.json()) {
    JsonValue v = JsonValue::Object();
    v.Add("kind", o.kind);
    v.Add("rows", static_cast<int64_t>(result.rows));
    v.Add("dry_run", o.dry_run);
    JsonValue codes = JsonValue::Array();
    for (const std::string& c : result.codes) codes.Push(c);
    v.Add("codes", std::move(codes));
    fmt::print("{}", ToJson(v));
  } else if (kind == ImportKind::kCustomers) {
    fmt::print("{} {} {}{}{}\n", verb, result.rows, what, result.rows == 1 ? "" : "s",
               result.codes.empty()
                   ? ""
                   : fmt::format(": {} … {}", result.codes.front(), result.codes.back()));
  } else {
    fmt::print("{} {} {}{} of {} customer{}\n", verb, result.rows, what,
               result.rows == 1 ? "" : "s", result.customers, result.customers == 1 ? "" : "s");
  }
  if (!o.dry_run && result.rows > 0) {
    ctx.SetCommitMessage(fmt::format("import of {} {}{} from {}", result.rows, what,
                                     result.rows == 1 ? "" : "s", file));
  }
  return 0;
}

}  // namespace svc::cli
