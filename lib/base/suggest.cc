#include "base/suggest.h"

#include <algorithm>

namespace svc {

int EditDistance(std::string_view a, std::string_view b) {
  // d[i][j]: distance between a's first i and b's first j bytes, three rows kept.
  std::vector<int> before(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], before[j - 2] + 1);
      }
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string Nearest(std::string_view typed, const std::vector<std::string>& known) {
  int limit = std::clamp(static_cast<int>(typed.size()) / 3, 1, 3);
  std::string best;
  int best_distance = limit + 1;
  for (const std::string& word : known) {
    int d = EditDistance(typed, word);
    if (d < best_distance) {
      best = word;
      best_distance = d;
    }
  }
  return best;
}

}  // namespace svc
