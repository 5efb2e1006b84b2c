// Ticket: one info form (售后信息处理单, R-4.2.1) and everything that follows
// it, as stored in tickets/YYYY/MM/<id>.toml (docs/FORMAT.md).
//
// The file holds the form as filled at intake and an append-only history of
// events. The ticket's current state (classification, outbound records,
// quote, close, survey ...) is never stored: it is derived by folding the
// events in time order (state.h). An action therefore only ever adds lines,
// and two histories of the same ticket merge by taking the union of events.
//
// An event with `amend = true` corrects an earlier event of the same action
// (and record): its values stand, both stay in history. svc writes it for a
// survey correction and when a merge finds both sides recorded the same step.
//
// Each action has a schema: the fields its event may carry, in the canonical
// order they are written. Unknown actions and fields are errors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "base/money.h"
#include "base/timepoint.h"

namespace svc {

// A part used, returned or quoted: from the spare-parts price list (code) or by name.
struct Part {
  std::string code;
  std::string name;
  int64_t qty = 0;
  std::optional<Money> unit;
  std::string supply;  // "warranty" (三包), "customer" (customer-bought), "returned", "scrapped"
  bool operator==(const Part&) const = default;
};

using Value = std::variant<std::string, int64_t, bool, Time, Date, Money, std::vector<std::string>,
                           std::vector<Part>>;

enum class FieldType { kString, kInt, kBool, kTime, kDate, kMoney, kStrings, kParts };

struct FieldSpec {
  std::string_view key;
  FieldType type;
};

struct ActionSpec {
  std::string_view action;
  std::vector<FieldSpec> fields;  // canonical order
};

// The schema of `action`, or null if svc knows no such action.
const ActionSpec* FindAction(std::string_view action);
const std::vector<ActionSpec>& AllActions();
// Whether a ticket's `action` is a step recorded once (per outbound record),
// which an event with `amend = true` may correct: model/record.h
// RecordKind::Amendable of TicketKind().

struct Event {
  Time at;                       // when it happened (--at)
  std::optional<Time> recorded;  // when svc wrote it, if not at `at`
  std::string actor;
  std::string action;
  std::vector<std::pair<std::string, Value>> fields;  // in the schema's order

  // Whether this is an `action` event (the length compared first: Fold and
  // the clocks ask for every event of every ticket a scan reads).
  bool Is(std::string_view a) const { return std::string_view(action) == a; }
  const Value* Find(std::string_view key) const;
  std::string Str(std::string_view key) const;  // "" if absent
  std::string_view View(
      std::string_view key) const;  // Str without the copy: valid while the event is
  int64_t Int(std::string_view key, int64_t absent = 0) const;
  bool Flag(std::string_view key) const;  // false if absent
  // Sets `key` (which must be in the action's schema) keeping schema order.
  void Set(std::string_view key, Value value);
  bool operator==(const Event&) const = default;
};

struct Customer {
  std::string name;     // 客户名称 / 用户
  std::string contact;  // 联系人
  std::string title;    // 职务
  std::string phone;    // 电话
  std::string address;  // 地址
  std::string code;     // 客户编号: the customer file's code (K0001), "" when not on file
  bool operator==(const Customer&) const = default;
};

struct Equipment {
  std::string product;               // 产品类型 / 设备种类
  std::string model;                 // 型号
  std::string size;                  // 规格 (type and size)
  std::string serial;                // 序列号 / 编号
  int64_t quantity = 0;              // 数量 (0: not given)
  std::string project_no;            // 项目号 (AB号)
  std::string equipment_no;          // 设备编号
  std::optional<Date> commissioned;  // 投运日期
  std::optional<Date> purchased;     // 购买日期
  std::string invoice_no;            // 发票号
  // 保修期至: the unit's warranty end (from the customer file at intake, or
  // given); out of warranty when it ends before the request was received.
  std::optional<Date> warranty_until;
  bool operator==(const Equipment&) const = default;
};

// Text of an event's value for people (history lines, annotations): times
// and dates as svc writes them, money with two decimals, parts as
// "CODE name ×2 @12.50 (warranty)" joined by "; ".
std::string ValueText(const Value& v);
std::string PartsText(const std::vector<Part>& parts);

struct Ticket {
  std::string id;           // YX-26-11-01
  std::string via;          // department that received the request
  Time received;            // customer's request received
  std::string annual_plan;  // "2026:3": the annual plan's item it serves, "" if none
  Customer customer;
  Equipment equipment;
  std::string description;    // 故障描述
  std::vector<Event> events;  // ordered by `at`; equal times keep their order

  // Inserts `e` after every event at or before its time.
  void Append(Event e);
  bool operator==(const Ticket&) const = default;
};

// 保修 (R-4.3.6 a): "out" when the unit's warranty ended before the day the
// request was received (in the company's offset), "in" when it had not, ""
// when the form gives no warranty date.
std::string_view WarrantyOf(const Ticket& t, int offset_minutes);

}  // namespace svc
