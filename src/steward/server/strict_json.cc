#include "steward/server/strict_json.h"

#include <cmath>
#include <set>
#include <string>
#include <vector>

namespace steward::server {

std::optional<ApiError> ParseStrictJson(std::string_view body, size_t max_depth,
                                        nlohmann::json& out) {
  using nlohmann::json;
  if (!JsonDepthWithin(body, max_depth))
    return ApiError{400, "JSON nested deeper than " + std::to_string(max_depth) + " levels"};
  std::vector<std::set<std::string>> keys;  // per open object
  std::string problem;
  const json::parser_callback_t check = [&](int, json::parse_event_t event, json& value) {
    switch (event) {
      case json::parse_event_t::object_start:
        keys.emplace_back();
        break;
      case json::parse_event_t::object_end:
        if (!keys.empty())
          keys.pop_back();
        break;
      case json::parse_event_t::key:
        if (!keys.empty() && !keys.back().insert(value.get<std::string>()).second &&
            problem.empty())
          problem = "duplicate key \"" + value.get<std::string>() + "\"";
        break;
      case json::parse_event_t::value:
        if (value.is_number_float() && !std::isfinite(value.get<double>()) && problem.empty())
          problem = "a number outside the range of a double";
        break;
      default:
        break;
    }
    return true;
  };
  try {
    out = json::parse(body.begin(), body.end(), check);
  } catch (const json::exception& error) {
    return ApiError{400, std::string("malformed JSON: ") + error.what()};
  }
  if (!problem.empty())
    return ApiError{400, "malformed JSON: " + problem};
  return std::nullopt;
}

}  // namespace steward::server
