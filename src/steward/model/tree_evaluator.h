#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "steward/core/result.h"
#include "steward/model/model_schema.h"
#include "steward/model/xgboost_api.h"

namespace steward::model {

// A bundle's trees evaluated without XGBoost: every tree flattened into one array of 16-byte
// nodes (siblings adjacent), walked per row. A one-row call costs no allocation, no JSON and no
// thread-local buffer, which is what the prediction server needs: 0.3 us per row on the credit
// model `steward train` makes, where XGBoost's in-place call takes 25 us
// (bench/tree_evaluator_benchmark.cc).
//
// It reproduces XGBoost 1.7's CPU predictor step for step, so values equal XGBoost's (the test
// holds them within 1e-6 on every bundled data set): the base score turned into a margin as the
// objective does, leaf values added in float in tree order per output group, `value < split`
// going left, NaN taking the node's default direction, categorical splits sending the listed
// categories right (any other code, negative or too large, left), then the objective's
// transform in float. Supported: gbtree models (what CheckModelJson accepts) with the objectives
// `steward train` may use: binary:logistic, multi:softprob, reg:squarederror,
// reg:squaredlogerror, reg:pseudohubererror, reg:absoluteerror (identity), count:poisson,
// reg:gamma, reg:tweedie (exp). Anything else is refused, so the caller keeps XGBoost.
//
// Immutable once built: every method is const and safe to call from any number of threads.
class TreeEvaluator {
 public:
  // Checks `model_json` with CheckModelJson (its kDataLoss status is returned as is), then
  // flattens the trees. Fails with kFailedPrecondition naming what is not supported (an
  // objective, several targets, a base score it cannot read), so the caller can fall back to
  // XGBoost; kInternal if a tree is not the tree CheckModelJson promised.
  static Result<TreeEvaluator> FromModelJson(std::string_view model_json,
                                             const ModelSchema& schema);

  size_t features() const { return features_; }  // floats per input row
  size_t width() const { return groups_; }       // values per output row
  size_t trees() const { return roots_.size(); }
  size_t categorical_splits() const { return sets_.size(); }

  // One row of features() floats (NaN: missing) to width() values, as Predictor::Predict's
  // values: the probability of class 1, of each class, or the predicted value.
  void PredictRow(const float* row, float* out) const;
  // `rows` rows of features() floats each, row-major, into rows * width() values.
  void PredictRows(const float* values, size_t rows, float* out) const;
  // Fails with kInvalidArgument when the matrix does not have features() columns.
  Result<std::vector<float>> Predict(const xgb::DenseMatrix& matrix) const;

 private:
  // The objective's transform of the summed margins.
  enum class Link : uint8_t { kIdentity, kLogistic, kExp, kSoftmax };

  struct Node {
    float value;       // numeric split: left when x < value; leaf: the leaf value
    uint32_t left;     // index of the left child in nodes_, the right one next; a leaf's own
    uint32_t feature;  // the feature tested
    uint32_t info;     // flags below; categorical splits: their CategorySet index << kSetShift
  };
  static_assert(sizeof(Node) == 16);
  static constexpr uint32_t kLeaf = 1;
  static constexpr uint32_t kDefaultLeft = 2;
  static constexpr uint32_t kCategorical = 4;
  static constexpr uint32_t kSetShift = 3;

  // The categories of one split that go right, a bitset of `words` 32-bit words in words_.
  struct CategorySet {
    uint32_t offset = 0;
    uint32_t words = 0;
  };

  // The node a row moves to from node `at`; a leaf's is itself.
  uint32_t Step(uint32_t at, const float* row) const;

  std::vector<Node> nodes_;
  std::vector<uint32_t> roots_;  // per tree, its root in nodes_
  std::vector<uint32_t> group_;  // per tree, the output it adds to (XGBoost's tree_info)
  std::vector<uint32_t> depth_;  // per tree, the steps from its root to its deepest leaf
  std::vector<CategorySet> sets_;
  std::vector<uint32_t> words_;
  size_t features_ = 0;
  size_t groups_ = 1;
  float base_margin_ = 0;
  Link link_ = Link::kIdentity;
};

}  // namespace steward::model
