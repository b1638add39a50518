#pragma once

#include <array>
#include <cstddef>
#include <span>

namespace steward::sketch::internal {

// The two passes of Moments::AddBatch. Value i goes to lane i % 4 while four remain, the rest to
// lane 0; each lane sums in order. Independent lanes break the loop-carried dependency (and four
// interleaved partial sums are a little more accurate than one running sum, too). The SSE2 versions
// run two lanes per instruction with the same operations per lane, so they give the scalar
// versions' results bit for bit.
inline constexpr size_t kMomentLanes = 4;

struct LaneSums {
  // Neumaier compensated sums of the values, per lane.
  std::array<double, kMomentLanes> sums{}, compensations{};
  // The first value equal to the smallest and to the largest (as a running std::min / std::max
  // from values[0] keeps them: it matters only for -0.0 and 0.0).
  double lo = 0, hi = 0;
};

// REQUIRES: values is not empty, every value is finite.
LaneSums SumLanes(std::span<const double> values);
LaneSums SumLanesScalar(std::span<const double> values);

// Σ d, Σ d², Σ d³, Σ d⁴ of d = value - mean, per lane.
struct LanePowers {
  std::array<double, kMomentLanes> s1{}, s2{}, s3{}, s4{};
};

LanePowers PowerLanes(std::span<const double> values, double mean);
LanePowers PowerLanesScalar(std::span<const double> values, double mean);

}  // namespace steward::sketch::internal
