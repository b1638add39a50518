#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "steward/core/column.h"
#include "steward/core/result.h"
#include "steward/profile/profile_options.h"
#include "steward/sketch/distinct_counter.h"
#include "steward/sketch/hash_set64.h"
#include "steward/sketch/hyperloglog.h"
#include "steward/sketch/kll_sketch.h"
#include "steward/sketch/moments.h"
#include "steward/sketch/space_saving.h"

namespace steward::profile {

// Everything a profile keeps is mergeable: the profile of concatenated data is the merge of
// the profiles of its parts (exactly for counts and moments, within the sketch bounds for
// quantiles and distinct counts). Summaries (quantiles, alerts, ...) are derived on output.

struct NumericState {
  sketch::Moments moments;  // finite values
  sketch::KllSketch quantiles;
  uint64_t zeros = 0;
  uint64_t negatives = 0;
  uint64_t positive_infinities = 0;
  uint64_t negative_infinities = 0;
  uint64_t non_integers = 0;  // finite values with a fraction: an integer column may be an ID
};

struct TextState {
  sketch::SpaceSaving top;
  sketch::Moments lengths;  // in UTF-8 code points
};

struct TimestampState {
  sketch::KllSketch quantiles;  // microseconds since the epoch
};

struct ColumnState {
  std::string name;
  ColumnKind kind = ColumnKind::kNumeric;
  uint64_t count = 0;  // rows, missing included
  uint64_t missing = 0;
  // Distinct non-missing values; categorical and boolean columns count exactly by label.
  sketch::DistinctCounter distinct;
  // Exact counts by label, for categorical and boolean ("false"/"true") columns.
  std::map<std::string, uint64_t> label_counts;
  std::optional<NumericState> numeric;
  std::optional<TextState> text;
  std::optional<TimestampState> timestamp;

  struct DistinctValues {
    double value = 0;  // a whole number, estimated when not exact
    bool exact = true;
  };
  // Exact for categorical and boolean columns (by label), else as the counter knows it.
  DistinctValues Distinct() const;
};

// Co-moments of two numeric columns over the rows where both are present (pandas' pairwise
// Pearson convention).
struct PairMoments {
  uint64_t count = 0;
  double mean_x = 0, mean_y = 0;
  double m2_x = 0, m2_y = 0, c_xy = 0;
  void Merge(const PairMoments& other);
  double Correlation() const;  // NaN when undefined
};

// Counts of label pairs of two categorical columns, for Cramér's V and target leakage.
struct Contingency {
  std::map<std::pair<std::string, std::string>, uint64_t> counts;
};

struct DuplicateState {
  // Hashes of distinct rows while there are at most options.duplicate_exact_limit; beyond,
  // only the HyperLogLog of row hashes remains and the duplicate count is an estimate.
  sketch::HashSet64 exact_rows;
  bool exact = true;
  sketch::HyperLogLog rows{14};
  uint64_t rows_seen = 0;
  // The exact count from a profile file too large to keep its row hashes: shown as it is,
  // but a merge has to estimate.
  std::optional<uint64_t> recorded_duplicates;

  struct Duplicates {
    uint64_t rows = 0;  // rows equal in every column to an earlier row
    bool exact = true;  // false: estimated from the HyperLogLog
  };
  Duplicates Count() const;
};

// A uniform sample of rows: those with the smallest keys, a seeded hash of each row's place.
struct SampleRow {
  uint64_t key = 0;
  std::vector<std::optional<std::string>> values;
};

struct Profile {
  ProfileOptions options;
  std::string source;  // where the data came from (passwords removed)
  uint64_t rows = 0;
  std::vector<ColumnState> columns;
  DuplicateState duplicates;
  // Keyed by column indexes (first < second).
  std::map<std::pair<size_t, size_t>, PairMoments> pearson;
  std::map<std::pair<size_t, size_t>, Contingency> contingency;
  // With a target: each numeric feature's quantile sketch per target label, for leakage.
  std::map<size_t, std::map<std::string, sketch::KllSketch>> by_target_class;
  std::vector<SampleRow> sample;

  std::optional<size_t> FindColumn(std::string_view name) const;
};

// Merges `other` into `into`: same columns (names and kinds) in the same order, and the same
// sketch settings; fails naming the first difference.
Status MergeProfiles(Profile& into, const Profile& other);

}  // namespace steward::profile
