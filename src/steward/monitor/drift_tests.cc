#include "steward/monitor/drift_tests.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <boost/math/special_functions/gamma.hpp>

#include "steward/monitor/kolmogorov.h"

namespace steward::monitor {
namespace {

constexpr uint64_t kMaxExactKsSamples = 10000;  // SciPy's MAX_AUTO_N

// Calls visit(x, weight_ref_at_or_below_x, weight_cur_at_or_below_x, next_x) for every distinct
// value x of either side in ascending order (next_x: the following value, or NaN at the end).
template <typename Visit>
void WalkUnion(const NumericDistribution& a, const NumericDistribution& b, Visit visit) {
  size_t i = 0, j = 0;
  double weight_a = 0, weight_b = 0;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  while (i < a.values.size() || j < b.values.size()) {
    double x;
    if (j >= b.values.size() || (i < a.values.size() && a.values[i] < b.values[j]))
      x = a.values[i];
    else
      x = b.values[j];
    if (i < a.values.size() && a.values[i] == x)
      weight_a = a.cumulative[i++];
    if (j < b.values.size() && b.values[j] == x)
      weight_b = b.cumulative[j++];
    double next;
    if (i < a.values.size() && j < b.values.size())
      next = std::min(a.values[i], b.values[j]);
    else if (i < a.values.size())
      next = a.values[i];
    else if (j < b.values.size())
      next = b.values[j];
    else
      next = nan;
    visit(x, weight_a, weight_b, next);
  }
}

}  // namespace

KsResult KsTwoSample(const NumericDistribution& reference, const NumericDistribution& current) {
  const double n1 = reference.total, n2 = current.total;
  double max_difference = -std::numeric_limits<double>::infinity();
  double min_difference = std::numeric_limits<double>::infinity();
  WalkUnion(reference, current, [&](double, double below_1, double below_2, double) {
    double difference = below_1 / n1 - below_2 / n2;
    max_difference = std::max(max_difference, difference);
    min_difference = std::min(min_difference, difference);
  });
  double min_statistic = std::clamp(-min_difference, 0.0, 1.0);
  KsResult result;
  result.statistic = min_statistic > max_difference ? min_statistic : max_difference;
  const uint64_t m = static_cast<uint64_t>(n1), n = static_cast<uint64_t>(n2);
  if (std::max(m, n) <= kMaxExactKsSamples) {
    double rounded = result.statistic;
    double p = ExactTwoSampleKsPValue(m, n, result.statistic, &rounded);
    result.statistic = rounded;
    if (p >= 0) {
      result.p_value = p;
      result.exact_p_value = true;
      return result;
    }
  }
  double larger = std::max(n1, n2), smaller = std::min(n1, n2);
  double effective_n = std::nearbyint(larger * smaller / (larger + smaller));
  result.p_value = std::clamp(
      KolmogorovSurvival(static_cast<uint64_t>(std::max(effective_n, 1.0)), result.statistic), 0.0,
      1.0);
  return result;
}

double WassersteinDistance(const NumericDistribution& reference,
                           const NumericDistribution& current) {
  double distance = 0;
  WalkUnion(reference, current, [&](double x, double below_1, double below_2, double next) {
    if (!std::isnan(next))
      distance += std::abs(below_1 / reference.total - below_2 / current.total) * (next - x);
  });
  return distance;
}

BinnedShares DecileBins(const NumericDistribution& reference, const NumericDistribution& current) {
  std::vector<double> edges = reference.deciles;
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  const double inf = std::numeric_limits<double>::infinity();
  edges.front() = -inf;
  edges.back() = inf;
  BinnedShares bins;
  if (edges.size() < 2) {  // a constant reference: one bin holding everything
    bins.labels = {"all values"};
    bins.reference = bins.current = {1.0};
    return bins;
  }
  auto format = [](double x) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", x);
    return std::string(text);
  };
  for (size_t bin = 0; bin + 1 < edges.size(); ++bin) {
    bool last = bin + 2 == edges.size();
    auto share = [&](const NumericDistribution& side) {
      double upper = last ? side.total : side.WeightBelow(edges[bin + 1]);
      double weight = upper - side.WeightBelow(edges[bin]);
      double value = weight / side.total;
      return value == 0 ? kEmptyBinShare : value;
    };
    bins.reference.push_back(share(reference));
    bins.current.push_back(share(current));
    if (bin == 0)
      bins.labels.push_back("< " + format(edges[1]));
    else if (last)
      bins.labels.push_back(">= " + format(edges[bin]));
    else
      bins.labels.push_back(format(edges[bin]) + " to < " + format(edges[bin + 1]));
  }
  return bins;
}

double PopulationStabilityIndex(const BinnedShares& bins) {
  double psi = 0;
  for (size_t i = 0; i < bins.reference.size(); ++i)
    psi += (bins.current[i] - bins.reference[i]) * std::log(bins.current[i] / bins.reference[i]);
  return psi;
}

double JensenShannonDistance(std::span<const double> p, std::span<const double> q) {
  double p_sum = 0, q_sum = 0;
  for (double x : p)
    p_sum += x;
  for (double x : q)
    q_sum += x;
  auto relative_entropy = [](double x, double y) {
    if (x > 0 && y > 0)
      return x * std::log(x / y);
    if (x == 0 && y >= 0)
      return 0.0;
    return std::numeric_limits<double>::infinity();
  };
  double left = 0, right = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    double pi = p[i] / p_sum, qi = q[i] / q_sum, m = (pi + qi) / 2.0;
    left += relative_entropy(pi, m);
    right += relative_entropy(qi, m);
  }
  double js = (left + right) / std::log(2.0);
  return std::sqrt(js / 2.0);
}

ChiSquareResult ChiSquareTwoRows(std::span<const double> reference_counts,
                                 std::span<const double> current_counts) {
  ChiSquareResult result;
  const size_t k = reference_counts.size();
  result.degrees_of_freedom = static_cast<int>(k) - 1;
  if (result.degrees_of_freedom <= 0)
    return result;
  double row_total[2] = {0, 0};
  std::vector<double> column_total(k, 0);
  for (size_t c = 0; c < k; ++c) {
    row_total[0] += reference_counts[c];
    row_total[1] += current_counts[c];
    column_total[c] = reference_counts[c] + current_counts[c];
  }
  const double total = row_total[0] + row_total[1];
  const bool yates = result.degrees_of_freedom == 1;
  double statistic = 0;
  for (int row = 0; row < 2; ++row) {
    std::span<const double> observed = row == 0 ? reference_counts : current_counts;
    for (size_t c = 0; c < k; ++c) {
      double expected = row_total[row] * column_total[c] / total;
      double o = observed[c];
      if (yates) {
        double difference = expected - o;
        double direction = difference > 0 ? 1.0 : (difference < 0 ? -1.0 : 0.0);
        o += std::min(0.5, std::abs(difference)) * direction;
      }
      statistic += (o - expected) * (o - expected) / expected;
    }
  }
  result.statistic = statistic;
  result.p_value =
      boost::math::gamma_q(static_cast<double>(result.degrees_of_freedom) / 2.0, statistic / 2.0);
  return result;
}

}  // namespace steward::monitor
