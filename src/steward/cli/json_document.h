#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "steward/core/result.h"

namespace steward::cli {

// The text of a JSON document as Steward writes its files and --json output: one space of
// indent, invalid UTF-8 replaced, a final newline.
std::string JsonText(const nlohmann::json& document);

// Writes `document` to `path` atomically when `path` is not empty; returns its text.
Result<std::string> SaveJsonDocument(const nlohmann::json& document, const std::string& path);

}  // namespace steward::cli
