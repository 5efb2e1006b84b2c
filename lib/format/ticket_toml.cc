#include "format/ticket_toml.h"

#include "base/i18n.h"
#include "format/record_toml.h"

#include <fmt/format.h>

#include <charconv>

#include "format/toml_read.h"
#include "model/limits.h"

namespace svc {
namespace {

// ---- writing ----

// In a multi-line string a quote is escaped only where it could end the
// string: before another quote, or as the last character.
void EscapeInto(std::string* out, std::string_view s, bool multiline) {
  for (size_t i = 0; i < s.size(); ++i) {
    // Runs of plain text are copied whole: most text needs no escape.
    size_t run = i;
    while (run < s.size()) {
      auto u = static_cast<unsigned char>(s[run]);
      if (u == '"' || u == '\\' || u < 0x20 || u == 0x7F) break;
      ++run;
    }
    if (run > i) {
      out->append(s.substr(i, run - i));
      i = run;
      if (i >= s.size()) break;
    }
    char ch = s[i];
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        if (multiline && i + 1 < s.size() && s[i + 1] != '"') {
          *out += '"';
        } else {
          *out += "\\\"";
        }
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\n':
        *out += multiline ? "\n" : "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      case '\t':
        *out += "\\t";
        break;
      case '\b':
        *out += "\\b";
        break;
      case '\f':
        *out += "\\f";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          *out += fmt::format("\\u{:04X}", c);
        } else {
          *out += ch;
        }
    }
  }
}

// Appends without formatting machinery: every ticket read through the fast
// reader is written once more to prove it canonical, so this is a hot path.
class Writer {
 public:
  Writer() { out_.reserve(2048); }
  void Comment(std::string_view text) {
    out_ += "# ";
    out_ += text;
    out_ += '\n';
  }
  void Header(std::string_view h) {
    out_ += '\n';
    out_ += h;
    out_ += '\n';
  }
  void Str(std::string_view key, std::string_view v) {
    if (v.empty()) return;
    Key(key);
    AppendTomlString(&out_, v, true);
    out_ += '\n';
  }
  void Int(std::string_view key, int64_t v) {
    Key(key);
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, r.ptr);
    out_ += '\n';
  }
  void Raw(std::string_view key, std::string_view v) {
    Key(key);
    out_ += v;
    out_ += '\n';
  }
  void Time(std::string_view key, const svc::Time& t) {
    Key(key);
    AppendTime(&out_, t);
    out_ += '\n';
  }
  void Value(std::string_view key, const svc::Value& v);
  std::string Take() { return std::move(out_); }

 private:
  void Key(std::string_view key) {
    out_ += key;
    out_ += " = ";
  }
  std::string out_;
};

std::string InlinePart(const Part& p) {
  std::string s = "{ ";
  auto add = [&](std::string_view k, const std::string& v) {
    if (s.size() > 2) s += ", ";
    s += fmt::format("{} = {}", k, v);
  };
  if (!p.code.empty()) add("code", TomlString(p.code, false));
  if (!p.name.empty()) add("name", TomlString(p.name, false));
  add("qty", std::to_string(p.qty));
  if (p.unit) add("unit", TomlString(FormatMoney(*p.unit)));
  if (!p.supply.empty()) add("supply", TomlString(p.supply, false));
  return s + " }";
}

void Writer::Value(std::string_view key, const svc::Value& v) {
  struct Visit {
    Writer* w;
    std::string_view key;
    void operator()(const std::string& s) {
      w->Key(key);
      AppendTomlString(&w->out_, s, true);
      w->out_ += '\n';
    }
    void operator()(int64_t i) { w->Int(key, i); }
    void operator()(bool b) { w->Raw(key, b ? "true" : "false"); }
    void operator()(const svc::Time& t) { w->Time(key, t); }
    void operator()(const Date& d) { w->Raw(key, FormatDate(d)); }
    void operator()(const Money& m) { w->Raw(key, TomlString(FormatMoney(m))); }
    void operator()(const std::vector<std::string>& list) {
      std::string s = "[";
      for (size_t i = 0; i < list.size(); ++i) s += (i ? ", " : "") + TomlString(list[i], false);
      w->Raw(key, s + "]");
    }
    void operator()(const std::vector<Part>& parts) {
      std::string s = "[\n";
      for (const Part& p : parts) s += "  " + InlinePart(p) + ",\n";
      w->Raw(key, s + "]");
    }
  };
  std::visit(Visit{this, key}, v);
}

