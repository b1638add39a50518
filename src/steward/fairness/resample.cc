#include "steward/fairness/resample.h"

#include <numeric>

namespace steward::fairness {

std::vector<uint64_t> DrawMultinomial(std::span<const uint64_t> counts, FastRandom& random) {
  uint64_t rows_left = std::accumulate(counts.begin(), counts.end(), uint64_t{0});
  uint64_t draws_left = rows_left;
  std::vector<uint64_t> drawn(counts.size(), 0);
  for (size_t cell = 0; cell < counts.size() && draws_left > 0; ++cell) {
    if (counts[cell] == 0)
      continue;
    if (counts[cell] == rows_left) {
      drawn[cell] = draws_left;
      break;
    }
    std::binomial_distribution<uint64_t> binomial(
        draws_left, static_cast<double>(counts[cell]) / static_cast<double>(rows_left));
    drawn[cell] = binomial(random);
    draws_left -= drawn[cell];
    rows_left -= counts[cell];
  }
  return drawn;
}

}  // namespace steward::fairness
