#pragma once

#include <cstdint>
#include <limits>
#include <random>
#include <span>
#include <vector>

namespace steward::fairness {

// SplitMix64: fast, and good enough to draw resamples; seeded per resample so that results do
// not depend on how resamples are spread over threads.
class FastRandom {
 public:
  using result_type = uint64_t;
  explicit FastRandom(uint64_t seed) : state_(seed) {}
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<uint64_t>::max(); }
  result_type operator()() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, bound) by multiply-shift; the bias, bound / 2^64, is far below any effect.
  uint64_t Below(uint64_t bound) {
    __extension__ using Wide = unsigned __int128;
    return static_cast<uint64_t>((static_cast<Wide>((*this)()) * bound) >> 64);
  }

 private:
  uint64_t state_;
};

// How many of `total` rows drawn with replacement land in each cell, when the cells hold
// `counts` rows (summing to total): a multinomial draw by successive binomials. Resampling rows
// and then counting them per cell has exactly this distribution.
std::vector<uint64_t> DrawMultinomial(std::span<const uint64_t> counts, FastRandom& random);

}  // namespace steward::fairness
