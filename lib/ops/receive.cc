#include "ops/receive.h"

#include <fmt/format.h>

#include <memory>

#include "base/i18n.h"
#include "base/text.h"
#include "ops/audit.h"
#include "ops/check.h"
#include "storage/disk.h"
#include "storage/git.h"
#include "storage/paths.h"
#include "storage/store.h"

namespace svc {
namespace {

bool IsObjectId(std::string_view s) {
  if (s.size() != 40 && s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool IsZero(std::string_view id) {
  return id.find_first_not_of('0') == std::string_view::npos;
}

// One pushed ref: its commits by the audit's rules, its records by svc check.
Status CheckUpdate(const ReceiveRequest& req, const RefUpdate& u, const std::string& scratch,
                   const std::function<void(const PushRefusal&)>& refuse, ReceiveSummary* summary) {
  auto refused = [&](std::string commit, std::string file, std::string rule, std::string message) {
    ++summary->refusals;
    refuse(PushRefusal{u.ref, std::move(commit), std::move(file), std::move(rule),
                       std::move(message)});
  };
  if (IsZero(u.new_id)) {
    refused(u.old_id, "", "ref-deleted",
            TrF("deleting {} is refused: the records' history stays", u.ref));
    return Status::OK();
  }
  if (!IsZero(u.old_id) && !GitIsAncestor(req.dir, u.old_id, u.new_id)) {
    refused(u.new_id, "", "history-rewritten",
            TrF("the push rewrites the history of {} ({} is not an ancestor of {}): pull, "
                "merge, and push again",
                u.ref, u.old_id.substr(0, 12), u.new_id.substr(0, 12)));
    return Status::OK();
  }
  // The records as pushed.
  const std::string tree = u.new_id + ":" + req.prefix;
  std::vector<std::string> links;
  Status s = GitExportTree(req.dir, tree, RealDisk(), scratch, &links);
  for (const auto& link : links) {
    refused(u.new_id, link, "check",
            TrF("{}: a symbolic link: svc follows no links in the records directory", link));
  }
  std::unique_ptr<Store> store;
  if (s.ok()) s = Store::Open(scratch, RealDisk(), &store);
  if (!s.ok()) {
    refused(u.new_id, ConfigPath(), "check",
            TrF("the pushed commit holds no records directory svc can open at '{}': {}",
                req.prefix.empty() ? "." : req.prefix, s.message()));
    return Status::OK();
  }
  const Config& config = store->config();
  AuditRequest audit;
  audit.dir = req.dir;
  audit.prefix = req.prefix;
  audit.revisions = IsZero(u.old_id) ? std::vector<std::string>{u.new_id, "--not", "--all"}
                                     : std::vector<std::string>{u.old_id + ".." + u.new_id};
  audit.offset_minutes = config.offset_minutes;
  audit.require_signed = config.audit_signed;
  audit.allowed_signers = InRoot(scratch, AllowedSignersPath());
  AuditSink sink;
  sink.finding = [&](const AuditFinding& f) {
    refused(f.commit ? f.commit->hash : "", f.file, f.rule, f.message);
  };
  AuditSummary audited;
  SVC_RETURN_IF_ERROR(Audit(audit, sink, &audited));
  summary->commits += audited.commits;
  CheckSummary checked;
  SVC_RETURN_IF_ERROR(CheckStore(
      *store,
      [&](const Problem& p) {
        std::string file = p.file;
        if (file.starts_with(scratch + "/")) file = file.substr(scratch.size() + 1);
        Problem q = p;
        q.file = file;
        std::string text = FormatProblem(q);
        for (size_t at; (at = text.find(scratch + "/")) != std::string::npos;) {
          text.erase(at, scratch.size() + 1);
        }
        refused(u.new_id, file, "check", text);
      },
      &checked, nullptr, std::nullopt, req.present));
  return Status::OK();
}

}  // namespace

Status ParseRefUpdates(std::string_view text, std::vector<RefUpdate>* out) {
  out->clear();
  for (std::string_view line : Split(text, '\n')) {
    if (Trim(line).empty()) continue;
    std::vector<std::string_view> f = Split(Trim(line), ' ');
    if (f.size() != 3 || !IsObjectId(f[0]) || !IsObjectId(f[1]) || f[2].empty()) {
      return Status::InvalidArgument(
          TrF("not a line of git's pre-receive input: '{}'", EscapeControls(line)));
    }
    out->push_back(RefUpdate{std::string(f[0]), std::string(f[1]), std::string(f[2])});
  }
  return Status::OK();
}

Status CheckReceive(const ReceiveRequest& request,
                    const std::function<void(const PushRefusal&)>& refuse,
                    ReceiveSummary* summary) {
  *summary = ReceiveSummary{};
  if (request.scratch.empty()) return Status::InvalidArgument(_("no scratch folder"));
  int n = 0;
  for (const RefUpdate& u : request.updates) {
    const std::string scratch = fmt::format("{}/{}", request.scratch, ++n);
    SVC_RETURN_IF_ERROR(RealDisk()->MakeDirs(scratch));
    SVC_RETURN_IF_ERROR(CheckUpdate(request, u, scratch, refuse, summary));
  }
  return Status::OK();
}

}  // namespace svc
