#include "rules/customer.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/i18n.h"
#include "base/text.h"
#include "model/customer.h"
#include "rules/state.h"

namespace svc {
namespace {

const std::vector<std::string>* EventStrings(const Event& e, std::string_view key) {
  const Value* v = e.Find(key);
  return v ? std::get_if<std::vector<std::string>>(v) : nullptr;
}

std::optional<Date> EventDate(const Event& e, std::string_view key) {
  const Value* v = e.Find(key);
  const auto* d = v ? std::get_if<Date>(v) : nullptr;
  return d ? std::optional<Date>(*d) : std::nullopt;
}

// Adds what `e` names under `key` (not yet held), removes what it names under drop_`key`.
void Change(const Event& e, std::string_view key, std::vector<std::string>* list) {
  if (const auto* add = EventStrings(e, key)) {
    for (const std::string& s : *add) {
      if (std::find(list->begin(), list->end(), s) == list->end()) list->push_back(s);
    }
  }
  if (const auto* drop = EventStrings(e, fmt::format("drop_{}", key))) {
    for (const std::string& s : *drop) std::erase(*list, s);
  }
}

// The fields of a unit an event gives replace what it held.
void SetUnit(const Event& e, Unit* u) {
  auto str = [&](std::string_view key, std::string* out) {
    if (e.Find(key)) *out = e.Str(key);
  };
  str("product", &u->product);
  str("model", &u->model);
  str("project_no", &u->project_no);
  str("location", &u->location);
  if (auto d = EventDate(e, "commissioned")) u->commissioned = d;
  if (auto d = EventDate(e, "warranty_until")) u->warranty_until = d;
}

class CustomerFold {
 public:
  CustomerFold(const Record& r, CustomerState* st) : r_(r), s_(*st) {}

  Status Apply(const Event& e) {
    namespace a = customer_action;
    if (e.Is(a::kCreate)) {
      if (created_) return Refuse(e, _("the customer file was already created"));
      created_ = true;
      s_.created = e.at;
      s_.created_by = e.actor;
      return Status::OK();
    }
    if (!created_) return Refuse(e, _("it comes before the customer file was created"));
    if (e.Is(a::kEdit)) return Edit(e);
    if (e.Is(a::kEquipment)) return Register(e);
    if (e.Is(a::kEquipmentEdit)) return ChangeUnit(e);
    if (e.Is(a::kNote)) {
      s_.notes.push_back(e);
      return Status::OK();
    }
    return Refuse(e, _("a customer file has no such action"));
  }

 private:
  Status Refuse(const Event& e, std::string_view why) const {
    return Refusal(r_.View("id"), e, why);
  }

  Status Edit(const Event& e) {
    if (e.Find("name")) {
      if (e.View("name").empty()) return Refuse(e, _("the name is empty"));
      s_.name = e.Str("name");
    }
    Change(e, "aliases", &s_.aliases);
    Change(e, "contacts", &s_.contacts);
    Change(e, "phones", &s_.phones);
    Change(e, "addresses", &s_.addresses);
    if (e.Find("key")) s_.key = e.Flag("key");
    return Status::OK();
  }

  Status Register(const Event& e) {
    std::string serial = e.Str("serial");
    if (serial.empty()) return Refuse(e, _("the unit has no serial number"));
    if (const Unit* u = s_.FindUnit(serial)) {
      return Refuse(e, TrF("the serial number {} was already registered at {}", serial,
                           FormatTime(u->registered)));
    }
    if (e.View("product").empty()) return Refuse(e, _("the unit has no product"));
    Unit u;
    u.serial = serial;
    SetUnit(e, &u);
    u.registered = u.changed = e.at;
    u.registered_by = e.actor;
    s_.units.push_back(std::move(u));
    return Status::OK();
  }

