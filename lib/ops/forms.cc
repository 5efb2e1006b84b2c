#include "ops/forms.h"

#include "model/vocabulary.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <algorithm>
#include <kainjow/mustache.hpp>

#include <memory>
#include <optional>
#include <tuple>

#include "base/i18n.h"
#include "base/text.h"
#include "model/values.h"
#include "ops/customers.h"
#include "ops/finance.h"
#include "ops/ticket_view.h"
#include "rules/fees.h"

namespace svc {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::list;
using kainjow::mustache::mustache;

// The view's values as the forms print them: "" for null, numbers in digits.
std::string Text(const JsonValue& v) {
  if (v.type() == JsonValue::Type::kInt) return std::to_string(v.AsInt());
  return v.AsString();
}

// A time of the view (an ISO 8601 string, or a step's "at") in the
// company's offset, for people; "" for null.
std::string Short(const JsonValue& v, int offset) {
  const JsonValue& at = v.is_object() ? v["at"] : v;
  Time t;
  if (at.is_null() || !ParseTime(at.AsString(), offset, &t).ok()) return "";
  return FormatTimeShort(InOffset(t, offset));
}

data Flag(bool b) {
  return b ? data::type::bool_true : data::type::bool_false;
}

// The paper forms' boxes (html): a box holds so much text and a table so
// many rows; what does not fit is cut there, marked, and printed whole on a
// continuation sheet (附页) after the form, so that every page of the form
// keeps the layout of its paper original (each copy of the repair record on
// one sheet) whatever the length of a text.
class PaperBoxes {
 public:
  // A full-width line of a box, in display columns (CJK characters count 2).
  explicit PaperBoxes(const std::string& paper)
      : line_(paper == "A5" ? 58 : 84),
        lines_(paper == "A5" ? 3 : 6),
        rows_(paper == "A5" ? 3 : 6) {}

  // `v` with each text cut to its box: a multi-line text (IsMultilineField)
  // to `lines_` full lines (two in a list's row), a name or address to one
  // line, another value to half a line; lists to `rows_` rows.
  JsonValue Fit(const JsonValue& v, std::string_view key = {}, bool row = false) {
    switch (v.type()) {
      case JsonValue::Type::kString:
        if (IsMultilineField(key) || key == "data") {  // data: re-collected data booked in
          return Cut(key, v.AsString(), (row ? 2 : lines_) * line_);
        }
        if (IsLine(key)) {
          return Cut(key, v.AsString(),
                     !row && (key == "name" || key == "address") ? line_ : line_ / 2);
        }
        return v;  // a time, a number, a word of the vocabulary: short, and read back
      case JsonValue::Type::kArray: {
        JsonValue out = JsonValue::Array();
        const std::vector<JsonValue>& items = v.items();
        for (size_t i = 0; i < items.size(); ++i) {
          if (i + 1 == rows_ && items.size() > rows_) {
            std::string rest;
            for (size_t k = i; k < items.size(); ++k) rest += Line(items[k]) + "\n";
            more_.push_back({Label(key), rest});
            std::string text =
                fmt::format("…（另 {} 项 more: 附页 {}）", items.size() - i, Mark(more_.size()));
            JsonValue mark = JsonValue::Object();
            if (items[i].is_object()) {  // in the column a form prints first
              for (const char* k : {"name", "number", "comment"}) mark.Add(k, text);
            } else {
              mark = JsonValue(text);
            }
            out.Push(std::move(mark));
            break;
          }
          out.Push(Fit(items[i], key, true));
        }
        return out;
      }
      case JsonValue::Type::kObject: {
        JsonValue out = JsonValue::Object();
        for (size_t i = 0; i < v.keys().size(); ++i) {
          out.Add(v.keys()[i], Fit(v.items()[i], v.keys()[i], row));
        }
        return out;
      }
      default:
        return v;
    }
  }

  // Whether anything was cut.
  bool cut() const { return !more_.empty(); }

  // The continuation sheet of the form `rendered` (rendered from the fitted
  // view): each text cut in it, whole, under its label. Texts cut in the
  // view that the form does not print are left out.
  list Sheet(const std::string& rendered) {
    list l;
    for (size_t k = 0; k < more_.size(); ++k) {
      if (rendered.find(Mark(k + 1)) == std::string::npos) continue;
      data d;
      d.set("no", Mark(k + 1));
      d.set("label", more_[k].first);
      d.set("text", more_[k].second);
      l.push_back(d);
    }
    return l;
  }