// ---- reading ----

Status ReadPart(const toml::node& n, const FieldReader& owner, std::string_view key, Part* p) {
  const toml::table* t = n.as_table();
  if (!t) return owner.Error(key, TrF("each of '{}' must be an inline table", key));
  // Parts are read with a reader of their own; errors name the owning key's line.
  FieldReader r(*t, "", "");
  Status s;
  bool present = false;
  Money unit;
  auto wrap = [&](Status st) {
    return st.ok() ? st : owner.Error(key, TrF("a part in '{}' is malformed", key));
  };
  SVC_RETURN_IF_ERROR(wrap(r.String("code", &p->code)));
  SVC_RETURN_IF_ERROR(wrap(r.String("name", &p->name)));
  SVC_RETURN_IF_ERROR(wrap(r.Int("qty", &p->qty, true, 1, kMaxQuantity)));
  SVC_RETURN_IF_ERROR(wrap(r.MoneyValue("unit", &unit, &present)));
  if (present) p->unit = unit;
  SVC_RETURN_IF_ERROR(wrap(r.String("supply", &p->supply)));
  return wrap(r.Finish());
}

// Reads the value of `f` (if present) into `fields`: an event's or a record header's.
Status ReadValue(FieldReader& r, const FieldSpec& f,
                 std::vector<std::pair<std::string, Value>>* fields) {
  const toml::table dummy;
  bool present = false;
  Status s;
  switch (f.type) {
    case FieldType::kString: {
      std::string v;
      SVC_RETURN_IF_ERROR(r.String(f.key, &v));
      if (!v.empty()) fields->emplace_back(std::string(f.key), std::move(v));
      return Status::OK();
    }
    case FieldType::kInt: {
      int64_t v = 0;
      const toml::node* n = r.Node(f.key);
      if (!n) return Status::OK();
      SVC_RETURN_IF_ERROR(r.Int(f.key, &v));
      fields->emplace_back(std::string(f.key), v);
      return Status::OK();
    }
    case FieldType::kBool: {
      bool v = false;
      if (!r.Node(f.key)) return Status::OK();
      SVC_RETURN_IF_ERROR(r.Bool(f.key, &v));
      fields->emplace_back(std::string(f.key), v);
      return Status::OK();
    }
    case FieldType::kTime: {
      Time v;
      SVC_RETURN_IF_ERROR(r.TimeValue(f.key, &v, &present));
      if (present) fields->emplace_back(std::string(f.key), v);
      return Status::OK();
    }
    case FieldType::kDate: {
      Date v;
      SVC_RETURN_IF_ERROR(r.DateValue(f.key, &v, &present));
      if (present) fields->emplace_back(std::string(f.key), v);
      return Status::OK();
    }
    case FieldType::kMoney: {
      Money v;
      SVC_RETURN_IF_ERROR(r.MoneyValue(f.key, &v, &present));
      if (present) fields->emplace_back(std::string(f.key), v);
      return Status::OK();
    }
    case FieldType::kStrings: {
      std::vector<std::string> v;
      if (!r.Node(f.key)) return Status::OK();
      SVC_RETURN_IF_ERROR(r.StringList(f.key, &v));
      fields->emplace_back(std::string(f.key), std::move(v));
      return Status::OK();
    }
    case FieldType::kParts: {
      const toml::node* n = r.Node(f.key);
      if (!n) return Status::OK();
      const toml::array* a = n->as_array();
      if (!a) return r.Error(f.key, TrF("'{}' must be a list of parts", f.key));
      std::vector<Part> parts;
      for (const toml::node& item : *a) {
        Part p;
        SVC_RETURN_IF_ERROR(ReadPart(item, r, f.key, &p));
        parts.push_back(std::move(p));
      }
      fields->emplace_back(std::string(f.key), std::move(parts));
      return Status::OK();
    }
  }
  return Status::OK();
}

