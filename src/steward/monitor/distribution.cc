#include "steward/monitor/distribution.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "steward/core/numpy_quantile.h"

namespace steward::monitor {

double NumericDistribution::WeightBelow(double x) const {
  auto at = std::lower_bound(values.begin(), values.end(), x);
  return at == values.begin() ? 0.0 : cumulative[static_cast<size_t>(at - values.begin()) - 1];
}

double NumericDistribution::WeightAtOrBelow(double x) const {
  auto at = std::upper_bound(values.begin(), values.end(), x);
  return at == values.begin() ? 0.0 : cumulative[static_cast<size_t>(at - values.begin()) - 1];
}

namespace {

uint64_t SortKey(double value) {
  if (value == 0)
    value = 0.0;  // -0 sorts (and ties) with +0
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return (bits & (uint64_t{1} << 63)) ? ~bits : bits | (uint64_t{1} << 63);
}

double FromSortKey(uint64_t key) {
  uint64_t bits = (key & (uint64_t{1} << 63)) ? key & ~(uint64_t{1} << 63) : ~key;
  double value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

// numpy.std(values) (ddof = 0) of sorted raw values: the mean first, then centred squares.
double PopulationStd(std::span<const double> values) {
  double sum = 0;
  for (double x : values)
    sum += x;
  double mean = sum / static_cast<double>(values.size());
  double squares = 0;
  for (double x : values)
    squares += (x - mean) * (x - mean);
  return std::sqrt(squares / static_cast<double>(values.size()));
}

// The ten deciles' positions as numpy.linspace(0, 1, 11) computes them.
std::vector<double> DecileLevels() {
  std::vector<double> levels(11);
  for (int i = 0; i < 11; ++i)
    levels[i] = static_cast<double>(i) * 0.1;
  levels[10] = 1.0;
  return levels;
}

}  // namespace

void SortDoubles(std::vector<double>& values) {
  const size_t n = values.size();
  if (n < 4096) {
    std::sort(values.begin(), values.end());
    return;
  }
  // The keys live in the values' own storage (bit copies), so sorting a column of a million
  // values needs one more buffer, not two: memory is what bounds how many columns run at once.
  auto key_at = [](const std::vector<double>& storage, size_t i) {
    uint64_t key;
    std::memcpy(&key, &storage[i], sizeof key);
    return key;
  };
  auto put_key = [](std::vector<double>& storage, size_t i, uint64_t key) {
    std::memcpy(&storage[i], &key, sizeof key);
  };
  for (size_t i = 0; i < n; ++i)
    put_key(values, i, SortKey(values[i]));
  std::vector<double> next(n);
  constexpr int kBits = 11;
  constexpr uint64_t kMask = (uint64_t{1} << kBits) - 1;
  std::vector<size_t> start(kMask + 2);
  for (int shift = 0; shift < 64; shift += kBits) {
    std::fill(start.begin(), start.end(), 0);
    for (size_t i = 0; i < n; ++i)
      ++start[((key_at(values, i) >> shift) & kMask) + 1];
    // A digit every key shares (the low bits of integers, the exponent of a narrow range)
    // leaves the order as it is.
    if (std::any_of(start.begin(), start.end(), [n](size_t count) { return count == n; }))
      continue;
    for (size_t digit = 0; digit <= kMask; ++digit)
      start[digit + 1] += start[digit];
    for (size_t i = 0; i < n; ++i) {
      uint64_t key = key_at(values, i);
      put_key(next, start[(key >> shift) & kMask]++, key);
    }
    values.swap(next);
  }
  for (size_t i = 0; i < n; ++i)
    values[i] = FromSortKey(key_at(values, i));
}

NumericDistribution MakeNumericDistribution(sketch::KllSketch sketch) {
  NumericDistribution distribution;
  distribution.exact = sketch.is_exact();
  distribution.rank_error = sketch.NormalizedRankError();
  if (sketch.is_exact()) {
    std::vector<double> sorted = std::move(sketch).TakeExactValues();
    SortDoubles(sorted);
    distribution.std_population = PopulationStd(sorted);
    for (double level : DecileLevels())
      distribution.deciles.push_back(NumpyQuantileOfSorted(sorted, level));
    // Ties collapse in place: the sorted copy becomes the distinct values, so a column costs
    // its values once plus their counts.
    size_t distinct = 0;
    distribution.cumulative.reserve(sorted.size());
    for (size_t i = 0; i < sorted.size(); ++i) {
      if (i + 1 < sorted.size() && sorted[i + 1] == sorted[i])
        continue;
      sorted[distinct++] = sorted[i];
      distribution.cumulative.push_back(static_cast<double>(i + 1));
    }
    sorted.resize(distinct);
    distribution.values = std::move(sorted);
  } else {
    std::vector<std::pair<double, uint64_t>> items;
    items.reserve(sketch.RetainedItems());
    sketch.ForEachItem(
        [&items](double value, uint64_t weight) { items.emplace_back(value, weight); });
    std::sort(items.begin(), items.end());
    double running = 0, sum = 0;
    for (size_t i = 0; i < items.size(); ++i) {
      running += static_cast<double>(items[i].second);
      sum += items[i].first * static_cast<double>(items[i].second);
      if (i + 1 < items.size() && items[i + 1].first == items[i].first)
        continue;
      distribution.values.push_back(items[i].first);
      distribution.cumulative.push_back(running);
    }
    double mean = sum / running, squares = 0;
    for (const auto& [value, weight] : items)
      squares += static_cast<double>(weight) * (value - mean) * (value - mean);
    distribution.std_population = std::sqrt(squares / running);
    distribution.deciles = sketch.Quantiles(DecileLevels());
  }
  distribution.total = distribution.cumulative.empty() ? 0 : distribution.cumulative.back();
  return distribution;
}

}  // namespace steward::monitor
