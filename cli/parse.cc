// The command line, bound with CLI11. No business rules here: only option
// names, value shapes and help texts.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <initializer_list>

#include "base/i18n.h"
#include "base/suggest.h"
#include "base/text.h"
#include "base/typed.h"
#include "commands.h"
#include "model/form.h"
#include "model/limits.h"
#include "model/number.h"
#include "model/values.h"
#include "model/vocabulary.h"
#include "ops/find.h"
#include "ops/import.h"
#include "options.h"

namespace svc::cli {
namespace {

// A value must not be empty: `--transport ""` is a mistake, never "0".
const CLI::Validator kNonEmpty(
    [](std::string& v) { return v.empty() ? std::string(_("must not be empty")) : std::string(); },
    "", "NONEMPTY");

// A time or date must not be empty either: `--at ""` (an unset shell
// variable) is a mistake, never "now".
const CLI::Validator& kTime = kNonEmpty;

// A whole number from `lo` to `hi` written in decimal digits only. CLI11
// itself would take 0x10 (16), 010 (octal 8), " 5" and "+5": refused here,
// and leading zeros dropped before CLI11 converts the value.
CLI::Validator Decimal(int lo, int hi) {
  return CLI::Validator(
      [lo, hi](std::string& v) {
        bool digits = !v.empty() && v.size() <= 18 &&
                      std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (digits) {
          v.erase(0, std::min(v.find_first_not_of('0'), v.size() - 1));
          long long n = std::stoll(v);
          if (n >= lo && n <= hi) return std::string();
        }
        return TrF("'{}' is not a whole number from {} to {} (decimal digits only)",
                   EscapeControls(v), lo, hi);
      },
      fmt::format("INT in [{} - {}]", lo, hi), "DECIMAL");
}

// Help texts and accepted values come from the vocabulary (model/vocabulary.h).
// "a, b or c": the words, each with its gloss when `glosses`, `dflt` marked "(default)".
std::string Words(const Vocabulary& v, std::string_view last = " or ", bool glosses = false,
                  std::string_view dflt = {}) {
  std::string out;
  auto words = v.words();
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? last : ", ";
    out += words[i].stored;
    if (glosses && !words[i].gloss.empty()) out += fmt::format(" ({})", words[i].gloss);
    if (words[i].stored == dflt) out += " (default)";
  }
  return out;
}

// "(甲/乙/丙)": the Chinese words an option also takes.
std::string ZhWords(const Vocabulary& v) {
  std::vector<std::string_view> zh;
  for (const Word& w : v.words()) zh.push_back(w.zh);
  return fmt::format("({})", fmt::join(zh, "/"));
}

// "a|b": the words of a `--part` field.
std::string Alternatives(const Vocabulary& v) {
  return fmt::format("{}", fmt::join(v.Stored(), "|"));
}

// One of the vocabulary's stored words; a mistyped one is refused naming the
// nearest and the known words: "'qualty' is not a known kind: did you mean
// quality? (known: support, quality)".
CLI::Validator OneOf(const Vocabulary& v) {
  std::vector<std::string> known = v.Stored();
  return CLI::Validator(
      [known, name = std::string(v.name())](std::string& typed) {
        if (std::find(known.begin(), known.end(), typed) != known.end()) return std::string();
        std::string nearest = Nearest(typed, known);
        return TrF("'{}' is not a known {}{} (known: {})", EscapeControls(typed), Tr(name.c_str()),
                   nearest.empty() ? std::string() : TrF(": did you mean {}?", nearest),
                   fmt::join(known, ", "));
      },
      fmt::format("{{{}}}", fmt::join(known, ",")), "ONEOF");
}

// A document number as typed ("sh-26-11-01", "ＳＨ－２６－１１－０１") becomes
// the number (SH-26-11-01); what is no number even so stays as typed, for
// the command's own message to quote.
const CLI::Validator kNumber(
    [](std::string& typed) {
      std::string number = NormalizeNumber(typed);
      DocNumber parsed;
      if (ParseDocNumber(number, &parsed).ok()) typed = number;
      return std::string();
    },
    "", "NUMBER");

// Every option that takes a document number: the ID positionals, --record, --ticket.
void NormalizeNumbers(CLI::App& app) {
  for (CLI::Option* opt : app.get_options()) {
    std::string name = opt->get_name();
    if (name == "id" || name == "--record" || name == "--ticket") opt->transform(kNumber);
  }
  for (CLI::App* sub : app.get_subcommands({})) NormalizeNumbers(*sub);
}

// The values an option takes, shown in --help ("TEXT:{a,b}") and offered by
// the shell completions, for an option the command itself checks (a filter's
// own message names the known values; ops/filters.h): accepts anything.
CLI::Validator Hint(const std::vector<std::string>& values) {
  return CLI::Validator([](std::string&) { return std::string(); },
                        fmt::format("{{{}}}", fmt::join(values, ",")), "HINT");
}

constexpr const char* kTimeHelp =
    "ISO 8601 date-time, e.g. 2026-11-29T09:30:00+08:00; without an offset it is read in the "
    "company's time zone";

void AddGlobals(CLI::App& app, GlobalOptions& g) {
  app.add_option("-R,--records", g.records,
                 "records directory (default: $SVC_RECORDS, else the nearest folder above "
                 "holding svc.toml)");
  app.add_option("--now", g.now,
                 std::string("the clock svc judges against (also $SVC_NOW); ") + kTimeHelp)
      ->check(kTime);
  app.add_option("--actor", g.actor,
                 "who acts (also $SVC_ACTOR; else git's user.name; else the login name)");
  app.add_flag("--json", g.json, "machine-readable output on stdout");
  app.add_flag(
      "--no-index", g.no_index,
      "read every ticket file instead of using the cache .svc/index (also $SVC_NO_INDEX=1)");
  app.add_flag(
      "--commit", g.commit,
      "commit exactly the files the command wrote to git (also commit = true in svc.toml)");
}

// The ticket and --at every action takes.
void BindTarget(CLI::App& c, Target& t) {
  c.add_option("id", t.id, "ticket number, e.g. YX-26-11-01")->required();
  c.add_option("--at", t.at, std::string("when it really happened (default: now); ") + kTimeHelp)
      ->check(kTime);
}

// --amend --reason: `what` is the step corrected.
void BindAmend(CLI::App& c, AmendOptions& a, std::string_view what) {
  c.add_flag("--amend", a.amend,
             fmt::format("correct the latest {} (both stay in the history); options not given "
                         "again keep their values, and without --at its time stays",
                         what));
  c.add_option("--reason", a.reason, "with --amend: why the record is corrected")->check(kNonEmpty);
}

}  // namespace

void BindInit(CLI::App& c, Options& o) {
  c.add_option("dir", o.init.dir, "folder to create or fill (default: the current folder)");
}

void BindOpen(CLI::App& c, Options& o) {
  OpenOptions& f = o.open;
  c.add_option("--via", f.via, "code of the department that received the request (e.g. YX)")
      ->required();
  c.add_option("--customer", f.customer,
               "customer: its code (K0001), name or alias in the customer file, or a name not "
               "on file");
  c.add_flag("--new-customer", f.new_customer,
             "the customer is not on file although its name is near one that is (or its phone "
             "is on file)");
  c.add_option("--contact", f.contact, "contact person");
  c.add_option("--title", f.title, "the contact's title");
  c.add_option("--phone", f.phone, "phone");
  c.add_option("--address", f.address, "address");
  c.add_option("--product", f.product, "product / equipment type");
  c.add_option("--model", f.model, "model");
  c.add_option("--size", f.size, "type and size (规格)");
  c.add_option("--serial", f.serial,
               "serial number (one registered in the customer file fills the customer, "
               "product, model and warranty)");
  c.add_option("--quantity", f.quantity, "quantity")
      ->transform(Decimal(1, static_cast<int>(kMaxQuantity)));
  c.add_option("--project-no", f.project_no, "project number (AB号)");
  c.add_option("--equipment-no", f.equipment_no, "equipment number");
  c.add_option("--commissioned", f.commissioned, "commissioning date, e.g. 2024-05-01")
      ->check(kTime);
  c.add_option("--purchased", f.purchased, "purchase date")->check(kTime);
  c.add_option("--invoice-no", f.invoice_no, "invoice number");
  c.add_option("--warranty-until", f.warranty_until,
               "the unit's warranty end (default: the customer file's, for a registered serial)")
      ->check(kTime);
  auto* d = c.add_option("--description", f.description, "fault description ('-': standard input)");
  c.add_option("--description-file", f.description_file,
               "read the fault description from FILE ('-': standard input)")
      ->excludes(d);
  c.add_option(
       "--received-at", f.received_at,
       std::string("when the customer's request was received (default: --at); ") + kTimeHelp)
      ->check(kTime);
  c.add_option("--at", f.at, std::string("when the form was filled (default: now); ") + kTimeHelp)
      ->check(kTime);
  c.add_option("--level", f.level, "fault level 1-4 if already known (Table 2)")
      ->transform(Decimal(kMinLevel, kMaxLevel));
  c.add_option("--annual-plan", f.annual_plan,
               "the annual plan's item the ticket serves, YEAR:N (R-4.5.5; it must be approved)");
  c.add_flag("--complaint", f.complaint,
             "the request is a customer complaint (R-4.7 d): counted in the reports");
  c.footer("Next: svc classify ID --kind support --category hardware --level 2");
}

