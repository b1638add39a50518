#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "steward/core/result.h"
#include "steward/core/table.h"
#include "steward/model/predictor.h"

namespace steward::model {

struct PermutationScore {
  std::string feature;
  double mean = 0;  // mean loss of the headline metric (positive: the feature matters)
  double sd = 0;    // sample standard deviation over repeats (0 for one repeat)
  std::vector<double> losses;
};
struct PermutationImportance {
  std::string metric;  // "roc_auc", "log_loss" or "rmse"
  double baseline = 0;
  size_t rows = 0;  // rows with a target
  size_t repeats = 0;
  uint64_t seed = 0;
  std::vector<PermutationScore> scores;  // sorted by mean descending
};

// Permutation importance (Breiman): for each feature, its column of the labelled rows is
// shuffled `repeats` times (std::mt19937_64 seeded with `seed`, one generator for the run) and
// the model's headline metric recomputed: binary ROC AUC (loss = baseline - shuffled),
// multiclass log-loss and regression RMSE (loss = shuffled - baseline), unweighted, from
// steward::metrics. Rows without a target are left out. Fails with kInvalidArgument naming
// `source` when the table lacks the target column or no row has a target; `on_step` (may be
// empty) is called after each shuffle.
Result<PermutationImportance> ComputePermutationImportance(
    const Predictor& predictor, const Table& table, const std::string& source, size_t repeats,
    uint64_t seed, const std::function<void(uint64_t done, uint64_t total)>& on_step);

}  // namespace steward::model
