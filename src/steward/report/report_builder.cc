#include "steward/report/report_builder.h"

#include <cmath>

namespace steward::report {

double Number(const nlohmann::json& object, const char* key) {
  if (!object.is_object())
    return NAN;
  const auto found = object.find(key);
  return found != object.end() && found->is_number() ? found->get<double>() : NAN;
}

std::string Text(const nlohmann::json& object, const char* key) {
  if (!object.is_object())
    return "";
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

const nlohmann::json& Member(const nlohmann::json& object, const char* key) {
  static const nlohmann::json kNull;
  if (!object.is_object())
    return kNull;
  const auto found = object.find(key);
  return found != object.end() ? *found : kNull;
}

const nlohmann::json& Array(const nlohmann::json& object, const char* key) {
  static const nlohmann::json kEmpty = nlohmann::json::array();
  const nlohmann::json& member = Member(object, key);
  return member.is_array() ? member : kEmpty;
}

bool Flag(const nlohmann::json& object, const char* key, bool otherwise) {
  const nlohmann::json& member = Member(object, key);
  return member.is_boolean() ? member.get<bool>() : otherwise;
}

Report BuildReport(const Evidence& evidence) {
  Report report;
  const std::string target = Text(Member(evidence.schema, "target"), "name");
  report.title = target.empty() ? "Steward report" : "Steward report: the model of " + target;
  report.inputs = evidence.inputs;
  Section summary;
  summary.id = "summary";
  summary.title = "Summary";
  BuildSummary(evidence, summary);
  report.sections.push_back(std::move(summary));
  const std::pair<const char*, const char*> order[] = {{"data_quality", "Data quality"},
                                                       {"model_card", "Model card"},
                                                       {"performance", "Performance"},
                                                       {"explanations", "Why the model decides"},
                                                       {"fairness", "Fairness"},
                                                       {"drift", "Drift"},
                                                       {"lineage", "Lineage and audit trail"}};
  bool (*const builders[])(const Evidence&, Section&) = {
      BuildDataQuality, BuildModelCard, BuildPerformance, BuildExplanations,
      BuildFairness,    BuildDrift,     BuildLineage};
  for (size_t index = 0; index < std::size(order); ++index) {
    Section section;
    section.id = order[index].first;
    section.title = order[index].second;
    if (builders[index](evidence, section))
      report.sections.push_back(std::move(section));
  }
  return report;
}

}  // namespace steward::report