void BindShow(CLI::App& c, Options& o) {
  c.add_option("id", o.show.id, "ticket number, e.g. YX-26-11-01")->required();
}

// list's and search's --status (repeated or a comma list), --since and --until.
static void BindStatuses(CLI::App& c, std::vector<std::string>& statuses) {
  c.add_option("--status", statuses,
               "only tickets in this status (repeat it, or a comma list: any of them): " +
                   Words(TicketStatuses()))
      ->delimiter(',')
      ->check(Hint(TicketStatuses().Stored()));
}

static void BindReceived(CLI::App& c, std::string& since, std::string& until) {
  c.add_option("--since", since, "only tickets received at or after this date or time")
      ->check(kTime);
  c.add_option("--until", until,
               "only tickets received up to this time, or to the end of this date")
      ->check(kTime);
}

void BindList(CLI::App& c, Options& o) {
  ListOptions& l = o.list;
  // Filters are checked against svc.toml and the vocabulary by the command (ops/filters.h).
  BindStatuses(c, l.status);
  c.add_option("--via", l.via, "only tickets received by this department (its code in svc.toml)");
  c.add_option("--route", l.route, "only tickets routed to this department (its code in svc.toml)");
  c.add_option("--tech", l.tech, "only tickets an engineer of this name went out on");
  c.add_option("--level", l.level, "only tickets of this fault level (1-4, Table 2)")
      ->check(Hint({"1", "2", "3", "4"}));
  c.add_option("--kind", l.kind, "only tickets of this kind: " + Words(TicketKinds(), " or "))
      ->check(Hint(TicketKinds().Stored()));
  BindReceived(c, l.since, l.until);
  c.add_option("--customer", l.customer, "only customers whose name contains this text");
  c.add_option("--sort", l.sort, "order by number (default), received, level, status or customer")
      ->check(Hint(ListSortKeys()));
  c.add_flag("-r,--reverse", l.reverse, "the other way round");
  c.add_option("--columns", l.columns,
               "the columns, comma-separated (default number,status,received,level,route,"
               "customer,headline); also via, kind, product, techs, category, service, closed");
  c.add_option("--format", l.format, "text (default), csv (RFC 4180), md (a table) or json")
      ->check(Hint({"text", "csv", "md", "json"}));
  c.add_flag("--no-header", l.no_header, "text and csv: leave out the header row");
}

void BindSearch(CLI::App& c, Options& o) {
  SearchOptions& f = o.search;
  c.add_option("text", f.text,
               "the text to look for: any case, full-width or not, Chinese as a substring")
      ->required();
  BindStatuses(c, f.status);
  BindReceived(c, f.since, f.until);
  c.footer("Exit status: 0 found, 1 nothing found, 2 a bad command line (like grep).");
}

void BindStatus(CLI::App& c, Options& o) {
  c.add_option("--worst", o.status.worst, "how many overdue and due clocks to name (default 5)")
      ->check(CLI::Range(0, 1000));
}

void BindCheck(CLI::App& c, Options& o) {
  c.add_flag("--repair", o.check.repair,
             "first recover what interrupted commands left (temporary files, empty folders, "
             "unfiled outbound numbers), saying what was done");
}

void BindClassify(CLI::App& c, Options& o) {
  ClassifyOptions& f = o.classify;
  BindTarget(c, f);
  c.add_option("--kind", f.kind, Words(TicketKinds(), " or ", true))
      ->required()
      ->check(OneOf(TicketKinds()));
  c.add_option("--category", f.category, Words(Categories()))
      ->required()
      ->check(OneOf(Categories()));
  c.add_option("--level", f.level, "fault level 1-4 (Table 2)")
      ->required()
      ->transform(Decimal(kMinLevel, kMaxLevel));
  c.add_option("--service", f.service, "kind of service (R-4.1 a-f): " + Words(Services(), ", "))
      ->check(OneOf(Services()));
  c.add_flag("--major", f.major, "a major quality problem: the general manager approves the plan");
  c.add_option("--to", f.to, "route to this department instead of the configured one");
  c.footer(
      "Routing: to the department svc.toml's [routing] names for the category (with --kind "
      "quality: the one it names for quality).\n"
      "Next: svc dispatch YX-26-11-01 --tech 张伟   (or svc close ID --result completed --remote)");
}

void BindAnalyze(CLI::App& c, Options& o) {
  AnalyzeOptions& a = o.analyze;
  BindTarget(c, a);
  c.add_option("--cause", a.cause, "the cause found")->required();
  c.add_option("--cause-category", a.cause_category,
               "the cause's category for the fault analysis: a code (or name) of svc.toml "
               "[causes], e.g. component, design, software (R-3.1)");
  c.add_option("--measures", a.measures, "first measures taken");
  c.add_option("--responsibility", a.responsibility,
               Words(Responsibility(), " or ", false, word::kUndetermined))
      ->check(OneOf(Responsibility()));
  c.add_option("--corrective", a.corrective, "corrective / preventive action");
}

void BindPlan(CLI::App& c, Options& o) {
  PlanOptions& p = o.plan;
  BindTarget(c, p);
  auto* text = c.add_option("--text", p.text, "the plan ('-': standard input)");
  c.add_option("--file", p.file, "read the plan from FILE ('-': standard input)")->excludes(text);
}

void BindApprove(CLI::App& c, Options& o) {
  ApproveOptions& v = o.approve;
  BindTarget(c, v);
  c.add_option("--as", v.as, "the approver's role: " + Words(ApprovalRoles(), ", ", true))
      ->check(OneOf(ApprovalRoles()));
  c.add_option("--by", v.by,
               "with --as customer: the customer's person who endorsed the corrective action "
               "(R-4.3.3)");
  c.add_option("--comment", v.comment, "review comment");
  c.footer(
      "A major problem is approved by the general manager (--as gm, R-4.2.2); the customer "
      "endorses the corrective action (--as customer, R-4.3.3).");
}

void BindNotify(CLI::App& c, Options& o) {
  NotifyOptions& n = o.notify;
  BindTarget(c, n);
  c.add_option("--to", n.to, "whom: gm (the general manager, R-4.2.2)")
      ->required()
      ->check(OneOf(ApprovalRoles()));
  c.add_option("--comment", n.comment, "how and what was reported");
  c.footer(
      "A major quality problem is reported to the general manager at once (clock notify, 30 min "
      "by default): svc overdue shows it until this or svc approve --as gm.");
}

void BindFollowUp(CLI::App& c, Options& o) {
  FollowUpOptions& f = o.follow_up;
  BindTarget(c, f);
  c.add_option("--action", f.action, "what the desk and the Quality dept did (R-4.5.1)")
      ->required();
  c.footer(
      "After a survey answered unsatisfied or very-unsatisfied, or a verification unresolved, the "
      "follow-up clock runs (24 h by default) until this or svc reopen.");
}

void BindRedeliver(CLI::App& c, Options& o) {
  RedeliverOptions& r = o.redeliver;
  BindTarget(c, r);
  c.add_option("--record", r.record,
               "the outbound record whose data was booked (default: the latest)");
  c.add_option("--text", r.text, "what was re-delivered, and how");
}

