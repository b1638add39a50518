#include "steward/model/predictor.h"

#include <algorithm>

#include "steward/core/thread_pool.h"
#include "steward/fairness/grouping.h"
#include "steward/model/bundle_archive.h"

namespace steward::model {

Result<Predictor> Predictor::Load(const std::string& path, unsigned threads) {
  STEWARD_ASSIGN_OR_RETURN(BundleParts parts, ReadAnyBundle(path));
  return FromParts(parts, path, threads);
}

Result<Predictor> Predictor::FromParts(const BundleParts& parts, const std::string& path,
                                       unsigned threads) {
  const auto part = [&](const char* name) -> const std::string& {
    static const std::string kNone;
    const auto found = parts.find(name);
    return found == parts.end() ? kNone : found->second;
  };
  const nlohmann::json document = nlohmann::json::parse(part("schema.json"), nullptr, false);
  if (document.is_discarded())
    return Status::InvalidArgument(path + "/schema.json: not valid JSON");
  Predictor predictor;
  Result<ModelSchema> schema = SchemaFromJson(document);
  if (!schema.ok())
    return schema.status().WithContext(path);
  predictor.schema_ = std::move(schema).value();
  // The evaluator checks the model first (CheckModelJson), whose refusal (kDataLoss) stands;
  // a model it merely does not support is left to XGBoost.
  Result<TreeEvaluator> evaluator =
      TreeEvaluator::FromModelJson(part("model.json"), predictor.schema_);
  if (evaluator.ok())
    predictor.tree_evaluator_ = std::move(evaluator).value();
  else if (evaluator.status().code() == StatusCode::kDataLoss)
    return evaluator.status().WithContext(path);
  else
    predictor.fallback_ = evaluator.status().message();
  Result<xgb::BoosterPtr> booster = xgb::LoadBooster(part("model.json"));
  if (!booster.ok())
    return booster.status().WithContext(path + "/model.json");
  predictor.booster_ = std::move(booster).value();
  predictor.threads_ = ResolveThreadCount(threads);
  // Predict runs row blocks on its own threads, each an in-place call on one XGBoost thread:
  // measured faster than one call on `threads` OpenMP threads, and never oversubscribed.
  STEWARD_RETURN_IF_ERROR(xgb::SetParam(predictor.booster_.get(), "nthread", "1"));
  return predictor;
}

Status Predictor::PredictBlock(const float* values, size_t rows, size_t columns, size_t width,
                               float* out) const {
  if (tree_evaluator_) {
    tree_evaluator_->PredictRows(values, rows, out);
    return Status::Ok();
  }
  STEWARD_ASSIGN_OR_RETURN(std::vector<float> block,
                           xgb::PredictDense(booster_.get(), values, rows, columns));
  if (block.size() != rows * width)
    return Status::Internal("the model gave " + std::to_string(block.size()) + " values");
  std::copy(block.begin(), block.end(), out);
  return Status::Ok();
}

Result<std::vector<float>> Predictor::PredictRows(const xgb::DenseMatrix& matrix,
                                                  size_t width) const {
  if (tree_evaluator_ && matrix.columns != tree_evaluator_->features()) {
    return Status::Internal("the matrix has " + std::to_string(matrix.columns) +
                            " columns, the model " + std::to_string(tree_evaluator_->features()));
  }
  constexpr size_t kBlockRows = 8'192;
  std::vector<float> values(matrix.rows * width);
  if (threads_ <= 1 || matrix.rows <= kBlockRows) {
    STEWARD_RETURN_IF_ERROR(
        PredictBlock(matrix.values.data(), matrix.rows, matrix.columns, width, values.data()));
    return values;
  }
  ThreadPool pool(threads_);
  std::vector<std::future<Status>> blocks;
  for (size_t begin = 0; begin < matrix.rows; begin += kBlockRows) {
    blocks.push_back(pool.Submit([&, begin]() -> Status {
      return PredictBlock(matrix.values.data() + begin * matrix.columns,
                          std::min(kBlockRows, matrix.rows - begin), matrix.columns, width,
                          values.data() + begin * width);
    }));
  }
  Status status;
  for (std::future<Status>& block : blocks) {
    Status done = block.get();
    if (status.ok())
      status = done;
  }
  if (!status.ok())
    return status;
  return values;
}

namespace {

// Each row's decision threshold when the model has per-group thresholds; empty otherwise.
Result<std::vector<double>> RowThresholds(const ModelSchema& schema, const Table& table,
                                          const std::string& source) {
  if (!schema.group_thresholds)
    return std::vector<double>{};
  const GroupThresholds& groups = *schema.group_thresholds;
  Result<fairness::Grouping> grouping =
      fairness::GroupRows(table, groups.columns, groups.columns.size() > 1, source);
  if (!grouping.ok()) {
    return Status::InvalidArgument(grouping.status().message() +
                                   " (the model decides with per-group thresholds on " +
                                   JoinNames(groups.columns) + ")");
  }
  const fairness::Attribute& attribute = grouping->attributes.back();
  std::vector<double> threshold_of_group(attribute.groups.size(), schema.threshold);
  for (size_t group = 0; group < attribute.groups.size(); ++group) {
    const auto found = groups.thresholds.find(attribute.groups[group]);
    if (found != groups.thresholds.end())
      threshold_of_group[group] = found->second;
  }
  std::vector<double> thresholds(table.num_rows());
  for (size_t row = 0; row < thresholds.size(); ++row) {
    thresholds[row] =
        threshold_of_group[attribute.group_of_combined[grouping->combined_of_row[row]]];
  }
  return thresholds;
}

}  // namespace

Result<Predictions> Predictor::Predict(const Table& table, const std::string& source) const {
  Predictions result;
  STEWARD_ASSIGN_OR_RETURN(xgb::DenseMatrix matrix,
                           BuildMatrix(table, schema_, {}, source, threads_, &result.notes));
  result.rows = matrix.rows;
  result.width = schema_.task == Task::kMulticlass ? schema_.classes.size() : 1;
  STEWARD_ASSIGN_OR_RETURN(result.values, PredictRows(matrix, result.width));
  if (result.values.size() != result.rows * result.width) {
    return Status::Internal("the model gave " + std::to_string(result.values.size()) +
                            " values for " + std::to_string(result.rows) + " rows");
  }
  if (schema_.task == Task::kBinary) {
    STEWARD_ASSIGN_OR_RETURN(const std::vector<double> thresholds,
                             RowThresholds(schema_, table, source));
    for (size_t row = 0; row < result.rows; ++row) {
      const double threshold = thresholds.empty() ? schema_.threshold : thresholds[row];
      result.classes.push_back(result.values[row] >= threshold ? 1 : 0);
    }
  } else if (schema_.task == Task::kMulticlass) {
    for (size_t row = 0; row < result.rows; ++row) {
      const float* begin = result.values.data() + row * result.width;
      result.classes.push_back(
          static_cast<int32_t>(std::max_element(begin, begin + result.width) - begin));
    }
  }
  return result;
}

}  // namespace steward::model
