#include "format/allowed_signers.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

#include "base/text.h"

namespace svc {
namespace {

// The key types OpenSSH signs with (ssh-keygen -Y sign).
constexpr std::array<std::string_view, 8> kKeyTypes = {
    "ssh-ed25519",
    "ssh-rsa",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
    "ssh-dss",
};

bool IsKeyType(std::string_view word) {
  return std::find(kKeyTypes.begin(), kKeyTypes.end(), word) != kKeyTypes.end();
}

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Standard base64 (padding optional); nullopt for anything else.
std::optional<std::string> Base64Decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    int v = Base64Value(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  if (bits >= 6) return std::nullopt;  // a dangling character
  return out;
}

std::string Base64Encode(std::string_view data) {
  static constexpr char kDigits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    uint32_t n = (static_cast<uint8_t>(data[i]) << 16) | (static_cast<uint8_t>(data[i + 1]) << 8) |
                 static_cast<uint8_t>(data[i + 2]);
    out += kDigits[(n >> 18) & 63];
    out += kDigits[(n >> 12) & 63];
    out += kDigits[(n >> 6) & 63];
    out += kDigits[n & 63];
  }
  if (i + 1 == data.size()) {
    uint32_t n = static_cast<uint32_t>(static_cast<uint8_t>(data[i])) << 16;
    out += kDigits[(n >> 18) & 63];
    out += kDigits[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == data.size()) {
    uint32_t n = (static_cast<uint32_t>(static_cast<uint8_t>(data[i])) << 16) |
                 (static_cast<uint32_t>(static_cast<uint8_t>(data[i + 1])) << 8);
    out += kDigits[(n >> 18) & 63];
    out += kDigits[(n >> 12) & 63];
    out += kDigits[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

// Reads SSH's wire format (RFC 4251): uint32 lengths before strings.
class WireReader {
 public:
  explicit WireReader(std::string_view data) : data_(data) {}
  bool U32(uint32_t* v) {
    if (data_.size() < 4) return false;
    *v = (static_cast<uint32_t>(static_cast<uint8_t>(data_[0])) << 24) |
         (static_cast<uint32_t>(static_cast<uint8_t>(data_[1])) << 16) |
         (static_cast<uint32_t>(static_cast<uint8_t>(data_[2])) << 8) |
         static_cast<uint32_t>(static_cast<uint8_t>(data_[3]));
    data_.remove_prefix(4);
    return true;
  }
  bool String(std::string_view* s) {
    uint32_t n = 0;
    if (!U32(&n) || n > data_.size()) return false;
    *s = data_.substr(0, n);
    data_.remove_prefix(n);
    return true;
  }

 private:
  std::string_view data_;
};

// The type a key blob names (its first string), "" if none.
std::string_view BlobType(std::string_view blob) {
  WireReader r(blob);
  std::string_view type;
  return r.String(&type) ? type : std::string_view();
}

// The words of a line: spaces and tabs separate, double quotes group.
std::vector<std::string_view> Words(std::string_view line) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size()) break;
    size_t start = i;
    bool quoted = false;
    while (i < line.size() && (quoted || (line[i] != ' ' && line[i] != '\t'))) {
      if (line[i] == '"') quoted = !quoted;
      ++i;
    }
    words.push_back(line.substr(start, i - start));
  }
  return words;
}

// The rest of `line` after its first `n` words (a key's comment), trimmed.
std::string_view AfterWords(std::string_view line, const std::vector<std::string_view>& words,
                            size_t n) {
  if (words.size() <= n) return {};
  size_t from = static_cast<size_t>(words[n].data() - line.data());
  return Trim(line.substr(from));
}

}  // namespace

std::string SshPublicKey::Line() const {
  return comment.empty() ? fmt::format("{} {}", type, blob)
                         : fmt::format("{} {} {}", type, blob, comment);
}

bool ParseSshPublicKey(std::string_view text, SshPublicKey* out) {
  text = Trim(text);
  if (text.find('\n') != std::string_view::npos) return false;  // one line
  std::vector<std::string_view> words = Words(text);
  if (words.size() < 2 || !IsKeyType(words[0])) return false;
  std::optional<std::string> blob = Base64Decode(words[1]);
  if (!blob || BlobType(*blob) != words[0]) return false;
  out->type = std::string(words[0]);
  out->blob = std::string(words[1]);
  out->comment = std::string(AfterWords(text, words, 2));
  return true;
}

bool ParseOpensshPrivateKey(std::string_view text, SshPublicKey* out) {
  constexpr std::string_view kBegin = "-----BEGIN OPENSSH PRIVATE KEY-----";
  constexpr std::string_view kEnd = "-----END OPENSSH PRIVATE KEY-----";
  size_t begin = text.find(kBegin);
  size_t end = text.find(kEnd);
  if (begin == std::string_view::npos || end == std::string_view::npos || end < begin) {
    return false;
  }
  std::string body;
  for (char c : text.substr(begin + kBegin.size(), end - begin - kBegin.size())) {
    if (c != '\n' && c != '\r' && c != ' ' && c != '\t') body += c;
  }
  std::optional<std::string> data = Base64Decode(body);
  constexpr std::string_view kMagic{"openssh-key-v1\0", 15};
  if (!data || !std::string_view(*data).starts_with(kMagic)) return false;
  // ciphername, kdfname, kdfoptions, the number of keys, then the first
  // public key — in clear even when the private part is encrypted.
  WireReader r(std::string_view(*data).substr(kMagic.size()));
  std::string_view cipher, kdf, kdf_options, blob;
  uint32_t keys = 0;
  if (!r.String(&cipher) || !r.String(&kdf) || !r.String(&kdf_options) || !r.U32(&keys) ||
      keys < 1 || !r.String(&blob)) {
    return false;
  }
  std::string_view type = BlobType(blob);
  if (!IsKeyType(type)) return false;
  out->type = std::string(type);
  out->blob = Base64Encode(blob);
  out->comment.clear();  // the comment lies in the (maybe encrypted) private part
  return true;
}

std::vector<AllowedSigner> ParseAllowedSigners(std::string_view text) {
  std::vector<AllowedSigner> signers;
  int number = 0;
  for (std::string_view line : Split(text, '\n')) {
    ++number;
    line = Trim(line);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string_view> words = Words(line);
    // principals [options] keytype base64 [comment]
    size_t type_at = words.size() > 1 && IsKeyType(words[1]) ? 1 : 2;
    if (words.size() < type_at + 2 || !IsKeyType(words[type_at])) continue;
    AllowedSigner s;
    s.principals = std::string(words[0]);
    if (type_at == 2) s.options = std::string(words[1]);
    s.key.type = std::string(words[type_at]);
    s.key.blob = std::string(words[type_at + 1]);
    s.key.comment = std::string(AfterWords(line, words, type_at + 2));
    s.line = number;
    signers.push_back(std::move(s));
  }
  return signers;
}

bool AllowsKey(std::string_view text, const SshPublicKey& key) {
  for (const AllowedSigner& s : ParseAllowedSigners(text)) {
    if (s.key.SameKey(key)) return true;
  }
  return false;
}

bool IsValidPrincipal(std::string_view principal) {
  if (Trim(principal).empty() || !IsValidUtf8(principal)) return false;
  for (char c : principal) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '"' || c == ',' || c == '*' || c == '?' || c == '!') {
      return false;
    }
  }
  return true;
}

std::string AllowedSignerLine(std::string_view principal, const SshPublicKey& key) {
  bool plain = std::all_of(principal.begin(), principal.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-' || c == '@' || c == '+';
  });
  std::string who = plain ? std::string(principal) : fmt::format("\"{}\"", principal);
  return fmt::format("{} namespaces=\"git\" {}", who, key.Line());
}

}  // namespace svc
