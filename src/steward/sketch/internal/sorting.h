#pragma once

#include <cstddef>

namespace steward::sketch::internal {

// Sorts `values[0, size)` ascending; same result as std::sort for any doubles but NaN.
//
// KLL compactions sort level 0 many times at 8 to 64 items, where std::sort's comparisons
// mispredict about half the time on random data. This is a bottom-up merge sort whose compares
// become conditional moves (a network for runs of 4, then merges from both ends at once), about
// twice as fast there; larger arrays go to std::sort.
void SmallSort(double* values, size_t size);

// Merges ascending runs `a` and `b` into `out` (which must not overlap them), stable: equal
// values from `a` come first. Branch-free, the front and back halves as two independent chains.
void MergeSorted(const double* a, size_t a_size, const double* b, size_t b_size, double* out);

}  // namespace steward::sketch::internal
