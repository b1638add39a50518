#include "steward/model/explanation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "steward/model/feature_matrix.h"

namespace steward::model {
namespace {

size_t Groups(const ModelSchema& schema) {
  return schema.task == Task::kMulticlass ? schema.classes.size() : 1;
}

Status CheckSize(size_t actual, size_t expected, const char* what) {
  if (actual == expected)
    return Status::Ok();
  return Status::Internal("xgboost gave " + std::to_string(actual) + " " + what + " values, " +
                          "expected " + std::to_string(expected));
}

// A feature's value as people know it: the category label, the number, or "missing".
std::string ValueText(const ModelFeature& feature, float value) {
  if (std::isnan(value))
    return "missing";
  if (feature.categorical()) {
    const auto code = static_cast<size_t>(value);
    return code < feature.categories.size() ? feature.categories[code] : "?";
  }
  if (feature.kind == ColumnKind::kBoolean)
    return value != 0 ? "true" : "false";
  char text[32];
  std::snprintf(text, sizeof(text), "%.6g", static_cast<double>(value));
  return text;
}

std::vector<RowExplanation> ExplainRows(const ShapValues& shap, const ModelSchema& schema,
                                        const xgb::DenseMatrix& matrix, size_t rows, size_t top) {
  std::vector<RowExplanation> result;
  const size_t features = shap.features;
  for (size_t row = 0; row < std::min(rows, shap.rows); ++row) {
    RowExplanation explained;
    explained.row = row;
    const float* margins = shap.margins.data() + row * shap.groups;
    // A multiclass row is explained for the class it is predicted as: its margin is the one
    // whose contributions say why.
    if (shap.groups > 1) {
      const float* values = shap.predictions.data() + row * shap.groups;
      explained.group =
          static_cast<size_t>(std::max_element(values, values + shap.groups) - values);
    }
    const float* contributions = shap.Row(row, explained.group);
    explained.bias = contributions[features];
    explained.margin = margins[explained.group];
    explained.prediction = shap.predictions[row * shap.groups + explained.group];
    std::vector<size_t> order(features);
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return std::abs(contributions[a]) > std::abs(contributions[b]);
    });
    order.resize(std::min(top, features));
    for (size_t feature : order) {
      explained.top.push_back(
          {schema.features[feature].name,
           ValueText(schema.features[feature], matrix.values[row * matrix.columns + feature]),
           contributions[feature]});
    }
    result.push_back(std::move(explained));
  }
  return result;
}

std::vector<InteractionPair> TopPairs(const InteractionValues& interactions,
                                      const ModelSchema& schema, size_t top) {
  const size_t width = interactions.features + 1;
  const size_t features = interactions.features;
  std::vector<double> sums(features * features, 0.0);
  for (size_t row = 0; row < interactions.rows; ++row) {
    for (size_t group = 0; group < interactions.groups; ++group) {
      const float* matrix =
          interactions.values.data() + (row * interactions.groups + group) * width * width;
      for (size_t first = 0; first < features; ++first) {
        for (size_t second = first + 1; second < features; ++second)
          sums[first * features + second] += std::abs(matrix[first * width + second]);
      }
    }
  }
  std::vector<InteractionPair> pairs;
  const double count = double(interactions.rows) * double(interactions.groups);
  for (size_t first = 0; first < features; ++first) {
    for (size_t second = first + 1; second < features; ++second) {
      pairs.push_back({schema.features[first].name, schema.features[second].name,
                       count > 0 ? sums[first * features + second] / count : 0.0});
    }
  }
  std::stable_sort(
      pairs.begin(), pairs.end(),
      [](const InteractionPair& a, const InteractionPair& b) { return a.mean_abs > b.mean_abs; });
  pairs.resize(std::min(top, pairs.size()));
  return pairs;
}

}  // namespace

