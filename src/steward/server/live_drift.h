#pragma once
// Live drift of one served model version: its recent traffic in a LiveWindow, compared with the
// bundle's training profile by the monitor's tests (drift_report.h), for
// GET /v1/models/{name}/drift and the steward_*drift* gauges of /metrics.

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "steward/core/result.h"
#include "steward/model/model_bundle.h"
#include "steward/model/model_schema.h"
#include "steward/monitor/column_values.h"
#include "steward/monitor/drift_policy.h"
#include "steward/monitor/drift_report.h"
#include "steward/monitor/live_window.h"

namespace steward::server {

struct LiveDriftOptions {
  bool enabled = true;
  monitor::LiveWindowOptions window;
  monitor::DriftPolicy policy;
  // A result is reused for this long, so that scrapes and calls in a burst cost one comparison.
  std::chrono::milliseconds cache{1'000};
};

// One comparison of the window with the reference.
struct LiveDriftResult {
  monitor::DriftReport report;
  uint64_t rows = 0;  // predictions in the window
  std::string json;   // the body of GET /v1/models/{name}/drift
};

// Thread safety: Add() and Current() may be called concurrently from any threads. Current()
// compares under a mutex, so concurrent callers wait for one comparison instead of each running
// their own.
class LiveDrift {
 public:
  using Clock = monitor::LiveWindow::Clock;

  // From a bundle's parts: the training profile (profile.json) restricted to the model's
  // features. kFailedPrecondition when the bundle holds no profile; kInvalidArgument when
  // options.policy does not fit the features (a numeric test on a categorical one).
  // `where` (e.g. "credit@3") names the bundle in errors and in the report.
  static Result<std::unique_ptr<LiveDrift>> Create(const model::BundleParts& parts,
                                                   const model::ModelSchema& schema,
                                                   const std::string& where,
                                                   const LiveDriftOptions& options,
                                                   Clock::time_point start);

  // Takes a reference made by Create(), already restricted to `columns`.
  LiveDrift(monitor::CollectedColumns reference, std::vector<monitor::LiveColumn> columns,
            std::string where, const LiveDriftOptions& options, Clock::time_point start);

  // Counts decoded rows (rows x features floats, the model's feature order) that arrived `now`.
  void Add(std::span<const float> values, size_t rows, Clock::time_point now) {
    window_.Add(values, rows, now);
  }

  // The comparison as of `now`, reused for options.cache. `model` and `version` go into the JSON.
  std::shared_ptr<const LiveDriftResult> Current(Clock::time_point now, const std::string& model,
                                                 int64_t version);

 private:
  std::shared_ptr<const LiveDriftResult> Compute(Clock::time_point now, const std::string& model,
                                                 int64_t version) const;

  monitor::CollectedColumns reference_;  // a copy is consumed by each comparison
  std::string where_;
  LiveDriftOptions options_;
  monitor::LiveWindow window_;
  std::mutex mutex_;
  std::shared_ptr<const LiveDriftResult> cached_;
  Clock::time_point cached_at_;
};

// The Prometheus gauges of every served model's live drift, appended to `out`: one # HELP and
// # TYPE per family, then a line per model (and feature).
struct ModelDrift {
  std::string model;
  std::shared_ptr<const LiveDriftResult> result;
};
void AppendDriftMetrics(const std::vector<ModelDrift>& models, std::string& out);

}  // namespace steward::server
