#include "steward/metrics/sliced_metrics.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>

#include "steward/metrics/internal/checked_metrics.h"
#include "steward/metrics/internal/input_checks.h"

namespace steward::metrics {
namespace {

// Row indices grouped by slice: group g is rows[offsets[g]..offsets[g + 1]) with code codes[g].
struct SliceGroups {
  std::vector<int32_t> codes;
  std::vector<size_t> offsets;
  std::vector<size_t> rows;
};

// Sorting by code (missing last) keeps each group's rows in their original order, so a slice
// sees the same sequence as Compute*Metrics on that subset would.
SliceGroups GroupBySlice(std::span<const int32_t> slice_codes) {
  // Missing sorts after every category code.
  auto order_key = [](int32_t code) {
    return code == kMissingSlice ? static_cast<int64_t>(INT32_MAX) + 1 : static_cast<int64_t>(code);
  };
  SliceGroups groups;
  groups.rows.resize(slice_codes.size());
  std::iota(groups.rows.begin(), groups.rows.end(), size_t{0});
  std::stable_sort(groups.rows.begin(), groups.rows.end(), [&](size_t a, size_t b) {
    return order_key(slice_codes[a]) < order_key(slice_codes[b]);
  });
  for (size_t i = 0; i < groups.rows.size(); ++i) {
    const int32_t code = slice_codes[groups.rows[i]];
    if (i == 0 || code != groups.codes.back()) {
      groups.codes.push_back(code);
      groups.offsets.push_back(i);
    }
  }
  groups.offsets.push_back(groups.rows.size());
  return groups;
}

template <typename T>
std::vector<T> Gather(std::span<const T> values, std::span<const size_t> rows, size_t stride = 1) {
  std::vector<T> out;
  if (values.empty())
    return out;
  out.reserve(rows.size() * stride);
  for (size_t row : rows)
    out.insert(out.end(), values.begin() + row * stride, values.begin() + (row + 1) * stride);
  return out;
}

Result<SliceGroups> CheckedGroups(std::span<const int32_t> slice_codes, size_t rows) {
  STEWARD_RETURN_IF_ERROR(internal::CheckLength("slice codes", slice_codes.size(), rows));
  STEWARD_RETURN_IF_ERROR(internal::CheckSliceCodes(slice_codes));
  return GroupBySlice(slice_codes);
}

// Runs `compute(group_rows)` for each slice, in group order.
template <typename Metrics, typename Compute>
std::vector<SliceMetrics<Metrics>> ForEachSlice(const SliceGroups& groups, Compute compute) {
  std::vector<SliceMetrics<Metrics>> slices;
  const std::span<const size_t> all_rows(groups.rows);
  for (size_t g = 0; g < groups.codes.size(); ++g) {
    const auto rows =
        all_rows.subspan(groups.offsets[g], groups.offsets[g + 1] - groups.offsets[g]);
    slices.push_back({groups.codes[g], compute(rows)});
  }
  return slices;
}

}  // namespace

Result<std::vector<SliceMetrics<BinaryMetrics>>> ComputeBinaryMetricsBySlice(
    const BinaryInput& input, std::span<const int32_t> slice_codes, const BinaryOptions& options) {
  STEWARD_RETURN_IF_ERROR(internal::CheckBinaryInput(input, options));
  STEWARD_ASSIGN_OR_RETURN(SliceGroups groups, CheckedGroups(slice_codes, input.labels.size()));
  return ForEachSlice<BinaryMetrics>(groups, [&](std::span<const size_t> rows) {
    const std::vector<int32_t> labels = Gather(input.labels, rows);
    const std::vector<double> scores = Gather(input.scores, rows);
    const std::vector<double> weights = Gather(input.weights, rows);
    return internal::ComputeCheckedBinaryMetrics({labels, scores, weights}, options);
  });
}

Result<std::vector<SliceMetrics<MulticlassMetrics>>> ComputeMulticlassMetricsBySlice(
    const MulticlassInput& input, std::span<const int32_t> slice_codes,
    const MulticlassOptions& options) {
  STEWARD_RETURN_IF_ERROR(internal::CheckMulticlassInput(input, options));
  STEWARD_ASSIGN_OR_RETURN(SliceGroups groups, CheckedGroups(slice_codes, input.labels.size()));
  return ForEachSlice<MulticlassMetrics>(groups, [&](std::span<const size_t> rows) {
    const std::vector<int32_t> labels = Gather(input.labels, rows);
    const std::vector<double> probabilities = Gather(input.probabilities, rows, input.num_classes);
    const std::vector<double> weights = Gather(input.weights, rows);
    return internal::ComputeCheckedMulticlassMetrics(
        {labels, probabilities, input.num_classes, weights}, options);
  });
}

Result<std::vector<SliceMetrics<RegressionMetrics>>> ComputeRegressionMetricsBySlice(
    const RegressionInput& input, std::span<const int32_t> slice_codes) {
  STEWARD_RETURN_IF_ERROR(internal::CheckRegressionInput(input));
  STEWARD_ASSIGN_OR_RETURN(SliceGroups groups, CheckedGroups(slice_codes, input.targets.size()));
  return ForEachSlice<RegressionMetrics>(groups, [&](std::span<const size_t> rows) {
    const std::vector<double> targets = Gather(input.targets, rows);
    const std::vector<double> predictions = Gather(input.predictions, rows);
    const std::vector<double> weights = Gather(input.weights, rows);
    return internal::ComputeCheckedRegressionMetrics({targets, predictions, weights});
  });
}

}  // namespace steward::metrics
