#include "steward/validate/validation_report.h"

#include <algorithm>
#include <cmath>

namespace steward::validate {

std::string_view ExpectationStatusName(ExpectationStatus status) {
  switch (status) {
    case ExpectationStatus::kPassed:
      return "pass";
    case ExpectationStatus::kFailed:
      return "fail";
    case ExpectationStatus::kSkipped:
      return "skip";
  }
  return "?";
}

size_t ValidationReport::Count(ExpectationStatus status) const {
  return static_cast<size_t>(std::count_if(results.begin(), results.end(),
                                           [&](const auto& r) { return r.status == status; }));
}

namespace {

nlohmann::json ObservationToJson(const Observation& observed) {
  // Counts read best as integers; JSON has no infinity or NaN, which appear as text.
  if (observed.number && std::isfinite(*observed.number)) {
    const double number = *observed.number;
    if (std::trunc(number) == number && std::abs(number) < 9007199254740992.0)
      return static_cast<int64_t>(number);
    return number;
  }
  if (!observed.text.empty())
    return observed.text;
  if (observed.number)
    return std::isnan(*observed.number) ? "nan" : (*observed.number > 0 ? "inf" : "-inf");
  return nullptr;
}

nlohmann::json FailingRowToJson(const FailingRow& row) {
  nlohmann::json values = nlohmann::json::object();
  for (const auto& [column, value] : row.values)
    values[column] = value ? nlohmann::json(*value) : nlohmann::json(nullptr);
  nlohmann::json json = {{"row", row.row}, {"values", std::move(values)}};
  if (row.same_as_row)
    json["same_as_row"] = *row.same_as_row;
  return json;
}

}  // namespace

nlohmann::json ValidationReportToJson(const ValidationReport& report) {
  nlohmann::json expectations = nlohmann::json::array();
  for (const ExpectationResult& result : report.results) {
    nlohmann::json examples = nlohmann::json::array();
    for (const FailingRow& row : result.examples)
      examples.push_back(FailingRowToJson(row));
    nlohmann::json entry = {{"id", result.id},
                            {"status", ExpectationStatusName(result.status)},
                            {"expected", result.expected},
                            {"observed", ObservationToJson(result.observed)},
                            {"failing_rows", result.failing_rows},
                            {"examples", std::move(examples)}};
    if (!result.note.empty())
      entry["note"] = result.note;
    expectations.push_back(std::move(entry));
  }
  return {{"format", kValidationReportFormat},
          {"source", report.source},
          {"suite", report.suite},
          {"rows", report.rows},
          {"bad_rows", report.bad_rows},
          {"columns", report.columns},
          {"passed", report.passed()},
          {"summary",
           {{"expectations", report.results.size()},
            {"passed", report.Count(ExpectationStatus::kPassed)},
            {"failed", report.Count(ExpectationStatus::kFailed)},
            {"skipped", report.Count(ExpectationStatus::kSkipped)}}},
          {"expectations", std::move(expectations)}};
}

}  // namespace steward::validate
