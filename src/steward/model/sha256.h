#pragma once

#include <string>
#include <string_view>

#include "steward/core/result.h"

namespace steward::model {

// Lower-case hex SHA-256 of `bytes` (OpenSSL). Thread-safe.
std::string Sha256Hex(std::string_view bytes);

// Lower-case hex SHA-256 of a file's contents, read in blocks. Fails naming the path.
Result<std::string> Sha256File(const std::string& path);

}  // namespace steward::model
