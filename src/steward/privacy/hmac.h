#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace steward::privacy {

using HmacSha256Digest = std::array<uint8_t, 32>;

// HMAC-SHA256 (RFC 2104, FIPS 198-1) through OpenSSL. Pure; safe from any thread.
HmacSha256Digest HmacSha256(std::span<const uint8_t> key, std::string_view message);

// Lower-case hex of `bytes`.
std::string ToHex(std::span<const uint8_t> bytes);

}  // namespace steward::privacy
