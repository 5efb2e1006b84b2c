// Signers: the records' allowed_signers file, the SSH keys whose signatures
// `svc audit` accepts with [audit] signed = true (issue 15, "Signing made
// easy"; docs/FORMAT.md). A key is added by `svc git-setup --sign KEY` (the
// clone then signs with it) or `--allow KEY` (another person's key, added by
// the desk's admin); the change is committed like any record, and the audit
// holds it to a signature by a key the file already allowed.
#pragma once

#include <string>

#include "base/status.h"
#include "format/allowed_signers.h"
#include "storage/store.h"

namespace svc {

struct AddSignerResult {
  bool added = false;     // false: the file already had the key (nothing written)
  std::string line;       // the key's line in the file
  std::string principal;  // who the file names for the key
};

// Adds `principal`'s `key` to allowed_signers (creating the file), atomically
// under the store lock, and Touches it for --commit. A key the file already
// holds changes nothing. InvalidArgument when `principal` cannot name a
// signer (format/allowed_signers.h IsValidPrincipal).
Status AddSigner(const Store& store, const std::string& principal, const SshPublicKey& key,
                 AddSignerResult* out);

}  // namespace svc
