#include "steward/sketch/internal/moment_lanes.h"

#include <algorithm>
#include <cmath>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace steward::sketch::internal {
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

inline void AddPowers(double d, size_t lane, LanePowers& powers) {
  const double d2 = d * d;
  powers.s1[lane] += d;
  powers.s2[lane] += d2;
  powers.s3[lane] += d2 * d;
  powers.s4[lane] += d2 * d2;
}

#if defined(__SSE2__)
inline __m128d Select(__m128d mask, __m128d if_set, __m128d if_clear) {
  return _mm_or_pd(_mm_and_pd(mask, if_set), _mm_andnot_pd(mask, if_clear));
}

// CompensatedAdd on two lanes at once: both branches computed, the comparison selects.
inline void CompensatedAdd(__m128d x, __m128d& sum, __m128d& compensation) {
  const __m128d sign = _mm_set1_pd(-0.0);
  const __m128d total = _mm_add_pd(sum, x);
  const __m128d sum_larger = _mm_cmpge_pd(_mm_andnot_pd(sign, sum), _mm_andnot_pd(sign, x));
  const __m128d if_sum_larger = _mm_add_pd(_mm_sub_pd(sum, total), x);
  const __m128d if_x_larger = _mm_add_pd(_mm_sub_pd(x, total), sum);
  compensation = _mm_add_pd(compensation, Select(sum_larger, if_sum_larger, if_x_larger));
  sum = total;
}

// The first value that compares equal to `extreme`: only -0.0 and 0.0 compare equal with
// different bits, so this is needed only there.
double FirstEqual(std::span<const double> values, double extreme) {
  return extreme != 0 ? extreme : *std::find(values.begin(), values.end(), extreme);
}
#endif

}  // namespace

LaneSums SumLanesScalar(std::span<const double> values) {
  LaneSums out;
  out.lo = out.hi = values[0];
  size_t i = 0;
  for (; i + kMomentLanes <= values.size(); i += kMomentLanes) {
    for (size_t lane = 0; lane < kMomentLanes; ++lane) {
      const double x = values[i + lane];
      CompensatedAdd(x, &out.sums[lane], &out.compensations[lane]);
      out.lo = std::min(out.lo, x);
      out.hi = std::max(out.hi, x);
    }
  }
  for (; i < values.size(); ++i) {
    CompensatedAdd(values[i], &out.sums[0], &out.compensations[0]);
    out.lo = std::min(out.lo, values[i]);
    out.hi = std::max(out.hi, values[i]);
  }
  return out;
}

LanePowers PowerLanesScalar(std::span<const double> values, double mean) {
  LanePowers powers;
  size_t i = 0;
  for (; i + kMomentLanes <= values.size(); i += kMomentLanes) {
    for (size_t lane = 0; lane < kMomentLanes; ++lane)
      AddPowers(values[i + lane] - mean, lane, powers);
  }
  for (; i < values.size(); ++i)
    AddPowers(values[i] - mean, 0, powers);
  return powers;
}

#if defined(__SSE2__)

LaneSums SumLanes(std::span<const double> values) {
  const double* data = values.data();
  __m128d sum01 = _mm_setzero_pd(), sum23 = sum01, comp01 = sum01, comp23 = sum01;
  // min_pd(x, lo) is x < lo ? x : lo, std::min(lo, x) per lane; max_pd likewise.
  __m128d lo = _mm_set1_pd(values[0]), hi = lo;
  size_t i = 0;
  for (; i + kMomentLanes <= values.size(); i += kMomentLanes) {
    const __m128d x01 = _mm_loadu_pd(data + i);
    const __m128d x23 = _mm_loadu_pd(data + i + 2);
    CompensatedAdd(x01, sum01, comp01);
    CompensatedAdd(x23, sum23, comp23);
    lo = _mm_min_pd(x01, _mm_min_pd(x23, lo));
    hi = _mm_max_pd(x01, _mm_max_pd(x23, hi));
  }
  LaneSums out;
  _mm_storeu_pd(out.sums.data(), sum01);
  _mm_storeu_pd(out.sums.data() + 2, sum23);
  _mm_storeu_pd(out.compensations.data(), comp01);
  _mm_storeu_pd(out.compensations.data() + 2, comp23);
  double lanes[2];
  _mm_storeu_pd(lanes, lo);
  double low = std::min(lanes[0], lanes[1]);
  _mm_storeu_pd(lanes, hi);
  double high = std::max(lanes[0], lanes[1]);
  for (; i < values.size(); ++i) {
    CompensatedAdd(values[i], &out.sums[0], &out.compensations[0]);
    low = std::min(low, values[i]);
    high = std::max(high, values[i]);
  }
  out.lo = FirstEqual(values, low);
  out.hi = FirstEqual(values, high);
  return out;
}

LanePowers PowerLanes(std::span<const double> values, double mean) {
  const double* data = values.data();
  const __m128d m = _mm_set1_pd(mean);
  __m128d s1[2] = {_mm_setzero_pd(), _mm_setzero_pd()};
  __m128d s2[2] = {s1[0], s1[0]}, s3[2] = {s1[0], s1[0]}, s4[2] = {s1[0], s1[0]};
  size_t i = 0;
  for (; i + kMomentLanes <= values.size(); i += kMomentLanes) {
    for (size_t half = 0; half < 2; ++half) {
      const __m128d d = _mm_sub_pd(_mm_loadu_pd(data + i + 2 * half), m);
      const __m128d d2 = _mm_mul_pd(d, d);
      s1[half] = _mm_add_pd(s1[half], d);
      s2[half] = _mm_add_pd(s2[half], d2);
      s3[half] = _mm_add_pd(s3[half], _mm_mul_pd(d2, d));
      s4[half] = _mm_add_pd(s4[half], _mm_mul_pd(d2, d2));
    }
  }
  LanePowers powers;
  for (size_t half = 0; half < 2; ++half) {
    _mm_storeu_pd(powers.s1.data() + 2 * half, s1[half]);
    _mm_storeu_pd(powers.s2.data() + 2 * half, s2[half]);
    _mm_storeu_pd(powers.s3.data() + 2 * half, s3[half]);
    _mm_storeu_pd(powers.s4.data() + 2 * half, s4[half]);
  }
  for (; i < values.size(); ++i)
    AddPowers(values[i] - mean, 0, powers);
  return powers;
}

#else

LaneSums SumLanes(std::span<const double> values) {
  return SumLanesScalar(values);
}

LanePowers PowerLanes(std::span<const double> values, double mean) {
  return PowerLanesScalar(values, mean);
}

#endif

}  // namespace steward::sketch::internal
