#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace steward::sketch::internal {

// Standard base64 (RFC 4648, with padding). Used to keep register arrays compact in JSON.
std::string Base64Encode(std::string_view bytes);

// Strict decoding: nullopt unless `text` is canonical padded base64.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace steward::sketch::internal
