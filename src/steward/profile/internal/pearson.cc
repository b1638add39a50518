#include "steward/profile/internal/pearson.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <memory>
#include <span>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace steward::profile::internal {
namespace {

// Σ a[i]·b[i] with four accumulators: a fixed summation order (so results are reproducible)
// that still pipelines. The definition DotBlock follows; called directly only without SSE2.
[[maybe_unused]] double Dot(const double* a, const double* b, size_t n) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += a[i] * b[i];
    s1 += a[i + 1] * b[i + 1];
    s2 += a[i + 2] * b[i + 2];
    s3 += a[i + 3] * b[i + 3];
  }
  for (; i < n; ++i)
    s0 += a[i] * b[i];
  return (s0 + s1) + (s2 + s3);
}

// Dot(a, bs[p], n) for kCount columns at once: each load of `a` serves every pair, and with
// SSE2 the accumulators s0, s1 and s2, s3 are two lanes each. The operations per accumulator
// are Dot's, so the results are bit for bit the same.
template <size_t kCount>
void DotBlock(const double* a, const double* const* bs, size_t n, double* out) {
#if defined(__SSE2__)
  __m128d low[kCount], high[kCount];  // accumulators s0, s1 and s2, s3
  for (size_t p = 0; p < kCount; ++p)
    low[p] = high[p] = _mm_setzero_pd();
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m128d a_low = _mm_loadu_pd(a + i);
    const __m128d a_high = _mm_loadu_pd(a + i + 2);
    for (size_t p = 0; p < kCount; ++p) {
      low[p] = _mm_add_pd(low[p], _mm_mul_pd(a_low, _mm_loadu_pd(bs[p] + i)));
      high[p] = _mm_add_pd(high[p], _mm_mul_pd(a_high, _mm_loadu_pd(bs[p] + i + 2)));
    }
  }
  for (size_t p = 0; p < kCount; ++p) {
    double s[4];
    _mm_storeu_pd(s, low[p]);
    _mm_storeu_pd(s + 2, high[p]);
    for (size_t j = i; j < n; ++j)
      s[0] += a[j] * bs[p][j];
    out[p] = (s[0] + s[1]) + (s[2] + s[3]);
  }
#else
  for (size_t p = 0; p < kCount; ++p)
    out[p] = Dot(a, bs[p], n);
#endif
}

// Dot(a, bs[p], n) for every p, four columns per pass.
void DotMany(const double* a, std::span<const double* const> bs, size_t n, double* out) {
  size_t p = 0;
  for (; p + 4 <= bs.size(); p += 4)
    DotBlock<4>(a, bs.data() + p, n, out + p);
  switch (bs.size() - p) {
    case 3:
      DotBlock<3>(a, bs.data() + p, n, out + p);
      break;
    case 2:
      DotBlock<2>(a, bs.data() + p, n, out + p);
      break;
    case 1:
      DotBlock<1>(a, bs.data() + p, n, out + p);
      break;
    default:
      break;
  }
}

// Rows whose value is NaN or infinite, ascending; empty when every value is finite.
std::vector<size_t> NonFiniteRows(std::span<const double> values) {
  std::vector<size_t> rows;
  for (size_t row = 0; row < values.size(); ++row) {
    if (!std::isfinite(values[row]))
      rows.push_back(row);
  }
  return rows;
}

// Calls fn(begin, end) for each run of rows in [0, rows) between the `skipped` ones
// (ascending), in row order.
template <typename Fn>
void ForEachRun(size_t rows, std::span<const size_t> skipped, Fn&& fn) {
  size_t begin = 0;
  for (size_t skip : skipped) {
    if (skip > begin)
      fn(begin, skip);
    begin = skip + 1;
  }
  if (begin < rows)
    fn(begin, rows);
}

