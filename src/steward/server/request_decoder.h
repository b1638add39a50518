#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "steward/model/model_schema.h"

namespace steward::server {

// A refused request: the HTTP status (400 malformed, 413 too large, 422 does not fit the model)
// and a message naming what and where.
struct ApiError {
  int status = 400;
  std::string message;
};

struct RequestLimits {
  size_t max_json_depth = 32;
  size_t max_batch_rows = 10'000;
};

// Prediction input decoded against a model's schema: one float row per instance, in the
// schema's feature order, NaN where missing, categories as the training codes.
struct DecodedRows {
  size_t rows = 0;
  std::vector<float> values;            // rows x features
  std::vector<std::string> group_keys;  // per row, when the model has per-group thresholds
  size_t unseen_categories = 0;         // labels the training data never had, now missing
  // Per row, the inputs as JSON (model features only, in schema order, each value as sent):
  // what the prediction log keeps.
  std::vector<std::string> inputs_json;
};

// Turns request bodies into model input. Built once per served model; Decode* are const and
// thread-safe. The JSON must be strict RFC 8259 / I-JSON: NaN, Infinity, numbers out of
// double's range, duplicate keys and nesting deeper than the limit are 400. A feature that is
// absent or of the wrong type is 422 naming it; null means missing; an unseen category becomes
// missing and is counted.
class RequestDecoder {
 public:
  RequestDecoder(const model::ModelSchema& schema, RequestLimits limits);

  // POST /v1/models/{name}/predict: one instance object, {"instances": [object, ...]}, or
  // column form {"inputs": {"feature": [values], ...}}. `body` must have at least
  // kPaddingBytes of capacity beyond its size (simdjson reads ahead); Decode grows it if not.
  std::optional<ApiError> DecodePredict(std::string& body, DecodedRows& out) const;
  // POST /v2/models/{name}/infer (Open Inference Protocol): {"id"?, "inputs": [{"name",
  // "shape": [N] or [N, 1], "datatype", "data": [...]}, ...]}, one input tensor per feature.
  // `request_id` receives the request's "id" when given.
  std::optional<ApiError> DecodeInfer(std::string& body, DecodedRows& out,
                                      std::string& request_id) const;

  size_t width() const { return features_.size(); }
  const std::vector<model::ModelFeature>& features() const { return features_; }

  static constexpr size_t kPaddingBytes = 64;

  class Impl;  // the simdjson walk, in request_decoder.cc

 private:
  friend class Impl;
  struct Lookup {
    size_t operator()(std::string_view key) const { return std::hash<std::string_view>()(key); }
    using is_transparent = void;
  };
  using NameIndex = std::unordered_map<std::string, int32_t, Lookup, std::equal_to<>>;

  std::vector<model::ModelFeature> features_;
  NameIndex feature_index_;
  std::vector<NameIndex> category_codes_;   // per feature; empty for non-categorical
  std::vector<std::string> group_columns_;  // the per-group threshold columns, if any
  std::vector<std::string> keys_json_;      // per feature: `{"name":` or `,"name":`
  size_t keys_json_bytes_ = 0;
  RequestLimits limits_;
};

// Whether `json` nests arrays and objects no deeper than `max_depth` (strings are skipped).
bool JsonDepthWithin(std::string_view json, size_t max_depth);

}  // namespace steward::server
