#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "steward/fairness/audit.h"

namespace steward::fairness {

inline constexpr std::string_view kFairnessFormat = "steward.fairness/1";

std::string_view AuditTaskName(AuditTask task);

// The report as docs/formats/fairness.md describes it; undefined values are null.
nlohmann::json ReportToJson(const FairnessReport& report);

}  // namespace steward::fairness
