#include "steward/model/training_params.h"

#include <array>
#include <charconv>

#include <nlohmann/json.hpp>

namespace steward::model {
namespace {

Status Invalid(const std::string& path, const std::string& key, const std::string& what) {
  return Status::InvalidArgument(path + ": '" + key + "': " + what);
}

Result<std::string> ScalarText(const nlohmann::json& value, const std::string& path,
                               const std::string& key) {
  if (value.is_string())
    return value.get<std::string>();
  if (value.is_boolean())
    return std::string(value.get<bool>() ? "true" : "false");
  if (value.is_number_integer())
    return value.dump();
  if (value.is_number_float()) {
    std::array<char, 32> buffer{};
    auto [end, error] =
        std::to_chars(buffer.data(), buffer.data() + buffer.size(), value.get<double>());
    return std::string(buffer.data(), end);
  }
  return Invalid(path, key,
                 "expected a string, number or boolean, got " + std::string(value.type_name()));
}

Result<int> PositiveRounds(const nlohmann::json& value, const std::string& path,
                           const std::string& key, bool allow_zero) {
  if (!value.is_number_integer() || value.get<int64_t>() < (allow_zero ? 0 : 1) ||
      value.get<int64_t>() > 1'000'000) {
    return Invalid(path, key,
                   std::string("expected an integer from ") + (allow_zero ? "0" : "1") +
                       " to 1000000, got " + value.dump());
  }
  return static_cast<int>(value.get<int64_t>());
}

}  // namespace

std::string TrainingParams::Find(std::string_view name) const {
  for (const auto& [key, value] : booster) {
    if (key == name)
      return value;
  }
  return "";
}

Result<TrainingParams> ParseTrainingParams(std::string_view text, const std::string& path) {
  nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded())
    return Status::InvalidArgument(path + ": not valid JSON");
  if (!document.is_object())
    return Status::InvalidArgument(path + ": expected a JSON object of parameters");
  TrainingParams params;
  for (const auto& [key, value] : document.items()) {
    if (key == "num_boost_round") {
      STEWARD_ASSIGN_OR_RETURN(params.num_boost_round, PositiveRounds(value, path, key, false));
    } else if (key == "early_stopping_rounds") {
      STEWARD_ASSIGN_OR_RETURN(params.early_stopping_rounds,
                               PositiveRounds(value, path, key, true));
    } else if (key == "nthread" || key == "n_jobs") {
      return Invalid(path, key, "set the thread count with --threads");
    } else if (key == "seed" || key == "random_state") {
      return Invalid(path, key, "set the seed with --seed");
    } else if (key == "num_class") {
      return Invalid(path, key, "the number of classes comes from the target");
    } else if (key == "eval_metric" && value.is_array()) {
      for (const nlohmann::json& metric : value) {
        if (!metric.is_string())
          return Invalid(path, key, "expected an array of metric names");
        params.booster.emplace_back(key, metric.get<std::string>());
      }
    } else {
      STEWARD_ASSIGN_OR_RETURN(std::string scalar, ScalarText(value, path, key));
      params.booster.emplace_back(key, std::move(scalar));
    }
  }
  return params;
}

}  // namespace steward::model
