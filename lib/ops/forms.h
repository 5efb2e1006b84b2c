// Forms: the procedure's paper forms, still signed on site,
// filled from a ticket through mustache templates.
//
// Templates are named <form>.<format>.mustache. A records directory may
// carry its own templates/ folder, whose files take precedence over the
// built-in ones (compiled from the source tree's templates/), so a company
// adapts a form without rebuilding svc. In HTML every value is escaped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/config.h"
#include "model/ticket.h"
#include "ops/cases.h"
#include "rules/annual_plan.h"
#include "rules/nonconformity.h"
#include "rules/state.h"
#include "rules/visit.h"
#include "storage/store.h"

namespace svc {

// info, outbound, repair, survey, quote, collection, visit, annual-plan, plan,
// application, warehouse (model/vocabulary.cc's Forms()).
const std::vector<std::string_view>& FormNames();
// md, html, text.
const std::vector<std::string_view>& FormFormats();

struct FormRequest {
  std::string form;    // one of FormNames()
  std::string format;  // one of FormFormats()
  std::string record;  // outbound, repair, application, warehouse: the outbound record
                       // (default: the latest)
};

// Renders the form for ticket `t` (state `st`, as of `now`). Templates are
// looked up in <records>/templates first, then among the built-in ones.
Status RenderForm(const Store& store, const Ticket& t, const TicketState& st,
                  const FormRequest& request, const Time& now, std::string* out);

// Renders the visit form (顾客走访记录, R-4.6 a) of visit `v` in `format`,
// its template looked up as RenderForm's.
Status RenderVisitForm(const Store& store, const VisitState& v, std::string_view format,
                       const Time& now, std::string* out);
// The nonconformity report's form (不合格品报告处理单, R-4.5.3.1) of report
// `n` in `format`: the disposition's four boxes, the chosen one filled.
Status RenderNonconformityForm(const Store& store, const NonconformityState& n,
                               std::string_view format, const Time& now, std::string* out);
// The annual service plan's form (年度服务计划, R-4.5.5) for `plan`, each
// item with its customer's name and unit from the customer files, and its
// state at `now` (overdue marked); format md, html or text.
Status RenderPlanForm(const Store& store, const PlanState& plan, const std::string& format,
                      const Time& now, std::string* out);

struct Writeoff;  // ops/finance.h
// The write-off's form (费用核销单, R-4.5.4, R-3.1) of `w` in `format`: each
// outbound record quoted against actual, each engineer's advances against
// expenses, the totals, and the boxes finance signs.
Status RenderWriteoffForm(const Store& store, const Writeoff& w, std::string_view format,
                          const Time& now, std::string* out);

// The case library (案例库, R-3.1; ops/cases.h) as a document in `format`
// (text, md, html: cases.FORMAT.mustache, looked up as RenderForm's): a
// heading per product and per fault category, each case with its ticket,
// customer, unit, fault, cause, measures, corrective action and when it was
// closed. `product` is the filter asked for ("" for none), printed in the title.
Status RenderCaseLibrary(const Store& store, const std::vector<ProductCases>& library,
                         std::string_view product, std::string_view format, const Time& now,
                         std::string* out);

// The built-in template named `name`, or null.
const std::string* BuiltinTemplate(std::string_view name);

}  // namespace svc
