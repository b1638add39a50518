#include "steward/validate/suite_writer.h"

#include <cmath>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "steward/validate/suite_parser.h"

namespace steward::validate {
namespace {

// The suite without source locations, which parsing adds and code-built suites lack.
Suite WithoutLocations(Suite suite) {
  for (ColumnExpectations& column : suite.columns)
    column.location = {};
  for (RowExpectation& row : suite.rows)
    row.location = {};
  return suite;
}

// Writes, parses and compares; returns the text.
std::string RoundTrip(const Suite& suite) {
  const std::string text = SuiteToToml(suite);
  Result<Suite> parsed = ParseSuite(text, "written.toml");
  EXPECT_TRUE(parsed.ok()) << parsed.status().message() << "\n" << text;
  if (parsed.ok()) {
    EXPECT_EQ(WithoutLocations(*parsed), WithoutLocations(suite)) << text;
    EXPECT_EQ(SuiteToToml(*parsed), text);
  }
  return text;
}

// Found by the suite fuzzer: "-0" is the integer 0, so -0.0 is written as a float.
TEST(SuiteWriter, NegativeZeroKeepsItsSign) {
  Suite suite;
  ColumnExpectations column;
  column.name = "x";
  column.mean = NumberRange{-0.0, 50.0};
  suite.columns.push_back(column);
  EXPECT_NE(RoundTrip(suite).find("mean = { min = -0.0, max = 50 }"), std::string::npos);
}

TEST(SuiteWriter, WritesAReadableSuite) {
  Suite suite;
  suite.table.min_rows = 100;
  suite.table.absent_columns = {"ssn"};
  ColumnExpectations age;
  age.name = "age";
  age.kind = ColumnKind::kNumeric;
  age.not_null = true;
  age.min = 18.0;
  age.max = 120.0;
  age.mean = NumberRange{30.0, std::nullopt};
  age.quantiles = {{0.5, 35.0, 45.5}};
  age.max_outlier_rate = OutlierExpectation{OutlierMethod::kMad, 0.01};
  suite.columns.push_back(age);
  suite.rows.push_back({"adults", "age >= 18 or consent == \"yes\"", {}});
  EXPECT_EQ(RoundTrip(suite),
            "# Steward validation suite: run it with `steward validate DATA --suite FILE`.\n"
            "# Format and expression grammar: docs/formats/suite.md. Rows fail only where an\n"
            "# expectation is false; a missing value makes a comparison unknown, which passes.\n"
            "format = 1\n"
            "\n"
            "[table]\n"
            "min_rows = 100\n"
            "absent_columns = [\"ssn\"]\n"
            "\n"
            "[[column]]\n"
            "name = \"age\"\n"
            "kind = \"numeric\"\n"
            "not_null = true\n"
            "min = 18\n"
            "max = 120\n"
            "mean = { min = 30 }\n"
            "quantiles = [\n"
            "  { q = 0.5, min = 35, max = 45.5 },\n"
            "]\n"
            "max_outlier_rate = { method = \"mad\", rate = 0.01 }\n"
            "\n"
            "[[row]]\n"
            "name = \"adults\"\n"
            "expect = 'age >= 18 or consent == \"yes\"'\n");
}

TEST(SuiteWriter, AnEmptySuiteIsJustTheFormat) {
  const std::string text = RoundTrip(Suite{});
  EXPECT_EQ(text.substr(text.find("\nformat") + 1), "format = 1\n");
}

TEST(SuiteWriter, EscapesStringsAndKeepsEveryNumberExact) {
  Suite suite;
  suite.table.max_rows = 5000;
  suite.table.max_duplicate_rows = 0;
  suite.table.allow_extra_columns = false;
  suite.table.absent_columns = {"a \"quoted\" \\ name", "tab\there", "new\nline\x01\x7F"};

  ColumnExpectations text;
  text.name = "naïve \"col\" ✓";
  text.kind = ColumnKind::kText;
  text.required = false;
  text.max_missing_rate = 0.1;
  text.unique = true;
  text.allowed = std::vector<std::string>{"it's", "a\\b", ""};
  text.regex = "^it's \\d+$";
  text.min_length = 0;
  text.max_length = 40;
  suite.columns.push_back(text);

  ColumnExpectations numbers;
  numbers.name = "x";
  numbers.min = -0.1;
  numbers.max = 1e300;
  numbers.allowed = std::vector<double>{1.0 / 3, 9223372036854775808.0, -1e-300, 5e-324,
                                        std::numeric_limits<double>::infinity()};
  numbers.quantiles = {{0.25, -std::numeric_limits<double>::infinity(), 2.5},
                       {1.0 / 3, std::nullopt, 0.1}};
  numbers.max_outlier_rate = OutlierExpectation{OutlierMethod::kIqr, 0};
  suite.columns.push_back(numbers);

  ColumnExpectations when;
  when.name = "when";
  when.kind = ColumnKind::kTimestamp;
  when.min = TimestampBound{-86400000000};
  when.max = TimestampBound{1577836800123456};
  suite.columns.push_back(when);

  ColumnExpectations flag;
  flag.name = "flag";
  flag.kind = ColumnKind::kBoolean;
  flag.allowed = std::vector<std::string>{"false"};
  suite.columns.push_back(flag);

  suite.rows.push_back({"quote's", "`it's` == \"a'b\" or x > 1", {}});
  suite.rows.push_back({"line\nbreak", "s == \"back\\\\slash\"", {}});
  const std::string written = RoundTrip(suite);
  EXPECT_NE(written.find("regex = \"^it's \\\\d+$\""), std::string::npos) << written;
  EXPECT_NE(written.find("expect = 's == \"back\\\\slash\"'"), std::string::npos) << written;
  EXPECT_NE(written.find("9223372036854775808.0"), std::string::npos) << written;
}

}  // namespace
}  // namespace steward::validate
