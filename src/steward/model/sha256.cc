#include "steward/model/sha256.h"

#include <array>
#include <cstdio>
#include <cstring>
#include <memory>

#include <openssl/evp.h>

namespace steward::model {
namespace {

std::string Hex(const unsigned char* digest, size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex(size * 2, '0');
  for (size_t i = 0; i < size; ++i) {
    hex[2 * i] = kDigits[digest[i] >> 4];
    hex[2 * i + 1] = kDigits[digest[i] & 15];
  }
  return hex;
}

struct ContextDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  // Fetched once, with one context per thread: EVP_Q_digest fetches the algorithm on every
  // call, which costs more than hashing a short key (the server hashes one per request).
  static EVP_MD* const kSha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  thread_local const std::unique_ptr<EVP_MD_CTX, ContextDeleter> context(EVP_MD_CTX_new());
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (kSha256 == nullptr || context == nullptr ||
      EVP_DigestInit_ex2(context.get(), kSha256, nullptr) != 1 ||
      EVP_DigestUpdate(context.get(), bytes.data(), bytes.size()) != 1 ||
      EVP_DigestFinal_ex(context.get(), digest.data(), &size) != 1) {
    size_t fallback_size = 0;
    EVP_Q_digest(nullptr, "SHA256", nullptr, bytes.data(), bytes.size(), digest.data(),
                 &fallback_size);
    return Hex(digest.data(), fallback_size);
  }
  return Hex(digest.data(), size);
}

Result<std::string> Sha256File(const std::string& path) {
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file)
    return Status::NotFound(path + ": cannot open: " + std::strerror(errno));
  std::unique_ptr<EVP_MD_CTX, ContextDeleter> context(EVP_MD_CTX_new());
  if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1)
    return Status::Internal("OpenSSL cannot start a SHA-256 digest");
  std::array<char, 1 << 16> block{};
  size_t read = 0;
  while ((read = std::fread(block.data(), 1, block.size(), file.get())) > 0)
    EVP_DigestUpdate(context.get(), block.data(), read);
  if (std::ferror(file.get()))
    return Status::InvalidArgument(path + ": read error while hashing");
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned size = 0;
  EVP_DigestFinal_ex(context.get(), digest.data(), &size);
  return Hex(digest.data(), size);
}

}  // namespace steward::model
