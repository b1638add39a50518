#include "steward/core/thread_pool.h"

#include <atomic>

#include <gtest/gtest.h>

namespace steward {
namespace {

TEST(ThreadPool, RunsEveryTaskAndReturnsResults) {
  ThreadPool pool(3);
  std::vector<std::future<int>> results;
  for (int i = 0; i < 100; ++i)
    results.push_back(pool.Submit([i] { return i * i; }));
  for (int i = 0; i < 100; ++i)
    EXPECT_EQ(results[i].get(), i * i);
}

TEST(ThreadPool, DestructorFinishesQueuedTasks) {
  std::atomic<int> done{0};
  {
    ThreadPool pool(2);
    for (int i = 0; i < 50; ++i)
      (void)pool.Submit([&done] { done.fetch_add(1); });
  }
  EXPECT_EQ(done.load(), 50);
}

TEST(ThreadPool, ZeroMeansOnePerCore) {
  EXPECT_GE(ResolveThreadCount(0), 1u);
  EXPECT_EQ(ResolveThreadCount(3), 3u);
}

}  // namespace
}  // namespace steward
