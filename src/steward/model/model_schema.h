#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "steward/core/column.h"
#include "steward/core/result.h"

namespace steward::model {

enum class Task : uint8_t { kBinary, kMulticlass, kRegression };
std::string_view TaskName(Task task);
Result<Task> ParseTask(std::string_view name);

// One model input, in the order of the model's columns. Numeric and boolean columns reach
// XGBoost as numbers ("q"); categorical ones as codes into `categories` ("c").
struct ModelFeature {
  std::string name;
  ColumnKind kind = ColumnKind::kNumeric;  // numeric, boolean or categorical
  std::vector<std::string> categories;     // code -> label, categorical only

  bool categorical() const { return kind == ColumnKind::kCategorical; }
};

// A column the model does not use, and why ("sensitive", "text", "--ignore", ...).
struct IgnoredColumn {
  std::string name;
  std::string reason;
};

// Binary decisions with one threshold per group of people (fairness mitigation by
// post-processing): a row's group is its values in `columns` (joined by '|', "<missing>" for a
// missing value); a group not listed uses the schema's threshold.
struct GroupThresholds {
  std::vector<std::string> columns;
  std::string constraint;  // demographic_parity, equal_opportunity or equalized_odds
  double tolerance = 0;
  std::map<std::string, double> thresholds;  // group -> threshold
};

// What a bundle's model expects and means (schema.json): the features with the category
// dictionaries that map labels to the codes the trees split on, the target with its class
// labels, the roles of the other columns, and the decision threshold.
struct ModelSchema {
  Task task = Task::kBinary;
  std::string target;
  // Classification: class index -> label; for binary, index 1 is the positive class.
  std::vector<std::string> classes;
  double threshold = 0.5;  // binary: class 1 when its probability is at least this
  std::vector<ModelFeature> features;
  std::string id_column;
  std::string weight_column;
  std::vector<std::string> sensitive;
  bool sensitive_used = false;
  std::vector<IgnoredColumn> ignored;
  std::optional<GroupThresholds> group_thresholds;

  std::vector<std::string> FeatureNames() const;
  std::vector<std::string> FeatureTypes() const;  // "q" or "c" per feature, for XGBoost
};

inline constexpr std::string_view kSchemaFormat = "steward.model_schema/1";

nlohmann::json SchemaToJson(const ModelSchema& schema);
// Fails with kInvalidArgument naming the field for anything malformed or inconsistent:
// unknown format or task, empty or duplicate names, duplicate categories, too few classes,
// a threshold outside [0, 1].
Result<ModelSchema> SchemaFromJson(const nlohmann::json& document);

}  // namespace steward::model
