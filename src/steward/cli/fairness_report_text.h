#pragma once

#include <ostream>

#include "steward/fairness/audit.h"

namespace steward::cli {

// The audit for a reader who is not an engineer: per attribute, a table of groups with their
// rates and intervals, the disparity summaries, and pass or fail with every reason.
void PrintFairness(const fairness::FairnessReport& report, std::ostream& out);

}  // namespace steward::cli
