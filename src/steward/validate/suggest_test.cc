#include "steward/validate/suggest.h"

#include <random>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "steward/io/data_source.h"
#include "steward/profile/profiler.h"
#include "steward/testing/temp_dir.h"
#include "steward/validate/suite_parser.h"
#include "steward/validate/validator.h"

namespace steward::validate {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class SuggestTest : public ::testing::Test {
 protected:
  Result<std::unique_ptr<io::BatchReader>> Open(const std::string& name, std::string_view csv) {
    return io::OpenSource(dir_.Write(name, csv), io::SourceOptions{});
  }
  profile::Profile ProfileOf(std::string_view csv) {
    Result<std::unique_ptr<io::BatchReader>> reader = Open("reference.csv", csv);
    EXPECT_TRUE(reader.ok()) << reader.status().message();
    Result<profile::Profile> profile =
        profile::ProfileBatches(**reader, profile::ProfileOptions{}, "reference.csv");
    EXPECT_TRUE(profile.ok()) << profile.status().message();
    return std::move(profile).value();
  }
  // The suite as a person would use it: written to TOML and read back.
  Suite WrittenAndRead(const SuggestedSuite& suggested) {
    const std::string text = SuiteToToml(suggested.suite, suggested.comments);
    Result<Suite> parsed = ParseSuite(text, "suggested.toml");
    EXPECT_TRUE(parsed.ok()) << parsed.status().message() << "\n" << text;
    return parsed.ok() ? std::move(parsed).value() : Suite{};
  }
  ValidationReport Check(std::string_view csv, const Suite& suite) {
    Result<std::unique_ptr<io::BatchReader>> reader = Open("current.csv", csv);
    EXPECT_TRUE(reader.ok()) << reader.status().message();
    Result<ValidationReport> report = Validate(**reader, suite, ValidateOptions{});
    EXPECT_TRUE(report.ok()) << report.status().message();
    return std::move(report).value();
  }
  static std::vector<std::string> FailedIds(const ValidationReport& report) {
    std::vector<std::string> ids;
    for (const ExpectationResult& result : report.results) {
      if (result.status == ExpectationStatus::kFailed)
        ids.push_back(result.id);
    }
    return ids;
  }
  static const ColumnExpectations& Column(const Suite& suite, std::string_view name) {
    for (const ColumnExpectations& column : suite.columns) {
      if (column.name == name)
        return column;
    }
    ADD_FAILURE() << "no column " << name;
    static const ColumnExpectations none;
    return none;
  }
  steward::testing::TempDir dir_;
};

// 200 customers: a whole-number ID, an age, a measured income with gaps, a city, a free-text
// code of fixed length, a flag with 3 numeric values, and a signup time.
std::string Customers(int rows, uint32_t seed) {
  std::mt19937 random(seed);
  std::normal_distribution<double> income(3000, 500);
  const char* cities[] = {"Lyon", "Oslo", "Porto"};
  std::string csv = "id,age,income,city,code,tier,signup\n";
  for (int i = 0; i < rows; ++i) {
    csv += std::to_string(1000 + i) + "," + std::to_string(18 + i % 60) + ",";
    csv += (i % 10 == 3 ? std::string() : std::to_string(income(random))) + ",";
    csv += std::string(cities[random() % 3]) + ",";
    csv += "C" + std::to_string(100000 + static_cast<int>(random() % 900000)) + ",";
    csv += std::to_string(i % 3) + ",";
    csv += "2024-01-" + std::to_string(10 + i % 20) + " 12:00:00\n";
  }
  return csv;
}

TEST_F(SuggestTest, InfersEveryKindOfExpectation) {
  const Suite suite = WrittenAndRead(SuggestSuite(ProfileOf(Customers(200, 1)), {}));
  EXPECT_EQ(suite.table.min_rows, 100u);
  EXPECT_EQ(suite.table.max_rows, 400u);
  EXPECT_EQ(suite.table.max_duplicate_rows, 0u);

  const ColumnExpectations& id = Column(suite, "id");
  EXPECT_EQ(id.kind, ColumnKind::kNumeric);
  EXPECT_TRUE(id.unique);
  EXPECT_TRUE(id.not_null);

  // Ages 18..77: range 59, margin 14.75, rounded outward to whole years.
  const ColumnExpectations& age = Column(suite, "age");
  EXPECT_FALSE(age.unique);
  EXPECT_EQ(age.min, Bound(3.0));
  EXPECT_EQ(age.max, Bound(92.0));
  ASSERT_TRUE(age.mean.has_value());
  EXPECT_LT(*age.mean->min, 47.5);
  EXPECT_GT(*age.mean->max, 47.5);

  const ColumnExpectations& income = Column(suite, "income");
  EXPECT_FALSE(income.not_null);
  EXPECT_FALSE(income.unique) << "distinct measurements are not identifiers";
  // 10% missing: 1.5 times that.
  EXPECT_EQ(income.max_missing_rate, 0.15);

  const ColumnExpectations& city = Column(suite, "city");
  EXPECT_EQ(city.kind, ColumnKind::kCategorical);
  EXPECT_EQ(city.allowed, AllowedValues(std::vector<std::string>{"Lyon", "Oslo", "Porto"}));

  const ColumnExpectations& code = Column(suite, "code");
  EXPECT_EQ(code.min_length, 7u);
  EXPECT_EQ(code.max_length, 7u);

  const ColumnExpectations& tier = Column(suite, "tier");
  EXPECT_EQ(tier.allowed, AllowedValues(std::vector<double>{0, 1, 2}));
  EXPECT_FALSE(tier.min.has_value()) << "an allowed set replaces the range";

  const ColumnExpectations& signup = Column(suite, "signup");
  EXPECT_EQ(signup.kind, ColumnKind::kTimestamp);
  EXPECT_TRUE(signup.min.has_value());
  EXPECT_FALSE(signup.max.has_value()) << "later data is expected";
}

TEST_F(SuggestTest, TheDataItCameFromPassesAndAFreshSampleToo) {
  const Suite suite = WrittenAndRead(SuggestSuite(ProfileOf(Customers(400, 2)), {}));
  EXPECT_THAT(FailedIds(Check(Customers(400, 2), suite)), ElementsAre());
  EXPECT_THAT(FailedIds(Check(Customers(300, 3), suite)), ElementsAre());
}

TEST_F(SuggestTest, CatchesABrokenPipeline) {
  const Suite suite = WrittenAndRead(SuggestSuite(ProfileOf(Customers(400, 2)), {}));
  std::string broken = "id,age,income,city,code,tier,signup\n";
  for (int i = 0; i < 200; ++i) {
    // Ages in months, a new city, income mostly gone, a repeated id, a wider code.
    broken += std::to_string(1000 + i / 2 * 2) + "," + std::to_string((18 + i % 60) * 12) + ",";
    broken += (i % 2 == 0 ? "" : "3000") + std::string(",") + (i == 7 ? "Paris" : "Oslo") +
              ",CODE-" + std::to_string(i) + ",1,2024-02-01 00:00:00\n";
  }
  EXPECT_THAT(FailedIds(Check(broken, suite)),
              ElementsAre("column:id:unique", "column:age:max", "column:age:mean",
                          "column:income:max_missing_rate", "column:city:allowed",
                          "column:code:min_length", "column:code:max_length"));
}

TEST_F(SuggestTest, RoundsBoundsOutwardToShortDecimals) {
  const Suite suite = WrittenAndRead(SuggestSuite(
      ProfileOf("x,y\n-0.1234,1\n0.5678,50\n0.9012,100\n0.33,20\n0.41,30\n0.72,40\n"), {}));
  // Range 1.0246, margin 0.25615: bounds to two significant digits of the margin, outward.
  const ColumnExpectations& x = Column(suite, "x");
  EXPECT_EQ(x.min, Bound(-0.38));
  EXPECT_EQ(x.max, Bound(1.16));
  // 1 - 24.75 would be negative, which y never was.
  const ColumnExpectations& y = Column(suite, "y");
  EXPECT_EQ(y.min, Bound(0.0));
  EXPECT_EQ(y.max, Bound(125.0));
}

TEST_F(SuggestTest, WithoutAMarginTheBoundsAreTheObservedValues) {
  SuggestOptions options;
  options.range_margin = 0;
  const Suite suite = WrittenAndRead(
      SuggestSuite(ProfileOf("x\n-0.1234\n0.5678\n0.9012\n0.33\n0.41\n0.72\n"), options));
  const ColumnExpectations& x = Column(suite, "x");
  EXPECT_EQ(x.min, Bound(-0.1234));
  EXPECT_EQ(x.max, Bound(0.9012));
}

TEST_F(SuggestTest, LeavesOutWhatItCannotKnow) {
  std::string csv = "empty,many\n";
  for (int i = 0; i < 100; ++i)
    csv += ",label" + std::to_string(i % 60) + "\n";
  csv += ",label0\n";
  const SuggestedSuite suggested = SuggestSuite(ProfileOf(csv), {});
  const Suite suite = WrittenAndRead(suggested);
  EXPECT_FALSE(suite.table.max_duplicate_rows.has_value()) << "the data has duplicates";
  const ColumnExpectations& empty = Column(suite, "empty");
  EXPECT_FALSE(empty.not_null);
  EXPECT_FALSE(empty.max_missing_rate.has_value());
  const ColumnExpectations& many = Column(suite, "many");
  EXPECT_FALSE(many.allowed.has_value());
  EXPECT_THAT(suggested.comments.columns.at("many"), HasSubstr("too many values to list"));
  EXPECT_THAT(suggested.comments.columns.at("empty"), HasSubstr("no values"));
}

TEST_F(SuggestTest, TheFileSaysWhereItCameFromAndWhatWasSeen) {
  const SuggestedSuite suggested = SuggestSuite(ProfileOf(Customers(50, 4)), {});
  const std::string text = SuiteToToml(suggested.suite, suggested.comments);
  EXPECT_THAT(text, HasSubstr("# Suggested by `steward suggest-suite` from reference.csv (50 "
                              "rows, 7 columns).\n# It describes"));
  EXPECT_THAT(text, HasSubstr("[[column]]\n# observed: numeric, 50 rows, 0 missing, 50 distinct, "
                              "18 to 67, mean 42.5, sd 14.58\nname = \"age\"\n"));
}

}  // namespace
}  // namespace steward::validate
