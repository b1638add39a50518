#include "steward/monitor/performance_windows.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>

#include "steward/fairness/grouping.h"
#include "steward/metrics/metrics_json.h"

namespace steward::monitor {
namespace {

using fairness::AuditTask;

double Find(const std::vector<fairness::NamedEstimate>& estimates, std::string_view name) {
  for (const fairness::NamedEstimate& estimate : estimates)
    if (estimate.name == name)
      return estimate.estimate.value;
  return fairness::kUndefined;
}

std::string ShortNumber(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", x);
  return text;
}

nlohmann::json NumberOrNull(double x) {
  return std::isfinite(x) ? nlohmann::json(x) : nullptr;
}

std::string WindowName(const PerformanceWindow& window) {
  return window.timed ? "window " + FormatUtc(window.start_us) : "the current rows";
}

// The metrics object of the metrics module over `labelled` rows.
Result<nlohmann::json> WindowMetrics(const ScoredRows& rows, const std::vector<size_t>& labelled,
                                     double threshold) {
  const size_t n = labelled.size();
  switch (rows.task) {
    case AuditTask::kBinary: {
      std::vector<int32_t> labels(n);
      std::vector<double> scores(n);
      for (size_t i = 0; i < n; ++i) {
        labels[i] = static_cast<int32_t>(rows.labels[labelled[i]]);
        scores[i] = rows.values[labelled[i]];
      }
      metrics::BinaryOptions options;
      options.threshold = threshold;
      STEWARD_ASSIGN_OR_RETURN(metrics::BinaryMetrics computed,
                               metrics::ComputeBinaryMetrics({labels, scores, {}}, options));
      return metrics::ToJson(computed);
    }
    case AuditTask::kMulticlass: {
      std::vector<int32_t> labels(n);
      std::vector<double> probabilities(n * rows.width);
      for (size_t i = 0; i < n; ++i) {
        labels[i] = static_cast<int32_t>(rows.labels[labelled[i]]);
        std::copy_n(rows.values.begin() + static_cast<ptrdiff_t>(labelled[i] * rows.width),
                    rows.width, probabilities.begin() + static_cast<ptrdiff_t>(i * rows.width));
      }
      STEWARD_ASSIGN_OR_RETURN(
          metrics::MulticlassMetrics computed,
          metrics::ComputeMulticlassMetrics({labels, probabilities, rows.width, {}}));
      return metrics::ToJson(computed);
    }
    case AuditTask::kRegression: {
      std::vector<double> targets(n), predictions(n);
      for (size_t i = 0; i < n; ++i) {
        targets[i] = rows.labels[labelled[i]];
        predictions[i] = rows.values[labelled[i]];
      }
      STEWARD_ASSIGN_OR_RETURN(metrics::RegressionMetrics computed,
                               metrics::ComputeRegressionMetrics({targets, predictions, {}}));
      return metrics::ToJson(computed);
    }
  }
  return Status::Internal("unknown task");
}

std::vector<MetricCheck> Checks(const nlohmann::json& metrics_object,
                                const PerformanceOptions& options, bool judged) {
  const PerformancePolicy& policy = options.policy;
  std::vector<MetricCheck> checks;
  for (const PerformanceMetric& metric : kPerformanceMetrics) {
    const std::string name(metric.name);
    auto stored = options.stored.find(name);
    auto value = metrics_object.find(name);
    if (stored == options.stored.end() || value == metrics_object.end() || !value->is_number())
      continue;
    if (std::find(policy.ignore_metrics.begin(), policy.ignore_metrics.end(), name) !=
        policy.ignore_metrics.end())
      continue;
    MetricCheck check{name, value->get<double>(), stored->second, 0, metric.higher_is_better};
    auto own = policy.metric_tolerances.find(name);
    if (metric.higher_is_better) {
      check.limit =
          stored->second - (own != policy.metric_tolerances.end() ? own->second : policy.tolerance);
      check.alert = judged && check.value < check.limit;
    } else {
      check.limit = own != policy.metric_tolerances.end()
                        ? stored->second + own->second
                        : stored->second * (1 + policy.error_tolerance);
      check.alert = judged && check.value > check.limit;
    }
    checks.push_back(check);
  }
  return checks;
}

// The audit's input for `subset`. Selection rates and the ratios the band bounds depend on the
// predictions only, so the audit of all rows (labelled or not) is given the predictions in
// place of the labels it needs and only those are read from it; TPR and FPR come from the
// audit of the labelled rows.
fairness::AuditData AuditInput(const ScoredRows& rows, const std::vector<size_t>& subset,
                               bool with_labels) {
  fairness::AuditData data;
  data.task = rows.task;
  data.classes = rows.classes;
  for (size_t row : subset) {
    if (rows.task == AuditTask::kRegression) {
      data.predictions.push_back(rows.values[row]);
      data.targets.push_back(with_labels ? rows.labels[row] : rows.values[row]);
    } else {
      data.predicted.push_back(rows.predicted[row]);
      data.labels.push_back(with_labels ? static_cast<int32_t>(rows.labels[row])
                                        : rows.predicted[row]);
    }
  }
  return data;
}

Result<fairness::AttributeResult> AuditColumn(const ScoredRows& rows, const std::string& column,
                                              const std::vector<size_t>& subset, bool with_labels,
                                              const fairness::AuditOptions& options) {
  const std::string columns[] = {column};
  STEWARD_ASSIGN_OR_RETURN(fairness::Grouping grouping,
                           fairness::GroupRows(rows.sensitive, columns, false, "current", subset));
  STEWARD_ASSIGN_OR_RETURN(
      fairness::FairnessReport report,
      fairness::Audit(AuditInput(rows, subset, with_labels), grouping, options));
  return std::move(report.attributes.front());
}

Result<WindowFairness> WindowFairnessOf(const ScoredRows& rows, const std::string& column,
                                        const std::vector<size_t>& all,
                                        const std::vector<size_t>& labelled,
                                        const PerformancePolicy& policy) {
  fairness::AuditOptions options;
  options.bootstrap = 0;
  options.min_group_size = policy.min_group_size;
  options.band_low = policy.band_low;
  options.band_high = policy.band_high;
  options.threads = 1;
  STEWARD_ASSIGN_OR_RETURN(fairness::AttributeResult predicted,
                           AuditColumn(rows, column, all, false, options));
  WindowFairness result;
  result.column = column;
  result.reference_group = predicted.reference_group;
  result.passed = predicted.passed;
  result.violations = predicted.violations;
  const bool regression = rows.task == AuditTask::kRegression;
  result.min_ratio =
      Find(predicted.summary, regression ? "min_mean_prediction_ratio" : "min_disparate_impact");
  result.max_ratio =
      Find(predicted.summary, regression ? "max_mean_prediction_ratio" : "max_disparate_impact");
  for (const fairness::GroupResult& group : predicted.groups) {
    GroupRates rates;
    rates.name = group.name;
    rates.rows = group.count;
    rates.small = group.small;
    if (rows.task == AuditTask::kBinary)
      rates.selection_rate = Find(group.metrics, "selection_rate");
    if (!group.ratios.empty())
      rates.disparate_impact = group.ratios.front().estimate.value;
    result.groups.push_back(std::move(rates));
  }
  if (labelled.empty())
    return result;
  STEWARD_ASSIGN_OR_RETURN(fairness::AttributeResult actual,
                           AuditColumn(rows, column, labelled, true, options));
  if (rows.task == AuditTask::kBinary)
    result.eo_ratio = Find(actual.summary, "eo_ratio");
  for (const fairness::GroupResult& group : actual.groups) {
    for (GroupRates& rates : result.groups) {
      if (rates.name != group.name)
        continue;
      rates.labelled = group.count;
      if (rows.task == AuditTask::kBinary) {
        rates.tpr = Find(group.metrics, "tpr");
        rates.fpr = Find(group.metrics, "fpr");
      }
    }
  }
  return result;
}

}  // namespace

Result<int64_t> ParseWindowLength(std::string_view text) {
  int64_t count = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(begin, end, count);
  int64_t unit = 0;
  if (error == std::errc() && stop + 1 == end) {
    switch (*stop) {
      case 's':
        unit = 1'000'000;
        break;
      case 'm':
        unit = 60'000'000;
        break;
      case 'h':
        unit = 3'600'000'000;
        break;
      case 'd':
        unit = kMicrosPerDay;
        break;
      case 'w':
        unit = 7 * kMicrosPerDay;
        break;
      default:
        break;
    }
  }
  // Ten years bounds it, far from overflowing the window arithmetic.
  constexpr int64_t kLongest = 3653 * kMicrosPerDay;
  if (unit == 0 || count <= 0 || count > kLongest / unit) {
    return Status::InvalidArgument("window length '" + std::string(text) +
                                   "': expected a positive whole number and a unit, s, m, h, d "
                                   "or w (e.g. 1h, 1d, 7d), at most ten years");
  }
  return count * unit;
}

std::map<std::string, double> StoredMetrics(const nlohmann::json& metrics_json,
                                            fairness::AuditTask task) {
  std::map<std::string, double> stored;
  if (!metrics_json.is_object() || !metrics_json.contains("booster") ||
      !metrics_json["booster"].is_object())
    return stored;
  const nlohmann::json& booster = metrics_json["booster"];
  for (const PerformanceMetric& metric : kPerformanceMetrics) {
    const std::string key(task == AuditTask::kMulticlass ? metric.stored_multiclass
                                                         : metric.stored);
    if (key.empty() || !booster.contains(key) || !booster[key].is_number())
      continue;
    stored[std::string(metric.name)] = booster[key].get<double>();
  }
  return stored;
}

std::string FormatUtc(int64_t micros) {
  const std::time_t seconds = static_cast<std::time_t>(
      micros >= 0 ? micros / 1'000'000 : -((-micros + 999'999) / 1'000'000));
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

Result<PerformanceReport> EvaluateWindows(const ScoredRows& rows,
                                          const PerformanceOptions& options) {
  PerformanceReport report;
  const size_t n = rows.rows();
  report.rows = n;
  // Row indices per window start, in time order.
  std::map<int64_t, std::vector<size_t>> by_start;
  if (rows.times_us.empty()) {
    for (size_t row = 0; row < n; ++row)
      by_start[0].push_back(row);
  } else {
    for (size_t row = 0; row < n; ++row) {
      const int64_t time = rows.times_us[row];
      if (time == kMissingTimestamp) {
        ++report.rows_without_time;
        continue;
      }
      // Floor division, so times before 1970 fall in the window that holds them.
      int64_t start = time / options.window_us * options.window_us;
      if (start > time)
        start -= options.window_us;
      by_start[start].push_back(row);
    }
    if (report.rows_without_time > 0) {
      report.notes.push_back(std::to_string(report.rows_without_time) +
                             " rows have no time and are in no window");
    }
  }
  for (const auto& [start, members] : by_start) {
    PerformanceWindow window;
    window.timed = !rows.times_us.empty();
    window.start_us = start;
    window.end_us = start + options.window_us;
    window.rows = members.size();
    std::vector<size_t> labelled;
    for (size_t row : members)
      if (!std::isnan(rows.labels[row]))
        labelled.push_back(row);
    window.labelled = labelled.size();
    report.labelled += labelled.size();
    window.judged = window.labelled > 0 && window.labelled >= options.policy.min_labelled_rows;
    window.metrics = nullptr;
    if (!labelled.empty()) {
      Result<nlohmann::json> metrics = WindowMetrics(rows, labelled, rows.threshold);
      if (!metrics.ok())
        return Status::InvalidArgument(WindowName(window) + ": " + metrics.status().message());
      window.metrics = std::move(metrics).value();
      window.checks = Checks(window.metrics, options, window.judged);
    }
    for (const MetricCheck& check : window.checks) {
      if (!check.alert)
        continue;
      window.alert = true;
      report.alerts.push_back(
          {"performance", check.metric,
           WindowName(window) + ": " + check.metric + " " + ShortNumber(check.value) +
               (check.higher_is_better ? " < " : " > ") + ShortNumber(check.limit) + " (bundle " +
               ShortNumber(check.stored) + ", " + std::to_string(window.labelled) +
               " labelled rows)"});
    }
    for (size_t column = 0; column < rows.sensitive.num_columns(); ++column) {
      const std::string& name = rows.sensitive.name(column);
      Result<WindowFairness> fairness =
          WindowFairnessOf(rows, name, members, labelled, options.policy);
      if (!fairness.ok()) {
        report.notes.push_back(WindowName(window) + ": fairness of '" + name +
                               "' not audited: " + fairness.status().message());
        continue;
      }
      if (!fairness->passed) {
        window.alert = true;
        for (const std::string& violation : fairness->violations)
          report.alerts.push_back({"fairness", name, WindowName(window) + ": " + violation});
      }
      window.fairness.push_back(std::move(fairness).value());
    }
    report.windows.push_back(std::move(window));
  }
  return report;
}

nlohmann::json PerformanceJson(const PerformanceReport& report, const PerformanceOptions& options) {
  const PerformancePolicy& policy = options.policy;
  nlohmann::json json = {{"rows", report.rows},
                         {"labelled", report.labelled},
                         {"unlabelled", report.rows - report.labelled},
                         {"rows_without_time", report.rows_without_time},
                         {"window_seconds", options.window_us / 1'000'000}};
  json["stored"] = options.stored;
  json["policy"] = {{"tolerance", policy.tolerance},
                    {"error_tolerance", policy.error_tolerance},
                    {"metric_tolerances", policy.metric_tolerances},
                    {"min_labelled_rows", policy.min_labelled_rows},
                    {"band", {policy.band_low, policy.band_high}},
                    {"min_group_size", policy.min_group_size}};
  json["windows"] = nlohmann::json::array();
  for (const PerformanceWindow& window : report.windows) {
    nlohmann::json entry;
    entry["start"] = window.timed ? nlohmann::json(FormatUtc(window.start_us)) : nullptr;
    entry["end"] = window.timed ? nlohmann::json(FormatUtc(window.end_us)) : nullptr;
    entry["rows"] = window.rows;
    entry["labelled"] = window.labelled;
    entry["unlabelled"] = window.rows - window.labelled;
    entry["judged"] = window.judged;
    entry["metrics"] = window.metrics;
    entry["checks"] = nlohmann::json::array();
    for (const MetricCheck& check : window.checks) {
      entry["checks"].push_back({{"metric", check.metric},
                                 {"value", check.value},
                                 {"stored", check.stored},
                                 {"limit", check.limit},
                                 {"higher_is_better", check.higher_is_better},
                                 {"alert", check.alert}});
    }
    entry["fairness"] = nlohmann::json::array();
    for (const WindowFairness& fairness : window.fairness) {
      nlohmann::json groups = nlohmann::json::array();
      for (const GroupRates& group : fairness.groups) {
        groups.push_back({{"name", group.name},
                          {"rows", group.rows},
                          {"labelled", group.labelled},
                          {"small", group.small},
                          {"selection_rate", NumberOrNull(group.selection_rate)},
                          {"ratio", NumberOrNull(group.disparate_impact)},
                          {"tpr", NumberOrNull(group.tpr)},
                          {"fpr", NumberOrNull(group.fpr)}});
      }
      entry["fairness"].push_back({{"column", fairness.column},
                                   {"reference_group", fairness.reference_group},
                                   {"groups", std::move(groups)},
                                   {"min_ratio", NumberOrNull(fairness.min_ratio)},
                                   {"max_ratio", NumberOrNull(fairness.max_ratio)},
                                   {"eo_ratio", NumberOrNull(fairness.eo_ratio)},
                                   {"passed", fairness.passed},
                                   {"violations", fairness.violations}});
    }
    entry["verdict"] = window.alert           ? "alert"
                       : window.labelled == 0 ? "no labels"
                       : !window.judged       ? "too few labels"
                                              : "ok";
    json["windows"].push_back(std::move(entry));
  }
  json["notes"] = report.notes;
  return json;
}

}  // namespace steward::monitor
