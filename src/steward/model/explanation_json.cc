// ExplanationToJson: the layout docs/formats/explanation.md specifies.
#include "steward/model/explanation.h"

namespace steward::model {

nlohmann::json ExplanationToJson(const Explanation& explanation) {
  using nlohmann::json;
  const bool multiclass = explanation.task == Task::kMulticlass;
  json importance = json::array();
  for (const FeatureImportance& feature : explanation.importance) {
    json entry = {{"feature", feature.feature}, {"mean_abs_shap", feature.mean_abs_shap}};
    if (multiclass)
      entry["per_class"] = feature.per_class;
    importance.push_back(std::move(entry));
  }
  json rows = json::array();
  for (const RowExplanation& row : explanation.row_explanations) {
    json contributions = json::array();
    for (const Contribution& contribution : row.top) {
      contributions.push_back({{"feature", contribution.feature},
                               {"value", contribution.value},
                               {"contribution", contribution.contribution}});
    }
    json entry = {{"row", row.row + 1},
                  {"bias", row.bias},
                  {"margin", row.margin},
                  {"prediction", row.prediction},
                  {"contributions", std::move(contributions)}};
    if (multiclass)
      entry["class"] = explanation.classes[row.group];
    rows.push_back(std::move(entry));
  }
  json document = {{"format", kExplanationFormat},
                   {"task", TaskName(explanation.task)},
                   {"rows", explanation.rows},
                   {"features", explanation.feature_names},
                   {"method", "exact TreeSHAP (XGBoost pred_contribs), margin scale"},
                   {"additivity",
                    {{"max_abs_error", explanation.additivity.max_abs_error},
                     {"tolerance", "1e-5 * max(1, |margin|) per row and class"},
                     {"holds", explanation.additivity.holds}}},
                   {"global_importance", std::move(importance)},
                   {"row_explanations", std::move(rows)}};
  if (explanation.task != Task::kRegression)
    document["classes"] = explanation.classes;
  if (explanation.interaction_rows) {
    json pairs = json::array();
    for (const InteractionPair& pair : explanation.interactions) {
      pairs.push_back(
          {{"features", {pair.first, pair.second}}, {"mean_abs_interaction", pair.mean_abs}});
    }
    document["interactions"] = {{"rows", *explanation.interaction_rows},
                                {"row_cap", kMaxInteractionRows},
                                {"pairs", std::move(pairs)}};
  }
  if (explanation.permutation) {
    const PermutationImportance& permutation = *explanation.permutation;
    json scores = json::array();
    for (const PermutationScore& score : permutation.scores) {
      scores.push_back({{"feature", score.feature},
                        {"mean", score.mean},
                        {"sd", score.sd},
                        {"losses", score.losses}});
    }
    document["permutation"] = {{"metric", permutation.metric}, {"baseline", permutation.baseline},
                               {"rows", permutation.rows},     {"repeats", permutation.repeats},
                               {"seed", permutation.seed},     {"features", std::move(scores)}};
  }
  return document;
}

}  // namespace steward::model