  // `out` with the marks numbered 1, 2 … in the order the sheet lists them.
  void Number(std::string* out) const {
    int n = 0;
    for (size_t k = 0; k < more_.size(); ++k) {
      const std::string mark = Mark(k + 1);
      if (out->find(mark) == std::string::npos) continue;
      const std::string no = std::to_string(++n);
      for (size_t at = out->find(mark); at != std::string::npos; at = out->find(mark, at)) {
        out->replace(at, mark.size(), no);
        at += no.size();
      }
    }
  }

 private:
  // `text` cut where it leaves `cells` columns of lines `line_` wide.
  std::string Cut(std::string_view key, const std::string& text, int cells) {
    int used = 0, col = 0;
    for (size_t i = 0; i < text.size();) {
      size_t n = Utf8SequenceAt(text, i);
      if (n == 0) n = 1;
      std::string_view ch(text.data() + i, n);
      int w = ch == "\n" ? line_ - col : DisplayWidth(ch);
      if (col + w > line_ && ch != "\n") {  // wraps: the rest of the line is lost
        used += line_ - col;
        col = 0;
      }
      if (used + w > cells - 12) {  // room left for the mark
        more_.push_back({Label(key), text});
        return fmt::format("{}…（续见附页 {}）", text.substr(0, i), Mark(more_.size()));
      }
      used += w;
      col = ch == "\n" ? 0 : col + w;
      i += n;
    }
    return text;
  }

  // A placeholder for the number of the sheet's entry k, numbered by
  // Number once the form is rendered: private-use characters, which no
  // escape changes.
  static std::string Mark(size_t k) { return fmt::format("\uE000{}\uE001", k); }

  // The one-line texts people type (the info form's, names, engineers …).
  static bool IsLine(std::string_view key) {
    static constexpr std::string_view kLines[] = {
        "name",  "contact",   "title",  "phone",      "address",      "product",
        "model", "size",      "serial", "project_no", "equipment_no", "invoice_no",
        "actor", "signed_by", "techs",  "code",
    };
    return std::find(std::begin(kLines), std::end(kLines), key) != std::end(kLines);
  }

  static std::string Line(const JsonValue& v) {
    if (!v.is_object())
      return v.type() == JsonValue::Type::kInt ? std::to_string(v.AsInt()) : v.AsString();
    std::string line;
    for (const JsonValue& field : v.items()) {
      std::string s = Line(field);
      if (s.empty()) continue;
      if (!line.empty()) line += "  ";
      line += s;
    }
    return line;
  }

  static std::string Label(std::string_view key) {
    static constexpr std::pair<std::string_view, std::string_view> kLabels[] = {
        {"description", "故障描述 Fault"},
        {"cause", "原因分析 Cause"},
        {"measures", "初步处理措施 Measures"},
        {"corrective", "纠正预防措施 Corrective action"},
        {"text", "方案 Plan"},
        {"comment", "意见 Comment"},
        {"resolution", "处理情况 Resolution"},
        {"work", "工作内容 Work done"},
        {"reason", "原因 Reason"},
        {"nonconformity", "不合格情况 Nonconformity"},
        {"name", "名称 Name"},
        {"address", "地址 Address"},
        {"parts", "零部件 Parts"},
        {"returned", "拆回件 Returned parts"},
        {"approvals", "评审 Reviews"},
        {"dispatches", "外出服务 Outbound records"},
        {"techs", "人员 Staff"},
        {"data", "补采数据 Data"},
    };
    for (const auto& [k, label] : kLabels) {
      if (k == key) return std::string(label);
    }
    return std::string(key);
  }