Result<ShapValues> ComputeShap(void* booster, const ModelSchema& schema,
                               const xgb::DenseMatrix& matrix, unsigned threads, size_t chunk_rows,
                               const std::function<void(uint64_t done, uint64_t total)>& on_chunk) {
  ShapValues shap;
  shap.rows = matrix.rows;
  shap.groups = Groups(schema);
  shap.features = schema.features.size();
  const size_t width = shap.features + 1;
  shap.contributions.reserve(shap.rows * shap.groups * width);
  shap.margins.reserve(shap.rows * shap.groups);
  shap.predictions.reserve(shap.rows * shap.groups);
  chunk_rows = std::max<size_t>(chunk_rows, 1);
  for (size_t begin = 0; begin < matrix.rows; begin += chunk_rows) {
    xgb::DenseMatrix chunk;
    chunk.rows = std::min(chunk_rows, matrix.rows - begin);
    chunk.columns = matrix.columns;
    const auto first = matrix.values.begin() + static_cast<ptrdiff_t>(begin * matrix.columns);
    chunk.values.assign(first, first + static_cast<ptrdiff_t>(chunk.rows * chunk.columns));
    STEWARD_ASSIGN_OR_RETURN(xgb::DMatrixPtr dmatrix,
                             xgb::MakeDMatrix(chunk, {}, {}, schema.FeatureTypes(), threads));
    STEWARD_ASSIGN_OR_RETURN(
        std::vector<float> contributions,
        xgb::PredictMatrix(booster, dmatrix.get(), xgb::PredictionType::kContributions));
    STEWARD_RETURN_IF_ERROR(
        CheckSize(contributions.size(), chunk.rows * shap.groups * width, "SHAP"));
    STEWARD_ASSIGN_OR_RETURN(
        std::vector<float> margins,
        xgb::PredictMatrix(booster, dmatrix.get(), xgb::PredictionType::kMargin));
    STEWARD_RETURN_IF_ERROR(CheckSize(margins.size(), chunk.rows * shap.groups, "margin"));
    STEWARD_ASSIGN_OR_RETURN(
        std::vector<float> predictions,
        xgb::PredictMatrix(booster, dmatrix.get(), xgb::PredictionType::kValue));
    STEWARD_RETURN_IF_ERROR(CheckSize(predictions.size(), chunk.rows * shap.groups, "prediction"));
    shap.contributions.insert(shap.contributions.end(), contributions.begin(), contributions.end());
    shap.margins.insert(shap.margins.end(), margins.begin(), margins.end());
    shap.predictions.insert(shap.predictions.end(), predictions.begin(), predictions.end());
    if (on_chunk)
      on_chunk(begin + chunk.rows, matrix.rows);
  }
  return shap;
}

Result<InteractionValues> ComputeInteractions(void* booster, const ModelSchema& schema,
                                              const xgb::DenseMatrix& matrix, unsigned threads) {
  InteractionValues result;
  result.rows = matrix.rows;
  result.groups = Groups(schema);
  result.features = schema.features.size();
  if (matrix.rows == 0)
    return result;
  STEWARD_ASSIGN_OR_RETURN(xgb::DMatrixPtr dmatrix,
                           xgb::MakeDMatrix(matrix, {}, {}, schema.FeatureTypes(), threads));
  STEWARD_ASSIGN_OR_RETURN(result.values, xgb::PredictMatrix(booster, dmatrix.get(),
                                                             xgb::PredictionType::kInteractions));
  const size_t width = result.features + 1;
  STEWARD_RETURN_IF_ERROR(CheckSize(
      result.values.size(), result.rows * result.groups * width * width, "SHAP interaction"));
  return result;
}

AdditivityCheck CheckAdditivity(const ShapValues& shap) {
  AdditivityCheck check;
  double worst_ratio = 0;
  for (size_t row = 0; row < shap.rows; ++row) {
    for (size_t group = 0; group < shap.groups; ++group) {
      // Summed in double so the check measures XGBoost's rounding, not this loop's.
      const float* contributions = shap.Row(row, group);
      double sum = 0;
      for (size_t feature = 0; feature <= shap.features; ++feature)
        sum += contributions[feature];
      const double margin = shap.margins[row * shap.groups + group];
      const double error = std::abs(sum - margin);
      const double ratio = error / (kAdditivityTolerance * std::max(1.0, std::abs(margin)));
      check.max_abs_error = std::max(check.max_abs_error, error);
      if (!(ratio <= 1.0))
        check.holds = false;
      if (ratio > worst_ratio || std::isnan(ratio)) {
        worst_ratio = std::isnan(ratio) ? INFINITY : ratio;
        check.worst_row = row;
      }
    }
  }
  return check;
}

