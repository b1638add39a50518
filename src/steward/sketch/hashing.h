#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>

#include <xxhash.h>

namespace steward::sketch {

// 64-bit hashes for sketches (HyperLogLog, distinct and duplicate counting).
// Pure functions; safe from any thread. Values are stable across runs and machines of the same
// endianness, so they may be stored (e.g. in a DistinctCounter's JSON).

// XXH3-64 of `bytes`.
inline uint64_t HashBytes(std::string_view bytes, uint64_t seed = 0) {
  return XXH3_64bits_withSeed(bytes.data(), bytes.size(), seed);
}

namespace internal {

// Pelle Evensen's rrmxmx mixer: a bijection on 64 bits with strong avalanche, even on
// counter-like inputs such as the bit patterns of consecutive integers.
constexpr uint64_t Mix64(uint64_t value) {
  value ^= std::rotr(value, 49) ^ std::rotr(value, 24);
  value *= 0x9FB21C651E98DF25ULL;
  value ^= value >> 28;
  value *= 0x9FB21C651E98DF25ULL;
  return value ^ (value >> 28);
}

}  // namespace internal

// Hash of a number that treats -0.0 like 0.0 and every NaN alike. Distinct values of any other
// kind never collide, since the mixer is a bijection of the bit pattern.
inline uint64_t HashNumber(double value) {
  if (value == 0.0)
    value = 0.0;
  if (std::isnan(value))
    value = std::numeric_limits<double>::quiet_NaN();
  return internal::Mix64(std::bit_cast<uint64_t>(value));
}

// Hash of `value` appended to a sequence hashed so far as `seed`: order-dependent, and a
// bijection in each argument when the other is fixed, so two rows that differ in exactly one
// column never get the same combined hash.
constexpr uint64_t HashCombine(uint64_t seed, uint64_t value) {
  return internal::Mix64(internal::Mix64(seed + 0x9E3779B97F4A7C15ULL) ^ value);
}

}  // namespace steward::sketch
