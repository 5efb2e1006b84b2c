// Receive: the shared repository's guard (issue 15; `svc git-setup --server`
// installs a pre-receive hook that runs `svc pre-receive`). For each ref a
// push updates, the pushed commits are judged by the audit's rules (ops/audit.h)
// and the records as they stand at the pushed commit by `svc check`
// (ops/check.h); any finding or problem refuses the push, naming the ref,
// the commit, the file and the rule, and git then leaves every ref as it was.
// A push that rewrites the history (not a fast-forward) or deletes a ref is
// refused too: auditing only the new commits would otherwise miss an old
// event dropped by a rewritten past.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <optional>

#include "base/status.h"
#include "base/timepoint.h"

namespace svc {

// One line of what git gives a pre-receive hook: "<old> <new> <ref>".
struct RefUpdate {
  std::string old_id, new_id, ref;
};
// The lines of a pre-receive hook's standard input; InvalidArgument on a line
// that is not "<old> <new> <ref>".
Status ParseRefUpdates(std::string_view text, std::vector<RefUpdate>* out);

struct ReceiveRequest {
  std::string dir;     // the (bare) repository
  std::string prefix;  // the records directory in its tree: "" or "records/"
  std::vector<RefUpdate> updates;
  std::string scratch;  // an empty folder for the pushed records (the caller removes it)
  // The moment of the push, for svc check's rule on events dated ahead; none: not applied.
  std::optional<Time> present;
};

struct PushRefusal {
  std::string ref, commit, file, rule, message;
};

struct ReceiveSummary {
  int commits = 0;  // commits judged
  int refusals = 0;
};

// Calls `refuse` for every reason to refuse; OK with no call is a push to accept.
// Fails only when the repository cannot be read.
Status CheckReceive(const ReceiveRequest& request,
                    const std::function<void(const PushRefusal&)>& refuse, ReceiveSummary* summary);

}  // namespace svc
