#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

namespace steward::cli {

// Prints a metrics document (steward.metrics/1 with "data" and "bundle") for people: the
// task's headline metrics, the confusion counts at the threshold, undefined metrics with
// their reasons, and a table per slice.
void PrintEvaluation(const nlohmann::json& document, std::ostream& out);

}  // namespace steward::cli
