// git-setup --sign / --allow: SSH commit signing in a clone, and the records'
// allowed_signers file (issue 15, "Signing made easy"). The rules live in
// ops/signers.h and storage/signing.h.
#include <fmt/format.h>

#include <climits>
#include <cstdlib>

#include "base/i18n.h"
#include "base/text.h"
#include "commands.h"
#include "ops/signers.h"
#include "storage/git.h"
#include "storage/paths.h"
#include "storage/signing.h"

namespace svc::cli {
namespace {

std::string Absolute(const std::string& path) {
  char buf[PATH_MAX];
  return ::realpath(path.c_str(), buf) ? std::string(buf) : path;
}

// Who the key belongs to: --actor or $SVC_ACTOR, else (--sign) git's
// user.email in this clone, else the actor svc would record; for --allow
// (another person's key) the key file's comment ("li@laptop").
Status Principal(Context& ctx, bool sign, const SshPublicKey& key, std::string* out) {
  *out = ctx.ExplicitActor();
  if (!out->empty()) return Status::OK();
  if (!sign) {
    *out = key.comment;
    if (out->empty()) {
      return Status::InvalidArgument(
          _("--allow: the key file names nobody (it has no comment): name the key's owner with "
            "--actor NAME; nothing was changed"));
    }
    return Status::OK();
  }
  std::string email;
  int code = 0;
  if (RunGit(ctx.store().root(), {"config", "user.email"}, &email, &code).ok() && code == 0) {
    *out = std::string(Trim(email));
  }
  if (out->empty()) *out = ctx.Actor();
  return Status::OK();
}

}  // namespace

int RunGitSetupSign(Context& ctx, const GitOptions& o) {
  const bool sign = !o.sign.empty();
  const std::string& key_file = sign ? o.sign : o.allow;
  Status s = ctx.OpenStore();
  if (!s.ok()) return Fail(s);
  const std::string& root = ctx.store().root();
  if (!InGitWorkTree(root)) {
    return Fail(Status::NotAllowed(
        TrF("{} is not in a git repository: clone the records repository, then run 'svc git-setup "
            "{} KEY' in the clone",
            root, sign ? "--sign" : "--allow")));
  }
  SshPublicKey key;
  std::string principal;
  AddSignerResult added;
  s = ReadSshKeyFile(sign ? "--sign" : "--allow", key_file, &key);
  if (s.ok()) s = Principal(ctx, sign, key, &principal);
  if (s.ok()) s = AddSigner(ctx.store(), principal, key, &added);
  const std::string signers = ctx.store().Abs(AllowedSignersPath());
  if (s.ok() && sign) s = GitSetupSigning(root, Absolute(key_file), Absolute(signers));
  if (!s.ok()) return Fail(s);
  if (added.added) {
    fmt::print(stderr, "svc: {}\n",
               TrF("{}: added {}'s {} key", signers, EscapeControls(principal), key.type));
  } else {
    fmt::print(stderr, "svc: {}\n",
               TrF("{} already allows this key (for {}): nothing changed there", signers,
                   EscapeControls(added.principal)));
  }
  if (sign) {
    fmt::print(stderr, "svc: {}\n",
               TrF("commits in this clone are signed with {} (git config gpg.format ssh, "
                   "user.signingkey, commit.gpgsign true, gpg.ssh.allowedSignersFile)",
                   Absolute(key_file)));
  }
  if (added.added) {
    std::string message = principal.find('\'') == std::string::npos
                              ? fmt::format("allowed_signers: add {}", principal)
                              : std::string("allowed_signers: add a signer");
    ctx.SetCommitMessage(message);
    if (!ctx.global().commit && !ctx.store().config().commit) {
      fmt::print(stderr, "svc: {}\n",
                 TrF("commit it, signed by a key it already allows (the desk's admin): git add "
                     "{} && git commit -m '{}'",
                     signers, EscapeControls(message)));
    }
  }
  return 0;
}

}  // namespace svc::cli
