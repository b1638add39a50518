#include "steward/server/model_slots.h"

namespace steward::server {

ModelSlots::ModelSlots(const std::vector<std::shared_ptr<const ServedModel>>& initial) {
  for (const auto& model : initial) {
    names_.push_back(model->name);
    slots_.push_back(std::make_unique<std::atomic<std::shared_ptr<const ServedModel>>>(model));
  }
}

std::shared_ptr<const ServedModel> ModelSlots::Find(std::string_view name) const {
  for (size_t index = 0; index < names_.size(); ++index) {
    if (names_[index] == name)
      return slots_[index]->load();
  }
  return nullptr;
}

std::vector<std::shared_ptr<const ServedModel>> ModelSlots::All() const {
  std::vector<std::shared_ptr<const ServedModel>> all;
  for (const auto& slot : slots_)
    all.push_back(slot->load());
  return all;
}

ModelWatcher::ModelWatcher(ModelSlots& slots, std::unique_ptr<registry::Registry> registry,
                           std::chrono::milliseconds interval, RequestLimits limits,
                           LiveDriftOptions drift, ServerMetrics& metrics, Log log)
    : slots_(slots),
      registry_(std::move(registry)),
      interval_(interval),
      limits_(limits),
      drift_(std::move(drift)),
      metrics_(metrics),
      log_(std::move(log)),
      refused_(slots.size(), 0),
      thread_([this](std::stop_token stop) { Run(stop); }) {}

ModelWatcher::~ModelWatcher() {
  thread_.request_stop();
  wake_.notify_all();
}

void ModelWatcher::Trigger() {
  {
    std::lock_guard lock(mutex_);
    triggered_ = true;
  }
  wake_.notify_all();
}

void ModelWatcher::Run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, stop, interval_, [this] { return triggered_; });
      triggered_ = false;
    }
    if (stop.stop_requested())
      return;
    CheckAll();
  }
}

void ModelWatcher::CheckAll() {
  for (size_t index = 0; index < slots_.size(); ++index) {
    const std::shared_ptr<const ServedModel> current = slots_.At(index);
    Result<registry::VersionRecord> version = registry_->Show(current->reference);
    if (!version.ok()) {
      log_(current->reference + ": cannot read the registry: " + version.status().message());
      continue;
    }
    if (version->version == current->version || version->version == refused_[index])
      continue;
    Result<std::shared_ptr<const ServedModel>> loaded =
        LoadServedModel(*registry_, *version, current->reference, limits_, drift_);
    if (!loaded.ok()) {
      refused_[index] = version->version;
      metrics_.CountReload(false);
      log_(current->reference + ": version " + std::to_string(version->version) +
           " refused, version " + std::to_string(current->version) +
           " keeps serving: " + loaded.status().message());
      continue;
    }
    refused_[index] = 0;
    slots_.Publish(index, *loaded);
    metrics_.CountReload(true);
    log_(current->reference + ": now serving version " + std::to_string((*loaded)->version) +
         " (was " + std::to_string(current->version) + ")");
  }
}

}  // namespace steward::server
