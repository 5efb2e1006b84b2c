#include "fast_reader.h"

#include <charconv>

#include "text.h"
#include "ticket_toml.h"

namespace svc {
namespace {

// One parsed right-hand side.
struct Raw {
  enum Kind { kString, kInt, kBool, kTime, kDate, kStrings, kParts } kind = kString;
  std::string str;
  int64_t num = 0;
  bool flag = false;
  Time time;
  Date date;
  std::vector<std::string> strings;
  std::vector<Part> parts;
};

class Lexer {
 public:
  explicit Lexer(std::string_view text) : s_(text) {}
  bool AtEnd() const { return p_ >= s_.size(); }
  // The rest of the current line (without '\n'), advancing past it.
  std::string_view Line() {
    size_t end = s_.find('\n', p_);
    if (end == std::string_view::npos) end = s_.size();
    std::string_view line = s_.substr(p_, end - p_);
    p_ = end < s_.size() ? end + 1 : end;
    return line;
  }
  std::string_view Rest() const { return s_.substr(p_); }
  void Skip(size_t n) { p_ += n; }

 private:
  std::string_view s_;
  size_t p_ = 0;
};

bool Hex(std::string_view h, uint32_t* v) {
  auto r = std::from_chars(h.data(), h.data() + h.size(), *v, 16);
  return r.ec == std::errc() && r.ptr == h.data() + h.size();
}

void Utf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Unescapes the body of a basic string; *used gets the characters read up to
// and including the closing quote (or `"""` when multiline).
bool Unescape(std::string_view s, bool multiline, std::string* out, size_t* used) {
  out->clear();
  for (size_t i = 0; i < s.size(); ++i) {
    // Copy runs of plain characters whole.
    size_t run = i;
    while (run < s.size() && s[run] != '"' && s[run] != '\\' && (multiline || s[run] != '\n')) {
      ++run;
    }
    if (run > i) {
      out->append(s.substr(i, run - i));
      i = run;
      if (i >= s.size()) break;
    }
    char c = s[i];
    if (c == '"') {
      if (!multiline) {
        *used = i + 1;
        return true;
      }
      if (s.substr(i, 3) == "\"\"\"") {
        *used = i + 3;
        return true;
      }
      out->push_back(c);
    } else if (c == '\\') {
      if (++i >= s.size()) return false;
      switch (s[i]) {
        case '"':
          out->push_back('"');
          break;
        case '\\':
          out->push_back('\\');
          break;
        case 'n':
          out->push_back('\n');
          break;
        case 'r':
          out->push_back('\r');
          break;
        case 't':
          out->push_back('\t');
          break;
        case 'b':
          out->push_back('\b');
          break;
        case 'f':
          out->push_back('\f');
          break;
        case 'u': {
          uint32_t cp = 0;
          if (i + 4 >= s.size()) return false;
          if (!Hex(s.substr(i + 1, 4), &cp)) return false;
          Utf8(cp, out);
          i += 4;
          break;
        }
        default:
          return false;
      }
    } else if (c == '\n' && !multiline) {
      return false;
    } else {
      out->push_back(c);
    }
  }
  return false;
}

bool Digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// A scalar: string, integer, boolean, offset date-time or date.
bool Scalar(std::string_view v, Raw* out) {
  if (v.empty()) return false;
  if (v.front() == '"') {
    size_t used = 0;
    out->kind = Raw::kString;
    return Unescape(v.substr(1), false, &out->str, &used) && used == v.size() - 1;
  }
  if (v == "true" || v == "false") {
    out->kind = Raw::kBool;
    out->flag = v == "true";
    return true;
  }
  if (v.size() == 10 && v[4] == '-' && v[7] == '-') {
    out->kind = Raw::kDate;
    return ParseDate(v, &out->date).ok();
  }
  if (v.size() == 25 && v[10] == 'T') {
    out->kind = Raw::kTime;
    return ParseTime(v, 0, &out->time).ok();
  }
  if (Digits(v) || (v.size() > 1 && v[0] == '-' && Digits(v.substr(1)))) {
    out->kind = Raw::kInt;
    auto r = std::from_chars(v.data(), v.data() + v.size(), out->num);
    return r.ec == std::errc();
  }
  return false;
}

// `{ code = "..", name = "..", qty = 2, unit = "..", supply = ".." }`
bool InlinePart(std::string_view v, Part* p) {
  if (!v.starts_with("{ ") || !v.ends_with(" }")) return false;
  v = v.substr(2, v.size() - 4);
  while (!v.empty()) {
    size_t eq = v.find(" = ");
    if (eq == std::string_view::npos) return false;
    std::string_view key = v.substr(0, eq);
    v.remove_prefix(eq + 3);
    Raw r;
    size_t len = 0;
    if (!v.empty() && v.front() == '"') {
      if (!Unescape(v.substr(1), false, &r.str, &len)) return false;
      r.kind = Raw::kString;
      len += 1;
    } else {
      len = v.find(',');
      if (len == std::string_view::npos) len = v.size();
      if (!Scalar(v.substr(0, len), &r) || r.kind != Raw::kInt) return false;
    }
    v.remove_prefix(len);
    if (v.starts_with(", ")) v.remove_prefix(2);
    if (key == "qty" && r.kind == Raw::kInt) {
      if (r.num < 1 || r.num > 1'000'000) return false;  // as toml++'s reader checks
      p->qty = r.num;
    } else if (r.kind != Raw::kString) {
      return false;
    } else if (key == "code") {
      p->code = r.str;
    } else if (key == "name") {
      p->name = r.str;
    } else if (key == "supply") {
      p->supply = r.str;
    } else if (key == "unit") {
      Money m;
      if (!ParseMoney(r.str, &m).ok()) return false;
      p->unit = m;
    } else {
      return false;
    }
  }
  return true;
}

// The value after `key = ` on `line` (and following lines for multi-line forms).
bool ParseValue(std::string_view v, Lexer& lx, Raw* out) {
  if (v == "\"\"\"") {
    size_t used = 0;
    out->kind = Raw::kString;
    std::string_view rest = lx.Rest();
    if (!Unescape(rest, true, &out->str, &used)) return false;
    lx.Skip(used);
    // The closing quotes end the line.
    return lx.Line().empty();
  }
  if (v == "[") {  // parts, one inline table a line
    out->kind = Raw::kParts;
    for (;;) {
      if (lx.AtEnd()) return false;
      std::string_view line = lx.Line();
      if (line == "]") return true;
      if (!line.starts_with("  ") || !line.ends_with(",")) return false;
      Part p;
      if (!InlinePart(line.substr(2, line.size() - 3), &p)) return false;
      out->parts.push_back(std::move(p));
    }
  }
  if (v.front() == '[') {  // a list of strings on one line
    if (v.back() != ']') return false;
    out->kind = Raw::kStrings;
    v = v.substr(1, v.size() - 2);
    while (!v.empty()) {
      if (v.front() != '"') return false;
      std::string item;
      size_t used = 0;
      if (!Unescape(v.substr(1), false, &item, &used)) return false;
      out->strings.push_back(std::move(item));
      v.remove_prefix(used + 1);
      if (v.starts_with(", ")) v.remove_prefix(2);
    }
    return true;
  }
  return Scalar(v, out);
}

bool ToValue(const Raw& r, FieldType type, svc::Value* out) {
  switch (type) {
    case FieldType::kString:
      if (r.kind != Raw::kString) return false;
      *out = r.str;
      return true;
    case FieldType::kInt:
      if (r.kind != Raw::kInt) return false;
      *out = r.num;
      return true;
    case FieldType::kBool:
      if (r.kind != Raw::kBool) return false;
      *out = r.flag;
      return true;
    case FieldType::kTime:
      if (r.kind != Raw::kTime) return false;
      *out = r.time;
      return true;
    case FieldType::kDate:
      if (r.kind != Raw::kDate) return false;
      *out = r.date;
      return true;
    case FieldType::kMoney: {
      Money m;
      if (r.kind != Raw::kString || !ParseMoney(r.str, &m).ok()) return false;
      *out = m;
      return true;
    }
    case FieldType::kStrings:
      if (r.kind != Raw::kStrings) return false;
      *out = r.strings;
      return true;
    case FieldType::kParts:
      if (r.kind != Raw::kParts) return false;
      *out = r.parts;
      return true;
  }
  return false;
}

bool SetForm(Ticket* t, std::string_view section, std::string_view key, const Raw& r) {
  auto str = [&](std::string* field) {
    if (r.kind != Raw::kString) return false;
    *field = r.str;
    return true;
  };
  if (section.empty()) {
    if (key == "id") return str(&t->id);
    if (key == "via") return str(&t->via);
    if (key == "received" && r.kind == Raw::kTime) {
      t->received = r.time;
      return true;
    }
    return false;
  }
  if (section == "customer") {
    Customer& c = t->customer;
    if (key == "name") return str(&c.name);
    if (key == "contact") return str(&c.contact);
    if (key == "title") return str(&c.title);
    if (key == "phone") return str(&c.phone);
    if (key == "address") return str(&c.address);
    return false;
  }
  if (section == "equipment") {
    Equipment& q = t->equipment;
    if (key == "quantity" && r.kind == Raw::kInt) {
      if (r.num < 1 || r.num > 1'000'000) return false;  // as toml++'s reader checks
      q.quantity = r.num;
      return true;
    }
    if ((key == "commissioned" || key == "purchased") && r.kind == Raw::kDate) {
      (key == "commissioned" ? q.commissioned : q.purchased) = r.date;
      return true;
    }
    if (key == "product") return str(&q.product);
    if (key == "model") return str(&q.model);
    if (key == "size") return str(&q.size);
    if (key == "serial") return str(&q.serial);
    if (key == "project_no") return str(&q.project_no);
    if (key == "equipment_no") return str(&q.equipment_no);
    if (key == "invoice_no") return str(&q.invoice_no);
    return false;
  }
  if (section == "fault" && key == "description") return str(&t->description);
  return false;
}

// Fills an event's fields from (key, raw) pairs by the action's schema.
bool SetEvent(Event* e, const std::vector<std::pair<std::string, Raw>>& fields) {
  const ActionSpec* spec = FindAction(e->action);
  if (!spec) return false;
  for (const auto& [key, raw] : fields) {
    const FieldSpec* f = nullptr;
    for (const auto& candidate : spec->fields) {
      if (candidate.key == key) f = &candidate;
    }
    svc::Value v;
    if (!f || !ToValue(raw, f->type, &v) || e->Find(key)) return false;
    if (f->type == FieldType::kString && raw.str.empty()) continue;  // toml++'s reading drops it
    e->Set(key, std::move(v));  // the schema's order, as toml++'s reading gives
  }
  return true;
}

}  // namespace

bool ReadCanonicalTicket(std::string_view text, Ticket* out) {
  if (!IsValidUtf8(text)) return false;  // toml++ says where
  Lexer lx(text);
  Ticket t;
  std::string section;
  Event* event = nullptr;
  std::vector<std::pair<std::string, Raw>> pending;  // the current event's own fields
  bool seen_id = false, seen_via = false, seen_received = false;
  auto finish_event = [&] {
    if (!event) return true;
    bool ok = SetEvent(event, pending);
    pending.clear();
    return ok;
  };
  while (!lx.AtEnd()) {
    std::string_view line = lx.Line();
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '[') {
      if (!finish_event()) return false;
      if (line == "[[event]]") {
        section = "event";
        t.events.emplace_back();
        event = &t.events.back();
      } else if (line == "[customer]" || line == "[equipment]" || line == "[fault]") {
        if (event) return false;
        section = std::string(line.substr(1, line.size() - 2));
      } else {
        return false;
      }
      continue;
    }
    size_t eq = line.find(" = ");
    if (eq == std::string_view::npos) return false;
    std::string_view key = line.substr(0, eq);
    Raw r;
    if (!ParseValue(line.substr(eq + 3), lx, &r)) return false;
    if (!event) {
      if (!SetForm(&t, section, key, r)) return false;
      if (section.empty()) {
        seen_id = seen_id || key == "id";
        seen_via = seen_via || key == "via";
        seen_received = seen_received || key == "received";
      }
      continue;
    }
    if (key == "at" && r.kind == Raw::kTime) {
      event->at = r.time;
    } else if (key == "recorded" && r.kind == Raw::kTime) {
      event->recorded = r.time;
    } else if (key == "actor" && r.kind == Raw::kString) {
      event->actor = r.str;
    } else if (key == "action" && r.kind == Raw::kString) {
      event->action = r.str;
    } else {
      pending.emplace_back(std::string(key), std::move(r));
    }
  }
  if (!finish_event()) return false;
  // What toml++'s reader requires.
  if (!seen_id || !seen_via || !seen_received) return false;
  for (const Event& e : t.events) {
    if (e.actor.empty() || e.action.empty()) return false;
  }
  for (size_t i = 1; i < t.events.size(); ++i) {
    if (t.events[i].at.secs < t.events[i - 1].at.secs) return false;  // toml++'s reader refuses it
  }
  // Accepted only if it is exactly what svc writes for what was read.
  if (WriteTicket(t) != text) return false;
  *out = std::move(t);
  return true;
}

Status ReadTicket(std::string_view text, std::string_view name, Ticket* out, bool* canonical) {
  bool fast = ReadCanonicalTicket(text, out);
  if (canonical) *canonical = fast;
  return fast ? Status::OK() : ParseTicket(text, name, out);
}

}  // namespace svc
