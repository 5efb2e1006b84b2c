#include "model/form.h"

#include <fmt/format.h>

#include <array>
#include <charconv>

#include "base/i18n.h"
#include "base/text.h"
#include "model/limits.h"
#include "model/values.h"

namespace svc {
namespace {

using enum FormFieldType;

constexpr std::array<FormField, 18> kFields = {{
    {"customer", "[customer] name", "客户名称", kLine},
    {"contact", "[customer] contact", "联系人", kLine},
    {"title", "[customer] title", "职务", kLine},
    {"phone", "[customer] phone", "电话", kLine},
    {"address", "[customer] address", "地址", kLine},
    {"product", "[equipment] product", "产品类型", kLine},
    {"model", "[equipment] model", "型号", kLine},
    {"size", "[equipment] size", "规格", kLine},
    {"serial", "[equipment] serial", "编号", kLine},
    {"quantity", "[equipment] quantity", "数量", kQuantity},
    {"project_no", "[equipment] project_no", "项目号", kLine},
    {"equipment_no", "[equipment] equipment_no", "设备编号", kLine},
    {"commissioned", "[equipment] commissioned", "投运日期", kDate},
    {"purchased", "[equipment] purchased", "购买日期", kDate},
    {"invoice_no", "[equipment] invoice_no", "发票号", kLine},
    {"warranty_until", "[equipment] warranty_until", "保修期至", kDate},
    {"description", "[fault] description", "故障描述", kText},
    {"received", "received", "受理时间", kTime},
}};

// The text field `name` of `t` (a Ticket or a const Ticket), or null for
// the typed ones.
template <typename T>
auto* TextOf(std::string_view name, T* t) {
  auto& c = t->customer;
  auto& q = t->equipment;
  using Text = decltype(&c.name);
  const std::pair<std::string_view, Text> texts[] = {
      {"customer", &c.name},
      {"contact", &c.contact},
      {"title", &c.title},
      {"phone", &c.phone},
      {"address", &c.address},
      {"product", &q.product},
      {"model", &q.model},
      {"size", &q.size},
      {"serial", &q.serial},
      {"project_no", &q.project_no},
      {"equipment_no", &q.equipment_no},
      {"invoice_no", &q.invoice_no},
      {"description", &t->description},
  };
  for (auto [n, text] : texts) {
    if (n == name) return text;
  }
  return Text(nullptr);
}

template <typename T>
auto* DateOf(std::string_view name, T* t) {
  if (name == "commissioned") return &t->equipment.commissioned;
  if (name == "purchased") return &t->equipment.purchased;
  if (name == "warranty_until") return &t->equipment.warranty_until;
  return decltype(&t->equipment.purchased)(nullptr);
}

}  // namespace

std::span<const FormField> FormFields() {
  return kFields;
}

const FormField* FindFormField(std::string_view name) {
  std::string plain(name);
  for (char& ch : plain) {
    if (ch == '-') ch = '_';
  }
  if (plain == "received_at") plain = "received";
  for (const FormField& f : kFields) {
    if (f.name == plain) return &f;
  }
  return nullptr;
}

std::string FormFieldNames() {
  std::string out;
  for (const FormField& f : kFields) {
    if (!out.empty()) out += ", ";
    out += f.name;
  }
  return out;
}

std::string FormFieldText(const FormField& f, const Ticket& t) {
  if (const std::string* s = TextOf(f.name, &t)) return *s;
  if (const std::optional<Date>* d = DateOf(f.name, &t)) return *d ? FormatDate(**d) : "";
  if (f.name == "quantity") return t.equipment.quantity ? std::to_string(t.equipment.quantity) : "";
  if (f.name == "received") return FormatTime(t.received);
  return "";
}

Status CheckFormFieldText(const FormField& f, std::string_view text) {
  if (f.name == "customer" && Trim(text).empty()) {
    return Status::InvalidField(f.name, _(": the customer's name must not be empty"));
  }
  return CheckText(text, f.name, f.type == kText);
}

Status CheckFormText(const Ticket& t) {
  for (const FormField& f : kFields) {
    if (const std::string* s = TextOf(f.name, &t)) SVC_RETURN_IF_ERROR(CheckFormFieldText(f, *s));
  }
  return Status::OK();
}

void CheckFormFields(const Ticket& t, const std::function<void(const Status&)>& problem) {
  for (const FormField& f : kFields) {
    const std::string* s = TextOf(f.name, &t);
    if (!s) continue;
    Status st = CheckFormFieldText(f, *s);
    if (!st.ok()) problem(st);
  }
}

Status SetFormField(const FormField& f, std::string_view text, int offset_minutes, Ticket* t,
                    std::string* canonical) {
  std::string value;
  if (std::string* s = TextOf(f.name, t)) {
    SVC_RETURN_IF_ERROR(CheckFormFieldText(f, text));
    *s = value = std::string(text);
  } else if (std::optional<Date>* d = DateOf(f.name, t)) {
    if (text.empty()) {
      d->reset();
    } else {
      Date date;
      Status st = ParseUserDate(text, &date, kMinEquipmentYear);
      if (!st.ok()) return Status::InvalidField(f.name, fmt::format(": {}", st.message()));
      *d = date;
      value = FormatDate(date);
    }
  } else if (f.name == "quantity") {
    int64_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (!text.empty() &&
        (ec != std::errc() || end != text.data() + text.size() || n < 1 || n > kMaxQuantity)) {
      return Status::InvalidField(f.name,
                                  TrF(": '{}' is not a quantity from 1 to {}", text, kMaxQuantity));
    }
    t->equipment.quantity = text.empty() ? 0 : n;
    if (!text.empty()) value = std::to_string(n);
  } else {  // received
    Time at;
    Status st = ParseUserTime(text, offset_minutes, &at);
    if (!st.ok()) return Status::InvalidField(f.name, fmt::format(": {}", st.message()));
    t->received = at;
    value = FormatTime(at);
  }
  if (canonical) *canonical = std::move(value);
  return Status::OK();
}

}  // namespace svc
