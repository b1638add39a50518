#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "steward/io/prediction_log.h"
#include "steward/server/http_server.h"
#include "steward/server/key_cache.h"
#include "steward/server/model_slots.h"
#include "steward/server/server_metrics.h"

namespace steward::server {

struct ServiceOptions {
  RequestLimits request_limits;
  std::chrono::milliseconds deadline{2'000};  // 503 when a request waited longer to start
  // Host header values accepted (DNS rebinding): empty accepts any. A loopback server accepts
  // only loopback names.
  std::vector<std::string> allowed_hosts;
  bool live_drift = true;  // models keep a live drift window (else --drift-window 0)
};

// The routes of `steward serve` (docs/server.md): authentication and scopes, input checks,
// predictions, explanations, the Open Inference Protocol, feedback, health, readiness,
// metrics and the OpenAPI document. Handle() is called on the HTTP threads, concurrently.
class PredictionService {
 public:
  PredictionService(ModelSlots& models, KeyCache& keys, io::PredictionLogWriter* log,
                    ServerMetrics& metrics, ServiceOptions options);

  HttpResponse Handle(HttpRequest& request);

  // Readiness goes false at shutdown, before the server stops accepting.
  void SetDraining() { draining_.store(true); }
  void SetReloadTrigger(std::function<void()> trigger) { reload_ = std::move(trigger); }
  // Gauges for /metrics kept by others (connections).
  void SetExtraMetrics(std::function<void(std::string&)> extra) {
    extra_metrics_ = std::move(extra);
  }

 private:
  HttpResponse Route(HttpRequest& request, server::Route& route);
  HttpResponse Predict(const ServedModel& model, HttpRequest& request, bool open_inference);
  HttpResponse Explain(const ServedModel& model, HttpRequest& request);
  HttpResponse Feedback(const ServedModel& model, HttpRequest& request);
  HttpResponse Drift(const ServedModel& model) const;
  HttpResponse Ready() const;
  HttpResponse Metrics() const;
  HttpResponse ModelList() const;
  std::string NewId();

  ModelSlots& models_;
  KeyCache& keys_;
  io::PredictionLogWriter* log_;  // nullptr: --no-prediction-log
  ServerMetrics& metrics_;
  ServiceOptions options_;
  std::atomic<bool> draining_{false};
  std::function<void()> reload_;
  std::function<void(std::string&)> extra_metrics_;
};

}  // namespace steward::server
