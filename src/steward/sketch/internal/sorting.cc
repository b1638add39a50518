#include "steward/sketch/internal/sorting.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>

namespace steward::sketch::internal {
namespace {

constexpr size_t kMaxSmall = 128;
constexpr double kInf = std::numeric_limits<double>::infinity();

// Written as selects so the compiler emits minsd/maxsd; `b < a` (not std::min) keeps -0.0 and
// 0.0 apart, so the output is a permutation of the input.
inline void CompareExchange(double& a, double& b) {
  const bool swap = b < a;
  const double low = swap ? b : a;
  const double high = swap ? a : b;
  a = low;
  b = high;
}

}  // namespace

// Merges sorted runs `a` and `b` into `out`, the front half smallest-first and the back half
// largest-first: two independent dependency chains. An exhausted run reads as +inf at the front
// and -inf at the back; such a stand-in is only ever taken in place of an equal value.
void MergeSorted(const double* a, size_t a_size, const double* b, size_t b_size, double* out) {
  const size_t size = a_size + b_size;
  size_t i = 0, j = 0, front = 0;
  ptrdiff_t i_back = static_cast<ptrdiff_t>(a_size) - 1;
  ptrdiff_t j_back = static_cast<ptrdiff_t>(b_size) - 1;
  ptrdiff_t back = static_cast<ptrdiff_t>(size) - 1;
  for (size_t step = 0; step < size / 2; ++step) {
    const double x = i < a_size ? a[i] : kInf;
    const double y = j < b_size ? b[j] : kInf;
    const bool take_b = y < x;
    out[front++] = take_b ? y : x;
    j += take_b;
    i += !take_b;
    const double x_back = i_back >= 0 ? a[i_back] : -kInf;
    const double y_back = j_back >= 0 ? b[j_back] : -kInf;
    const bool take_a = x_back > y_back;
    out[back--] = take_a ? x_back : y_back;
    i_back -= take_a;
    j_back -= !take_a;
  }
  if (size % 2 == 1) {
    const double x = i < a_size ? a[i] : kInf;
    const double y = j < b_size ? b[j] : kInf;
    out[front] = y < x ? y : x;
  }
}

void SmallSort(double* values, size_t size) {
  if (size > kMaxSmall) {
    std::sort(values, values + size);
    return;
  }
  // Runs of 4 by a 5-comparator network: independent compares that overlap, unlike the merges'
  // chained ones.
  constexpr size_t kRun = 4;
  size_t start = 0;
  for (; start + kRun <= size; start += kRun) {
    double* v = values + start;
    CompareExchange(v[0], v[1]);
    CompareExchange(v[2], v[3]);
    CompareExchange(v[0], v[2]);
    CompareExchange(v[1], v[3]);
    CompareExchange(v[1], v[2]);
  }
  double* rest = values + start;
  if (size - start >= 2)
    CompareExchange(rest[0], rest[1]);
  if (size - start == 3) {
    CompareExchange(rest[1], rest[2]);
    CompareExchange(rest[0], rest[1]);
  }
  std::array<double, kMaxSmall> buffer;
  double* from = values;
  double* to = buffer.data();
  for (size_t width = kRun; width < size; width *= 2) {
    for (size_t low = 0; low < size; low += 2 * width) {
      const size_t middle = std::min(low + width, size);
      const size_t high = std::min(low + 2 * width, size);
      MergeSorted(from + low, middle - low, from + middle, high - middle, to + low);
    }
    std::swap(from, to);
  }
  if (from != values)
    std::memcpy(values, from, size * sizeof(double));
}

}  // namespace steward::sketch::internal
