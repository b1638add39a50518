// Sections about the model: its card, how well it performs, and why it decides.
#include <algorithm>
#include <cmath>

#include "steward/report/number_format.h"
#include "steward/report/report_builder.h"

namespace steward::report {
namespace {

using nlohmann::json;

// ROC and PR curves are thinned to this many points: beyond it a 640-pixel drawing shows
// nothing more, and the page stays small. The exact curve is in `steward evaluate --roc-curve`.
constexpr size_t kMaxCurvePoints = 200;

std::string CardText(const json& value) {
  if (value.is_string())
    return value.get<std::string>();
  if (value.is_array()) {
    std::string out;
    for (const json& item : value)
      out += (out.empty() ? "" : "; ") + (item.is_string() ? item.get<std::string>() : item.dump());
    return out;
  }
  if (value.is_null())
    return "not stated";
  return value.dump();
}

std::vector<size_t> ThinnedIndexes(size_t count) {
  std::vector<size_t> out;
  if (count <= kMaxCurvePoints) {
    for (size_t index = 0; index < count; ++index)
      out.push_back(index);
    return out;
  }
  for (size_t step = 0; step < kMaxCurvePoints; ++step)
    out.push_back(step * (count - 1) / (kMaxCurvePoints - 1));
  return out;
}

void AddBinaryEvaluation(const json& overall, Section& section) {
  const double auc = Number(overall, "roc_auc");
  section.figures.push_back(
      {"evaluation_roc_auc", "ROC AUC (evaluation data)", auc, FormatNumber(auc)});
  for (const auto& [key, label] : {std::pair{"average_precision", "Average precision"},
                                   {"accuracy", "Accuracy"},
                                   {"expected_calibration_error", "Calibration error (ECE)"}}) {
    const double value = Number(overall, key);
    section.figures.push_back(
        {std::string("evaluation_") + key, label, value, FormatNumber(value)});
  }
  const json& roc = Member(overall, "roc_curve");
  const double positives = Number(overall, "positive_weight");
  const double total = Number(overall, "weight");
  if (roc.is_object()) {
    const json& fpr = Array(roc, "fpr");
    const json& tpr = Array(roc, "tpr");
    Chart chart = NewChart(ChartKind::kLine, "performance-roc", "ROC curve",
                           "True positive rate against false positive rate as the decision "
                           "threshold moves; the dashed diagonal is a model that guesses. AUC " +
                               FormatNumber(auc) + ".",
                           "False positive rate (share of negatives)",
                           "True positive rate (share of positives)");
    chart.diagonal = true;
    chart.x_range = chart.y_range = std::pair{0.0, 1.0};
    Chart pr = NewChart(ChartKind::kLine, "performance-pr", "Precision-recall curve",
                        "Precision against recall as the threshold moves, derived from the ROC "
                        "points and the class counts; the dashed line is the share of positives.",
                        "Recall (share of positives found)",
                        "Precision (share of selected that are positive)");
    pr.x_range = pr.y_range = std::pair{0.0, 1.0};
    pr.reference = positives / total;
    pr.reference_label = "share of positives";
    Series roc_series{"model", {}, {}, {}, {}}, pr_series{"model", {}, {}, {}, {}};
    const double negatives = total - positives;
    for (size_t index : ThinnedIndexes(std::min(fpr.size(), tpr.size()))) {
      const double false_rate = fpr[index].get<double>(), true_rate = tpr[index].get<double>();
      roc_series.x.push_back(false_rate);
      roc_series.values.push_back(true_rate);
      // precision = TP / (TP + FP) at the same threshold, from the rates and class weights.
      const double selected = true_rate * positives + false_rate * negatives;
      if (selected > 0) {
        pr_series.x.push_back(true_rate);
        pr_series.values.push_back(true_rate * positives / selected);
      }
    }
    chart.series.push_back(std::move(roc_series));
    pr.series.push_back(std::move(pr_series));
    section.charts.push_back(std::move(chart));
    section.charts.push_back(std::move(pr));
  } else {
    section.paragraphs.push_back(
        "The evaluation has no ROC curve: run steward evaluate with --roc-curve to draw the ROC "
        "and precision-recall curves.");
  }
  const json& bins = Array(Member(overall, "calibration"), "bins");
  if (!bins.empty()) {
    Chart chart = NewChart(ChartKind::kLine, "performance-calibration", "Calibration",
                           "For rows given a similar probability, the share that were positive; "
                           "a calibrated model lies on the dashed diagonal.",
                           "Mean predicted probability", "Share positive (observed)");
    chart.diagonal = true;
    chart.x_range = chart.y_range = std::pair{0.0, 1.0};
    Series series{"model", {}, {}, {}, {}};
    for (const json& bin : bins) {
      series.x.push_back(Number(bin, "mean_predicted"));
      series.values.push_back(Number(bin, "fraction_positive"));
    }
    chart.series.push_back(std::move(series));
    section.charts.push_back(std::move(chart));
  }
  const json& confusion = Member(overall, "confusion_matrix");
  if (confusion.is_object()) {
    Chart chart = NewChart(ChartKind::kHeat, "performance-confusion", "Confusion matrix",
                           "Rows by actual and predicted class at the decision threshold " +
                               FormatNumber(Number(overall, "threshold")) + ".",
                           "Predicted class", "Actual class");
    chart.categories = {"negative", "positive"};
    chart.series.push_back(
        {"negative", {}, {Number(confusion, "tn"), Number(confusion, "fp")}, {}, {}});
    chart.series.push_back(
        {"positive", {}, {Number(confusion, "fn"), Number(confusion, "tp")}, {}, {}});
    section.charts.push_back(std::move(chart));
  }
}

}  // namespace

bool BuildModelCard(const Evidence& evidence, Section& section) {
  const json& card = evidence.card;
  if (!card.is_object())
    return false;
  Table table{"model-card", "Model card", {"Field", "Value"}, {}};
  for (const auto& [key, label] : {std::pair{"name", "Name"},
                                   {"purpose", "Purpose"},
                                   {"owner", "Owner"},
                                   {"description", "Description"},
                                   {"intended_use", "Intended use"},
                                   {"limitations", "Limitations"},
                                   {"contact", "Contact"},
                                   {"license", "License"}}) {
    table.rows.push_back({label, CardText(Member(card, key))});
  }
  const json& model = Member(card, "model");
  table.rows.push_back({"Task", CardText(Member(model, "task"))});
  table.rows.push_back({"Target", CardText(Member(model, "target"))});
  table.rows.push_back({"Library", CardText(Member(model, "library"))});
  table.rows.push_back({"Boosting rounds", Member(model, "num_boost_round")});
  table.rows.push_back({"Seed", Member(model, "seed")});
  const json& data = Member(card, "data");
  table.rows.push_back({"Training data", CardText(Member(data, "source"))});
  table.rows.push_back({"Training data SHA-256", CardText(Member(data, "sha256"))});
  table.rows.push_back({"Training rows", Member(data, "rows")});
  const json& sensitive = Member(card, "sensitive");
  table.rows.push_back({"Sensitive columns", CardText(Member(sensitive, "columns"))});
  table.rows.push_back(
      {"Sensitive columns used as features", Member(sensitive, "used_as_features")});
  const json& versions = Member(card, "versions");
  table.rows.push_back({"Steward version", CardText(Member(versions, "steward"))});
  table.rows.push_back({"XGBoost version", CardText(Member(versions, "xgboost"))});
  section.paragraphs.push_back(
      "Who made the model, for what, from which data, and what it must not be used for. "
      "Fields the owner did not fill in say 'not stated'.");
  section.tables.push_back(std::move(table));
  Table parameters{"model-parameters", "Training parameters", {"Parameter", "Value"}, {}};
  for (const json& parameter : Array(model, "parameters"))
    parameters.rows.push_back({Text(parameter, "name"), CardText(Member(parameter, "value"))});
  if (!parameters.rows.empty())
    section.tables.push_back(std::move(parameters));
  return true;
}

bool BuildPerformance(const Evidence& evidence, Section& section) {
  const json& metrics = evidence.metrics;
  const json& evaluation = evidence.evaluation;
  if (!metrics.is_object() && !evaluation.is_object())
    return false;
  if (metrics.is_object()) {
    const json& booster = Member(metrics, "booster");
    const json& baseline = Member(metrics, "baseline");
    const std::string headline = Text(metrics, "headline_metric");
    section.paragraphs.push_back(
        "Measured on the " + Text(metrics, "evaluated_on") + " rows (" +
        FormatNumber(Number(booster, "rows")) +
        " rows the model did not train on), against a simple linear baseline trained on the same "
        "rows. Headline metric: " +
        headline +
        (Flag(metrics, "larger_is_better", true) ? " (larger is better)."
                                                 : " (smaller is better)."));
    const double model_value = Number(booster, headline.c_str());
    const double baseline_value = Number(baseline, headline.c_str());
    section.figures.push_back(
        {"performance_headline", headline + " (model)", model_value, FormatNumber(model_value)});
    section.figures.push_back({"performance_baseline", headline + " (baseline)", baseline_value,
                               FormatNumber(baseline_value)});
    Chart chart = NewChart(ChartKind::kBar, "performance-baseline", "Model against the baseline",
                           "Each metric of the XGBoost model beside the linear baseline's, on "
                           "the same held-out rows.",
                           "Metric", "Value (metric units)");
    Series model{"model", {}, {}, {}, {}}, linear{"baseline", {}, {}, {}, {}};
    for (const char* key : {"auc", "accuracy", "logloss", "mlogloss", "rmse", "mae", "r2"}) {
      if (!std::isfinite(Number(booster, key)))
        continue;
      chart.categories.push_back(key);
      model.values.push_back(Number(booster, key));
      linear.values.push_back(Number(baseline, key));
    }
    chart.series = {std::move(model), std::move(linear)};
    if (!chart.categories.empty())
      section.charts.push_back(std::move(chart));
  }
  if (evaluation.is_object()) {
    const json& overall = evaluation["overall"];
    section.paragraphs.push_back("Evaluated on " + Text(evaluation, "data") + " (" +
                                 FormatNumber(Number(overall, "rows")) + " rows).");
    const std::string task = Text(evaluation, "task");
    if (task == "binary") {
      AddBinaryEvaluation(overall, section);
    } else if (task == "multiclass" && overall.contains("confusion_matrix")) {
      Chart chart =
          NewChart(ChartKind::kHeat, "performance-confusion", "Confusion matrix",
                   "Rows by actual and predicted class.", "Predicted class", "Actual class");
      const json& matrix = overall["confusion_matrix"];
      for (size_t index = 0; index < matrix.size(); ++index)
        chart.categories.push_back("class " + std::to_string(index));
      for (size_t row = 0; row < matrix.size(); ++row) {
        Series series{chart.categories[row], {}, {}, {}, {}};
        for (const json& cell : matrix[row])
          series.values.push_back(cell.is_number() ? cell.get<double>() : NAN);
        chart.series.push_back(std::move(series));
      }
      section.charts.push_back(std::move(chart));
    } else if (task == "regression") {
      for (const char* key : {"rmse", "mae", "r2"}) {
        const double value = Number(overall, key);
        section.figures.push_back(
            {std::string("evaluation_") + key, key, value, FormatNumber(value)});
      }
    }
  }
  return true;
}

bool BuildExplanations(const Evidence& evidence, Section& section) {
  const json& explain = evidence.explain;
  const json& explanation = evidence.explanation;
  if (!explain.is_object() && !explanation.is_object())
    return false;
  section.paragraphs.push_back(
      "Which inputs move the model's decisions. SHAP values split each prediction (on the "
      "log-odds scale for a yes/no model) into one contribution per input; their mean size is "
      "the input's overall importance.");
  if (explain.is_object()) {
    std::vector<const json*> features;
    for (const json& feature : Array(explain, "features"))
      features.push_back(&feature);
    std::stable_sort(features.begin(), features.end(), [](const json* a, const json* b) {
      return Number(*a, "mean_abs_shap") > Number(*b, "mean_abs_shap");
    });
    Chart shap =
        NewChart(ChartKind::kHorizontalBar, "explain-shap", "Mean |SHAP value| per input",
                 "The average size of each input's contribution to a prediction, over " +
                     FormatNumber(Number(Member(explain, "shap"), "rows")) + " validation rows.",
                 "Mean |SHAP value| (log-odds)", "Input");
    Chart gain = NewChart(ChartKind::kHorizontalBar, "explain-gain", "Importance by gain per input",
                          "XGBoost's gain: how much the splits on each input improve the fit.",
                          "Gain (loss reduction per split)", "Input");
    Series shap_values{"mean |SHAP|", {}, {}, {}, {}}, gain_values{"gain", {}, {}, {}, {}};
    for (const json* feature : features) {
      shap.categories.push_back(Text(*feature, "name"));
      shap_values.values.push_back(Number(*feature, "mean_abs_shap"));
      gain.categories.push_back(Text(*feature, "name"));
      gain_values.values.push_back(Number(*feature, "gain"));
    }
    shap.series.push_back(std::move(shap_values));
    gain.series.push_back(std::move(gain_values));
    if (!features.empty()) {
      section.figures.push_back({"explain_top_feature", "Most important input",
                                 Text(*features.front(), "name"), Text(*features.front(), "name")});
    }
    section.charts.push_back(std::move(shap));
    section.charts.push_back(std::move(gain));
  }
  if (explanation.is_object()) {
    size_t index = 0;
    for (const json& row : Array(explanation, "row_explanations")) {
      if (index >= 3)
        break;
      const double prediction = Number(row, "prediction");
      Chart chart = NewChart(
          ChartKind::kHorizontalBar, "explain-row-" + std::to_string(index),
          "Why row " + FormatNumber(Number(row, "row")) + " got " + FormatNumber(prediction),
          "The inputs that pushed this row's prediction up (positive) or down (negative), from "
          "the average " +
              FormatNumber(Number(row, "bias")) + " to " + FormatNumber(Number(row, "margin")) +
              " (log-odds).",
          "SHAP contribution (log-odds)", "Input = value");
      Series series{"contribution", {}, {}, {}, {}};
      for (const json& contribution : Array(row, "contributions")) {
        chart.categories.push_back(Text(contribution, "feature") + " = " +
                                   Text(contribution, "value"));
        series.values.push_back(Number(contribution, "contribution"));
      }
      chart.series.push_back(std::move(series));
      section.charts.push_back(std::move(chart));
      ++index;
    }
  }
  return true;
}

}  // namespace steward::report
