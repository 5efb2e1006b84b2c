#include "format/fast_reader.h"

#include <algorithm>
#include <array>
#include <charconv>

#include "base/text.h"
#include "format/ticket_toml.h"
#include "model/limits.h"

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

// The ASCII characters a basic string holds as they are.
constexpr auto kPlain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x7F; ++c) plain[c] = c != '"' && c != '\\';
  return plain;
}();

// Unescapes the body of a basic string; *used gets the characters read up to
// and including the closing quote (or `"""` when multiline). A raw control
// character (other than a multi-line string's newline) is declined: TOML
// forbids most, and svc always escapes them; so is malformed UTF-8 (the
// reader checks it here, where the text is read anyway: everything else of
// a ticket's text is ASCII the reader matches exactly, or comments).
bool Unescape(std::string_view s, bool multiline, std::string* out, size_t* used) {
  out->clear();
  for (size_t i = 0; i < s.size(); ++i) {
    // Copy runs of plain characters whole.
    size_t run = i;
    while (run < s.size()) {
      auto u = static_cast<unsigned char>(s[run]);
      if (kPlain[u]) {
        ++run;
      } else if (u >= 0xE1 && u <= 0xEF && u != 0xED && run + 2 < s.size() &&
                 (static_cast<unsigned char>(s[run + 1]) & 0xC0) == 0x80 &&
                 (static_cast<unsigned char>(s[run + 2]) & 0xC0) == 0x80) {
        run += 3;  // most of Chinese text, checked here (Utf8SequenceAt does the rest)
      } else if (u >= 0x80) {
        size_t len = Utf8SequenceAt(s, run);
        if (len == 0) return false;
        run += len;
      } else {
        break;  // a quote, a backslash or a control character
      }
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
          if (cp >= 0xD800 && cp <= 0xDFFF) return false;  // not a scalar value
          Utf8(cp, out);
          i += 4;
          break;
        }
        default:
          return false;  // \U, a line-ending backslash, or no escape at all
      }
    } else if (c == '\n' && multiline) {
      out->push_back(c);
    } else {
      return false;  // a raw control character
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

// `YYYY-MM-DDTHH:MM:SS+HH:MM` (25 characters, the only form svc writes),
// read as ParseTime reads it, without its generality.
bool FixedTime(std::string_view v, Time* out) {
  auto num = [&](size_t at, size_t n, int* x) {
    *x = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (v[i] < '0' || v[i] > '9') return false;
      *x = *x * 10 + (v[i] - '0');
    }
    return true;
  };
  Date d;
  int h = 0, m = 0, sec = 0, oh = 0, om = 0;
  if (v.size() != 25 || v[4] != '-' || v[7] != '-' || v[10] != 'T' || v[13] != ':' ||
      v[16] != ':' || (v[19] != '+' && v[19] != '-') || v[22] != ':') {
    return false;
  }
  if (!num(0, 4, &d.year) || !num(5, 2, &d.month) || !num(8, 2, &d.day) || !num(11, 2, &h) ||
      !num(14, 2, &m) || !num(17, 2, &sec) || !num(20, 2, &oh) || !num(23, 2, &om)) {
    return false;
  }
  if (!IsValidDate(d) || h > 23 || m > 59 || sec > 59 || oh > 14 || om > 59) return false;
  int offset = (v[19] == '-' ? -1 : 1) * (oh * 60 + om);
  int64_t local = DaysFromDate(d) * 86400 + h * 3600 + m * 60 + sec;
  *out = Time{local - offset * 60, offset};
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
    return FixedTime(v, &out->time);
  }
  if (Digits(v) || (v.size() > 1 && v[0] == '-' && Digits(v.substr(1)))) {
    std::string_view digits = v[0] == '-' ? v.substr(1) : v;
    if (digits.size() > 1 && digits[0] == '0') return false;  // TOML forbids leading zeros
    out->kind = Raw::kInt;
    auto r = std::from_chars(v.data(), v.data() + v.size(), out->num);
    return r.ec == std::errc();
  }
  return false;
}

