#include "steward/sketch/kll_sketch.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <utility>

#include "steward/core/numpy_quantile.h"
#include "steward/sketch/internal/extremes.h"
#include "steward/sketch/internal/kll_capacity.h"
#include "steward/sketch/internal/sorting.h"

namespace steward::sketch {
namespace {

bool ValidQuantile(double q) {
  return q >= 0.0 && q <= 1.0;
}

}  // namespace

KllSketch::KllSketch(uint32_t k, uint64_t exact_limit, uint64_t seed)
    : k_(std::clamp(k, kMinK, kMaxK)), min_k_(k_), exact_limit_(exact_limit), rng_(seed) {}

double KllSketch::RankErrorBound(uint32_t k) {
  return 2.296 / std::pow(static_cast<double>(k), 0.9723);
}

double KllSketch::PmfErrorBound(uint32_t k) {
  return 2.446 / std::pow(static_cast<double>(k), 0.9433);
}

double KllSketch::NormalizedRankError() const {
  return exact_ ? 0.0 : RankErrorBound(min_k_);
}

size_t KllSketch::RetainedItems() const {
  return exact_ ? raw_.size() : retained_;
}

void KllSketch::Update(double x) {
  if (std::isnan(x))
    return;
  ++count_;
  min_ = std::min(min_, x);
  max_ = std::max(max_, x);
  if (exact_) {
    if (raw_.size() < exact_limit_) {
      raw_.push_back(x);
      return;
    }
    SwitchToSketch();
  }
  SketchUpdate(x);
}

void KllSketch::UpdateBatch(std::span<const double> values) {
  while (!values.empty()) {
    if (exact_ && raw_.size() == exact_limit_) {
      SwitchToSketch();
      continue;
    }
    const size_t size =
        exact_ ? std::min<uint64_t>(exact_limit_ - raw_.size(), values.size()) : values.size();
    const std::span<const double> chunk = values.first(size);
    values = values.subspan(size);
    double lo = min_, hi = max_;
    if (internal::FoldExtremes(chunk, lo, hi)) {
      std::vector<double> numbers;
      std::copy_if(chunk.begin(), chunk.end(), std::back_inserter(numbers),
                   [](double x) { return !std::isnan(x); });
      UpdateBatch(numbers);
      continue;
    }
    min_ = lo;
    max_ = hi;
    count_ += chunk.size();
    if (exact_) {
      raw_.insert(raw_.end(), chunk.begin(), chunk.end());
    } else {
      SketchAppend(chunk);
    }
  }
}

void KllSketch::SwitchToSketch() {
  exact_ = false;
  InitCapacities();
  levels_.assign(1, {});
  ResetCapacity();
  std::vector<double> raw;
  raw.swap(raw_);
  SketchAppend(raw);
}

void KllSketch::ResetCapacity() {
  retained_ = 0;
  for (const auto& level : levels_)
    retained_ += level.size();
  total_capacity_ = TotalCapacity(levels_.size());
}

void KllSketch::InitCapacities() {
  // Capacities depend only on a level's depth below the top; computing them once keeps integer
  // divisions out of the update path.
  depth_capacity_.resize(internal::kKllMaxLevels);
  total_capacity_by_levels_.assign(internal::kKllMaxLevels + 1, 0);
  for (size_t depth = 0; depth < internal::kKllMaxLevels; ++depth) {
    depth_capacity_[depth] = internal::KllLevelCapacity(k_, internal::kKllMaxLevels,
                                                        internal::kKllMaxLevels - 1 - depth);
    total_capacity_by_levels_[depth + 1] =
        total_capacity_by_levels_[depth] + depth_capacity_[depth];
  }
}

uint32_t KllSketch::LevelCapacity(size_t num_levels, size_t level) const {
  return depth_capacity_[std::min(num_levels - level - 1, internal::kKllMaxLevels - 1)];
}

uint64_t KllSketch::TotalCapacity(size_t num_levels) const {
  return total_capacity_by_levels_[std::min(num_levels, internal::kKllMaxLevels)];
}

void KllSketch::SketchAppend(std::span<const double> values) {
  // Same as SketchUpdate() on each value: compact whenever full, then fill the free space.
  while (!values.empty()) {
    if (retained_ >= total_capacity_)
      CompressWhileUpdating();
    const size_t size = std::min<uint64_t>(total_capacity_ - retained_, values.size());
    levels_[0].insert(levels_[0].end(), values.begin(),
                      values.begin() + static_cast<ptrdiff_t>(size));
    retained_ += size;
    values = values.subspan(size);
  }
}

void KllSketch::SketchUpdate(double x) {
  if (retained_ >= total_capacity_)
    CompressWhileUpdating();
  levels_[0].push_back(x);
  ++retained_;
}

void KllSketch::CompressWhileUpdating() {
  // A merge can leave the sketch over capacity, hence the loop.
  while (retained_ >= total_capacity_) {
    // Some level is at or over its capacity, since together they are.
    size_t level = 0;
    while (level + 1 < levels_.size() &&
           levels_[level].size() < LevelCapacity(levels_.size(), level))
      ++level;
    if (level + 1 == levels_.size())
      levels_.emplace_back();
    retained_ -= CompactLevel(levels_, level);
    total_capacity_ = TotalCapacity(levels_.size());
  }
}

size_t KllSketch::CompactLevel(Levels& levels, size_t level) {
  std::vector<double>& current = levels[level];
  std::vector<double>& above = levels[level + 1];
  // An odd item out stays behind: the level's first, as DataSketches keeps its first slot (for
  // the error it does not matter which).
  const size_t odd = current.size() & 1;
  if (current.size() - odd < 2)
    return 0;
  if (level == 0)
    internal::SmallSort(current.data() + odd, current.size() - odd);
  const size_t half = (current.size() - odd) / 2;
  const size_t offset = static_cast<size_t>(rng_.Next() >> 63);
  for (size_t i = 0; i < half; ++i)
    current[odd + i] = current[odd + offset + 2 * i];
  // Merged into `above` in place from the back: its items below the first new one are never
  // moved, and no second buffer is filled and copied. Ties go to `above` first, as a stable
  // merge of (above, picked) would have them.
  const double* picked = current.data() + odd;
  size_t i = above.size(), j = half;
  above.resize(above.size() + half);
  double* merged = above.data();
  while (i > 0 && j > 0) {
    const double mine = merged[i - 1];
    const double theirs = picked[j - 1];
    const bool take_mine = mine > theirs;
    merged[i + j - 1] = take_mine ? mine : theirs;
    i -= take_mine;
    j -= !take_mine;
  }
  std::copy(picked, picked + j, merged);
  current.resize(odd);
  return half;
}

void KllSketch::Reserve(uint64_t values) {
  if (exact_)
    raw_.reserve(static_cast<size_t>(std::min(values, exact_limit_)));
}

std::vector<double> KllSketch::TakeExactValues() && {
  std::vector<double> values = std::move(raw_);
  raw_.clear();
  count_ = 0;
  min_ = kInf;
  max_ = -kInf;
  return values;
}

void KllSketch::Merge(const KllSketch& other) {
  if (other.count_ == 0)
    return;
  if (&other == this) {
    const KllSketch copy = other;
    Merge(copy);
    return;
  }
  if (other.exact_) {
    if (exact_ && raw_.size() + other.raw_.size() <= exact_limit_) {
      raw_.insert(raw_.end(), other.raw_.begin(), other.raw_.end());
      count_ += other.count_;
      min_ = std::min(min_, other.min_);
      max_ = std::max(max_, other.max_);
      return;
    }
    UpdateBatch(other.raw_);
    return;
  }
  if (exact_)
    SwitchToSketch();
  MergeSketch(other);
}

void KllSketch::MergeSketch(const KllSketch& other) {
  // As DataSketches: the other's level 0 goes in like new values, the higher levels are merged
  // level by level and then compacted where over capacity.
  SketchAppend(other.levels_[0]);
  if (other.levels_.size() >= 2) {
    static const std::vector<double> kEmpty;
    Levels work(std::max(levels_.size(), other.levels_.size()));
    work[0] = std::move(levels_[0]);
    for (size_t level = 1; level < work.size(); ++level) {
      const auto& mine = level < levels_.size() ? levels_[level] : kEmpty;
      const auto& theirs = level < other.levels_.size() ? other.levels_[level] : kEmpty;
      work[level].resize(mine.size() + theirs.size());
      std::merge(mine.begin(), mine.end(), theirs.begin(), theirs.end(), work[level].begin());
    }
    GeneralCompress(work);
    levels_ = std::move(work);
    ResetCapacity();
  }
  count_ += other.count_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  min_k_ = std::min(min_k_, other.min_k_);
}

void KllSketch::GeneralCompress(Levels& levels) {
  size_t num_levels = levels.size();
  uint64_t current = 0;
  for (const auto& level : levels)
    current += level.size();
  uint64_t target = TotalCapacity(num_levels);
  for (size_t level = 0; level < num_levels; ++level) {
    if (level + 1 == levels.size())
      levels.emplace_back();
    if (current < target || levels[level].size() < LevelCapacity(num_levels, level))
      continue;
    current -= CompactLevel(levels, level);
    if (level + 1 == num_levels) {
      ++num_levels;
      target += LevelCapacity(num_levels, 0);
    }
  }
  levels.resize(num_levels);
}

void KllSketch::SortedItems(std::vector<double>* values, std::vector<uint64_t>* cumulative) const {
  std::vector<std::pair<double, uint64_t>> items;
  items.reserve(retained_);
  for (size_t level = 0; level < levels_.size(); ++level) {
    for (double x : levels_[level])
      items.emplace_back(x, uint64_t{1} << level);
  }
  std::sort(items.begin(), items.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  values->resize(items.size());
  cumulative->resize(items.size());
  uint64_t total = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    total += items[i].second;
    (*values)[i] = items[i].first;
    (*cumulative)[i] = total;
  }
}

double KllSketch::QuantileOfSorted(std::span<const double> values,
                                   std::span<const uint64_t> cumulative, double q) const {
  if (!ValidQuantile(q))
    return kNaN;
  if (cumulative.empty())
    return NumpyQuantileOfSorted(values, q);
  if (q == 0.0)
    return min_;
  if (q == 1.0)
    return max_;
  const uint64_t wanted =
      std::min(count_, static_cast<uint64_t>(std::ceil(q * static_cast<double>(count_))));
  auto it = std::lower_bound(cumulative.begin(), cumulative.end(), wanted);
  if (it == cumulative.end())
    return max_;
  return values[static_cast<size_t>(it - cumulative.begin())];
}

double KllSketch::RankOfSorted(std::span<const double> values, std::span<const uint64_t> cumulative,
                               uint64_t count, double x) {
  const size_t at_or_below =
      static_cast<size_t>(std::upper_bound(values.begin(), values.end(), x) - values.begin());
  uint64_t weight = at_or_below;
  if (!cumulative.empty())
    weight = at_or_below == 0 ? 0 : cumulative[at_or_below - 1];
  return static_cast<double>(weight) / static_cast<double>(count);
}

double KllSketch::Quantile(double q) const {
  if (count_ == 0 || !ValidQuantile(q))
    return kNaN;
  if (!exact_) {
    std::vector<double> values;
    std::vector<uint64_t> cumulative;
    SortedItems(&values, &cumulative);
    return QuantileOfSorted(values, cumulative, q);
  }
  // Selection instead of a sort: O(n) for one quantile.
  std::vector<double> copy = raw_;
  const size_t n = copy.size();
  const double h = static_cast<double>(n - 1) * q;
  if (h >= static_cast<double>(n - 1))
    return max_;
  const double lower = std::floor(h);
  const auto index = static_cast<ptrdiff_t>(lower);
  std::nth_element(copy.begin(), copy.begin() + index, copy.end());
  const double a = copy[static_cast<size_t>(index)];
  const double b = *std::min_element(copy.begin() + index + 1, copy.end());
  return NumpyLerp(a, b, h - lower);
}

std::vector<double> KllSketch::Quantiles(std::span<const double> qs) const {
  std::vector<double> result(qs.size(), kNaN);
  if (count_ == 0)
    return result;
  std::vector<double> values;
  std::vector<uint64_t> cumulative;
  if (exact_) {
    values = raw_;
    std::sort(values.begin(), values.end());
  } else {
    SortedItems(&values, &cumulative);
  }
  for (size_t i = 0; i < qs.size(); ++i)
    result[i] = QuantileOfSorted(values, cumulative, qs[i]);
  return result;
}

double KllSketch::Rank(double x) const {
  if (count_ == 0 || std::isnan(x))
    return kNaN;
  uint64_t weight = 0;
  ForEachItem([&weight, x](double value, uint64_t item_weight) {
    if (value <= x)
      weight += item_weight;
  });
  return static_cast<double>(weight) / static_cast<double>(count_);
}

std::vector<double> KllSketch::Cdf(std::span<const double> split_points) const {
  std::vector<double> result(split_points.size(), kNaN);
  if (count_ == 0)
    return result;
  std::vector<double> values;
  std::vector<uint64_t> cumulative;
  if (exact_) {
    values = raw_;
    std::sort(values.begin(), values.end());
  } else {
    SortedItems(&values, &cumulative);
  }
  for (size_t i = 0; i < split_points.size(); ++i) {
    if (!std::isnan(split_points[i]))
      result[i] = RankOfSorted(values, cumulative, count_, split_points[i]);
  }
  return result;
}

void KllSketch::ForEachItem(const std::function<void(double value, uint64_t weight)>& fn) const {
  if (exact_) {
    for (double x : raw_)
      fn(x, 1);
    return;
  }
  for (size_t level = 0; level < levels_.size(); ++level) {
    for (double x : levels_[level])
      fn(x, uint64_t{1} << level);
  }
}

}  // namespace steward::sketch
