#pragma once

#include <vector>

#include "steward/core/table.h"
#include "steward/profile/internal/profile_plan.h"
#include "steward/profile/profile.h"

namespace steward::profile::internal {

// Co-moments of one batch for each of plan.pearson_pairs, over the rows where both values are
// finite: columns without a missing or infinite value share one centered copy and a blocked dot
// product; the others are summed in row order over the runs of rows between non-finite ones.
std::vector<PairMoments> ProfilePearson(const ProfilePlan& plan, const Table& batch);

}  // namespace steward::profile::internal
