#include "steward/privacy/k_anonymity.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace steward::privacy {
namespace {

Column Text(const std::vector<std::string>& values) {
  TextValues text;
  for (const std::string& value : values)
    text.Append(value);
  return Column::Text(std::move(text));
}

// Groups over (age, zip): (34,02139) x3, (35,02139) x2, (51,10115) x1.
Table Patients() {
  Result<Schema> schema = Schema::Make(
      {{"age", ColumnKind::kText}, {"zip", ColumnKind::kText}, {"diagnosis", ColumnKind::kText}});
  Result<Table> table =
      Table::Make(*schema, {Text({"34", "34", "34", "35", "35", "51"}),
                            Text({"02139", "02139", "02139", "02139", "02139", "10115"}),
                            Text({"flu", "flu", "asthma", "flu", "flu", "gout"})});
  EXPECT_TRUE(table.ok());
  return std::move(table).value();
}

TEST(KAnonymity, ExactSmallestGroupAndRecordsBelowK) {
  KAnonymityOptions options;
  options.quasi_identifiers = {"age", "zip"};
  options.sensitive = "diagnosis";
  options.k = 3;
  Result<KAnonymityReport> report = MeasureKAnonymity(Patients(), options);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->k_achieved, 1u);
  EXPECT_EQ(report->groups, 3u);
  EXPECT_EQ(report->records_below_k, 3u);  // the pair and the single
  EXPECT_DOUBLE_EQ(report->share_below_k, 0.5);
  EXPECT_EQ(report->l_diversity, 1u);  // the (35,02139) pair both have flu
}

TEST(KAnonymity, FindsTheLeastGeneralisationReachingK) {
  KAnonymityOptions options;
  options.quasi_identifiers = {"age", "zip"};
  options.k = 2;
  Result<KAnonymityReport> report = MeasureKAnonymity(Patients(), options);
  ASSERT_TRUE(report.ok());
  ASSERT_TRUE(report->solution.has_value());
  // The lone 51-year-old in 10115 shares no zip prefix with anyone: zip must be suppressed, and
  // ages must fall into one group with it (bins of 20 still part 34 from 51).
  EXPECT_EQ(report->solution->columns[1].description, "suppressed");
  EXPECT_EQ(report->solution->k_achieved, 6u);
  EXPECT_EQ(report->solution->groups, 1u);
  EXPECT_EQ(report->solution->columns[0].description, "suppressed");
}

TEST(KAnonymity, AlreadyAnonymousNeedsNoGeneralisation) {
  KAnonymityOptions options;
  options.quasi_identifiers = {"zip"};
  options.k = 1;
  Result<KAnonymityReport> report = MeasureKAnonymity(Patients(), options);
  ASSERT_TRUE(report.ok());
  ASSERT_TRUE(report->solution.has_value());
  EXPECT_EQ(report->solution->columns[0].level, 0u);
  EXPECT_EQ(report->solution->columns[0].description, "as written");
}

TEST(KAnonymity, ZipPrefixesShorten) {
  KAnonymityOptions options;
  options.quasi_identifiers = {"zip"};
  options.k = 6;
  Result<KAnonymityReport> report = MeasureKAnonymity(Patients(), options);
  ASSERT_TRUE(report.ok());
  ASSERT_TRUE(report->solution.has_value());
  // "02139" and "10115" share no prefix: only suppression puts all six together.
  EXPECT_EQ(report->solution->columns[0].description, "suppressed");
  EXPECT_EQ(report->solution->k_achieved, 6u);
}

// A single missing value is a group of one until the column is suppressed; suppression must
// reach k even then (credit_data.csv's Marital has one missing value).
TEST(KAnonymity, SuppressionMergesMissingValues) {
  TextValues status;
  for (const char* value : {"single", "single", "married", "married"})
    status.Append(value);
  status.AppendMissing();
  Result<Schema> schema = Schema::Make({{"status", ColumnKind::kText}});
  Result<Table> table = Table::Make(*schema, {Column::Text(std::move(status))});
  ASSERT_TRUE(table.ok());
  KAnonymityOptions options;
  options.quasi_identifiers = {"status"};
  options.k = 3;
  Result<KAnonymityReport> report = MeasureKAnonymity(*table, options);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->k_achieved, 1u);
  ASSERT_TRUE(report->solution.has_value());
  EXPECT_EQ(report->solution->k_achieved, 5u);
  EXPECT_EQ(report->solution->columns[0].description, "suppressed");
}

TEST(KAnonymity, BadOptions) {
  KAnonymityOptions options;
  EXPECT_FALSE(MeasureKAnonymity(Patients(), options).ok());
  options.quasi_identifiers = {"nope"};
  EXPECT_FALSE(MeasureKAnonymity(Patients(), options).ok());
  options.quasi_identifiers = {"age"};
  options.k = 0;
  EXPECT_FALSE(MeasureKAnonymity(Patients(), options).ok());
}

}  // namespace
}  // namespace steward::privacy
