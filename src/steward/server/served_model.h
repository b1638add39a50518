#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "steward/core/result.h"
#include "steward/model/predictor.h"
#include "steward/registry/registry.h"
#include "steward/server/live_drift.h"
#include "steward/server/request_decoder.h"

namespace steward::server {

// A registry version loaded for serving: verified, checked, warmed up, and immutable once
// published; requests hold it by shared_ptr, so a hot swap frees it after its last request.
struct ServedModel {
  std::string name;       // the registry's model name, the {name} of the routes
  std::string reference;  // what is served, e.g. "credit@production"
  int64_t version = 0;
  std::string loaded_at;  // UTC
  model::Predictor predictor;
  RequestDecoder decoder;
  std::string summary_json;  // GET /v1/models/{name}: version, schema, card summary
  // Written into every response, so made once: the name and class labels as JSON strings.
  std::string name_json;
  std::vector<std::string> classes_json;
  std::string version_text;
  // TreeSHAP builds a DMatrix per call; one explain at a time per model keeps XGBoost's
  // per-booster prediction cache out of concurrent use.
  mutable std::mutex explain_mutex;
  // This version's live traffic against its training profile; nullptr when live drift is off or
  // the bundle has no profile. A hot swap publishes a new ServedModel, so the window starts
  // empty for the new version.
  std::unique_ptr<LiveDrift> drift;

  ServedModel(model::Predictor loaded, const RequestLimits& limits)
      : predictor(std::move(loaded)), decoder(predictor.schema(), limits) {}
};

// Loads `version` of the registry (what `reference`, NAME@ALIAS or NAME@VERSION, holds): every
// part re-hashed and checked against the version's manifest, the model checked
// (CheckModelJson) and a warm-up prediction made, so a bad bundle is refused before it serves.
// With drift.enabled, a live drift window against the bundle's training profile (none if the
// bundle has no profile; an error if drift.policy does not fit its features).
Result<std::shared_ptr<const ServedModel>> LoadServedModel(registry::Registry& registry,
                                                           const registry::VersionRecord& version,
                                                           const std::string& reference,
                                                           const RequestLimits& limits,
                                                           const LiveDriftOptions& drift = {});

// What a model says about decoded rows.
struct ModelOutputs {
  size_t rows = 0;
  size_t width = 1;           // classes for multiclass, else 1
  std::vector<float> values;  // probability of class 1 / per class / predicted value
  std::vector<int32_t> classes;
};

// Predicts every decoded row (with the schema's threshold, or the row's group threshold).
// kInternal if the model gives a non-finite value: the caller answers 500, never NaN.
Result<ModelOutputs> PredictRows(const ServedModel& served, const DecodedRows& rows);

// The JSON of row `row`'s prediction, e.g. {"probability":0.83,"class":"good"}.
std::string RowOutputJson(const ServedModel& served, const ModelOutputs& outputs, size_t row);

}  // namespace steward::server