// `{ code = "..", name = "..", qty = 2, unit = "..", supply = ".." }`, its
// keys in any order, each at most once; qty is required (as toml++'s reading
// requires it).
bool InlinePart(std::string_view v, Part* p) {
  if (v.size() < 4 || !v.starts_with("{ ") || !v.ends_with(" }")) return false;
  v = v.substr(2, v.size() - 4);
  unsigned seen = 0;
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
    if (!v.empty()) {
      // Another key follows: TOML allows no trailing comma in an inline table.
      if (!v.starts_with(", ") || v.size() == 2) return false;
      v.remove_prefix(2);
    }
    unsigned bit = 0;
    if (key == "qty" && r.kind == Raw::kInt) {
      if (r.num < 1 || r.num > kMaxQuantity) return false;  // as toml++'s reader checks
      p->qty = r.num;
      bit = 1;
    } else if (r.kind != Raw::kString) {
      return false;
    } else if (key == "code") {
      p->code = r.str;
      bit = 2;
    } else if (key == "name") {
      p->name = r.str;
      bit = 4;
    } else if (key == "supply") {
      p->supply = r.str;
      bit = 8;
    } else if (key == "unit") {
      Money m;
      if (!ParseMoney(r.str, &m).ok()) return false;
      p->unit = m;
      bit = 16;
    } else {
      return false;
    }
    if (seen & bit) return false;  // a repeated key
    seen |= bit;
  }
  return (seen & 1) != 0;
}

// The value after `key = ` on `line` (and following lines for multi-line forms).
bool ParseValue(std::string_view v, Lexer& lx, Raw* out) {
  if (v.empty()) return false;  // `key = ` and nothing: no value (the last line of a file too)
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
      if (v.empty()) break;
      if (!v.starts_with(", ")) return false;  // items are separated by ", "
      v.remove_prefix(2);                      // (a trailing comma is TOML too)
    }
    return true;
  }
  return Scalar(v, out);
}

bool ToValue(Raw* raw, FieldType type, svc::Value* out) {
  Raw& r = *raw;
  switch (type) {
    case FieldType::kString:
      if (r.kind != Raw::kString) return false;
      *out = std::move(r.str);
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
      *out = std::move(r.strings);
      return true;
    case FieldType::kParts:
      if (r.kind != Raw::kParts) return false;
      *out = std::move(r.parts);
      return true;
  }
  return false;
}

// Sets one key of the form; *slot numbers it (0..31) so that a repeated key
// is caught.
bool SetForm(Ticket* t, std::string_view section, std::string_view key, Raw& r, int* slot) {
  auto str = [&](std::string* field, int n) {
    *slot = n;
    if (r.kind != Raw::kString) return false;
    *field = std::move(r.str);
    return true;
  };
  if (section.empty()) {
    if (key == "id") return str(&t->id, 0);
    if (key == "via") return str(&t->via, 1);
    if (key == "received" && r.kind == Raw::kTime) {
      *slot = 2;
      t->received = r.time;
      return true;
    }
    if (key == "annual_plan") return str(&t->annual_plan, 21);
    return false;
  }
  if (section == "customer") {
    Customer& c = t->customer;
    if (key == "code") return str(&c.code, 19);
    if (key == "name") return str(&c.name, 3);
    if (key == "contact") return str(&c.contact, 4);
    if (key == "title") return str(&c.title, 5);
    if (key == "phone") return str(&c.phone, 6);
    if (key == "address") return str(&c.address, 7);
    return false;
  }
  if (section == "equipment") {
    Equipment& q = t->equipment;
    if (key == "quantity" && r.kind == Raw::kInt) {
      if (r.num < 1 || r.num > kMaxQuantity) return false;  // as toml++'s reader checks
      *slot = 8;
      q.quantity = r.num;
      return true;
    }
    if (key == "commissioned" && r.kind == Raw::kDate) {
      *slot = 9;
      q.commissioned = r.date;
      return true;
    }
    if (key == "purchased" && r.kind == Raw::kDate) {
      *slot = 10;
      q.purchased = r.date;
      return true;
    }
    if (key == "product") return str(&q.product, 11);
    if (key == "model") return str(&q.model, 12);
    if (key == "size") return str(&q.size, 13);
    if (key == "serial") return str(&q.serial, 14);
    if (key == "project_no") return str(&q.project_no, 15);
    if (key == "equipment_no") return str(&q.equipment_no, 16);
    if (key == "invoice_no") return str(&q.invoice_no, 17);
    if (key == "warranty_until" && r.kind == Raw::kDate) {
      *slot = 20;
      q.warranty_until = r.date;
      return true;
    }
    return false;
  }
  if (section == "fault" && key == "description") return str(&t->description, 18);
  return false;
}

// A comment line: TOML allows no control character in it but the tab, and
// only well-formed UTF-8.
bool CommentOk(std::string_view line) {
  if (!IsValidUtf8(line)) return false;
  for (char ch : line) {
    auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t') || c == 0x7F) return false;
  }
  return true;
}

