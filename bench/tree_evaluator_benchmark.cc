// One-row and whole-table prediction on the credit model: the native TreeEvaluator against
// XGBoost's in-place prediction (the call Predictor makes), on the same rows. Run:
//   cmake -B build -DSTEWARD_BUILD_BENCHMARKS=ON && cmake --build build --target
//   tree_evaluator_benchmark build/bench/tree_evaluator_benchmark
// Argument 0: the model `steward train data/credit_data.csv --target Status` makes (early
// stopping keeps few trees); 1: 300 rounds of depth 6 without early stopping, a large model.
#include "steward/model/tree_evaluator.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "steward/io/data_source.h"
#include "steward/model/feature_matrix.h"
#include "steward/model/model_training.h"
#include "steward/model/xgboost_api.h"

namespace steward::model {
namespace {

struct Model {
  xgb::DenseMatrix matrix;
  TreeEvaluator evaluator;
  xgb::BoosterPtr booster;
};

template <typename T>
T Check(Result<T> result) {
  if (!result.ok()) {
    fprintf(stderr, "%s\n", result.status().message().c_str());
    std::exit(1);
  }
  return std::move(result).value();
}

Model Train(bool large) {
  Result<io::ReadResult> read = io::ReadSource(
      std::string(STEWARD_SOURCE_DIR) + "/data/credit_data.csv", io::SourceOptions{});
  const Table table = Check(std::move(read)).table;
  TrainRequest request;
  request.roles.target = "Status";
  request.threads = 2;
  if (large) {
    request.params.num_boost_round = 300;
    request.params.early_stopping_rounds = 0;
    request.params.booster = {{"max_depth", "6"}};
  }
  TrainOutcome outcome = Check(TrainModel(table, request));
  Model model{Check(BuildMatrix(table, outcome.schema, {}, "credit", 2)),
              Check(TreeEvaluator::FromModelJson(outcome.booster.model_json, outcome.schema)),
              Check(xgb::LoadBooster(outcome.booster.model_json))};
  // As Predictor::Load: one XGBoost thread per call.
  if (!xgb::SetParam(model.booster.get(), "nthread", "1").ok())
    std::exit(1);
  return model;
}

const Model& Credit(int64_t variant) {
  static const Model small = Train(false);
  static const Model large = Train(true);
  return variant == 0 ? small : large;
}

void BM_TreeEvaluatorOneRow(benchmark::State& state) {
  const Model& model = Credit(state.range(0));
  const xgb::DenseMatrix& matrix = model.matrix;
  size_t row = 0;
  float out = 0;
  for (auto _ : state) {
    model.evaluator.PredictRow(matrix.values.data() + row * matrix.columns, &out);
    benchmark::DoNotOptimize(out);
    row = row + 1 == matrix.rows ? 0 : row + 1;
  }
  state.counters["trees"] = static_cast<double>(model.evaluator.trees());
}
BENCHMARK(BM_TreeEvaluatorOneRow)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

void BM_XGBoostOneRow(benchmark::State& state) {
  const Model& model = Credit(state.range(0));
  const xgb::DenseMatrix& matrix = model.matrix;
  size_t row = 0;
  for (auto _ : state) {
    Result<std::vector<float>> out = xgb::PredictDense(
        model.booster.get(), matrix.values.data() + row * matrix.columns, 1, matrix.columns);
    benchmark::DoNotOptimize(out.ok());
    row = row + 1 == matrix.rows ? 0 : row + 1;
  }
}
BENCHMARK(BM_XGBoostOneRow)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// Every credit row in one call, one thread.
void BM_TreeEvaluatorTable(benchmark::State& state) {
  const Model& model = Credit(state.range(0));
  for (auto _ : state) {
    Result<std::vector<float>> out = model.evaluator.Predict(model.matrix);
    benchmark::DoNotOptimize(out.ok());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(model.matrix.rows));
}
BENCHMARK(BM_TreeEvaluatorTable)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_XGBoostTable(benchmark::State& state) {
  const Model& model = Credit(state.range(0));
  for (auto _ : state) {
    Result<std::vector<float>> out = xgb::PredictDense(model.booster.get(), model.matrix);
    benchmark::DoNotOptimize(out.ok());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(model.matrix.rows));
}
BENCHMARK(BM_XGBoostTable)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace steward::model

BENCHMARK_MAIN();
