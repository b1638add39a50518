#include "steward/model/data_split.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace steward::model {
namespace {

class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

 private:
  uint64_t state_;
};

// Each stratum's rows in a seeded random order; strata in ascending class order.
std::vector<std::vector<uint32_t>> ShuffledStrata(std::span<const uint32_t> rows,
                                                  std::span<const float> strata, uint64_t seed) {
  std::map<float, std::vector<uint32_t>> groups;
  for (uint32_t row : rows)
    groups[strata.empty() ? 0.0f : strata[row]].push_back(row);
  SplitMix64 random(seed);
  std::vector<std::vector<uint32_t>> result;
  for (auto& [stratum, members] : groups) {
    for (size_t i = members.size(); i > 1; --i)
      std::swap(members[i - 1], members[random.Next() % i]);
    result.push_back(std::move(members));
  }
  return result;
}

}  // namespace

Result<RowSplit> StratifiedSplit(std::span<const uint32_t> rows, std::span<const float> strata,
                                 double valid_fraction, uint64_t seed) {
  if (!(valid_fraction > 0 && valid_fraction < 1)) {
    return Status::InvalidArgument("the validation fraction must be between 0 and 1, got " +
                                   std::to_string(valid_fraction));
  }
  RowSplit split;
  for (const std::vector<uint32_t>& members : ShuffledStrata(rows, strata, seed)) {
    size_t valid = static_cast<size_t>(std::llround(valid_fraction * double(members.size())));
    if (valid == 0 && members.size() >= 2)
      valid = 1;
    if (valid == members.size() && members.size() >= 2)
      valid = members.size() - 1;
    split.valid.insert(split.valid.end(), members.begin(), members.begin() + long(valid));
    split.train.insert(split.train.end(), members.begin() + long(valid), members.end());
  }
  if (split.train.empty() || split.valid.empty()) {
    return Status::InvalidArgument("too few rows (" + std::to_string(rows.size()) +
                                   ") to split off a validation set");
  }
  std::sort(split.train.begin(), split.train.end());
  std::sort(split.valid.begin(), split.valid.end());
  return split;
}

Result<std::vector<RowSplit>> StratifiedFolds(std::span<const uint32_t> rows,
                                              std::span<const float> strata, size_t folds,
                                              uint64_t seed) {
  if (folds < 2)
    return Status::InvalidArgument("cross-validation needs at least 2 folds");
  std::vector<std::vector<uint32_t>> fold_rows(folds);
  // Dealing each stratum round-robin, continuing where the last one stopped, keeps fold sizes
  // within one row of each other.
  size_t next = 0;
  for (const std::vector<uint32_t>& members : ShuffledStrata(rows, strata, seed)) {
    for (uint32_t row : members) {
      fold_rows[next].push_back(row);
      next = (next + 1) % folds;
    }
  }
  std::vector<RowSplit> splits(folds);
  for (size_t fold = 0; fold < folds; ++fold) {
    if (fold_rows[fold].empty()) {
      return Status::InvalidArgument("too few rows (" + std::to_string(rows.size()) + ") for " +
                                     std::to_string(folds) + " folds");
    }
    for (size_t other = 0; other < folds; ++other) {
      std::vector<uint32_t>& side = other == fold ? splits[fold].valid : splits[fold].train;
      side.insert(side.end(), fold_rows[other].begin(), fold_rows[other].end());
    }
    std::sort(splits[fold].train.begin(), splits[fold].train.end());
    std::sort(splits[fold].valid.begin(), splits[fold].valid.end());
  }
  return splits;
}

}  // namespace steward::model
