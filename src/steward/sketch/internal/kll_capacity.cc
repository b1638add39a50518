#include "steward/sketch/internal/kll_capacity.h"

#include <algorithm>
#include <array>

namespace steward::sketch::internal {
namespace {

constexpr std::array<uint64_t, 31> MakePowersOfThree() {
  std::array<uint64_t, 31> powers{};
  powers[0] = 1;
  for (size_t i = 1; i < powers.size(); ++i)
    powers[i] = powers[i - 1] * 3;
  return powers;
}

constexpr std::array<uint64_t, 31> kPowersOfThree = MakePowersOfThree();

// round(k * (2/3)^depth) in integers, for depth <= 30 (DataSketches' int_cap_aux_aux).
uint32_t ScaledCapacity(uint32_t k, size_t depth) {
  const uint64_t twice_k = uint64_t{k} << 1;  // doubled so the +1 >> 1 below rounds
  const uint64_t scaled = (twice_k << depth) / kPowersOfThree[depth];
  return static_cast<uint32_t>((scaled + 1) >> 1);
}

uint32_t CapacityAtDepth(uint32_t k, size_t depth) {
  if (depth <= 30)
    return ScaledCapacity(k, depth);
  const size_t half = depth / 2;
  return ScaledCapacity(ScaledCapacity(k, half), depth - half);
}

}  // namespace

uint32_t KllLevelCapacity(uint32_t k, size_t num_levels, size_t height) {
  const size_t depth = num_levels - height - 1;
  return std::max(kKllMinWidth, CapacityAtDepth(k, depth));
}

uint64_t KllTotalCapacity(uint32_t k, size_t num_levels) {
  uint64_t total = 0;
  for (size_t height = 0; height < num_levels; ++height)
    total += KllLevelCapacity(k, num_levels, height);
  return total;
}

}  // namespace steward::sketch::internal