void BindDispatch(CLI::App& c, Options& o) {
  DispatchOptions& d = o.dispatch;
  BindTarget(c, d);
  c.add_option("--tech", d.techs, "engineer sent (repeat for several)");
  c.add_option(
       "--complexity", d.complexity,
       Words(Complexity(), " or ", true) + " repair (" + std::string(Complexity().clause()) + ")")
      ->check(OneOf(Complexity()));
  c.add_option("--dept", d.dept,
               "code of the department whose engineers go (default: the route's)");
  c.add_option("--planned", d.planned, "planned arrival on site")->check(kTime);
  auto* arrive = c.add_flag("--arrive", d.arrive, "mark arrival on site");
  auto* finish = c.add_flag("--finish", d.finish, "mark completion on site");
  auto* back = c.add_flag("--back", d.back, "mark return to HQ");
  arrive->excludes(finish)->excludes(back);
  finish->excludes(back);
  c.add_option("--record", d.record, "the outbound record to mark (default: the latest)");
  c.add_option("--work", d.work, "with --finish: the work done");
  c.add_option("--hours", d.hours, "with --finish: hours worked, e.g. 3 or 2.5");
  c.add_option("--part", d.parts,
               fmt::format("with --finish: NAME:QTY[:UNIT_YUAN][:{}] {} a part used; with --back: "
                           "NAME:QTY[:{}] a part brought back",
                           Alternatives(UsedPartSupplies()), ZhWords(UsedPartSupplies()),
                           Alternatives(BackPartSupplies())));
  c.add_option("--signed-by", d.signed_by, "with --finish: who signed the record for the customer");
  BindAmend(c, d, "arrival, completion or return (with --arrive, --finish or --back)");
}

void BindWarehouse(CLI::App& c, Options& o) {
  WarehouseOptions& w = o.warehouse;
  BindTarget(c, w);
  c.add_option("--record", w.record, "the outbound record (default: the latest)");
  c.add_option("--nonconformity", w.nonconformity,
               "a note on failed parts (the numbered report: svc nonconformity)");
  c.add_option("--data", w.data,
               "a data project: the re-collected or reworked data booked in (R-4.5.3.2)");
  c.footer(
      "Prints the warehousing receipt's number (入库单, RK-yy-mm-NN); a data project's data is "
      "then re-delivered (svc redeliver).");
}

void BindQuote(CLI::App& c, Options& o) {
  QuoteOptions& q = o.quote;
  BindTarget(c, q);
  c.add_option("--people", q.people, "people sent")->transform(Decimal(1, kMaxPeople));
  c.add_option("--days", q.days, "days on the job")->transform(Decimal(1, kMaxDays));
  c.add_option("--transport", q.transport, "transport at actual cost, yuan (default 0)")
      ->check(kNonEmpty);
  auto* ld =
      c.add_option("--lodging-days", q.lodging_days, "lodging days per person (default: --days)")
          ->transform(Decimal(0, kMaxDays));
  auto* md = c.add_option("--meal-days", q.meal_days, "meal days per person (default: --days)")
                 ->transform(Decimal(0, kMaxDays));
  c.add_flag("--no-lodging", q.no_lodging, "the customer provides lodging")->excludes(ld);
  c.add_flag("--no-meals", q.no_meals, "the customer provides meals")->excludes(md);
  c.add_option("--labor-rate", q.labor_rate,
               "lowered labour rate per person per day, yuan (with --reason)")
      ->check(kNonEmpty);
  c.add_option("--reason", q.reason, "why the labour rate is lowered, or why --free/--paid");
  c.add_option("--part", q.parts,
               "material: NAME:QTY:UNIT_YUAN, or CODE:QTY priced from parts.toml (repeatable)");
  auto* fr = c.add_flag("--free", q.free,
                        "warranty or our responsibility: computed for finance, charged 0");
  c.add_flag("--paid", q.paid,
             "charge the customer although the service would be free (with --reason)")
      ->excludes(fr);
  c.add_flag("--accept", q.accept, "record the customer's acceptance of the current quote");
  c.footer("Rates per person per day; lodging and meal days default to --days.");
}

void BindClose(CLI::App& c, Options& o) {
  CloseOptions& k = o.close;
  BindTarget(c, k);
  c.add_option("--result", k.result, Words(CloseResults()) + " (required unless --amend)")
      ->check(OneOf(CloseResults()));
  c.add_flag("--remote", k.remote,
             "handled by phone or remotely: the desk verifies the result within 48 h (R-4.4.1)");
  c.add_option("--resolution", k.resolution, "how it was resolved");
  BindAmend(c, k, "close");
  c.footer("Next: svc survey ID --satisfaction satisfied   (within 16 h, R-4.5.1)");
}

void BindVerify(CLI::App& c, Options& o) {
  VerifyOptions& v = o.verify;
  BindTarget(c, v);
  c.add_option("--result", v.result, Words(VerifyResults(), " or ", false, word::kResolved))
      ->check(OneOf(VerifyResults()));
  c.add_option("--comment", v.comment, "what the customer said");
}

void BindSurvey(CLI::App& c, Options& o) {
  SurveyOptions& s = o.survey;
  BindTarget(c, s);
  c.add_option(
      "--satisfaction", s.satisfaction,
      Words(Satisfaction(), ", ") + " " + ZhWords(Satisfaction()) + " (required unless --amend)");
  c.add_option("--attitude", s.attitude,
               fmt::format("work attitude {}-{} {}", Attitude().words().front().stored,
                           Attitude().words().back().stored, ZhWords(Attitude())));
  c.add_option("--damage", s.damage,
               "product damage: " + Words(Damage(), ", ") + " " + ZhWords(Damage()));
  c.add_option("--cleanliness", s.cleanliness,
               "site cleanliness: " + Words(Cleanliness(), ", ") + " " + ZhWords(Cleanliness()));
  c.add_option("--comment", s.comment, "the customer's advice");
  BindAmend(c, s, "survey");
}

void BindReopen(CLI::App& c, Options& o) {
  ReopenOptions& r = o.reopen;
  BindTarget(c, r);
  c.add_option("--reason", r.reason, "why (the customer called back about the same fault …)")
      ->required()
      ->check(kNonEmpty);
  c.footer("The ticket is open again (status open); closing it again starts a new survey clock.");
}

void BindCorrect(CLI::App& c, Options& o) {
  CorrectOptions& k = o.correct;
  BindTarget(c, k);
  c.add_option("--field", k.field, "the info form's field: " + FormFieldNames())->required();
  c.add_option("--value", k.value, "its corrected value ('' clears an optional field)")->required();
  c.add_option("--reason", k.reason, "why it is corrected")->required()->check(kNonEmpty);
  c.footer(
      "The form as first filled stays in the file; show, list, the printed forms and the reports "
      "give the corrected value.");
}

void BindNote(CLI::App& c, Options& o) {
  NoteOptions& n = o.note;
  BindTarget(c, n);
  c.add_option("text", n.text, "the note")->required();
}

void BindVoid(CLI::App& c, Options& o) {
  VoidOptions& v = o.void_;
  BindTarget(c, v);
  c.add_option("--reason", v.reason, "why")->required();
}

void BindOverdue(CLI::App& c, Options& o) {
  OverdueOptions& d = o.overdue;
  c.add_option("--warn", d.warn, "also list clocks due within this duration, e.g. 2h or 30m")
      ->check(kNonEmpty);
  // Filters are checked against svc.toml and the vocabulary by the command (ops/filters.h).
  c.add_option("--route", d.route, "only tickets routed to this department (its code in svc.toml)");
  c.add_option("--via", d.via, "only tickets received by this department (its code in svc.toml)");
  c.add_option("--level", d.level, "only tickets of this fault level (1-4, Table 2)")
      ->check(Hint({"1", "2", "3", "4"}));
  c.add_option("--clock", d.clock, "only this clock: " + Words(Clocks(), ", "))
      ->check(Hint(Clocks().Stored()));
  c.add_option("--format", d.format,
               "text (default) or openmetrics (for node_exporter's textfile collector)")
      ->check(CLI::IsMember({"text", "openmetrics"}));
  c.add_option("--output", d.output,
               "with --format openmetrics: write the exposition to this file, atomically");
  c.footer(
      "Cron, every 5 minutes:\n"
      "  */5 * * * *  svc -R /srv/service-records overdue --warn 2h || mail-the-desk\n"
      "Nagios / Icinga: command_line  svc -R $ARG1$ overdue --warn $ARG2$\n"
      "Prometheus (textfile collector), every minute:\n"
      "  * * * * *  svc -R /srv/service-records overdue --warn 2h --format openmetrics \\\n"
      "               --output /var/lib/prometheus/node-exporter/svc.prom");
}

