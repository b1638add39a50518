#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "steward/registry/registry.h"
#include "steward/server/served_model.h"
#include "steward/server/server_metrics.h"

namespace steward::server {

// The models being served, one slot per --model. A request takes a snapshot (a shared_ptr) of
// its model; a hot swap publishes a new one atomically, and the old one is freed after the
// last request using it.
class ModelSlots {
 public:
  explicit ModelSlots(const std::vector<std::shared_ptr<const ServedModel>>& initial);

  // The model served under registry name `name`; nullptr if none.
  std::shared_ptr<const ServedModel> Find(std::string_view name) const;
  std::vector<std::shared_ptr<const ServedModel>> All() const;
  size_t size() const { return slots_.size(); }
  std::shared_ptr<const ServedModel> At(size_t index) const { return slots_[index]->load(); }
  void Publish(size_t index, std::shared_ptr<const ServedModel> model) {
    slots_[index]->store(std::move(model));
  }

 private:
  std::vector<std::string> names_;
  std::vector<std::unique_ptr<std::atomic<std::shared_ptr<const ServedModel>>>> slots_;
};

// Follows each served alias in the registry: every `interval`, and at once on Trigger() (SIGHUP,
// the admin reload call), it reads which version the alias holds; when that changed it loads,
// verifies and warms the new version in this background thread, then publishes it. A version
// that fails is refused (and not retried until the alias moves again); the old one keeps
// serving.
class ModelWatcher {
 public:
  using Log = std::function<void(const std::string&)>;
  ModelWatcher(ModelSlots& slots, std::unique_ptr<registry::Registry> registry,
               std::chrono::milliseconds interval, RequestLimits limits, LiveDriftOptions drift,
               ServerMetrics& metrics, Log log);
  ~ModelWatcher();

  void Trigger();

 private:
  void Run(std::stop_token stop);
  void CheckAll();

  ModelSlots& slots_;
  std::unique_ptr<registry::Registry> registry_;
  std::chrono::milliseconds interval_;
  RequestLimits limits_;
  LiveDriftOptions drift_;
  ServerMetrics& metrics_;
  Log log_;
  std::vector<int64_t> refused_;  // per slot: the version last refused, 0 if none
  std::mutex mutex_;
  std::condition_variable_any wake_;
  bool triggered_ = false;
  std::jthread thread_;
};

}  // namespace steward::server
