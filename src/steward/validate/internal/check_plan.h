#pragma once

#include <memory>
#include <vector>

#include "steward/core/result.h"
#include "steward/core/schema.h"
#include "steward/validate/internal/check.h"
#include "steward/validate/suite.h"

namespace steward::validate::internal {

// The checks that evaluate `suite` over data with `schema`, in report order: table
// expectations, then each [[column]] entry's, then each [[row]]'s. Expectations decided by
// the schema alone (required, kind, absent_columns, allow_extra_columns, and those that
// cannot apply) become FixedResults. Fails with kInvalidArgument on what makes the suite
// unusable with this data: an expression that does not parse, reads a column neither in the
// data nor in the suite, or does not type-check against the data's kinds (unless a column it
// reads has another kind than its entry declares: then it is skipped), or a regex that does
// not compile.
Result<std::vector<std::unique_ptr<Check>>> PlanChecks(const Suite& suite, const Schema& schema,
                                                       size_t examples);

}  // namespace steward::validate::internal
