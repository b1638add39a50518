#include "steward/profile/summary.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "steward/profile/internal/numeric_summary.h"
#include "steward/profile/internal/utf8.h"
#include "steward/sketch/json_fields.h"

namespace steward::profile {
namespace {

using nlohmann::json;
using sketch::EncodeDouble;

double Share(uint64_t part, uint64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

json Alert(std::string type, std::string column, std::string message, double value) {
  return {{"type", std::move(type)},
          {"column", std::move(column)},
          {"message", std::move(message)},
          {"value", EncodeDouble(value)}};
}

std::string Percent(double share) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", share * 100);
  return text;
}

json LabelSummary(const ColumnState& column, size_t top_k) {
  std::vector<std::pair<std::string, uint64_t>> labels(column.label_counts.begin(),
                                                       column.label_counts.end());
  std::stable_sort(labels.begin(), labels.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  const uint64_t present = column.count - column.missing;
  json top = json::array();
  for (size_t i = 0; i < labels.size() && i < top_k; ++i) {
    top.push_back({{"value", labels[i].first},
                   {"count", labels[i].second},
                   {"share", Share(labels[i].second, present)}});
  }
  size_t shortest = std::numeric_limits<size_t>::max(), longest = 0;
  double total_length = 0;
  for (const auto& [label, count] : labels) {
    const size_t code_points = internal::CodePoints(label);
    shortest = std::min(shortest, code_points);
    longest = std::max(longest, code_points);
    total_length += static_cast<double>(code_points) * static_cast<double>(count);
  }
  json out = {{"top", std::move(top)}};
  if (!labels.empty()) {
    out["lengths"] = {{"min", shortest},
                      {"max", longest},
                      {"mean", present ? total_length / static_cast<double>(present) : 0.0}};
  }
  return out;
}

json TextSummary(const TextState& text, size_t top_k, uint64_t present) {
  json top = json::array();
  for (const sketch::SpaceSaving::Item& item : text.top.Top(top_k)) {
    top.push_back({{"value", item.value},
                   {"count", item.count},
                   {"error", item.error},
                   {"share", Share(item.count, present)}});
  }
  json out = {{"top", std::move(top)}, {"top_exact", text.top.is_exact()}};
  if (text.lengths.count() > 0) {
    out["lengths"] = {{"min", EncodeDouble(text.lengths.min())},
                      {"max", EncodeDouble(text.lengths.max())},
                      {"mean", EncodeDouble(text.lengths.mean())}};
  }
  return out;
}

json TimestampSummary(const TimestampState& timestamps) {
  const sketch::KllSketch& sketch = timestamps.quantiles;
  if (sketch.count() == 0)
    return json::object();
  std::vector<double> values;
  sketch.ForEachItem([&](double value, uint64_t) { values.push_back(value); });
  std::sort(values.begin(), values.end());
  double largest_gap = 0;
  for (size_t i = 1; i < values.size(); ++i)
    largest_gap = std::max(largest_gap, values[i] - values[i - 1]);
  return {{"min", FormatTimestamp(static_cast<int64_t>(sketch.min()))},
          {"max", FormatTimestamp(static_cast<int64_t>(sketch.max()))},
          {"range_seconds", (sketch.max() - sketch.min()) / 1e6},
          {"largest_gap_seconds", largest_gap / 1e6},
          {"exact", sketch.is_exact()}};
}

// Cramér's V without bias correction (as scipy.stats.contingency.association), over the
// labels that occur.
std::pair<double, uint64_t> CramersV(const Contingency& table) {
  std::map<std::string, uint64_t> rows, cols;
  uint64_t n = 0;
  for (const auto& [labels, count] : table.counts) {
    rows[labels.first] += count;
    cols[labels.second] += count;
    n += count;
  }
  if (n == 0 || rows.size() < 2 || cols.size() < 2)
    return {std::numeric_limits<double>::quiet_NaN(), n};
  double chi2 = 0;
  for (const auto& [row, row_total] : rows) {
    for (const auto& [col, col_total] : cols) {
      const double expected =
          static_cast<double>(row_total) * static_cast<double>(col_total) / static_cast<double>(n);
      auto it = table.counts.find({row, col});
      const double observed = it == table.counts.end() ? 0.0 : static_cast<double>(it->second);
      chi2 += (observed - expected) * (observed - expected) / expected;
    }
  }
  const double k = static_cast<double>(std::min(rows.size(), cols.size()) - 1);
  return {std::sqrt(chi2 / static_cast<double>(n) / k), n};
}

// Goodman and Kruskal's lambda: how much knowing the feature (first label) reduces the error
// of guessing the target (second label); 1 means the feature alone predicts the target.
double GoodmanKruskalLambda(const Contingency& table, bool target_is_first) {
  std::map<std::string, std::map<std::string, uint64_t>> by_feature;
  std::map<std::string, uint64_t> target_totals;
  uint64_t n = 0;
  for (const auto& [labels, count] : table.counts) {
    const std::string& feature = target_is_first ? labels.second : labels.first;
    const std::string& target = target_is_first ? labels.first : labels.second;
    by_feature[feature][target] += count;
    target_totals[target] += count;
    n += count;
  }
  uint64_t modal = 0;
  for (const auto& [label, count] : target_totals)
    modal = std::max(modal, count);
  if (n == modal)
    return std::numeric_limits<double>::quiet_NaN();
  uint64_t correct = 0;
  for (const auto& [feature, targets] : by_feature) {
    uint64_t best = 0;
    for (const auto& [label, count] : targets)
      best = std::max(best, count);
    correct += best;
  }
  return static_cast<double>(correct - modal) / static_cast<double>(n - modal);
}

json Correlations(const Profile& profile, json& alerts) {
  const double threshold = profile.options.alerts.correlation;
  json pearson = json::array();
  for (const auto& [columns, pair] : profile.pearson) {
    const double r = pair.Correlation();
    const std::string& a = profile.columns[columns.first].name;
    const std::string& b = profile.columns[columns.second].name;
    pearson.push_back({{"a", a}, {"b", b}, {"r", EncodeDouble(r)}, {"count", pair.count}});
    if (std::abs(r) >= threshold) {
      alerts.push_back(Alert("HIGH_CORRELATION", a + "," + b,
                             a + " and " + b + " are highly correlated (Pearson r = " +
                                 std::to_string(r).substr(0, 6) + ")",
                             r));
    }
  }
  json cramers = json::array();
  for (const auto& [columns, table] : profile.contingency) {
    const auto [v, n] = CramersV(table);
    const std::string& a = profile.columns[columns.first].name;
    const std::string& b = profile.columns[columns.second].name;
    cramers.push_back({{"a", a}, {"b", b}, {"v", EncodeDouble(v)}, {"count", n}});
    if (v >= threshold) {
      alerts.push_back(Alert("HIGH_CORRELATION", a + "," + b,
                             a + " and " + b + " are highly associated (Cramér's V = " +
                                 std::to_string(v).substr(0, 6) + ")",
                             v));
    }
  }
  return {{"pearson", std::move(pearson)}, {"cramers_v", std::move(cramers)}};
}

json TargetSummary(const Profile& profile, json& alerts) {
  const std::optional<size_t> target = profile.FindColumn(*profile.options.target);
  if (!target)
    return nullptr;
  const ColumnState& column = profile.columns[*target];
  const AlertThresholds& limits = profile.options.alerts;
  json out = {{"column", column.name}, {"kind", ColumnKindName(column.kind)}};
  json leaks = json::array();
  const auto leak = [&](const std::string& feature, const char* measure, double score) {
    if (!(score >= limits.leak_score))
      return;
    leaks.push_back({{"column", feature}, {"measure", measure}, {"score", score}});
    alerts.push_back(Alert("TARGET_LEAK", feature,
                           feature + " alone predicts the target " + column.name + " (" + measure +
                               " " + std::to_string(score).substr(0, 6) + ")",
                           score));
  };
  if (column.kind == ColumnKind::kNumeric) {
    for (const auto& [columns, pair] : profile.pearson) {
      if (columns.first != *target && columns.second != *target)
        continue;
      const size_t feature = columns.first == *target ? columns.second : columns.first;
      leak(profile.columns[feature].name, "|Pearson r|", std::abs(pair.Correlation()));
    }
    out["leaks"] = std::move(leaks);
    return out;
  }
  const uint64_t present = column.count - column.missing;
  json classes = json::array();
  for (const auto& [label, count] : column.label_counts) {
    const double share = Share(count, present);
    classes.push_back({{"label", label}, {"count", count}, {"share", share}});
    if (share < limits.imbalance_minority) {
      alerts.push_back(Alert(
          "IMBALANCE", column.name,
          "class '" + label + "' of the target is " + Percent(share) + " of the rows", share));
    }
  }
  out["classes"] = std::move(classes);
  for (const auto& [columns, table] : profile.contingency) {
    if (columns.first != *target && columns.second != *target)
      continue;
    const bool target_first = columns.first == *target;
    const ColumnState& feature = profile.columns[target_first ? columns.second : columns.first];
    // An ID predicts everything it has seen and nothing new: not a leak.
    if (feature.Distinct().value >=
        limits.id_like_distinct_rate * static_cast<double>(feature.count - feature.missing))
      continue;
    leak(feature.name, "Goodman-Kruskal lambda", GoodmanKruskalLambda(table, target_first));
  }
  for (const auto& [feature, by_class] : profile.by_target_class) {
    if (by_class.size() != 2)
      continue;
    const double auc =
        internal::AreaUnderCurve(by_class.begin()->second, std::next(by_class.begin())->second);
    leak(profile.columns[feature].name, "AUC", std::max(auc, 1 - auc));
  }
  out["leaks"] = std::move(leaks);
  return out;
}

void ColumnAlerts(const Profile& profile, const ColumnState& column,
                  const ColumnState::DistinctValues& distinct, json& alerts) {
  const AlertThresholds& limits = profile.options.alerts;
  const uint64_t present = column.count - column.missing;
  const double missing_rate = Share(column.missing, column.count);
  if (column.count > 0 && present == 0) {
    alerts.push_back(Alert("ALL_MISSING", column.name, column.name + " has no values", 1));
    return;
  }
  if (missing_rate > limits.missing_rate) {
    alerts.push_back(Alert("MISSING", column.name,
                           column.name + " is missing in " + Percent(missing_rate) + " of rows",
                           missing_rate));
  }
  if (distinct.value == 1) {
    alerts.push_back(Alert("CONSTANT", column.name, column.name + " has one value only", 1));
    return;
  }
  const bool integers = !column.numeric || column.numeric->non_integers == 0;
  const bool labels = column.kind != ColumnKind::kNumeric && column.kind != ColumnKind::kBoolean;
  const double distinct_rate = present ? distinct.value / static_cast<double>(present) : 0;
  const bool id_like = present >= 20 && distinct_rate >= limits.id_like_distinct_rate &&
                       column.kind != ColumnKind::kTimestamp && (labels || integers);
  if (id_like) {
    alerts.push_back(Alert("ID_LIKE", column.name,
                           column.name + " is nearly all distinct (" + Percent(distinct_rate) +
                               "): an identifier, not a feature",
                           distinct_rate));
  } else if (labels && distinct.value > static_cast<double>(limits.high_cardinality)) {
    alerts.push_back(Alert(
        "HIGH_CARDINALITY", column.name,
        column.name + " has " + std::to_string(std::llround(distinct.value)) + " distinct values",
        distinct.value));
  }
  if (!column.numeric)
    return;
  const NumericState& numeric = *column.numeric;
  const double skewness = numeric.moments.skewness();
  if (std::abs(skewness) > limits.skewness) {
    alerts.push_back(Alert("SKEWED", column.name,
                           column.name + " is highly skewed (" + std::to_string(skewness) + ")",
                           skewness));
  }
  const double zeros_rate = Share(numeric.zeros, present);
  if (zeros_rate > limits.zeros_rate) {
    alerts.push_back(Alert("ZEROS", column.name,
                           column.name + " is zero in " + Percent(zeros_rate) + " of its values",
                           zeros_rate));
  }
  const uint64_t infinities = numeric.positive_infinities + numeric.negative_infinities;
  if (infinities > 0) {
    alerts.push_back(Alert("INFINITE", column.name,
                           column.name + " has " + std::to_string(infinities) + " infinite values",
                           static_cast<double>(infinities)));
  }
  if (distinct.value <= static_cast<double>(limits.low_categorical)) {
    alerts.push_back(Alert("NUMERIC_AS_CATEGORICAL", column.name,
                           column.name + " has only " +
                               std::to_string(std::llround(distinct.value)) +
                               " distinct numbers: treat it as categorical",
                           distinct.value));
  }
}

json DuplicateSummary(const Profile& profile, json& alerts) {
  const auto [count, exact] = profile.duplicates.Count();
  if (count > 0) {
    alerts.push_back(
        Alert("DUPLICATES", "",
              std::to_string(count) + " rows repeat an earlier row" + (exact ? "" : " (estimated)"),
              static_cast<double>(count)));
  }
  return {{"rows", count}, {"share", Share(count, profile.rows)}, {"exact", exact}};
}

}  // namespace

nlohmann::json SummarizeProfile(const Profile& profile) {
  json alerts = json::array();
  json columns = json::array();
  json constant = json::array();
  for (const ColumnState& column : profile.columns) {
    const ColumnState::DistinctValues distinct = column.Distinct();
    const uint64_t present = column.count - column.missing;
    json out = {{"name", column.name},
                {"kind", ColumnKindName(column.kind)},
                {"count", column.count},
                {"missing", column.missing},
                {"missing_rate", Share(column.missing, column.count)},
                {"distinct",
                 {{"value", distinct.value},
                  {"exact", distinct.exact},
                  {"relative_error", distinct.exact ? 0.0
                                                    : sketch::HyperLogLog::RelativeStandardError(
                                                          profile.options.hll_precision)}}}};
    if (column.numeric)
      out["numeric"] = internal::NumericSummary(*column.numeric, profile.options);
    if (column.kind == ColumnKind::kCategorical || column.kind == ColumnKind::kBoolean)
      out.update(LabelSummary(column, profile.options.top_k));
    if (column.text)
      out.update(TextSummary(*column.text, profile.options.top_k, present));
    if (column.timestamp)
      out["timestamp"] = TimestampSummary(*column.timestamp);
    if (distinct.value == 1)
      constant.push_back(column.name);
    const size_t before = alerts.size();
    ColumnAlerts(profile, column, distinct, alerts);
    json column_alerts = json::array();
    for (size_t i = before; i < alerts.size(); ++i)
      column_alerts.push_back(alerts[i]["type"]);
    out["alerts"] = std::move(column_alerts);
    columns.push_back(std::move(out));
  }
  json summary = {{"rows", profile.rows},
                  {"columns", profile.columns.size()},
                  {"source", profile.source},
                  {"constant_columns", std::move(constant)}};
  summary["duplicates"] = DuplicateSummary(profile, alerts);
  summary["correlations"] = Correlations(profile, alerts);
  if (profile.options.target)
    summary["target"] = TargetSummary(profile, alerts);
  json id_like = json::array();
  for (const json& alert : alerts) {
    if (alert["type"] == "ID_LIKE")
      id_like.push_back(alert["column"]);
  }
  summary["id_like_columns"] = std::move(id_like);
  summary["column_profiles"] = std::move(columns);
  json sample_rows = json::array();
  for (const SampleRow& row : profile.sample) {
    json values = json::array();
    for (const auto& value : row.values)
      values.push_back(value ? json(*value) : json(nullptr));
    sample_rows.push_back(std::move(values));
  }
  summary["sample"] = std::move(sample_rows);
  summary["alerts"] = std::move(alerts);
  return summary;
}

}  // namespace steward::profile
