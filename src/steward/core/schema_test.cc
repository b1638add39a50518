#include "steward/core/schema.h"

#include <gtest/gtest.h>

namespace steward {
namespace {

TEST(Schema, RejectsDuplicateNames) {
  Result<Schema> schema = Schema::Make({{"a"}, {"b"}, {"a"}});
  ASSERT_FALSE(schema.ok());
  EXPECT_EQ(schema.status().message(), "duplicate column name 'a' (columns 1 and 3)");
}

TEST(Schema, RejectsEmptyNames) {
  Result<Schema> schema = Schema::Make({{"a"}, {""}});
  ASSERT_FALSE(schema.ok());
  EXPECT_EQ(schema.status().message(), "column 2 has an empty name");
}

TEST(Schema, SetRoleNamesUnknownColumn) {
  Result<Schema> schema = Schema::Make({{"age"}, {"income"}});
  ASSERT_TRUE(schema.ok());
  EXPECT_TRUE(schema->SetRole("income", ColumnRole::kTarget).ok());
  EXPECT_EQ(schema->field(1).role, ColumnRole::kTarget);
  Status status = schema->SetRole("salary", ColumnRole::kTarget);
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(status.message(), "unknown column 'salary' (columns: age, income)");
}

TEST(Schema, RoleNamesRoundTrip) {
  Result<ColumnRole> role = ParseColumnRole("sensitive");
  ASSERT_TRUE(role.ok());
  EXPECT_EQ(*role, ColumnRole::kSensitive);
  EXPECT_EQ(ColumnRoleName(ColumnRole::kIgnored), "ignored");
  EXPECT_FALSE(ParseColumnRole("label").ok());
}

TEST(JoinNames, TruncatesLongLists) {
  EXPECT_EQ(JoinNames({"a", "b", "c"}, 2), "a, b, and 1 more");
}

}  // namespace
}  // namespace steward
