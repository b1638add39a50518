#include "steward/cli/fairness_report_text.h"

#include <cmath>
#include <cstdio>

#include "steward/cli/text_table.h"
#include "steward/fairness/fairness_json.h"

namespace steward::cli {
namespace {

using fairness::AuditTask;
using fairness::Estimate;
using fairness::NamedEstimate;

std::string Number(double value) {
  if (std::isnan(value))
    return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", value);
  return text;
}

// "0.412 (0.371-0.455)", or the value alone without an interval.
std::string WithInterval(const Estimate* estimate) {
  if (!estimate)
    return "-";
  std::string text = Number(estimate->value);
  if (!std::isnan(estimate->value) && !std::isnan(estimate->low))
    text += " (" + Number(estimate->low) + "-" + Number(estimate->high) + ")";
  return text;
}

// The columns a reader needs per task: (metric name, heading).
std::vector<std::pair<std::string, std::string>> Columns(const fairness::FairnessReport& report) {
  switch (report.task) {
    case AuditTask::kBinary: {
      std::vector<std::pair<std::string, std::string>> columns = {
          {"selection_rate", "selected"}, {"tpr", "true pos. rate"}, {"fpr", "false pos. rate"}};
      if (!report.attributes.empty() && !report.attributes[0].groups.empty() &&
          fairness::FindEstimate(report.attributes[0].groups[0].metrics, "auc")) {
        columns.push_back({"auc", "AUC"});
      }
      return columns;
    }
    case AuditTask::kMulticlass: {
      std::vector<std::pair<std::string, std::string>> columns = {{"accuracy", "accuracy"}};
      for (const std::string& label : report.classes)
        columns.push_back({"selection_rate[" + label + "]", "'" + label + "' rate"});
      return columns;
    }
    case AuditTask::kRegression:
      return {{"mean_prediction", "mean prediction"}, {"mae", "MAE"}, {"rmse", "RMSE"}};
  }
  return {};
}

std::string SummaryLine(const fairness::AttributeResult& attribute, AuditTask task) {
  auto entry = [&](const std::string& name) {
    return WithInterval(fairness::FindEstimate(attribute.summary, name));
  };
  switch (task) {
    case AuditTask::kBinary:
      return "demographic parity difference " + entry("dp_difference") + ", ratio " +
             entry("dp_ratio") + "\n  equalized odds difference " + entry("eo_difference") +
             ", equal opportunity difference " + entry("eop_difference");
    case AuditTask::kMulticlass:
      return "accuracy difference " + entry("accuracy_difference") + "; lowest disparate impact " +
             entry("min_disparate_impact");
    case AuditTask::kRegression:
      return "mean prediction difference " + entry("mean_prediction_difference") + ", ratio " +
             entry("mean_prediction_ratio") + "; MAE difference " + entry("mae_difference");
  }
  return "";
}

}  // namespace

void PrintFairness(const fairness::FairnessReport& report, std::ostream& out) {
  const fairness::AuditOptions& options = report.options;
  out << "Fairness audit of " << FormatCount(report.rows) << " predictions ("
      << fairness::AuditTaskName(report.task);
  if (report.task == AuditTask::kBinary)
    out << ", positive class '" << report.classes.at(1) << "'";
  out << "). Band: every group's ratio to the reference group within " << Number(options.band_low)
      << "-" << Number(options.band_high) << ".\n";
  if (options.bootstrap > 0) {
    out << "In brackets: " << Number(options.confidence * 100).substr(0, 4) << "% intervals from "
        << FormatCount(options.bootstrap) << " bootstrap resamples.\n";
  }
  const auto columns = Columns(report);
  for (const fairness::AttributeResult& attribute : report.attributes) {
    out << "\n"
        << attribute.name << " (reference group '" << attribute.reference_group
        << "'): " << (attribute.passed ? "PASS" : "FAIL") << "\n";
    std::vector<std::string> header = {"group", "rows"};
    for (const auto& [name, heading] : columns)
      header.push_back(heading);
    header.push_back(attribute.groups.empty() || attribute.groups[0].ratios.empty() ? "ratio"
                     : attribute.groups[0].ratios[0].name == "disparate_impact"
                         ? "disparate impact"
                         : "ratio to reference");
    TextTable table(header);
    for (const fairness::GroupResult& group : attribute.groups) {
      std::vector<std::string> row = {Shorten(group.name, 40), FormatCount(group.count)};
      for (const auto& [name, heading] : columns)
        row.push_back(WithInterval(fairness::FindEstimate(group.metrics, name)));
      if (group.small) {
        row.push_back("too few rows to compare");
      } else if (group.name == attribute.reference_group) {
        row.push_back("reference");
      } else {
        std::string ratios;
        for (const NamedEstimate& ratio : group.ratios)
          ratios += (ratios.empty() ? "" : ", ") + WithInterval(&ratio.estimate);
        row.push_back(ratios);
      }
      table.AddRow(std::move(row));
    }
    table.Print(out);
    out << "  " << SummaryLine(attribute, report.task) << "\n";
    if (report.task != AuditTask::kRegression) {
      out << "  four-fifths rule (every group selected at least 80% as often as the reference): "
          << (attribute.four_fifths_rule ? "met" : "not met") << "\n";
    }
    for (const std::string& violation : attribute.violations)
      out << "  ✗ " << violation << "\n";
  }
  out << "\n"
      << (report.passed ? "Result: PASS, every group is within the band."
                        : "Result: FAIL, see the reasons above.")
      << "\n";
}

}  // namespace steward::cli
