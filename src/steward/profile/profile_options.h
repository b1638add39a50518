#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "steward/sketch/kll_sketch.h"

namespace steward::profile {

// Alert thresholds; the defaults are ydata-profiling's where it has one.
struct AlertThresholds {
  uint64_t high_cardinality = 50;       // categorical/text distinct values above this
  double skewness = 20;                 // |skewness| above this
  uint64_t low_categorical = 5;         // numeric columns with at most this many values
  double correlation = 0.9;             // |Pearson r| or Cramér's V at or above this
  double missing_rate = 0.05;           // missing share above this
  double zeros_rate = 0.1;              // share of zeros above this
  double id_like_distinct_rate = 0.95;  // distinct share of non-missing values at or above this
  double imbalance_minority = 0.1;      // a class of the target below this share
  double leak_score = 0.99;             // single-feature predictive power at or above this
};

struct ProfileOptions {
  std::optional<std::string> target;
  std::vector<double> quantiles{0.05, 0.25, 0.5, 0.75, 0.95};
  uint32_t kll_k = sketch::KllSketch::kDefaultK;
  // Values per column kept raw, so quantiles are exact, before the sketch takes over.
  uint64_t exact_quantile_limit = sketch::KllSketch::kDefaultExactLimit;
  uint64_t distinct_exact_limit = 65'536;
  uint8_t hll_precision = 14;
  uint64_t duplicate_exact_limit = uint64_t{1} << 20;
  size_t top_k = 10;               // frequent values shown
  size_t text_top_capacity = 256;  // space-saving counters per text column
  size_t histogram_bins = 20;
  size_t sample_rows = 100;
  uint64_t seed = 42;
  size_t cramers_max_categories = 100;  // larger categoricals are left out of Cramér's V
  size_t target_max_classes = 20;
  AlertThresholds alerts;
};

}  // namespace steward::profile
