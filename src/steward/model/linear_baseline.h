#pragma once

#include <span>
#include <string>
#include <vector>

#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <nlohmann/json.hpp>

#include "steward/core/result.h"
#include "steward/model/model_schema.h"
#include "steward/model/xgboost_api.h"

namespace steward::model {

// The simple model trained beside the booster, so a reviewer sees what the trees add:
// L2-regularised logistic regression (binary; multinomial for multiclass) or ridge regression.
//
// Design: numeric features standardised with the training mean and standard deviation, a
// missing value imputed with the mean (0 after standardising) plus a 0/1 missing indicator for
// features with missing training values; categorical features one-hot over the training
// categories (at most kMaxLevels per feature, the rest share the all-zero row), missing as its
// own indicator. The objective matches scikit-learn's LogisticRegression(C=1/l2) and
// Ridge(alpha=l2): an unpenalised intercept; logistic fits use Newton's method.
// Immutable after Fit(); Predict is safe from many threads.
class LinearBaseline {
 public:
  static constexpr size_t kMaxLevels = 100;
  // The design matrix: rows x (columns + 1), the intercept column last; sparse, since one-hot
  // blocks hold one non-zero each.
  using Design = Eigen::SparseMatrix<double, Eigen::RowMajor>;
  // Newton's method solves a system of this many unknowns at most (classes x columns).
  static constexpr size_t kMaxUnknowns = 4000;

  // Fails with kFailedPrecondition when the design would need more than kMaxUnknowns
  // unknowns (the caller reports the baseline as skipped).
  static Result<LinearBaseline> Fit(const ModelSchema& schema, const xgb::DenseMatrix& features,
                                    std::span<const float> labels, std::span<const float> weights,
                                    double l2 = 1.0);

  // Probabilities of class 1 (binary), rows x classes probabilities, or values.
  std::vector<float> Predict(const xgb::DenseMatrix& features) const;

  // What was fitted: kind, l2, design columns, Newton iterations.
  nlohmann::json Describe() const;

 private:
  struct Encoding {
    size_t feature = 0;
    bool categorical = false;
    double mean = 0;
    double scale = 1;
    size_t first_column = 0;   // first design column of this feature
    size_t levels = 0;         // one-hot columns (categorical)
    long missing_column = -1;  // design column of the missing indicator, or -1
  };

  Design MakeDesign(const xgb::DenseMatrix& features) const;

  Task task_ = Task::kBinary;
  size_t classes_ = 2;
  double l2_ = 1.0;
  int iterations_ = 0;
  size_t columns_ = 0;  // design columns, the intercept excluded
  std::vector<Encoding> encodings_;
  Eigen::MatrixXd coefficients_;  // (columns_ + 1) x outputs; the intercept last
};

}  // namespace steward::model
