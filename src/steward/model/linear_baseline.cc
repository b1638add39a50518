#include "steward/model/linear_baseline.h"

#include <cmath>

namespace steward::model {
namespace {

constexpr int kMaxNewtonSteps = 100;

// Row-wise softmax (multinomial) or logistic (binary) of the linear scores.
Eigen::MatrixXd Probabilities(const Eigen::MatrixXd& scores, bool binary) {
  if (binary)
    return (1.0 / (1.0 + (-scores.array()).exp())).matrix();
  Eigen::MatrixXd shifted = scores.colwise() - scores.rowwise().maxCoeff();
  Eigen::MatrixXd exp = shifted.array().exp().matrix();
  return exp.array().colwise() / exp.rowwise().sum().array();
}

// Weighted negative log-likelihood plus the L2 penalty, which skips the intercept row.
double Objective(const LinearBaseline::Design& x, const Eigen::MatrixXd& y,
                 const Eigen::VectorXd& w, const Eigen::MatrixXd& beta, double l2, bool binary) {
  const Eigen::MatrixXd scores = x * beta;
  double loss = 0;
  for (Eigen::Index row = 0; row < x.rows(); ++row) {
    if (binary) {
      const double s = scores(row, 0);
      // log(1 + e^s) - y s, computed without overflow.
      const double softplus = s > 0 ? s + std::log1p(std::exp(-s)) : std::log1p(std::exp(s));
      loss += w(row) * (softplus - y(row, 0) * s);
    } else {
      const double top = scores.row(row).maxCoeff();
      const double log_sum = top + std::log((scores.row(row).array() - top).exp().sum());
      loss += w(row) * (log_sum - (scores.row(row).array() * y.row(row).array()).sum());
    }
  }
  const Eigen::Index penalised = beta.rows() - 1;
  return loss + 0.5 * l2 * beta.topRows(penalised).squaredNorm();
}

// Xᵀ diag(d) X. The design is sparse (one-hot blocks), so this costs rows x (non-zeros per
// row)², not rows x columns²: 200k rows x 236 columns take 0.1 s instead of 3 s.
Eigen::MatrixXd WeightedGram(const LinearBaseline::Design& x, const Eigen::VectorXd& d) {
  const LinearBaseline::Design scaled = d.asDiagonal() * x;
  return Eigen::MatrixXd(x.transpose() * scaled);
}

}  // namespace

Result<LinearBaseline> LinearBaseline::Fit(const ModelSchema& schema,
                                           const xgb::DenseMatrix& features,
                                           std::span<const float> labels,
                                           std::span<const float> weights, double l2) {
  LinearBaseline model;
  model.task_ = schema.task;
  model.classes_ = schema.task == Task::kMulticlass ? schema.classes.size() : 2;
  model.l2_ = l2;
  const size_t rows = features.rows;
  // Encodings from the training rows.
  size_t column = 0;
  for (size_t feature = 0; feature < schema.features.size(); ++feature) {
    Encoding encoding;
    encoding.feature = feature;
    encoding.categorical = schema.features[feature].categorical();
    encoding.first_column = column;
    double sum = 0;
    double count = 0;
    bool any_missing = false;
    for (size_t row = 0; row < rows; ++row) {
      const float value = features.values[row * features.columns + feature];
      if (std::isnan(value)) {
        any_missing = true;
      } else {
        sum += value;
        count += 1;
      }
    }
    if (encoding.categorical) {
      encoding.levels = std::min(schema.features[feature].categories.size(), kMaxLevels);
      column += encoding.levels;
    } else {
      encoding.mean = count > 0 ? sum / count : 0;
      double squares = 0;
      for (size_t row = 0; row < rows; ++row) {
        const float value = features.values[row * features.columns + feature];
        if (!std::isnan(value))
          squares += (value - encoding.mean) * (value - encoding.mean);
      }
      const double deviation = count > 0 ? std::sqrt(squares / count) : 0;
      encoding.scale = deviation > 0 ? deviation : 1;
      column += 1;
    }
    if (any_missing)
      encoding.missing_column = static_cast<long>(column++);
    model.encodings_.push_back(encoding);
  }
  model.columns_ = column;
  const size_t outputs = schema.task == Task::kMulticlass ? model.classes_ : 1;
  if ((column + 1) * outputs > kMaxUnknowns) {
    return Status::FailedPrecondition("the design has " + std::to_string((column + 1) * outputs) +
                                      " unknowns, more than the " + std::to_string(kMaxUnknowns) +
                                      " the baseline solves");
  }

  const Design x = model.MakeDesign(features);
  const auto n = static_cast<Eigen::Index>(rows);
  const auto p = static_cast<Eigen::Index>(column + 1);
  Eigen::VectorXd w = Eigen::VectorXd::Ones(n);
  for (size_t row = 0; row < weights.size(); ++row)
    w(static_cast<Eigen::Index>(row)) = weights[row];
  Eigen::VectorXd penalty = Eigen::VectorXd::Constant(p, l2);
  // The intercept is not penalised; a tiny ridge keeps the multinomial Hessian, which is
  // singular along "add a constant to every class's intercept", invertible.
  penalty(p - 1) = 1e-10;

  if (schema.task == Task::kRegression) {
    Eigen::VectorXd y(n);
    for (Eigen::Index row = 0; row < n; ++row)
      y(row) = labels[static_cast<size_t>(row)];
    Eigen::MatrixXd gram = WeightedGram(x, w);
    gram.diagonal() += penalty;
    model.coefficients_ = gram.ldlt().solve(x.transpose() * (w.asDiagonal() * y));
    return model;
  }

  const bool binary = schema.task == Task::kBinary;
  const auto k = static_cast<Eigen::Index>(outputs);
  Eigen::MatrixXd y = Eigen::MatrixXd::Zero(n, k);
  for (Eigen::Index row = 0; row < n; ++row) {
    const auto label = static_cast<Eigen::Index>(labels[static_cast<size_t>(row)]);
    if (binary)
      y(row, 0) = static_cast<double>(label);
    else
      y(row, label) = 1;
  }
  Eigen::MatrixXd beta = Eigen::MatrixXd::Zero(p, k);
  double objective = Objective(x, y, w, beta, l2, binary);
  for (int step = 0; step < kMaxNewtonSteps; ++step) {
    model.iterations_ = step + 1;
    const Eigen::MatrixXd prob = Probabilities(x * beta, binary);
    Eigen::MatrixXd gradient = x.transpose() * (w.asDiagonal() * (prob - y));
    gradient += penalty.asDiagonal() * beta;
    Eigen::MatrixXd hessian = Eigen::MatrixXd::Zero(p * k, p * k);
    for (Eigen::Index a = 0; a < k; ++a) {
      for (Eigen::Index b = a; b < k; ++b) {
        Eigen::VectorXd d(n);
        for (Eigen::Index row = 0; row < n; ++row) {
          const double pa = prob(row, a);
          d(row) = w(row) * (binary ? pa * (1 - pa) : pa * ((a == b ? 1.0 : 0.0) - prob(row, b)));
        }
        Eigen::MatrixXd block = WeightedGram(x, d);
        if (a == b)
          block.diagonal() += penalty;
        hessian.block(a * p, b * p, p, p) = block;
        if (a != b)
          hessian.block(b * p, a * p, p, p) = block.transpose();
      }
    }
    const Eigen::VectorXd flat_gradient = Eigen::Map<const Eigen::VectorXd>(gradient.data(), p * k);
    const Eigen::VectorXd flat_step = hessian.ldlt().solve(flat_gradient);
    const Eigen::MatrixXd direction = Eigen::Map<const Eigen::MatrixXd>(flat_step.data(), p, k);
    // Newton steps with halving until the objective decreases.
    double scale = 1;
    Eigen::MatrixXd candidate = beta - direction;
    double next = Objective(x, y, w, candidate, l2, binary);
    while (next > objective && scale > 1e-6) {
      scale /= 2;
      candidate = beta - scale * direction;
      next = Objective(x, y, w, candidate, l2, binary);
    }
    if (next > objective)
      break;
    const double change = (scale * direction).norm();
    beta = std::move(candidate);
    const double previous = objective;
    objective = next;
    if (change < 1e-10 * (1 + beta.norm()) || previous - objective < 1e-12 * (1 + objective))
      break;
  }
  model.coefficients_ = beta;
  return model;
}

LinearBaseline::Design LinearBaseline::MakeDesign(const xgb::DenseMatrix& features) const {
  const auto n = static_cast<Eigen::Index>(features.rows);
  std::vector<Eigen::Triplet<double>> entries;
  entries.reserve(features.rows * (encodings_.size() + 1));
  for (Eigen::Index row = 0; row < n; ++row) {
    const float* values = features.values.data() + static_cast<size_t>(row) * features.columns;
    for (const Encoding& encoding : encodings_) {
      const float value = values[encoding.feature];
      const auto first = static_cast<Eigen::Index>(encoding.first_column);
      if (std::isnan(value)) {
        if (encoding.missing_column >= 0)
          entries.emplace_back(row, encoding.missing_column, 1.0);
      } else if (encoding.categorical) {
        const auto level = static_cast<size_t>(value);
        if (level < encoding.levels)
          entries.emplace_back(row, first + static_cast<Eigen::Index>(level), 1.0);
      } else {
        entries.emplace_back(row, first, (value - encoding.mean) / encoding.scale);
      }
    }
    entries.emplace_back(row, static_cast<Eigen::Index>(columns_), 1.0);
  }
  Design x(n, static_cast<Eigen::Index>(columns_ + 1));
  x.setFromTriplets(entries.begin(), entries.end());
  return x;
}

std::vector<float> LinearBaseline::Predict(const xgb::DenseMatrix& features) const {
  const Eigen::MatrixXd scores = MakeDesign(features) * coefficients_;
  Eigen::MatrixXd output =
      task_ == Task::kRegression ? scores : Probabilities(scores, task_ == Task::kBinary);
  std::vector<float> result(static_cast<size_t>(output.size()));
  for (Eigen::Index row = 0; row < output.rows(); ++row) {
    for (Eigen::Index column = 0; column < output.cols(); ++column)
      result[static_cast<size_t>(row * output.cols() + column)] =
          static_cast<float>(output(row, column));
  }
  return result;
}

nlohmann::json LinearBaseline::Describe() const {
  const char* kind = task_ == Task::kRegression ? "ridge regression"
                     : task_ == Task::kBinary   ? "logistic regression"
                                                : "multinomial logistic regression";
  nlohmann::json description = {{"kind", kind},
                                {"l2", l2_},
                                {"design_columns", columns_ + 1},
                                {"encoding",
                                 "numeric standardised, missing imputed with the mean plus an "
                                 "indicator; categorical one-hot with a missing indicator"}};
  if (task_ != Task::kRegression)
    description["newton_iterations"] = iterations_;
  return description;
}

}  // namespace steward::model
