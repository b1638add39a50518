#pragma once

#include <span>

namespace steward {

// numpy's _lerp (numpy/lib/function_base.py): the two branches keep the result monotone in t
// and exact at both ends. Infinite ends return their limit where numpy would return NaN.
double NumpyLerp(double a, double b, double t);

// numpy.quantile(sorted, q, method="linear") on a non-empty ascending array, bit for bit.
double NumpyQuantileOfSorted(std::span<const double> sorted, double q);

}  // namespace steward
