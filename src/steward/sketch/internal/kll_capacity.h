#pragma once

#include <cstddef>
#include <cstdint>

namespace steward::sketch::internal {

// Level capacities of a KLL sketch, as in Apache DataSketches (kll_helper): the top level holds
// k items and each level below holds 2/3 of the one above, rounded, but at least kKllMinWidth.

inline constexpr uint32_t kKllMinWidth = 8;
// Level h holds items of weight 2^h; 61 levels cover any count that fits 64 bits.
inline constexpr size_t kKllMaxLevels = 61;

// Capacity of level `height` in a sketch of `num_levels` levels.
// REQUIRES: height < num_levels <= kKllMaxLevels, 8 <= k <= 65535.
uint32_t KllLevelCapacity(uint32_t k, size_t num_levels, size_t height);

// Sum of the capacities of all `num_levels` levels.
uint64_t KllTotalCapacity(uint32_t k, size_t num_levels);

}  // namespace steward::sketch::internal
