#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "steward/core/result.h"

namespace steward::privacy {

// A pseudonymisation key: 256 random bits (RELIABILITY.md section 5), kept outside the data
// and the registry. On disk: 64 lower-case hex digits and a newline, file mode 0600.
inline constexpr size_t kKeyBytes = 32;
using PseudonymKey = std::array<uint8_t, kKeyBytes>;

// Creates `path` with a new key from OpenSSL's RAND_bytes, mode 0600, fsynced. Never
// overwrites: an existing file is kAlreadyExists. kInternal if the random generator fails.
Status CreateKeyFile(const std::string& path);

// Reads a key written by CreateKeyFile. kNotFound when missing; kPermissionDenied when the
// file is readable or writable by group or others (a key anyone can read protects nothing);
// kInvalidArgument when it is not a regular file or not 64 hex digits.
Result<PseudonymKey> LoadKeyFile(const std::string& path);

}  // namespace steward::privacy
