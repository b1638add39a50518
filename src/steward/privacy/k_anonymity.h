#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "steward/core/result.h"
#include "steward/core/table.h"

namespace steward::privacy {

struct KAnonymityOptions {
  std::vector<std::string> quasi_identifiers;
  std::string sensitive;  // optional: l-diversity is computed when set
  uint64_t k = 5;
  // Generalisation vectors tried at most; the search reports none past it.
  uint64_t max_candidates = 100'000;
};

// How one quasi-identifier is generalised in a solution.
struct ColumnGeneralization {
  std::string column;
  size_t level = 0;         // 0: as written
  size_t max_level = 0;     // everything in one group
  std::string description;  // "as written", "bins of 10", "first 3 characters", "suppressed"
};

struct KAnonymitySolution {
  std::vector<ColumnGeneralization> columns;
  uint64_t k_achieved = 0;
  uint64_t groups = 0;
};

struct KAnonymityReport {
  uint64_t rows = 0;
  uint64_t k_asked = 0;
  uint64_t k_achieved = 0;  // size of the smallest group of equal quasi-identifiers
  uint64_t groups = 0;
  uint64_t records_below_k = 0;  // records in groups smaller than k_asked
  double share_below_k = 0;
  std::optional<uint64_t> l_diversity;  // fewest distinct sensitive values in a group
  // The least generalised vector (smallest average level / max level over the columns) with
  // k_achieved >= k_asked; nullopt when even full generalisation of the searched space fails.
  std::optional<KAnonymitySolution> solution;
  uint64_t candidates_tried = 0;
};

// Measures k-anonymity (and l-diversity) of `table` over the quasi-identifiers and searches
// per-column generalisation levels (numbers: bins widening 1, 2, 10, 20, ... up to one bin;
// codes and text: prefixes shortening to nothing) for the least generalised one reaching k.
// Missing values form their own group value. kInvalidArgument naming the column for an unknown
// column, k = 0, or no quasi-identifier.
Result<KAnonymityReport> MeasureKAnonymity(const Table& table, const KAnonymityOptions& options);

nlohmann::json KAnonymityReportToJson(const KAnonymityReport& report);

}  // namespace steward::privacy
