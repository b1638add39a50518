#include "steward/model/feature_plan.h"

#include <algorithm>
#include <map>

namespace steward::model {
namespace {

bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

Result<ModelSchema> PlanFeatures(const Table& table, const ColumnRoles& roles,
                                 std::vector<std::string>& warnings) {
  const Schema& columns = table.schema();
  // Every named column must exist, and hold one role only.
  std::map<std::string, std::string> role_of;
  auto claim = [&](const std::string& name, const std::string& role) -> Status {
    if (name.empty())
      return Status::Ok();
    STEWARD_RETURN_IF_ERROR(columns.Require(name).status().WithContext(role));
    auto [at, inserted] = role_of.emplace(name, role);
    if (!inserted && at->second != role) {
      return Status::InvalidArgument("column '" + name + "' is given two roles: " + at->second +
                                     " and " + role);
    }
    return Status::Ok();
  };
  STEWARD_RETURN_IF_ERROR(claim(roles.target, "--target"));
  STEWARD_RETURN_IF_ERROR(claim(roles.id, "--id"));
  STEWARD_RETURN_IF_ERROR(claim(roles.weight, "--weight"));
  for (const std::string& name : roles.ignore)
    STEWARD_RETURN_IF_ERROR(claim(name, "--ignore"));
  for (const std::string& name : roles.sensitive)
    STEWARD_RETURN_IF_ERROR(claim(name, "--sensitive"));
  for (const std::string& name : roles.features)
    STEWARD_RETURN_IF_ERROR(columns.Require(name).status().WithContext("--features"));

  ModelSchema schema;
  schema.target = roles.target;
  schema.id_column = roles.id;
  schema.weight_column = roles.weight;
  schema.sensitive = roles.sensitive;
  schema.sensitive_used = roles.use_sensitive;
  if (!roles.weight.empty()) {
    const ColumnKind kind = columns.field(*columns.Find(roles.weight)).kind;
    if (kind != ColumnKind::kNumeric) {
      return Status::InvalidArgument("--weight column '" + roles.weight +
                                     "' must be numeric, it is " +
                                     std::string(ColumnKindName(kind)));
    }
  }
  for (size_t index = 0; index < table.num_columns(); ++index) {
    const Field& field = columns.field(index);
    const std::string& name = field.name;
    if (name == roles.target || name == roles.id || name == roles.weight)
      continue;
    if (Contains(roles.ignore, name)) {
      schema.ignored.push_back({name, "--ignore"});
      continue;
    }
    if (!roles.features.empty() && !Contains(roles.features, name)) {
      schema.ignored.push_back({name, "not in --features"});
      continue;
    }
    if (Contains(roles.sensitive, name) && !roles.use_sensitive) {
      schema.ignored.push_back({name, "sensitive"});
      continue;
    }
    if (field.kind == ColumnKind::kText || field.kind == ColumnKind::kTimestamp) {
      const std::string kind(ColumnKindName(field.kind));
      warnings.push_back("column '" + name + "' is " + kind +
                         ", which the model cannot use without an encoding: ignored");
      schema.ignored.push_back({name, kind});
      continue;
    }
    ModelFeature feature{name, field.kind, {}};
    if (field.kind == ColumnKind::kCategorical)
      feature.categories = table.column(index).categories();
    schema.features.push_back(std::move(feature));
  }
  if (schema.features.empty())
    return Status::InvalidArgument("no feature column left to train on");
  return schema;
}

}  // namespace steward::model
