#include "storage/signing.h"

#include <fmt/format.h>

#include <cstdlib>
#include <memory>
#include <random>

#include "base/i18n.h"
#include "base/text.h"
#include "storage/disk.h"
#include "storage/git.h"

namespace svc {
namespace {

// Whether `program` is a file in a folder of $PATH (git runs it from there).
bool OnPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  for (std::string_view dir : Split(path ? path : "/usr/bin:/bin", ':')) {
    if (RealDisk()->Exists(JoinPath(dir.empty() ? "." : dir, program))) return true;
  }
  return false;
}

// A temporary file holding `text` (a new name in $TMPDIR, else /tmp),
// removed when this goes.
class TempFile {
 public:
  ~TempFile() {
    if (!path_.empty()) RealDisk()->RemoveFile(path_);
  }
  Status Create(std::string_view text) {
    const char* tmp = std::getenv("TMPDIR");
    const std::string dir = tmp && *tmp ? tmp : "/tmp";
    std::random_device random;
    std::unique_ptr<WritableFile> file;
    Status s;
    for (int attempt = 0; attempt < 16; ++attempt) {
      std::string path = JoinPath(dir, fmt::format("svc-allowed-signers-{:08x}", random()));
      s = RealDisk()->NewFile(path, &file);
      if (s.ok()) {
        path_ = path;
        break;
      }
      if (s.code() != Status::Code::kConflict) return s;
    }
    SVC_RETURN_IF_ERROR(s);
    SVC_RETURN_IF_ERROR(file->Append(text));
    return file->Close();
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

Status ReadSshKeyFile(const std::string& option, const std::string& path, SshPublicKey* out) {
  std::string text;
  Status s = RealDisk()->ReadFile(path, &text);
  if (s.code() == Status::Code::kNotFound) {
    return Status::InvalidArgument(TrF("{}: {} does not exist; nothing was changed", option, path));
  }
  if (!s.ok()) return Status::InvalidArgument(fmt::format("{}: {}", option, s.message()));
  if (ParseSshPublicKey(text, out)) return Status::OK();
  if (ParseOpensshPrivateKey(text, out)) {
    // The comment lies in the private part: take it from the .pub beside it.
    std::string pub_text;
    SshPublicKey pub;
    if (RealDisk()->ReadFile(path + ".pub", &pub_text).ok() && ParseSshPublicKey(pub_text, &pub) &&
        pub.SameKey(*out)) {
      out->comment = pub.comment;
    }
    return Status::OK();
  }
  if (text.find("PRIVATE KEY-----") != std::string::npos) {
    return Status::InvalidArgument(
        TrF("{}: {} is a private key in an older format (PEM): give its public key file, {}.pub "
            "('ssh-keygen -y -f {} > {}.pub' writes it); nothing was changed",
            option, path, path, path, path));
  }
  return Status::InvalidArgument(
      TrF("{}: {} is not an SSH key file (a public key 'ssh-ed25519 AAAA…', or an OpenSSH private "
          "key); nothing was changed",
          option, path));
}

Status GitSetupSigning(const std::string& root, const std::string& key_path,
                       const std::string& allowed_signers) {
  if (!InGitWorkTree(root)) {
    return Status::NotAllowed(TrF(
        "{} is not in a git repository: run 'git init' there first, then 'svc git-setup'", root));
  }
  const std::vector<std::pair<std::string, std::string>> settings = {
      {"gpg.format", "ssh"},
      {"user.signingkey", key_path},
      {"commit.gpgsign", "true"},
      {"gpg.ssh.allowedSignersFile", allowed_signers},
  };
  for (const auto& [key, value] : settings) {
    SVC_RETURN_IF_ERROR(RunGit(root, {"config", "--local", key, value}, nullptr));
  }
  return Status::OK();
}

Status GitReadSignatures(const std::string& dir, const std::string& signers,
                         const std::vector<std::string>& args,
                         std::unordered_map<std::string, GitSignature>* out) {
  if (!OnPath("ssh-keygen")) {
    return Status::NotAllowed(
        _("[audit] signed = true, but ssh-keygen (OpenSSH's client tools), which git runs to check "
          "SSH signatures, is not installed"));
  }
  TempFile file;
  SVC_RETURN_IF_ERROR(file.Create(signers));
  std::vector<std::string> log = {"-c", "gpg.ssh.allowedSignersFile=" + file.path(), "log",
                                  "--format=%H%x00%G?%x00%GK%x00"};
  log.insert(log.end(), args.begin(), args.end());
  std::unique_ptr<GitStream> stream;
  SVC_RETURN_IF_ERROR(GitStream::Start(dir, log, &stream));
  std::string hash, code, key;
  while (stream->Next(&hash) && stream->Next(&code) && stream->Next(&key)) {
    GitSignature& g = (*out)[std::string(Trim(hash))];
    g.code = code.empty() ? 'N' : code[0];
    g.key = std::string(Trim(key));
  }
  return stream->Finish();
}

}  // namespace svc
