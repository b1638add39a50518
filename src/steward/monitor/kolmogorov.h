#pragma once
// Distributions of Kolmogorov–Smirnov statistics, computed as SciPy 1.10 computes them, so that
// `steward monitor` reports the p-values of scipy.stats.ks_2samp(method="auto").

#include <cstdint>

namespace steward::monitor {

// P(D_n > x) for the two-sided one-sample statistic D_n: scipy.stats.kstwo.sf(x, n), by the
// algorithm choices of Simard & L'Ecuyer (2011) as SciPy makes them (Ruben–Gambino at the ends,
// the Durbin matrix (Marsaglia–Tsang–Wang), Pomeranz's recursion, the Pelz–Good expansion and
// twice the exact one-sided Smirnov probability).
double KolmogorovSurvival(uint64_t n, double x);

// P(D+_n >= x), the one-sided statistic's exact distribution (Birnbaum & Tingey):
// scipy.special.smirnov(n, x).
double SmirnovSurvival(uint64_t n, double x);

// The exact two-sided p-value of the two-sample statistic d for sample sizes n1, n2: the share of
// lattice paths from (0, 0) to (n1, n2) that touch |x/n1 - y/n2| >= d (Hodges 1958, with
// Viehmann's recursion for 1 - p). `d` is first rounded to the lattice, h / lcm(n1, n2), as SciPy
// does; `rounded_d` receives that value. Returns a negative number when the computation leaves
// floating-point range (SciPy then falls back to the asymptotic distribution).
double ExactTwoSampleKsPValue(uint64_t n1, uint64_t n2, double d, double* rounded_d);

}  // namespace steward::monitor
