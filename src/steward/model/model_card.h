#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "steward/core/result.h"
#include "steward/core/schema.h"

namespace steward::model {

// The fields of card.json a person writes (--card FILE): each a string, or a list of strings
// for "limitations" and "intended_use".
inline constexpr const char* kEditableCardFields[] = {
    "name", "purpose", "owner", "description", "intended_use", "limitations", "contact", "license"};

// Reads a --card JSON object. Fails with kInvalidArgument naming `path` and the key for an
// unknown field or a value of the wrong type.
Result<nlohmann::json> ParseCardFields(std::string_view text, const std::string& path);

// What the card records about how the model was made.
struct CardFacts {
  std::string data_source;
  std::string data_sha256;  // "" when the source is not a file
  size_t data_rows = 0;
  size_t data_columns = 0;
  std::string task;
  std::string target;
  std::vector<std::string> sensitive;
  bool sensitive_used = false;
  std::vector<std::pair<std::string, std::string>> parameters;
  int num_boost_round = 0;
  int early_stopping_rounds = 0;
  uint64_t seed = 0;
  std::string steward_version;
  std::string xgboost_version;
  nlohmann::json reweighing;  // null unless trained with --reweigh
};

// card.json: the editable fields (null when not given) and the facts.
nlohmann::json MakeCard(const nlohmann::json& editable, const CardFacts& facts);

}  // namespace steward::model
