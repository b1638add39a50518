// The summary: what the model does, how well, the main risks, and a light per gate.
#include <cmath>

#include "steward/report/number_format.h"
#include "steward/report/report_builder.h"

namespace steward::report {
namespace {

using nlohmann::json;

// A model whose probabilities are off by more than this on average needs a look before its
// scores are read as probabilities (a common rule of thumb for ECE).
constexpr double kCalibrationErrorToReview = 0.05;

}  // namespace

void BuildSummary(const Evidence& evidence, Section& section) {
  const json& schema = evidence.schema;
  if (schema.is_object()) {
    const json& target = Member(schema, "target");
    std::string classes;
    for (const json& label : Array(target, "classes"))
      classes += (classes.empty() ? "" : ", ") +
                 (label.is_string() ? label.get<std::string>() : label.dump());
    section.paragraphs.push_back("The model predicts '" + Text(target, "name") + "'" +
                                 (classes.empty() ? "" : " (" + classes + ")") + " from " +
                                 std::to_string(Array(schema, "features").size()) +
                                 " inputs; it is a " + Text(schema, "task") + " XGBoost model.");
  }
  const json& metrics = evidence.metrics;
  if (metrics.is_object()) {
    const std::string headline = Text(metrics, "headline_metric");
    const double model = Number(Member(metrics, "booster"), headline.c_str());
    const double baseline = Number(Member(metrics, "baseline"), headline.c_str());
    const bool larger_is_better = Flag(metrics, "larger_is_better", true);
    const bool beats = larger_is_better ? model > baseline : model < baseline;
    section.paragraphs.push_back("On rows it did not train on, its " + headline + " is " +
                                 FormatNumber(model) + ", against " + FormatNumber(baseline) +
                                 " for a simple linear model.");
    section.gates.push_back(
        {"Better than the baseline",
         std::isfinite(baseline) && beats ? Light::kGreen : Light::kAmber,
         headline + " " + FormatNumber(model) + " against the baseline's " +
             FormatNumber(baseline) +
             (beats ? "" : ": the complex model does not earn its complexity")});
  }
  std::vector<std::string> risks;
  if (evidence.profile.is_object()) {
    const size_t alerts = Array(evidence.profile, "alerts").size();
    section.gates.push_back({"Data quality", alerts == 0 ? Light::kGreen : Light::kAmber,
                             alerts == 0 ? "the profile raised no alert"
                                         : std::to_string(alerts) + " profile alerts to review"});
    if (alerts > 0)
      risks.push_back(std::to_string(alerts) + " data-quality alerts");
  }
  if (evidence.evaluation.is_object() && Text(evidence.evaluation, "task") == "binary") {
    const double ece = Number(evidence.evaluation["overall"], "expected_calibration_error");
    if (std::isfinite(ece)) {
      const bool calibrated = ece <= kCalibrationErrorToReview;
      section.gates.push_back({"Calibration", calibrated ? Light::kGreen : Light::kAmber,
                               "expected calibration error " + FormatNumber(ece)});
      if (!calibrated)
        risks.push_back("probabilities off by " + FormatNumber(ece) + " on average");
    }
  }
  if (evidence.fairness.is_object()) {
    const bool passed = Flag(evidence.fairness, "passed", false);
    size_t violations = 0;
    for (const json& attribute : Array(evidence.fairness, "attributes"))
      violations += Array(attribute, "violations").size();
    section.gates.push_back({"Fairness band", passed ? Light::kGreen : Light::kRed,
                             passed
                                 ? "every group's ratio lies within the band"
                                 : std::to_string(violations) + " group ratios outside the band"});
    if (!passed)
      risks.push_back("unequal treatment of groups (" + std::to_string(violations) +
                      " violations)");
  }
  if (evidence.monitor.is_object()) {
    const json& dataset = evidence.monitor["dataset_drift"];
    const bool drift = Flag(dataset, "drift", false);
    const double drifted = Number(dataset, "drifted_columns");
    const Light light = drift ? Light::kRed : drifted > 0 ? Light::kAmber : Light::kGreen;
    section.gates.push_back({"Drift", light,
                             FormatNumber(drifted) + " of " +
                                 FormatNumber(Number(dataset, "columns")) + " columns drifted" +
                                 (drift ? ": the data set has drifted" : "")});
    if (drifted > 0)
      risks.push_back(FormatNumber(drifted) + " drifted columns");
  }
  if (evidence.schema.is_object()) {
    const json& roles = Member(evidence.schema, "roles");
    if (Flag(roles, "sensitive_used_as_features", false))
      risks.push_back("sensitive columns are used as inputs");
  }
  if (!risks.empty()) {
    std::string text = "Main risks: ";
    for (size_t index = 0; index < risks.size(); ++index)
      text += (index ? "; " : "") + risks[index];
    section.paragraphs.push_back(text + ".");
  } else if (!section.gates.empty()) {
    section.paragraphs.push_back("No gate below found a problem.");
  }
  if (section.paragraphs.empty())
    section.paragraphs.push_back("The inputs hold no model: the sections below describe data.");
}

}  // namespace steward::report
