#include "steward/cli/fairness_mitigation.h"

#include <cmath>
#include <cstdio>

#include "steward/cli/fairness_report_text.h"
#include "steward/cli/json_document.h"
#include "steward/cli/text_table.h"
#include "steward/fairness/fairness_json.h"
#include "steward/fairness/grouping.h"
#include "steward/fairness/resample.h"
#include "steward/model/bundle_archive.h"
#include "steward/model/model_bundle.h"

namespace steward::cli {
namespace {

// Positions (into the audited rows) chosen for fitting thresholds, and the rest.
struct Halves {
  std::vector<size_t> choose;
  std::vector<size_t> held_out;
};

Halves SplitRows(size_t rows, double fraction, uint64_t seed) {
  Halves halves;
  const uint64_t cut = static_cast<uint64_t>(fraction * 18446744073709551615.0);
  for (size_t position = 0; position < rows; ++position) {
    fairness::FastRandom random(seed ^ (0x9e3779b97f4a7c15ULL * (position + 1)));
    (random() < cut ? halves.choose : halves.held_out).push_back(position);
  }
  return halves;
}

// The audit data of `positions` of `data`, with `predicted` as the decisions.
fairness::AuditData Subset(const fairness::AuditData& data, const std::vector<size_t>& positions,
                           const std::vector<int32_t>& predicted) {
  fairness::AuditData subset;
  subset.task = data.task;
  subset.classes = data.classes;
  for (size_t position : positions) {
    subset.labels.push_back(data.labels[position]);
    subset.predicted.push_back(predicted[position]);
    subset.scores.push_back(data.scores[position]);
  }
  return subset;
}

// A JSON number with three decimals, "-" for null.
std::string Number(const nlohmann::json& value) {
  if (!value.is_number())
    return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", value.get<double>());
  return text;
}

}  // namespace

nlohmann::json CompareAudits(const fairness::FairnessReport& before,
                             const fairness::FairnessReport& after, double accuracy_before,
                             double accuracy_after) {
  nlohmann::json attributes = nlohmann::json::array();
  for (size_t a = 0; a < before.attributes.size(); ++a) {
    nlohmann::json entry = {{"name", before.attributes[a].name}};
    for (const char* key :
         {"dp_difference", "eo_difference", "eop_difference", "min_disparate_impact"}) {
      const fairness::Estimate* was = fairness::FindEstimate(before.attributes[a].summary, key);
      const fairness::Estimate* now = fairness::FindEstimate(after.attributes[a].summary, key);
      auto number = [](const fairness::Estimate* estimate) {
        return estimate && !std::isnan(estimate->value) ? nlohmann::json(estimate->value)
                                                        : nlohmann::json(nullptr);
      };
      entry[key] = {{"before", number(was)}, {"after", number(now)}};
    }
    entry["passed"] = {{"before", before.attributes[a].passed},
                       {"after", after.attributes[a].passed}};
    attributes.push_back(std::move(entry));
  }
  return {{"accuracy",
           {{"before", accuracy_before},
            {"after", accuracy_after},
            {"cost", accuracy_before - accuracy_after}}},
          {"attributes", std::move(attributes)}};
}

double Accuracy(const fairness::AuditData& data) {
  size_t correct = 0;
  for (size_t row = 0; row < data.labels.size(); ++row)
    correct += data.labels[row] == data.predicted[row];
  return data.labels.empty() ? 0 : static_cast<double>(correct) / data.labels.size();
}

Result<MitigationResult> MitigateWithThresholds(const ThresholdMitigation& request,
                                                const model::ModelSchema& schema,
                                                const Table& table, const ModelAuditData& audited,
                                                const std::string& source) {
  if (schema.task != model::Task::kBinary)
    return Status::InvalidArgument("--mitigate thresholds applies to binary models only");
  if (!(request.choose_fraction > 0 && request.choose_fraction < 1))
    return Status::InvalidArgument("--mitigation-fraction must lie between 0 and 1");
  if (request.out_bundle.empty())
    return Status::InvalidArgument("--mitigate needs --out-bundle DIR for the mitigated model");
  const fairness::AuditData& data = audited.data;
  // The groups thresholds are set for: the sensitive columns together.
  STEWARD_ASSIGN_OR_RETURN(fairness::Grouping grouping,
                           fairness::GroupRows(table, request.sensitive,
                                               request.sensitive.size() > 1, source, audited.rows));
  const fairness::Attribute& attribute = grouping.attributes.back();
  std::vector<uint32_t> group_of_row(data.labels.size());
  for (size_t row = 0; row < group_of_row.size(); ++row)
    group_of_row[row] = attribute.group_of_combined[grouping.combined_of_row[row]];

  const Halves halves = SplitRows(data.labels.size(), request.choose_fraction, request.audit.seed);
  std::vector<float> scores;
  std::vector<int32_t> labels;
  std::vector<uint32_t> groups;
  for (size_t position : halves.choose) {
    scores.push_back(data.scores[position]);
    labels.push_back(data.labels[position]);
    groups.push_back(group_of_row[position]);
  }
  STEWARD_ASSIGN_OR_RETURN(
      fairness::ThresholdChoice choice,
      fairness::ChooseGroupThresholds({scores, labels, groups, attribute.groups.size()},
                                      request.constraint, request.tolerance, schema.threshold,
                                      request.audit.min_group_size));
  std::vector<int32_t> mitigated(data.labels.size());
  for (size_t row = 0; row < mitigated.size(); ++row)
    mitigated[row] = data.scores[row] >= choice.thresholds[group_of_row[row]] ? 1 : 0;

  // Both decisions audited on the rows the thresholds never saw.
  std::vector<size_t> held_out_rows;
  for (size_t position : halves.held_out)
    held_out_rows.push_back(audited.rows[position]);
  STEWARD_ASSIGN_OR_RETURN(
      fairness::Grouping held_out_groups,
      fairness::GroupRows(table, request.sensitive, request.intersectional, source, held_out_rows));
  const fairness::AuditData before_data = Subset(data, halves.held_out, data.predicted);
  const fairness::AuditData after_data = Subset(data, halves.held_out, mitigated);
  MitigationResult result;
  STEWARD_ASSIGN_OR_RETURN(result.before,
                           fairness::Audit(before_data, held_out_groups, request.audit));
  STEWARD_ASSIGN_OR_RETURN(result.after,
                           fairness::Audit(after_data, held_out_groups, request.audit));

  model::GroupThresholds thresholds{request.sensitive,
                                    std::string(fairness::ConstraintName(request.constraint)),
                                    request.tolerance,
                                    {}};
  nlohmann::json chosen = nlohmann::json::object();
  for (size_t group = 0; group < attribute.groups.size(); ++group) {
    chosen[attribute.groups[group]] = {{"threshold", choice.thresholds[group]},
                                       {"adjusted", choice.adjusted[group] == 1}};
    if (choice.adjusted[group])
      thresholds.thresholds[attribute.groups[group]] = choice.thresholds[group];
  }
  result.document = fairness::ReportToJson(result.after);
  result.document["mitigation"] = {
      {"method", "per-group thresholds (post-processing)"},
      {"constraint", thresholds.constraint},
      {"tolerance", request.tolerance},
      {"columns", request.sensitive},
      {"default_threshold", schema.threshold},
      {"groups", std::move(chosen)},
      {"chosen_on_rows", halves.choose.size()},
      {"audited_on_rows", halves.held_out.size()},
      {"target", choice.target},
      {"gap_where_chosen", choice.gap},
      {"met_where_chosen", choice.met},
      {"comparison",
       CompareAudits(result.before, result.after, Accuracy(before_data), Accuracy(after_data))},
      {"before", fairness::ReportToJson(result.before)}};

  STEWARD_ASSIGN_OR_RETURN(model::BundleParts parts, model::ReadAnyBundle(request.bundle));
  model::ModelSchema mitigated_schema = schema;
  mitigated_schema.group_thresholds = std::move(thresholds);
  parts["schema.json"] = JsonText(model::SchemaToJson(mitigated_schema));
  nlohmann::json saved = result.document;
  saved.erase("mitigation");
  saved["mitigation"] = result.document["mitigation"];
  saved["mitigation"].erase("before");
  parts["fairness.json"] = JsonText(saved);
  STEWARD_RETURN_IF_ERROR(model::WriteBundle(request.out_bundle, parts));
  return result;
}

void PrintComparison(const nlohmann::json& comparison, std::ostream& out) {
  TextTable table({"", "before", "after"});
  table.AddRow({"accuracy", Number(comparison["accuracy"]["before"]),
                Number(comparison["accuracy"]["after"])});
  for (const nlohmann::json& attribute : comparison["attributes"]) {
    const std::string name = attribute["name"];
    table.AddRow({name + ": demographic parity difference",
                  Number(attribute["dp_difference"]["before"]),
                  Number(attribute["dp_difference"]["after"])});
    table.AddRow({name + ": equalized odds difference",
                  Number(attribute["eo_difference"]["before"]),
                  Number(attribute["eo_difference"]["after"])});
    table.AddRow({name + ": equal opportunity difference",
                  Number(attribute["eop_difference"]["before"]),
                  Number(attribute["eop_difference"]["after"])});
    table.AddRow({name + ": band", attribute["passed"]["before"].get<bool>() ? "pass" : "fail",
                  attribute["passed"]["after"].get<bool>() ? "pass" : "fail"});
  }
  table.Print(out);
  const double cost = comparison["accuracy"]["cost"].get<double>();
  char text[64];
  std::snprintf(text, sizeof text, "%.1f", cost * 100);
  out << "Accuracy cost: " << text << " percentage points.\n";
}

void PrintMitigation(const MitigationResult& result, std::ostream& out) {
  const nlohmann::json& mitigation = result.document["mitigation"];
  out << "Mitigation: per-group thresholds for " << mitigation["constraint"].get<std::string>()
      << " (tolerance " << Number(mitigation["tolerance"]) << "), chosen on "
      << FormatCount(mitigation["chosen_on_rows"]) << " rows; both models audited on the other "
      << FormatCount(mitigation["audited_on_rows"]) << ".\n";
  TextTable thresholds({"group", "threshold"});
  for (const auto& [group, chosen] : mitigation["groups"].items()) {
    thresholds.AddRow(
        {Shorten(group, 40), chosen["adjusted"].get<bool>()
                                 ? Number(chosen["threshold"])
                                 : Number(chosen["threshold"]) + " (unchanged: too few rows)"});
  }
  thresholds.Print(out);
  PrintComparison(mitigation["comparison"], out);
  out << "\nRe-audit of the mitigated model:\n";
  PrintFairness(result.after, out);
}

}  // namespace steward::cli
