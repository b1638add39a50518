#include "steward/metrics/metric_value.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace steward::metrics {
namespace {

TEST(MetricValue, NonFiniteValuesBecomeUndefined) {
  EXPECT_FALSE(MetricValue::Of(std::numeric_limits<double>::quiet_NaN()).defined());
  EXPECT_FALSE(MetricValue::Of(std::numeric_limits<double>::infinity()).defined());
  EXPECT_EQ(MetricValue::Of(-std::numeric_limits<double>::infinity()).reason(),
            "the value is not finite");
  EXPECT_TRUE(std::isnan(MetricValue::Of(NAN).value_or_nan()));
}

TEST(MetricValue, DefinedValueHasNoReason) {
  const MetricValue value = MetricValue::Of(0.25);
  ASSERT_TRUE(value.defined());
  EXPECT_EQ(value.value(), 0.25);
  EXPECT_TRUE(value.reason().empty());
  EXPECT_FALSE(MetricValue().defined()) << "a default value is not a silent zero";
}

}  // namespace
}  // namespace steward::metrics
