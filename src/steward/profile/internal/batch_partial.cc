#include "steward/profile/internal/batch_partial.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "steward/profile/internal/pearson.h"
#include "steward/profile/internal/utf8.h"
#include "steward/profile/internal/value_counts.h"
#include "steward/sketch/hashing.h"

namespace steward::profile::internal {
namespace {

uint64_t SketchSeed(uint64_t seed, size_t batch_index, size_t column) {
  return sketch::HashCombine(sketch::HashCombine(seed, batch_index), column);
}

NumericState ProfileNumeric(std::span<const double> values, const ProfileOptions& options,
                            uint64_t exact_limit, uint64_t sketch_seed,
                            std::vector<double>& scratch) {
  NumericState state{.moments = {},
                     .quantiles = sketch::KllSketch(options.kll_k, exact_limit, sketch_seed)};
  const ValueCounts counts = CountValues(values);
  state.zeros = counts.zeros;
  state.negatives = counts.negatives;
  state.non_integers = counts.non_integers;
  state.positive_infinities = counts.positive_infinities;
  state.negative_infinities = counts.negative_infinities;
  std::span<const double> finite = values;
  if (counts.finite < values.size()) {
    // Only columns with a missing or infinite value pay for a copy.
    if (scratch.size() < values.size())
      scratch.resize(values.size());
    size_t kept = 0;
    for (const double value : values) {
      scratch[kept] = value;
      kept += std::isfinite(value);
    }
    finite = std::span<const double>(scratch.data(), kept);
  }
  state.moments.AddBatch(finite);
  state.quantiles.UpdateBatch(finite);
  return state;
}

TextState ProfileText(const TextValues& text, const ProfileOptions& options) {
  TextState state{.top = sketch::SpaceSaving(options.text_top_capacity), .lengths = {}};
  std::vector<double> lengths;
  lengths.reserve(text.size());
  for (size_t row = 0; row < text.size(); ++row) {
    if (text.missing[row])
      continue;
    const std::string_view value = text.at(row);
    state.top.Add(value);
    lengths.push_back(static_cast<double>(CodePoints(value)));
  }
  state.lengths.AddBatch(lengths);
  return state;
}

TimestampState ProfileTimestamps(std::span<const int64_t> micros, const ProfileOptions& options,
                                 uint64_t sketch_seed) {
  TimestampState state{
      .quantiles = sketch::KllSketch(options.kll_k, options.exact_quantile_limit, sketch_seed)};
  std::vector<double> values;
  values.reserve(micros.size());
  for (int64_t value : micros) {
    if (value != kMissingTimestamp)
      values.push_back(static_cast<double>(value));
  }
  state.quantiles.UpdateBatch(values);
  return state;
}

// Target class codes per row (-1 missing or beyond options.target_max_classes).
std::vector<int32_t> TargetClasses(const Column& target, size_t max_classes) {
  std::vector<int32_t> classes(target.size(), -1);
  for (size_t row = 0; row < target.size(); ++row) {
    const int32_t code =
        target.kind() == ColumnKind::kBoolean ? target.booleans()[row] : target.codes()[row];
    if (code >= 0 && static_cast<size_t>(code) < max_classes)
      classes[row] = code;
  }
  return classes;
}

std::vector<std::vector<std::optional<sketch::KllSketch>>> ProfileByClass(
    const ProfilePlan& plan, const ProfileOptions& options, size_t batch_index,
    const Table& batch) {
  std::vector<std::vector<std::optional<sketch::KllSketch>>> by_class(plan.numeric_columns.size());
  const std::vector<int32_t> classes =
      TargetClasses(batch.column(*plan.target), options.target_max_classes);
  std::vector<std::vector<double>> values_by_class(options.target_max_classes);
  for (size_t f = 0; f < plan.numeric_columns.size(); ++f) {
    const size_t column = plan.numeric_columns[f];
    if (column == *plan.target)
      continue;
    for (auto& values : values_by_class)
      values.clear();
    std::span<const double> values = batch.column(column).numeric();
    for (size_t row = 0; row < values.size(); ++row) {
      if (classes[row] >= 0 && std::isfinite(values[row]))
        values_by_class[static_cast<size_t>(classes[row])].push_back(values[row]);
    }
    by_class[f].resize(options.target_max_classes);
    for (size_t k = 0; k < values_by_class.size(); ++k) {
      if (values_by_class[k].empty())
        continue;
      by_class[f][k].emplace(options.kll_k, options.exact_quantile_limit,
                             SketchSeed(options.seed, batch_index, 1000 + f * 64 + k));
      by_class[f][k]->UpdateBatch(values_by_class[k]);
    }
  }
  return by_class;
}

std::vector<SampleRow> SampleBatch(const ProfilePlan& plan, const ProfileOptions& options,
                                   size_t batch_index, const Table& batch, uint64_t threshold) {
  std::vector<std::pair<uint64_t, size_t>> candidates;
  const uint64_t key_base = SampleKeyBase(options.seed, plan.sample_salt);
  for (size_t row = 0; row < batch.num_rows(); ++row) {
    const uint64_t key = SampleKeyOf(key_base, batch_index, row);
    if (key < threshold)
      candidates.emplace_back(key, row);
  }
  if (candidates.size() > options.sample_rows) {
    std::nth_element(candidates.begin(),
                     candidates.begin() + static_cast<ptrdiff_t>(options.sample_rows),
                     candidates.end());
    candidates.resize(options.sample_rows);
  }
  std::sort(candidates.begin(), candidates.end());
  std::vector<SampleRow> sample;
  sample.reserve(candidates.size());
  for (auto [key, row] : candidates) {
    SampleRow rendered{.key = key, .values = {}};
    for (size_t c = 0; c < batch.num_columns(); ++c) {
      const Column& column = batch.column(c);
      if (column.IsMissing(row))
        rendered.values.emplace_back(std::nullopt);
      else
        rendered.values.emplace_back(column.ValueToString(row));
    }
    sample.push_back(std::move(rendered));
  }
  return sample;
}

template <typename T>
void MergeOptional(std::optional<T>& into, std::optional<T>&& next) {
  if (!next)
    return;
  if (!into)
    into = std::move(next);
  else
    into->Merge(*next);
}

void MergeNumeric(std::optional<NumericState>& into, std::optional<NumericState>&& next) {
  if (!next)
    return;
  if (!into) {
    into = std::move(next);
    return;
  }
  into->moments.Merge(next->moments);
  into->quantiles.Merge(next->quantiles);
  into->zeros += next->zeros;
  into->negatives += next->negatives;
  into->positive_infinities += next->positive_infinities;
  into->negative_infinities += next->negative_infinities;
  into->non_integers += next->non_integers;
}

void MergeText(std::optional<TextState>& into, std::optional<TextState>&& next) {
  if (!next)
    return;
  if (!into) {
    into = std::move(next);
    return;
  }
  into->top.Merge(next->top);
  into->lengths.Merge(next->lengths);
}

}  // namespace

BatchPartial ProfileBatchInOrder(const ProfilePlan& plan, const ProfileOptions& options,
                                 size_t batch_index, const Table& batch,
                                 uint64_t sample_threshold) {
  const size_t columns = batch.num_columns();
  BatchPartial partial;
  partial.rows = batch.num_rows();
  partial.numeric.resize(columns);
  partial.text.resize(columns);
  partial.timestamp.resize(columns);
  partial.categories.resize(columns);
  std::vector<double> scratch;
  for (size_t c = 0; c < columns; ++c) {
    const Column& column = batch.column(c);
    const uint64_t seed = SketchSeed(options.seed, batch_index, c);
    switch (column.kind()) {
      case ColumnKind::kNumeric:
        partial.numeric[c] = ProfileNumeric(column.numeric(), options,
                                            plan.batch_exact_quantile_limit, seed, scratch);
        break;
      case ColumnKind::kText:
        partial.text[c] = ProfileText(column.text(), options);
        break;
      case ColumnKind::kTimestamp:
        partial.timestamp[c] = ProfileTimestamps(column.timestamps(), options, seed);
        break;
      case ColumnKind::kCategorical:
        partial.categories[c] = column.shared_categories();
        break;
      case ColumnKind::kBoolean:
        break;
    }
  }
  partial.pearson = ProfilePearson(plan, batch);
  if (plan.target && plan.target_has_labels)
    partial.by_class = ProfileByClass(plan, options, batch_index, batch);
  if (options.sample_rows > 0)
    partial.sample = SampleBatch(plan, options, batch_index, batch, sample_threshold);
  return partial;
}

void MergeInOrder(BatchPartial& into, BatchPartial&& next, const ProfileOptions& options) {
  if (into.numeric.empty()) {
    into = std::move(next);
    return;
  }
  into.rows += next.rows;
  for (size_t c = 0; c < into.numeric.size(); ++c) {
    MergeNumeric(into.numeric[c], std::move(next.numeric[c]));
    MergeText(into.text[c], std::move(next.text[c]));
    if (next.timestamp[c]) {
      if (!into.timestamp[c])
        into.timestamp[c] = std::move(next.timestamp[c]);
      else
        into.timestamp[c]->quantiles.Merge(next.timestamp[c]->quantiles);
    }
    if (next.categories[c])
      into.categories[c] = std::move(next.categories[c]);
  }
  for (size_t p = 0; p < into.pearson.size(); ++p)
    into.pearson[p].Merge(next.pearson[p]);
  if (into.by_class.empty()) {
    into.by_class = std::move(next.by_class);
  } else {
    for (size_t f = 0; f < next.by_class.size(); ++f) {
      into.by_class[f].resize(std::max(into.by_class[f].size(), next.by_class[f].size()));
      for (size_t k = 0; k < next.by_class[f].size(); ++k)
        MergeOptional(into.by_class[f][k], std::move(next.by_class[f][k]));
    }
  }
  MergeSamples(into.sample, std::move(next.sample), options.sample_rows);
}

uint64_t SampleThreshold(const std::vector<SampleRow>& sample, size_t capacity) {
  if (capacity == 0)
    return 0;
  if (sample.size() < capacity)
    return std::numeric_limits<uint64_t>::max();
  return sample.back().key;
}

void MergeSamples(std::vector<SampleRow>& into, std::vector<SampleRow> other, size_t capacity) {
  std::vector<SampleRow> merged;
  merged.reserve(std::min(capacity, into.size() + other.size()));
  size_t i = 0, j = 0;
  while (merged.size() < capacity && (i < into.size() || j < other.size())) {
    if (j == other.size() || (i < into.size() && into[i].key <= other[j].key))
      merged.push_back(std::move(into[i++]));
    else
      merged.push_back(std::move(other[j++]));
  }
  into = std::move(merged);
}

}  // namespace steward::profile::internal
