#pragma once

#include <ostream>

#include "steward/validate/validation_report.h"

namespace steward::cli {

// Prints a validation report for people: the failed expectations with their first failing
// rows, the skipped ones with why, and the totals.
void PrintValidationReport(const validate::ValidationReport& report, std::ostream& out);

}  // namespace steward::cli
