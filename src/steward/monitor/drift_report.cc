#include "steward/monitor/drift_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <future>
#include <limits>
#include <map>
#include <thread>

#include <nlohmann/json.hpp>

#include "steward/core/thread_pool.h"

namespace steward::monitor {
namespace {

constexpr size_t kMaxChartCategories = 30;

double Share(double part, double whole) {
  return whole > 0 ? part / whole : 0.0;
}

std::string FormatNumber(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", x);
  return text;
}

// Counts of both sides over the union of their labels, in label order.
struct AlignedCounts {
  std::vector<std::string> labels;
  std::vector<double> reference, current;
};

std::map<std::string, uint64_t> LabelCounts(const ColumnValues& side) {
  std::map<std::string, uint64_t> counts = side.label_counts;
  if (side.missing > 0)
    counts[std::string(kMissingLabel)] += side.missing;
  return counts;
}

AlignedCounts Align(const std::map<std::string, uint64_t>& reference,
                    const std::map<std::string, uint64_t>& current) {
  AlignedCounts aligned;
  auto r = reference.begin();
  auto c = current.begin();
  while (r != reference.end() || c != current.end()) {
    bool take_r = c == current.end() || (r != reference.end() && r->first <= c->first);
    bool take_c = r == reference.end() || (c != current.end() && c->first <= r->first);
    aligned.labels.push_back(take_r ? r->first : c->first);
    aligned.reference.push_back(take_r ? static_cast<double>(r->second) : 0.0);
    aligned.current.push_back(take_c ? static_cast<double>(c->second) : 0.0);
    if (take_r)
      ++r;
    if (take_c)
      ++c;
  }
  return aligned;
}

// Value counts of a numeric distribution with few distinct values, both sides aligned.
AlignedCounts AlignValues(const NumericDistribution& reference,
                          const NumericDistribution& current) {
  std::map<double, std::pair<double, double>> counts;
  for (size_t i = 0; i < reference.values.size(); ++i)
    counts[reference.values[i]].first =
        reference.cumulative[i] - (i ? reference.cumulative[i - 1] : 0.0);
  for (size_t i = 0; i < current.values.size(); ++i)
    counts[current.values[i]].second =
        current.cumulative[i] - (i ? current.cumulative[i - 1] : 0.0);
  AlignedCounts aligned;
  for (const auto& [value, pair] : counts) {
    aligned.labels.push_back(FormatNumber(value));
    aligned.reference.push_back(pair.first);
    aligned.current.push_back(pair.second);
  }
  return aligned;
}

size_t DistinctInUnion(const NumericDistribution& a, const NumericDistribution& b, size_t cap) {
  size_t i = 0, j = 0, distinct = 0;
  while ((i < a.values.size() || j < b.values.size()) && distinct <= cap) {
    double x = j >= b.values.size() || (i < a.values.size() && a.values[i] < b.values[j])
                   ? a.values[i]
                   : b.values[j];
    while (i < a.values.size() && a.values[i] == x)
      ++i;
    while (j < b.values.size() && b.values[j] == x)
      ++j;
    ++distinct;
  }
  return distinct;
}

// Shares for a chart: the largest categories, the rest together as "other".
BinnedShares ChartShares(const AlignedCounts& counts) {
  double reference_total = 0, current_total = 0;
  for (size_t i = 0; i < counts.labels.size(); ++i) {
    reference_total += counts.reference[i];
    current_total += counts.current[i];
  }
  std::vector<size_t> order(counts.labels.size());
  for (size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return Share(counts.reference[a], reference_total) + Share(counts.current[a], current_total) >
           Share(counts.reference[b], reference_total) + Share(counts.current[b], current_total);
  });
  BinnedShares shares;
  double other_reference = 0, other_current = 0;
  for (size_t rank = 0; rank < order.size(); ++rank) {
    size_t i = order[rank];
    if (rank + 1 < kMaxChartCategories || order.size() == kMaxChartCategories) {
      shares.labels.push_back(counts.labels[i]);
      shares.reference.push_back(Share(counts.reference[i], reference_total));
      shares.current.push_back(Share(counts.current[i], current_total));
    } else {
      other_reference += Share(counts.reference[i], reference_total);
      other_current += Share(counts.current[i], current_total);
    }
  }
  if (order.size() > kMaxChartCategories) {
    shares.labels.push_back("other (" + std::to_string(order.size() - kMaxChartCategories + 1) +
                            " categories)");
    shares.reference.push_back(other_reference);
    shares.current.push_back(other_current);
  }
  return shares;
}

double Severity(const ColumnDrift& column) {
  if (IsPValueTest(column.test))
    return column.threshold / std::max(column.score, std::numeric_limits<double>::min());
  return column.threshold > 0 ? column.score / column.threshold
                              : std::numeric_limits<double>::infinity();
}

Status CheckTestFits(const std::string& column, DriftTest test, bool numeric_values) {
  bool numeric_only =
      test == DriftTest::kKs || test == DriftTest::kWasserstein || test == DriftTest::kPsi;
  if (numeric_only && !numeric_values)
    return Status::InvalidArgument("the policy asks for " + std::string(DriftTestName(test)) +
                                   " on column '" + column +
                                   "', which is categorical (use chi2 or jensen_shannon)");
  return Status::Ok();
}

// Both sides' counts over the union of their distinct values, for calibration; nullopt when a
// side is a sketch, whose weights are not rows.
std::optional<PooledCells> NumericCells(const NumericDistribution& reference,
                                        const NumericDistribution& current) {
  if (!reference.exact || !current.exact)
    return std::nullopt;
  PooledCells cells;
  size_t r = 0, c = 0;
  auto count_at = [](const NumericDistribution& side, size_t i) {
    return static_cast<uint64_t>(
        std::llround(side.cumulative[i] - (i == 0 ? 0.0 : side.cumulative[i - 1])));
  };
  while (r < reference.values.size() || c < current.values.size()) {
    const double rv =
        r < reference.values.size() ? reference.values[r] : std::numeric_limits<double>::infinity();
    const double cv =
        c < current.values.size() ? current.values[c] : std::numeric_limits<double>::infinity();
    const double value = std::min(rv, cv);
    cells.values.push_back(value);
    cells.reference.push_back(rv == value ? count_at(reference, r++) : 0);
    cells.current.push_back(cv == value ? count_at(current, c++) : 0);
  }
  // The decile bins of DecileBins: [edge, next edge), outer edges infinite.
  std::vector<double> edges = reference.deciles;
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  cells.bins = edges.size() < 2 ? 1 : static_cast<uint32_t>(edges.size() - 1);
  for (double value : cells.values) {
    uint32_t bin = 0;
    while (bin + 1 < cells.bins && value >= edges[bin + 1])
      ++bin;
    cells.bin_of_cell.push_back(bin);
  }
  return cells;
}

PooledCells CategoryCells(const AlignedCounts& counts) {
  PooledCells cells;
  cells.numeric = false;
  for (size_t i = 0; i < counts.labels.size(); ++i) {
    cells.reference.push_back(static_cast<uint64_t>(std::llround(counts.reference[i])));
    cells.current.push_back(static_cast<uint64_t>(std::llround(counts.current[i])));
  }
  return cells;
}

}  // namespace

