// customer and equipment: the customer file (顾客档案, R-4.6 b).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/i18n.h"
#include "base/text.h"
#include "commands.h"
#include "model/limits.h"
#include "model/values.h"
#include "ops/customers.h"
#include "render.h"

namespace svc::cli {
namespace {

Status OptionalDate(const std::string& option, const std::string& text, std::optional<Date>* out) {
  if (text.empty()) return Status::OK();
  Date d;
  SVC_RETURN_IF_ERROR(ParseUserDate(text, &d, kMinEquipmentYear).Prefixed(option));
  *out = d;
  return Status::OK();
}

std::optional<std::string> Given(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

// The moment show and list judge by: --now if asked for (the records as they stood).
std::optional<Time> AsOf(Context& ctx, const Time& now) {
  return ctx.NowGiven() ? std::optional<Time>(now) : std::nullopt;
}

std::string UnitLine(const Unit& u, const CustomerState& owner, const Date& today) {
  // WarrantyOn's "in"/"out" are --json's words: whole sentences here, for the translation.
  std::string warranty = !u.warranty_until ? std::string(_("no warranty date"))
                         : WarrantyOn(u, today) == "in"
                             ? TrF("warranty until {} (in)", FormatDate(*u.warranty_until))
                             : TrF("warranty until {} (out)", FormatDate(*u.warranty_until));
  return fmt::format("{}  {}  {}  {}{}  {}{}\n", u.serial, owner.code, owner.name, u.product,
                     u.model.empty() ? "" : " " + u.model, warranty,
                     u.location.empty() ? "" : "  @ " + u.location);
}

std::string CustomerText(const CustomerState& c, int offset, const Date& today) {
  std::string out = fmt::format("{}  {}{}\n", c.code, c.name, c.key ? _("  (key customer)") : "");
  auto list = [&](std::string_view what, const std::vector<std::string>& l) {
    if (!l.empty()) out += fmt::format("{:<10} {}\n", what, fmt::join(l, "; "));
  };
  list(_("aliases"), c.aliases);
  list(_("contacts"), c.contacts);
  list(_("phones"), c.phones);
  list(_("addresses"), c.addresses);
  out += TrF("{:<10} {} by {}\n", _("created"), FormatTimeShortIn(c.created, offset), c.created_by);
  out += TrF("equipment ({})\n", c.units.size());
  for (const Unit& u : c.units) {
    out += "  " + UnitLine(u, c, today);
    std::vector<std::string> more;
    if (!u.project_no.empty()) more.push_back(TrF("project {}", u.project_no));
    if (u.commissioned) more.push_back(TrF("commissioned {}", FormatDate(*u.commissioned)));
    if (!more.empty()) out += fmt::format("    {}\n", fmt::join(more, ", "));
  }
  out += HistoryText(c.history, offset);
  return out;
}

int CustomerAdd(Context& ctx, const CustomerOptions& o, const Time& now) {
  CustomerForm form{o.name, o.aliases, o.contacts, o.phones, o.addresses, o.key};
  Time at;
  std::string actor, code;
  Status s = ctx.TimeOption("--at", o.at, &at);
  if (s.ok()) s = ctx.ActorName(&actor);
  if (s.ok()) s = AddCustomer(ctx.store(), form, at, now, actor, &code);
  if (!s.ok()) return Fail(s);
  fmt::print("{}\n", code);
  ctx.SetCommitMessage(fmt::format("{}: customer file opened ({})", code, o.name));
  return 0;
}

int CustomerEdit(Context& ctx, const CustomerOptions& o, const Time& now) {
  CustomerChange change;
  change.name = Given(o.rename);
  change.aliases = o.aliases;
  change.contacts = o.contacts;
  change.phones = o.phones;
  change.addresses = o.addresses;
  change.drop_aliases = o.drop_aliases;
  change.drop_contacts = o.drop_contacts;
  change.drop_phones = o.drop_phones;
  change.drop_addresses = o.drop_addresses;
  if (o.key) change.key = true;
  if (o.no_key) change.key = false;
  change.reason = o.reason;
  Time at;
  std::string actor;
  std::unique_ptr<CustomerBook> book;
  const CustomerState* c = nullptr;
  Status s = ctx.TimeOption("--at", o.at, &at);
  if (s.ok()) s = ctx.ActorName(&actor);
  if (s.ok()) s = CustomerBook::Load(ctx.store(), std::nullopt, &book);
  if (s.ok()) s = ResolveCustomer(*book, o.name, &c);
  if (s.ok()) s = EditCustomer(ctx.store(), c->code, change, at, now, actor);
  if (!s.ok()) return Fail(s);
  fmt::print(stderr, "svc: {}: {}\n", c->code, _("customer file changed"));
  ctx.SetCommitMessage(fmt::format("{}: customer file changed", c->code));
  return 0;
}

}  // namespace

int RunCustomer(Context& ctx, const CustomerOptions& o) {
  Status s = ctx.OpenStore();
  Time now;
  if (s.ok()) s = ctx.Now(&now);
  if (!s.ok()) return Fail(s);
  if (o.verb == "add") return CustomerAdd(ctx, o, now);
  if (o.verb == "edit") return CustomerEdit(ctx, o, now);
  int offset = ctx.store().config().offset_minutes;
  Date today = LocalDate(InOffset(now, offset));
  std::unique_ptr<CustomerBook> book;
  if (o.verb == "show") {
    // By its code: one file; else by name or alias: every file.
    CustomerState one;
    const CustomerState* c = nullptr;
    s = LoadCustomer(ctx.store(), o.name, AsOf(ctx, now), &one);
    if (s.ok() && !one.history.empty()) {
      c = &one;
    } else if (s.ok() || s.code() == Status::Code::kNotFound) {
      s = CustomerBook::Load(ctx.store(), AsOf(ctx, now), &book);
      if (s.ok()) s = ResolveCustomer(*book, o.name, &c);
    }
    if (!s.ok()) return Fail(s);
    fmt::print("{}", ctx.json() ? ToJson(CustomerJson(*c, offset, today, true))
                                : EscapeControls(CustomerText(*c, offset, today)));
    return 0;
  }
  // list
  if (!(s = CustomerBook::Load(ctx.store(), AsOf(ctx, now), &book)).ok()) return Fail(s);
  if (ctx.json()) {
    JsonValue a = JsonValue::Array();
    for (const CustomerState& c : book->customers()) {
      JsonValue j = CustomerJson(c, offset, today, false);
      a.Push(std::move(j));
    }
    fmt::print("{}", ToJson(a));
    return 0;
  }
  for (const CustomerState& c : book->customers()) {
    std::string units =
        c.units.size() == 1 ? TrF("{} unit", c.units.size()) : TrF("{} units", c.units.size());
    fmt::print("{}\n",
               EscapeControls(fmt::format("{}  {}{}  {}{}", c.code, c.name, c.key ? _("  key") : "",
                                          units, c.phones.empty() ? "" : "  " + c.phones.front())));
  }
  return 0;
}

int RunEquipment(Context& ctx, const EquipmentOptions& o) {
  Status s = ctx.OpenStore();
  Time now;
  if (s.ok()) s = ctx.Now(&now);
  if (!s.ok()) return Fail(s);
  int offset = ctx.store().config().offset_minutes;
  if (o.verb == "add" || o.verb == "edit") {
    UnitForm u;
    u.serial = o.serial;
    u.product = Given(o.product);
    u.model = Given(o.model);
    u.project_no = Given(o.project_no);
    u.location = Given(o.location);
    u.reason = o.reason;
    Time at;
    std::string actor, code;
    s = OptionalDate("--commissioned", o.commissioned, &u.commissioned);
    if (s.ok()) s = OptionalDate("--warranty-until", o.warranty_until, &u.warranty_until);
    if (s.ok()) s = ctx.TimeOption("--at", o.at, &at);
    if (s.ok()) s = ctx.ActorName(&actor);
    if (s.ok()) {
      s = o.verb == "add" ? AddEquipment(ctx.store(), o.customer, u, at, now, actor, &code)
                          : EditEquipment(ctx.store(), u, at, now, actor, &code);
    }
    if (!s.ok()) return Fail(s);
    std::string what = o.verb == "add" ? "registered" : "changed";
    fmt::print(stderr, "svc: {}: {}\n", code,
               o.verb == "add" ? TrF("unit {} registered", EscapeControls(o.serial))
                               : TrF("unit {} changed", EscapeControls(o.serial)));
    ctx.SetCommitMessage(fmt::format("{}: unit {} {}", code, o.serial, what));
    return 0;
  }
  Date today = LocalDate(InOffset(now, offset));
  std::unique_ptr<CustomerBook> book;
  if (!(s = CustomerBook::Load(ctx.store(), AsOf(ctx, now), &book)).ok()) return Fail(s);
  if (o.verb == "show") {
    const CustomerState* owner = nullptr;
    const Unit* u = book->FindUnit(o.serial, &owner);
    if (!u) {
      return Fail(Status::NotFound(
          TrF("no unit with the serial number '{}' is registered (see 'svc equipment list')",
              o.serial)));
    }
    if (ctx.json()) {
      fmt::print("{}", ToJson(UnitJson(*u, *owner, offset, today)));
    } else {
      std::string text = UnitLine(*u, *owner, today);
      if (!u->project_no.empty()) text += TrF("project {}", u->project_no) + "\n";
      if (u->commissioned) text += TrF("commissioned {}", FormatDate(*u->commissioned)) + "\n";
      text +=
          TrF("registered {} by {}\n", FormatTimeShortIn(u->registered, offset), u->registered_by);
      fmt::print("{}", EscapeControls(text));
    }
    return 0;
  }
  // list
  const CustomerState* only = nullptr;
  if (!o.customer.empty() && !(s = ResolveCustomer(*book, o.customer, &only)).ok()) return Fail(s);
  JsonValue a = JsonValue::Array();
  for (const CustomerState& c : book->customers()) {
    if (only && only != &c) continue;
    for (const Unit& u : c.units) {
      if (ctx.json()) {
        a.Push(UnitJson(u, c, offset, today));
      } else {
        fmt::print("{}", EscapeControls(UnitLine(u, c, today)));
      }
    }
  }
  if (ctx.json()) fmt::print("{}", ToJson(a));
  return 0;
}

}  // namespace svc::cli
