#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "steward/core/result.h"
#include "steward/core/status.h"
#include "steward/model/model_schema.h"

namespace steward::model {

// Limits on a model Steward agrees to load: far above anything `steward train` makes, far below
// what would exhaust memory.
inline constexpr size_t kMaxTreeNodes = 10'000'000;  // over all trees
inline constexpr size_t kMaxTrees = 100'000;

// Checks model.json (XGBoost's JSON model) against `schema` before XGBoost loads it. XGBoost
// does not validate models (its doc/security.rst): crafted child indices read out of bounds
// (dmlc/xgboost#7903). Every tree must be a tree: each node's children lie after it, each node
// but the root has exactly one parent and `parents` agrees; arrays have num_nodes entries;
// splits use one of the schema's features (categorical splits only categorical features, with
// codes among its categories); split values and leaf values are finite; counts stay within the
// limits above. Only gbtree models with the schema's feature count and classes are accepted.
// Fails with kDataLoss naming the tree, node and what is wrong.
Status CheckModelJson(std::string_view model_json, const ModelSchema& schema);

// model.json parsed as CheckModelJson parses it: XGBoost's bare NaN and Infinity read as null,
// nesting limited. kDataLoss for text that is not JSON.
Result<nlohmann::json> ParseModelJson(std::string_view model_json);
// CheckModelJson's checks on a document ParseModelJson gave, for callers that need it too.
Status CheckModelDocument(const nlohmann::json& document, const ModelSchema& schema);

}  // namespace steward::model
