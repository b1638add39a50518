#pragma once
// The two-sample drift statistics, each equal to the reference computation
// (bench/peers/drift_reference.py: SciPy and numpy) on the same values.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "steward/monitor/distribution.h"

namespace steward::monitor {

struct KsResult {
  double statistic = 0;
  double p_value = 1;
  bool exact_p_value = false;  // the exact lattice-path p-value; else the asymptotic distribution
};

// scipy.stats.ks_2samp(reference, current) in its default mode ("auto": exact when both samples
// have at most 10,000 values, else the two-sided one-sample distribution at n = m n / (m + n)).
KsResult KsTwoSample(const NumericDistribution& reference, const NumericDistribution& current);

// scipy.stats.wasserstein_distance(reference, current): the area between the two CDFs.
double WassersteinDistance(const NumericDistribution& reference,
                           const NumericDistribution& current);

// Shares of the two sides in the same bins (or categories), each summing to 1.
struct BinnedShares {
  std::vector<std::string> labels;
  std::vector<double> reference;
  std::vector<double> current;
};

// Empty bins get this share before PSI and JS are taken, so both stay finite (the reference
// computation's epsilon).
inline constexpr double kEmptyBinShare = 1e-4;

// Bins from the reference's deciles (numpy.unique of them, outer edges -inf and +inf), each
// [edge, next edge); shares of each side in them, empty bins set to kEmptyBinShare.
BinnedShares DecileBins(const NumericDistribution& reference, const NumericDistribution& current);

// Population stability index: sum (q - p) ln(q / p) over the bins.
double PopulationStabilityIndex(const BinnedShares& bins);

// scipy.spatial.distance.jensenshannon(p, q, base=2) of two share (or count) vectors.
double JensenShannonDistance(std::span<const double> p, std::span<const double> q);

struct ChiSquareResult {
  double statistic = 0;
  double p_value = 1;
  int degrees_of_freedom = 0;
};

// scipy.stats.chi2_contingency on the 2 x K table of counts (with Yates' correction when K = 2,
// as SciPy applies it by default).
ChiSquareResult ChiSquareTwoRows(std::span<const double> reference_counts,
                                 std::span<const double> current_counts);

}  // namespace steward::monitor
