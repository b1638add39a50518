#include "steward/core/column.h"

#include <cmath>

#include <gtest/gtest.h>

namespace steward {
namespace {

TEST(Column, NumericMissingIsNaN) {
  Column column = Column::Numeric({1.5, std::nan(""), -2});
  EXPECT_EQ(column.kind(), ColumnKind::kNumeric);
  EXPECT_EQ(column.size(), 3u);
  EXPECT_EQ(column.MissingCount(), 1u);
  EXPECT_TRUE(column.IsMissing(1));
  EXPECT_EQ(column.ValueToString(0), "1.5");
  EXPECT_EQ(column.ValueToString(1), "");
}

TEST(Column, CategoricalFromLabelsKeepsFirstSeenOrder) {
  std::vector<std::string> labels = {"b", "a", "b", "c"};
  std::vector<uint8_t> missing = {0, 0, 0, 1};
  Column column = Column::CategoricalFromLabels(labels, missing);
  ASSERT_EQ(column.categories().size(), 2u);
  EXPECT_EQ(column.categories()[0], "b");
  EXPECT_EQ(column.codes()[2], 0);
  EXPECT_EQ(column.codes()[3], kMissingCode);
  EXPECT_EQ(column.MissingCount(), 1u);
  EXPECT_EQ(column.ValueToString(1), "a");
}

TEST(Column, TextDistinguishesEmptyFromMissing) {
  TextValues text;
  text.Append("");
  text.AppendMissing();
  text.Append("Zoë");
  Column column = Column::Text(std::move(text));
  EXPECT_FALSE(column.IsMissing(0));
  EXPECT_TRUE(column.IsMissing(1));
  EXPECT_EQ(column.ValueToString(2), "Zoë");
}

TEST(Column, TimestampFormatsAsIsoUtc) {
  EXPECT_EQ(FormatTimestamp(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatTimestamp(1409665236000000), "2014-09-02T13:40:36Z");
  EXPECT_EQ(FormatTimestamp(-1), "1969-12-31T23:59:59.999999Z");
  Column column = Column::Timestamp({kMissingTimestamp, 86'400'000'000});
  EXPECT_EQ(column.MissingCount(), 1u);
  EXPECT_EQ(column.ValueToString(1), "1970-01-02T00:00:00Z");
}

TEST(Column, BooleanMissingIsMinusOne) {
  Column column = Column::Boolean({1, 0, kMissingBoolean});
  EXPECT_EQ(column.ValueToString(0), "true");
  EXPECT_EQ(column.ValueToString(1), "false");
  EXPECT_EQ(column.MissingCount(), 1u);
}

TEST(ColumnKind, NamesRoundTrip) {
  for (ColumnKind kind : {ColumnKind::kNumeric, ColumnKind::kCategorical, ColumnKind::kText,
                          ColumnKind::kTimestamp, ColumnKind::kBoolean}) {
    Result<ColumnKind> parsed = ParseColumnKind(ColumnKindName(kind));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, kind);
  }
  Result<ColumnKind> bad = ParseColumnKind("float");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("unknown column kind 'float'"), std::string::npos);
}

}  // namespace
}  // namespace steward
