// SSH public keys and the allowed_signers file (format/allowed_signers.h).
#include "format/allowed_signers.h"

#include <doctest/doctest.h>

#include <string>

namespace svc {
namespace {

constexpr const char* kAlice =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGtl8dM7qdKoN3HqM0eDdta7oBns54uKquXKtTOPilGa alice@lap";

// A throwaway key made for this test with `ssh-keygen -t ed25519 -N secret -C enc`.
constexpr const char* kLockedPrivate =
    "-----BEGIN OPENSSH PRIVATE KEY-----\n"
    "b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABAH1F4qMy\n"
    "CRMzzHNOg1BjzVAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIN7p2nd1cDdfrj6E\n"
    "RqGBQ1R2nq7GGH4vafs2gPBSHHzJAAAAkForbKwHrzEwPN0brhZk7IlleDIMCoAxvtxe2U\n"
    "qNMQXzHA7Y/3z2SxbJHpfA6NfNm7GpVJ81QY0Ts5cNl2RhpOVBEWjSJ5BlkI8cGV9MBGPW\n"
    "oXxRhw7Vls5kvvdZcVhwYGdhBt4GxtFM1oAnZ8cyqNoncP7lrz5+GYPUkzLy3CWC0Ne0NE\n"
    "aQATTxzgIA62RzGA==\n"
    "-----END OPENSSH PRIVATE KEY-----\n";
constexpr const char* kLockedPublicBlob =
    "AAAAC3NzaC1lZDI1NTE5AAAAIN7p2nd1cDdfrj6ERqGBQ1R2nq7GGH4vafs2gPBSHHzJ";

TEST_CASE("allowed_signers: a public key line") {
  SshPublicKey k;
  REQUIRE(ParseSshPublicKey(std::string(kAlice) + "\n", &k));
  CHECK(k.type == "ssh-ed25519");
  CHECK(k.comment == "alice@lap");
  CHECK(k.Line() == kAlice);
  CHECK_FALSE(ParseSshPublicKey("hello", &k));
  CHECK_FALSE(ParseSshPublicKey("ssh-ed25519 AAAAnotbase64!! x@y", &k));
  // The blob must name the type the line says.
  CHECK_FALSE(ParseSshPublicKey(
      "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIGtl8dM7qdKoN3HqM0eDdta7oBns54uKquXKtTOPilGa", &k));
  CHECK_FALSE(ParseSshPublicKey(std::string(kAlice) + "\n" + kAlice, &k));
}

TEST_CASE("allowed_signers: an OpenSSH private key's public half, without its passphrase") {
  SshPublicKey k;
  REQUIRE(ParseOpensshPrivateKey(kLockedPrivate, &k));
  CHECK(k.type == "ssh-ed25519");
  CHECK(k.blob == kLockedPublicBlob);
  CHECK_FALSE(ParseOpensshPrivateKey(kAlice, &k));
  CHECK_FALSE(ParseOpensshPrivateKey(
      "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n", &k));
}

TEST_CASE("allowed_signers: lines read and written") {
  SshPublicKey alice;
  REQUIRE(ParseSshPublicKey(kAlice, &alice));
  CHECK(AllowedSignerLine("alice@example.com", alice) ==
        std::string("alice@example.com namespaces=\"git\" ") + kAlice);
  CHECK(
      AllowedSignerLine("Li Wei", alice).starts_with("\"Li Wei\" namespaces=\"git\" ssh-ed25519"));
  CHECK(AllowedSignerLine("王芳", alice).starts_with("\"王芳\" "));
  CHECK(IsValidPrincipal("Li Wei"));
  CHECK_FALSE(IsValidPrincipal(""));
  CHECK_FALSE(IsValidPrincipal("a,b"));
  CHECK_FALSE(IsValidPrincipal("a\"b"));
  CHECK_FALSE(IsValidPrincipal("*"));

  std::string text = "# the desk's signers\n\n" + AllowedSignerLine("Li Wei", alice) +
                     "\nbob namespaces=\"git\",valid-before=\"20270101\" ssh-ed25519 " +
                     kLockedPublicBlob + "\nno key here\n";
  std::vector<AllowedSigner> signers = ParseAllowedSigners(text);
  REQUIRE(signers.size() == 2);
  CHECK(signers[0].principals == "\"Li Wei\"");
  CHECK(signers[0].options == "namespaces=\"git\"");
  CHECK(signers[0].key.SameKey(alice));
  CHECK(signers[0].line == 3);
  CHECK(signers[1].options == "namespaces=\"git\",valid-before=\"20270101\"");
  CHECK(signers[1].key.comment.empty());
  CHECK(AllowsKey(text, alice));
  SshPublicKey other = alice;
  other.blob = kLockedPublicBlob;
  CHECK(AllowsKey(text, other));
  CHECK_FALSE(AllowsKey("# nothing\n", alice));
}

}  // namespace
}  // namespace svc