Result<ColumnDrift> CompareColumn(ColumnValues reference, ColumnValues current,
                                  uint64_t reference_rows, const DriftPolicy& policy) {
  ColumnDrift drift;
  drift.name = reference.name;
  drift.reference_missing_rate =
      Share(static_cast<double>(reference.missing), static_cast<double>(reference.rows));
  drift.current_missing_rate =
      Share(static_cast<double>(current.missing), static_cast<double>(current.rows));
  drift.numeric = reference.is_numeric() && current.is_numeric();
  const bool small_reference = reference_rows <= policy.small_reference_rows;
  auto policy_entry = policy.columns.find(reference.name);
  const ColumnPolicy* column_policy =
      policy_entry == policy.columns.end() ? nullptr : &policy_entry->second;

  std::optional<AlignedCounts> category_counts;
  std::optional<PooledCells> numeric_cells;
  bool tested_as_numeric = false;
  if (drift.numeric) {
    if (reference.numeric.count() == 0 || current.numeric.count() == 0)
      return Status::FailedPrecondition("no values on " + std::string(reference.numeric.count() == 0
                                                                          ? "the reference side"
                                                                          : "the current side"));
    NumericDistribution r = MakeNumericDistribution(std::move(reference.numeric));
    NumericDistribution c = MakeNumericDistribution(std::move(current.numeric));
    drift.exact = r.exact && c.exact;
    drift.rank_error = std::max(r.rank_error, c.rank_error);
    drift.reference_values = static_cast<uint64_t>(r.total);
    drift.current_values = static_cast<uint64_t>(c.total);
    drift.ks = KsTwoSample(r, c);
    drift.wasserstein = WassersteinDistance(r, c);
    drift.wasserstein_norm = *drift.wasserstein / r.std_population;
    if (r.std_population == 0)
      drift.wasserstein_norm =
          *drift.wasserstein == 0 ? 0.0 : std::numeric_limits<double>::infinity();
    BinnedShares bins = DecileBins(r, c);
    drift.psi = PopulationStabilityIndex(bins);
    drift.js_distance = JensenShannonDistance(bins.reference, bins.current);
    drift.out_of_range_share =
        Share(c.WeightBelow(r.min()) + (c.total - c.WeightAtOrBelow(r.max())), c.total);
    tested_as_numeric = DistinctInUnion(r, c, policy.categorical_distinct_values) >
                        policy.categorical_distinct_values;
    if (policy.calibrate)
      numeric_cells = NumericCells(r, c);
    if (tested_as_numeric) {
      drift.distribution = std::move(bins);
    } else {
      category_counts = AlignValues(r, c);
      drift.chi2 = ChiSquareTwoRows(category_counts->reference, category_counts->current);
      drift.distribution = ChartShares(*category_counts);
    }
  } else {
    if (!reference.is_numeric() && current.is_numeric())
      return Status::FailedPrecondition("categorical in the reference but numeric now");
    if (reference.is_numeric() && !current.is_numeric())
      return Status::FailedPrecondition("numeric in the reference but not numeric now");
    category_counts = Align(LabelCounts(reference), LabelCounts(current));
    drift.chi2 = ChiSquareTwoRows(category_counts->reference, category_counts->current);
    drift.js_distance = JensenShannonDistance(category_counts->reference, category_counts->current);
    double unseen = 0, current_total = 0;
    for (size_t i = 0; i < category_counts->labels.size(); ++i) {
      current_total += category_counts->current[i];
      if (category_counts->reference[i] == 0)
        unseen += category_counts->current[i];
    }
    drift.unseen_share = Share(unseen, current_total);
    drift.reference_values = reference.rows;
    drift.current_values = current.rows;
    drift.distribution = ChartShares(*category_counts);
  }

  DriftTest test;
  if (tested_as_numeric)
    test = small_reference ? DriftTest::kKs : DriftTest::kWasserstein;
  else
    test = small_reference ? DriftTest::kChiSquare : DriftTest::kJensenShannon;
  if (column_policy && column_policy->test) {
    test = *column_policy->test;
    STEWARD_RETURN_IF_ERROR(CheckTestFits(reference.name, test, drift.numeric));
  }
  drift.test = test;
  drift.threshold = column_policy && column_policy->threshold ? *column_policy->threshold
                                                              : DefaultThreshold(test);
  switch (test) {
    case DriftTest::kKs:
      drift.score = drift.ks->p_value;
      break;
    case DriftTest::kWasserstein:
      drift.score = *drift.wasserstein_norm;
      break;
    case DriftTest::kPsi:
      drift.score = *drift.psi;
      break;
    case DriftTest::kChiSquare:
      if (!drift.chi2)  // a numeric column with many values, asked for chi-square by value
        return Status::InvalidArgument("the policy asks for chi2 on numeric column '" +
                                       reference.name + "', which has more than " +
                                       std::to_string(policy.categorical_distinct_values) +
                                       " distinct values (use ks, wasserstein or psi)");
      drift.score = drift.chi2->p_value;
      break;
    case DriftTest::kJensenShannon:
      drift.score =
          category_counts && drift.numeric
              ? JensenShannonDistance(category_counts->reference, category_counts->current)
              : drift.js_distance;
      break;
  }
  drift.drift = IsPValueTest(test) ? drift.score < drift.threshold : drift.score >= drift.threshold;
  // Numeric tests permute values; chi-square, and Jensen–Shannon over few distinct values,
  // permute categories. A sketched side has weights, not rows, and is not calibrated.
  const bool by_category =
      test == DriftTest::kChiSquare || (test == DriftTest::kJensenShannon && category_counts);
  std::optional<PooledCells> cells;
  if (policy.calibrate && drift.exact)
    cells = by_category ? std::optional<PooledCells>(CategoryCells(*category_counts))
                        : std::move(numeric_cells);
  if (cells) {
    // A seed per column, so a column's verdict does not depend on which others are compared.
    const uint64_t seed = policy.calibration_seed ^ std::hash<std::string>{}(drift.name);
    drift.calibration =
        CalibrateColumn(test, *cells, policy.calibration_rounds, policy.calibration_fdr, seed);
  }
  return drift;
}

