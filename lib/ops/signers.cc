#include "ops/signers.h"
#include "base/i18n.h"

#include <fmt/format.h>

#include <memory>

namespace svc {

Status AddSigner(const Store& store, const std::string& principal, const SshPublicKey& key,
                 AddSignerResult* out) {
  if (!IsValidPrincipal(principal)) {
    return Status::InvalidArgument(
        TrF("'{}' cannot name a signer in {}: no double quote, comma, '*', '?', '!' or control "
            "character; give another with --actor NAME",
            principal, AllowedSignersPath()));
  }
  std::unique_ptr<FileLock> lock;
  SVC_RETURN_IF_ERROR(store.Lock(&lock));
  std::string text;
  Status s = store.ReadFile(AllowedSignersPath(), &text);
  if (!s.ok() && s.code() != Status::Code::kNotFound) return s;
  for (const AllowedSigner& signer : ParseAllowedSigners(text)) {
    if (!signer.key.SameKey(key)) continue;
    out->added = false;
    out->principal = signer.principals;
    out->line = AllowedSignerLine(principal, key);
    return Status::OK();
  }
  out->added = true;
  out->principal = principal;
  out->line = AllowedSignerLine(principal, key);
  if (!text.empty() && text.back() != '\n') text += '\n';
  text += out->line;
  text += '\n';
  SVC_RETURN_IF_ERROR(store.WriteFile(AllowedSignersPath(), text));
  store.Touch(AllowedSignersPath());
  return Status::OK();
}

}  // namespace svc
