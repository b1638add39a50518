#include "steward/fairness/fairness_json.h"

#include <cmath>

namespace steward::fairness {
namespace {

nlohmann::json Number(double value) {
  return std::isnan(value) ? nlohmann::json(nullptr) : nlohmann::json(value);
}

nlohmann::json EstimatesToJson(const std::vector<NamedEstimate>& estimates) {
  nlohmann::json object = nlohmann::json::object();
  for (const NamedEstimate& named : estimates) {
    object[named.name] = {{"value", Number(named.estimate.value)},
                          {"low", Number(named.estimate.low)},
                          {"high", Number(named.estimate.high)}};
  }
  return object;
}

}  // namespace

std::string_view AuditTaskName(AuditTask task) {
  switch (task) {
    case AuditTask::kBinary:
      return "binary";
    case AuditTask::kMulticlass:
      return "multiclass";
    case AuditTask::kRegression:
      return "regression";
  }
  return "binary";
}

nlohmann::json ReportToJson(const FairnessReport& report) {
  const AuditOptions& options = report.options;
  nlohmann::json document = {{"format", kFairnessFormat},
                             {"task", AuditTaskName(report.task)},
                             {"classes", report.classes},
                             {"rows", report.rows},
                             {"options",
                              {{"min_group_size", options.min_group_size},
                               {"bootstrap", options.bootstrap},
                               {"confidence", options.confidence},
                               {"seed", options.seed},
                               {"band", {options.band_low, options.band_high}}}},
                             {"passed", report.passed},
                             {"attributes", nlohmann::json::array()}};
  if (report.task == AuditTask::kBinary)
    document["positive_class"] = report.classes.at(1);
  for (const AttributeResult& attribute : report.attributes) {
    nlohmann::json groups = nlohmann::json::array();
    for (const GroupResult& group : attribute.groups) {
      groups.push_back({{"name", group.name},
                        {"count", group.count},
                        {"small", group.small},
                        {"metrics", EstimatesToJson(group.metrics)},
                        {"ratios", EstimatesToJson(group.ratios)}});
    }
    nlohmann::json entry = {{"name", attribute.name},
                            {"columns", attribute.columns},
                            {"reference_group", attribute.reference_group},
                            {"groups", std::move(groups)},
                            {"summary", EstimatesToJson(attribute.summary)},
                            {"passed", attribute.passed},
                            {"violations", attribute.violations}};
    entry["four_fifths_rule"] = report.task == AuditTask::kRegression
                                    ? nlohmann::json(nullptr)
                                    : nlohmann::json(attribute.four_fifths_rule);
    document["attributes"].push_back(std::move(entry));
  }
  return document;
}

}  // namespace steward::fairness
