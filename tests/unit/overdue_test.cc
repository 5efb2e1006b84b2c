// DueList: the clocks `svc overdue` found, kept encoded and sorted by deadline.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include "ops/overdue.h"

namespace svc {
namespace {

DueClock Due(std::string id, int64_t deadline, std::string customer) {
  DueClock d;
  d.id = std::move(id);
  d.clock.name = "response";
  d.clock.clause = "R-4.2.1";
  d.clock.start = Time{deadline - 600, 480};
  d.clock.target = Duration{600};
  d.clock.deadline = Time{deadline, 480};
  d.clock.state = ClockState::kOverdue;
  d.overdue = true;
  d.route = "SC";
  d.via = "YX";
  d.customer = std::move(customer);
  d.level = 1;
  return d;
}

std::vector<std::string> Ids(const DueList& list) {
  std::vector<std::string> ids;
  list.ForEach([&](const DueClock& d) { ids.push_back(d.id); });
  return ids;
}

TEST_CASE("DueList gives back every field of each clock") {
  DueClock d = Due("YX-26-11-01", 1'780'000'000, "上海某某电力公司");
  d.clock.name = "repair";
  d.clock.record = "SC-26-11-02";
  d.clock.stop = Time{1'780'000'100, -300};
  d.clock.state = ClockState::kBreached;
  d.overdue = false;
  d.route = "";
  d.level = 0;
  DueList list;
  list.Add(d);
  list.Sort();
  REQUIRE(list.size() == 1);
  int seen = 0;
  list.ForEach([&](const DueClock& got) {
    ++seen;
    CHECK(got.id == d.id);
    CHECK(got.clock.name == d.clock.name);
    CHECK(got.clock.record == d.clock.record);
    CHECK(got.clock.clause == d.clock.clause);
    CHECK(got.clock.start == d.clock.start);
    CHECK(got.clock.target == d.clock.target);
    CHECK(got.clock.deadline == d.clock.deadline);
    CHECK(got.clock.stop == d.clock.stop);
    CHECK(got.clock.state == d.clock.state);
    CHECK(got.overdue == d.overdue);
    CHECK(got.route == d.route);
    CHECK(got.via == d.via);
    CHECK(got.customer == d.customer);
    CHECK(got.level == d.level);
  });
  CHECK(seen == 1);
}

TEST_CASE("DueList sorts by deadline, keeping the store's order among equal ones") {
  DueList list;
  CHECK(list.empty());
  list.Add(Due("YX-26-11-01", 300, "甲"));
  list.Add(Due("YX-26-11-02", 100, "乙"));
  list.Add(Due("YX-26-11-03", 300, "丙"));
  list.Add(Due("YX-26-11-04", 200, "丁"));
  list.Add(Due("YX-26-11-05", 100, "戊"));
  list.Sort();
  CHECK(Ids(list) == std::vector<std::string>{"YX-26-11-02", "YX-26-11-05", "YX-26-11-04",
                                              "YX-26-11-01", "YX-26-11-03"});
}

TEST_CASE("DueList holds a hundred thousand clocks across blocks") {
  DueList list;
  const int n = 100'000;
  std::string customer(120, 'x');  // long enough to fill several 1 MiB blocks
  for (int i = 0; i < n; ++i) {
    list.Add(Due(fmt::format("YX-26-11-{:05}", i), (n - i) / 2, customer));
  }
  list.Sort();
  CHECK(list.size() == static_cast<size_t>(n));
  int64_t last = -1;
  int count = 0;
  bool ordered = true, whole = true;
  list.ForEach([&](const DueClock& d) {
    ordered = ordered && d.clock.deadline.secs >= last;
    whole = whole && d.customer == customer;
    last = d.clock.deadline.secs;
    ++count;
  });
  CHECK(count == n);
  CHECK(ordered);
  CHECK(whole);
}

}  // namespace
}  // namespace svc
