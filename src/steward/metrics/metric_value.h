#pragma once

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <utility>

namespace steward::metrics {

// A metric's value, or the reason it is undefined for this input ("only one class present").
// A defined value is always finite, so it can be written to JSON as a number; an undefined one
// is written as null with its reason beside it (docs/formats/metrics.md).
class MetricValue {
 public:
  MetricValue() : reason_("not computed") {}

  // A non-finite `value` becomes undefined, so NaN never leaves this module as a number.
  static MetricValue Of(double value) {
    if (!std::isfinite(value))
      return Undefined("the value is not finite");
    MetricValue metric;
    metric.value_ = value;
    metric.reason_.clear();
    return metric;
  }
  static MetricValue Undefined(std::string reason) {
    MetricValue metric;
    metric.reason_ = std::move(reason);
    return metric;
  }

  bool defined() const { return value_.has_value(); }
  // REQUIRES: defined().
  double value() const { return *value_; }
  // NaN when undefined; for callers that only compare numbers.
  double value_or_nan() const { return value_.value_or(std::numeric_limits<double>::quiet_NaN()); }
  // Empty when defined.
  const std::string& reason() const { return reason_; }

 private:
  std::optional<double> value_;
  std::string reason_;
};

}  // namespace steward::metrics
