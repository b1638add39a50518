// Sections about the data: quality (a profile), drift (a monitor) and fairness (an audit).
#include <algorithm>
#include <cmath>
#include <limits>

#include "steward/report/number_format.h"
#include "steward/report/report_builder.h"

namespace steward::report {
namespace {

using nlohmann::json;

// Charts of single columns are shown for this many columns at most, so wide data sets keep a
// readable page; the tables list every column.
constexpr size_t kMaxColumnCharts = 12;

std::string Id(const std::string& prefix, size_t index) {
  return prefix + "-" + std::to_string(index);
}

}  // namespace

bool BuildDataQuality(const Evidence& evidence, Section& section) {
  const json& summary = evidence.profile;
  if (!summary.is_object())
    return false;
  const json& columns = Array(summary, "column_profiles");
  const double rows = Number(summary, "rows");
  section.paragraphs.push_back(
      "The data (" + Text(summary, "source") + ") has " + FormatNumber(rows) + " rows and " +
      FormatNumber(double(columns.size())) +
      " columns. Below: how complete each column is, what it holds, and what looks wrong.");
  section.figures.push_back({"data_rows", "Rows", rows, FormatNumber(rows)});
  section.figures.push_back(
      {"data_columns", "Columns", columns.size(), FormatNumber(double(columns.size()))});
  const double duplicates = Number(Member(summary, "duplicates"), "rows");
  if (std::isfinite(duplicates))
    section.figures.push_back(
        {"data_duplicates", "Duplicate rows", duplicates, FormatNumber(duplicates)});
  section.items_title = "Alerts";
  for (const json& alert : Array(summary, "alerts"))
    section.items.push_back(Text(alert, "type") + " (" + Text(alert, "column") +
                            "): " + Text(alert, "message"));
  Chart missing = NewChart(ChartKind::kHorizontalBar, "data-missing", "Missing values by column",
                           "The share of rows where each column has no value.",
                           "Missing values (% of rows)", "Column");
  Series missing_series{"Missing (% of rows)", {}, {}, {}, {}};
  Table table{
      "data-columns",
      "Every column",
      {"Column", "Kind", "Missing (% of rows)", "Distinct values", "Mean or most common", "Alerts"},
      {}};
  size_t charted = 0;
  for (const json& column : columns) {
    const std::string name = Text(column, "name");
    const double missing_rate = Number(column, "missing_rate");
    missing.categories.push_back(name);
    missing_series.values.push_back(missing_rate * 100);
    std::string alerts;
    for (const json& type : Array(column, "alerts"))
      alerts += (alerts.empty() ? "" : ", ") + (type.is_string() ? type.get<std::string>() : "");
    json typical = nullptr;
    const json& top = Array(column, "top");
    if (column.contains("numeric"))
      typical = Number(column["numeric"], "mean");
    else if (!top.empty())
      typical = Text(top[0], "value");
    table.rows.push_back({name, Text(column, "kind"), missing_rate * 100,
                          Number(Member(column, "distinct"), "value"), typical, alerts});
    if (charted >= kMaxColumnCharts)
      continue;
    const std::string id = Id("data-distribution", charted);
    if (column.contains("numeric") && column["numeric"].contains("histogram")) {
      const json& histogram = column["numeric"]["histogram"];
      const json& edges = Array(histogram, "edges");
      const json& counts = Array(histogram, "counts");
      if (edges.size() != counts.size() + 1 || counts.empty())
        continue;
      Chart chart = NewChart(ChartKind::kBar, id, "Distribution of " + name,
                             "How many rows fall in each range of " + name + ".", name + " (range)",
                             "Rows (count)");
      Series series{"Rows", {}, {}, {}, {}};
      for (size_t bin = 0; bin < counts.size(); ++bin) {
        chart.categories.push_back(FormatNumber(edges[bin].get<double>()) + " to " +
                                   FormatNumber(edges[bin + 1].get<double>()));
        series.values.push_back(counts[bin].get<double>());
      }
      chart.series.push_back(std::move(series));
      section.charts.push_back(std::move(chart));
      ++charted;
    } else if (!top.empty()) {
      Chart chart = NewChart(ChartKind::kBar, id, "Most common values of " + name,
                             "How many rows have each of the most common values of " + name + ".",
                             name + " (value)", "Rows (count)");
      Series series{"Rows", {}, {}, {}, {}};
      for (const json& entry : top) {
        chart.categories.push_back(Text(entry, "value"));
        series.values.push_back(Number(entry, "count"));
      }
      chart.series.push_back(std::move(series));
      section.charts.push_back(std::move(chart));
      ++charted;
    }
  }
  missing.series.push_back(std::move(missing_series));
  section.charts.insert(section.charts.begin(), std::move(missing));
  if (columns.size() > kMaxColumnCharts) {
    section.paragraphs.push_back("Distributions are drawn for the first " +
                                 std::to_string(charted) + " columns; the table lists all.");
  }
  section.tables.push_back(std::move(table));
  return true;
}

bool BuildFairness(const Evidence& evidence, Section& section) {
  const json& audit = evidence.fairness;
  if (!audit.is_object() || Text(audit, "format") != "steward.fairness/1")
    return false;
  // The band the audit was run with; the audit's own default when it does not say.
  const json& band = Member(Member(audit, "options"), "band");
  const bool has_band =
      band.is_array() && band.size() == 2 && band[0].is_number() && band[1].is_number();
  const double band_low = has_band ? band[0].get<double>() : 0.8;
  const double band_high = has_band ? band[1].get<double>() : 1.25;
  const bool passed = Flag(audit, "passed", false);
  section.paragraphs.push_back(
      "Whether the model treats groups of people alike: for each sensitive attribute, how often "
      "each group is selected (predicted '" +
      Text(audit, "positive_class") +
      "'), and that rate divided by the reference group's. A ratio " + "between " +
      FormatNumber(band_low) + " and " + FormatNumber(band_high) +
      " is within the accepted band. Intervals are bootstrap confidence intervals.");
  section.figures.push_back({"fairness_passed", "Within the band", passed, passed ? "yes" : "no"});
  section.items_title = "Violations";
  size_t index = 0;
  for (const json& attribute : Array(audit, "attributes")) {
    const std::string name = Text(attribute, "name");
    const std::string reference = Text(attribute, "reference_group");
    for (const json& violation : Array(attribute, "violations"))
      if (violation.is_string())
        section.items.push_back(violation.get<std::string>());
    Chart rates =
        NewChart(ChartKind::kHorizontalBar, Id("fairness-rate", index), "Selection rate by " + name,
                 "The share of each group of " + name +
                     " that the model selects, with its confidence interval.",
                 "Selection rate (share of the group)", name + " (group)");
    Chart ratios = NewChart(
        ChartKind::kHorizontalBar, Id("fairness-ratio", index),
        "Disparate impact by " + name + " against '" + reference + "'",
        "Each group's selection rate divided by the reference group's; the shaded band is the "
        "accepted range.",
        "Disparate impact (ratio to the reference group)", name + " (group)");
    ratios.band = {band_low, band_high};
    ratios.reference = 1.0;
    ratios.reference_label = "equal";
    Series rate{"Selection rate", {}, {}, {}, {}}, ratio{"Disparate impact", {}, {}, {}, {}};
    Table table{Id("fairness-groups", index),
                "Groups of " + name,
                {"Group", "Rows", "Small", "Selection rate", "True positive rate",
                 "False positive rate", "Precision", "Disparate impact"},
                {}};
    for (const json& group : Array(attribute, "groups")) {
      const json& metrics = Member(group, "metrics");
      const json& selection = Member(metrics, "selection_rate");
      const json& impact = Member(Member(group, "ratios"), "disparate_impact");
      const std::string group_name = Text(group, "name");
      const bool small = Flag(group, "small", false);
      table.rows.push_back(
          {group_name, Number(group, "count"), small, Number(selection, "value"),
           Number(Member(metrics, "tpr"), "value"), Number(Member(metrics, "fpr"), "value"),
           Number(Member(metrics, "precision"), "value"), Number(impact, "value")});
      if (small)
        continue;  // too few rows to compare (the audit leaves them out of its band too)
      rates.categories.push_back(group_name);
      rate.values.push_back(Number(selection, "value"));
      rate.low.push_back(Number(selection, "low"));
      rate.high.push_back(Number(selection, "high"));
      ratios.categories.push_back(group_name);
      ratio.values.push_back(Number(impact, "value"));
      ratio.low.push_back(Number(impact, "low"));
      ratio.high.push_back(Number(impact, "high"));
    }
    rates.series.push_back(std::move(rate));
    ratios.series.push_back(std::move(ratio));
    section.charts.push_back(std::move(rates));
    section.charts.push_back(std::move(ratios));
    section.tables.push_back(std::move(table));
    ++index;
  }
  // Before and after mitigation, when the audit is of a mitigated model.
  const json& mitigation = Member(audit, "mitigation");
  if (mitigation.is_object() && mitigation.contains("comparison")) {
    const json& comparison = mitigation["comparison"];
    Chart chart = NewChart(ChartKind::kBar, "fairness-mitigation",
                           "Before and after mitigation (" + Text(mitigation, "constraint") + ")",
                           "Gaps between groups and accuracy of the original and the mitigated "
                           "model, on the audited rows.",
                           "Measure", "Value (share or ratio)");
    Series before{"before", {}, {}, {}, {}}, after{"after", {}, {}, {}, {}};
    auto add = [&](const std::string& label, const json& pair) {
      if (!pair.is_object())
        return;
      chart.categories.push_back(label);
      before.values.push_back(Number(pair, "before"));
      after.values.push_back(Number(pair, "after"));
    };
    add("accuracy", Member(comparison, "accuracy"));
    for (const json& attribute : Array(comparison, "attributes")) {
      for (const char* measure :
           {"dp_difference", "eo_difference", "eop_difference", "min_disparate_impact"})
        add(Text(attribute, "name") + " " + measure, Member(attribute, measure));
    }
    chart.series = {std::move(before), std::move(after)};
    if (!chart.categories.empty())
      section.charts.push_back(std::move(chart));
  }
  return true;
}

namespace {

// Per window: its rows, how many were labelled, each judged metric beside the bundle's value,
// the fairness ratios and the verdict, as the monitor's terminal table shows them.
Table PerformanceWindowsTable(const json& performance) {
  const json& windows = Array(performance, "windows");
  std::vector<std::string> metrics;
  for (const json& window : windows) {
    for (const json& check : Array(window, "checks")) {
      const std::string metric = Text(check, "metric");
      if (std::find(metrics.begin(), metrics.end(), metric) == metrics.end())
        metrics.push_back(metric);
    }
  }
  Table table{"drift-performance-windows", "Performance and fairness per window", {}, {}};
  table.columns = {"Window (start, UTC)", "Rows", "Labelled"};
  const json& stored = Member(performance, "stored");
  for (const std::string& metric : metrics) {
    const double value = Number(stored, metric.c_str());
    table.columns.push_back(
        metric + (std::isfinite(value) ? " (bundle " + FormatNumber(value) + ")" : std::string()));
  }
  table.columns.push_back("Lowest fairness ratio");
  table.columns.push_back("Verdict");
  for (const json& window : windows) {
    const std::string start = Text(window, "start");
    std::vector<json> row = {start.empty() ? "all rows" : start, Member(window, "rows"),
                             Member(window, "labelled")};
    for (const std::string& metric : metrics)
      row.push_back(Member(Member(window, "metrics"), metric.c_str()));
    json lowest = nullptr;
    for (const json& fairness : Array(window, "fairness")) {
      const double ratio = Number(fairness, "min_ratio");
      if (std::isfinite(ratio) && (lowest.is_null() || ratio < lowest.get<double>()))
        lowest = ratio;
    }
    row.push_back(lowest);
    row.push_back(Member(window, "verdict"));
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace

bool BuildDrift(const Evidence& evidence, Section& section) {
  const json& monitor = evidence.monitor;
  if (!monitor.is_object())
    return false;
  const json& dataset = monitor["dataset_drift"];
  const json& current = Member(monitor, "current");
  const json& reference = Member(monitor, "reference");
  const double drifted = Number(dataset, "drifted_columns");
  const double share = Number(dataset, "share");
  section.paragraphs.push_back(
      "Whether the data the model sees now (" + Text(current, "source") + ", " +
      FormatNumber(Number(current, "rows")) + " rows) still looks like the data it was built on (" +
      Text(reference, "source") + ", " + FormatNumber(Number(reference, "rows")) +
      " rows), checked " + Text(monitor, "created_at") + ".");
  section.figures.push_back(
      {"drift_columns", "Drifted columns", drifted,
       FormatNumber(drifted) + " of " + FormatNumber(Number(dataset, "columns"))});
  section.figures.push_back({"drift_share", "Share drifted", share, FormatPercent(share)});
  const bool dataset_drift = Flag(dataset, "drift", false);
  section.figures.push_back(
      {"drift_dataset", "Data set drift", dataset_drift, dataset_drift ? "yes" : "no"});
  section.items_title = "Alerts";
  for (const json& alert : Array(monitor, "alerts"))
    section.items.push_back(
        Text(alert, "kind") +
        (Text(alert, "column").empty() ? "" : " (" + Text(alert, "column") + ")") + ": " +
        Text(alert, "message"));
  // Ranked: drifted columns first, then by score relative to the threshold.
  std::vector<const json*> ranked;
  for (const json& column : monitor["columns"])
    ranked.push_back(&column);
  // A column without a score ranks last among its kind rather than breaking the order.
  auto relative = [](const json& column) {
    const double threshold = Number(column, "threshold");
    const double ratio =
        threshold != 0 ? Number(column, "score") / threshold : Number(column, "score");
    return std::isfinite(ratio) ? ratio : -std::numeric_limits<double>::infinity();
  };
  std::stable_sort(ranked.begin(), ranked.end(), [&](const json* a, const json* b) {
    const bool a_drift = (*a)["drift"].get<bool>(), b_drift = (*b)["drift"].get<bool>();
    if (a_drift != b_drift)
      return a_drift;
    return relative(*a) > relative(*b);
  });
  Chart ranking = NewChart(ChartKind::kHorizontalBar, "drift-ranking", "Drift by column",
                           "Each column's drift score divided by its test's threshold, drifted "
                           "columns first.",
                           "Drift score (multiple of its threshold)", "Column");
  ranking.reference = 1.0;
  ranking.reference_label = "threshold";
  Series scores{"Score / threshold", {}, {}, {}, {}};
  Table table{"drift-columns",
              "Every column",
              {"Column", "Kind", "Test", "Score", "Threshold", "Drift", "Missing (reference)",
               "Missing (current)"},
              {}};
  size_t charted = 0;
  auto add_distribution = [&](const json& column, const std::string& id) {
    const json& distribution = Member(column, "distribution");
    const json& bins = Array(distribution, "bins");
    const json& ref = Array(distribution, "reference");
    const json& cur = Array(distribution, "current");
    if (bins.empty() || bins.size() != ref.size() || bins.size() != cur.size())
      return;
    const std::string name = Text(column, "name");
    Chart chart =
        NewChart(ChartKind::kHistogram, id, "Reference and current: " + name,
                 "The share of rows in each bin of " + name + ", in the reference data and now.",
                 name + " (bin)", "Rows (share)");
    Series before{"reference", {}, {}, {}, {}}, now{"current", {}, {}, {}, {}};
    for (size_t bin = 0; bin < bins.size(); ++bin) {
      chart.categories.push_back(bins[bin].is_string() ? bins[bin].get<std::string>()
                                                       : bins[bin].dump());
      before.values.push_back(ref[bin].is_number() ? ref[bin].get<double>() : NAN);
      now.values.push_back(cur[bin].is_number() ? cur[bin].get<double>() : NAN);
    }
    chart.series = {std::move(before), std::move(now)};
    section.charts.push_back(std::move(chart));
  };
  for (const json* column : ranked) {
    const json& entry = *column;
    ranking.categories.push_back(Text(entry, "name"));
    scores.values.push_back(relative(entry));
    const json& missing = Member(entry, "missing_rate");
    table.rows.push_back({Text(entry, "name"), Text(entry, "kind"), Text(entry, "test"),
                          Number(entry, "score"), Number(entry, "threshold"),
                          entry["drift"].get<bool>(), Number(missing, "reference"),
                          Number(missing, "current")});
  }
  ranking.series.push_back(std::move(scores));
  section.charts.push_back(std::move(ranking));
  for (const json* column : ranked) {
    if (charted < kMaxColumnCharts)
      add_distribution(*column, Id("drift-distribution", charted++));
  }
  if (monitor.contains("prediction_drift") && monitor["prediction_drift"].is_object())
    add_distribution(monitor["prediction_drift"], "drift-prediction");
  const json& windows = Array(Member(monitor, "performance"), "windows");
  if (!windows.empty()) {
    Chart chart = NewChart(ChartKind::kBar, "drift-performance", "Performance over time",
                           "The model's metrics in each window once labels arrived: those judged "
                           "against the values the bundle stored when it was trained.",
                           "Window (start, UTC)", "Metric value");
    std::vector<std::string> names;
    for (const json& window : windows) {
      for (const json& check : Array(window, "checks")) {
        const std::string metric = Text(check, "metric");
        if (std::find(names.begin(), names.end(), metric) == names.end())
          names.push_back(metric);
      }
    }
    for (const std::string& metric : names) {
      Series series{metric, {}, {}, {}, {}};
      for (const json& window : windows)
        series.values.push_back(Number(Member(window, "metrics"), metric.c_str()));
      chart.series.push_back(std::move(series));
    }
    for (const json& window : windows) {
      const std::string start = Text(window, "start");
      chart.categories.push_back(start.empty() ? "all rows" : start);
    }
    if (!chart.series.empty())
      section.charts.push_back(std::move(chart));
  }
  section.tables.push_back(std::move(table));
  if (!windows.empty())
    section.tables.push_back(PerformanceWindowsTable(Member(monitor, "performance")));
  return true;
}

}  // namespace steward::report
