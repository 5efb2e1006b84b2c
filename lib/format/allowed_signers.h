// The bytes of SSH keys and of the records' allowed_signers file (issue 15,
// "Signing made easy"; docs/FORMAT.md "allowed_signers").
//
// allowed_signers is git's and OpenSSH's format (ssh-keygen(1), "ALLOWED
// SIGNERS"): one key a line, `<principals> [options] <keytype> <base64>
// [comment]`; blank lines and lines starting with '#' are ignored. svc writes
// `<principal> namespaces="git" <keytype> <base64> [comment]`, the principal
// quoted when it is not a plain word (a name with a space).
//
// Nothing here touches a disk or runs a program.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace svc {

// An SSH public key: "ssh-ed25519", its base64 blob, the comment (may be "").
struct SshPublicKey {
  std::string type, blob, comment;
  // The key's words as a public key file holds them: "<type> <blob>[ <comment>]".
  std::string Line() const;
  // The same key (the comment aside).
  bool SameKey(const SshPublicKey& other) const { return type == other.type && blob == other.blob; }
};

// A public key line ("ssh-ed25519 AAAA… comment", an id_ed25519.pub file's
// text). False unless the type is a key type OpenSSH signs with and the
// base64 blob decodes to a key of that type.
bool ParseSshPublicKey(std::string_view text, SshPublicKey* out);

// The public key inside an OpenSSH private key file ("-----BEGIN OPENSSH
// PRIVATE KEY-----"): stored in clear, so no passphrase is needed. False for
// any other text (a PEM private key is for `ssh-keygen -y`).
bool ParseOpensshPrivateKey(std::string_view text, SshPublicKey* out);

// One line of allowed_signers.
struct AllowedSigner {
  std::string principals;  // as written (quotes kept)
  std::string options;     // "namespaces=\"git\",valid-before=\"20270101\"", or ""
  SshPublicKey key;
  int line = 0;  // 1-based
};

// The keys of an allowed_signers text; lines that hold no key are passed over.
std::vector<AllowedSigner> ParseAllowedSigners(std::string_view text);

// Whether `text` (an allowed_signers file) has a line for `key`.
bool AllowsKey(std::string_view text, const SshPublicKey& key);

// False when `principal` cannot name a signer: empty, or holding a double
// quote, a comma, a wildcard ('*', '?', '!') or a control character.
bool IsValidPrincipal(std::string_view principal);

// The line svc writes for `principal`'s key (no newline).
// REQUIRES: IsValidPrincipal(principal).
std::string AllowedSignerLine(std::string_view principal, const SshPublicKey& key);

}  // namespace svc