  Status ChangeUnit(const Event& e) {
    std::string serial = e.Str("serial");
    auto it = std::find_if(s_.units.begin(), s_.units.end(),
                           [&](const Unit& u) { return u.serial == serial; });
    if (it == s_.units.end()) {
      return Refuse(e, TrF("no unit with the serial number '{}' is registered", serial));
    }
    if (e.Find("product") && e.View("product").empty()) return Refuse(e, _("the product is empty"));
    SetUnit(e, &*it);
    it->changed = e.at;
    return Status::OK();
  }

  const Record& r_;
  CustomerState& s_;
  bool created_ = false;
};

std::string Folded(std::string_view s) {
  size_t b = s.find_first_not_of(' ');
  size_t e = s.find_last_not_of(' ');
  std::string out(b == std::string_view::npos ? std::string_view() : s.substr(b, e - b + 1));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

const Unit* CustomerState::FindUnit(std::string_view serial) const {
  for (const Unit& u : units) {
    if (u.serial == serial) return &u;
  }
  return nullptr;
}

Status FoldCustomer(const Record& r, const std::optional<Time>& as_of, CustomerState* out,
                    size_t* failed) {
  CustomerState st;
  st.code = std::string(r.View("id"));
  st.name = std::string(r.View("name"));
  st.aliases = r.List("aliases");
  st.contacts = r.List("contacts");
  st.phones = r.List("phones");
  st.addresses = r.List("addresses");
  if (const Value* v = r.Find("key"); v && std::holds_alternative<bool>(*v)) {
    st.key = std::get<bool>(*v);
  }
  CustomerFold fold(r, &st);
  SVC_RETURN_IF_ERROR(FoldEvents(
      r, as_of, [&](const Event& e) { return fold.Apply(e); }, &st.history, failed));
  if (!st.history.empty()) st.changed = st.history.back().at;
  *out = std::move(st);
  return Status::OK();
}

bool NameMatches(const CustomerState& c, std::string_view text) {
  std::string t = Folded(text);
  if (t.empty()) return false;
  if (t == Folded(c.code) || t == Folded(c.name)) return true;
  return std::any_of(c.aliases.begin(), c.aliases.end(),
                     [&](const std::string& a) { return Folded(a) == t; });
}

namespace {

// The characters (UTF-8 sequences) of `s`.
std::vector<std::string_view> Chars(std::string_view s) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < s.size();) {
    size_t n = std::max<size_t>(1, Utf8SequenceAt(s, i));
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

// Whether `a` becomes `b` by one character inserted, left out or changed.
bool OneEditApart(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  if (a.size() > b.size()) return OneEditApart(b, a);
  if (b.size() - a.size() > 1) return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (a.size() == b.size()) {  // one changed: the rest equal after it
    return i < a.size() && std::equal(a.begin() + static_cast<std::ptrdiff_t>(i) + 1, a.end(),
                                      b.begin() + static_cast<std::ptrdiff_t>(i) + 1);
  }
  // One inserted into `a` at i.
  return std::equal(a.begin() + static_cast<std::ptrdiff_t>(i), a.end(),
                    b.begin() + static_cast<std::ptrdiff_t>(i) + 1);
}

}  // namespace

bool NearName(const CustomerState& c, std::string_view text) {
  std::vector<std::string_view> t;
  std::string folded = Folded(text);
  t = Chars(folded);
  if (t.size() < 3) return false;
  auto near = [&](std::string_view name) {
    std::string f = Folded(name);
    return f != folded && OneEditApart(Chars(f), t);
  };
  return near(c.name) || std::any_of(c.aliases.begin(), c.aliases.end(), near);
}

std::string PhoneDigits(std::string_view phone) {
  std::string d;
  for (char c : phone) {
    if (c >= '0' && c <= '9') d += c;
  }
  return d;
}

bool PhoneMatches(const CustomerState& c, std::string_view phone) {
  std::string d = PhoneDigits(phone);
  if (d.empty()) return false;
  return std::any_of(c.phones.begin(), c.phones.end(),
                     [&](const std::string& p) { return PhoneDigits(p) == d; });
}

}  // namespace svc