  int line_, lines_;
  size_t rows_;
  std::vector<std::pair<std::string, std::string>> more_;
};

// The fields `keys` of the view's object `v`, as text.
data Fields(const JsonValue& v, std::initializer_list<const char*> keys) {
  data d;
  for (const char* key : keys) d.set(key, Text(v[key]));
  return d;
}

// unit × qty of a part of the view, if it has a price.
bool PartAmount(const JsonValue& p, Money* amount) {
  Money unit;
  return !p["unit"].is_null() && ParseMoney(p["unit"].AsString(), &unit).ok() &&
         MulMoney(unit, p["qty"].AsInt(), amount);
}

std::string Zh(std::string_view v, const Vocabulary& words) {
  return std::string(words.Zh(v));
}

// "■满意 □不满意 □非常不满意": the paper form's boxes, the chosen one filled.
data Boxes(std::string_view chosen, const Vocabulary& words) {
  list items;
  std::string line;
  for (const Word* w : words.Printed()) {
    bool on = w->stored == chosen;
    data item;
    item.set("label", std::string(w->zh));
    item.set("mark", on ? "■" : "□");
    item.set("checked", on ? data::type::bool_true : data::type::bool_false);
    items.push_back(item);
    if (!line.empty()) line += " ";
    line += std::string(on ? "■" : "□") + std::string(w->zh);
  }
  data d;
  d.set("options", items);
  d.set("line", line);
  return d;
}

// What every printed form opens with: the company, the paper it is printed
// on ([forms] paper), the record's number under `key` ("id", "year") and
// when it was printed, in the company's time.
data FormHead(const Config& config, const std::string& key, const std::string& number,
              const Time& now) {
  data d;
  d.set("company", config.company);
  d.set("paper", config.paper);
  d.set(key, number);
  d.set("printed", FormatTimeShort(InOffset(now, config.offset_minutes)));
  return d;
}

data PartData(const JsonValue& p) {
  data d = Fields(p, {"code", "name", "qty", "unit", "supply"});
  Money amount;
  d.set("amount", PartAmount(p, &amount) ? FormatMoney(amount) : "");
  d.set("supply_zh", Zh(Text(p["supply"]), PartSupplies()));
  return d;
}

list Parts(const JsonValue& parts, std::string_view supply = {}) {
  list l;
  for (const JsonValue& p : parts.items()) {
    if (supply.empty() || p["supply"].AsString() == supply) l.push_back(PartData(p));
  }
  return l;
}

data RecordData(const JsonValue& r, const Config& config) {
  int off = config.offset_minutes;
  const Department* dept = config.FindDepartment(r["dept"].AsString());
  data d =
      Fields(r, {"number", "dept", "complexity", "work", "hours", "signed_by", "nonconformity"});
  d.set("dept_name", dept ? dept->name : "");
  std::string techs;
  for (const JsonValue& tech : r["techs"].items()) {
    if (!techs.empty()) techs += "、";
    techs += tech.AsString();
  }
  d.set("techs", techs);
  d.set("complexity_zh", Zh(Text(r["complexity"]), Complexity()));
  for (const char* step : {"filed", "planned", "arrived", "finished", "back", "warehoused"}) {
    const std::string at = Short(r[step], off);
    d.set(step, at);
    d.set(std::string(step) + "_md", at.size() > 5 ? at.substr(5) : at);  // "11-16 15:30"
  }
  d.set("parts", Parts(r["parts"]));
  d.set("warranty_parts", Parts(r["parts"], word::kWarranty));
  d.set("customer_parts", Parts(r["parts"], word::kCustomer));
  // 合计 of the customer-bought parts (the repair record's last column).
  Money total;
  bool priced = false;
  for (const JsonValue& p : r["parts"].items()) {
    Money amount;
    if (p["supply"].AsString() == word::kCustomer && PartAmount(p, &amount) &&
        AddMoney(total, amount, &total)) {
      priced = true;
    }
  }
  d.set("customer_parts_total", priced ? FormatMoney(total) : "");
  d.set("returned", Parts(r["returned"]));
  // The application (外出服务申请单, R-4.4.2): who filed the record.
  d.set("applicant", Text(r["filed"]["actor"]));
  d.set("warehoused_by", Text(r["warehoused"]["actor"]));
  // The warehousing receipt (入库单, R-4.5.3): its number, the re-collected
  // data booked in (R-4.5.3.2) and its re-delivery, when show --json has them.
  d.set("receipt", Text(r["receipt"]));
  d.set("has_receipt", Flag(!r["receipt"].is_null()));
  d.set("data", Text(r["data"]));
  d.set("has_data", Flag(!r["data"].is_null() && !r["data"].AsString().empty()));
  d.set("has_returned", Flag(!r["returned"].items().empty()));
  if (const JsonValue& rd = r["redelivered"]; !rd.is_null()) {
    data x;
    x.set("at", Short(rd, off));
    x.set("actor", Text(rd["actor"]));
    x.set("text", Text(r["redelivery"]));
    d.set("redelivered", x);
  }
  return d;
}

// The quote's view, and when and by whom it was made (the form's own fields).
data QuoteData(const JsonValue& q, const QuoteState& st, int off) {
  data d = Fields(
      q, {"schedule",     "people",    "days",     "labor",           "lodging",      "meals",
          "transport",    "materials", "travel",   "subtotal",        "tax",          "cost",
          "management",   "total",     "charged",  "labor_rate",      "lodging_rate", "meal_rate",
          "lodging_days", "meal_days", "tax_rate", "management_rate", "reason"});
  d.set("at", FormatTimeShort(InOffset(st.at, off)));
  d.set("actor", st.actor);
  d.set("parts", Parts(q["parts"]));
  d.set("free", Flag(q["free"].AsBool()));
  d.set("accepted", Short(q["accepted"], off));
  return d;
}

// The form's data: the ticket view (what `svc show --json` prints) with times
// in the company's offset and empty text for null, plus the forms' own
// fields: Chinese words, checkboxes, department and level names, copies.
data FormData(const Store& store, const Ticket& t, const TicketState& st, const FormRequest& req,
              const Time& now, PaperBoxes* boxes, Status* error) {
  const Config& config = store.config();
  int off = config.offset_minutes;
  const JsonValue full = TicketView(t, st, config, now, {.clocks = false, .history = false});
  const JsonValue v = boxes ? boxes->Fit(full) : full;
  data d = FormHead(config, "id", Text(v["id"]), now);
  const std::string& status = v["status"].AsString();
  d.set("status", status);
  d.set("status_zh", Zh(status, TicketStatuses()));
  // The repair record's three copies, printed one after another.
  list copies;
  for (auto [no, zh, en] :
       {std::tuple{"第一联", "存根", "Counterfoil"}, std::tuple{"第二联", "售后服务", "Service"},
        std::tuple{"第三联", "客户", "Customer"}}) {
    data copy;
    copy.set("copy_no", no);
    copy.set("copy_name", zh);
    copy.set("copy_en", en);
    copies.push_back(copy);
  }
  d.set("copies", copies);
  const Department* via = config.FindDepartment(v["via"].AsString());
  d.set("via", Text(v["via"]));
  d.set("via_name", via ? via->name : "");
  d.set("received", Short(v["received"], off));
  d.set("opened", Short(v["opened"], off));
  d.set("recorder", Text(v["opened"]["actor"]));
  d.set("customer", Fields(v["customer"], {"name", "contact", "title", "phone", "address"}));
  d.set("customer_code", Text(v["customer_code"]));
  d.set("equipment", Fields(v["equipment"], {"product", "model", "size", "serial", "quantity",
                                             "project_no", "equipment_no", "commissioned",
                                             "purchased", "invoice_no", "warranty_until"}));
  d.set("description", Text(v["description"]));
  // a: out of warranty is paid service unless decided otherwise.
  const std::string& w = v["warranty"].is_null() ? "" : v["warranty"].AsString();
  d.set("warranty_text", w == "in"    ? "在保 in warranty"
                         : w == "out" ? "过保 out of warranty (有偿服务 paid service)"
                                      : "");
  d.set("level", Text(v["level"]));
  const FaultLevel* level = config.FindLevel(static_cast<int>(v["level"].AsInt()));
  d.set("level_name", level ? level->name : "");
  if (const JsonValue& k = v["classified"]; !k.is_null()) {
    data cl = Fields(v, {"kind", "category", "service", "route"});
    cl.set("kind_zh", Zh(Text(v["kind"]), TicketKinds()));
    cl.set("category_zh", Zh(Text(v["category"]), Categories()));
    cl.set("service_zh", Zh(Text(v["service"]), Services()));
    cl.set("major", Flag(v["major"].AsBool()));
    const Department* route = config.FindDepartment(v["route"].AsString());
    cl.set("route_name", route ? route->name : "");
    cl.set("at", Short(k, off));
    cl.set("actor", Text(k["actor"]));
    d.set("classification", cl);
  }
  if (const JsonValue& a = v["analysis"]; !a.is_null()) {
    data an = Fields(a, {"cause", "measures", "responsibility", "corrective", "actor"});
    an.set("responsibility_zh", Zh(Text(a["responsibility"]), Responsibility()));
    an.set("at", Short(a, off));
    d.set("analysis", an);
  }
  if (const JsonValue& p = v["plan"]; !p.is_null()) {
    data pl = Fields(p, {"text", "actor"});
    pl.set("at", Short(p, off));
    d.set("plan", pl);
  }
  // Reviews of the plan; a major problem needs the general manager.
  list approvals;
  for (const JsonValue& a : v["approvals"].items()) {
    data ap = Fields(a, {"role", "actor", "comment"});
    ap.set("role_zh", Zh(Text(a["role"]), ApprovalRoles()));
    ap.set("at", Short(a, off));
    approvals.push_back(ap);
  }
  bool gm = false;
  for (const JsonValue& a : full["approvals"].items()) gm = gm || a["role"].AsString() == "gm";
  d.set("approved", Flag(!full["approvals"].items().empty()));
  d.set("gm_approved", Flag(gm));
  d.set("approvals", approvals);
  list records;
  for (const JsonValue& r : v["dispatches"].items()) records.push_back(RecordData(r, config));
  d.set("records", records);
  if (const OutboundRecord* r = st.FindRecord(req.record)) {
    const JsonValue& chosen =
        full["dispatches"].items()[static_cast<size_t>(r - st.records.data())];
    d.set("record", RecordData(boxes ? boxes->Fit(chosen) : chosen, config));
  } else if (!req.record.empty()) {
    *error = Status::NotFound(TrF("{} has no outbound record {}", t.id, req.record));
  }
  const JsonValue& close = v["close"];
  if (!close.is_null()) {
    data k = Fields(close, {"result", "resolution", "actor"});
    k.set("at", Short(close, off));
    k.set("result_zh", Zh(Text(close["result"]), CloseResults()));
    k.set("result_boxes", Boxes(Text(close["result"]), CloseResults()));
    k.set("remote", Flag(close["remote"].AsBool()));
    d.set("close", k);
  }
  if (const JsonValue& vf = v["verification"]; !vf.is_null()) {
    data vd = Fields(vf, {"result", "comment", "actor"});
    vd.set("result_zh", Zh(Text(vf["result"]), VerifyResults()));
    vd.set("at", Short(vf, off));
    d.set("verification", vd);
  }
  if (const JsonValue& vo = v["voided"]; !vo.is_null()) {
    data vd = Fields(vo, {"actor"});
    vd.set("at", Short(vo, off));
    vd.set("reason", Text(v["void_reason"]));
    d.set("voided", vd);
  }
  const JsonValue& sv = v["survey"];
  data s = Fields(sv, {"actor", "comment"});
  s.set("done", Flag(!sv.is_null()));
  s.set("at", Short(sv, off));
  s.set("satisfaction", Boxes(Text(sv["satisfaction"]), Satisfaction()));
  s.set("attitude", Boxes(Text(sv["attitude"]), Attitude()));
  s.set("damage", Boxes(Text(sv["damage"]), Damage()));
  s.set("cleanliness", Boxes(Text(sv["cleanliness"]), Cleanliness()));
  d.set("survey", s);
  d.set("result_boxes", Boxes(Text(close["result"]), CloseResults()));
  if (st.quote) {
    // The quote as recomputed from its fee schedule (the view shows the
    // stored amounts instead when the schedule changed).
    Quote quote;
    bool same = false;
    if (RecomputeQuote(*st.quote, config, &quote, &same).ok())
      d.set("quote", QuoteData(QuoteView(quote, st.quote->accepted, off), *st.quote, off));
  }
  d.set("charges", Text(v["quote"]["charged"]));
  return d;
}

// Every value reaches a form through the format's escape (HtmlText,
// MarkdownText, EscapeControls): a template, built in or the records' own,
// may not print one raw with {{{name}}} or {{&name}}, nor change the
// delimiters ({{=<% %>=}}) under which such a tag would hide.
Status CheckEscaped(std::string_view text, const std::string& source) {
  for (size_t at = text.find("{{"); at != std::string_view::npos; at = text.find("{{", at + 2)) {
    size_t k = at + 2;
    if (k < text.size() && text[k] != '{') {
      while (k < text.size() && (text[k] == ' ' || text[k] == '\t')) ++k;
    }
    if (k < text.size() && (text[k] == '{' || text[k] == '&' || text[k] == '=')) {
      int line = 1 + static_cast<int>(std::count(
                         text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
      return Status::Corruption(
          TrF("{}:{}: '{}' would print a value unescaped or change the delimiters; forms print "
              "values only through {{{{name}}}}",
              source, line, text.substr(at, 3)));
    }
  }
  return Status::OK();
}

}  // namespace

const std::vector<std::string_view>& FormNames() {
  static const std::vector<std::string_view> kNames = [] {
    std::vector<std::string_view> names;
    for (const Word& w : Forms().words()) names.push_back(w.stored);
    return names;
  }();
  return kNames;
}

const std::vector<std::string_view>& FormFormats() {
  static const std::vector<std::string_view> kFormats = {"md", "html", "text"};
  return kFormats;
}

namespace {

// The template `name` ("info.md"): the records directory's, else the
// built-in one; checked to print every value escaped. *source names it.
Status LoadTemplate(const Store& store, const std::string& name, std::string* text,
                    std::string* source) {
  *source = store.Abs(TemplatePath(name));
  Status s = store.ReadFile(TemplatePath(name), text);
  if (s.code() == Status::Code::kNotFound) {
    const std::string* builtin = BuiltinTemplate(name);
    if (!builtin) return Status::NotFound(TrF("no template {}.mustache", name));
    *text = *builtin;
    *source = TrF("built-in {}.mustache", name);
  } else {
    SVC_RETURN_IF_ERROR(s);
  }
  return CheckEscaped(*text, *source);
}

// The form `name` ("visit.html") rendered from `d`: its template loaded
// (LoadTemplate), values escaped for `format`.
Status RenderTemplate(const Store& store, const std::string& name, std::string_view format,
                      const data& d, std::string* out) {
  std::string text, source;
  SVC_RETURN_IF_ERROR(LoadTemplate(store, name, &text, &source));
  mustache tmpl{text};
  if (!tmpl.is_valid()) {
    return Status::Corruption(fmt::format("{}: {}", source, tmpl.error_message()));
  }
  tmpl.set_custom_escape(format == "html" ? HtmlText
                         : format == "md" ? MarkdownText
                                          : EscapeControls);
  *out = tmpl.render(d);
  if (!tmpl.is_valid()) {
    return Status::Corruption(fmt::format("{}: {}", source, tmpl.error_message()));
  }
  return Status::OK();
}

}  // namespace

Status RenderPlanForm(const Store& store, const PlanState& plan, const std::string& format,
                      const Time& now, std::string* out) {
  const Config& config = store.config();
  const int off = config.offset_minutes;
  std::unique_ptr<CustomerBook> book;
  SVC_RETURN_IF_ERROR(CustomerBook::Load(store, std::nullopt, &book));
  std::vector<Clock> clocks = PlanClocks(plan, off, now);
  data d = FormHead(config, "year", plan.id, now);
  list items;
  for (const PlanItem& it : plan.items) {
    data i;
    i.set("n", std::to_string(it.n));
    i.set("month", std::to_string(it.month));
    i.set("customer_code", it.customer);
    const CustomerState* c = book->FindByCode(it.customer);
    i.set("customer", c ? c->name : std::string());
    const Unit* u = c && !it.serial.empty() ? c->FindUnit(it.serial) : nullptr;
    i.set("serial", it.serial);
    i.set("product", u ? u->product + (u->model.empty() ? "" : " " + u->model) : std::string());
    i.set("work_zh", std::string(PlanWorks().Zh(it.work)));
    i.set("note", it.note);
    std::string state = it.cancelled  ? "已取消 cancelled"
                        : it.served   ? "已完成 served " + it.ticket
                        : it.approved ? "已批准 approved"
                                      : "待批准 planned";
    std::string ref = PlanItemRef(plan.id, it.n);
    for (const Clock& k : clocks) {
      if (k.record == ref && k.state == ClockState::kOverdue) state += " 逾期 OVERDUE";
    }
    i.set("state", state);
    items.push_back(i);
  }
  d.set("items", items);
  list approvals;
  for (const Event& e : plan.approvals) {
    data a;
    a.set("actor", e.actor);
    a.set("at", FormatTimeShort(InOffset(e.at, off)));
    a.set("comment", e.Str("comment"));
    approvals.push_back(a);
  }
  d.set("approvals", approvals);
  return RenderTemplate(store, "annual-plan." + format, format, d, out);
}

Status RenderForm(const Store& store, const Ticket& t, const TicketState& st,
                  const FormRequest& req, const Time& now, std::string* out) {
  if (req.form == "visit") {
    return Status::InvalidArgument(
        TrF("--form visit prints a visit: give its number (BF-yy-mm-NN), not {}", t.id));
  }
  if (req.form == "nonconformity") {
    return Status::InvalidArgument(TrF(
        "--form nonconformity prints a nonconformity report: give its number (NC-yy-mm-NN), not "
        "{}",
        t.id));
  }
  if (req.form == "quote" && !st.quote) {
    return Status::NotAllowed(TrF("{} has no quote to print (svc quote {} …)", t.id, t.id));
  }
  if (req.form == "annual-plan") {
    return Status::InvalidArgument(
        _("the annual plan's form is printed by year: svc print --form annual-plan --year YYYY"));
  }
  if (req.form == "warehouse") {  // 入库单: of a record booked into store
    const OutboundRecord* r = st.FindRecord(req.record);
    if (!r && req.record.empty()) {
      return Status::NotAllowed(
          TrF("{} has no outbound record, so no warehousing receipt to print", t.id));
    }
    if (r && !r->warehoused) {
      const JsonValue view =
          TicketView(t, st, store.config(), now, {.clocks = false, .history = false});
      const JsonValue& rv = view["dispatches"].items()[static_cast<size_t>(r - st.records.data())];
      if (rv["receipt"].is_null() && rv["data"].is_null()) {
        return Status::NotAllowed(TrF(
            "outbound record {} of {} is not booked into store yet (svc warehouse {} --record {})",
            r->number, t.id, t.id, r->number));
      }
    }
  }
  Status error;
  std::optional<PaperBoxes> boxes;
  if (req.format == "html") boxes.emplace(store.config().paper);
  data d = FormData(store, t, st, req, now, boxes ? &*boxes : nullptr, &error);
  SVC_RETURN_IF_ERROR(error);
  const std::string name = req.form + "." + req.format;
  SVC_RETURN_IF_ERROR(RenderTemplate(store, name, req.format, d, out));
  if (boxes && boxes->cut()) {  // again, with the continuation sheet of what the form cut
    list items = boxes->Sheet(*out);
    if (!items.empty()) {
      data sheet;
      sheet.set("items", items);
      d.set("sheet", sheet);
      SVC_RETURN_IF_ERROR(RenderTemplate(store, name, req.format, d, out));
    }
    boxes->Number(out);
  }
  return Status::OK();
}

Status RenderVisitForm(const Store& store, const VisitState& v, std::string_view format,
                       const Time& now, std::string* out) {
  const Config& config = store.config();
  const int off = config.offset_minutes;
  auto shown = [&](const Time& t) { return FormatTimeShort(InOffset(t, off)); };
  data d = FormHead(config, "id", v.id, now);
  data customer;
  customer.set("code", v.customer_code);
  customer.set("name", v.customer);
  d.set("customer", customer);
  d.set("at", shown(v.at));
  d.set("by", fmt::format("{}", fmt::join(v.by, "、")));
  d.set("serials", fmt::format("{}", fmt::join(v.serials, "、")));
  d.set("findings", v.findings);
  d.set("requests", v.requests);
  Clock clock = VisitReportClock(v, config, now);
  data report;
  report.set("done", Flag(v.report.has_value()));
  report.set("due", shown(clock.deadline));
  report.set("text", v.report ? v.report->text : "");
  report.set("by", v.report ? v.report->by : "");
  report.set("at", v.report ? shown(v.report->first) : "");
  report.set("timeliness", !v.report                              ? ""
                           : clock.state == ClockState::kBreached ? "(逾期 late)"
                                                                  : "(按时 in time)");
  d.set("report", report);
  return RenderTemplate(store, "visit." + std::string(format), format, d, out);
}

Status RenderNonconformityForm(const Store& store, const NonconformityState& n,
                               std::string_view format, const Time& now, std::string* out) {
  const Config& config = store.config();
  const int off = config.offset_minutes;
  auto shown = [&](const Time& t) { return FormatTimeShort(InOffset(t, off)); };
  data d = FormHead(config, "id", n.id, now);
  d.set("filed", shown(n.at));
  d.set("by", n.by);
  d.set("ticket", n.ticket);
  d.set("record", n.record);
  data customer;
  customer.set("code", n.customer_code);
  customer.set("name", n.customer);
  d.set("customer", customer);
  data unit;
  unit.set("product", n.product);
  unit.set("model", n.model);
  unit.set("serial", n.serial);
  d.set("unit", unit);
  list parts;
  std::vector<std::string> line;
  for (size_t i = 0; i < n.parts.size(); ++i) {
    data p;
    p.set("n", std::to_string(i + 1));
    p.set("name", n.parts[i].name);
    p.set("qty", std::to_string(n.parts[i].qty));
    parts.push_back(p);
    line.push_back(fmt::format("{}×{}", n.parts[i].name, n.parts[i].qty));
  }
  d.set("parts", parts);
  d.set("parts_line", fmt::format("{}", fmt::join(line, "; ")));
  d.set("description", n.description);
  data action;
  action.set("done", Flag(n.action.has_value()));
  action.set("text", n.action ? n.action->text : "");
  action.set("by", n.action ? n.action->by : "");
  action.set("at", n.action ? shown(n.action->at) : "");
  d.set("action", action);
  data closed;
  closed.set("done", Flag(n.closed.has_value()));
  closed.set("at", n.closed ? shown(n.closed->at) : "");
  closed.set("by", n.closed ? n.closed->by : "");
  closed.set("comment", n.closed ? n.closed->comment : "");
  d.set("closed", closed);
  d.set("disposition", Boxes(n.closed ? n.closed->disposition : "", Dispositions()));
  d.set("status", n.closed ? "已关闭 closed" : "处理中 open");
  return RenderTemplate(store, "nonconformity." + std::string(format), format, d, out);
}

Status RenderWriteoffForm(const Store& store, const Writeoff& w, std::string_view format,
                          const Time& now, std::string* out) {
  const Config& config = store.config();
  const WriteoffFigures& f = w.figures;
  data d = FormHead(config, "id", w.id, now);
  d.set("month", w.month.str());
  d.set("at", FormatTimeShort(InOffset(w.at, config.offset_minutes)));
  d.set("by", w.by);
  list lines;
  for (size_t i = 0; i < f.lines.size(); ++i) {
    const WriteoffLine& l = f.lines[i];
    data x;
    x.set("n", std::to_string(i + 1));
    x.set("record", l.record);
    x.set("ticket", l.ticket);
    x.set("engineers", fmt::format("{}", fmt::join(l.techs, "、")));
    x.set("quoted", FormatMoney(l.quoted));
    x.set("actual", FormatMoney(l.actual));
    x.set("difference", FormatMoney(l.difference()));
    lines.push_back(x);
  }
  d.set("records", lines);
  list engineers;
  for (const EngineerBalance& e : f.engineers) {
    data x;
    x.set("name", e.name);
    x.set("advances", FormatMoney(e.advances));
    x.set("expenses", FormatMoney(e.expenses));
    x.set("balance", FormatMoney(e.balance()));
    x.set("numbers", fmt::format("{}", fmt::join(e.advance_ids, " ")));
    engineers.push_back(x);
  }
  d.set("engineers", engineers);
  list items;
  for (const Word& word : ExpenseItems().words()) {
    auto it = f.by_item.find(std::string(word.stored));
    data x;
    x.set("item", std::string(word.zh));
    x.set("amount", FormatMoney(it == f.by_item.end() ? Money{} : it->second));
    items.push_back(x);
  }
  d.set("items", items);
  data totals;
  totals.set("quoted", FormatMoney(f.quoted));
  totals.set("actual", FormatMoney(f.actual));
  totals.set("difference", FormatMoney(f.difference()));
  totals.set("advances", FormatMoney(f.advances));
  totals.set("expenses", FormatMoney(f.expenses));
  totals.set("balance", FormatMoney(Money{f.advances.fen - f.expenses.fen}));
  d.set("totals", totals);
  return RenderTemplate(store, "writeoff." + std::string(format), format, d, out);
}

Status RenderCaseLibrary(const Store& store, const std::vector<ProductCases>& library,
                         std::string_view product, std::string_view format, const Time& now,
                         std::string* out) {
  const Config& config = store.config();
  const int off = config.offset_minutes;
  data d = FormHead(config, "filter", std::string(Trim(product)), now);
  list products;
  size_t count = 0;
  for (const ProductCases& p : library) {
    data pd;
    pd.set("product", p.product.empty() ? "未注明产品 (no product named)" : p.product);
    list groups;
    for (const CaseGroup& g : p.groups) {
      data gd;
      gd.set("cause", g.cause.empty() ? "uncategorised" : g.cause);
      gd.set("cause_name", g.cause.empty() ? "原因未分类" : g.cause_name);
      list cases;
      for (const Case& c : g.cases) {
        ++count;
        data cd;
        // Each text with has_KEY: a section of the document only when it holds one.
        auto opt = [&cd](const std::string& key, const std::string& value) {
          cd.set(key, value);
          cd.set("has_" + key, Flag(!value.empty()));
        };
        cd.set("id", c.id);
        opt("customer", c.customer);
        opt("unit", std::string(Trim(c.product + " " + c.model)));
        // In text, each line of a long text indented under its label.
        auto block = [format](const std::string& text) {
          if (format != "text" || text.empty()) return text;
          std::string indented;
          for (std::string_view line : Split(text, '\n')) indented += fmt::format("    {}\n", line);
          indented.pop_back();
          return indented;
        };
        opt("category", c.category.empty()
                            ? ""
                            : fmt::format("{} ({})", Zh(c.category, Categories()), c.category));
        opt("fault", block(c.fault));
        opt("cause", block(c.cause));
        opt("measures", block(c.measures));
        opt("responsibility",
            c.responsibility.empty()
                ? ""
                : fmt::format("{} ({})", Zh(c.responsibility, Responsibility()), c.responsibility));
        opt("corrective", block(c.corrective));
        list nc;
        for (const std::string& a : c.nc_actions) nc.push_back(data("text", block(a)));
        cd.set("nc_actions", nc);
        cd.set("has_nc_actions", Flag(!c.nc_actions.empty()));
        opt("plan", block(c.plan));
        opt("resolution", block(c.resolution));
        cd.set("closed", FormatTimeShort(InOffset(c.closed, off)));
        cases.push_back(cd);
      }
      gd.set("cases", cases);
      groups.push_back(gd);
    }
    pd.set("groups", groups);
    products.push_back(pd);
  }
  d.set("products", products);
  d.set("count", std::to_string(count));
  d.set("empty", Flag(count == 0));
  d.set("filtered", Flag(!Trim(product).empty()));
  return RenderTemplate(store, "cases." + std::string(format), format, d, out);
}

}  // namespace svc
