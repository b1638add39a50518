#pragma once
// Calibrated drift alarms: each column's test statistic against its permutation null
// distribution at the actual sample sizes, and Benjamini–Hochberg control of the false
// discovery rate across columns. A fixed rule (PSI >= 0.1, normalised Wasserstein >= 0.1) fires
// on harmless differences in large windows and misses real ones in small windows; the
// permutation null says what the statistic looks like when both sides come from one
// distribution, at exactly these sizes.

#include <cstdint>
#include <span>
#include <vector>

#include "steward/monitor/drift_policy.h"

namespace steward::monitor {

// Both sides over the same cells: a numeric column's distinct values ascending, or categories.
// Counts are whole numbers of rows (calibration needs the raw values, not a sketch).
struct PooledCells {
  bool numeric = true;
  std::vector<double> values;  // numeric cells only
  std::vector<uint64_t> reference, current;
  // Numeric cells for PSI and Jensen–Shannon: the decile bin of each cell. The bins stay those
  // of the observed reference in every permutation (docs/formats/monitor.md).
  std::vector<uint32_t> bin_of_cell;
  uint32_t bins = 0;
};

struct Calibration {
  uint32_t rounds = 0;
  double statistic = 0;       // observed: KS D, normalised Wasserstein, PSI, JS or chi-square
  double null_threshold = 0;  // the null's (1 - fdr) quantile of the statistic
  double p_value = 1;         // (1 + null statistics >= observed) / (rounds + 1)
  double p_adjusted = 1;      // Benjamini–Hochberg across the calibrated columns
  bool drift = false;         // p_adjusted <= fdr
};

// The statistic `test` computes from the two sides' counts over `cells` (larger means further
// apart for every test, so chi-square and KS use their statistics, not p-values).
double CellStatistic(DriftTest test, const PooledCells& cells, std::span<const uint64_t> reference,
                     std::span<const uint64_t> current);

// The observed statistic, its permutation p-value and the null threshold from `rounds` random
// reassignments of the pooled rows to sides of the observed sizes. Deterministic for a seed.
Calibration CalibrateColumn(DriftTest test, const PooledCells& cells, uint32_t rounds, double fdr,
                            uint64_t seed);

// Sets p_adjusted (Benjamini–Hochberg step-up) and drift for every calibration together.
void AdjustBenjaminiHochberg(std::span<Calibration*> calibrations, double fdr);

}  // namespace steward::monitor