void BindAgenda(CLI::App& c, Options& o) {
  AgendaOptions& a = o.agenda;
  c.add_option("--tech", a.tech, "only this engineer's dispatches and visits");
  c.add_option("--from", a.from, "from this day on, e.g. 2026-11-01")->check(kTime);
  c.add_option("--to", a.to, "up to and including this day, e.g. 2026-11-30")->check(kTime);
  c.add_option("--format", a.format, "text (default) or ics (RFC 5545, for a calendar)")
      ->check(CLI::IsMember({"text", "ics"}));
}

void BindReport(CLI::App& c, Options& o) {
  ReportOptions& r = o.report;
  c.add_option("--month", r.month, "a month, e.g. 2026-11")->check(kTime);
  c.add_option("--quarter", r.quarter, "a quarter, e.g. 2026-Q4")->check(kTime);
  c.add_option("--half", r.half, "a half year, e.g. 2026-H2")->check(kTime);
  c.add_option("--year", r.year, "a year, e.g. 2026")->check(kTime);
  c.add_option("--from", r.from, "first day of a period of your own")->check(kTime);
  c.add_option("--to", r.to, "last day of a period of your own (inclusive)")->check(kTime);
  c.add_option(
      "--route", r.route,
      "one department's tickets, by its code in svc.toml (its half-yearly fault analysis)");
  c.add_option("--format", r.format,
               "text (default), md, csv, json, or html (the management review: every table "
               "and charts, one print-ready page)")
      ->check(CLI::IsMember({"text", "md", "csv", "json", "html"}));
  c.add_flag("--bom", r.bom,
             "with --format csv: start with a UTF-8 byte order mark for spreadsheets");
  c.footer(
      "Periods are half-open in the company's time zone: --month 2026-11 is from\n"
      "2026-11-01T00:00+08:00 up to, not including, 2026-12-01T00:00+08:00.");
}

void BindPrint(CLI::App& c, Options& o) {
  PrintOptions& p = o.print;
  c.add_option(
      "id", p.id,
      "ticket number, e.g. YX-26-11-01 (--form visit: the visit's, e.g. BF-26-11-01; "
      "--form nonconformity: the report's, e.g. NC-26-11-01; --form writeoff: the month, e.g. "
      "2026-11; none for annual-plan)");
  std::vector<std::string> forms;
  for (const Word& w : Forms().words()) {
    forms.push_back(w.zh.empty() ? std::string(w.stored) : fmt::format("{} ({})", w.stored, w.zh));
  }
  c.add_option("--form", p.form, fmt::format("{}", fmt::join(forms, ", ")))
      ->required()
      ->check(OneOf(Forms()));
  c.add_option("--format", p.format,
               "text (default), md or html (print-ready on svc.toml's [forms] paper, A4 or A5)")
      ->check(CLI::IsMember({"md", "html", "text"}));
  c.add_option("--record", p.record,
               "outbound, repair, application and warehouse forms: the outbound record "
               "(default: the latest)");
  c.add_option("--year", p.year, "annual-plan: the plan's year, e.g. 2026");
  c.footer(
      "Templates: templates/<form>.<format>.mustache in the records directory override the "
      "built-in ones.");
}

void BindMergeDriver(CLI::App& c, Options& o) {
  MergeDriverOptions& m = o.merge_driver;
  c.add_option("base", m.base, "%O: the common ancestor's version")->required();
  c.add_option("ours", m.ours, "%A: our version; receives the result")->required();
  c.add_option("theirs", m.theirs, "%B: their version")->required();
  c.add_option("path", m.path, "%P: the file's path in the repository")->required();
  c.footer("Registered by 'svc init' and 'svc git-setup'; git runs it, people do not.");
}

// --sign / --allow (issue 15, signed commits).
void BindGitSetupSign(CLI::App& c, Options& o) {
  CLI::Option* sign = c.add_option(
      "--sign", o.git.sign,
      "sign this clone's commits with the SSH key in KEY (a .pub file or the private key) and "
      "add it to allowed_signers (principal: --actor, else git's user.email)");
  sign->type_name("KEY");
  c.add_option("--allow", o.git.allow,
               "add another person's SSH public key to allowed_signers (principal: --actor, else "
               "the key's comment); the desk's admin does this")
      ->type_name("KEY")
      ->excludes(sign);
}

void BindGitSetup(CLI::App& c, Options& o) {
  c.add_flag("--server", o.git.server,
             "in the bare repository the clones push to: install the pre-receive hook that refuses "
             "pushes breaking svc audit's rules or svc check");
  c.add_option(
      "--prefix", o.git.prefix,
      "with --server: the records directory's folder in the repository (default: its top)");
  BindGitSetupSign(c, o);
}

void BindPreReceive(CLI::App& c, Options& o) {
  c.add_option("--prefix", o.git.prefix,
               "the records directory's folder in the repository (default: its top)");
  c.footer(
      "Installed by 'svc git-setup --server'; git runs it, people do not. Reads git's "
      "'<old> <new> <ref>' lines on standard input; exit 1 refuses the push.");
}

void BindRenumber(CLI::App& c, Options& o) {
  c.add_option("id", o.git.id, "the duplicated number")->required();
}

void BindLog(CLI::App& c, Options& o) {
  c.add_option("id", o.git.id, "ticket number")->required();
}

void BindAudit(CLI::App& c, Options& o) {
  c.add_option("--since", o.git.since,
               "audit only the commits after this one (a commit, tag or branch: a daily audit "
               "passes yesterday's HEAD)")
      ->check(kNonEmpty);
  c.footer(
      "Rules: event-removed, event-changed, form-changed, file-deleted, file-renamed, "
      "number-duplicated, late-commit (> 72 h), unreadable, unsigned ([audit] signed = true). "
      "Exit 0 clean, 1 findings, 2 bad command line.");
}

void BindSync(CLI::App& c, Options& o) {
  c.add_flag("--merge", o.git.merge, "pull with a merge instead of a rebase");
}

namespace {

// A verb of a command with verbs (`svc customer add`): a subcommand of its
// own that sets `verb`, passing the globals through to the command line's.
CLI::App* Verb(CLI::App& c, std::string& verb, const std::string& name,
               const std::string& summary) {
  CLI::App* v = c.add_subcommand(name, summary);
  v->fallthrough();
  v->parse_complete_callback([&verb, name] { verb = name; });
  return v;
}

constexpr const char* kDateHelp = "a date, e.g. 2024-05-01";

}  // namespace

