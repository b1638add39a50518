#pragma once

#include <string>
#include <vector>

#include "steward/core/result.h"
#include "steward/core/table.h"
#include "steward/model/model_schema.h"

namespace steward::model {

// The column roles asked for on the command line.
struct ColumnRoles {
  std::string target;
  std::string id;
  std::string weight;
  std::vector<std::string> features;  // empty: every column not given another role
  std::vector<std::string> ignore;
  std::vector<std::string> sensitive;
  bool use_sensitive = false;  // sensitive columns are features too
};

// Chooses the features of `table` and fills the roles of `schema` (not the target's task or
// classes). Sensitive columns are left out unless use_sensitive; text and timestamp columns
// are left out with a warning, since the model has no encoding for them. Categorical features
// take the table's dictionary as their categories. Fails with kInvalidArgument naming any
// unknown column, a column given two roles, a non-numeric weight, or no feature left.
Result<ModelSchema> PlanFeatures(const Table& table, const ColumnRoles& roles,
                                 std::vector<std::string>& warnings);

}  // namespace steward::model
