#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include <nlohmann/json_fwd.hpp>

#include "steward/core/result.h"
#include "steward/sketch/hash_set64.h"
#include "steward/sketch/hyperloglog.h"

namespace steward::sketch {

// Counts distinct 64-bit hashes: exactly while there are at most `exact_limit` of them (a
// HashSet64), then approximately (a HyperLogLog of `precision`, fed every hash seen so far,
// after which the set is freed). The exact count is of distinct hashes: distinct values whose
// hashes collide count once, which for 64-bit hashes of fewer than 2^32 values is negligible,
// and never happens for numbers, whose hash is a bijection (HashNumber).
//
// Not thread-safe; distinct counters may be used from different threads.
class DistinctCounter {
 public:
  // REQUIRES: HyperLogLog::kMinPrecision <= precision <= HyperLogLog::kMaxPrecision.
  explicit DistinctCounter(size_t exact_limit = 65536, uint8_t precision = 14);

  void AddHash(uint64_t hash) {
    if (!hll_) {
      AddExact(hash);
    } else {
      hll_->AddHash(hash);
    }
  }

  // Union with `other`; stays exact while the union has at most exact_limit() hashes.
  // kInvalidArgument if the precisions differ.
  Status Merge(const DistinctCounter& other);

  double Estimate() const;
  bool is_exact() const { return !hll_.has_value(); }
  size_t exact_limit() const { return exact_limit_; }
  uint8_t precision() const { return precision_; }

  // {"type": "distinct_counter", "exact_limit", "precision", and either "hashes" (base64 of the
  // sorted little-endian hashes, while exact) or "hll" (a HyperLogLog's JSON)}.
  nlohmann::json ToJson() const;
  static Result<DistinctCounter> FromJson(const nlohmann::json& json);

 private:
  void AddExact(uint64_t hash);
  void SwitchToSketch();

  size_t exact_limit_;
  uint8_t precision_;
  HashSet64 exact_;
  std::optional<HyperLogLog> hll_;
};

}  // namespace steward::sketch
