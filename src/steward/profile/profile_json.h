#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "steward/core/result.h"
#include "steward/profile/profile.h"

namespace steward::profile {

inline constexpr std::string_view kProfileFormat = "steward.profile/1";

// The profile document (docs/formats/profile.md): the summary a person or tool reads, and the
// mergeable state it was derived from.
nlohmann::json ProfileToJson(const Profile& profile);

// Reads the state back (the summary is derived again, never trusted). Fails with a message
// naming the field for a document that is not a profile, of another format version,
// truncated, or inconsistent.
Result<Profile> ProfileFromJson(const nlohmann::json& document);

// Reads a profile document; JSON nested deeper than 64 levels is refused. Messages start with
// `name` (the file) and say where the JSON is broken or which field is wrong.
Result<Profile> ParseProfile(std::string_view text, const std::string& name);
Result<Profile> LoadProfile(const std::string& path);

}  // namespace steward::profile
