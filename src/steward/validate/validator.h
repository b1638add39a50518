#pragma once

#include <cstddef>

#include "steward/core/result.h"
#include "steward/io/batch_reader.h"
#include "steward/validate/suite.h"
#include "steward/validate/validation_report.h"

namespace steward::validate {

struct ValidateOptions {
  size_t examples = 5;  // failing rows kept per expectation, with their values
};

// Checks the data `reader` yields against `suite`, evaluating every expectation and
// reporting every failure (docs/formats/suite.md). A failed expectation is a result in the
// report, not an error: a column the suite names that the data lacks fails its `required`
// expectation and skips the others; a column of another kind than declared fails `kind`.
//
// Streams the batches once. Memory does not grow with the rows, except for `unique` and
// `max_duplicate_rows` (one 16-byte slot per distinct value or row, at most half full) and
// `quantiles` / `max_outlier_rate` (that column's values, 8 bytes a row).
//
// Fails with kInvalidArgument when the suite cannot be applied to this data (a row
// expression that does not parse, reads an unknown column or does not type-check; a regex
// that does not compile), with the location of the problem in the suite file when known;
// and with the reader's error if reading fails. Not thread-safe with respect to `reader`.
Result<ValidationReport> Validate(io::BatchReader& reader, const Suite& suite,
                                  const ValidateOptions& options = {});

}  // namespace steward::validate
