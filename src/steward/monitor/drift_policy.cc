#include "steward/monitor/drift_policy.h"

#include <cmath>
#include <set>

#include <toml++/toml.h>

namespace steward::monitor {

namespace {
constexpr std::pair<DriftTest, std::string_view> kTestNames[] = {
    {DriftTest::kKs, "ks"},
    {DriftTest::kChiSquare, "chi2"},
    {DriftTest::kWasserstein, "wasserstein"},
    {DriftTest::kJensenShannon, "jensen_shannon"},
    {DriftTest::kPsi, "psi"},
};
}  // namespace

std::string_view DriftTestName(DriftTest test) {
  for (const auto& [value, name] : kTestNames)
    if (value == test)
      return name;
  return "?";
}

Result<DriftTest> ParseDriftTest(std::string_view name) {
  for (const auto& [value, text] : kTestNames)
    if (text == name)
      return value;
  return Status::InvalidArgument("unknown drift test '" + std::string(name) +
                                 "' (tests: ks, chi2, wasserstein, jensen_shannon, psi)");
}

bool IsPValueTest(DriftTest test) {
  return test == DriftTest::kKs || test == DriftTest::kChiSquare;
}

double DefaultThreshold(DriftTest test) {
  switch (test) {
    case DriftTest::kKs:
    case DriftTest::kChiSquare:
      return 0.05;
    case DriftTest::kWasserstein:
    case DriftTest::kJensenShannon:
      return 0.1;
    case DriftTest::kPsi:
      return 0.2;  // the usual "significant shift" line of credit-risk practice
  }
  return 0.05;
}

const PerformanceMetric* FindPerformanceMetric(std::string_view name) {
  for (const PerformanceMetric& metric : kPerformanceMetrics)
    if (metric.name == name)
      return &metric;
  return nullptr;
}

namespace {

Status UnknownMetric(const std::string& where, const std::string& key, std::string_view name) {
  std::string known;
  for (const PerformanceMetric& metric : kPerformanceMetrics)
    known += (known.empty() ? "" : ", ") + std::string(metric.name);
  return Status::InvalidArgument(where + ": " + key + ": unknown metric '" + std::string(name) +
                                 "' (judged metrics: " + known + ")");
}

Status UnknownKey(const std::string& where, const std::string& table, std::string_view key,
                  std::string_view known) {
  return Status::InvalidArgument(where + ": unknown key '" + std::string(key) + "' in " + table +
                                 " (known: " + std::string(known) + ")");
}

Result<double> ReadShare(const toml::node& node, const std::string& where, const std::string& key) {
  std::optional<double> value = node.value<double>();
  if (!value || !(*value >= 0 && *value <= 1))
    return Status::InvalidArgument(where + ": " + key + " must be a number from 0 to 1");
  return *value;
}

Result<double> ReadNonNegative(const toml::node& node, const std::string& where,
                               const std::string& key) {
  std::optional<double> value = node.value<double>();
  if (!value || !(*value >= 0) || !std::isfinite(*value))
    return Status::InvalidArgument(where + ": " + key + " must be a finite number >= 0");
  return *value;
}

Result<uint64_t> ReadCount(const toml::node& node, const std::string& where,
                           const std::string& key) {
  std::optional<int64_t> value = node.value<int64_t>();
  if (!value || *value < 0)
    return Status::InvalidArgument(where + ": " + key + " must be a whole number >= 0");
  return static_cast<uint64_t>(*value);
}

Result<PerformancePolicy> ParsePerformance(const toml::node& node, const std::string& where) {
  const toml::table* table = node.as_table();
  if (!table)
    return Status::InvalidArgument(where + ": [performance] must be a table");
  PerformancePolicy policy;
  for (const auto& [key, value] : *table) {
    const std::string name(key.str());
    const std::string full = "performance." + name;
    if (name == "tolerance") {
      STEWARD_ASSIGN_OR_RETURN(policy.tolerance, ReadNonNegative(value, where, full));
    } else if (name == "error_tolerance") {
      STEWARD_ASSIGN_OR_RETURN(policy.error_tolerance, ReadNonNegative(value, where, full));
    } else if (name == "min_labelled_rows") {
      STEWARD_ASSIGN_OR_RETURN(policy.min_labelled_rows, ReadCount(value, where, full));
    } else if (name == "min_group_size") {
      STEWARD_ASSIGN_OR_RETURN(policy.min_group_size, ReadCount(value, where, full));
    } else if (name == "band") {
      const toml::array* band = value.as_array();
      std::optional<double> low, high;
      if (band && band->size() == 2) {
        low = (*band)[0].value<double>();
        high = (*band)[1].value<double>();
      }
      if (!low || !high || !(*low > 0 && *low <= 1 && *high >= 1 && std::isfinite(*high)))
        return Status::InvalidArgument(where + ": " + full +
                                       " must be [LOW, HIGH] with 0 < LOW <= 1 <= HIGH");
      policy.band_low = *low;
      policy.band_high = *high;
    } else if (name == "ignore") {
      const toml::array* names = value.as_array();
      if (!names)
        return Status::InvalidArgument(where + ": " + full + " must be a list of metric names");
      for (const toml::node& entry : *names) {
        std::optional<std::string> metric = entry.value<std::string>();
        if (!metric)
          return Status::InvalidArgument(where + ": " + full + " must be a list of metric names");
        if (!FindPerformanceMetric(*metric))
          return UnknownMetric(where, full, *metric);
        policy.ignore_metrics.push_back(*metric);
      }
    } else if (name == "metrics") {
      const toml::table* metrics = value.as_table();
      if (!metrics)
        return Status::InvalidArgument(where +
                                       ": [performance.metrics] must be a table of "
                                       "metric = tolerance");
      for (const auto& [metric, tolerance] : *metrics) {
        const std::string metric_name(metric.str());
        if (!FindPerformanceMetric(metric_name))
          return UnknownMetric(where, "[performance.metrics]", metric_name);
        STEWARD_ASSIGN_OR_RETURN(
            policy.metric_tolerances[metric_name],
            ReadNonNegative(tolerance, where, "performance.metrics." + metric_name));
      }
    } else {
      return UnknownKey(where, "[performance]", name,
                        "tolerance, error_tolerance, min_labelled_rows, min_group_size, band, "
                        "ignore, metrics");
    }
  }
  return policy;
}

}  // namespace

Result<DriftPolicy> ParseDriftPolicy(std::string_view text, const std::string& where) {
  toml::table root;
  try {
    root = toml::parse(text, where);
  } catch (const toml::parse_error& error) {
    const auto& begin = error.source().begin;
    return Status::InvalidArgument(where + ":" + std::to_string(begin.line) + ":" +
                                   std::to_string(begin.column) + ": " +
                                   std::string(error.description()));
  }
  DriftPolicy policy;
  for (const auto& [key, node] : root) {
    std::string name(key.str());
    if (name == "dataset_drift_share") {
      STEWARD_ASSIGN_OR_RETURN(policy.dataset_drift_share, ReadShare(node, where, name));
    } else if (name == "missing_rate_increase") {
      STEWARD_ASSIGN_OR_RETURN(policy.missing_rate_increase, ReadShare(node, where, name));
    } else if (name == "out_of_range_share") {
      STEWARD_ASSIGN_OR_RETURN(policy.out_of_range_share, ReadShare(node, where, name));
    } else if (name == "unseen_category_share") {
      STEWARD_ASSIGN_OR_RETURN(policy.unseen_category_share, ReadShare(node, where, name));
    } else if (name == "alert_on_column_drift") {
      std::optional<bool> value = node.value<bool>();
      if (!value)
        return Status::InvalidArgument(where + ": alert_on_column_drift must be true or false");
      policy.alert_on_column_drift = *value;
    } else if (name == "performance") {
      STEWARD_ASSIGN_OR_RETURN(policy.performance, ParsePerformance(node, where));
    } else if (name == "calibrate") {
      std::optional<bool> value = node.value<bool>();
      if (!value)
        return Status::InvalidArgument(where + ": calibrate must be true or false");
      policy.calibrate = *value;
    } else if (name == "calibration_rounds") {
      std::optional<int64_t> value = node.value<int64_t>();
      if (!value || *value < 19 || *value > 1000000)
        return Status::InvalidArgument(
            where + ": calibration_rounds must be a whole number from 19 to 1,000,000");
      policy.calibration_rounds = static_cast<uint32_t>(*value);
    } else if (name == "calibration_fdr") {
      std::optional<double> value = node.value<double>();
      if (!value || !(*value > 0 && *value < 1))
        return Status::InvalidArgument(where + ": calibration_fdr must be a number in (0, 1)");
      policy.calibration_fdr = *value;
    } else if (name == "small_reference_rows") {
      std::optional<int64_t> value = node.value<int64_t>();
      if (!value || *value < 0)
        return Status::InvalidArgument(where +
                                       ": small_reference_rows must be a whole number >= 0");
      policy.small_reference_rows = static_cast<uint64_t>(*value);
    } else if (name == "columns") {
      const toml::table* columns = node.as_table();
      if (!columns)
        return Status::InvalidArgument(where + ": [columns] must be a table of column tables");
      for (const auto& [column_key, column_node] : *columns) {
        std::string column(column_key.str());
        std::string context = "[columns." + column + "]";
        const toml::table* settings = column_node.as_table();
        if (!settings)
          return Status::InvalidArgument(where + ": " + context + " must be a table");
        ColumnPolicy column_policy;
        for (const auto& [setting_key, setting] : *settings) {
          std::string setting_name(setting_key.str());
          if (setting_name == "test") {
            std::optional<std::string> test = setting.value<std::string>();
            if (!test)
              return Status::InvalidArgument(where + ": " + context + " test must be a string");
            Result<DriftTest> parsed = ParseDriftTest(*test);
            if (!parsed.ok())
              return Status::InvalidArgument(where + ": " + context + " " +
                                             parsed.status().message());
            column_policy.test = *parsed;
          } else if (setting_name == "threshold") {
            std::optional<double> threshold = setting.value<double>();
            if (!threshold || !(*threshold >= 0) || !std::isfinite(*threshold))
              return Status::InvalidArgument(where + ": " + context +
                                             " threshold must be a finite number >= 0");
            column_policy.threshold = *threshold;
          } else if (setting_name == "ignore") {
            std::optional<bool> ignore = setting.value<bool>();
            if (!ignore)
              return Status::InvalidArgument(where + ": " + context +
                                             " ignore must be true or false");
            column_policy.ignore = *ignore;
          } else {
            return UnknownKey(where, context, setting_name, "test, threshold, ignore");
          }
        }
        policy.columns[column] = column_policy;
      }
    } else {
      return UnknownKey(where, "the policy", name,
                        "dataset_drift_share, missing_rate_increase, out_of_range_share, "
                        "unseen_category_share, alert_on_column_drift, small_reference_rows, "
                        "calibrate, calibration_rounds, calibration_fdr, columns, performance");
    }
  }
  return policy;
}

}  // namespace steward::monitor
