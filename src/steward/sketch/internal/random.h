#pragma once

#include <cmath>
#include <cstdint>

namespace steward::sketch::internal {

// SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded generator whose whole state is one
// uint64, so sketches can store it in their JSON and continue identically after a round trip.
// Not thread-safe.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed = 0) : state_(seed) {}

  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  // Uniform in the open interval (0, 1), so log() of it is always finite.
  double NextOpenUnit() { return (static_cast<double>(Next() >> 11) + 0.5) * 0x1.0p-53; }

  // Uniform in [0, bound) without modulo bias (Lemire 2019). REQUIRES: bound > 0.
  uint64_t NextBelow(uint64_t bound) {
    uint64_t threshold = (0 - bound) % bound;
    while (true) {
      uint64_t x = Next();
      uint64_t high = MulHigh(x, bound);
      uint64_t low = x * bound;
      if (low >= threshold)
        return high;
    }
  }

  // Standard normal by the Marsaglia polar method.
  double NextNormal() {
    while (true) {
      double u = 2.0 * NextOpenUnit() - 1.0;
      double v = 2.0 * NextOpenUnit() - 1.0;
      double s = u * u + v * v;
      if (s > 0.0 && s < 1.0)
        return u * std::sqrt(-2.0 * std::log(s) / s);
    }
  }

  // Gamma(shape, 1) by Marsaglia and Tsang (2000). REQUIRES: shape >= 1.
  double NextGamma(double shape) {
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    while (true) {
      double x = NextNormal();
      double v = 1.0 + c * x;
      if (v <= 0.0)
        continue;
      v = v * v * v;
      double u = NextOpenUnit();
      if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v))
        return d * v;
    }
  }

  // Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). REQUIRES: a, b >= 1.
  double NextBeta(double a, double b) {
    double x = NextGamma(a);
    double y = NextGamma(b);
    return x / (x + y);
  }

  uint64_t state() const { return state_; }

 private:
  static uint64_t MulHigh(uint64_t a, uint64_t b) {
    uint64_t a_lo = a & 0xFFFFFFFFULL, a_hi = a >> 32;
    uint64_t b_lo = b & 0xFFFFFFFFULL, b_hi = b >> 32;
    uint64_t lo_lo = a_lo * b_lo, hi_lo = a_hi * b_lo, lo_hi = a_lo * b_hi, hi_hi = a_hi * b_hi;
    uint64_t cross = (lo_lo >> 32) + (hi_lo & 0xFFFFFFFFULL) + lo_hi;
    return hi_hi + (hi_lo >> 32) + (cross >> 32);
  }

  uint64_t state_;
};

}  // namespace steward::sketch::internal
