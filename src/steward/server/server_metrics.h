#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace steward::server {

// The routes the server counts requests by.
enum class Route : uint8_t {
  kPredict,
  kExplain,
  kInfer,
  kFeedback,
  kModels,
  kModel,
  kReload,
  kDrift,
  kHealth,
  kReady,
  kMetrics,
  kOpenApi,
  kOther,
};
inline constexpr size_t kRouteCount = static_cast<size_t>(Route::kOther) + 1;
std::string_view RouteName(Route route);

// Counters and histograms kept with relaxed atomics (no lock on the request path), rendered in
// the Prometheus text format 0.0.4 for GET /metrics.
class ServerMetrics {
 public:
  void CountRequest(Route route, int status, std::chrono::nanoseconds latency);
  void CountBatch(size_t rows);
  void CountRejection(int status);  // refused by the HTTP layer before routing
  void CountUnseenCategories(size_t count) {
    unseen_categories_.fetch_add(count, std::memory_order_relaxed);
  }
  void CountReload(bool succeeded) {
    (succeeded ? reloads_ : failed_reloads_).fetch_add(1, std::memory_order_relaxed);
  }

  // `extra` appends gauges known elsewhere (model versions, prediction log, connections).
  std::string Render(const std::function<void(std::string&)>& extra) const;

  // Latency buckets (seconds) and batch-size buckets (rows).
  static constexpr std::array<double, 14> kLatencyBounds = {0.00005, 0.0001, 0.00025, 0.0005, 0.001,
                                                            0.0025,  0.005,  0.01,    0.025,  0.05,
                                                            0.1,     0.25,   0.5,     1.0};
  static constexpr std::array<double, 7> kBatchBounds = {1, 2, 10, 100, 1000, 5000, 10000};
  // The statuses counted one by one; any other counts as "other".
  static constexpr std::array<int, 16> kStatuses = {200, 202, 400, 401, 403, 404, 405, 408,
                                                    413, 414, 421, 422, 431, 500, 503, 0};

 private:
  struct Histogram {
    std::array<std::atomic<uint64_t>, kLatencyBounds.size() + 1> buckets{};
    std::atomic<uint64_t> count{0};
    std::atomic<uint64_t> sum_nanos{0};
  };
  static size_t StatusIndex(int status);

  std::array<std::array<std::atomic<uint64_t>, kStatuses.size()>, kRouteCount> requests_{};
  std::array<Histogram, kRouteCount> latency_{};
  std::array<std::atomic<uint64_t>, kBatchBounds.size() + 1> batch_buckets_{};
  std::atomic<uint64_t> batch_count_{0};
  std::atomic<uint64_t> batch_rows_{0};
  std::array<std::atomic<uint64_t>, kStatuses.size()> rejections_{};
  std::atomic<uint64_t> unseen_categories_{0};
  std::atomic<uint64_t> reloads_{0};
  std::atomic<uint64_t> failed_reloads_{0};
};

}  // namespace steward::server
