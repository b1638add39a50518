#include "steward/cli/explanation_report_text.h"

#include <cstdio>

#include "steward/cli/text_table.h"

namespace steward::cli {
namespace {

std::string Number(double value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.4f", value);
  return text;
}

std::string Signed(double value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%+.4f", value);
  return text;
}

}  // namespace

void PrintExplanation(const model::Explanation& explanation, const std::string& data,
                      const std::string& bundle, std::ostream& out) {
  const bool multiclass = explanation.task == model::Task::kMulticlass;
  out << data << " with " << bundle << ": " << model::TaskName(explanation.task) << ", "
      << FormatCount(explanation.rows) << " rows, " << explanation.feature_names.size()
      << " features\n"
      << "exact TreeSHAP on the margin scale; additivity holds (max |error| "
      << explanation.additivity.max_abs_error << ")\n\nglobal importance (mean |SHAP|"
      << (multiclass ? ", mean over classes" : "") << ")\n";
  std::vector<std::string> header = {"feature", "mean |SHAP|"};
  if (multiclass) {
    for (const std::string& name : explanation.classes)
      header.push_back(Shorten(name, 16));
  }
  TextTable importance(header);
  for (const model::FeatureImportance& feature : explanation.importance) {
    std::vector<std::string> row = {Shorten(feature.feature, 32), Number(feature.mean_abs_shap)};
    if (multiclass) {
      for (double value : feature.per_class)
        row.push_back(Number(value));
    }
    importance.AddRow(std::move(row));
  }
  importance.Print(out);
  for (const model::RowExplanation& row : explanation.row_explanations) {
    out << "\nrow " << row.row + 1;
    if (multiclass)
      out << " (class " << explanation.classes[row.group] << ")";
    out << ": prediction " << Number(row.prediction) << ", margin " << Signed(row.margin)
        << " = bias " << Signed(row.bias) << " + contributions\n";
    TextTable table({"feature", "value", "contribution"});
    for (const model::Contribution& contribution : row.top) {
      table.AddRow({Shorten(contribution.feature, 32), Shorten(contribution.value, 24),
                    Signed(contribution.contribution)});
    }
    table.Print(out);
  }
  if (explanation.interaction_rows) {
    out << "\nstrongest interactions (mean |SHAP interaction| over the first "
        << FormatCount(*explanation.interaction_rows) << " rows)\n";
    TextTable table({"feature", "feature", "mean |interaction|"});
    for (const model::InteractionPair& pair : explanation.interactions)
      table.AddRow({Shorten(pair.first, 32), Shorten(pair.second, 32), Number(pair.mean_abs)});
    table.Print(out);
  }
  if (explanation.permutation) {
    const model::PermutationImportance& permutation = *explanation.permutation;
    const bool drop = permutation.metric == "roc_auc";
    out << "\npermutation importance: " << (drop ? "drop in " : "increase in ")
        << permutation.metric << " (baseline " << Number(permutation.baseline) << ") over "
        << permutation.repeats << " shuffles per feature, seed " << permutation.seed << "\n";
    TextTable table({"feature", "mean", "sd"});
    for (const model::PermutationScore& score : permutation.scores)
      table.AddRow({Shorten(score.feature, 32), Signed(score.mean), Number(score.sd)});
    table.Print(out);
  }
}

}  // namespace steward::cli