void BindCustomer(CLI::App& c, Options& o) {
  CustomerOptions& k = o.customer;
  c.require_subcommand(1, 1);
  c.fallthrough();
  CLI::App* add = Verb(c, k.verb, "add", "open a customer file; prints only its code (K0001 …)");
  add->add_option("name", k.name, "the customer's name (company)")->required();
  add->add_option("--alias", k.aliases, "another name it is known by (repeatable)");
  add->add_option("--contact", k.contacts, "a contact person (repeatable)");
  add->add_option("--phone", k.phones, "a phone number (repeatable)");
  add->add_option("--address", k.addresses, "an address (repeatable)");
  add->add_flag("--key", k.key,
                "a key customer (重点客户): visited at least once a year (R-4.6 a)");
  add->add_option("--at", k.at,
                  std::string("when the file was opened (default: now); ") + kTimeHelp)
      ->check(kTime);
  add->footer(
      "Example:\n  svc customer add 国网杭州供电公司 --alias 杭州供电 --phone 0571-8888-0101 "
      "--key\n"
      "Next: svc equipment add --customer K0001 --serial S --product P");
  CLI::App* show = Verb(c, k.verb, "show", "the customer file: particulars, equipment, history");
  show->add_option("code", k.name, "customer code (K0001), name or alias")->required();
  Verb(c, k.verb, "list", "one line per customer, in code order");
  CLI::App* edit =
      Verb(c, k.verb, "edit", "change a customer's particulars (an event in its history)");
  edit->add_option("code", k.name, "customer code (K0001), name or alias")->required();
  edit->add_option("--name", k.rename, "the new name")->check(kNonEmpty);
  edit->add_option("--alias", k.aliases, "add an alias (repeatable)");
  edit->add_option("--contact", k.contacts, "add a contact person (repeatable)");
  edit->add_option("--phone", k.phones, "add a phone number (repeatable)");
  edit->add_option("--address", k.addresses, "add an address (repeatable)");
  edit->add_option("--drop-alias", k.drop_aliases, "remove an alias (repeatable)");
  edit->add_option("--drop-contact", k.drop_contacts, "remove a contact (repeatable)");
  edit->add_option("--drop-phone", k.drop_phones, "remove a phone number (repeatable)");
  edit->add_option("--drop-address", k.drop_addresses, "remove an address (repeatable)");
  auto* key = edit->add_flag("--key", k.key, "make it a key customer");
  edit->add_flag("--no-key", k.no_key, "no longer a key customer")->excludes(key);
  edit->add_option("--reason", k.reason, "why (kept in the history)");
  edit->add_option("--at", k.at, std::string("when it changed (default: now); ") + kTimeHelp)
      ->check(kTime);
  edit->footer(
      "Example:\n  svc customer edit K0001 --phone 0571-8888-0102 --drop-phone 0571-8888-0101");
}

void BindEquipment(CLI::App& c, Options& o) {
  EquipmentOptions& q = o.equipment;
  c.require_subcommand(1, 1);
  c.fallthrough();
  CLI::App* add = Verb(c, q.verb, "add", "register a unit of a customer's equipment");
  add->add_option("--customer", q.customer, "customer code (K0001), name or alias")->required();
  CLI::App* edit =
      Verb(c, q.verb, "edit", "change a registered unit (an event in its customer's history)");
  for (CLI::App* v : {add, edit}) {
    v->add_option("--serial", q.serial, "serial number (序列号 / 出厂编号)")->required();
    v->add_option("--product", q.product, "product / equipment type");
    v->add_option("--model", q.model, "model");
    v->add_option("--project-no", q.project_no, "project number (AB号)");
    v->add_option("--commissioned", q.commissioned, std::string("commissioning date, ") + kDateHelp)
        ->check(kTime);
    v->add_option("--warranty-until", q.warranty_until,
                  std::string("the last day of the warranty (R-4.3.6 a), ") + kDateHelp)
        ->check(kTime);
    v->add_option("--location", q.location, "where the unit stands (substation, room)");
    v->add_option("--at", q.at, std::string("when it happened (default: now); ") + kTimeHelp)
        ->check(kTime);
  }
  add->get_option("--product")->required();
  edit->add_option("--reason", q.reason, "why (kept in the history)");
  add->footer(
      "Example:\n  svc equipment add --customer K0001 --serial KYN-2024-0315 --product 开关柜 "
      "--model KYN28A-12 --commissioned 2024-05-01 --warranty-until 2026-04-30");
  CLI::App* show = Verb(c, q.verb, "show", "one unit and its customer");
  show->add_option("serial", q.serial, "serial number")->required();
  CLI::App* list = Verb(c, q.verb, "list", "one line per unit, by customer code");
  list->add_option("--customer", q.customer, "only this customer's (code, name or alias)");
}

void BindHistory(CLI::App& c, Options& o) {
  HistoryOptions& h = o.history;
  auto* k = c.add_option("--customer", h.customer,
                         "the customer: its code (K0001), name or alias (a name not on file: "
                         "its tickets by that name)")
                ->check(kNonEmpty);
  auto* s = c.add_option("--serial", h.serial, "a unit's serial number")->check(kNonEmpty);
  auto* p =
      c.add_option("--phone", h.phone, "a phone number (compared by its digits)")->check(kNonEmpty);
  k->excludes(s)->excludes(p);
  s->excludes(p);
  c.footer("Give one of --customer, --serial, --phone.");
}

void BindAnnualPlan(CLI::App& c, Options& o) {
  AnnualPlanOptions& p = o.annual_plan;
  c.require_subcommand(1, 1);
  c.fallthrough();
  CLI::App* add = Verb(c, p.verb, "add",
                       "plan an item of the year (the file is made by its first); prints only N");
  add->add_option("year", p.year, "the plan's year, e.g. 2026")->required();
  add->add_option("--customer", p.customer, "customer code (K0001), name or alias")->required();
  add->add_option("--month", p.month, "the month the work is due, 1-12")
      ->required()
      ->check(CLI::Range(1, 12));
  add->add_option("--work", p.work, "technical | repair | upgrade (技术服务 | 维修 | 升级)")
      ->required();
  add->add_option("--serial", p.serial, "one of the customer's units (its serial number)");
  add->add_option("--note", p.note, "what is to be done");
  CLI::App* approve = Verb(c, p.verb, "approve",
                           "the general manager approves every item planned and not yet approved");
  approve->add_option("year", p.year, "the plan's year")->required();
  approve->add_option("--as", p.as, "the approver's role: gm (总经理, the only one, R-4.5.5)");
  approve->add_option("--comment", p.comment, "review comment");
  CLI::App* show = Verb(c, p.verb, "show", "the year's items: customer, unit, month, work, state");
  show->add_option("year", p.year, "the plan's year")->required();
  CLI::App* cancel = Verb(c, p.verb, "cancel", "take an item off the plan (kept in the history)");
  cancel->add_option("year", p.year, "the plan's year")->required();
  cancel->add_option("--item", p.item, "the item's number N")
      ->required()
      ->check(CLI::PositiveNumber);
  cancel->add_option("--reason", p.reason, "why")->required();
  for (CLI::App* v : {add, approve, cancel}) {
    v->add_option("--at", p.at, std::string("when it happened (default: now); ") + kTimeHelp)
        ->check(kTime);
  }
  add->footer(
      "Example:\n  svc annual-plan add 2026 --customer K0001 --month 5 --work technical "
      "--serial KYN-2024-0315\n"
      "Next: svc annual-plan approve 2026 --as gm");
}

void BindImport(CLI::App& c, Options& o) {
  ImportOptions& m = o.import;
  c.add_option("kind", m.kind, "customers or equipment")
      ->required()
      ->check(CLI::IsMember({"customers", "equipment"}));
  c.add_option("file", m.file, "the spreadsheet saved as CSV ('-': standard input)")->required();
  c.add_option("--encoding", m.encoding,
               "the file's encoding: utf-8 (with or without BOM; the default) or gb18030 (Excel's "
               "\"CSV\" on a Chinese Windows)");
  c.add_flag("--dry-run", m.dry_run, "check every row against the records, write nothing");
  c.add_option("--at", m.at, std::string("when the rows were entered (default: now); ") + kTimeHelp)
      ->check(kTime);
  // The columns as ops/import.h reads them: each key and its first Chinese heading.
  auto columns = [](ImportKind kind) {
    std::string out;
    for (const CsvColumn& col : ImportColumns(kind)) {
      if (!out.empty()) out += ", ";
      out += std::string(col.key);
      for (std::string_view h : col.headings) {
        if (static_cast<unsigned char>(h.front()) >= 0x80) {
          out += "/" + std::string(h);
          break;
        }
      }
      if (col.required) out += " (required)";
    }
    return out;
  };
  c.footer("Columns (a heading row, English or Chinese): customers: " +
           columns(ImportKind::kCustomers) + "; equipment: " + columns(ImportKind::kEquipment) +
           ".\n"
           "A bad row is reported as FILE:LINE: message; a file with any bad row imports nothing.");
}

