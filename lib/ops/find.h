// Finding things: `svc list`'s filters, sorting and columns, `svc search`
// over the tickets' text, and `svc status`, the desk's morning view. All of
// it from the index's summaries (rules/summary.h, storage/index.h): a warm
// list, search or status over 100,000 tickets opens no ticket file.
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ops/overdue.h"
#include "rules/summary.h"
#include "storage/index.h"
#include "storage/store.h"

namespace svc {

// What a list (or a search) is narrowed to; empty fields filter nothing.
struct TicketQuery {
  std::vector<TicketStatus> statuses;  // any of them
  std::string via, route, tech, kind;
  int level = 0;
  std::optional<Time> since, until;  // received in [since, until)
  std::string customer;              // a part of the customer's name, any case
};

bool QueryMatches(const TicketQuery& q, const TicketSummary& t);

// The columns `svc list` can show, in their default order first; a column's
// name is also its CSV header and (but "number": "id") its JSON key.
const std::vector<std::string>& ListColumns();
const std::vector<std::string>& DefaultListColumns();
// The sort keys: number (the store's order), received, level, status, customer.
const std::vector<std::string>& ListSortKeys();

// "number,status" (spaces allowed) as known column names; an unknown one is
// InvalidArgument "--columns: 'x' is no column (known: …)", with a suggestion.
Status ParseColumns(std::string_view text, std::vector<std::string>* out);
// A sort key, checked the same way.
Status CheckSortKey(std::string_view key);

// One cell as text: times in the company's offset, "" for none.
std::string ListCell(const TicketSummary& t, std::string_view column, int offset_minutes);

// Every matching ticket as of `now`. In number order unless `sort` names
// another key (then the matches are held, without their clocks and text,
// and sorted stably); `reverse` turns the order round.
Status ListTickets(const Store& store, const Time& now, const TicketQuery& q, std::string_view sort,
                   bool reverse, const ScanOptions& options,
                   const std::function<void(const Status&)>& unreadable,
                   const std::function<void(const TicketSummary&)>& fn);

// Search: the query folded as svc compares text — full-width forms as ASCII
// (base/typed.h FoldTyped), ASCII letters in lower case; anything else (CJK)
// as it is.
std::string FoldForSearch(std::string_view text);

struct SearchMatch {
  std::string field;    // as in SearchText (rules/summary.h): "description", "note.text"
  std::string value;    // the whole value
  std::string snippet;  // the value on one line, cut to some 60 columns around the match
};

// The matches of `folded` (FoldForSearch of the query) in one summary's text.
std::vector<SearchMatch> SearchSummary(const TicketSummary& t, std::string_view folded);

// Every ticket (as of `now`, narrowed by `q`) whose text holds `text`, in
// number order, with its matches. Refuses an empty text.
Status SearchTickets(
    const Store& store, const Time& now, std::string_view text, const TicketQuery& q,
    const ScanOptions& options, const std::function<void(const Status&)>& unreadable,
    const std::function<void(const TicketSummary&, const std::vector<SearchMatch>&)>& fn);

// The desk's morning view as of `now`.
struct DeskDay {
  std::array<int, 4> by_status{};  // indexed by TicketStatus: new, open, closed, void
  int received_today = 0, received_yesterday = 0;  // in the company's zone
  int overdue = 0, due_today = 0;  // clocks: past their deadline; due before today ends
  std::vector<DueClock> worst;     // the most overdue first, at most `worst` of them
  std::vector<DueClock> due;       // due today, soonest first, at most `worst` of them
  Time end_of_today;
  int unreadable = 0;
};

Status DeskStatus(const Store& store, const Time& now, const ScanOptions& options, int worst,
                  const std::function<void(const Status&)>& unreadable, DeskDay* out);

}  // namespace svc
