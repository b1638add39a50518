#pragma once

#include <cstdint>

#include "steward/profile/profile.h"
#include "steward/validate/suite.h"
#include "steward/validate/suite_writer.h"

namespace steward::validate {

// How far a suggested suite lets new data stray from the profiled data. The defaults accept
// a fresh sample of the same process and catch a broken pipeline: a new category, a value
// far out of range, a column that starts going missing, a mean that moves by a quarter of a
// standard deviation (a small-to-medium effect by Cohen's convention).
struct SuggestOptions {
  double range_margin = 0.25;        // share of the observed range added beyond min and max
  double row_count_factor = 2;       // rows within [observed / factor, observed * factor]
  double missing_rate_factor = 1.5;  // max missing rate: observed * factor, and at least +0.01
  double mean_shift = 0.25;          // the mean within this many standard deviations
  uint64_t max_categories = 50;      // allowed sets of at most this many values
  uint64_t min_unique_rows = 20;     // fewer values prove nothing about uniqueness
};

// A suite with what each expectation was inferred from, for the comments of its file.
struct SuggestedSuite {
  Suite suite;
  SuiteComments comments;  // the source and margins; per column, what the profile saw
};

// Expectations a person can read and edit, inferred from a profile: the table's row count
// and duplicates; per column its kind, missing values (not_null or max_missing_rate),
// uniqueness of ID-like columns, the allowed categories, numeric ranges with a margin and the
// mean, string lengths and the earliest timestamp. docs/formats/suite.md#suggested-suites
// gives every rule.
SuggestedSuite SuggestSuite(const profile::Profile& profile, const SuggestOptions& options);

}  // namespace steward::validate
