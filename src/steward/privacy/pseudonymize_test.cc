#include "steward/privacy/pseudonymize.h"

#include <gtest/gtest.h>

namespace steward::privacy {
namespace {

Column Text(std::initializer_list<const char*> values) {
  TextValues text;
  for (const char* value : values) {
    if (value == nullptr) {
      text.AppendMissing();
    } else {
      text.Append(value);
    }
  }
  return Column::Text(std::move(text));
}

Table People() {
  Result<Schema> schema = Schema::Make({{"id", ColumnKind::kText},
                                        {"phone", ColumnKind::kText},
                                        {"age", ColumnKind::kText},
                                        {"zip", ColumnKind::kText},
                                        {"name", ColumnKind::kText}});
  Result<Table> table = Table::Make(
      *schema,
      {Text({"c1", "c2", "c1"}), Text({"+44 20 7946 0958", nullptr, "(415) 555-2671"}),
       Text({"34", "41", "39.5"}), Text({"02139", "10115", "0213"}), Text({"Ann", "Bob", "Cy"})});
  EXPECT_TRUE(table.ok());
  return std::move(table).value();
}

TEST(Pseudonymize, AppliesEachOptionToItsColumn) {
  PseudonymizeOptions options;
  options.pseudonymize = {"id"};
  options.mask = {"phone"};
  options.generalize = {*ParseGeneralization("age:10"), *ParseGeneralization("zip:3")};
  options.drop = {"name"};
  const PseudonymKey key{};
  Result<Table> out = Pseudonymize(People(), key, options);
  ASSERT_TRUE(out.ok()) << out.status().message();
  ASSERT_EQ(out->num_columns(), 4u);
  const TextValues& id = out->column(0).text();
  EXPECT_EQ(id.at(0), Pseudonym(key, "c1"));
  EXPECT_EQ(id.at(0), id.at(2));  // same subject, same pseudonym: joins still work
  EXPECT_NE(id.at(0), id.at(1));
  EXPECT_EQ(out->column(1).text().at(0), "+## ## #### ####");
  EXPECT_TRUE(out->column(1).IsMissing(1));
  EXPECT_EQ(out->column(2).text().at(0), "[30, 40)");  // 39.5 makes the bins non-integer
  EXPECT_EQ(out->column(3).text().at(0), "021**");
  EXPECT_EQ(out->column(3).text().at(2), "021*");
}

TEST(Pseudonymize, IntegerBinsReadAsRanges) {
  PseudonymizeOptions options;
  options.generalize = {*ParseGeneralization("zip:bin1000")};
  Result<Table> out = Pseudonymize(People(), PseudonymKey{}, options);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->column(3).text().at(1), "10000-10999");
}

TEST(Pseudonymize, BadOptionsNameTheColumn) {
  PseudonymizeOptions unknown;
  unknown.drop = {"nope"};
  Result<Table> out = Pseudonymize(People(), PseudonymKey{}, unknown);
  EXPECT_NE(out.status().message().find("unknown column 'nope'"), std::string::npos);
  PseudonymizeOptions twice;
  twice.drop = {"id"};
  twice.mask = {"id"};
  EXPECT_FALSE(Pseudonymize(People(), PseudonymKey{}, twice).ok());
  PseudonymizeOptions not_numbers;
  not_numbers.generalize = {*ParseGeneralization("name:bin10")};
  out = Pseudonymize(People(), PseudonymKey{}, not_numbers);
  EXPECT_NE(out.status().message().find("column 'name', row 1"), std::string::npos);
  EXPECT_EQ(out.status().message().find("Ann"), std::string::npos);
}

TEST(Generalization, Parses) {
  EXPECT_EQ(ParseGeneralization("age:10")->mode, Generalization::Mode::kAuto);
  EXPECT_EQ(ParseGeneralization("zip:prefix3")->mode, Generalization::Mode::kPrefix);
  EXPECT_FALSE(ParseGeneralization("age").ok());
  EXPECT_FALSE(ParseGeneralization("age:0").ok());
  EXPECT_FALSE(ParseGeneralization("zip:prefix2.5").ok());
}

}  // namespace
}  // namespace steward::privacy
