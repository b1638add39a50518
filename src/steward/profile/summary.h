#pragma once

#include <nlohmann/json.hpp>

#include "steward/profile/profile.h"

namespace steward::profile {

// What a person or a tool reads from a profile, derived from its mergeable state: per-column
// statistics, correlations, target analysis, duplicates and alerts. docs/formats/profile.md
// lists every field and says which are exact and which carry a sketch's error bound.
nlohmann::json SummarizeProfile(const Profile& profile);

}  // namespace steward::profile
