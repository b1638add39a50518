#include "steward/validate/validator.h"

#include <memory>
#include <optional>
#include <vector>

#include "steward/validate/internal/check.h"
#include "steward/validate/internal/check_plan.h"

namespace steward::validate {

Result<ValidationReport> Validate(io::BatchReader& reader, const Suite& suite,
                                  const ValidateOptions& options) {
  STEWARD_ASSIGN_OR_RETURN(std::vector<std::unique_ptr<internal::Check>> checks,
                           internal::PlanChecks(suite, reader.schema(), options.examples));
  uint64_t rows = 0;
  while (true) {
    STEWARD_ASSIGN_OR_RETURN(std::optional<Table> batch, reader.Next());
    if (!batch)
      break;
    for (const std::unique_ptr<internal::Check>& check : checks)
      check->Consume(*batch, rows);
    rows += batch->num_rows();
  }
  ValidationReport report;
  report.rows = rows;
  report.bad_rows = reader.stats().bad_rows;
  report.columns = reader.schema().size();
  for (const std::unique_ptr<internal::Check>& check : checks)
    check->Finish(rows, report.results);
  return report;
}

}  // namespace steward::validate
