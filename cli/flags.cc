#include "flags.h"
#include "base/i18n.h"

#include <utility>
#include "base/text.h"

namespace svc::cli {
namespace {

// Field (model/ticket.h's and the library's requests') -> how the command line names it.
constexpr std::pair<std::string_view, std::string_view> kFlags[] = {
    // svc open: the info form
    {"via", "--via"},
    {"customer", "--customer"},
    {"contact", "--contact"},
    {"title", "--title"},
    {"phone", "--phone"},
    {"address", "--address"},
    {"product", "--product"},
    {"model", "--model"},
    {"size", "--size"},
    {"serial", "--serial"},
    {"quantity", "--quantity"},
    {"project_no", "--project-no"},
    {"equipment_no", "--equipment-no"},
    {"invoice_no", "--invoice-no"},
    {"description", N_("the description")},  // --description, --description-file or standard input
    {"received", "--received-at"},
    {"at", "--at"},
    {"actor", "--actor"},
    {"level", "--level"},
    // the actions
    {"kind", "--kind"},
    {"category", "--category"},
    {"service", "--service"},
    {"route", "--to"},
    {"cause", "--cause"},
    {"cause_category", "--cause-category"},
    {"measures", "--measures"},
    {"corrective", "--corrective"},
    {"responsibility", "--responsibility"},
    {"role", "--as"},
    {"comment", "--comment"},
    {"techs", "--tech"},
    {"complexity", "--complexity"},
    {"dept", "--dept"},
    {"work", "--work"},
    {"signed_by", "--signed-by"},
    {"nonconformity", "--nonconformity"},
    {"parts", "--part"},
    {"result", "--result"},
    {"resolution", "--resolution"},
    {"satisfaction", "--satisfaction"},
    {"attitude", "--attitude"},
    {"damage", "--damage"},
    {"cleanliness", "--cleanliness"},
    {"reason", "--reason"},
    {"major", "--major"},
    {"hours", "--hours"},
    {"field", "--field"},
    {"value", "--value"},
    // svc quote
    {"people", "--people"},
    {"days", "--days"},
    {"lodging_days", "--lodging-days"},
    {"meal_days", "--meal-days"},
    {"labor_rate", "--labor-rate"},
    {"free", "--free"},
    {"paid", "--paid"},
    // svc import: the spreadsheet's encoding
    {"encoding", "--encoding"},
    // svc report: the period
    {"month", "--month"},
    {"quarter", "--quarter"},
    {"half", "--half"},
    {"year", "--year"},
    {"from", "--from"},
    {"to", "--to"},
    // svc customer, svc equipment (the customer file)
    {"aliases", "--alias"},
    {"contacts", "--contact"},
    {"phones", "--phone"},
    {"addresses", "--address"},
    {"drop_aliases", "--drop-alias"},
    {"drop_contacts", "--drop-contact"},
    {"drop_phones", "--drop-phone"},
    {"drop_addresses", "--drop-address"},
    {"location", "--location"},
    {"commissioned", "--commissioned"},
    {"warranty_until", "--warranty-until"},
    // the quality loop: approve --as customer --by, follow-up --action,
    // warehouse --data, notify --to
    {"by", "--by"},
    {"action", "--action"},
    {"data", "--data"},
    // svc nonconformity
    {"disposition", "--disposition"},
    // svc expense, svc advance, svc writeoff
    {"amount", "--amount"},
    {"item", "--item"},
    {"engineer", "--engineer"},
    {"note", "--note"},
    {"record", "--record"},
    // svc training
    {"topic", "--topic"},
    {"trainer", "--trainer"},
    {"trainees", "--trainee"},
    {"trainee", "--trainee"},
    {"materials", "--material"},
    {"assessment", "--assessment"},
};

}  // namespace

std::string_view FlagFor(std::string_view field) {
  for (auto [f, flag] : kFlags) {
    if (f == field) return flag.starts_with("--") ? flag : std::string_view(_(flag.data()));
  }
  return field;
}

std::string UserText(const Status& s) {
  return s.field().empty() ? s.message() : s.Renamed(FlagFor);
}

std::string UserProblem(const Problem& found) {
  Problem p = found;
  if (!p.cause.ok()) p.message = UserText(p.cause);
  return EscapeControls(FormatProblem(p));  // a problem quotes what the records hold
}

}  // namespace svc::cli
