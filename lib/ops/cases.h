// The case library (案例库, R-3.1: 故障分析、整理、归类): `svc cases` — every
// closed quality ticket with what was learnt from it: the fault, its cause,
// the measures, the corrective action (the analysis's and the Quality
// dept's on the ticket's nonconformity reports), grouped by product and then
// by the cause category of the analysis (svc.toml [causes], in its order;
// analyses without one last), newest closed first within a group.
//
// The tickets are picked through the index (storage/index.h): a warm scan
// decodes only the summaries of closed tickets and reads the files of the
// closed quality ones alone. The nonconformity reports are few and read
// from their files.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "base/timepoint.h"
#include "storage/index.h"
#include "storage/store.h"

namespace svc {

// One case: a closed quality ticket as the library shows it.
struct Case {
  std::string id;  // the ticket's number
  std::string customer, product, model;
  std::string category;  // the fault's category (Categories()); "" if none was given
  std::string fault;     // the fault as the info form describes it
  std::string cause, measures, responsibility, corrective;  // the analysis (latest)
  std::string cause_category;                               // the analysis's code, or ""
  std::string plan;                                         // the plan (latest), if any
  std::string resolution;                                   // the close's
  // The Quality dept's corrective actions on the ticket's nonconformity
  // reports: "NC-26-10-01: text" each, in number order.
  std::vector<std::string> nc_actions;
  Time closed;
};

struct CaseGroup {
  std::string cause;        // the cause category's code; "" if the analyses give none
  std::string cause_name;   // its name in svc.toml [causes]; "" if none or unknown
  std::vector<Case> cases;  // newest closed first (ties: the higher number first)
};

struct ProductCases {
  std::string product;            // "" if the tickets name none
  std::vector<CaseGroup> groups;  // in the order of `causes`, unknown codes next, none last
};

// Groups `cases` by product (byte order, "" last) and cause category (in the
// order of `causes`; codes it does not list next, by code; none last), each
// group newest closed first.
std::vector<ProductCases> GroupCases(std::vector<Case> cases,
                                     const std::vector<CauseCategory>& causes);

// Whether `product` (case-insensitively, as a substring of the product or
// the model) selects case `c`; an empty filter selects every case.
bool CaseMatches(const Case& c, std::string_view product);

// The case library as of `now`: every quality ticket closed by then whose
// product or model `product` matches (CaseMatches), grouped (GroupCases).
// `unreadable` gets the error of each ticket file that cannot be read.
Status CaseLibrary(const Store& store, const Time& now, std::string_view product,
                   const ScanOptions& options, std::vector<ProductCases>* out,
                   const std::function<void(const Status&)>& unreadable);

// For --json: an array of {product, groups: [{category, cases: [{number,
// customer, product, model, category, fault, cause, measures,
// responsibility, corrective, plan, resolution, nc_actions, closed}]}]}.
JsonValue CasesJson(const std::vector<ProductCases>& library, int offset_minutes);

}  // namespace svc
