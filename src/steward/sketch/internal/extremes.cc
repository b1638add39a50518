#include "steward/sketch/internal/extremes.h"

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace steward::sketch::internal {

bool FoldExtremesScalar(std::span<const double> values, double& lo, double& hi) {
  bool has_nan = false;
  for (const double x : values) {
    lo = x < lo ? x : lo;
    hi = x > hi ? x : hi;
    has_nan |= x != x;
  }
  return has_nan;
}

#if defined(__SSE2__)

namespace {

// The extreme as the scalar fold leaves it: the running value if nothing compared beyond it,
// else the first value equal to the new extreme. Only -0.0 and 0.0 compare equal with
// different bits, so the search runs only for a zero.
double FirstEqual(std::span<const double> values, double running, double extreme) {
  if (extreme == running)
    return running;
  if (extreme != 0)
    return extreme;
  return *std::find(values.begin(), values.end(), extreme);
}

}  // namespace

bool FoldExtremes(std::span<const double> values, double& lo, double& hi) {
  const double* data = values.data();
  // min_pd(x, lo) is exactly x < lo ? x : lo per lane (NaN x keeps lo); max_pd likewise.
  __m128d low = _mm_set1_pd(lo), high = _mm_set1_pd(hi), nan = _mm_setzero_pd();
  size_t i = 0;
  for (; i + 2 <= values.size(); i += 2) {
    const __m128d x = _mm_loadu_pd(data + i);
    low = _mm_min_pd(x, low);
    high = _mm_max_pd(x, high);
    nan = _mm_or_pd(nan, _mm_cmpunord_pd(x, x));
  }
  double lanes[2];
  _mm_storeu_pd(lanes, low);
  double new_lo = std::min(lanes[0], lanes[1]);
  _mm_storeu_pd(lanes, high);
  double new_hi = std::max(lanes[0], lanes[1]);
  bool has_nan = _mm_movemask_pd(nan) != 0;
  has_nan |= FoldExtremesScalar(values.subspan(i), new_lo, new_hi);
  lo = FirstEqual(values, lo, new_lo);
  hi = FirstEqual(values, hi, new_hi);
  return has_nan;
}

#else

bool FoldExtremes(std::span<const double> values, double& lo, double& hi) {
  return FoldExtremesScalar(values, lo, hi);
}

#endif

}  // namespace steward::sketch::internal