Status ReadEvent(const toml::table& t, std::string_view name, int index, const RecordKind* kind,
                 Event* e) {
  FieldReader r(t, name, fmt::format("[[event]] #{}", index));
  bool present = false;
  SVC_RETURN_IF_ERROR(r.TimeValue("at", &e->at, &present, true));
  Time recorded;
  SVC_RETURN_IF_ERROR(r.TimeValue("recorded", &recorded, &present));
  if (present) e->recorded = recorded;
  SVC_RETURN_IF_ERROR(r.String("actor", &e->actor, true));
  SVC_RETURN_IF_ERROR(r.String("action", &e->action, true));
  // A kind's own schemas (the customer file's) are known in its files only.
  const ActionSpec* spec = kind && kind->schemas ? kind->Schema(e->action) : FindAction(e->action);
  if (!spec) return r.Error("action", TrF("unknown action '{}'", e->action));
  for (const FieldSpec& f : spec->fields) SVC_RETURN_IF_ERROR(ReadValue(r, f, &e->fields));
  return r.Finish();
}

// The [[event]] tables of a record file, in time order; with `kind`, each
// action must be one the kind's history may hold.
Status ReadHistory(FieldReader& r, std::string_view name, const RecordKind* kind,
                   std::vector<Event>* out) {
  const toml::node* events = r.Node("event");
  if (!events) return Status::OK();
  const toml::array* a = events->as_array();
  if (!a || !a->is_array_of_tables()) {
    return r.Error("event", _("'event' must be written as [[event]] tables"));
  }
  int i = 0;
  Time last;
  for (const toml::node& n : *a) {
    Event e;
    SVC_RETURN_IF_ERROR(ReadEvent(*n.as_table(), name, ++i, kind, &e));
    if (kind && !kind->Allows(e.action)) {
      return TomlError(
          name, n.source(),
          TrF("[[event]] #{}: a {} record has no action '{}'", i, kind->name, e.action));
    }
    if (i > 1 && e.at.secs < last.secs) {
      return TomlError(name, n.source(),
                       TrF("[[event]] #{} at {} is earlier than the event before it; "
                           "the history must be in time order",
                           i, FormatTime(e.at)));
    }
    last = e.at;
    out->push_back(std::move(e));
  }
  return Status::OK();
}

const toml::table* OptionalTable(FieldReader& r, std::string_view key, Status* s) {
  const toml::node* n = r.Node(key);
  if (n && !n->is_table()) *s = r.Error(key, TrF("'{}' must be a table [{}]", key, key));
  return n ? n->as_table() : nullptr;
}

Status ReadCustomer(const toml::table* t, std::string_view name, Customer* c) {
  if (!t) return Status::OK();
  FieldReader r(*t, name, "[customer]");
  SVC_RETURN_IF_ERROR(r.String("code", &c->code));
  SVC_RETURN_IF_ERROR(r.String("name", &c->name));
  SVC_RETURN_IF_ERROR(r.String("contact", &c->contact));
  SVC_RETURN_IF_ERROR(r.String("title", &c->title));
  SVC_RETURN_IF_ERROR(r.String("phone", &c->phone));
  SVC_RETURN_IF_ERROR(r.String("address", &c->address));
  return r.Finish();
}

Status ReadEquipment(const toml::table* t, std::string_view name, Equipment* q) {
  if (!t) return Status::OK();
  FieldReader r(*t, name, "[equipment]");
  bool present = false;
  Date d;
  SVC_RETURN_IF_ERROR(r.String("product", &q->product));
  SVC_RETURN_IF_ERROR(r.String("model", &q->model));
  SVC_RETURN_IF_ERROR(r.String("size", &q->size));
  SVC_RETURN_IF_ERROR(r.String("serial", &q->serial));
  SVC_RETURN_IF_ERROR(r.Int("quantity", &q->quantity, false, 1, kMaxQuantity));
  SVC_RETURN_IF_ERROR(r.String("project_no", &q->project_no));
  SVC_RETURN_IF_ERROR(r.String("equipment_no", &q->equipment_no));
  SVC_RETURN_IF_ERROR(r.DateValue("commissioned", &d, &present));
  if (present) q->commissioned = d;
  SVC_RETURN_IF_ERROR(r.DateValue("purchased", &d, &present));
  if (present) q->purchased = d;
  SVC_RETURN_IF_ERROR(r.String("invoice_no", &q->invoice_no));
  SVC_RETURN_IF_ERROR(r.DateValue("warranty_until", &d, &present));
  if (present) q->warranty_until = d;
  return r.Finish();
}

}  // namespace

