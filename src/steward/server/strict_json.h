#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "steward/server/request_decoder.h"

namespace steward::server {

// Parses a small request body (not the prediction hot path) as strict I-JSON: depth within
// `max_depth`, no duplicate keys, no number outside double's range. On failure `error` says
// what (status 400).
std::optional<ApiError> ParseStrictJson(std::string_view body, size_t max_depth,
                                        nlohmann::json& out);

}  // namespace steward::server
