#pragma once

#include <string>
#include <string_view>

namespace steward::registry::internal {

// SHA-256 of an API key row's salt and salted hash, as recorded in its key_create audit entry,
// so `verify` detects a key row whose credential was swapped.
std::string CredentialDigest(std::string_view salt, std::string_view hash);

}  // namespace steward::registry::internal
