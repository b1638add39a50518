#pragma once

#include <cmath>

namespace steward::metrics::internal {

// Neumaier's compensated summation: the error stays near one rounding whatever the number of
// terms, so weighted means over millions of rows agree with numpy's pairwise sums to ~1e-16
// instead of drifting by n * epsilon.
class CompensatedSum {
 public:
  void Add(double x) {
    const double t = sum_ + x;
    if (std::fabs(sum_) >= std::fabs(x)) {
      compensation_ += (sum_ - t) + x;
    } else {
      compensation_ += (x - t) + sum_;
    }
    sum_ = t;
  }
  double value() const { return sum_ + compensation_; }

 private:
  double sum_ = 0;
  double compensation_ = 0;
};

}  // namespace steward::metrics::internal
