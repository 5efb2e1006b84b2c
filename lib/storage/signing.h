// SSH commit signing (issue 15, "Signing made easy"): reading a key file,
// configuring a clone to sign its commits, and reading git's verdict on
// commits' signatures against a given allowed_signers text. svc runs `git`
// (which runs OpenSSH's `ssh-keygen`), never a library; nothing here reads
// the clock.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "format/allowed_signers.h"

namespace svc {

// The public key of the SSH key file at `path`: a public key file (.pub) as
// it is; an OpenSSH private key's public half (stored in clear: no
// passphrase asked, no `ssh-keygen -y` needed). InvalidArgument, naming
// `option` ("--sign") and the file, otherwise (a private key in the older
// PEM format: its .pub file is asked for).
Status ReadSshKeyFile(const std::string& option, const std::string& path, SshPublicKey* out);

// Configures SSH commit signing in the clone holding `root` (git config is
// per clone): gpg.format ssh, user.signingkey `key_path`, commit.gpgsign
// true, and gpg.ssh.allowedSignersFile `allowed_signers` (an absolute path),
// so that `git log --show-signature` and `git verify-commit` work locally.
Status GitSetupSigning(const std::string& root, const std::string& key_path,
                       const std::string& allowed_signers);

// git's verdict on one commit's signature: %G? and %GK (the key's
// fingerprint, "SHA256:…", when git could read the signature).
struct GitSignature {
  char code = 'N';
  std::string key;
};

// The verdicts on each commit `git log ARGS` lists, checked against the
// allowed signers in `signers` (the file's text, handed to git through a
// temporary file as gpg.ssh.allowedSignersFile). NotAllowed when ssh-keygen,
// which git runs to check SSH signatures, is not on PATH.
Status GitReadSignatures(const std::string& dir, const std::string& signers,
                         const std::vector<std::string>& args,
                         std::unordered_map<std::string, GitSignature>* out);

}  // namespace svc