void BindVisit(CLI::App& c, Options& o) {
  VisitOptions& v = o.visit;
  c.require_subcommand(1, 1);
  c.fallthrough();
  CLI::App* record =
      Verb(c, v.verb, "record", "record a customer visit; prints only its number (BF-yy-mm-NN)");
  record->add_option("--customer", v.customer, "the customer's code (K0001)")->required();
  record->add_option("--at", v.at, std::string("when the visit was made; ") + kTimeHelp)
      ->check(kTime)
      ->required();
  record->add_option("--by", v.by, "who made the visit (repeatable)")->required();
  record->add_option("--findings", v.findings, "what was found on site");
  record->add_option("--requests", v.requests, "the customer's requests and needs");
  record->add_option("--serial", v.serials, "a unit of the customer's seen (repeatable)");
  record->footer(
      "Example:\n  svc visit record --customer K0001 --at '2026-11-20 10:00' --by 王工 "
      "--findings '开关柜运行正常' --requests '希望明年安排一次预防性试验'\n"
      "Next: svc visit report BF-26-11-01 --text '…' (within 10 days, R-4.6 a)");
  CLI::App* report = Verb(c, v.verb, "report", "file the visit's report (R-4.6 a: within 10 days)");
  report->add_option("id", v.id, "the visit's number, e.g. BF-26-11-01")->required();
  auto* text = report->add_option("--text", v.text, "the report ('-': standard input)");
  report->add_option("--file", v.file, "read the report from FILE ('-': standard input)")
      ->excludes(text);
  report->add_flag("--amend", v.amend,
                   "correct the report filed before (both stay in the history)");
  report->add_option("--reason", v.reason, "with --amend: why the report is corrected")
      ->check(kNonEmpty);
  report->add_option("--at", v.at, std::string("when it was filed (default: now); ") + kTimeHelp)
      ->check(kTime);
  CLI::App* show = Verb(c, v.verb, "show", "one visit: its record, report and history");
  show->add_option("id", v.id, "the visit's number, e.g. BF-26-11-01")->required();
  CLI::App* list = Verb(c, v.verb, "list", "one line per visit, newest first");
  list->add_option("--customer", v.customer, "only this customer's visits (its code)");
}

void BindExpense(CLI::App& c, Options& o) {
  ExpenseOptions& x = o.expense;
  BindTarget(c, x);
  c.add_option("--record", x.record, "the outbound record the cost is for, e.g. SC-26-11-01")
      ->required();
  c.add_option("--item", x.item,
               Words(ExpenseItems(), " or ", true) + " " + ZhWords(ExpenseItems()))
      ->required();
  c.add_option("--amount", x.amount, "yuan, more than 0, at most two decimals (e.g. 86.50)")
      ->required();
  c.add_option("--engineer", x.engineer,
               "who spent it (default: the record's one engineer, or you if you went)");
  c.add_option("--note", x.note, "what it was (a ticket no., a receipt)");
  c.footer("Refused when the month of --at (the company's time zone) is written off.");
}

void BindAdvance(CLI::App& c, Options& o) {
  AdvanceOptions& a = o.advance;
  c.add_option("name", a.engineer, "the engineer paid (one of svc.toml's [[staff]] if listed)")
      ->required();
  c.add_option("--amount", a.amount, "yuan, more than 0, at most two decimals")->required();
  c.add_option("--note", a.note, "what for");
  c.add_option("--at", a.at, std::string("when it was paid (default: now); ") + kTimeHelp)
      ->check(kTime);
}

void BindWriteoff(CLI::App& c, Options& o) {
  WriteoffOptions& w = o.writeoff;
  c.add_option("--month", w.month, "the month written off, e.g. 2026-11")->required()->check(kTime);
  c.add_option("--format", w.format, "text (default), json or csv (finance's spreadsheet)")
      ->check(CLI::IsMember({"text", "json", "csv"}));
  c.add_flag("--bom", w.bom,
             "with --format csv: start with a UTF-8 byte order mark for spreadsheets");
  c.footer(
      "A month is written off once it is over (the company's time zone); a month already\n"
      "written off prints the recorded write-off again and writes nothing.");
}

void BindNonconformity(CLI::App& c, Options& o) {
  NonconformityOptions& n = o.nonconformity;
  c.require_subcommand(0, 1);
  c.fallthrough();
  c.add_option("id", n.ticket,
               "file a report on this ticket (e.g. YX-26-11-01); prints only its number "
               "(NC-yy-mm-NN)");
  c.add_option("--record", n.record,
               "the outbound record that brought the parts back (default: the ticket's latest "
               "record with parts brought back, or none)");
  c.add_option("--part", n.parts, "a nonconforming part, NAME:QTY (repeatable, at least one)");
  c.add_option("--description", n.description, "what is wrong with the parts");
  c.add_option("--at", n.at, std::string("when it was filed (default: now); ") + kTimeHelp)
      ->check(kTime);
  c.footer(
      "Next: svc nonconformity action NC-26-11-01 --text '…' (the Quality dept), then\n"
      "      svc nonconformity close NC-26-11-01 --disposition return|repair|scrap|concession");
  auto at = [&n](CLI::App* v) {
    v->add_option("--at", n.at, std::string("when (default: now); ") + kTimeHelp)->check(kTime);
  };
  CLI::App* action = Verb(c, n.verb, "action", "the Quality dept's corrective action (纠正措施)");
  action->add_option("id", n.id, "the report's number, e.g. NC-26-11-01")->required();
  action->add_option("--text", n.text, "the corrective action")->required();
  action->add_flag("--amend", n.amend,
                   "correct the action filed before (both stay in the history)");
  action->add_option("--reason", n.reason, "with --amend: why the action is corrected")
      ->check(kNonEmpty);
  at(action);
  CLI::App* close = Verb(c, n.verb, "close", "close the report with the parts' disposition (处置)");
  close->add_option("id", n.id, "the report's number, e.g. NC-26-11-01")->required();
  close
      ->add_option("--disposition", n.disposition,
                   "return (退货), repair (返修), scrap (报废) or concession (让步接收)")
      ->required();
  close->add_option("--comment", n.comment, "the disposition's comment");
  at(close);
  CLI::App* note = Verb(c, n.verb, "note", "add a free note (a closed report takes one too)");
  note->add_option("id", n.id, "the report's number, e.g. NC-26-11-01")->required();
  note->add_option("text", n.text, "the note")->required();
  at(note);
  CLI::App* show = Verb(c, n.verb, "show", "one report: as filed, its action, close and history");
  show->add_option("id", n.id, "the report's number, e.g. NC-26-11-01")->required();
  CLI::App* list =
      Verb(c, n.verb, "list", "one line per report, the open ones first, then newest first");
  list->add_flag("--open", n.open, "only the open reports");
  list->add_option("--ticket", n.list_ticket, "only this ticket's reports");
}

void BindTraining(CLI::App& c, Options& o) {
  TrainingOptions& t = o.training;
  c.require_subcommand(1, 1);
  c.footer("Next: svc training assess PX-26-11-01 --trainee 李强 --result '合格 92分'");
  auto at = [&t](CLI::App* v, const char* what) {
    v->add_option("--at", t.at, std::string(what) + " (default: now); " + kTimeHelp)->check(kTime);
  };
  CLI::App* add =
      Verb(c, t.verb, "add", "record a training session; prints only its number (PX-yy-mm-NN)");
  add->add_option("--date", t.date, std::string("the training's day, ") + kDateHelp)
      ->required()
      ->check(kTime);
  add->add_option("--topic", t.topic, "what the training is on (培训内容)")->required();
  add->add_option("--trainer", t.trainer, "who gave it (培训人)")->required();
  add->add_option("--trainee", t.trainees, "who was trained (repeatable, at least one)")
      ->required();
  add->add_option("--assessment", t.assessment, "how the trainees are assessed (考核方式)");
  add->add_option("--material", t.materials, "a material used (培训资料; repeatable)");
  add->add_option("--hours", t.hours, "how long, in hours (e.g. 3 or 2.5)");
  at(add, "when it is recorded");
  CLI::App* assess = Verb(c, t.verb, "assess", "record one trainee's assessment result (考核结果)");
  assess->add_option("id", t.id, "the record's number, e.g. PX-26-11-01")->required();
  assess->add_option("--trainee", t.trainee, "the trainee assessed")->required();
  assess->add_option("--result", t.result, "the result, e.g. '合格 92分'")->required();
  assess->add_option("--comment", t.comment, "a comment on it");
  at(assess, "when it was assessed");
  CLI::App* note = Verb(c, t.verb, "note", "add a free note");
  note->add_option("id", t.id, "the record's number, e.g. PX-26-11-01")->required();
  note->add_option("text", t.text, "the note")->required();
  at(note, "when");
  CLI::App* show = Verb(c, t.verb, "show", "one session: as recorded, its results and history");
  show->add_option("id", t.id, "the record's number, e.g. PX-26-11-01")->required();
  CLI::App* list = Verb(c, t.verb, "list", "one line per session, newest first");
  list->add_option("--year", t.year, "only this year's sessions, e.g. 2026")->check(kTime);
  list->add_option("--trainee", t.trainee, "only the sessions this person attended");
}