namespace {
constexpr std::string_view kReceiptTitle =
    "# 入库单 Warehousing receipt (R-4.5.3.1), booked under the ticket below";
}  // namespace

Status ParseOutboundEntry(std::string_view text, std::string_view name, OutboundEntry* out) {
  toml::table root;
  SVC_RETURN_IF_ERROR(ParseToml(text, name, &root));
  FieldReader r(root, name, _("the outbound record entry"));
  OutboundEntry e;
  SVC_RETURN_IF_ERROR(r.String("record", &e.record, true));
  SVC_RETURN_IF_ERROR(r.String("ticket", &e.ticket, true));
  SVC_RETURN_IF_ERROR(r.Bool("abandoned", &e.abandoned));
  SVC_RETURN_IF_ERROR(r.Finish());
  e.receipt = text.starts_with(kReceiptTitle);
  *out = std::move(e);
  return Status::OK();
}

std::string WriteOutboundEntry(const OutboundEntry& e) {
  return fmt::format(
      "{}\nrecord = {}\nticket = {}\n{}",
      e.receipt
          ? kReceiptTitle
          : "# 外出服务记录表 Outbound Service Record (R-4.4.3), filed under the ticket below",
      TomlString(e.record), TomlString(e.ticket),
      !e.abandoned ? ""
      : e.receipt  ? "# the booking that took this number was interrupted: never filed, not "
                     "reused (R-4.5.2)\nabandoned = true\n"
                   : "# the dispatch that took this number was interrupted: never filed, not "
                     "reused (R-4.5.2)\nabandoned = true\n");
}

void AppendTomlString(std::string* out, std::string_view s, bool multiline_ok) {
  bool multiline = multiline_ok && s.find('\n') != std::string_view::npos;
  *out += multiline ? "\"\"\"\n" : "\"";
  EscapeInto(out, s, multiline);
  *out += multiline ? "\"\"\"" : "\"";
}

std::string TomlString(std::string_view s, bool multiline_ok) {
  std::string out;
  AppendTomlString(&out, s, multiline_ok);
  return out;
}

std::string WriteTicket(const Ticket& t) {
  Writer w;
  w.Comment("售后信息处理单 After-sales Information Processing Form (R-4.2.1)");
  w.Str("id", t.id);
  w.Str("via", t.via);
  w.Time("received", t.received);
  w.Str("annual_plan", t.annual_plan);

  const Customer& c = t.customer;
  w.Header("[customer]");
  w.Str("code", c.code);
  w.Str("name", c.name);
  w.Str("contact", c.contact);
  w.Str("title", c.title);
  w.Str("phone", c.phone);
  w.Str("address", c.address);

  const Equipment& q = t.equipment;
  if (!(q == Equipment{})) {
    w.Header("[equipment]");
    w.Str("product", q.product);
    w.Str("model", q.model);
    w.Str("size", q.size);
    w.Str("serial", q.serial);
    if (q.quantity) w.Int("quantity", q.quantity);
    w.Str("project_no", q.project_no);
    w.Str("equipment_no", q.equipment_no);
    if (q.commissioned) w.Raw("commissioned", FormatDate(*q.commissioned));
    if (q.purchased) w.Raw("purchased", FormatDate(*q.purchased));
    w.Str("invoice_no", q.invoice_no);
    if (q.warranty_until) w.Raw("warranty_until", FormatDate(*q.warranty_until));
  }

  if (!t.description.empty()) {
    w.Header("[fault]");
    w.Str("description", t.description);
  }

  for (const Event& e : t.events) {
    w.Header("[[event]]");
    w.Time("at", e.at);
    if (e.recorded) w.Time("recorded", *e.recorded);
    w.Str("actor", e.actor);
    w.Str("action", e.action);
    for (const auto& [key, value] : e.fields) w.Value(key, value);
  }
  return w.Take();
}