// One of an event's own fields, read after its `action`: set in the schema's
// order (as toml++'s reading gives them). svc writes them in that order, so
// anything else — a field before the action, out of order, repeated or not
// in the schema — is declined (toml++ reads it or says what is wrong).
// *next is the schema position the next field may take.
bool AddEventField(Event* e, const ActionSpec* spec, size_t* next, std::string_view key, Raw& raw) {
  size_t n = *next;
  while (n < spec->fields.size() && spec->fields[n].key != key) ++n;
  if (n == spec->fields.size()) return false;
  *next = n + 1;
  svc::Value v;
  if (!ToValue(&raw, spec->fields[n].type, &v)) return false;
  if (spec->fields[n].type == FieldType::kString && std::get<std::string>(v).empty()) {
    return true;  // toml++'s reading drops it
  }
  e->fields.emplace_back(std::string(spec->fields[n].key), std::move(v));
  return true;
}

}  // namespace

bool ReadFastTicket(std::string_view text, Ticket* out) {
  // (No UTF-8 check of the whole text: strings and comments are checked as
  // they are read, and a byte past ASCII anywhere else is declined.)
  Lexer lx(text);
  Ticket t;
  std::string_view section;
  Event* event = nullptr;
  const ActionSpec* spec = nullptr;  // the current event's action, once read
  size_t next_field = 0;             // where in its schema the next field may be
  t.events.reserve(16);
  uint32_t form_seen = 0;    // the form's keys read, by SetForm's slot
  unsigned tables_seen = 0;  // [customer], [equipment], [fault]
  unsigned event_seen = 0;   // at, recorded, actor, action of the current event
  auto finish_event = [&] {
    if (!event) return true;
    // 'at', 'actor' and 'action' are required (a missing one is toml++'s error).
    return (event_seen & 13) == 13;
  };
  while (!lx.AtEnd()) {
    std::string_view line = lx.Line();
    if (line.empty()) continue;
    if (line.front() == '#') {
      if (!CommentOk(line)) return false;
      continue;
    }
    if (line.front() == '[') {
      if (!finish_event()) return false;
      if (line == "[[event]]") {
        section = "event";
        t.events.emplace_back();
        event = &t.events.back();
        event_seen = 0;
        spec = nullptr;
        next_field = 0;
        continue;
      }
      unsigned bit = line == "[customer]"    ? 1
                     : line == "[equipment]" ? 2
                     : line == "[fault]"     ? 4
                                             : 0;
      if (!bit || event || (tables_seen & bit)) return false;  // a table defined twice is an error
      tables_seen |= bit;
      section = line.substr(1, line.size() - 2);
      continue;
    }
    size_t eq = line.find(" = ");
    if (eq == std::string_view::npos) return false;
    std::string_view key = line.substr(0, eq);
    Raw r;
    if (!ParseValue(line.substr(eq + 3), lx, &r)) return false;
    if (!event) {
      int slot = -1;
      if (!SetForm(&t, section, key, r, &slot)) return false;
      if (form_seen & (1u << slot)) return false;  // a repeated key
      form_seen |= 1u << slot;
      continue;
    }
    unsigned bit = 0;
    if (key == "at" && r.kind == Raw::kTime) {
      event->at = r.time;
      bit = 1;
    } else if (key == "recorded" && r.kind == Raw::kTime) {
      event->recorded = r.time;
      bit = 2;
    } else if (key == "actor" && r.kind == Raw::kString) {
      event->actor = std::move(r.str);
      bit = 4;
    } else if (key == "action" && r.kind == Raw::kString) {
      event->action = std::move(r.str);
      spec = FindAction(event->action);
      if (!spec) return false;  // no such action: toml++'s reading says so
      event->fields.reserve(spec->fields.size());
      bit = 8;
    } else {
      // The event's own fields follow its action.
      if (!spec || !AddEventField(event, spec, &next_field, key, r)) return false;
      continue;
    }
    if (event_seen & bit) return false;  // a repeated key
    event_seen |= bit;
  }
  if (!finish_event()) return false;
  // What toml++'s reader requires: id, via and received.
  if ((form_seen & 7) != 7) return false;
  for (const Event& e : t.events) {
    if (e.actor.empty() || e.action.empty()) return false;
  }
  for (size_t i = 1; i < t.events.size(); ++i) {
    if (t.events[i].at.secs < t.events[i - 1].at.secs) return false;  // toml++'s reader refuses it
  }
  *out = std::move(t);
  return true;
}

Status ReadTicket(std::string_view text, std::string_view name, Ticket* out) {
  return ReadFastTicket(text, out) ? Status::OK() : ParseTicket(text, name, out);
}

}  // namespace svc