void BindCases(CLI::App& c, Options& o) {
  CasesOptions& k = o.cases;
  c.add_option("--format", k.format,
               "text (default), md (a document with headings) or html (print-ready on "
               "svc.toml's [forms] paper)")
      ->check(CLI::IsMember({"text", "md", "html"}));
  c.add_option("--product", k.product,
               "only the cases whose product or model contains this (case-insensitive)");
  c.footer("--json: the same as JSON (products, their categories, the cases).");
}

void BindCompletion(CLI::App& c, Options& o) {
  c.add_option("shell", o.completion.shell, "bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
}

void BindMan(CLI::App& c, Options& o) {
  std::vector<std::string> names;
  for (const Command& command : Commands()) names.emplace_back(command.name);
  CLI::Option* command =
      c.add_option("command", o.man.command, "the command whose page to print (default: svc(1))")
          ->check(CLI::IsMember(names));
  c.add_option("--output", o.man.output,
               "write svc.1 and every svc-COMMAND.1 into this folder (made if missing)")
      ->type_name("DIR")
      ->check(kNonEmpty)
      ->excludes(command);
}

namespace {

// Calls `f` on every help text of `app` and its commands (descriptions,
// footers, option groups and options' descriptions), each by reference.
template <class F>
void ForEachHelpText(CLI::App& app, F&& f) {
  std::string text = app.get_description();
  if (f(text)) app.description(text);
  text = app.get_footer();
  if (f(text)) app.footer(text);
  text = app.get_group();
  if (f(text)) app.group(text);
  for (CLI::Option* opt : app.get_options({})) {
    text = opt->get_description();
    if (f(text)) opt->description(text);
    text = opt->get_group();
    if (f(text)) opt->group(text);
  }
  for (CLI::App* sub : app.get_subcommands({})) ForEachHelpText(*sub, f);
}

// CLI11's own words in help pages.
constexpr const char* kLabels[] = {N_("Usage"),      N_("OPTIONS"),     N_("Positionals"),
                                   N_("SUBCOMMAND"), N_("SUBCOMMANDS"), N_("REQUIRED"),
                                   N_("Excludes"),   N_("Needs")};

// Help in the interface's language (base/i18n.h): the texts are English
// in the Bind functions, whole, and looked up as they stand.
void TranslateHelp(CLI::App& app) {
  if (!Chinese()) return;
  ForEachHelpText(app, [](std::string& text) {
    if (text.empty()) return false;
    const char* t = Tr(text.c_str());
    if (text == t) return false;
    text = t;
    return true;
  });
}

// "Global options:" and the options svc takes before or after any command
// word, as CLI11 prints a command's own (-h and --version left out).
std::string GlobalOptionsHelp(const CLI::App& app) {
  CLI::Formatter formatter;
  std::string out = std::string(_("Global options:")) + "\n";
  for (const CLI::Option* opt : app.get_options()) {
    std::string name = opt->get_name();
    if (name == "--help" || name == "--version") continue;
    out += formatter.make_option(opt, false);
  }
  return out;
}

// "Example:" or "Examples:" and the table's example lines, indented.
std::string ExampleHelp(std::string_view example) {
  std::vector<std::string_view> lines = Split(example, '\n');
  // A line ending in a backslash goes on in the next: one command.
  auto continued = [](std::string_view line) { return line.ends_with('\\'); };
  size_t commands = lines.size() - std::count_if(lines.begin(), lines.end(), continued);
  std::string out = std::string(commands > 1 ? _("Examples:") : _("Example:")) + "\n";
  for (std::string_view line : lines) out += fmt::format("  {}\n", line);
  return out;
}

// The parts of a help footer, a blank line between them, empty ones left out.
std::string Sections(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view part : parts) {
    while (part.ends_with('\n')) part.remove_suffix(1);
    if (part.empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += part;
  }
  return out;
}

// The whole command line: the globals, then each command of the table. A
// command's footer is its own notes (CLI11 would otherwise copy svc's
// "Start: …" into it); with `help_footers` (for --help), also the global
// options and the table's examples.
void BindAll(CLI::App& app, Options& o, bool help_footers) {
  app.set_version_flag("--version", std::string("svc ") + SVC_VERSION);
  app.require_subcommand(1, 1);
  app.fallthrough();
  app.footer(
      "Start:  svc init records && svc -R records open --via YX --customer NAME\n"
      "Help on one command: svc COMMAND --help");
  AddGlobals(app, o.global);
  TranslateHelp(app);  // svc's own texts and the global options' (no command yet)
  const std::string start = app.get_footer();
  const std::string globals = GlobalOptionsHelp(app);
  for (const Command& command : Commands()) {
    CLI::App* c = app.add_subcommand(std::string(command.name), std::string(command.summary));
    command.bind(*c, o);
    TranslateHelp(*c);  // before its footer is put together from the parts
    std::string own = c->get_footer() == start ? "" : c->get_footer();
    c->footer(help_footers ? Sections({globals, own, ExampleHelp(command.example)}) : own);
    for (CLI::App* verb : c->get_subcommands({})) {
      std::string notes = verb->get_footer() == start ? "" : verb->get_footer();
      verb->footer(help_footers ? Sections({globals, notes}) : notes);
    }
  }
  NormalizeNumbers(app);
  if (Chinese()) {
    for (const char* label : kLabels) app.get_formatter()->label(label, Tr(label));
  }
}

constexpr const char* kDescription =
    "svc — after-sales service records, the ISO 9001 procedure's way";

// What --help shows after an option's names: "TEXT:{a,b}" (a type name and
// its validators' descriptions) gives the value's name and, from a set
// ("{a,b}") or a short range ("INT in [1 - 4]"), its choices.
void DescribeValue(const std::string& type, OptionInfo* info) {
  std::vector<std::string_view> parts = Split(type, ':');
  if (parts.empty()) return;
  info->value_name = parts.front();
  for (size_t i = 1; i < parts.size(); ++i) {
    std::string p(parts[i]);
    int lo = 0, hi = 0;
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      info->choices.clear();
      for (std::string_view c : Split(std::string_view(p).substr(1, p.size() - 2), ',')) {
        info->choices.emplace_back(c);
      }
    } else if (std::sscanf(p.c_str(), "INT in [%d - %d]", &lo, &hi) == 2 && hi - lo < 12) {
      info->choices.clear();
      for (int n = lo; n <= hi; ++n) info->choices.push_back(std::to_string(n));
    }
  }
}

std::vector<OptionInfo> DescribeOptions(const CLI::App& app) {
  std::vector<OptionInfo> out;
  for (const CLI::Option* opt : app.get_options()) {
    OptionInfo info;
    info.positional = opt->get_positional();
    if (info.positional) {
      info.names.push_back(opt->get_name());
    } else {
      for (const auto& s : opt->get_snames()) info.names.push_back("-" + s);
      for (const auto& l : opt->get_lnames()) info.names.push_back("--" + l);
    }
    info.help = opt->get_description();
    info.takes_value = opt->get_expected_max() != 0;  // a flag expects no value
    info.repeatable = opt->get_expected_max() > 1;
    info.required = opt->get_required();
    if (info.takes_value) DescribeValue(opt->get_type_name(), &info);
    out.push_back(std::move(info));
  }
  return out;
}

}  // namespace

