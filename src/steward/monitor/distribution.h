#pragma once
// What the drift tests compare: one column's values on one side (reference or current), as a
// step CDF for numeric columns and as counts by label for the others.

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "steward/core/column.h"
#include "steward/sketch/kll_sketch.h"

namespace steward::monitor {

// The label a missing categorical value is counted under, as the reference computation
// (pandas fillna("<missing>")) counts it.
inline constexpr std::string_view kMissingLabel = "<missing>";

// A numeric column's non-missing values: distinct values ascending, each with the total weight
// of the values <= it. Weights are 1 per row when exact; from a KLL sketch they are the sketch's
// item weights and every rank is within `rank_error` (normalized).
struct NumericDistribution {
  std::vector<double> values;
  std::vector<double> cumulative;
  double total = 0;
  bool exact = true;
  double rank_error = 0;
  double std_population = 0;  // standard deviation, ddof = 0
  // numpy.quantile(values, [0, 0.1, ..., 1]) (linear), the PSI and JS bins' edges.
  std::vector<double> deciles;

  double min() const { return values.front(); }
  double max() const { return values.back(); }
  // Weight of the values < x (strictly).
  double WeightBelow(double x) const;
  // Weight of the values <= x.
  double WeightAtOrBelow(double x) const;
};

// The values a column held on one side, before the tests: numeric values in a KLL sketch that
// stays exact up to its limit, or counts by label (missing under kMissingLabel).
struct ColumnValues {
  std::string name;
  ColumnKind kind = ColumnKind::kNumeric;  // numeric, or categorical for every other kind
  uint64_t rows = 0;
  uint64_t missing = 0;
  sketch::KllSketch numeric;
  std::map<std::string, uint64_t> label_counts;

  bool is_numeric() const { return kind == ColumnKind::kNumeric; }
};

// The numeric column's step CDF (sorting its values once, in place: the sketch is consumed).
// REQUIRES: at least one value.
NumericDistribution MakeNumericDistribution(sketch::KllSketch values);

// Sorts doubles ascending (NaN excluded by the caller), by radix on their bits: a million values
// in a fraction of std::sort's time.
void SortDoubles(std::vector<double>& values);

}  // namespace steward::monitor
