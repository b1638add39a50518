#include "steward/core/numpy_quantile.h"

#include <vector>

#include <gtest/gtest.h>

namespace steward {
namespace {

// Expected values are numpy 1.24.2's np.quantile(values, q) (method="linear"), printed with
// repr(), so they are compared exactly.
TEST(NumpyQuantile, MatchesNumpyLinearBitForBit) {
  const std::vector<double> one_to_ten = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  EXPECT_EQ(NumpyQuantileOfSorted(one_to_ten, 0.25), 3.25);
  EXPECT_EQ(NumpyQuantileOfSorted(one_to_ten, 0.5), 5.5);
  EXPECT_EQ(NumpyQuantileOfSorted(one_to_ten, 0.9), 9.1);
  EXPECT_EQ(NumpyQuantileOfSorted(one_to_ten, 1.0 / 3), 4.0);
  EXPECT_EQ(NumpyQuantileOfSorted(one_to_ten, 0.1), 1.9);
  EXPECT_EQ(NumpyQuantileOfSorted(one_to_ten, 0.7), 7.3);

  // np.sort([0.1, 0.7, 0.2, 0.3, 1e-3, 5.5, 2.25])
  const std::vector<double> mixed = {1e-3, 0.1, 0.2, 0.3, 0.7, 2.25, 5.5};
  EXPECT_EQ(NumpyQuantileOfSorted(mixed, 0.1), 0.06040000000000001);
  EXPECT_EQ(NumpyQuantileOfSorted(mixed, 0.3), 0.18);
  EXPECT_EQ(NumpyQuantileOfSorted(mixed, 0.45), 0.27);
  EXPECT_EQ(NumpyQuantileOfSorted(mixed, 0.55), 0.4200000000000001);
  EXPECT_EQ(NumpyQuantileOfSorted(mixed, 0.9), 3.550000000000001);
  EXPECT_EQ(NumpyQuantileOfSorted(mixed, 0.99), 5.304999999999998);
}

TEST(NumpyQuantile, EndsAreTheExtremes) {
  const std::vector<double> values = {-4, 0.5, 7};
  EXPECT_EQ(NumpyQuantileOfSorted(values, 0), -4);
  EXPECT_EQ(NumpyQuantileOfSorted(values, 1), 7);
  EXPECT_EQ(NumpyQuantileOfSorted(std::vector<double>{3}, 0.37), 3);
}

}  // namespace
}  // namespace steward
