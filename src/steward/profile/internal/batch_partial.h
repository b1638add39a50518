#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "steward/core/table.h"
#include "steward/profile/internal/profile_plan.h"
#include "steward/profile/profile.h"

namespace steward::profile::internal {

// The order-sensitive statistics of consecutive batches: floating-point moments, quantile
// sketches, frequent text values and the sample. Partials are merged in file order so that
// the result does not depend on which thread finished first.
struct BatchPartial {
  uint64_t rows = 0;
  std::vector<std::optional<NumericState>> numeric;  // per column
  std::vector<std::optional<TextState>> text;
  std::vector<std::optional<TimestampState>> timestamp;
  std::vector<PairMoments> pearson;  // per plan.pearson_pairs
  // [numeric feature in plan.numeric_columns][target class code]
  std::vector<std::vector<std::optional<sketch::KllSketch>>> by_class;
  std::vector<SampleRow> sample;  // at most options.sample_rows, ascending keys
  // Categories of the latest batch per column (they only grow), to name codes at the end.
  std::vector<std::shared_ptr<const Categories>> categories;
};

// Profiles one batch. Rows whose sample key is not below `sample_threshold` cannot enter the
// sample and are not rendered.
BatchPartial ProfileBatchInOrder(const ProfilePlan& plan, const ProfileOptions& options,
                                 size_t batch_index, const Table& batch, uint64_t sample_threshold);

// Appends `next` (the batch after those in `into`) to `into`.
void MergeInOrder(BatchPartial& into, BatchPartial&& next, const ProfileOptions& options);

// The largest key in a full sample (rows with larger keys cannot enter), else UINT64_MAX.
uint64_t SampleThreshold(const std::vector<SampleRow>& sample, size_t capacity);

// Keeps the `capacity` rows with the smallest keys of both, ascending.
void MergeSamples(std::vector<SampleRow>& into, std::vector<SampleRow> other, size_t capacity);

}  // namespace steward::profile::internal
