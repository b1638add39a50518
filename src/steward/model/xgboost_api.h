#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "steward/core/result.h"

// The only header that knows XGBoost's C API: everything else sees Status values and owning
// handles, never an int return code or a raw pointer.
namespace steward::model::xgb {

// Turns an XGBoost return code into a Status naming the call and XGBoost's own message.
// Calls whose failure comes from user input (parameters, a model file) pass kInvalidArgument.
Status Call(int rc, std::string_view what, StatusCode code = StatusCode::kInternal);

struct DMatrixDeleter {
  void operator()(void* handle) const;
};
struct BoosterDeleter {
  void operator()(void* handle) const;
};
using DMatrixPtr = std::unique_ptr<void, DMatrixDeleter>;
using BoosterPtr = std::unique_ptr<void, BoosterDeleter>;

// A row-major float32 matrix; NaN marks a missing value.
struct DenseMatrix {
  std::vector<float> values;
  size_t rows = 0;
  size_t columns = 0;
};

// The __array_interface__ (version 3) JSON describing a row-major float32 matrix at `data`,
// which must outlive its use.
std::string ArrayInterface(const float* data, size_t rows, size_t columns);

// Copies `matrix` into a new DMatrix with NaN as missing, labels, optional weights, and the
// per-feature types ("q" numeric, "c" categorical).
Result<DMatrixPtr> MakeDMatrix(const DenseMatrix& matrix, std::span<const float> labels,
                               std::span<const float> weights,
                               const std::vector<std::string>& feature_types, unsigned threads);

// A booster with the given DMatrix cache (training and evaluation sets).
Result<BoosterPtr> MakeBooster(std::span<void* const> cache);
Result<BoosterPtr> LoadBooster(std::string_view model_json);

Status SetParam(void* booster, const std::string& name, const std::string& value);
Status SetFeatureInfo(void* booster, const char* field, const std::vector<std::string>& values);
Status SetAttr(void* booster, const std::string& name, const std::string& value);
Status UpdateOneIter(void* booster, int iteration, void* train);
// XGBoost's evaluation text, e.g. "[3]\ttrain-logloss:0.41\tvalid-logloss:0.45".
Result<std::string> EvalOneIter(void* booster, int iteration, std::span<void* const> sets,
                                const std::vector<std::string>& names);
// Keeps the trees of rounds [0, rounds).
Result<BoosterPtr> Slice(void* booster, int rounds);
Result<int> BoostedRounds(void* booster);
Result<std::string> SaveJson(void* booster);

// Predicted values (type 0) of every row of `matrix`, in place (no DMatrix), copied out of
// XGBoost's thread-local buffer. Thread-safe on a booster no one trains or configures.
Result<std::vector<float>> PredictDense(void* booster, const float* data, size_t rows,
                                        size_t columns);
inline Result<std::vector<float>> PredictDense(void* booster, const DenseMatrix& matrix) {
  return PredictDense(booster, matrix.values.data(), matrix.rows, matrix.columns);
}

// XGBoost's prediction types (the "type" of XGBoosterPredictFromDMatrix's config).
enum class PredictionType : int {
  kValue = 0,          // probabilities or predicted values
  kMargin = 1,         // untransformed sum of the trees and the base score
  kContributions = 2,  // exact TreeSHAP: [rows][groups][features + 1], the bias last
  kInteractions = 4,   // SHAP interaction values: [rows][groups][features + 1][features + 1]
};

// The values of `type` for every row of `dmatrix`, copied out of XGBoost's thread-local buffer,
// row-major. `groups` is the number of classes of a multiclass model and 1 otherwise (XGBoost
// drops that axis then, which leaves the layout the same).
Result<std::vector<float>> PredictMatrix(void* booster, void* dmatrix, PredictionType type);

// Exact TreeSHAP contributions: rows x (features + 1), the bias last, summing to the margin.
Result<std::vector<float>> Contributions(void* booster, void* dmatrix);

struct FeatureScore {
  std::string feature;
  double score = 0;
};
// XGBoost's feature importance of the given type ("gain", "weight", ...), features it never
// split on left out. For multiclass models the scores of the classes are summed.
Result<std::vector<FeatureScore>> FeatureScores(void* booster, const std::string& type);

// "1.7.4".
std::string Version();

// XGBoost's log messages (warnings such as "Parameters: { "x" } are not used.") are captured
// from the first call of this function on, instead of going to stderr, and returned (and
// cleared) by each call. XGBoost's log callback is process-wide, so this is too; thread-safe.
std::vector<std::string> TakeLogMessages();

}  // namespace steward::model::xgb
