#include "steward/profile/internal/value_counts.h"

#include <cmath>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace steward::profile::internal {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Every double of magnitude 2^52 or more is an integer. Below it, adding and subtracting 2^52
// rounds to an integer (round to nearest), so a value survives the round trip exactly when it
// is one: the answer of value != trunc(value) without SSE4.1's roundpd.
constexpr double kTwo52 = 4503599627370496.0;

// Counts where -inf is still among the negatives; the caller takes it out.
struct RawCounts {
  uint64_t finite = 0, zeros = 0, negatives = 0, non_integers = 0, positive_inf = 0,
           negative_inf = 0;
};

void CountScalar(std::span<const double> values, RawCounts& counts) {
  for (const double value : values) {
    const double magnitude = std::fabs(value);
    counts.finite += magnitude < kInf;
    counts.zeros += value == 0;
    counts.negatives += value < 0;
    counts.non_integers += (magnitude < kTwo52) & ((magnitude + kTwo52) - kTwo52 != magnitude);
    counts.positive_inf += value == kInf;
    counts.negative_inf += value == -kInf;
  }
}

#if defined(__SSE2__)
// Each comparison gives an all-ones lane (-1) where it holds; subtracting it counts one.
size_t CountSse2(std::span<const double> values, RawCounts& counts) {
  const __m128d sign = _mm_set1_pd(-0.0);
  const __m128d zero = _mm_setzero_pd();
  const __m128d inf = _mm_set1_pd(kInf);
  const __m128d negative_inf = _mm_set1_pd(-kInf);
  const __m128d two52 = _mm_set1_pd(kTwo52);
  __m128i finite = _mm_setzero_si128(), zeros = finite, negatives = finite, non_integers = finite,
          positive_infs = finite, negative_infs = finite;
  const auto count = [](__m128i& total, __m128d mask) {
    total = _mm_sub_epi64(total, _mm_castpd_si128(mask));
  };
  size_t i = 0;
  for (; i + 2 <= values.size(); i += 2) {
    const __m128d value = _mm_loadu_pd(values.data() + i);
    const __m128d magnitude = _mm_andnot_pd(sign, value);
    count(finite, _mm_cmplt_pd(magnitude, inf));
    count(zeros, _mm_cmpeq_pd(value, zero));
    count(negatives, _mm_cmplt_pd(value, zero));
    const __m128d rounded = _mm_sub_pd(_mm_add_pd(magnitude, two52), two52);
    count(non_integers,
          _mm_and_pd(_mm_cmplt_pd(magnitude, two52), _mm_cmpneq_pd(rounded, magnitude)));
    count(positive_infs, _mm_cmpeq_pd(value, inf));
    count(negative_infs, _mm_cmpeq_pd(value, negative_inf));
  }
  const auto add = [](uint64_t& total, __m128i lanes) {
    alignas(16) uint64_t parts[2];
    _mm_store_si128(reinterpret_cast<__m128i*>(parts), lanes);
    total += parts[0] + parts[1];
  };
  add(counts.finite, finite);
  add(counts.zeros, zeros);
  add(counts.negatives, negatives);
  add(counts.non_integers, non_integers);
  add(counts.positive_inf, positive_infs);
  add(counts.negative_inf, negative_infs);
  return i;
}
#endif

}  // namespace

ValueCounts CountValues(std::span<const double> values) {
  RawCounts raw;
  size_t done = 0;
#if defined(__SSE2__)
  done = CountSse2(values, raw);
#endif
  CountScalar(values.subspan(done), raw);
  return {.finite = raw.finite,
          .zeros = raw.zeros,
          .negatives = raw.negatives - raw.negative_inf,
          .non_integers = raw.non_integers,
          .positive_infinities = raw.positive_inf,
          .negative_infinities = raw.negative_inf};
}

}  // namespace steward::profile::internal
