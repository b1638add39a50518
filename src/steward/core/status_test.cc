#include "steward/core/status.h"

#include <gtest/gtest.h>

#include "steward/core/result.h"

namespace steward {
namespace {

Result<int> ParsePositive(int value) {
  if (value <= 0)
    return Status::InvalidArgument("expected a positive number, got " + std::to_string(value));
  return value;
}

Result<int> Doubled(int value) {
  STEWARD_ASSIGN_OR_RETURN(int parsed, ParsePositive(value));
  return parsed * 2;
}

Status Check(int value) {
  STEWARD_RETURN_IF_ERROR(Doubled(value).status());
  return Status::Ok();
}

TEST(Status, DefaultIsOk) {
  Status status;
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kOk);
}

TEST(Status, ContextPrefixesTheMessage) {
  Status status = Status::NotFound("no column 'age'").WithContext("reading data.csv");
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(status.message(), "reading data.csv: no column 'age'");
  EXPECT_TRUE(Status::Ok().WithContext("ignored").ok());
}

TEST(Result, CarriesValueOrError) {
  Result<int> good = Doubled(4);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 8);
  Result<int> bad = Doubled(-1);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "expected a positive number, got -1");
  EXPECT_FALSE(Check(0).ok());
  EXPECT_TRUE(Check(3).ok());
}

TEST(Result, OkStatusWithoutValueBecomesInternalError) {
  Result<int> result(Status::Ok());
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace steward
