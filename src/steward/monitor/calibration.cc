#include "steward/monitor/calibration.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

#include "steward/monitor/drift_tests.h"

namespace steward::monitor {
namespace {

double Total(std::span<const uint64_t> counts) {
  return static_cast<double>(std::accumulate(counts.begin(), counts.end(), uint64_t{0}));
}

// The largest gap between the two step CDFs (KS) or the area between them (Wasserstein).
double CdfDistance(const PooledCells& cells, std::span<const uint64_t> reference,
                   std::span<const uint64_t> current, bool area) {
  const double n_reference = Total(reference), n_current = Total(current);
  double cumulative_reference = 0, cumulative_current = 0, result = 0;
  for (size_t i = 0; i < cells.values.size(); ++i) {
    cumulative_reference += static_cast<double>(reference[i]);
    cumulative_current += static_cast<double>(current[i]);
    const double gap =
        std::fabs(cumulative_reference / n_reference - cumulative_current / n_current);
    if (!area)
      result = std::max(result, gap);
    else if (i + 1 < cells.values.size())
      result += gap * (cells.values[i + 1] - cells.values[i]);
  }
  return result;
}

double PopulationStd(const PooledCells& cells, std::span<const uint64_t> counts) {
  const double n = Total(counts);
  double sum = 0;
  for (size_t i = 0; i < counts.size(); ++i)
    sum += static_cast<double>(counts[i]) * cells.values[i];
  const double mean = sum / n;
  double squares = 0;
  for (size_t i = 0; i < counts.size(); ++i)
    squares += static_cast<double>(counts[i]) * (cells.values[i] - mean) * (cells.values[i] - mean);
  return std::sqrt(squares / n);
}

// Each side's shares of the decile bins, empty bins at kEmptyBinShare, as DecileBins gives them.
std::vector<double> BinShares(const PooledCells& cells, std::span<const uint64_t> counts) {
  std::vector<double> shares(cells.bins, 0.0);
  for (size_t i = 0; i < counts.size(); ++i)
    shares[cells.bin_of_cell[i]] += static_cast<double>(counts[i]);
  const double n = Total(counts);
  for (double& share : shares)
    share = share == 0 ? kEmptyBinShare : share / n;
  return shares;
}

std::vector<double> AsDoubles(std::span<const uint64_t> counts) {
  return std::vector<double>(counts.begin(), counts.end());
}

}  // namespace

double CellStatistic(DriftTest test, const PooledCells& cells, std::span<const uint64_t> reference,
                     std::span<const uint64_t> current) {
  switch (test) {
    case DriftTest::kKs:
      return CdfDistance(cells, reference, current, /*area=*/false);
    case DriftTest::kWasserstein: {
      const double distance = CdfDistance(cells, reference, current, /*area=*/true);
      const double scale = PopulationStd(cells, reference);
      if (scale == 0)
        return distance == 0 ? 0.0 : std::numeric_limits<double>::infinity();
      return distance / scale;
    }
    case DriftTest::kPsi: {
      BinnedShares bins;
      bins.reference = BinShares(cells, reference);
      bins.current = BinShares(cells, current);
      return PopulationStabilityIndex(bins);
    }
    case DriftTest::kJensenShannon:
      if (cells.numeric)
        return JensenShannonDistance(BinShares(cells, reference), BinShares(cells, current));
      return JensenShannonDistance(AsDoubles(reference), AsDoubles(current));
    case DriftTest::kChiSquare:
      return ChiSquareTwoRows(AsDoubles(reference), AsDoubles(current)).statistic;
  }
  return 0;
}

Calibration CalibrateColumn(DriftTest test, const PooledCells& cells, uint32_t rounds, double fdr,
                            uint64_t seed) {
  Calibration result;
  result.rounds = rounds;
  result.statistic = CellStatistic(test, cells, cells.reference, cells.current);

  // One entry per pooled row, naming its cell. Each round draws which rows go to the smaller
  // side by a partial Fisher–Yates shuffle: a uniform subset of its size, in time linear in it.
  const size_t n_cells = cells.reference.size();
  std::vector<uint64_t> totals(n_cells);
  std::vector<uint32_t> rows;
  for (size_t cell = 0; cell < n_cells; ++cell) {
    totals[cell] = cells.reference[cell] + cells.current[cell];
    rows.insert(rows.end(), totals[cell], static_cast<uint32_t>(cell));
  }
  const uint64_t reference_rows = static_cast<uint64_t>(Total(cells.reference));
  const uint64_t current_rows = rows.size() - reference_rows;
  const bool current_is_smaller = current_rows <= reference_rows;
  const size_t drawn = current_is_smaller ? current_rows : reference_rows;

  std::mt19937_64 random(seed);
  std::vector<uint64_t> drawn_counts(n_cells), other_counts(n_cells);
  std::vector<double> null_statistics;
  null_statistics.reserve(rounds);
  // Ties up to rounding count as "at least as extreme", so equal statistics computed by a
  // different summation order are not lost.
  const double at_least = result.statistic - 1e-12 * std::max(1.0, std::fabs(result.statistic));
  uint64_t extreme = 0;
  for (uint32_t round = 0; round < rounds; ++round) {
    for (size_t i = 0; i < drawn; ++i) {
      std::uniform_int_distribution<size_t> pick(i, rows.size() - 1);
      std::swap(rows[i], rows[pick(random)]);
    }
    std::fill(drawn_counts.begin(), drawn_counts.end(), 0);
    for (size_t i = 0; i < drawn; ++i)
      ++drawn_counts[rows[i]];
    for (size_t cell = 0; cell < n_cells; ++cell)
      other_counts[cell] = totals[cell] - drawn_counts[cell];
    const double statistic = current_is_smaller
                                 ? CellStatistic(test, cells, other_counts, drawn_counts)
                                 : CellStatistic(test, cells, drawn_counts, other_counts);
    null_statistics.push_back(statistic);
    extreme += statistic >= at_least ? 1 : 0;
  }
  result.p_value = static_cast<double>(1 + extreme) / static_cast<double>(rounds + 1);
  result.p_adjusted = result.p_value;
  if (!null_statistics.empty()) {
    std::sort(null_statistics.begin(), null_statistics.end());
    const double rank = std::ceil((1 - fdr) * static_cast<double>(rounds));
    const size_t index = static_cast<size_t>(std::clamp(rank, 1.0, double(rounds))) - 1;
    result.null_threshold = null_statistics[index];
  }
  result.drift = result.p_value <= fdr;
  return result;
}

void AdjustBenjaminiHochberg(std::span<Calibration*> calibrations, double fdr) {
  std::vector<Calibration*> by_p(calibrations.begin(), calibrations.end());
  std::stable_sort(by_p.begin(), by_p.end(), [](const Calibration* a, const Calibration* b) {
    return a->p_value < b->p_value;
  });
  const double m = static_cast<double>(by_p.size());
  double running_min = 1.0;
  for (size_t i = by_p.size(); i-- > 0;) {
    running_min = std::min(running_min, by_p[i]->p_value * m / static_cast<double>(i + 1));
    by_p[i]->p_adjusted = running_min;
    by_p[i]->drift = running_min <= fdr;
  }
}

}  // namespace steward::monitor