namespace {

void AddQualityAlerts(const ColumnDrift& column, const DriftPolicy& policy,
                      std::vector<Alert>& alerts) {
  auto percent = [](double share) { return FormatNumber(100 * share) + "%"; };
  if (column.current_missing_rate - column.reference_missing_rate > policy.missing_rate_increase)
    alerts.push_back({"data_quality", column.name,
                      "missing values rose from " + percent(column.reference_missing_rate) +
                          " to " + percent(column.current_missing_rate)});
  if (column.out_of_range_share && *column.out_of_range_share > policy.out_of_range_share)
    alerts.push_back(
        {"data_quality", column.name,
         percent(*column.out_of_range_share) + " of values lie outside the reference's range"});
  if (column.unseen_share && *column.unseen_share > policy.unseen_category_share)
    alerts.push_back({"data_quality", column.name,
                      percent(*column.unseen_share) + " of values are categories the reference "
                                                      "never had"});
}

std::string DriftMessage(const ColumnDrift& column) {
  std::string test(DriftTestName(column.test));
  if (IsPValueTest(column.test))
    return test + " p-value " + FormatNumber(column.score) + " < " + FormatNumber(column.threshold);
  return test + " " + FormatNumber(column.score) + " >= " + FormatNumber(column.threshold);
}

}  // namespace

