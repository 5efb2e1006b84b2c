// svc import customers|equipment FILE.csv: a company's Excel lists into the
// customer file (R-4.6 b). The library reads and checks the sheet
// (ops/import.h) and writes it under one lock; this prints.
#include <fmt/format.h>

#include "base/i18n.h"
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
  for (const std::string& n : sheet.notes)
    fmt::print(stderr, "svc: {}\n", TrF("note: {}", EscapeControls(n)));
  if (!sheet.problems.empty()) {
    // Every bad row, as FILE:LINE: message (as svc check prints its findings).
    for (const ImportProblem& p : sheet.problems) {
      fmt::print(stderr, "{}\n", EscapeControls(p.Text()));
    }
    fmt::print(stderr, "svc: {}: {}\n", EscapeControls(file),
               sheet.problems.size() == 1
                   ? TrF("{} bad row; nothing imported", sheet.problems.size())
                   : TrF("{} bad rows; nothing imported", sheet.problems.size()));
    return 1;
  }
  const char* what = kind == ImportKind::kCustomers ? "customer" : "unit";
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
    // One whole sentence per case, for the translation.
    const bool one = result.rows == 1;
    std::string line = o.dry_run ? (one ? TrF("would import {} customer", result.rows)
                                        : TrF("would import {} customers", result.rows))
                                 : (one ? TrF("imported {} customer", result.rows)
                                        : TrF("imported {} customers", result.rows));
    fmt::print("{}{}\n", line,
               result.codes.empty()
                   ? ""
                   : fmt::format(": {} … {}", result.codes.front(), result.codes.back()));
  } else {
    const bool one = result.rows == 1;
    const bool one_customer = result.customers == 1;
    const char* text = o.dry_run
                           ? (one ? (one_customer ? N_("would import {} unit of {} customer")
                                                  : N_("would import {} unit of {} customers"))
                                  : (one_customer ? N_("would import {} units of {} customer")
                                                  : N_("would import {} units of {} customers")))
                           : (one ? (one_customer ? N_("imported {} unit of {} customer")
                                                  : N_("imported {} unit of {} customers"))
                                  : (one_customer ? N_("imported {} units of {} customer")
                                                  : N_("imported {} units of {} customers")));
    fmt::print("{}\n", TrF(text, result.rows, result.customers));
  }
  if (!o.dry_run && result.rows > 0) {
    ctx.SetCommitMessage(fmt::format("import of {} {}{} from {}", result.rows, what,
                                     result.rows == 1 ? "" : "s", file));
  }
  return 0;
}

}  // namespace svc::cli
