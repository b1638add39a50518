#include "steward/fairness/grouping.h"

#include <cmath>

#include <gtest/gtest.h>

namespace steward::fairness {
namespace {

Table SexRaceTable() {
  std::vector<std::string> sex = {"M", "F", "M", "F", "M", ""};
  std::vector<uint8_t> sex_missing = {0, 0, 0, 0, 0, 1};
  std::vector<std::string> race = {"b", "a", "a", "b", "b", "a"};
  return Table::Make(
             Schema::Make({{"sex", ColumnKind::kCategorical},
                           {"race", ColumnKind::kCategorical},
                           {"age", ColumnKind::kNumeric}})
                 .value(),
             {Column::CategoricalFromLabels(sex, sex_missing), Column::CategoricalFromLabels(race),
              Column::Numeric({30, 41, 30, std::nan(""), 41, 30})})
      .value();
}

TEST(GroupRows, MissingValuesFormTheirOwnGroupAndNamesAreSorted) {
  const std::vector<std::string> columns = {"sex"};
  Result<Grouping> grouping = GroupRows(SexRaceTable(), columns, false, "t.csv");
  ASSERT_TRUE(grouping.ok()) << grouping.status().message();
  ASSERT_EQ(grouping->attributes.size(), 1u);
  EXPECT_EQ(grouping->attributes[0].groups, (std::vector<std::string>{"<missing>", "F", "M"}));
  const Attribute& sex = grouping->attributes[0];
  std::vector<std::string> group_of_row;
  for (uint32_t combined : grouping->combined_of_row)
    group_of_row.push_back(sex.groups[sex.group_of_combined[combined]]);
  EXPECT_EQ(group_of_row, (std::vector<std::string>{"M", "F", "M", "F", "M", "<missing>"}));
}

TEST(GroupRows, IntersectionsJoinValuesWithABar) {
  const std::vector<std::string> columns = {"sex", "race"};
  Result<Grouping> grouping = GroupRows(SexRaceTable(), columns, true, "t.csv");
  ASSERT_TRUE(grouping.ok());
  ASSERT_EQ(grouping->attributes.size(), 3u);
  const Attribute& both = grouping->attributes[2];
  EXPECT_EQ(both.name, "sex|race");
  EXPECT_EQ(both.groups, (std::vector<std::string>{"<missing>|a", "F|a", "F|b", "M|a", "M|b"}));
  EXPECT_EQ(grouping->combined_groups, 5u);
  // Each row's intersection group agrees with its groups in each column alone.
  for (size_t row = 0; row < 6; ++row) {
    const uint32_t combined = grouping->combined_of_row[row];
    const std::string joined =
        grouping->attributes[0].groups[grouping->attributes[0].group_of_combined[combined]] + "|" +
        grouping->attributes[1].groups[grouping->attributes[1].group_of_combined[combined]];
    EXPECT_EQ(both.groups[both.group_of_combined[combined]], joined);
  }
}

TEST(GroupRows, NumbersAreGroupedByValue) {
  const std::vector<std::string> columns = {"age"};
  Result<Grouping> grouping = GroupRows(SexRaceTable(), columns, false, "t.csv");
  ASSERT_TRUE(grouping.ok());
  EXPECT_EQ(grouping->attributes[0].groups, (std::vector<std::string>{"30", "41", "<missing>"}));
}

TEST(GroupRows, UnknownOrRepeatedColumnsAreErrorsNamingThem) {
  const std::vector<std::string> unknown = {"sex", "gender"};
  Result<Grouping> grouping = GroupRows(SexRaceTable(), unknown, false, "t.csv");
  ASSERT_FALSE(grouping.ok());
  EXPECT_EQ(grouping.status().message(), "t.csv: sensitive column 'gender' is not in the data");
  const std::vector<std::string> twice = {"sex", "sex"};
  EXPECT_FALSE(GroupRows(SexRaceTable(), twice, false, "t.csv").ok());
}

TEST(GroupRows, RefusesAColumnWithTooManyValues) {
  std::vector<double> ids(kMaxCombinedGroups + 1);
  for (size_t i = 0; i < ids.size(); ++i)
    ids[i] = static_cast<double>(i);
  Table table =
      Table::Make(Schema::Make({{"id", ColumnKind::kNumeric}}).value(), {Column::Numeric(ids)})
          .value();
  const std::vector<std::string> columns = {"id"};
  Result<Grouping> grouping = GroupRows(table, columns, false, "t.csv");
  ASSERT_FALSE(grouping.ok());
  EXPECT_NE(grouping.status().message().find("more than 10000 groups"), std::string::npos);
}

}  // namespace
}  // namespace steward::fairness
