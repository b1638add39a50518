// Throughput of the metrics module on synthetic predictions (seeded). Run:
//   cmake -B build -DSTEWARD_BUILD_BENCHMARKS=ON && cmake --build build --target metrics_benchmark
//   build/bench/metrics_benchmark
#include <cstdint>
#include <random>
#include <vector>

#include <benchmark/benchmark.h>

#include "steward/metrics/binary_metrics.h"
#include "steward/metrics/multiclass_metrics.h"
#include "steward/metrics/regression_metrics.h"
#include "steward/metrics/sliced_metrics.h"

namespace steward::metrics {
namespace {

struct BinaryData {
  std::vector<int32_t> labels;
  std::vector<double> scores;
  std::vector<double> weights;
  std::vector<int32_t> slices;
};

BinaryData MakeBinary(size_t rows) {
  std::mt19937_64 random(42);
  std::uniform_real_distribution<double> unit(0, 1);
  BinaryData data;
  for (size_t row = 0; row < rows; ++row) {
    const int32_t label = unit(random) < 0.3 ? 1 : 0;
    data.labels.push_back(label);
    data.scores.push_back(std::min(1.0, 0.6 * unit(random) + 0.4 * label * unit(random)));
    data.weights.push_back(unit(random) * 2);
    data.slices.push_back(static_cast<int32_t>(random() % 11) - 1);
  }
  return data;
}

void BM_BinaryMetrics(benchmark::State& state) {
  const BinaryData data = MakeBinary(static_cast<size_t>(state.range(0)));
  const bool weighted = state.range(1) != 0;
  for (auto _ : state) {
    Result<BinaryMetrics> metrics = ComputeBinaryMetrics(
        {data.labels, data.scores, weighted ? data.weights : std::vector<double>{}});
    benchmark::DoNotOptimize(metrics.ok());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_BinaryMetrics)
    ->Args({1'000'000, 0})
    ->Args({1'000'000, 1})
    ->Unit(benchmark::kMillisecond);

void BM_BinaryMetricsBySlice(benchmark::State& state) {
  const BinaryData data = MakeBinary(static_cast<size_t>(state.range(0)));
  for (auto _ : state) {
    auto slices = ComputeBinaryMetricsBySlice({data.labels, data.scores, {}}, data.slices);
    benchmark::DoNotOptimize(slices.ok());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_BinaryMetricsBySlice)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

void BM_MulticlassMetrics(benchmark::State& state) {
  const size_t rows = static_cast<size_t>(state.range(0));
  const size_t classes = 3;
  std::mt19937_64 random(7);
  std::gamma_distribution<double> gamma(1.0, 1.0);
  std::vector<int32_t> labels;
  std::vector<double> probabilities;
  for (size_t row = 0; row < rows; ++row) {
    labels.push_back(static_cast<int32_t>(random() % classes));
    double sum = 0;
    for (size_t k = 0; k < classes; ++k)
      sum += probabilities.emplace_back(gamma(random));
    for (size_t k = 0; k < classes; ++k)
      probabilities[row * classes + k] /= sum;
  }
  for (auto _ : state) {
    auto metrics = ComputeMulticlassMetrics({labels, probabilities, classes, {}});
    benchmark::DoNotOptimize(metrics.ok());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_MulticlassMetrics)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

void BM_RegressionMetrics(benchmark::State& state) {
  const size_t rows = static_cast<size_t>(state.range(0));
  std::mt19937_64 random(3);
  std::normal_distribution<double> normal(100, 30);
  std::vector<double> targets, predictions;
  for (size_t row = 0; row < rows; ++row) {
    targets.push_back(normal(random));
    predictions.push_back(targets.back() + normal(random) / 3);
  }
  for (auto _ : state) {
    auto metrics = ComputeRegressionMetrics({targets, predictions, {}});
    benchmark::DoNotOptimize(metrics.ok());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_RegressionMetrics)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace steward::metrics

BENCHMARK_MAIN();
