#include "steward/core/thread_pool.h"

namespace steward {

unsigned ResolveThreadCount(unsigned requested) {
  if (requested > 0)
    return requested;
  unsigned cores = std::thread::hardware_concurrency();
  return cores > 0 ? cores : 1;
}

ThreadPool::ThreadPool(unsigned threads) {
  workers_.reserve(threads);
  for (unsigned i = 0; i < threads; ++i) {
    workers_.emplace_back([this](const std::stop_token& stop) { WorkerLoop(stop); });
  }
}

ThreadPool::~ThreadPool() {
  for (auto& worker : workers_)
    worker.request_stop();
  ready_.notify_all();
  workers_.clear();  // joins
}

void ThreadPool::Enqueue(std::function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(task));
  }
  ready_.notify_one();
}

void ThreadPool::WorkerLoop(const std::stop_token& stop) {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, stop, [this] { return !queue_.empty(); });
      if (queue_.empty())
        return;  // stop requested and nothing left to run
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
}

}  // namespace steward