CommandLineInfo DescribeCommandLine() {
  Options o;
  CLI::App app(kDescription, "svc");
  BindAll(app, o, false);
  CommandLineInfo out;
  out.description = kDescription;
  out.globals = DescribeOptions(app);
  for (const Command& command : Commands()) {
    const CLI::App* c = app.get_subcommand(std::string(command.name));
    CommandInfo info;
    info.name = command.name;
    info.summary = command.summary;
    info.options = DescribeOptions(*c);
    info.footer = c->get_footer();
    info.example = command.example;
    for (const CLI::App* v : c->get_subcommands({})) {
      CommandInfo verb;
      verb.name = v->get_name();
      verb.summary = v->get_description();
      verb.options = DescribeOptions(*v);
      verb.footer = v->get_footer();
      info.verbs.push_back(std::move(verb));
    }
    out.commands.push_back(std::move(info));
  }
  return out;
}

namespace {

// How a message names an option: "--actor", a positional as "the text argument".
std::string OptionName(const CLI::Option& opt) {
  if (opt.get_positional()) return TrF("the {} argument", opt.get_name(true));
  if (!opt.get_lnames().empty()) return "--" + opt.get_lnames().front();
  return "-" + opt.get_snames().front();
}

// The door every value of the command line passes: readable text (CheckText,
// model/values.h), newlines only where the stored field may span lines
// (IsMultilineField: --cause, --comment, the note's text ...).
Status CheckValues(const CLI::App& app) {
  for (const CLI::Option* opt : app.get_options()) {
    std::string key = opt->get_positional()       ? opt->get_name(true)
                      : opt->get_lnames().empty() ? std::string()
                                                  : opt->get_lnames().front();
    std::replace(key.begin(), key.end(), '-', '_');
    for (const std::string& value : opt->results()) {
      SVC_RETURN_IF_ERROR(CheckText(value, OptionName(*opt), IsMultilineField(key)));
    }
  }
  return Status::OK();
}

// The long option names `app` and the command it runs (the deepest one
// parsed) take.
std::vector<std::string> LongOptions(const CLI::App& app) {
  std::vector<std::string> names;
  const CLI::App* c = &app;
  for (;;) {
    for (const CLI::Option* opt : c->get_options()) {
      for (const std::string& l : opt->get_lnames()) names.push_back("--" + l);
    }
    if (c->get_subcommands().empty()) break;
    c = c->get_subcommands().front();
  }
  names.push_back("--help");
  return names;
}

// "unknown option --levl: did you mean --level?" for the first option typed
// that the command does not take; "" if every one is known.
std::string UnknownOption(const CLI::App& app, int argc, char** argv) {
  std::vector<std::string> known = LongOptions(app);
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--") break;
    if (!arg.starts_with("--")) continue;
    std::string name(arg.substr(0, arg.find('=')));
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    std::string nearest = Nearest(name, known);
    return TrF("unknown option {}{}", EscapeControls(name),
               nearest.empty() ? std::string() : TrF(": did you mean {}?", nearest));
  }
  return "";
}

}  // namespace

namespace {

// CLI11's complaint in the interface's language: CLI11 words its own
// errors in English; in Chinese they are said again from their parts.
std::string ParseErrorText(const CLI::ParseError& e) {
  std::string what = e.what();
  if (!Chinese()) return what;
  const std::string& kind = e.get_name();
  auto after = [&what](std::string_view head) { return what.substr(head.size()); };
  auto both = [&what](std::string_view sep, std::string* a, std::string* b) {
    size_t at = what.find(sep);
    if (at == std::string::npos) return false;
    *a = what.substr(0, at);
    *b = what.substr(at + sep.size());
    return true;
  };
  std::string a, b;
  if (kind == "RequiredError") {
    if (what == "A subcommand") return _("a command is required");
    if (what.ends_with(" is required") && what.find(' ') == what.size() - 12) {
      return TrF("{} is required", what.substr(0, what.size() - 12));
    }
    if (what.starts_with("Exactly 1 option from [")) {
      return TrF("exactly one of {} is required", what.substr(22, what.find(']') - 21));
    }
    if (what.starts_with("At least 1 option from [")) {
      return TrF("at least one of {} is required", what.substr(23, what.find(']') - 22));
    }
  } else if (kind == "ExtrasError") {
    for (std::string_view head : {"The following arguments were not expected: ",
                                  "The following argument was not expected: "}) {
      if (what.starts_with(head)) return TrF("unexpected arguments: {}", after(head));
    }
  } else if (kind == "ExcludesError" && both(" excludes ", &a, &b)) {
    return TrF("{} cannot be used with {}", a, b);
  } else if (kind == "RequiresError" && both(" requires ", &a, &b)) {
    return TrF("{} requires {}", a, b);
  } else if (kind == "ArgumentMismatch") {
    size_t to = what.find(" arguments to ");
    if (to != std::string::npos) {
      std::string name = what.substr(to + 14, what.find(',', to) - to - 14);
      return TrF("wrong number of values for {}", name);
    }
    if (both(": ", &a, &b)) return TrF("wrong number of values for {}", a);
  } else if (kind == "ConversionError") {
    if (what.starts_with("Could not convert: ") && both(" = ", &a, &b)) {
      return TrF("{} is not a valid value for {}", b, a.substr(19));
    }
    if (what.starts_with("The value ") && both(" is not an allowed value for ", &a, &b)) {
      return TrF("{} is not a valid value for {}", a.substr(10), b);
    }
  } else if (kind == "ValidationError") {
    return what;  // "--level: " and svc's own (translated) check
  }
  return TrF("the command line is not understood: {}", what);
}

}  // namespace

std::vector<std::string> HelpTexts() {
  Options o;
  CLI::App app(kDescription, "svc");
  BindAll(app, o, false);
  std::vector<std::string> out(std::begin(kLabels), std::end(kLabels));
  ForEachHelpText(app, [&out](std::string& text) {
    if (!text.empty()) out.push_back(text);
    return false;
  });
  return out;
}

int ParseCommandLine(int argc, char** argv, Options* out) {
  CLI::App app(kDescription, "svc");
  BindAll(app, *out, true);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::string where;
    for (const auto* sub : app.get_subcommands()) {
      where = sub->get_name();
      for (const auto* verb : sub->get_subcommands()) where += " " + verb->get_name();
    }
    if (where.empty()) {
      // No command word recognised: name the word the user typed, if any.
      for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "-R" || arg == "--records" || arg == "--now" || arg == "--actor") {
          ++i;
        } else if (!arg.starts_with("-")) {
          std::vector<std::string> names;
          for (const Command& command : Commands()) names.emplace_back(command.name);
          std::string nearest = Nearest(arg, names);
          fmt::print(
              stderr, "svc: {}\n",
              TrF("unknown command '{}'{} (see 'svc --help' for the commands)", EscapeControls(arg),
                  nearest.empty() ? std::string() : TrF(": did you mean '{}'?", nearest)));
          return 2;
        }
      }
    }
    // CLI11's message quotes what was typed: shown, never obeyed.
    std::string what = EscapeControls(ParseErrorText(e));
    {  // a mistyped option first: it is often why a required one is missing
      std::string unknown = UnknownOption(app, argc, argv);
      if (!unknown.empty()) what = unknown;
    }
    fmt::print(stderr, "svc{}: {}\n", where.empty() ? "" : " " + where,
               TrF("{} (see 'svc {}--help')", what, where.empty() ? "" : where + " "));
    // svc overdue speaks the monitoring plugins' convention: 3 is UNKNOWN,
    // with the summary line a monitoring system shows.
    if (where == "overdue") {
      fmt::print("SVC UNKNOWN - bad command line: {}\n", what);
      return 3;
    }
    return 2;
  }
  out->command = app.get_subcommands().front()->get_name();
  Status s = CheckValues(app);
  if (s.ok()) s = CheckValues(*app.get_subcommands().front());
  for (const CLI::App* verb : app.get_subcommands().front()->get_subcommands()) {
    if (s.ok()) s = CheckValues(*verb);  // svc customer add …
  }
  if (!s.ok()) {
    std::string what = EscapeControls(s.message());
    fmt::print(stderr, "svc: {}\n", what);
    if (out->command == "overdue") {
      fmt::print("SVC UNKNOWN - bad command line: {}\n", what);
      return 3;
    }
    return 2;
  }
  return -1;
}

}  // namespace svc::cli