Result<DriftReport> CompareColumns(std::vector<ColumnValues> reference,
                                   std::vector<ColumnValues> current, uint64_t reference_rows,
                                   const DriftPolicy& policy) {
  DriftReport report;
  report.dataset.threshold = policy.dataset_drift_share;
  std::map<std::string, ColumnValues*> current_by_name;
  for (ColumnValues& column : current)
    current_by_name[column.name] = &column;
  std::vector<std::string> reference_names;
  for (const ColumnValues& column : reference)
    reference_names.push_back(column.name);
  // Columns are independent; each sorts up to millions of values, so they go to the pool.
  struct Pending {
    std::string name;
    std::future<Result<ColumnDrift>> drift;
  };
  std::vector<Pending> pending;
  {
    ThreadPool pool(std::max(1u, std::thread::hardware_concurrency()));
    for (ColumnValues& column : reference) {
      auto policy_entry = policy.columns.find(column.name);
      if (policy_entry != policy.columns.end() && policy_entry->second.ignore) {
        report.notes.push_back("column '" + column.name + "' ignored by the policy");
        continue;
      }
      auto found = current_by_name.find(column.name);
      if (found == current_by_name.end()) {
        report.notes.push_back("column '" + column.name + "' is not in the current data");
        report.alerts.push_back(
            {"data_quality", column.name, "column missing from the current data"});
        continue;
      }
      pending.push_back({column.name, pool.Submit([reference_column = std::move(column),
                                                   current_column = std::move(*found->second),
                                                   reference_rows, &policy]() mutable {
                           return CompareColumn(std::move(reference_column),
                                                std::move(current_column), reference_rows, policy);
                         })});
    }
    for (Pending& entry : pending) {
      Result<ColumnDrift> drift = entry.drift.get();
      if (!drift.ok()) {
        if (drift.status().code() != StatusCode::kFailedPrecondition)
          return drift.status();
        report.notes.push_back("column '" + entry.name +
                               "' not tested: " + drift.status().message());
        continue;
      }
      AddQualityAlerts(*drift, policy, report.alerts);
      report.columns.push_back(std::move(drift).value());
    }
  }
  for (const auto& [name, column] : current_by_name) {
    (void)column;
    bool known =
        std::find(reference_names.begin(), reference_names.end(), name) != reference_names.end();
    if (!known)
      report.notes.push_back("column '" + name + "' is not in the reference; not tested");
  }
  std::stable_sort(report.columns.begin(), report.columns.end(),
                   [](const ColumnDrift& a, const ColumnDrift& b) {
                     if (a.drift != b.drift)
                       return a.drift;
                     return Severity(a) > Severity(b);
                   });
  report.dataset.columns = report.columns.size();
  for (const ColumnDrift& column : report.columns)
    report.dataset.drifted += column.drift ? 1 : 0;
  if (policy.calibrate) {
    std::vector<Calibration*> calibrations;
    for (ColumnDrift& column : report.columns) {
      if (column.calibration)
        calibrations.push_back(&*column.calibration);
      else
        report.notes.push_back("column '" + column.name +
                               "' not calibrated: a side is a sketch (a saved profile, or more "
                               "values than --exact-limit), not rows");
    }
    AdjustBenjaminiHochberg(calibrations, policy.calibration_fdr);
    report.dataset.calibrated = calibrations.size();
    for (const Calibration* calibration : calibrations)
      report.dataset.calibrated_drifted += calibration->drift ? 1 : 0;
  }
  report.dataset.share = Share(static_cast<double>(report.dataset.drifted),
                               static_cast<double>(report.dataset.columns));
  report.dataset.drift =
      report.dataset.columns > 0 && report.dataset.share >= policy.dataset_drift_share;
  std::vector<Alert> drift_alerts;
  if (report.dataset.drift)
    drift_alerts.push_back({"dataset_drift", "",
                            std::to_string(report.dataset.drifted) + " of " +
                                std::to_string(report.dataset.columns) + " columns drifted (" +
                                FormatNumber(100 * report.dataset.share) +
                                "% >= " + FormatNumber(100 * policy.dataset_drift_share) + "%)"});
  if (policy.alert_on_column_drift)
    for (const ColumnDrift& column : report.columns)
      if (column.drift)
        drift_alerts.push_back({"drift", column.name, DriftMessage(column)});
  report.alerts.insert(report.alerts.begin(), drift_alerts.begin(), drift_alerts.end());
  return report;
}

