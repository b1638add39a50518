#pragma once

#include <optional>
#include <string>
#include <vector>

#include "steward/core/result.h"
#include "steward/core/table.h"
#include "steward/model/feature_matrix.h"
#include "steward/model/model_bundle.h"
#include "steward/model/model_schema.h"
#include "steward/model/tree_evaluator.h"
#include "steward/model/xgboost_api.h"

namespace steward::model {

struct Predictions {
  size_t rows = 0;
  size_t width = 1;              // values per row: classes for multiclass, else 1
  std::vector<float> values;     // probabilities of class 1 / of each class, or predicted values
  std::vector<int32_t> classes;  // classification: the class index per row
  InputNotes notes;
};

// A verified bundle's model, ready to predict. Values come from the native TreeEvaluator when
// it supports the model (it equals XGBoost's values, at a small share of its cost), else from
// XGBoost's in-place prediction on a booster nobody trains. Predict is thread-safe and may run
// concurrently; each call uses up to `threads` threads.
class Predictor {
 public:
  // Reads and verifies the bundle directory or archive at `path` (ReadAnyBundle), then its
  // schema and model.
  static Result<Predictor> Load(const std::string& path, unsigned threads);
  // The same from verified parts (e.g. a registry version's); `where` names them in messages.
  static Result<Predictor> FromParts(const BundleParts& parts, const std::string& where,
                                     unsigned threads);

  const ModelSchema& schema() const { return schema_; }
  // The loaded booster, for other prediction types (SHAP values, margins); owned by this
  // Predictor. Predicting from it is thread-safe; setting parameters on it is not.
  void* booster() const { return booster_.get(); }
  unsigned threads() const { return threads_; }
  // The native evaluator of the model's trees, for one-row calls without a Table; null when it
  // does not support the model (see tree_evaluator_fallback()).
  const TreeEvaluator* tree_evaluator() const {
    return tree_evaluator_ ? &*tree_evaluator_ : nullptr;
  }
  // Why XGBoost predicts instead of the native evaluator; empty when the evaluator is used.
  const std::string& tree_evaluator_fallback() const { return fallback_; }

  // Checks `table` against the schema (BuildMatrix: missing columns and wrong types are errors
  // naming `source`; unseen categories become missing and are counted) and predicts every row.
  // Binary rows are class 1 when its probability is at least the schema's threshold.
  Result<Predictions> Predict(const Table& table, const std::string& source) const;

 private:
  // Predictions of row blocks on `threads_` threads.
  Result<std::vector<float>> PredictRows(const xgb::DenseMatrix& matrix, size_t width) const;
  // One block's values into `out` (rows * width), by the native evaluator or XGBoost.
  Status PredictBlock(const float* values, size_t rows, size_t columns, size_t width,
                      float* out) const;

  ModelSchema schema_;
  std::optional<TreeEvaluator> tree_evaluator_;
  std::string fallback_;
  xgb::BoosterPtr booster_;
  unsigned threads_ = 0;
};

}  // namespace steward::model
