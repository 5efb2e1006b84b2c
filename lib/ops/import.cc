#include "ops/import.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "base/i18n.h"
#include "base/text.h"
#include "model/limits.h"
#include "model/values.h"
#include "ops/customers.h"

namespace svc {
namespace {

// The characters of UTF-8 `s` (code points).
size_t Chars(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Reads `n` (1 to max_digits) ASCII digits at text[*pos].
bool Number(std::string_view text, size_t* pos, size_t max_digits, int* out) {
  size_t start = *pos;
  int v = 0;
  while (*pos < text.size() && *pos - start < max_digits && text[*pos] >= '0' &&
         text[*pos] <= '9') {
    v = v * 10 + (text[(*pos)++] - '0');
  }
  *out = v;
  return *pos > start && (*pos >= text.size() || text[*pos] < '0' || text[*pos] > '9');
}

bool Literal(std::string_view text, size_t* pos, std::string_view lit) {
  if (text.substr(*pos, lit.size()) != lit) return false;
  *pos += lit.size();
  return true;
}

// "1.38E+10": a long number (a phone, a serial) a spreadsheet wrote in
// scientific notation, its digits lost.
bool IsShortenedNumber(std::string_view v) {
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
    return i > start;
  };
  if (!digits()) return false;
  if (i < v.size() && v[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i + 1 >= v.size() || (v[i] != 'E' && v[i] != 'e') || v[i + 1] != '+') return false;
  i += 2;
  return digits() && i == v.size();
}

// The lines of a cell (Alt+Enter in a spreadsheet) joined by a space.
std::string JoinLines(std::string_view cell) {
  std::string value;
  for (std::string_view part : Split(cell, '\n')) {
    part = TrimCell(part);
    if (part.empty()) continue;
    if (!value.empty()) value += ' ';
    value.append(part);
  }
  return value;
}

// The problems of one row, joined into one message.
class RowProblems {
 public:
  RowProblems(const CsvTable& t, const CsvRow& row) : table_(t), row_(row) {}
  void Add(std::string msg) { messages_.push_back(std::move(msg)); }
  // The heading the file gives `key`.
  std::string Heading(std::string_view key) const {
    int k = table_.Find(key);
    return k < 0 ? std::string(key) : table_.headings[static_cast<size_t>(k)];
  }
  // One value of `key` that takes one line: checked; "" if the file has none.
  std::string Line(std::string_view key, bool required) {
    std::string value(TrimCell(table_.Cell(row_, key)));
    if (value.empty()) {
      if (required) Add(TrF("{} is empty", Heading(key)));
      return value;
    }
    Check(key, value);
    return value;
  }
  // An address: its lines (Alt+Enter in a cell) joined by a space.
  std::string Joined(std::string_view key) {
    std::string value = JoinLines(table_.Cell(row_, key));
    if (!value.empty()) Check(key, value);
    return value;
  }
  // One address for each column that gives one (地址, 通讯地址), each
  // joined as Joined joins its lines.
  std::vector<std::string> Addresses(std::string_view key) {
    std::vector<std::string> out;
    for (std::string_view cell : table_.Cells(row_, key)) {
      std::string a = JoinLines(cell);
      if (!a.empty() && std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
    }
    for (const std::string& a : out) {
      if (!Check(key, a)) break;
    }
    return out;
  }
  std::vector<std::string> List(std::string_view key) {
    std::vector<std::string> values;
    for (std::string_view cell : table_.Cells(row_, key)) {
      for (std::string& v : SplitSheetList(cell)) {
        if (std::find(values.begin(), values.end(), v) == values.end()) values.push_back(v);
      }
    }
    for (const std::string& v : values) {
      if (!Check(key, v)) break;  // one problem per column is enough
    }
    return values;
  }
  std::optional<Date> DateOf(std::string_view key) {
    std::string_view text = TrimCell(table_.Cell(row_, key));
    if (text.empty()) return std::nullopt;
    Date d;
    Status s = ParseSheetDate(text, &d);
    if (!s.ok()) {
      Add(fmt::format("{}: {}", Heading(key), s.message()));
      return std::nullopt;
    }
    return d;
  }
  bool YesNo(std::string_view key) {
    bool yes = false;
    Status s = ParseYesNo(TrimCell(table_.Cell(row_, key)), &yes);
    if (!s.ok()) Add(fmt::format("{}: {}", Heading(key), s.message()));
    return yes;
  }
  bool empty() const { return messages_.empty(); }
  std::string Text() const { return fmt::format("{}", fmt::join(messages_, "; ")); }

 private:
  bool Check(std::string_view key, const std::string& value) {
    Status s = CheckText(value, Heading(key), false);
    if (!s.ok()) {
      Add(s.message());
      return false;
    }
    if ((key == "phone" || key == "serial" || key == "project_no") && IsShortenedNumber(value)) {
      Add(
          TrF("{} '{}' is a number the spreadsheet shortened: format the column as text "
              "and save again",
              Heading(key), value));
      return false;
    }
    if (Chars(value) > kMaxImportValueChars) {
      Add(TrF("{} is longer than {} characters ({})", Heading(key), kMaxImportValueChars,
              Chars(value)));
      return false;
    }
    return true;
  }
  const CsvTable& table_;
  const CsvRow& row_;
  std::vector<std::string> messages_;
};

// The row's problems that are not about one value.
void CheckShape(const CsvTable& t, const CsvRow& row, RowProblems* p) {
  if (row.beyond > 0) {
    p->Add(row.beyond == 1
               ? TrF("{} cell stands beyond the last column the heading row (line {}) names: a "
                     "comma in a cell that is not quoted?",
                     row.beyond, t.heading_line)
               : TrF("{} cells stand beyond the last column the heading row (line {}) names: a "
                     "comma in a cell that is not quoted?",
                     row.beyond, t.heading_line));
  }
}

// A second row for `value` of `key` (a name, a serial): a problem naming the first.
void CheckOnce(std::map<std::string, int>* seen, std::string_view key, const std::string& value,
               int line, RowProblems* p) {
  if (value.empty()) return;
  auto [it, added] = seen->emplace(value, line);
  if (!added) {
    p->Add(TrF("{} '{}' is on line {} too", p->Heading(key), value, it->second));
  }
}

void CheckCustomers(std::string_view file, ImportSheet* sheet) {
  std::map<std::string, int> names;
  for (const CsvRow& row : sheet->table.rows) {
    RowProblems p(sheet->table, row);
    CheckShape(sheet->table, row, &p);
    CustomerRow c;
    c.line = row.line;
    c.name = p.Line("name", true);
    c.aliases = p.List("alias");
    c.contacts = p.List("contact");
    c.phones = p.List("phone");
    c.addresses = p.Addresses("address");
    c.key = p.YesNo("key");
    CheckOnce(&names, "name", c.name, row.line, &p);
    if (p.empty()) {
      sheet->customers.push_back(std::move(c));
    } else {
      sheet->problems.push_back({Location{std::string(file), row.line, 0}, p.Text()});
    }
  }
}

void CheckEquipment(std::string_view file, ImportSheet* sheet) {
  std::map<std::string, int> serials;
  for (const CsvRow& row : sheet->table.rows) {
    RowProblems p(sheet->table, row);
    CheckShape(sheet->table, row, &p);
    EquipmentRow e;
    e.line = row.line;
    e.customer = p.Line("customer", true);
    e.serial = p.Line("serial", true);
    e.product = p.Line("product", true);
    e.model = p.Line("model", false);
    e.commissioned = p.DateOf("commissioned");
    e.warranty_until = p.DateOf("warranty_until");
    e.project_no = p.Line("project_no", false);
    e.location = p.Joined("location");
    if (e.commissioned && e.warranty_until && *e.warranty_until < *e.commissioned) {
      p.Add(TrF("{} {} is before {} {}", p.Heading("warranty_until"), FormatDate(*e.warranty_until),
                p.Heading("commissioned"), FormatDate(*e.commissioned)));
    }
    CheckOnce(&serials, "serial", e.serial, row.line, &p);
    if (p.empty()) {
      sheet->equipment.push_back(std::move(e));
    } else {
      sheet->problems.push_back({Location{std::string(file), row.line, 0}, p.Text()});
    }
  }
}

std::string KnownHeadings(const std::vector<CsvColumn>& columns) {
  std::vector<std::string> names;
  for (const CsvColumn& c : columns) {
    std::string n(c.key);
    for (std::string_view h : c.headings) {
      if (h.find_first_of("abcdefghijklmnopqrstuvwxyz") == std::string_view::npos) {
        n.append("/").append(h);
      }
    }
    names.push_back(std::move(n));
  }
  return fmt::format("{}", fmt::join(names, ", "));
}

// A sheet of the other kind given as this one (an equipment list imported as
// customers would make a customer of each unit's customer column): refused
// when a heading it left out is the other kind's and not this kind's.
Status CheckNotOtherKind(std::string_view file, ImportKind kind, const CsvTable& table) {
  ImportKind other =
      kind == ImportKind::kCustomers ? ImportKind::kEquipment : ImportKind::kCustomers;
  std::string_view mark = kind == ImportKind::kCustomers ? "serial" : "key";
  for (const std::string& heading : table.ignored) {
    std::string norm = NormalizeHeading(heading);
    for (const CsvColumn& c : ImportColumns(other)) {
      if (c.key != mark) continue;
      bool named = NormalizeHeading(c.key) == norm;
      for (std::string_view h : c.headings) named = named || NormalizeHeading(h) == norm;
      if (named) {
        return Status::Corruption(
            Location{std::string(file), table.heading_line, 0},
            other == ImportKind::kEquipment
                ? TrF("the column '{}' is equipment's: is this a sheet of equipment?", heading)
                : TrF("the column '{}' is a customer's: is this a sheet of customers?", heading));
      }
    }
  }
  return Status::OK();
}

}  // namespace

Status ParseImportKind(std::string_view text, ImportKind* out) {
  if (text == "customers") {
    *out = ImportKind::kCustomers;
  } else if (text == "equipment") {
    *out = ImportKind::kEquipment;
  } else {
    // Not a field: the command line takes it as an argument, not an option.
    return Status::InvalidArgument(
        TrF("'{}' is not a kind to import: customers or equipment", text));
  }
  return Status::OK();
}

const std::vector<CsvColumn>& ImportColumns(ImportKind kind) {
  static const std::vector<CsvColumn> kCustomers = {
      {"name", {"名称", "客户名称", "客户", "单位名称"}, true, false},
      {"alias", {"aliases", "别名", "简称", "客户简称"}, false, true},
      {"contact", {"contacts", "联系人"}, false, true},
      {"phone", {"phones", "电话", "联系电话", "手机", "手机号", "联系方式"}, false, true},
      {"address", {"addresses", "地址", "客户地址", "通讯地址"}, false, true},
      {"key", {"重点客户", "重点"}, false, false},
  };
  static const std::vector<CsvColumn> kEquipment = {
      {"customer", {"客户", "客户名称", "客户编号"}, true, false},
      {"serial", {"序列号", "出厂编号"}, true, false},
      {"product", {"产品", "产品名称"}, true, false},
      {"model", {"型号", "规格型号"}, false, false},
      {"commissioned", {"投运日期", "投运时间"}, false, false},
      {"warranty_until", {"质保期至", "保修截止", "质保截止"}, false, false},
      {"project_no", {"项目号", "工程编号"}, false, false},
      {"location", {"安装地点", "位置"}, false, false},
  };
  return kind == ImportKind::kCustomers ? kCustomers : kEquipment;
}

std::string ImportProblem::Text() const {
  return where.Text() + ": " + message;
}

Status ReadImportSheet(std::string_view bytes, std::string_view file, CsvEncoding encoding,
                       ImportKind kind, ImportSheet* sheet) {
  *sheet = ImportSheet();
  sheet->kind = kind;
  std::string text;
  SVC_RETURN_IF_ERROR(DecodeCsv(bytes, file, encoding, &text));
  std::vector<CsvRow> rows;
  SVC_RETURN_IF_ERROR(SplitCsvRows(text, file, &rows));
  const std::vector<CsvColumn>& columns = ImportColumns(kind);
  Status s = MapCsvHeadings(std::move(rows), file, columns, &sheet->table);
  if (!s.ok()) {
    if (!s.location()) return s;
    return Status::Corruption(*s.location(),
                              TrF("{} (the columns: {})", s.Unlocated(), KnownHeadings(columns)));
  }
  SVC_RETURN_IF_ERROR(CheckNotOtherKind(file, kind, sheet->table));
  if (!sheet->table.ignored.empty()) {
    sheet->notes.push_back(TrF("{}: columns left out: {} (the columns read: {})",
                               Location{std::string(file), sheet->table.heading_line, 0}.Text(),
                               fmt::join(sheet->table.ignored, ", "), KnownHeadings(columns)));
  }
  CheckImportRows(file, sheet);
  return Status::OK();
}

void CheckImportRows(std::string_view file, ImportSheet* sheet) {
  sheet->problems.clear();
  sheet->customers.clear();
  sheet->equipment.clear();
  if (sheet->kind == ImportKind::kCustomers) {
    CheckCustomers(file, sheet);
  } else {
    CheckEquipment(file, sheet);
  }
}

namespace {

// Adds `message` to the problems of the row at `line` (a new problem, or
// joined to the row's one), keeping them in line order.
void AddProblem(std::string_view file, int line, const std::string& message, ImportSheet* sheet) {
  auto it = std::lower_bound(sheet->problems.begin(), sheet->problems.end(), line,
                             [](const ImportProblem& p, int l) { return p.where.line < l; });
  if (it != sheet->problems.end() && it->where.line == line) {
    it->message.append("; ").append(message);
  } else {
    sheet->problems.insert(it, {Location{std::string(file), line, 0}, message});
  }
}

std::string HeadingOf(const CsvTable& t, std::string_view key) {
  int k = t.Find(key);
  return k < 0 ? std::string(key) : t.headings[static_cast<size_t>(k)];
}

}  // namespace

void CheckAgainstRecords(std::string_view file, const ImportLookups& records, ImportSheet* sheet) {
  const CsvTable& t = sheet->table;
  std::vector<int> bad;               // lines of the rows found bad here
  for (const CsvRow& row : t.rows) {  // every row, good or not: every problem at once
    std::vector<std::string> found;
    if (sheet->kind == ImportKind::kCustomers) {
      std::string name(TrimCell(t.Cell(row, "name")));
      std::string code = records.customer_code && !name.empty() ? records.customer_code(name) : "";
      if (!code.empty()) {
        found.push_back(TrF("{} '{}' is on file already, as {}", HeadingOf(t, "name"), name, code));
      }
    } else {
      std::string customer(TrimCell(t.Cell(row, "customer")));
      std::string serial(TrimCell(t.Cell(row, "serial")));
      if (records.customer_code && !customer.empty() && records.customer_code(customer).empty()) {
        found.push_back(
            TrF("{} '{}' is no customer on file (give a code such as K0001, a name or an alias)",
                HeadingOf(t, "customer"), customer));
      }
      std::string owner =
          records.serial_owner && !serial.empty() ? records.serial_owner(serial) : "";
      if (!owner.empty()) {
        found.push_back(
            TrF("{} '{}' is registered already, to {}", HeadingOf(t, "serial"), serial, owner));
      }
    }
    for (const std::string& m : found) AddProblem(file, row.line, m, sheet);
    if (!found.empty()) bad.push_back(row.line);
  }
  auto is_bad = [&](int line) { return std::find(bad.begin(), bad.end(), line) != bad.end(); };
  std::erase_if(sheet->customers, [&](const CustomerRow& c) { return is_bad(c.line); });
  std::erase_if(sheet->equipment, [&](const EquipmentRow& e) { return is_bad(e.line); });
}

Status ParseSheetDate(std::string_view text, Date* out) {
  text = TrimCell(text);
  size_t pos = 0;
  Date d;
  bool ok = Number(text, &pos, 4, &d.year) && pos == 4;
  if (ok && Literal(text, &pos, "年")) {
    ok = Number(text, &pos, 2, &d.month) && Literal(text, &pos, "月") &&
         Number(text, &pos, 2, &d.day) && (Literal(text, &pos, "日") || Literal(text, &pos, "号"));
  } else if (ok && pos < text.size() &&
             (text[pos] == '-' || text[pos] == '/' || text[pos] == '.')) {
    char sep = text[pos++];
    ok = Number(text, &pos, 2, &d.month) && pos < text.size() && text[pos++] == sep &&
         Number(text, &pos, 2, &d.day);
  } else {
    ok = false;
  }
  ok = ok && pos == text.size() && IsValidDate(d);
  if (!ok) {
    bool day_number = !text.empty() && text.size() <= 5 &&
                      text.find_first_not_of("0123456789") == std::string_view::npos;
    return Status::InvalidArgument(TrF(
        "'{}' is not a date: write YYYY-MM-DD (2026/1/5 and 2026年1月5日 do too){}", text,
        day_number ? _("; a spreadsheet's day number? format the column as a date before saving")
                   : ""));
  }
  if (d.year < kMinEquipmentYear || d.year > kMaxYear) {
    return Status::InvalidArgument(
        TrF("'{}' is not a year from {} to {}", text, kMinEquipmentYear, kMaxYear));
  }
  *out = d;
  return Status::OK();
}

Status ParseYesNo(std::string_view text, bool* out) {
  static constexpr std::string_view kYes[] = {"yes", "true", "y", "1", "是"};
  static constexpr std::string_view kNo[] = {"no", "false", "n", "0", "否", ""};
  std::string lower = Lower(TrimCell(text));
  if (std::find(std::begin(kYes), std::end(kYes), lower) != std::end(kYes)) {
    *out = true;
  } else if (std::find(std::begin(kNo), std::end(kNo), lower) != std::end(kNo)) {
    *out = false;
  } else {
    return Status::InvalidArgument(
        TrF("'{}' is not yes or no (yes/no, 是/否, Y/N, 1/0, true/false; empty is no)", text));
  }
  return Status::OK();
}

std::vector<std::string> SplitSheetList(std::string_view text) {
  static constexpr std::string_view kSeparators[] = {"、", ";", "；", ",", "，", "/", "\n"};
  std::vector<std::string> out;
  size_t start = 0, i = 0;
  auto take = [&](size_t end) {
    std::string v(TrimCell(text.substr(start, end - start)));
    if (!v.empty() && std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  };
  while (i < text.size()) {
    size_t len = 0;
    for (std::string_view sep : kSeparators) {
      if (text.substr(i, sep.size()) == sep) len = sep.size();
    }
    if (len == 0) {
      ++i;
      continue;
    }
    take(i);
    i += len;
    start = i;
  }
  take(text.size());
  return out;
}

Status ImportRows(const Store& store, std::string_view file, const Time& at, const Time& now,
                  const std::string& actor, bool dry_run, ImportSheet* sheet, ImportResult* out) {
  *out = ImportResult{};
  std::unique_ptr<FileLock> lock;
  SVC_RETURN_IF_ERROR(store.Lock(&lock));
  std::unique_ptr<CustomerBook> book;
  SVC_RETURN_IF_ERROR(CustomerBook::Load(store, std::nullopt, &book));
  ImportLookups lookups;
  lookups.customer_code = [&](std::string_view text) -> std::string {
    if (const CustomerState* c = book->FindByCode(text)) return c->code;
    std::vector<const CustomerState*> found = book->Match(text);
    return found.size() == 1 ? found.front()->code : "";
  };
  lookups.serial_owner = [&](std::string_view serial) -> std::string {
    const CustomerState* owner = nullptr;
    return book->FindUnit(serial, &owner) ? owner->code : "";
  };
  CheckAgainstRecords(file, lookups, sheet);
  if (!sheet->problems.empty()) return Status::OK();
  if (sheet->kind == ImportKind::kCustomers) {
    out->rows = sheet->customers.size();
    if (dry_run) return Status::OK();
    std::vector<CustomerForm> forms;
    for (const CustomerRow& row : sheet->customers) {
      forms.push_back(
          CustomerForm{row.name, row.aliases, row.contacts, row.phones, row.addresses, row.key});
    }
    return AddCustomersLocked(store, forms, at, now, actor, &out->codes);
  }
  std::vector<std::pair<std::string, UnitForm>> units;
  std::set<std::string> codes;
  for (const EquipmentRow& row : sheet->equipment) {
    UnitForm u;
    u.serial = row.serial;
    auto given = [](const std::string& s) {
      return s.empty() ? std::nullopt : std::optional<std::string>(s);
    };
    u.product = row.product;
    u.model = given(row.model);
    u.project_no = given(row.project_no);
    u.location = given(row.location);
    u.commissioned = row.commissioned;
    u.warranty_until = row.warranty_until;
    std::string code = lookups.customer_code(row.customer);
    codes.insert(code);
    units.emplace_back(std::move(code), std::move(u));
  }
  out->rows = units.size();
  out->customers = codes.size();
  if (dry_run) return Status::OK();
  return AddUnitsLocked(store, units, at, now, actor);
}

}  // namespace svc