// Pairwise-complete co-moments: two passes over the rows outside `skipped`, each summing in
// row order. Iterating runs keeps the finiteness tests out of the inner loops.
PairMoments PairwiseMoments(std::span<const double> x, std::span<const double> y,
                            std::span<const size_t> skipped) {
  PairMoments pair;
  double sum_x = 0, sum_y = 0;
  ForEachRun(x.size(), skipped, [&](size_t begin, size_t end) {
    pair.count += end - begin;
    for (size_t row = begin; row < end; ++row) {
      sum_x += x[row];
      sum_y += y[row];
    }
  });
  if (pair.count == 0)
    return pair;
  pair.mean_x = sum_x / static_cast<double>(pair.count);
  pair.mean_y = sum_y / static_cast<double>(pair.count);
  double m2_x = 0, m2_y = 0, c_xy = 0;
  ForEachRun(x.size(), skipped, [&](size_t begin, size_t end) {
    for (size_t row = begin; row < end; ++row) {
      const double dx = x[row] - pair.mean_x;
      const double dy = y[row] - pair.mean_y;
      m2_x += dx * dx;
      m2_y += dy * dy;
      c_xy += dx * dy;
    }
  });
  pair.m2_x = m2_x;
  pair.m2_y = m2_y;
  pair.c_xy = c_xy;
  return pair;
}

}  // namespace

std::vector<PairMoments> ProfilePearson(const ProfilePlan& plan, const Table& batch) {
  const size_t rows = batch.num_rows();
  const size_t columns = batch.num_columns();
  std::vector<std::vector<size_t>> non_finite(columns);
  // Columns without a missing or infinite value in this batch share one centered copy, in one
  // uninitialized block (every element is written before it is read).
  std::vector<const double*> centered(columns, nullptr);
  std::unique_ptr<double[]> storage(new double[rows * plan.numeric_columns.size()]);
  std::vector<double> mean(columns, 0), m2(columns, 0);
  for (size_t i = 0; i < plan.numeric_columns.size(); ++i) {
    const size_t column = plan.numeric_columns[i];
    std::span<const double> values = batch.column(column).numeric();
    non_finite[column] = NonFiniteRows(values);
    if (!non_finite[column].empty())
      continue;
    double sum = 0;
    for (double value : values)
      sum += value;
    mean[column] = sum / static_cast<double>(rows);
    double* copy = storage.get() + i * rows;
    for (size_t row = 0; row < rows; ++row)
      copy[row] = values[row] - mean[column];
    const double* const self[] = {copy};
    DotBlock<1>(copy, self, rows, &m2[column]);
    centered[column] = copy;
  }
  // Co-moments of the pairs of complete columns, grouped by first column for DotMany.
  std::vector<double> c_xy(plan.pearson_pairs.size(), 0);
  std::vector<const double*> partners;
  std::vector<size_t> partner_pairs;
  std::vector<double> products;
  for (size_t p = 0; p < plan.pearson_pairs.size();) {
    const size_t a = plan.pearson_pairs[p].first;
    partners.clear();
    partner_pairs.clear();
    for (; p < plan.pearson_pairs.size() && plan.pearson_pairs[p].first == a; ++p) {
      const size_t b = plan.pearson_pairs[p].second;
      if (centered[a] && centered[b]) {
        partners.push_back(centered[b]);
        partner_pairs.push_back(p);
      }
    }
    products.resize(partners.size());
    DotMany(centered[a], partners, rows, products.data());
    for (size_t q = 0; q < partner_pairs.size(); ++q)
      c_xy[partner_pairs[q]] = products[q];
  }
  std::vector<PairMoments> pairs;
  pairs.reserve(plan.pearson_pairs.size());
  std::vector<size_t> skipped;
  for (size_t p = 0; p < plan.pearson_pairs.size(); ++p) {
    const auto [a, b] = plan.pearson_pairs[p];
    if (centered[a] && centered[b]) {
      pairs.push_back({.count = rows,
                       .mean_x = mean[a],
                       .mean_y = mean[b],
                       .m2_x = m2[a],
                       .m2_y = m2[b],
                       .c_xy = c_xy[p]});
      continue;
    }
    skipped.clear();
    std::set_union(non_finite[a].begin(), non_finite[a].end(), non_finite[b].begin(),
                   non_finite[b].end(), std::back_inserter(skipped));
    pairs.push_back(PairwiseMoments(batch.column(a).numeric(), batch.column(b).numeric(), skipped));
  }
  return pairs;
}

}  // namespace steward::profile::internal
