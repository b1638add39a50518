#include "steward/monitor/live_window.h"

#include <atomic>
#include <cmath>
#include <limits>
#include <random>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace steward::monitor {
namespace {

using Clock = LiveWindow::Clock;
using std::chrono::seconds;

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

std::vector<LiveColumn> IncomeAndHome() {
  return {{"Income", true, {}}, {"Home", false, {"owner", "rent", "other"}}};
}

LiveWindowOptions Minutes(int minutes, size_t buckets) {
  LiveWindowOptions options;
  options.span = std::chrono::minutes(minutes);
  options.buckets = buckets;
  return options;
}

// `rows` rows of (income, home code).
std::vector<float> Rows(size_t rows, float income, float home) {
  std::vector<float> values;
  for (size_t row = 0; row < rows; ++row) {
    values.push_back(income);
    values.push_back(home);
  }
  return values;
}

TEST(LiveWindow, CollectsWhatWasAddedInTheSpan) {
  const Clock::time_point start{};
  LiveWindow window(IncomeAndHome(), Minutes(1, 3), start);
  window.Add(Rows(10, 100, 0), 10, start + seconds(1));
  window.Add(Rows(20, 200, 1), 20, start + seconds(25));
  const LiveSnapshot snapshot = window.Collect(start + seconds(30));
  EXPECT_EQ(snapshot.rows, 30u);
  ASSERT_EQ(snapshot.columns.size(), 2u);
  EXPECT_EQ(snapshot.columns[0].name, "Income");
  EXPECT_EQ(snapshot.columns[0].numeric.count(), 30u);
  EXPECT_TRUE(snapshot.columns[0].numeric.is_exact());
  EXPECT_EQ(snapshot.columns[0].numeric.min(), 100);
  EXPECT_EQ(snapshot.columns[0].numeric.max(), 200);
  EXPECT_EQ(snapshot.columns[1].label_counts.at("owner"), 10u);
  EXPECT_EQ(snapshot.columns[1].label_counts.at("rent"), 20u);
  EXPECT_EQ(snapshot.columns[1].label_counts.count("other"), 0u);
  EXPECT_EQ(snapshot.covered, seconds(30));
}

TEST(LiveWindow, BucketsExpireOnceTheSpanHasPassed) {
  const Clock::time_point start{};
  LiveWindow window(IncomeAndHome(), Minutes(1, 3), start);  // buckets of 20 s
  window.Add(Rows(10, 100, 0), 10, start + seconds(1));      // bucket 0
  window.Add(Rows(20, 200, 1), 20, start + seconds(25));     // bucket 1
  // At 61 s the window holds buckets 1 to 3: bucket 0 is gone.
  LiveSnapshot snapshot = window.Collect(start + seconds(61));
  EXPECT_EQ(snapshot.rows, 20u);
  EXPECT_EQ(snapshot.columns[0].numeric.min(), 200);
  EXPECT_EQ(snapshot.covered, seconds(41));
  // Writing into bucket 3 retires bucket 1 into the ring; it stays readable until it expires.
  window.Add(Rows(5, 300, 2), 5, start + seconds(65));
  snapshot = window.Collect(start + seconds(65));
  EXPECT_EQ(snapshot.rows, 25u);
  EXPECT_EQ(snapshot.columns[1].label_counts.at("other"), 5u);
  snapshot = window.Collect(start + seconds(81));
  EXPECT_EQ(snapshot.rows, 5u);
  snapshot = window.Collect(start + seconds(500));
  EXPECT_EQ(snapshot.rows, 0u);
  EXPECT_EQ(snapshot.columns[0].numeric.count(), 0u);
}

TEST(LiveWindow, AnEarlierArrivalJoinsTheNewerBucket) {
  const Clock::time_point start{};
  LiveWindow window(IncomeAndHome(), Minutes(1, 3), start);
  window.Add(Rows(4, 100, 0), 4, start + seconds(45));  // bucket 2
  window.Add(Rows(3, 100, 0), 3, start + seconds(39));  // bucket 1, but counted in bucket 2
  window.Add(Rows(1, 100, 0), 1, start - seconds(5));   // before the start: bucket 0
  EXPECT_EQ(window.Collect(start + seconds(59)).rows, 8u);
  EXPECT_EQ(window.Collect(start + seconds(61)).rows, 8u);
  EXPECT_EQ(window.Collect(start + seconds(81)).rows, 8u);
  EXPECT_EQ(window.Collect(start + seconds(101)).rows, 0u);
}

TEST(LiveWindow, MissingAndUnknownCodesCountAsMissing) {
  const Clock::time_point start{};
  LiveWindow window(IncomeAndHome(), Minutes(1, 3), start);
  const std::vector<float> values = {kNaN, 0, 150, kNaN, 160, 7, 170, -1, 180, 2.0f};
  window.Add(values, 5, start);
  const LiveSnapshot snapshot = window.Collect(start);
  EXPECT_EQ(snapshot.columns[0].rows, 5u);
  EXPECT_EQ(snapshot.columns[0].missing, 1u);
  EXPECT_EQ(snapshot.columns[0].numeric.count(), 4u);
  EXPECT_EQ(snapshot.columns[1].missing, 3u);
  EXPECT_EQ(snapshot.columns[1].label_counts.at("owner"), 1u);
  EXPECT_EQ(snapshot.columns[1].label_counts.at("other"), 1u);
}

TEST(LiveWindow, SketchesPastTheExactLimitWithinTheRankError) {
  const Clock::time_point start{};
  LiveWindow window({{"x", true, {}}}, Minutes(60, 12), start);
  std::mt19937_64 random(7);
  std::normal_distribution<float> normal(0, 1);
  // 200,000 values over the hour, in batches of 100.
  for (int batch = 0; batch < 2000; ++batch) {
    std::vector<float> values(100);
    for (float& value : values)
      value = normal(random);
    window.Add(values, 100, start + std::chrono::milliseconds(batch * 1790));
  }
  const LiveSnapshot snapshot = window.Collect(start + std::chrono::minutes(59));
  const sketch::KllSketch& merged = snapshot.columns[0].numeric;
  EXPECT_EQ(merged.count(), 200'000u);
  EXPECT_FALSE(merged.is_exact());
  EXPECT_NEAR(merged.Rank(0.0), 0.5, 0.01);
  EXPECT_NEAR(merged.Quantile(0.8413), 1.0, 0.05);
}

TEST(LiveWindow, MemoryStaysUnderItsBoundWhateverTheTraffic) {
  const Clock::time_point start{};
  LiveWindow window(IncomeAndHome(), Minutes(60, 12), start);
  std::mt19937_64 random(11);
  std::uniform_real_distribution<float> income(50, 500);
  size_t after_first_hour = 0;
  // Three hours of traffic: 1.08 million rows in batches of 100, one batch a second.
  for (int second = 0; second < 3 * 3600; ++second) {
    std::vector<float> values;
    for (int row = 0; row < 100; ++row) {
      values.push_back(income(random));
      values.push_back(static_cast<float>(row % 3));
    }
    window.Add(values, 100, start + seconds(second));
    if (second == 3600)
      after_first_hour = window.MemoryBytes();
  }
  const size_t bytes = window.MemoryBytes();
  EXPECT_LE(bytes, window.MemoryBound());
  EXPECT_LE(window.MemoryBound(), size_t{1} << 20);  // two columns: well under a MiB
  // Twice the rows, the same memory (within what one bucket's compaction state varies by).
  EXPECT_LE(bytes, after_first_hour + after_first_hour / 4);
  const LiveSnapshot snapshot = window.Collect(start + seconds(3 * 3600));
  // The window holds the last 55 to 60 minutes: 3,300 to 3,600 batches.
  EXPECT_GE(snapshot.rows, 330'000u);
  EXPECT_LE(snapshot.rows, 360'000u);
  EXPECT_EQ(snapshot.columns[0].numeric.count(), snapshot.rows);
}

// Concurrent writers (one per shard and more) and a reader: nothing lost, nothing counted twice.
// Runs under ThreadSanitizer (make test-tsan).
TEST(LiveWindow, ConcurrentWritersAndReadersLoseNothing) {
  const Clock::time_point start{};
  LiveWindowOptions options = Minutes(10, 600);  // buckets of one second
  options.shards = 2;
  LiveWindow window(IncomeAndHome(), options, start);
  constexpr int kWriters = 4;
  constexpr int kBatches = 2000;
  std::atomic<int> done{0};
  std::vector<std::thread> writers;
  for (int writer = 0; writer < kWriters; ++writer) {
    writers.emplace_back([&window, &done, start, writer] {
      for (int batch = 0; batch < kBatches; ++batch) {
        // Each writer's clock runs through 200 buckets, crossing retirements of the others.
        window.Add(Rows(3, static_cast<float>(writer), static_cast<float>(batch % 3)), 3,
                   start + std::chrono::milliseconds(batch * 100));
      }
      done.fetch_add(1);
    });
  }
  uint64_t reads = 0;
  while (done.load() < kWriters) {
    const LiveSnapshot snapshot = window.Collect(start + seconds(200));
    EXPECT_LE(snapshot.rows, uint64_t{kWriters} * kBatches * 3);
    EXPECT_EQ(snapshot.columns[0].numeric.count(), snapshot.rows);
    ++reads;
  }
  for (std::thread& writer : writers)
    writer.join();
  const LiveSnapshot snapshot = window.Collect(start + seconds(200));
  EXPECT_EQ(snapshot.rows, uint64_t{kWriters} * kBatches * 3);
  uint64_t categories = 0;
  for (const auto& [label, count] : snapshot.columns[1].label_counts)
    categories += count;
  EXPECT_EQ(categories, snapshot.rows);
  EXPECT_GT(reads, 0u);
}

}  // namespace
}  // namespace steward::monitor
