#include "base/suggest.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

namespace svc {
namespace {

TEST_CASE("EditDistance") {
  struct Row {
    std::string_view a, b;
    int distance;
  };
  const Row rows[] = {
      {"", "", 0},          {"list", "list", 0},      {"", "abc", 3},
      {"abc", "", 3},       {"lsit", "list", 1},  // a transposition is one edit
      {"levl", "level", 1}, {"qualty", "quality", 1}, {"kitten", "sitting", 3},
      {"ca", "abc", 3},  // optimal string alignment: no edit of a transposed pair
      {"show", "close", 4},
  };
  for (const Row& r : rows) {
    CAPTURE(r.a);
    CAPTURE(r.b);
    CHECK(EditDistance(r.a, r.b) == r.distance);
    CHECK(EditDistance(r.b, r.a) == r.distance);
  }
}

TEST_CASE("Nearest") {
  const std::vector<std::string> commands = {"open", "show", "list", "classify", "close"};
  CHECK(Nearest("lsit", commands) == "list");
  CHECK(Nearest("clasify", commands) == "classify");
  CHECK(Nearest("shwo", commands) == "show");
  CHECK(Nearest("xyz", commands) == "");     // nothing near
  CHECK(Nearest("report", commands) == "");  // too far for a typo
  CHECK(Nearest("", commands) == "");
  const std::vector<std::string> options = {"--kind", "--level", "--major", "--help"};
  CHECK(Nearest("--levl", options) == "--level");
  CHECK(Nearest("--lvel", options) == "--level");
  CHECK(Nearest("--kidn", options) == "--kind");
  // Equally near: the first listed wins.
  CHECK(Nearest("ab", {"ac", "ad"}) == "ac");
}

}  // namespace
}  // namespace svc
