#include "steward/model/model_schema.h"

#include <array>
#include <cmath>
#include <unordered_set>

#include "steward/io/value_parsing.h"

namespace steward::model {
namespace {

constexpr std::array<std::string_view, 3> kTaskNames = {"binary", "multiclass", "regression"};

Status Invalid(const std::string& where, const std::string& what) {
  return Status::InvalidArgument("schema.json: " + where + ": " + what);
}

Result<std::string> RequireString(const nlohmann::json& object, const char* key,
                                  const std::string& where) {
  auto found = object.find(key);
  if (found == object.end() || !found->is_string())
    return Invalid(where, std::string("'") + key + "' must be a string");
  return found->get<std::string>();
}

Result<std::vector<std::string>> RequireStrings(const nlohmann::json& object, const char* key,
                                                const std::string& where) {
  auto found = object.find(key);
  if (found == object.end() || !found->is_array())
    return Invalid(where, std::string("'") + key + "' must be an array of strings");
  std::vector<std::string> values;
  std::unordered_set<std::string> seen;
  for (const nlohmann::json& value : *found) {
    if (!value.is_string())
      return Invalid(where, std::string("'") + key + "' must hold strings only");
    if (!seen.insert(value.get<std::string>()).second) {
      return Invalid(where, std::string("'") + key + "' repeats " +
                                io::QuoteForMessage(value.get<std::string>()));
    }
    values.push_back(value.get<std::string>());
  }
  return values;
}

Result<ModelFeature> FeatureFromJson(const nlohmann::json& entry, size_t index) {
  const std::string where = "features[" + std::to_string(index) + "]";
  if (!entry.is_object())
    return Invalid(where, "must be an object");
  ModelFeature feature;
  STEWARD_ASSIGN_OR_RETURN(feature.name, RequireString(entry, "name", where));
  if (feature.name.empty())
    return Invalid(where, "empty name");
  STEWARD_ASSIGN_OR_RETURN(std::string kind, RequireString(entry, "kind", where));
  if (kind == "numeric") {
    feature.kind = ColumnKind::kNumeric;
  } else if (kind == "boolean") {
    feature.kind = ColumnKind::kBoolean;
  } else if (kind == "categorical") {
    feature.kind = ColumnKind::kCategorical;
    STEWARD_ASSIGN_OR_RETURN(feature.categories, RequireStrings(entry, "categories", where));
  } else {
    return Invalid(
        where, "kind must be numeric, boolean or categorical, got " + io::QuoteForMessage(kind));
  }
  return feature;
}

}  // namespace

std::string_view TaskName(Task task) {
  return kTaskNames[static_cast<size_t>(task)];
}

Result<Task> ParseTask(std::string_view name) {
  for (size_t index = 0; index < kTaskNames.size(); ++index) {
    if (kTaskNames[index] == name)
      return static_cast<Task>(index);
  }
  return Status::InvalidArgument("unknown task " + io::QuoteForMessage(name) +
                                 " (tasks: binary, multiclass, regression)");
}

std::vector<std::string> ModelSchema::FeatureNames() const {
  std::vector<std::string> names;
  for (const ModelFeature& feature : features)
    names.push_back(feature.name);
  return names;
}

std::vector<std::string> ModelSchema::FeatureTypes() const {
  std::vector<std::string> types;
  for (const ModelFeature& feature : features)
    types.push_back(feature.categorical() ? "c" : "q");
  return types;
}

nlohmann::json SchemaToJson(const ModelSchema& schema) {
  nlohmann::json features = nlohmann::json::array();
  for (const ModelFeature& feature : schema.features) {
    nlohmann::json entry = {{"name", feature.name},
                            {"kind", ColumnKindName(feature.kind)},
                            {"xgboost_type", feature.categorical() ? "c" : "q"}};
    if (feature.categorical())
      entry["categories"] = feature.categories;
    features.push_back(std::move(entry));
  }
  nlohmann::json ignored = nlohmann::json::array();
  for (const IgnoredColumn& column : schema.ignored)
    ignored.push_back({{"name", column.name}, {"reason", column.reason}});
  nlohmann::json target = {{"name", schema.target}};
  if (schema.task != Task::kRegression)
    target["classes"] = schema.classes;
  nlohmann::json document = {
      {"format", kSchemaFormat},
      {"task", TaskName(schema.task)},
      {"target", std::move(target)},
      {"threshold", schema.threshold},
      {"features", std::move(features)},
      {"roles",
       {{"id", schema.id_column.empty() ? nlohmann::json() : nlohmann::json(schema.id_column)},
        {"weight",
         schema.weight_column.empty() ? nlohmann::json() : nlohmann::json(schema.weight_column)},
        {"sensitive", schema.sensitive},
        {"sensitive_used_as_features", schema.sensitive_used},
        {"ignored", std::move(ignored)}}},
  };
  if (schema.group_thresholds) {
    const GroupThresholds& groups = *schema.group_thresholds;
    document["group_thresholds"] = {{"columns", groups.columns},
                                    {"constraint", groups.constraint},
                                    {"tolerance", groups.tolerance},
                                    {"thresholds", groups.thresholds}};
  }
  return document;
}

Result<ModelSchema> SchemaFromJson(const nlohmann::json& document) {
  if (!document.is_object())
    return Invalid("document", "must be an object");
  STEWARD_ASSIGN_OR_RETURN(std::string format, RequireString(document, "format", "document"));
  if (format != kSchemaFormat) {
    return Invalid("format", "expected '" + std::string(kSchemaFormat) + "', got " +
                                 io::QuoteForMessage(format));
  }
  ModelSchema schema;
  STEWARD_ASSIGN_OR_RETURN(std::string task, RequireString(document, "task", "document"));
  Result<Task> parsed_task = ParseTask(task);
  if (!parsed_task.ok())
    return Invalid("task", parsed_task.status().message());
  schema.task = *parsed_task;

  auto target = document.find("target");
  if (target == document.end() || !target->is_object())
    return Invalid("target", "must be an object");
  STEWARD_ASSIGN_OR_RETURN(schema.target, RequireString(*target, "name", "target"));
  if (schema.task != Task::kRegression) {
    STEWARD_ASSIGN_OR_RETURN(schema.classes, RequireStrings(*target, "classes", "target"));
    if (schema.task == Task::kBinary && schema.classes.size() != 2)
      return Invalid("target.classes", "a binary model needs exactly 2 classes");
    if (schema.task == Task::kMulticlass && schema.classes.size() < 2)
      return Invalid("target.classes", "a multiclass model needs 2 or more classes");
  }
  auto threshold = document.find("threshold");
  if (threshold == document.end() || !threshold->is_number())
    return Invalid("threshold", "must be a number");
  schema.threshold = threshold->get<double>();
  if (!(schema.threshold >= 0 && schema.threshold <= 1))
    return Invalid("threshold", "must be between 0 and 1");

  auto features = document.find("features");
  if (features == document.end() || !features->is_array() || features->empty())
    return Invalid("features", "must be a non-empty array");
  std::unordered_set<std::string> names;
  for (size_t index = 0; index < features->size(); ++index) {
    STEWARD_ASSIGN_OR_RETURN(ModelFeature feature, FeatureFromJson((*features)[index], index));
    if (!names.insert(feature.name).second)
      return Invalid("features", "repeats the column " + io::QuoteForMessage(feature.name));
    schema.features.push_back(std::move(feature));
  }

  auto roles = document.find("roles");
  if (roles == document.end() || !roles->is_object())
    return Invalid("roles", "must be an object");
  for (const char* key : {"id", "weight"}) {
    auto role = roles->find(key);
    if (role == roles->end() || !(role->is_null() || role->is_string()))
      return Invalid("roles", std::string("'") + key + "' must be a string or null");
    std::string& column = std::string_view(key) == "id" ? schema.id_column : schema.weight_column;
    if (role->is_string())
      column = role->get<std::string>();
  }
  STEWARD_ASSIGN_OR_RETURN(schema.sensitive, RequireStrings(*roles, "sensitive", "roles"));
  auto used = roles->find("sensitive_used_as_features");
  if (used == roles->end() || !used->is_boolean())
    return Invalid("roles", "'sensitive_used_as_features' must be true or false");
  schema.sensitive_used = used->get<bool>();
  auto ignored = roles->find("ignored");
  if (ignored == roles->end() || !ignored->is_array())
    return Invalid("roles", "'ignored' must be an array");
  for (const nlohmann::json& entry : *ignored) {
    if (!entry.is_object())
      return Invalid("roles.ignored", "entries must be objects");
    IgnoredColumn column;
    STEWARD_ASSIGN_OR_RETURN(column.name, RequireString(entry, "name", "roles.ignored"));
    STEWARD_ASSIGN_OR_RETURN(column.reason, RequireString(entry, "reason", "roles.ignored"));
    schema.ignored.push_back(std::move(column));
  }
  auto groups = document.find("group_thresholds");
  if (groups != document.end()) {
    if (!groups->is_object() || schema.task != Task::kBinary)
      return Invalid("group_thresholds", "must be an object, in a binary model");
    GroupThresholds parsed;
    STEWARD_ASSIGN_OR_RETURN(parsed.columns,
                             RequireStrings(*groups, "columns", "group_thresholds"));
    STEWARD_ASSIGN_OR_RETURN(parsed.constraint,
                             RequireString(*groups, "constraint", "group_thresholds"));
    auto tolerance = groups->find("tolerance");
    auto thresholds = groups->find("thresholds");
    if (parsed.columns.empty() || tolerance == groups->end() || !tolerance->is_number() ||
        thresholds == groups->end() || !thresholds->is_object()) {
      return Invalid("group_thresholds", "needs columns, a numeric tolerance and thresholds");
    }
    parsed.tolerance = tolerance->get<double>();
    for (const auto& [group, value] : thresholds->items()) {
      if (!value.is_number() || !std::isfinite(value.get<double>()))
        return Invalid("group_thresholds", "the threshold of '" + group + "' must be a number");
      parsed.thresholds[group] = value.get<double>();
    }
    schema.group_thresholds = std::move(parsed);
  }
  return schema;
}

}  // namespace steward::model
