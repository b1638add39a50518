#include "steward/fairness/audit.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <future>

#include "steward/core/numpy_quantile.h"
#include "steward/core/thread_pool.h"
#include "steward/fairness/auc_sweep.h"
#include "steward/fairness/resample.h"

namespace steward::fairness {
namespace {

// Regression statistics kept per combined group: rows, then sums of target, prediction,
// absolute error and squared error.
constexpr size_t kRegressionSums = 5;

double Ratio(double numerator, double denominator) {
  return denominator != 0 ? numerator / denominator : kUndefined;
}

// The names of what is estimated, by task.
struct Layout {
  std::vector<std::string> metrics;  // per group
  std::vector<std::string> ratios;   // per group, against the reference group
  std::vector<std::string> summary;  // per attribute
  std::string ratio_summary;         // the ratio the band bounds, in summary names
};

Layout MakeLayout(const AuditData& data) {
  Layout layout;
  switch (data.task) {
    case AuditTask::kBinary:
      layout.metrics = {"base_rate", "selection_rate", "tpr",     "fpr",
                        "fnr",       "precision",      "accuracy"};
      if (!data.scores.empty())
        layout.metrics.push_back("auc");
      layout.ratios = {"disparate_impact"};
      layout.summary = {"dp_difference", "dp_ratio", "tpr_difference", "fpr_difference",
                        "eo_difference", "eo_ratio", "eop_difference"};
      layout.ratio_summary = "disparate_impact";
      break;
    case AuditTask::kMulticlass:
      layout.metrics = {"accuracy"};
      for (const std::string& label : data.classes)
        layout.metrics.push_back("base_rate[" + label + "]");
      for (const std::string& label : data.classes) {
        layout.metrics.push_back("selection_rate[" + label + "]");
        layout.ratios.push_back("disparate_impact[" + label + "]");
      }
      layout.summary = {"accuracy_difference"};
      for (const std::string& label : data.classes) {
        layout.summary.push_back("dp_difference[" + label + "]");
        layout.summary.push_back("dp_ratio[" + label + "]");
      }
      layout.ratio_summary = "disparate_impact";
      break;
    case AuditTask::kRegression:
      layout.metrics = {"mean_target", "mean_prediction", "mae", "rmse"};
      layout.ratios = {"mean_prediction_ratio"};
      layout.summary = {"mean_prediction_difference", "mean_prediction_ratio", "mae_difference",
                        "rmse_difference"};
      layout.ratio_summary = "mean_prediction_ratio";
      break;
  }
  layout.summary.push_back("min_" + layout.ratio_summary);
  layout.summary.push_back("max_" + layout.ratio_summary);
  return layout;
}

size_t IndexOf(const std::vector<std::string>& names, const std::string& name) {
  return static_cast<size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

// Everything estimated, as one flat vector per resample: group metrics, then group ratios,
// then attribute summaries. The same code computes the point estimates and every resample.
class Estimator {
 public:
  Estimator(const AuditData& data, const Grouping& grouping, const Layout& layout)
      : data_(data), grouping_(grouping), layout_(layout) {
    classes_ = data.task == AuditTask::kRegression ? 0 : data.classes.size();
    cells_per_group_ = classes_ == 0 ? kRegressionSums : classes_ * classes_;
    for (const Attribute& attribute : grouping.attributes) {
      first_slot_.push_back(slots_);
      slots_ += attribute.groups.size();
    }
    slots_of_combined_.resize(grouping.combined_groups * grouping.attributes.size());
    for (size_t combined = 0; combined < grouping.combined_groups; ++combined) {
      for (size_t a = 0; a < grouping.attributes.size(); ++a) {
        slots_of_combined_[combined * grouping.attributes.size() + a] = static_cast<uint32_t>(
            first_slot_[a] + grouping.attributes[a].group_of_combined[combined]);
      }
    }
  }

  size_t slots() const { return slots_; }
  size_t first_slot(size_t attribute) const { return first_slot_[attribute]; }
  size_t cells_per_group() const { return cells_per_group_; }
  std::span<const uint32_t> slots_of_combined() const { return slots_of_combined_; }
  size_t metric_index(size_t slot, size_t metric) const {
    return slot * layout_.metrics.size() + metric;
  }
  size_t ratio_index(size_t slot, size_t ratio) const {
    return slots_ * layout_.metrics.size() + slot * layout_.ratios.size() + ratio;
  }
  size_t summary_index(size_t attribute, size_t entry) const {
    return slots_ * (layout_.metrics.size() + layout_.ratios.size()) +
           attribute * layout_.summary.size() + entry;
  }
  size_t size() const { return summary_index(grouping_.attributes.size(), 0); }

  // Which groups enter summaries, and each attribute's reference slot; set from the full data.
  void SetComparison(std::vector<uint8_t> compared, std::vector<size_t> reference_slot) {
    compared_ = std::move(compared);
    reference_slot_ = std::move(reference_slot);
  }

  // Per combined group, its cell counts (classification: [label * k + predicted]) or sums.
  std::vector<double> CombinedCells() const {
    std::vector<double> cells(grouping_.combined_groups * cells_per_group_, 0);
    const std::vector<uint32_t>& combined = grouping_.combined_of_row;
    for (size_t row = 0; row < data_.rows(); ++row) {
      double* group = &cells[combined[row] * cells_per_group_];
      if (classes_ > 0) {
        group[static_cast<size_t>(data_.labels[row]) * classes_ +
              static_cast<size_t>(data_.predicted[row])] += 1;
      } else {
        AddRegressionRow(group, row, 1);
      }
    }
    return cells;
  }

  void AddRegressionRow(double* sums, size_t row, double weight) const {
    const double error = data_.predictions[row] - data_.targets[row];
    sums[0] += weight;
    sums[1] += weight * data_.targets[row];
    sums[2] += weight * data_.predictions[row];
    sums[3] += weight * std::abs(error);
    sums[4] += weight * error * error;
  }

  std::vector<double> Estimate(std::span<const double> combined_cells,
                               std::span<const double> aucs) const {
    std::vector<double> group_cells(slots_ * cells_per_group_, 0);
    const size_t attributes = grouping_.attributes.size();
    for (size_t combined = 0; combined < grouping_.combined_groups; ++combined) {
      const double* source = &combined_cells[combined * cells_per_group_];
      for (size_t a = 0; a < attributes; ++a) {
        double* target =
            &group_cells[slots_of_combined_[combined * attributes + a] * cells_per_group_];
        for (size_t cell = 0; cell < cells_per_group_; ++cell)
          target[cell] += source[cell];
      }
    }
    std::vector<double> values(size(), kUndefined);
    for (size_t slot = 0; slot < slots_; ++slot) {
      GroupMetrics(&group_cells[slot * cells_per_group_], aucs.empty() ? kUndefined : aucs[slot],
                   &values[metric_index(slot, 0)]);
    }
    if (!reference_slot_.empty()) {
      for (size_t a = 0; a < attributes; ++a)
        Summaries(a, values);
    }
    return values;
  }

 private:
  void GroupMetrics(const double* cells, double auc, double* out) const {
    if (data_.task == AuditTask::kRegression) {
      const double n = cells[0];
      out[0] = Ratio(cells[1], n);
      out[1] = Ratio(cells[2], n);
      out[2] = Ratio(cells[3], n);
      out[3] = n > 0 ? std::sqrt(cells[4] / n) : kUndefined;
      return;
    }
    const size_t k = classes_;
    double n = 0;
    for (size_t cell = 0; cell < k * k; ++cell)
      n += cells[cell];
    if (data_.task == AuditTask::kBinary) {
      const double tn = cells[0], fp = cells[1], fn = cells[2], tp = cells[3];
      out[0] = Ratio(tp + fn, n);
      out[1] = Ratio(tp + fp, n);
      out[2] = Ratio(tp, tp + fn);
      out[3] = Ratio(fp, fp + tn);
      out[4] = Ratio(fn, tp + fn);
      out[5] = Ratio(tp, tp + fp);
      out[6] = Ratio(tp + tn, n);
      if (!data_.scores.empty())
        out[7] = auc;
      return;
    }
    double correct = 0;
    for (size_t c = 0; c < k; ++c)
      correct += cells[c * k + c];
    out[0] = Ratio(correct, n);
    for (size_t c = 0; c < k; ++c) {
      double labelled = 0, selected = 0;
      for (size_t other = 0; other < k; ++other) {
        labelled += cells[c * k + other];
        selected += cells[other * k + c];
      }
      out[1 + c] = Ratio(labelled, n);
      out[1 + k + c] = Ratio(selected, n);
    }
  }

  // max - min and min / max of one metric over the compared groups of an attribute.
  std::pair<double, double> Spread(size_t attribute, size_t metric,
                                   std::span<const double> values) const {
    double low = INFINITY, high = -INFINITY;
    for (size_t g = 0; g < grouping_.attributes[attribute].groups.size(); ++g) {
      const size_t slot = first_slot_[attribute] + g;
      const double value = values[metric_index(slot, metric)];
      if (!compared_[slot] || std::isnan(value))
        continue;
      low = std::min(low, value);
      high = std::max(high, value);
    }
    if (low > high)
      return {kUndefined, kUndefined};
    return {high - low, Ratio(low, high)};
  }

  // The metric each ratio divides, by task.
  size_t RatioMetric(size_t ratio) const {
    switch (data_.task) {
      case AuditTask::kBinary:
        return IndexOf(layout_.metrics, "selection_rate");
      case AuditTask::kMulticlass:
        return 1 + classes_ + ratio;
      case AuditTask::kRegression:
        return IndexOf(layout_.metrics, "mean_prediction");
    }
    return 0;
  }

  void Summaries(size_t a, std::vector<double>& values) const {
    const size_t reference = reference_slot_[a];
    double low_ratio = INFINITY, high_ratio = -INFINITY;
    for (size_t g = 0; g < grouping_.attributes[a].groups.size(); ++g) {
      const size_t slot = first_slot_[a] + g;
      for (size_t r = 0; r < layout_.ratios.size(); ++r) {
        const size_t metric = RatioMetric(r);
        const double ratio =
            Ratio(values[metric_index(slot, metric)], values[metric_index(reference, metric)]);
        values[ratio_index(slot, r)] = ratio;
        if (compared_[slot] && slot != reference && !std::isnan(ratio)) {
          low_ratio = std::min(low_ratio, ratio);
          high_ratio = std::max(high_ratio, ratio);
        }
      }
    }
    double* out = &values[summary_index(a, 0)];
    size_t entry = 0;
    auto put_spread = [&](size_t metric) {
      const auto [difference, ratio] = Spread(a, metric, values);
      out[entry++] = difference;
      out[entry++] = ratio;
      return std::pair{difference, ratio};
    };
    switch (data_.task) {
      case AuditTask::kBinary: {
        put_spread(1);  // selection rate: demographic parity
        const auto [tpr_difference, tpr_ratio] = Spread(a, 2, values);
        const auto [fpr_difference, fpr_ratio] = Spread(a, 3, values);
        out[entry++] = tpr_difference;
        out[entry++] = fpr_difference;
        out[entry++] = std::fmax(tpr_difference, fpr_difference);  // NaN only if both are
        out[entry++] = std::fmin(tpr_ratio, fpr_ratio);
        out[entry++] = tpr_difference;
        break;
      }
      case AuditTask::kMulticlass:
        out[entry++] = Spread(a, 0, values).first;
        for (size_t c = 0; c < classes_; ++c)
          put_spread(1 + classes_ + c);
        break;
      case AuditTask::kRegression:
        put_spread(1);
        out[entry++] = Spread(a, 2, values).first;
        out[entry++] = Spread(a, 3, values).first;
        break;
    }
    out[entry++] = low_ratio <= high_ratio ? low_ratio : kUndefined;
    out[entry++] = low_ratio <= high_ratio ? high_ratio : kUndefined;
  }

  const AuditData& data_;
  const Grouping& grouping_;
  const Layout& layout_;
  size_t classes_ = 0;
  size_t cells_per_group_ = 0;
  size_t slots_ = 0;
  std::vector<size_t> first_slot_;
  std::vector<uint32_t> slots_of_combined_;
  std::vector<uint8_t> compared_;
  std::vector<size_t> reference_slot_;
};

uint64_t ResampleSeed(uint64_t seed, size_t resample) {
  FastRandom mix(seed ^ (0xd1b54a32d192ed03ULL * (resample + 1)));
  return mix();
}

// Draws resamples of the rows, with replacement, and estimates everything on each. Counts per
// cell (combined group x label x prediction) are drawn as one multinomial; only when a
// statistic needs the rows themselves (AUC, regression errors) are rows picked within cells.
class Bootstrap {
 public:
  Bootstrap(const AuditData& data, const Grouping& grouping, const Estimator& estimator,
            size_t resamples)
      : data_(data), grouping_(grouping), estimator_(estimator) {
    const bool regression = data.task == AuditTask::kRegression;
    cells_per_combined_ = regression ? 1 : estimator.cells_per_group();
    const size_t cells = grouping.combined_groups * cells_per_combined_;
    // Rows grouped by cell (counting sort), as score positions when AUC needs them.
    if (!data.scores.empty())
      order_ = SortByScore(data.scores, data.labels, grouping.combined_of_row);
    cell_start_.assign(cells + 1, 0);
    for (size_t row = 0; row < data.rows(); ++row)
      ++cell_start_[CellOf(row) + 1];
    for (size_t cell = 0; cell < cells; ++cell)
      cell_start_[cell + 1] += cell_start_[cell];
    counts_.resize(cells);
    for (size_t cell = 0; cell < cells; ++cell)
      counts_[cell] = cell_start_[cell + 1] - cell_start_[cell];
    if (needs_rows() && resamples > 0) {
      members_.resize(data.rows());
      std::vector<uint64_t> next(cell_start_.begin(), cell_start_.end() - 1);
      for (size_t row = 0; row < data.rows(); ++row) {
        members_[next[CellOf(row)]++] =
            static_cast<uint32_t>(order_.scores.empty() ? row : order_.position_of_row[row]);
      }
    }
  }

  const ScoreOrder& order() const { return order_; }

  // Estimates of resample `index`.
  std::vector<double> Resample(size_t index, std::vector<uint32_t>& weights) const {
    FastRandom random(ResampleSeed(seed_, index));
    const std::vector<uint64_t> drawn = DrawMultinomial(counts_, random);
    const size_t per_group = estimator_.cells_per_group();
    std::vector<double> cells(grouping_.combined_groups * per_group, 0);
    std::vector<double> aucs;
    if (data_.task == AuditTask::kRegression) {
      for (size_t cell = 0; cell < drawn.size(); ++cell) {
        for (uint64_t pick = 0; pick < drawn[cell]; ++pick)
          estimator_.AddRegressionRow(&cells[cell * per_group], PickMember(cell, random), 1);
      }
    } else {
      for (size_t cell = 0; cell < drawn.size(); ++cell)
        cells[cell] = static_cast<double>(drawn[cell]);
      if (!order_.scores.empty()) {
        std::fill(weights.begin(), weights.end(), 0);
        for (size_t cell = 0; cell < drawn.size(); ++cell) {
          for (uint64_t pick = 0; pick < drawn[cell]; ++pick)
            ++weights[PickMember(cell, random)];
        }
        aucs = GroupAucs(order_, weights, estimator_.slots_of_combined(),
                         grouping_.attributes.size(), estimator_.slots());
      }
    }
    return estimator_.Estimate(cells, aucs);
  }

  void set_seed(uint64_t seed) { seed_ = seed; }

 private:
  bool needs_rows() const { return data_.task == AuditTask::kRegression || !data_.scores.empty(); }
  size_t CellOf(size_t row) const {
    const size_t combined = grouping_.combined_of_row[row];
    if (data_.task == AuditTask::kRegression)
      return combined;
    const size_t k = data_.classes.size();
    return combined * cells_per_combined_ + static_cast<size_t>(data_.labels[row]) * k +
           static_cast<size_t>(data_.predicted[row]);
  }
  uint32_t PickMember(size_t cell, FastRandom& random) const {
    return members_[cell_start_[cell] + random.Below(counts_[cell])];
  }

  const AuditData& data_;
  const Grouping& grouping_;
  const Estimator& estimator_;
  size_t cells_per_combined_ = 1;
  ScoreOrder order_;
  std::vector<uint64_t> cell_start_;
  std::vector<uint64_t> counts_;
  std::vector<uint32_t> members_;
  uint64_t seed_ = 0;
};

// Percentile intervals of every estimate over the resamples (numpy's linear percentiles).
std::vector<std::pair<double, double>> Intervals(const std::vector<std::vector<double>>& resamples,
                                                 size_t size, double confidence) {
  std::vector<std::pair<double, double>> intervals(size, {kUndefined, kUndefined});
  std::vector<double> values;
  for (size_t index = 0; index < size; ++index) {
    values.clear();
    for (const std::vector<double>& resample : resamples) {
      if (!std::isnan(resample[index]))
        values.push_back(resample[index]);
    }
    if (values.empty() || values.size() * 2 < resamples.size())
      continue;
    std::sort(values.begin(), values.end());
    const double tail = (1 - confidence) / 2;
    intervals[index] = {NumpyQuantileOfSorted(values, tail),
                        NumpyQuantileOfSorted(values, 1 - tail)};
  }
  return intervals;
}

std::string Format(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", value);
  return text;
}

Status CheckData(const AuditData& data, const Grouping& grouping) {
  const size_t rows = data.rows();
  if (rows == 0)
    return Status::InvalidArgument("no row has a target to audit against");
  if (grouping.combined_of_row.size() != rows)
    return Status::Internal("audit: grouping and predictions differ in rows");
  if (data.task == AuditTask::kRegression) {
    if (data.predictions.size() != rows)
      return Status::Internal("audit: predictions and targets differ in rows");
    return Status::Ok();
  }
  const size_t k = data.classes.size();
  if (k < 2 || (data.task == AuditTask::kBinary && k != 2) || data.predicted.size() != rows ||
      (!data.scores.empty() && data.scores.size() != rows)) {
    return Status::Internal("audit: inconsistent classification data");
  }
  for (size_t row = 0; row < rows; ++row) {
    if (data.labels[row] < 0 || static_cast<size_t>(data.labels[row]) >= k ||
        data.predicted[row] < 0 || static_cast<size_t>(data.predicted[row]) >= k) {
      return Status::Internal("audit: a class index is out of range");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<FairnessReport> Audit(const AuditData& data, const Grouping& grouping,
                             const AuditOptions& options) {
  STEWARD_RETURN_IF_ERROR(CheckData(data, grouping));
  if (!(options.confidence > 0 && options.confidence < 1))
    return Status::InvalidArgument("the confidence level must lie between 0 and 1");
  if (!(options.band_low > 0 && options.band_low <= 1 && options.band_high >= 1))
    return Status::InvalidArgument("the band must satisfy 0 < low <= 1 <= high");
  const Layout layout = MakeLayout(data);
  Estimator estimator(data, grouping, layout);
  Bootstrap bootstrap(data, grouping, estimator, options.bootstrap);
  bootstrap.set_seed(options.seed);

  const std::vector<double> combined_cells = estimator.CombinedCells();
  std::vector<double> aucs;
  if (!data.scores.empty()) {
    aucs = GroupAucs(bootstrap.order(), {}, estimator.slots_of_combined(),
                     grouping.attributes.size(), estimator.slots());
  }
  // Group sizes, then which groups are compared and each attribute's reference.
  std::vector<uint64_t> sizes(estimator.slots(), 0);
  for (size_t combined = 0; combined < grouping.combined_groups; ++combined) {
    uint64_t rows = 0;
    for (size_t cell = 0; cell < estimator.cells_per_group(); ++cell) {
      if (data.task != AuditTask::kRegression || cell == 0)
        rows +=
            static_cast<uint64_t>(combined_cells[combined * estimator.cells_per_group() + cell]);
    }
    for (size_t a = 0; a < grouping.attributes.size(); ++a)
      sizes[estimator.slots_of_combined()[combined * grouping.attributes.size() + a]] += rows;
  }
  std::vector<uint8_t> compared(estimator.slots());
  for (size_t slot = 0; slot < compared.size(); ++slot)
    compared[slot] = sizes[slot] >= options.min_group_size;
  std::vector<size_t> reference_slot;
  for (size_t a = 0; a < grouping.attributes.size(); ++a) {
    const Attribute& attribute = grouping.attributes[a];
    const size_t first = estimator.first_slot(a);
    size_t reference = first;
    const auto named =
        std::find(attribute.groups.begin(), attribute.groups.end(), options.reference_group);
    if (!options.reference_group.empty() && named != attribute.groups.end()) {
      reference = first + static_cast<size_t>(named - attribute.groups.begin());
      if (!compared[reference]) {
        return Status::InvalidArgument(
            "reference group '" + options.reference_group + "' of '" + attribute.name + "' has " +
            std::to_string(sizes[reference]) + " rows, fewer than --min-group-size " +
            std::to_string(options.min_group_size));
      }
    } else {
      for (size_t g = 1; g < attribute.groups.size(); ++g) {
        if (sizes[first + g] > sizes[reference])
          reference = first + g;
      }
    }
    reference_slot.push_back(reference);
  }
  estimator.SetComparison(compared, reference_slot);
  const std::vector<double> point = estimator.Estimate(combined_cells, aucs);

  std::vector<std::vector<double>> resamples(options.bootstrap);
  if (options.bootstrap > 0) {
    const unsigned threads = std::min<unsigned>(ResolveThreadCount(options.threads),
                                                static_cast<unsigned>(options.bootstrap));
    ThreadPool pool(threads);
    std::vector<std::future<void>> done;
    for (unsigned worker = 0; worker < threads; ++worker) {
      done.push_back(pool.Submit([&, worker] {
        std::vector<uint32_t> weights(data.scores.empty() ? 0 : data.rows());
        for (size_t index = worker; index < options.bootstrap; index += threads)
          resamples[index] = bootstrap.Resample(index, weights);
      }));
    }
    for (std::future<void>& finished : done)
      finished.get();
  }
  const auto intervals = Intervals(resamples, estimator.size(), options.confidence);
  auto estimate = [&](size_t index) {
    return Estimate{point[index], intervals[index].first, intervals[index].second};
  };

  FairnessReport report;
  report.task = data.task;
  report.classes = data.classes;
  report.rows = data.rows();
  report.options = options;
  for (size_t a = 0; a < grouping.attributes.size(); ++a) {
    const Attribute& attribute = grouping.attributes[a];
    AttributeResult result;
    result.name = attribute.name;
    result.columns = attribute.columns;
    result.reference_group = attribute.groups[reference_slot[a] - estimator.first_slot(a)];
    for (size_t g = 0; g < attribute.groups.size(); ++g) {
      const size_t slot = estimator.first_slot(a) + g;
      GroupResult group{attribute.groups[g], sizes[slot], !compared[slot], {}, {}};
      for (size_t m = 0; m < layout.metrics.size(); ++m)
        group.metrics.push_back({layout.metrics[m], estimate(estimator.metric_index(slot, m))});
      for (size_t r = 0; r < layout.ratios.size(); ++r) {
        const Estimate ratio = estimate(estimator.ratio_index(slot, r));
        group.ratios.push_back({layout.ratios[r], ratio});
        if (group.small || slot == reference_slot[a])
          continue;
        if (data.task != AuditTask::kRegression && ratio.value < 0.8)
          result.four_fifths_rule = false;
        if (std::isnan(ratio.value) || ratio.value < options.band_low ||
            ratio.value > options.band_high) {
          std::string why = "group '" + group.name + "': " + layout.ratios[r] + " " +
                            Format(ratio.value) + " against '" + result.reference_group + "'";
          if (!std::isnan(ratio.low)) {
            const bool clear = ratio.high < options.band_low || ratio.low > options.band_high;
            why += " (" + Format(options.confidence * 100) + "% interval " + Format(ratio.low) +
                   "-" + Format(ratio.high) + (clear ? ", entirely outside" : ", overlapping") +
                   " the band)";
          }
          why += std::isnan(ratio.value)          ? ": undefined"
                 : ratio.value < options.band_low ? ": below " + Format(options.band_low)
                                                  : ": above " + Format(options.band_high);
          result.violations.push_back(std::move(why));
        }
      }
      result.groups.push_back(std::move(group));
    }
    for (size_t entry = 0; entry < layout.summary.size(); ++entry)
      result.summary.push_back(
          {layout.summary[entry], estimate(estimator.summary_index(a, entry))});
    result.passed = result.violations.empty();
    report.passed = report.passed && result.passed;
    report.attributes.push_back(std::move(result));
  }
  return report;
}

const Estimate* FindEstimate(const std::vector<NamedEstimate>& estimates, std::string_view name) {
  for (const NamedEstimate& named : estimates) {
    if (named.name == name)
      return &named.estimate;
  }
  return nullptr;
}

}  // namespace steward::fairness
