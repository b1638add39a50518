#include "steward/sketch/moments.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <nlohmann/json.hpp>

#include "steward/sketch/internal/moment_lanes.h"
#include "steward/sketch/json_fields.h"

namespace steward::sketch {
namespace {

// Neumaier's variant of Kahan summation: adds `x` to (*sum, *compensation).
inline void CompensatedAdd(double x, double* sum, double* compensation) {
  double total = *sum + x;
  if (std::fabs(*sum) >= std::fabs(x)) {
    *compensation += (*sum - total) + x;
  } else {
    *compensation += (x - total) + *sum;
  }
  *sum = total;
}

}  // namespace

void Moments::AddToSum(double x) {
  CompensatedAdd(x, &sum_, &sum_compensation_);
}

void Moments::Add(double x) {
  ++count_;
  const double n = static_cast<double>(count_);
  const double delta = x - mean_;
  const double delta_n = delta / n;
  const double delta_n2 = delta_n * delta_n;
  const double term1 = delta * delta_n * (n - 1.0);
  mean_ += delta_n;
  m4_ += term1 * delta_n2 * (n * n - 3.0 * n + 3.0) + 6.0 * delta_n2 * m2_ - 4.0 * delta_n * m3_;
  m3_ += term1 * delta_n * (n - 2.0) - 3.0 * delta_n * m2_;
  m2_ += term1;
  min_ = std::min(min_, x);
  max_ = std::max(max_, x);
  AddToSum(x);
}

void Moments::AddBatch(std::span<const double> values) {
  if (values.empty())
    return;
  const double n = static_cast<double>(values.size());
  const internal::LaneSums lanes = internal::SumLanes(values);
  Moments batch;
  batch.count_ = values.size();
  batch.min_ = lanes.lo;
  batch.max_ = lanes.hi;
  for (size_t lane = 0; lane < internal::kMomentLanes; ++lane) {
    CompensatedAdd(lanes.sums[lane], &batch.sum_, &batch.sum_compensation_);
    CompensatedAdd(lanes.compensations[lane], &batch.sum_, &batch.sum_compensation_);
  }
  if (lanes.lo == lanes.hi) {
    // Constant values: the mean is exact and every central moment is exactly zero.
    batch.mean_ = lanes.lo;
    Merge(batch);
    return;
  }
  const double mean = (batch.sum_ + batch.sum_compensation_) / n;
  const internal::LanePowers powers = internal::PowerLanes(values, mean);
  double t1 = 0, t2 = 0, t3 = 0, t4 = 0;
  for (size_t lane = 0; lane < internal::kMomentLanes; ++lane) {
    t1 += powers.s1[lane];
    t2 += powers.s2[lane];
    t3 += powers.s3[lane];
    t4 += powers.s4[lane];
  }
  // The rounded mean is off by c = t1 / n; re-centre the power sums on mean + c exactly
  // (the corrected two-pass algorithm of Chan, Golub and LeVeque 1983, to fourth order).
  const double c = t1 / n;
  batch.mean_ = mean + c;
  batch.m2_ = std::max(0.0, t2 - n * c * c);
  batch.m3_ = t3 - 3.0 * c * t2 + 2.0 * n * c * c * c;
  batch.m4_ = std::max(0.0, t4 - 4.0 * c * t3 + 6.0 * c * c * t2 - 3.0 * n * c * c * c * c);
  Merge(batch);
}

void Moments::Merge(const Moments& other) {
  if (other.count_ == 0)
    return;
  if (count_ == 0) {
    *this = other;
    return;
  }
  const double na = static_cast<double>(count_);
  const double nb = static_cast<double>(other.count_);
  const double n = na + nb;
  const double delta = other.mean_ - mean_;
  const double delta2 = delta * delta;
  const double delta3 = delta2 * delta;
  const double delta4 = delta2 * delta2;

  const double m4 = m4_ + other.m4_ +
                    delta4 * na * nb * (na * na - na * nb + nb * nb) / (n * n * n) +
                    6.0 * delta2 * (na * na * other.m2_ + nb * nb * m2_) / (n * n) +
                    4.0 * delta * (na * other.m3_ - nb * m3_) / n;
  const double m3 = m3_ + other.m3_ + delta3 * na * nb * (na - nb) / (n * n) +
                    3.0 * delta * (na * other.m2_ - nb * m2_) / n;
  const double m2 = m2_ + other.m2_ + delta2 * na * nb / n;

  count_ += other.count_;
  mean_ += delta * (nb / n);
  m2_ = m2;
  m3_ = m3;
  m4_ = m4;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  CompensatedAdd(other.sum_, &sum_, &sum_compensation_);
  CompensatedAdd(other.sum_compensation_, &sum_, &sum_compensation_);
}

bool Moments::SpreadIsNegligible() const {
  // pandas zeroes m2 below an absolute 1e-14; a threshold relative to the magnitude of the
  // values (a few ulps per value) also holds for data on very small or very large scales.
  const double scale = std::max(std::fabs(min_), std::fabs(max_));
  const double noise = 4.0 * std::numeric_limits<double>::epsilon() * scale;
  return m2_ <= static_cast<double>(count_) * noise * noise;
}

double Moments::variance() const {
  if (count_ < 2)
    return kNaN;
  return m2_ / static_cast<double>(count_ - 1);
}

double Moments::stddev() const {
  return std::sqrt(variance());
}

double Moments::skewness() const {
  if (count_ < 3)
    return kNaN;
  if (SpreadIsNegligible())
    return 0.0;
  // Same operations, in the same order, as pandas.core.nanops.nanskew.
  const double n = static_cast<double>(count_);
  return (n * std::sqrt(n - 1.0) / (n - 2.0)) * (m3_ / std::pow(m2_, 1.5));
}

double Moments::kurtosis() const {
  if (count_ < 4)
    return kNaN;
  if (SpreadIsNegligible())
    return 0.0;
  // Same operations, in the same order, as pandas.core.nanops.nankurt.
  const double n = static_cast<double>(count_);
  const double adj = 3.0 * (n - 1.0) * (n - 1.0) / ((n - 2.0) * (n - 3.0));
  const double numerator = n * (n + 1.0) * (n - 1.0) * m4_;
  const double denominator = (n - 2.0) * (n - 3.0) * (m2_ * m2_);
  return numerator / denominator - adj;
}

nlohmann::json Moments::ToJson() const {
  return {{"type", "moments"},           {"count", count_},
          {"mean", EncodeDouble(mean_)}, {"m2", EncodeDouble(m2_)},
          {"m3", EncodeDouble(m3_)},     {"m4", EncodeDouble(m4_)},
          {"min", EncodeDouble(min_)},   {"max", EncodeDouble(max_)},
          {"sum", EncodeDouble(sum_)},   {"sum_compensation", EncodeDouble(sum_compensation_)}};
}

Result<Moments> Moments::FromJson(const nlohmann::json& json) {
  STEWARD_ASSIGN_OR_RETURN(auto fields, JsonFields::Open(json, "moments", "Moments"));
  Moments moments;
  STEWARD_ASSIGN_OR_RETURN(moments.count_, fields.Uint64("count"));
  struct NamedDouble {
    const char* name;
    double* value;
  };
  const std::array<NamedDouble, 8> doubles = {{{"mean", &moments.mean_},
                                               {"m2", &moments.m2_},
                                               {"m3", &moments.m3_},
                                               {"m4", &moments.m4_},
                                               {"min", &moments.min_},
                                               {"max", &moments.max_},
                                               {"sum", &moments.sum_},
                                               {"sum_compensation", &moments.sum_compensation_}}};
  for (const NamedDouble& field : doubles) {
    STEWARD_ASSIGN_OR_RETURN(*field.value, fields.Double(field.name));
  }
  if (moments.count_ == 0) {
    const Moments empty;
    if (moments.mean_ != empty.mean_ || moments.m2_ != 0 || moments.m3_ != 0 || moments.m4_ != 0 ||
        moments.min_ != empty.min_ || moments.max_ != empty.max_ || moments.sum_ != 0 ||
        moments.sum_compensation_ != 0)
      return fields.Error("count", "is 0 but the other fields are not those of no values");
    return moments;
  }
  for (const NamedDouble& field : doubles) {
    if (!std::isfinite(*field.value))
      return fields.Error(field.name, "must be finite when count > 0");
  }
  if (moments.min_ > moments.max_)
    return fields.Error("min", "is greater than 'max'");
  if (moments.m2_ < 0 || moments.m4_ < 0)
    return fields.Error(moments.m2_ < 0 ? "m2" : "m4", "must not be negative");
  // The running mean may leave [min, max] by a rounding or two, never by more.
  const double slack = 1e-12 * std::max(std::fabs(moments.min_), std::fabs(moments.max_));
  if (moments.mean_ < moments.min_ - slack || moments.mean_ > moments.max_ + slack)
    return fields.Error("mean", "lies outside [min, max]");
  if (moments.count_ == 1 &&
      (moments.m2_ != 0 || moments.m3_ != 0 || moments.m4_ != 0 || moments.min_ != moments.max_))
    return fields.Error("m2", "'m3', 'm4' must be 0 and 'min' equal 'max' when count is 1");
  return moments;
}

}  // namespace steward::sketch
