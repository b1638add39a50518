// What the server's live drift window costs a prediction: LiveWindow::Add of one decoded row and
// of a 100-row batch, on one thread and on two at once, with the credit model's shape (9 numeric
// and 4 categorical features), and Collect of a full window. bench/serve_drift.sh measures the
// same end to end.
#include "steward/monitor/live_window.h"

#include <random>
#include <vector>

#include <benchmark/benchmark.h>

namespace {

using steward::monitor::LiveColumn;
using steward::monitor::LiveWindow;

std::vector<LiveColumn> CreditColumns() {
  std::vector<LiveColumn> columns;
  for (const char* name :
       {"Seniority", "Time", "Age", "Expenses", "Income", "Assets", "Debt", "Amount", "Price"})
    columns.push_back({name, true, {}});
  columns.push_back({"Home", false, {"ignore", "other", "owner", "parents", "priv", "rent"}});
  columns.push_back({"Marital", false, {"divorced", "married", "separated", "single", "widow"}});
  columns.push_back({"Records", false, {"no", "yes"}});
  columns.push_back({"Job", false, {"fixed", "freelance", "others", "partime"}});
  return columns;
}

std::vector<float> RandomRows(size_t rows, uint64_t seed) {
  std::mt19937_64 random(seed);
  std::lognormal_distribution<float> amount(5, 1);
  std::uniform_int_distribution<int> code(0, 1);
  std::vector<float> values;
  for (size_t row = 0; row < rows; ++row) {
    for (int column = 0; column < 9; ++column)
      values.push_back(amount(random));
    for (int column = 0; column < 4; ++column)
      values.push_back(static_cast<float>(code(random)));
  }
  return values;
}

// One window for all threads of a run, as the server has one per model.
LiveWindow& SharedWindow() {
  static LiveWindow window(CreditColumns(), {}, LiveWindow::Clock::now());
  return window;
}

void BM_LiveWindowAdd(benchmark::State& state) {
  const size_t rows = static_cast<size_t>(state.range(0));
  // 64 different batches, so the sketches see varied values.
  std::vector<std::vector<float>> batches;
  for (uint64_t seed = 0; seed < 64; ++seed)
    batches.push_back(RandomRows(rows, seed * 131 + static_cast<uint64_t>(state.thread_index())));
  LiveWindow& window = SharedWindow();
  size_t next = 0;
  for (auto _ : state) {
    window.Add(batches[next++ % batches.size()], rows, LiveWindow::Clock::now());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(rows));
}
BENCHMARK(BM_LiveWindowAdd)->Arg(1)->Arg(100)->Threads(1)->Threads(2)->UseRealTime();

void BM_LiveWindowCollect(benchmark::State& state) {
  LiveWindow window(CreditColumns(), {}, LiveWindow::Clock::now());
  const std::vector<float> batch = RandomRows(100, 7);
  // An hour of traffic at 100 rows a second, spread over the 12 buckets.
  const LiveWindow::Clock::time_point start = LiveWindow::Clock::now();
  for (int second = 0; second < 3600; ++second)
    window.Add(batch, 100, start + std::chrono::seconds(second));
  for (auto _ : state) {
    benchmark::DoNotOptimize(window.Collect(start + std::chrono::seconds(3599)));
  }
}
BENCHMARK(BM_LiveWindowCollect)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