std::vector<FeatureImportance> GlobalImportance(const ShapValues& shap, const ModelSchema& schema) {
  std::vector<FeatureImportance> result(shap.features);
  for (size_t feature = 0; feature < shap.features; ++feature) {
    result[feature].feature = schema.features[feature].name;
    result[feature].per_class.assign(shap.groups, 0.0);
  }
  for (size_t row = 0; row < shap.rows; ++row) {
    for (size_t group = 0; group < shap.groups; ++group) {
      const float* contributions = shap.Row(row, group);
      for (size_t feature = 0; feature < shap.features; ++feature)
        result[feature].per_class[group] += std::abs(contributions[feature]);
    }
  }
  for (FeatureImportance& importance : result) {
    for (double& value : importance.per_class) {
      value = shap.rows > 0 ? value / double(shap.rows) : 0.0;
      importance.mean_abs_shap += value;
    }
    importance.mean_abs_shap /= double(shap.groups);
  }
  std::stable_sort(result.begin(), result.end(),
                   [](const FeatureImportance& a, const FeatureImportance& b) {
                     return a.mean_abs_shap > b.mean_abs_shap;
                   });
  return result;
}

Result<Explanation> Explain(const Predictor& predictor, const Table& table,
                            const std::string& source, const ExplainOptions& options) {
  const ModelSchema& schema = predictor.schema();
  if (table.num_rows() == 0)
    return Status::InvalidArgument(source + ": no rows to explain");
  if (options.permutation_repeats > 0 && !table.schema().Find(schema.target)) {
    return Status::InvalidArgument(source + ": --permutation needs the model's target column '" +
                                   schema.target + "', which is not in the data");
  }
  STEWARD_ASSIGN_OR_RETURN(xgb::DenseMatrix matrix,
                           BuildMatrix(table, schema, {}, source, predictor.threads()));
  STEWARD_ASSIGN_OR_RETURN(ShapValues shap,
                           ComputeShap(predictor.booster(), schema, matrix, predictor.threads(),
                                       kShapChunkRows, options.on_shap));
  Explanation explanation;
  explanation.task = schema.task;
  explanation.rows = shap.rows;
  explanation.feature_names = schema.FeatureNames();
  explanation.classes = schema.classes;
  explanation.additivity = CheckAdditivity(shap);
  if (!explanation.additivity.holds) {
    char text[64];
    std::snprintf(text, sizeof(text), "%.3g", explanation.additivity.max_abs_error);
    return Status::Internal(source + ": row " +
                            std::to_string(explanation.additivity.worst_row + 1) +
                            ": SHAP contributions plus bias differ from the margin by " + text +
                            ", more than 1e-5 * max(1, |margin|)");
  }
  explanation.importance = GlobalImportance(shap, schema);
  explanation.row_explanations = ExplainRows(shap, schema, matrix, options.rows, options.top);
  if (options.interactions) {
    xgb::DenseMatrix head;
    head.rows = std::min(matrix.rows, options.interaction_rows);
    head.columns = matrix.columns;
    head.values.assign(matrix.values.begin(),
                       matrix.values.begin() + static_cast<ptrdiff_t>(head.rows * head.columns));
    STEWARD_ASSIGN_OR_RETURN(
        InteractionValues values,
        ComputeInteractions(predictor.booster(), schema, head, predictor.threads()));
    explanation.interaction_rows = head.rows;
    explanation.interactions = TopPairs(values, schema, options.top);
  }
  if (options.permutation_repeats > 0) {
    STEWARD_ASSIGN_OR_RETURN(
        explanation.permutation,
        ComputePermutationImportance(predictor, table, source, options.permutation_repeats,
                                     options.seed, options.on_permutation));
  }
  return explanation;
}

}  // namespace steward::model
