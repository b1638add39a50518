#include "steward/privacy/key_file.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include "steward/privacy/hmac.h"

namespace steward::privacy {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

}  // namespace

Status CreateKeyFile(const std::string& path) {
  PseudonymKey key{};
  if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1)
    return Status::Internal("OpenSSL RAND_bytes failed to generate a key");
  const std::string text = ToHex(key) + "\n";
  // O_EXCL: never replace a key, which would silently break every pseudonym made with it.
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    const int error = errno;
    if (error == EEXIST)
      return Status::AlreadyExists(path +
                                   ": a file is already there; keygen never overwrites a key");
    return Status::InvalidArgument(path + ": cannot create the key file: " + std::strerror(error));
  }
  // The umask cannot widen 0600, but an inherited ACL default could: set it explicitly.
  const bool written = fchmod(fd, 0600) == 0 &&
                       write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                       fsync(fd) == 0;
  const int error = errno;
  close(fd);
  if (!written) {
    unlink(path.c_str());
    return Status::DataLoss(path + ": cannot write the key file: " + std::strerror(error));
  }
  return Status::Ok();
}

Result<PseudonymKey> LoadKeyFile(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    const int error = errno;
    if (error == ENOENT)
      return Status::NotFound(
          path + ": key file not found (create one with 'steward keygen --out " + path + "')");
    return Status::InvalidArgument(path + ": cannot open the key file: " + std::strerror(error));
  }
  struct stat info {};
  std::string text(2 * kKeyBytes + 2, '\0');
  const bool stat_ok = fstat(fd, &info) == 0;
  const ssize_t read_bytes =
      stat_ok && S_ISREG(info.st_mode) ? read(fd, text.data(), text.size()) : -1;
  close(fd);
  if (!stat_ok || !S_ISREG(info.st_mode))
    return Status::InvalidArgument(path + ": the key file is not a regular file");
  if ((info.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
    return Status::PermissionDenied(path + ": the key file has mode " + mode +
                                    "; group and others must have no access (chmod 600 " + path +
                                    ")");
  }
  if (read_bytes < 0)
    return Status::InvalidArgument(path + ": cannot read the key file");
  text.resize(static_cast<size_t>(read_bytes));
  if (!text.empty() && text.back() == '\n')
    text.pop_back();
  PseudonymKey key{};
  if (text.size() != 2 * kKeyBytes)
    return Status::InvalidArgument(
        path + ": a key file holds 64 hex digits (written by 'steward keygen')");
  for (size_t i = 0; i < kKeyBytes; ++i) {
    const int high = HexValue(text[2 * i]);
    const int low = HexValue(text[2 * i + 1]);
    if (high < 0 || low < 0)
      return Status::InvalidArgument(
          path + ": a key file holds 64 hex digits (written by 'steward keygen')");
    key[i] = static_cast<uint8_t>(high * 16 + low);
  }
  return key;
}

}  // namespace steward::privacy