Status ParseTicket(std::string_view text, std::string_view name, Ticket* out) {
  toml::table root;
  SVC_RETURN_IF_ERROR(ParseToml(text, name, &root));
  Ticket t;
  FieldReader r(root, name, _("the form"));
  bool present = false;
  SVC_RETURN_IF_ERROR(r.String("id", &t.id, true));
  SVC_RETURN_IF_ERROR(r.String("via", &t.via, true));
  SVC_RETURN_IF_ERROR(r.TimeValue("received", &t.received, &present, true));
  SVC_RETURN_IF_ERROR(r.String("annual_plan", &t.annual_plan));
  Status s;
  const toml::table* customer = OptionalTable(r, "customer", &s);
  SVC_RETURN_IF_ERROR(s);
  SVC_RETURN_IF_ERROR(ReadCustomer(customer, name, &t.customer));
  const toml::table* equipment = OptionalTable(r, "equipment", &s);
  SVC_RETURN_IF_ERROR(s);
  SVC_RETURN_IF_ERROR(ReadEquipment(equipment, name, &t.equipment));
  const toml::table* fault = OptionalTable(r, "fault", &s);
  SVC_RETURN_IF_ERROR(s);
  if (fault) {
    FieldReader fr(*fault, name, "[fault]");
    SVC_RETURN_IF_ERROR(fr.String("description", &t.description));
    SVC_RETURN_IF_ERROR(fr.Finish());
  }
  SVC_RETURN_IF_ERROR(ReadHistory(r, name, nullptr, &t.events));
  SVC_RETURN_IF_ERROR(r.Finish());
  *out = std::move(t);
  return Status::OK();
}

// --- records of any kind (record_toml.h) ---------------------------------------

std::string WriteRecord(const Record& rec) {
  Writer w;
  w.Comment(rec.kind->title);
  size_t next = 0;  // rec.header is in the kind's order: one pass
  for (const HeaderSection& section : rec.kind->header) {
    std::string prefix = section.table.empty() ? "" : std::string(section.table) + ".";
    bool header = section.table.empty();
    for (const HeaderField& f : section.fields) {
      if (next >= rec.header.size()) break;
      const auto& [key, value] = rec.header[next];
      if (key.size() != prefix.size() + f.key.size() || !key.starts_with(prefix) ||
          !key.ends_with(f.key)) {
        continue;
      }
      if (!header) {
        w.Header(fmt::format("[{}]", section.table));
        header = true;
      }
      w.Value(f.key, value);
      ++next;
    }
    if (!header && section.always) w.Header(fmt::format("[{}]", section.table));
  }
  for (const Event& e : rec.events) {
    w.Header("[[event]]");
    w.Time("at", e.at);
    if (e.recorded) w.Time("recorded", *e.recorded);
    w.Str("actor", e.actor);
    w.Str("action", e.action);
    for (const auto& [key, value] : e.fields) w.Value(key, value);
  }
  return w.Take();
}

Status ParseRecord(std::string_view text, std::string_view name, const RecordKind& kind,
                   Record* out) {
  toml::table root;
  SVC_RETURN_IF_ERROR(ParseToml(text, name, &root));
  Record rec;
  rec.kind = &kind;
  FieldReader top(root, name, _("the form"));
  // The keys of one section, named "key" (top level) or "table.key".
  auto read = [&](FieldReader& r, const HeaderSection& section) -> Status {
    for (const HeaderField& f : section.fields) {
      std::vector<std::pair<std::string, Value>> got;
      SVC_RETURN_IF_ERROR(ReadValue(r, FieldSpec{f.key, f.type}, &got));
      if (got.empty() && f.required) return r.Missing(f.key);
      for (auto& [key, value] : got) {
        rec.header.emplace_back(
            section.table.empty() ? key : fmt::format("{}.{}", section.table, key),
            std::move(value));
      }
    }
    return Status::OK();
  };
  for (const HeaderSection& section : kind.header) {
    if (section.table.empty()) {
      SVC_RETURN_IF_ERROR(read(top, section));  // finished with the rest of the root below
      continue;
    }
    Status s;
    const toml::table* t = OptionalTable(top, section.table, &s);
    SVC_RETURN_IF_ERROR(s);
    if (!t) continue;
    FieldReader r(*t, name, fmt::format("[{}]", section.table));
    SVC_RETURN_IF_ERROR(read(r, section));
    SVC_RETURN_IF_ERROR(r.Finish());
  }
  SVC_RETURN_IF_ERROR(ReadHistory(top, name, &kind, &rec.events));
  SVC_RETURN_IF_ERROR(top.Finish());
  *out = std::move(rec);
  return Status::OK();
}

}  // namespace svc
