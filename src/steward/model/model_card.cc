#include "steward/model/model_card.h"

#include <algorithm>
#include <iterator>

namespace steward::model {
namespace {

bool IsListField(std::string_view key) {
  return key == "limitations" || key == "intended_use";
}

}  // namespace

Result<nlohmann::json> ParseCardFields(std::string_view text, const std::string& path) {
  const nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded() || !document.is_object())
    return Status::InvalidArgument(path + ": expected a JSON object of card fields");
  for (const auto& entry : document.items()) {
    const std::string& key = entry.key();
    const nlohmann::json& value = entry.value();
    const bool known = std::any_of(std::begin(kEditableCardFields), std::end(kEditableCardFields),
                                   [&key](const char* field) { return key == field; });
    if (!known) {
      std::vector<std::string> fields(std::begin(kEditableCardFields),
                                      std::end(kEditableCardFields));
      return Status::InvalidArgument(path + ": unknown card field '" + key +
                                     "' (fields: " + JoinNames(fields) + ")");
    }
    bool valid = value.is_string();
    if (IsListField(key) && value.is_array()) {
      valid = std::all_of(value.begin(), value.end(),
                          [](const nlohmann::json& item) { return item.is_string(); });
    }
    if (!valid) {
      return Status::InvalidArgument(path + ": card field '" + key + "' must be a string" +
                                     (IsListField(key) ? " or a list of strings" : ""));
    }
  }
  return document;
}

nlohmann::json MakeCard(const nlohmann::json& editable, const CardFacts& facts) {
  nlohmann::json card = {{"format", "steward.card/1"}};
  for (const char* field : kEditableCardFields)
    card[field] = editable.contains(field) ? editable[field] : nlohmann::json();
  nlohmann::json parameters = nlohmann::json::array();
  for (const auto& [name, value] : facts.parameters)
    parameters.push_back({{"name", name}, {"value", value}});
  card["model"] = {{"task", facts.task},
                   {"target", facts.target},
                   {"library", "xgboost"},
                   {"parameters", std::move(parameters)},
                   {"num_boost_round", facts.num_boost_round},
                   {"early_stopping_rounds", facts.early_stopping_rounds},
                   {"seed", facts.seed}};
  card["data"] = {
      {"source", facts.data_source},
      {"sha256", facts.data_sha256.empty() ? nlohmann::json() : nlohmann::json(facts.data_sha256)},
      {"rows", facts.data_rows},
      {"columns", facts.data_columns}};
  card["sensitive"] = {{"columns", facts.sensitive}, {"used_as_features", facts.sensitive_used}};
  if (!facts.reweighing.is_null())
    card["mitigation"] = facts.reweighing;
  card["versions"] = {{"steward", facts.steward_version}, {"xgboost", facts.xgboost_version}};
  return card;
}

}  // namespace steward::model
