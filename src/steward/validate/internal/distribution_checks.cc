#include "steward/validate/internal/distribution_checks.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "steward/core/numpy_quantile.h"
#include "steward/validate/internal/expectation_text.h"

namespace steward::validate::internal {
namespace {

class MeanCheck final : public Check {
 public:
  MeanCheck(ColumnRef column, NumberRange range)
      : column_(std::move(column)), range_(std::move(range)) {}

  void Consume(const Table& batch, uint64_t) override {
    for (double value : batch.column(column_.index).numeric()) {
      if (value != value)
        continue;
      // Neumaier's compensated sum: the error stays near one rounding, whatever the count.
      const double total = sum_ + value;
      compensation_ +=
          std::abs(sum_) >= std::abs(value) ? (sum_ - total) + value : (value - total) + sum_;
      sum_ = total;
      ++count_;
    }
  }

  void Finish(uint64_t, std::vector<ExpectationResult>& results) override {
    if (count_ == 0) {
      ExpectationResult result = NewResult(ColumnId(column_.name, "mean"), MeanText(range_), true);
      result.note = "no values";
      results.push_back(std::move(result));
      return;
    }
    // An infinite value makes the sum infinite and the compensation NaN; the mean is then the
    // infinity (or NaN for inf - inf), as numpy.mean gives.
    const double total = std::isfinite(sum_) ? sum_ + compensation_ : sum_;
    const double mean = total / static_cast<double>(count_);
    ExpectationResult result = NewResult(ColumnId(column_.name, "mean"), MeanText(range_),
                                         InRange(mean, range_.min, range_.max));
    result.observed.number = mean;
    results.push_back(std::move(result));
  }

 private:
  ColumnRef column_;
  NumberRange range_;
  double sum_ = 0;
  double compensation_ = 0;
  uint64_t count_ = 0;
};

class DistributionCheck final : public Check {
 public:
  DistributionCheck(ColumnRef column, std::vector<QuantileExpectation> quantiles,
                    std::optional<OutlierExpectation> outliers, size_t examples)
      : column_(std::move(column)),
        quantiles_(std::move(quantiles)),
        outliers_(outliers),
        examples_(examples) {}

  void Consume(const Table& batch, uint64_t) override {
    const auto values = batch.column(column_.index).numeric();
    values_.insert(values_.end(), values.begin(), values.end());
  }

  void Finish(uint64_t, std::vector<ExpectationResult>& results) override {
    std::vector<double> sorted;
    for (double value : values_) {
      if (value == value)
        sorted.push_back(value);
    }
    std::sort(sorted.begin(), sorted.end());
    for (const QuantileExpectation& quantile : quantiles_) {
      ExpectationResult result =
          NewResult(ColumnId(column_.name, QuantileKey(quantile.q)), QuantileText(quantile), true);
      if (sorted.empty()) {
        result.note = "no values";
      } else {
        const double observed = NumpyQuantileOfSorted(sorted, quantile.q);
        result.observed.number = observed;
        if (!InRange(observed, quantile.min, quantile.max))
          result.status = ExpectationStatus::kFailed;
      }
      results.push_back(std::move(result));
    }
    if (outliers_)
      results.push_back(Outliers(std::move(sorted)));
    values_ = {};
  }

 private:
  ExpectationResult Outliers(std::vector<double> sorted) const {
    const bool iqr = outliers_->method == OutlierMethod::kIqr;
    ExpectationResult result =
        NewResult(ColumnId(column_.name, "max_outlier_rate"), OutlierText(*outliers_), true);
    if (sorted.empty()) {
      result.note = "no values";
      return result;
    }
    // Both methods flag x when it lies outside [low, high] or, for MAD, farther than
    // `threshold` from the median.
    double low = 0;
    double high = 0;
    double median = 0;
    double threshold = 0;
    if (iqr) {
      const double q1 = NumpyQuantileOfSorted(sorted, 0.25);
      const double q3 = NumpyQuantileOfSorted(sorted, 0.75);
      low = q1 - 1.5 * (q3 - q1);
      high = q3 + 1.5 * (q3 - q1);
      result.note = "fences [" + FormatNumber(low) + ", " + FormatNumber(high) + "]";
    } else {
      median = NumpyQuantileOfSorted(sorted, 0.5);
      for (double& value : sorted)
        value = std::abs(value - median);
      std::sort(sorted.begin(), sorted.end());
      const double mad = NumpyQuantileOfSorted(sorted, 0.5);
      threshold = 3.5 * 1.4826 * mad;
      result.note = "median " + FormatNumber(median) + ", MAD " + FormatNumber(mad);
    }
    const size_t count = sorted.size();
    FailureLog log(examples_);
    for (size_t row = 0; row < values_.size(); ++row) {
      const double value = values_[row];
      if (value != value)
        continue;
      const bool outlier =
          iqr ? (value < low || value > high) : std::abs(value - median) > threshold;
      if (outlier) {
        if (FailingRow* example = log.Add(row))
          example->values.emplace_back(column_.name, FormatNumber(value));
      }
    }
    const double rate = static_cast<double>(log.count()) / static_cast<double>(count);
    result.observed.number = rate;
    result.note += "; " + std::to_string(log.count()) + " outliers of " + std::to_string(count);
    if (rate > outliers_->max_rate) {
      result.status = ExpectationStatus::kFailed;
      log.MoveTo(result);
    }
    return result;
  }

  ColumnRef column_;
  std::vector<QuantileExpectation> quantiles_;
  std::optional<OutlierExpectation> outliers_;
  size_t examples_;
  std::vector<double> values_;  // every row in order, missing as NaN, so the index is the row
};

}  // namespace

std::unique_ptr<Check> MakeMeanCheck(ColumnRef column, NumberRange range) {
  return std::make_unique<MeanCheck>(std::move(column), std::move(range));
}

std::unique_ptr<Check> MakeDistributionCheck(ColumnRef column,
                                             std::vector<QuantileExpectation> quantiles,
                                             std::optional<OutlierExpectation> outliers,
                                             size_t examples) {
  return std::make_unique<DistributionCheck>(std::move(column), std::move(quantiles), outliers,
                                             examples);
}

}  // namespace steward::validate::internal
