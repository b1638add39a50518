#pragma once

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

namespace steward::cli {

// Prints a profile's summary for people: one line per column, then the alerts.
void PrintProfileReport(const nlohmann::json& summary, const std::string& written_to,
                        double seconds, std::ostream& out);

}  // namespace steward::cli