namespace {

nlohmann::json Number(double x) {
  return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json ColumnDriftJson(const ColumnDrift& column) {
  nlohmann::json json = {
      {"name", column.name},
      {"kind", column.numeric ? "numeric" : "categorical"},
      {"test", DriftTestName(column.test)},
      {"score", Number(column.score)},
      {"threshold", column.threshold},
      {"drift", column.drift},
  };
  if (column.ks) {
    json["ks_statistic"] = column.ks->statistic;
    json["ks_pvalue"] = column.ks->p_value;
    json["ks_pvalue_method"] = column.ks->exact_p_value ? "exact" : "asymptotic";
  }
  if (column.wasserstein) {
    json["wasserstein"] = Number(*column.wasserstein);
    json["wasserstein_norm"] = Number(*column.wasserstein_norm);
  }
  if (column.psi)
    json["psi"] = Number(*column.psi);
  json["js_distance"] = Number(column.js_distance);
  if (column.chi2) {
    json["chi2"] = Number(column.chi2->statistic);
    json["chi2_pvalue"] = Number(column.chi2->p_value);
    json["chi2_dof"] = column.chi2->degrees_of_freedom;
  }
  if (column.unseen_share)
    json["unseen_share"] = *column.unseen_share;
  if (column.out_of_range_share)
    json["out_of_range_share"] = *column.out_of_range_share;
  json["missing_rate"] = {{"reference", column.reference_missing_rate},
                          {"current", column.current_missing_rate}};
  json["values"] = {{"reference", column.reference_values}, {"current", column.current_values}};
  json["exact"] = column.exact;
  if (!column.exact)
    json["rank_error"] = column.rank_error;
  if (column.calibration) {
    const Calibration& calibration = *column.calibration;
    json["calibration"] = {{"rounds", calibration.rounds},
                           {"statistic", Number(calibration.statistic)},
                           {"null_threshold", Number(calibration.null_threshold)},
                           {"p_value", calibration.p_value},
                           {"p_adjusted", calibration.p_adjusted},
                           {"drift", calibration.drift}};
  }
  json["distribution"] = {{"bins", column.distribution.labels},
                          {"reference", column.distribution.reference},
                          {"current", column.distribution.current}};
  return json;
}

}  // namespace steward::monitor
