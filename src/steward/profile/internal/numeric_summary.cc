#include "steward/profile/internal/numeric_summary.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "steward/sketch/json_fields.h"

namespace steward::profile::internal {
namespace {

using nlohmann::json;
using sketch::EncodeDouble;

// Values at most `x`, and values below `x`, estimated from the sketch's ranks.
uint64_t CountAtMost(const sketch::KllSketch& sketch, double x) {
  return static_cast<uint64_t>(std::llround(sketch.Rank(x) * static_cast<double>(sketch.count())));
}
uint64_t CountBelow(const sketch::KllSketch& sketch, double x) {
  return CountAtMost(sketch, std::nextafter(x, -std::numeric_limits<double>::infinity()));
}

// numpy.histogram's convention: equal-width bins from min to max, the last one closed.
json Histogram(const sketch::KllSketch& sketch, size_t bins) {
  const double low = sketch.min(), high = sketch.max();
  if (low == high)
    bins = 1;
  const double step = (high - low) / static_cast<double>(bins);
  json edges = json::array(), counts = json::array();
  uint64_t below_edge = 0;
  for (size_t i = 0; i <= bins; ++i) {
    const double edge = i == bins ? high : low + static_cast<double>(i) * step;
    edges.push_back(EncodeDouble(edge));
    if (i == 0)
      continue;
    const uint64_t upto = i == bins ? sketch.count() : CountBelow(sketch, edge);
    counts.push_back(upto - std::min(upto, below_edge));
    below_edge = std::max(upto, below_edge);
  }
  return {{"edges", std::move(edges)}, {"counts", std::move(counts)}};
}

// Median of |x - median|, numpy's convention (mean of the middle two) when every value is kept.
double MedianAbsoluteDeviation(const sketch::KllSketch& sketch, double median) {
  std::vector<std::pair<double, uint64_t>> deviations;
  sketch.ForEachItem([&](double value, uint64_t weight) {
    deviations.emplace_back(std::abs(value - median), weight);
  });
  std::sort(deviations.begin(), deviations.end());
  if (deviations.empty())
    return std::numeric_limits<double>::quiet_NaN();
  if (sketch.is_exact()) {
    const size_t n = deviations.size();
    return n % 2 ? deviations[n / 2].first
                 : (deviations[n / 2 - 1].first + deviations[n / 2].first) / 2;
  }
  const double half = static_cast<double>(sketch.count()) / 2;
  double seen = 0;
  for (const auto& [deviation, weight] : deviations) {
    seen += static_cast<double>(weight);
    if (seen >= half)
      return deviation;
  }
  return deviations.back().first;
}

json Outliers(const sketch::KllSketch& sketch) {
  const std::vector<double> quartiles = sketch.Quantiles(std::vector<double>{0.25, 0.5, 0.75});
  const double iqr = quartiles[2] - quartiles[0];
  const double lower = quartiles[0] - 1.5 * iqr, upper = quartiles[2] + 1.5 * iqr;
  const uint64_t n = sketch.count();
  const uint64_t iqr_count =
      CountBelow(sketch, lower) + (n - std::min(n, CountAtMost(sketch, upper)));
  const double median = quartiles[1];
  const double mad = MedianAbsoluteDeviation(sketch, median);
  // Iglewicz and Hoaglin's modified z-score above 3.5; 1.4826 makes the MAD a standard
  // deviation for normal data.
  const double reach = 3.5 * 1.4826 * mad;
  const uint64_t mad_count = mad > 0 ? CountBelow(sketch, median - reach) +
                                           (n - std::min(n, CountAtMost(sketch, median + reach)))
                                     : 0;
  return {{"iqr",
           {{"q1", EncodeDouble(quartiles[0])},
            {"q3", EncodeDouble(quartiles[2])},
            {"lower", EncodeDouble(lower)},
            {"upper", EncodeDouble(upper)},
            {"count", iqr_count}}},
          {"mad",
           {{"median", EncodeDouble(median)},
            {"mad", EncodeDouble(mad)},
            {"lower", EncodeDouble(median - reach)},
            {"upper", EncodeDouble(median + reach)},
            {"count", mad_count}}}};
}

}  // namespace

json NumericSummary(const NumericState& numeric, const ProfileOptions& options) {
  const sketch::Moments& moments = numeric.moments;
  json out = {{"mean", EncodeDouble(moments.count() ? moments.mean() : NAN)},
              {"std", EncodeDouble(moments.stddev())},
              {"variance", EncodeDouble(moments.variance())},
              {"min", EncodeDouble(moments.count() ? moments.min() : NAN)},
              {"max", EncodeDouble(moments.count() ? moments.max() : NAN)},
              {"sum", EncodeDouble(moments.sum())},
              {"skewness", EncodeDouble(moments.skewness())},
              {"kurtosis", EncodeDouble(moments.kurtosis())},
              {"zeros", numeric.zeros},
              {"negatives", numeric.negatives},
              {"infinities", numeric.positive_infinities + numeric.negative_infinities},
              {"integers", numeric.non_integers == 0}};
  const sketch::KllSketch& sketch = numeric.quantiles;
  if (sketch.count() == 0)
    return out;
  const std::vector<double> values = sketch.Quantiles(options.quantiles);
  json quantiles = json::array();
  for (size_t i = 0; i < values.size(); ++i)
    quantiles.push_back({{"q", options.quantiles[i]}, {"value", EncodeDouble(values[i])}});
  out["quantiles"] = {
      {"exact", sketch.is_exact()},
      {"rank_error", sketch.is_exact() ? 0.0 : sketch::KllSketch::RankErrorBound(options.kll_k)},
      {"values", std::move(quantiles)}};
  out["histogram"] = Histogram(sketch, options.histogram_bins);
  out["outliers"] = Outliers(sketch);
  return out;
}

double AreaUnderCurve(const sketch::KllSketch& x, const sketch::KllSketch& y) {
  struct Item {
    double value;
    uint64_t weight;
    bool from_x;
  };
  std::vector<Item> items;
  x.ForEachItem([&](double value, uint64_t weight) { items.push_back({value, weight, true}); });
  y.ForEachItem([&](double value, uint64_t weight) { items.push_back({value, weight, false}); });
  std::sort(items.begin(), items.end(),
            [](const Item& a, const Item& b) { return a.value < b.value; });
  // For each run of equal values: X above every Y seen before, and half the ties.
  double wins = 0, y_below = 0;
  for (size_t i = 0; i < items.size();) {
    double x_here = 0, y_here = 0;
    size_t j = i;
    for (; j < items.size() && items[j].value == items[i].value; ++j)
      (items[j].from_x ? x_here : y_here) += static_cast<double>(items[j].weight);
    wins += x_here * (y_below + y_here / 2);
    y_below += y_here;
    i = j;
  }
  const double pairs = static_cast<double>(x.count()) * static_cast<double>(y.count());
  return pairs > 0 ? wins / pairs : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace steward::profile::internal
