#include "steward/monitor/kolmogorov.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <vector>

namespace steward::monitor {
namespace {

constexpr int kScaleExponent = 128;
const long double kBigScale = std::ldexp(1.0L, kScaleExponent);
const long double kSmallScale = std::ldexp(1.0L, -kScaleExponent);
constexpr double kPi = std::numbers::pi;

double ClipProbability(double p) {
  return std::clamp(p, 0.0, 1.0);
}

// log(n! / n^n) by Stirling's series, with n log n removed up front (no cancellation).
double LogFactorialOverPower(double n) {
  static constexpr double kStirling[] = {-2.955065359477124183e-2,  6.4102564102564102564e-3,
                                         -1.9175269175269175269e-3, 8.4175084175084175084e-4,
                                         -5.952380952380952381e-4,  7.9365079365079365079e-4,
                                         -2.7777777777777777778e-3, 8.3333333333333333333e-2};
  double rn = 1.0 / n;
  double y = rn / n;
  double series = 0;
  for (double c : kStirling)
    series = series * y + c;
  return std::log(n) / 2 - n + std::log(2 * kPi) / 2 + rn * series;
}

using Matrix = std::vector<double>;  // m x m, row-major

Matrix Multiply(const Matrix& a, const Matrix& b, size_t m) {
  Matrix c(m * m, 0.0);
  for (size_t i = 0; i < m; ++i)
    for (size_t k = 0; k < m; ++k) {
      double aik = a[i * m + k];
      if (aik == 0)
        continue;
      for (size_t j = 0; j < m; ++j)
        c[i * m + j] += aik * b[k * m + j];
    }
  return c;
}

// P(D_n <= d) by Durbin's matrix, as Marsaglia, Tsang and Wang compute it: the k-th diagonal
// entry of H^n (scaled as it grows) times n!/n^n.
double DurbinMatrixCdf(uint64_t n, double d) {
  if (d >= 1.0)
    return 1.0;
  double nd = static_cast<double>(n) * d;
  if (nd <= 0.5)
    return 0.0;
  size_t k = static_cast<size_t>(std::ceil(nd));
  double h = static_cast<double>(k) - nd;
  size_t m = 2 * k - 1;
  std::vector<double> v(m), w(m);
  double factorial_inverse = 1.0;
  for (size_t j = 1; j <= m; ++j) {
    w[j - 1] = factorial_inverse;
    factorial_inverse /= static_cast<double>(j);
    v[j - 1] = (1.0 - std::pow(h, static_cast<double>(j))) * factorial_inverse;
  }
  double tail = std::pow(std::max(2 * h - 1.0, 0.0), static_cast<double>(m)) -
                2 * std::pow(h, static_cast<double>(m));
  v[m - 1] = (1.0 + tail) * factorial_inverse;

  Matrix power_base(m * m, 0.0);
  for (size_t i = 1; i < m; ++i)
    for (size_t row = i - 1; row < m; ++row)
      power_base[row * m + i] = w[row - (i - 1)];
  for (size_t row = 0; row < m; ++row)
    power_base[row * m] = v[row];
  for (size_t col = 0; col < m; ++col)
    power_base[(m - 1) * m + col] = v[m - 1 - col];

  Matrix result(m * m, 0.0);
  for (size_t i = 0; i < m; ++i)
    result[i * m + i] = 1.0;
  long exponent = 0, base_exponent = 0;
  for (uint64_t remaining = n; remaining > 0; remaining /= 2) {
    if (remaining % 2) {
      result = Multiply(result, power_base, m);
      exponent += base_exponent;
    }
    power_base = Multiply(power_base, power_base, m);
    base_exponent *= 2;
    if (std::abs(power_base[(k - 1) * m + (k - 1)]) > kBigScale) {
      for (double& x : power_base)
        x = static_cast<double>(x / kBigScale);
      base_exponent += kScaleExponent;
    }
  }
  long double p = result[(k - 1) * m + (k - 1)];
  long double n_long = static_cast<long double>(n);
  for (uint64_t i = 1; i <= n; ++i) {
    p = static_cast<long double>(i) * p / n_long;
    if (std::abs(p) < kSmallScale) {
      p *= kBigScale;
      exponent -= kScaleExponent;
    }
  }
  return ClipProbability(static_cast<double>(std::ldexp(p, static_cast<int>(exponent))));
}

struct RowBounds {
  long first, last;
};

RowBounds PomeranzBounds(long i, long n, long ll, long ceil_f, long round_f) {
  long j1, j2;
  if (i == 0) {
    j1 = -ll - ceil_f - 1;
    j2 = ll + ceil_f - 1;
  } else {
    long half = (i + 1) / 2;
    if ((i + 1) % 2 == 0) {
      if (half == n + 1) {
        j1 = n - ll - ceil_f - 1;
        j2 = n + ll + ceil_f - 1;
      } else {
        j1 = half - 1 - ll - round_f - 1;
        j2 = half + ll - 1 + ceil_f - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + round_f - 1;
    }
  }
  return {std::max(j1 + 2, 0L), std::min(j2, n)};
}

// P(D_n <= x) by Pomeranz's recursion (1974): rows of Poisson-like convolutions.
double PomeranzCdf(uint64_t n_unsigned, double x) {
  long n = static_cast<long>(n_unsigned);
  double t = static_cast<double>(n) * x;
  long ll = static_cast<long>(std::floor(t));
  double f = t - static_cast<double>(ll);
  double g = std::min(f, 1.0 - f);
  long ceil_f = f > 0 ? 1 : 0;
  long round_f = f > 0.5 ? 1 : 0;
  size_t powers = static_cast<size_t>(2 * (ll + 1));
  std::vector<double> g_power(powers), two_g_power(powers), one_minus_two_g_power(powers);
  g_power[0] = two_g_power[0] = one_minus_two_g_power[0] = 1.0;
  double nd = static_cast<double>(n);
  for (size_t m = 1; m < powers; ++m) {
    double md = static_cast<double>(m);
    g_power[m] = g_power[m - 1] * (g / nd) / md;
    two_g_power[m] = two_g_power[m - 1] * (2 * g / nd) / md;
    one_minus_two_g_power[m] = one_minus_two_g_power[m - 1] * ((1 - 2 * g) / nd) / md;
  }
  std::vector<double> previous(powers, 0.0), current(powers, 0.0);
  current[0] = 1;
  long previous_start = 0, current_start = 0;
  long exponent = 0;
  RowBounds bounds = PomeranzBounds(0, n, ll, ceil_f, round_f);
  std::vector<double> convolution;
  for (long i = 1; i < 2 * n + 2; ++i) {
    long k1 = bounds.first;
    std::swap(previous, current);
    std::swap(previous_start, current_start);
    std::fill(current.begin(), current.end(), 0.0);
    bounds = PomeranzBounds(i, n, ll, ceil_f, round_f);
    const std::vector<double>& weights =
        (i == 1 || i == 2 * n + 1) ? g_power : (i % 2 ? two_g_power : one_minus_two_g_power);
    long length = bounds.last - k1 + 1;
    if (length <= 0)
      continue;
    long from = k1 - previous_start;
    long input_length =
        std::max(0L, std::min(length, static_cast<long>(powers) - std::max(from, 0L)));
    long weight_length = std::min(length, static_cast<long>(powers));
    convolution.assign(static_cast<size_t>(std::max(0L, input_length + weight_length - 1)), 0.0);
    for (long a = 0; a < input_length; ++a) {
      double value = previous[static_cast<size_t>(from + a)];
      if (value == 0)
        continue;
      for (long b = 0; b < weight_length; ++b)
        convolution[static_cast<size_t>(a + b)] += value * weights[static_cast<size_t>(b)];
    }
    long start = bounds.first - k1;
    long count = bounds.last - bounds.first + 1;
    double largest = 0;
    for (long c = 0; c < count; ++c) {
      long index = start + c;
      double value = (index >= 0 && index < static_cast<long>(convolution.size()))
                         ? convolution[static_cast<size_t>(index)]
                         : 0.0;
      current[static_cast<size_t>(c)] = value;
      largest = std::max(largest, value);
    }
    if (largest > 0 && largest < kSmallScale) {
      for (double& value : current)
        value = static_cast<double>(value * kBigScale);
      exponent -= kScaleExponent;
    }
    current_start = previous_start + bounds.first - k1;
  }
  long index = n - current_start;
  long double answer =
      (index >= 0 && index < static_cast<long>(powers)) ? current[static_cast<size_t>(index)] : 0.0;
  for (long m = 1; m <= n; ++m) {
    if (std::abs(answer) > kBigScale) {
      answer *= kSmallScale;
      exponent += kScaleExponent;
    }
    answer *= static_cast<long double>(m);
  }
  return ClipProbability(static_cast<double>(std::ldexp(answer, static_cast<int>(exponent))));
}

// P(D_n <= x) by the Pelz–Good (1976) expansion in 1/sqrt(n), for large n.
double PelzGoodCdf(uint64_t n, double x) {
  if (x <= 0.0)
    return 0.0;
  if (x >= 1.0)
    return 1.0;
  double z = std::sqrt(static_cast<double>(n)) * x;
  double z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2;
  double q_log = -kPi * kPi / 8 / z2;
  if (q_log < -708)
    return 0.0;
  double q = std::exp(q_log);
  double pi2 = kPi * kPi, pi4 = pi2 * pi2, pi6 = pi4 * pi2;
  double k1a = -z2, k1b = pi2 / 4;
  double k2a = 6 * z6 + 2 * z4, k2b = (2 * z4 - 5 * z2) * pi2 / 4, k2c = pi4 * (1 - 2 * z2) / 16;
  double k3d = pi6 * (5 - 30 * z2) / 64;
  double k3c = pi4 * (-60 * z2 + 212 * z4) / 16;
  double k3b = pi2 * (135 * z4 - 96 * z6) / 4;
  double k3a = -30 * z6 - 90 * std::pow(z, 8);
  double terms[4] = {0, 0, 0, 0};
  long max_k = static_cast<long>(std::ceil(16 * z / kPi));
  for (long k = max_k; k > 0; --k) {
    double m = static_cast<double>(2 * k - 1);
    double m2 = m * m, m4 = m2 * m2, m6 = m4 * m2;
    double q_power = std::pow(q, static_cast<double>(8 * k));
    double coefficients[4] = {1.0, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4,
                              k3a + k3b * m2 + k3c * m4 + k3d * m6};
    for (int i = 0; i < 4; ++i)
      terms[i] = terms[i] * q_power + coefficients[i];
  }
  double sqrt_two_pi = std::sqrt(2 * kPi);
  double divisors[4] = {z, 6 * z4, 72 * std::pow(z, 7), 6480 * std::pow(z, 10)};
  for (int i = 0; i < 4; ++i)
    terms[i] = terms[i] * q * sqrt_two_pi / divisors[i];
  double q2 = std::exp(-pi2 / 2 / z2);
  double sqrt3z = std::sqrt(3.0) * z;
  double k2_extra = 0, k3_extra = 0;
  for (long k = max_k; k > 0; --k) {
    double kd = static_cast<double>(k);
    double k2 = kd * kd;
    double q_power = std::pow(q2, k2);
    double k_pi = kPi * kd;
    k2_extra += k2 * q_power;
    k3_extra += (sqrt3z + k_pi) * (sqrt3z - k_pi) * k2 * q_power;
  }
  terms[2] += k2_extra * pi2 * sqrt_two_pi / (-36 * z3);
  terms[3] += k3_extra * pi2 * sqrt_two_pi / (216 * z6);
  double sum = 0;
  for (int i = 0; i < 4; ++i)
    sum += terms[i] / std::pow(static_cast<double>(n), i / 2.0);
  return sum;
}

}  // namespace

double SmirnovSurvival(uint64_t n, double x) {
  if (std::isnan(x) || n == 0)
    return std::nan("");
  if (x <= 0)
    return 1.0;
  if (x >= 1)
    return 0.0;
  const double nd = static_cast<double>(n);
  const uint64_t last = static_cast<uint64_t>(std::floor(nd * (1 - x)));
  // log C(n, v) by its ratio recurrence, carried in long double so that half a million steps
  // keep their sum exact to ~1e-15; each term then costs two logs and an exp instead of three
  // log-gammas.
  long double log_binomial = 0;
  long double sum = 0;
  long double largest = -INFINITY;
  // The terms rise to one peak and fall; past it, once a term is below 1e-18 of the sum, the
  // falling tail cannot move the sum's leading 15 digits (checked against SciPy to 1e-12).
  for (uint64_t v = 0; v <= last; ++v) {
    if (v > 0)
      log_binomial += std::log((nd - static_cast<double>(v - 1)) / static_cast<double>(v));
    const double vd = static_cast<double>(v);
    const double evn = x + vd / nd;
    const double rest = 1 - evn;
    if (rest <= 0)
      continue;
    long double log_term = log_binomial + (vd - 1) * static_cast<long double>(std::log(evn)) +
                           (nd - vd) * static_cast<long double>(std::log(rest));
    long double term = std::exp(static_cast<double>(log_term));
    sum += term;
    if (log_term > largest)
      largest = log_term;
    else if (term < sum * 1e-18L)
      break;
  }
  return ClipProbability(static_cast<double>(sum * x));
}

double KolmogorovSurvival(uint64_t n, double x) {
  if (n == 0 || std::isnan(x))
    return std::nan("");
  if (x >= 1.0)
    return 0.0;
  if (x <= 0.0)
    return 1.0;
  double nd = static_cast<double>(n);
  double t = nd * x;
  if (t <= 1.0) {  // Ruben–Gambino: 1/2n <= x <= 1/n
    if (t <= 0.5)
      return 1.0;
    double probability;
    if (n <= 140) {
      probability = 1.0;
      for (uint64_t i = 1; i <= n; ++i)
        probability *= static_cast<double>(i) * (1.0 / nd) * (2 * t - 1);
    } else {
      probability = std::exp(LogFactorialOverPower(nd) + nd * std::log(2 * t - 1));
    }
    return ClipProbability(1.0 - probability);
  }
  if (t >= nd - 1)  // Ruben–Gambino
    return ClipProbability(2 * std::pow(1.0 - x, nd));
  if (x >= 0.5)
    return ClipProbability(2 * SmirnovSurvival(n, x));
  double n_x_squared = t * x;
  if (n <= 140) {
    if (n_x_squared <= 0.754693)
      return ClipProbability(1.0 - DurbinMatrixCdf(n, x));
    if (n_x_squared <= 4)
      return ClipProbability(1.0 - PomeranzCdf(n, x));
    return ClipProbability(2 * SmirnovSurvival(n, x));
  }
  if (n_x_squared >= 370.0)
    return 0.0;
  if (n_x_squared >= 2.2)
    return ClipProbability(2 * SmirnovSurvival(n, x));
  double cdf =
      (n <= 100000 && nd * std::pow(x, 1.5) <= 1.4) ? DurbinMatrixCdf(n, x) : PelzGoodCdf(n, x);
  return ClipProbability(1.0 - cdf);
}

namespace {

// Pr(D_{n,n} >= h/n): 2 * sum_k (-1)^k binom(2n, n - k h) / binom(2n, n), in Horner form.
double OutsideSquareProbability(uint64_t n, uint64_t h) {
  double p = 0.0;
  for (long k = static_cast<long>(n / h); k >= 0; --k) {
    double term = 1.0;
    uint64_t kh = static_cast<uint64_t>(k) * h;
    for (uint64_t j = 0; j < h; ++j)
      term = static_cast<double>(n - kh - j) * term / static_cast<double>(n + kh + j + 1);
    p = term * (1.0 - p);
  }
  return 2 * p;
}

// Share of lattice paths (0,0) -> (m,n) that leave |n x - m y| < h g: column by column, each
// cell the chance that a random path to it has already left (cells outside count as 1).
double OutsideProbabilityInsideMethod(uint64_t m_in, uint64_t n_in, uint64_t g, uint64_t h) {
  long m = static_cast<long>(std::max(m_in, n_in));
  long n = static_cast<long>(std::min(m_in, n_in));
  double mg = static_cast<double>(m / static_cast<long>(g));
  double ng = static_cast<double>(n / static_cast<long>(g));
  double hd = static_cast<double>(h);
  long min_j = 0;
  long max_j = std::min(static_cast<long>(std::ceil(hd / mg)), n + 1);
  long current_length = max_j - min_j;
  long length = std::min(2 * max_j + 2, n + 1);
  std::vector<double> column(static_cast<size_t>(length), 1.0);
  for (long j = min_j; j < max_j && j < length; ++j)
    column[static_cast<size_t>(j)] = 0.0;
  for (long i = 1; i <= m; ++i) {
    long last_min_j = min_j, last_length = current_length;
    double id = static_cast<double>(i);
    min_j = std::max(static_cast<long>(std::floor((ng * id - hd) / mg)) + 1, 0L);
    min_j = std::min(min_j, n);
    max_j = std::min(static_cast<long>(std::ceil((ng * id + hd) / mg)), n + 1);
    if (max_j <= min_j)
      return 1.0;
    double value = min_j == 0 ? 0.0 : 1.0;
    for (long jj = 0; jj < max_j - min_j; ++jj) {
      long j = jj + min_j;
      long from = jj + min_j - last_min_j;
      double left = (from >= 0 && from < length) ? column[static_cast<size_t>(from)] : 1.0;
      value = (left * id + value * static_cast<double>(j)) / (id + static_cast<double>(j));
      if (jj < length)
        column[static_cast<size_t>(jj)] = value;
    }
    current_length = max_j - min_j;
    for (long c = current_length; c < current_length + (last_length - current_length) && c < length;
         ++c)
      column[static_cast<size_t>(c)] = 1.0;
  }
  long last = max_j - min_j - 1;
  return (last >= 0 && last < length) ? column[static_cast<size_t>(last)] : 1.0;
}

}  // namespace

double ExactTwoSampleKsPValue(uint64_t n1, uint64_t n2, double d, double* rounded_d) {
  uint64_t g = std::gcd(n1, n2);
  double lcm = static_cast<double>(n1 / g) * static_cast<double>(n2);
  double h_rounded = std::nearbyint(d * lcm);  // half to even, as numpy.round
  *rounded_d = h_rounded * 1.0 / lcm;
  uint64_t h = static_cast<uint64_t>(h_rounded);
  if (h == 0)
    return 1.0;
  double p =
      n1 == n2 ? OutsideSquareProbability(n1, h) : OutsideProbabilityInsideMethod(n1, n2, g, h);
  if (!std::isfinite(p) || p < 0 || p > 1)
    return -1.0;
  return p;
}

}  // namespace steward::monitor
