#include "steward/privacy/hmac.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace steward::privacy {

HmacSha256Digest HmacSha256(std::span<const uint8_t> key, std::string_view message) {
  HmacSha256Digest digest{};
  unsigned int length = 0;
  // HMAC() cannot fail for SHA-256 with in-memory buffers short of memory exhaustion, where
  // OpenSSL returns null and the digest stays zero; the key sizes here are fixed and small.
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest.data(),
       &length);
  return digest;
}

std::string ToHex(std::span<const uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (uint8_t byte : bytes) {
    hex.push_back(kDigits[byte >> 4]);
    hex.push_back(kDigits[byte & 0x0F]);
  }
  return hex;
}

}  // namespace steward::privacy
