// What every fuzz target uses to stop at a broken invariant: abort(), which
// libFuzzer reports as a crash and keeps the input for.
#pragma once

#include <cstdio>
#include <cstdlib>

#include "base/status.h"

namespace svc::fuzz {

inline void Require(bool ok, const char* what) {
  if (ok) return;
  fprintf(stderr, "invariant broken: %s\n", what);
  abort();
}

// A step of the target's own setup (not of the input) that must succeed.
inline void Must(const Status& s) {
  if (s.ok()) return;
  fprintf(stderr, "setup failed: %s\n", s.message().c_str());
  abort();
}

}  // namespace svc::fuzz
