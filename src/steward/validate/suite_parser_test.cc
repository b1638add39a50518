#include "steward/validate/suite_parser.h"

#include <string>

#include <gtest/gtest.h>

#include "steward/testing/temp_dir.h"

namespace steward::validate {
namespace {

constexpr std::string_view kFullSuite = R"(# Steward validation suite
format = 1
[table]
min_rows = 100
max_rows = 5000
max_duplicate_rows = 0
absent_columns = ["ssn"]
allow_extra_columns = false

[[column]]
name = "age"
kind = "numeric"
required = true
not_null = true
max_missing_rate = 0.05
unique = true
min = 18
max = 120.5
allowed = [18, 19.5]
mean = { min = 30.0, max = 50.0 }
quantiles = [ { q = 0.5, min = 35.0, max = 45.0 }, { q = 0.9, max = 70 } ]
max_outlier_rate = { method = "iqr", rate = 0.01 }

[[column]]
name = "code"
kind = "text"
required = false
allowed = ["a", "b"]
regex = '^[A-Z]{2}\d+$'
min_length = 1
max_length = 40

[[column]]
name = "seen"
min = "2020-01-01"
max = "2024-12-31T23:59:59Z"

[[column]]
name = "flag"
kind = "boolean"
allowed = ["true"]

[[column]]
name = "rate"
max_outlier_rate = { method = "mad", rate = 0 }

[[row]]
name = "adults or consent"
expect = 'age >= 18 or consent == "yes"'
)";

std::string SuiteErrorOf(std::string_view text) {
  Result<Suite> suite = ParseSuite(text, "s.toml");
  EXPECT_FALSE(suite.ok()) << text;
  return suite.ok() ? "" : suite.status().message();
}

// A suite with one [[column]] entry holding `body`.
std::string ColumnError(std::string_view body) {
  return SuiteErrorOf("format = 1\n[[column]]\nname = \"c\"\n" + std::string(body) + "\n");
}

TEST(SuiteParser, ReadsEveryKey) {
  Result<Suite> parsed = ParseSuite(kFullSuite, "s.toml");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  const Suite& suite = *parsed;
  EXPECT_EQ(suite.table.min_rows, 100u);
  EXPECT_EQ(suite.table.max_rows, 5000u);
  EXPECT_EQ(suite.table.max_duplicate_rows, 0u);
  EXPECT_EQ(suite.table.absent_columns, std::vector<std::string>{"ssn"});
  EXPECT_FALSE(suite.table.allow_extra_columns);
  ASSERT_EQ(suite.columns.size(), 5u);

  const ColumnExpectations& age = suite.columns[0];
  EXPECT_EQ(age.name, "age");
  EXPECT_EQ(age.kind, ColumnKind::kNumeric);
  EXPECT_TRUE(age.required);
  EXPECT_TRUE(age.not_null);
  EXPECT_EQ(age.max_missing_rate, 0.05);
  EXPECT_TRUE(age.unique);
  EXPECT_EQ(age.min, Bound(18.0));
  EXPECT_EQ(age.max, Bound(120.5));
  EXPECT_EQ(age.allowed, AllowedValues(std::vector<double>{18, 19.5}));
  EXPECT_EQ(age.mean, (NumberRange{30.0, 50.0}));
  ASSERT_EQ(age.quantiles.size(), 2u);
  EXPECT_EQ(age.quantiles[0], (QuantileExpectation{0.5, 35.0, 45.0}));
  EXPECT_EQ(age.quantiles[1], (QuantileExpectation{0.9, std::nullopt, 70.0}));
  EXPECT_EQ(age.max_outlier_rate, (OutlierExpectation{OutlierMethod::kIqr, 0.01}));
  EXPECT_EQ(age.location.line, 11u);
  EXPECT_EQ(age.location.column, 8u);

  const ColumnExpectations& code = suite.columns[1];
  EXPECT_EQ(code.kind, ColumnKind::kText);
  EXPECT_FALSE(code.required);
  EXPECT_FALSE(code.not_null);
  EXPECT_EQ(code.allowed, AllowedValues(std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(code.regex, "^[A-Z]{2}\\d+$");
  EXPECT_EQ(code.min_length, 1u);
  EXPECT_EQ(code.max_length, 40u);

  const ColumnExpectations& seen = suite.columns[2];
  EXPECT_FALSE(seen.kind);
  EXPECT_EQ(seen.min, Bound(TimestampBound{1577836800000000}));
  EXPECT_EQ(seen.max, Bound(TimestampBound{1735689599000000}));

  EXPECT_EQ(suite.columns[3].allowed, AllowedValues(std::vector<std::string>{"true"}));
  EXPECT_EQ(suite.columns[4].max_outlier_rate, (OutlierExpectation{OutlierMethod::kMad, 0}));

  ASSERT_EQ(suite.rows.size(), 1u);
  EXPECT_EQ(suite.rows[0].name, "adults or consent");
  EXPECT_EQ(suite.rows[0].expect, "age >= 18 or consent == \"yes\"");
  EXPECT_EQ(suite.rows[0].location.file, "s.toml");
  EXPECT_EQ(suite.rows[0].location.line, 49u);
  EXPECT_EQ(suite.rows[0].location.column, 11u);
  EXPECT_TRUE(suite.rows[0].location.verbatim);
}

TEST(SuiteParser, DefaultsWhenKeysAreLeftOut) {
  Result<Suite> suite = ParseSuite("format = 1\n[[column]]\nname = \"x\"\n", "s.toml");
  ASSERT_TRUE(suite.ok()) << suite.status().message();
  EXPECT_EQ(suite->table, TableExpectations{});
  ASSERT_EQ(suite->columns.size(), 1u);
  ColumnExpectations expected;
  expected.name = "x";
  expected.location = suite->columns[0].location;
  EXPECT_EQ(suite->columns[0], expected);
}

TEST(SuiteParser, NeedsFormatOne) {
  EXPECT_EQ(SuiteErrorOf(""), "s.toml:1:1: missing 'format = 1' (the suite format version)");
  EXPECT_EQ(SuiteErrorOf("[table]\nmin_rows = 1\n"),
            "s.toml:1:1: missing 'format = 1' (the suite format version)");
  EXPECT_EQ(SuiteErrorOf("format = 2\n"),
            "s.toml:1:10: unsupported suite format; this version of steward reads format = 1");
  EXPECT_EQ(SuiteErrorOf("format = \"1\"\n"),
            "s.toml:1:10: unsupported suite format; this version of steward reads format = 1");
}

TEST(SuiteParser, ReportsTomlSyntaxErrorsWithLineAndColumn) {
  const std::string message = SuiteErrorOf("format = 1\n[table\nmin_rows = 1\n");
  EXPECT_EQ(message.substr(0, 12), "s.toml:2:7: ") << message;
  EXPECT_EQ(SuiteErrorOf("format = 1\nformat = 1\n").substr(0, 9), "s.toml:2:");
}

TEST(SuiteParser, RejectsUnknownKeys) {
  EXPECT_EQ(SuiteErrorOf("format = 1\nversion = 3\n"),
            "s.toml:2:1: unknown key \"version\" in the suite (known: format, table, column, row)");
  EXPECT_EQ(SuiteErrorOf("format = 1\n[table]\nmin_row = 3\n"),
            "s.toml:3:1: unknown key \"min_row\" in [table] (known: min_rows, max_rows, "
            "max_duplicate_rows, absent_columns, allow_extra_columns)");
  EXPECT_EQ(ColumnError("nullable = true").substr(0, 48),
            "s.toml:4:1: unknown key \"nullable\" in [[column]]");
  EXPECT_EQ(ColumnError("mean = { min = 1, avg = 2 }"),
            "s.toml:4:19: unknown key \"avg\" in column \"c\": mean (known: min, max)");
  EXPECT_EQ(SuiteErrorOf("format = 1\n[[row]]\nname = \"r\"\nexpect = 'true'\nwhy = 1\n"),
            "s.toml:5:1: unknown key \"why\" in [[row]] (known: name, expect)");
}

TEST(SuiteParser, RejectsValuesOfTheWrongType) {
  EXPECT_EQ(SuiteErrorOf("format = 1\ntable = 3\n"),
            "s.toml:2:9: [table] must be a table, got an integer");
  EXPECT_EQ(SuiteErrorOf("format = 1\n[table]\nmin_rows = \"100\"\n"),
            "s.toml:3:12: [table] min_rows must be a non-negative integer, got a string");
  EXPECT_EQ(SuiteErrorOf("format = 1\n[table]\nmax_rows = -1\n"),
            "s.toml:3:12: [table] max_rows must be a non-negative integer, got -1");
  EXPECT_EQ(SuiteErrorOf("format = 1\n[table]\nallow_extra_columns = 0\n"),
            "s.toml:3:23: [table] allow_extra_columns must be true or false, got an integer");
  EXPECT_EQ(SuiteErrorOf("format = 1\n[table]\nabsent_columns = [\"a\", 1]\n"),
            "s.toml:3:24: [table] absent_columns entry must be a string, got an integer");
  EXPECT_EQ(SuiteErrorOf("format = 1\ncolumn = 1\n"),
            "s.toml:2:10: [[column]] must be an array, got an integer");
  EXPECT_EQ(SuiteErrorOf("format = 1\ncolumn = [1]\n"),
            "s.toml:2:11: [[column]] entry must be a table, got an integer");
  EXPECT_EQ(ColumnError("not_null = \"yes\""),
            "s.toml:4:12: column \"c\": not_null must be true or false, got a string");
  EXPECT_EQ(ColumnError("min = 2024-01-01"),
            "s.toml:4:7: column \"c\": min must be a number, or an ISO 8601 string for a "
            "timestamp column, got a date");
  EXPECT_EQ(ColumnError("min = nan"), "s.toml:4:7: column \"c\": min must be a number, got nan");
  EXPECT_EQ(ColumnError("min = \"yesterday\""),
            "s.toml:4:7: column \"c\": min \"yesterday\" is not an ISO 8601 timestamp");
  EXPECT_EQ(ColumnError("allowed = [\"a\", 1]"),
            "s.toml:4:17: column \"c\": allowed must hold only strings or only numbers, got an "
            "integer");
  EXPECT_EQ(ColumnError("allowed = [true]"),
            "s.toml:4:12: column \"c\": allowed must hold only strings or only numbers, got a "
            "boolean");
  EXPECT_EQ(ColumnError("allowed = []"),
            "s.toml:4:11: column \"c\": allowed must list at least one value");
  EXPECT_EQ(ColumnError("regex = 5"),
            "s.toml:4:9: column \"c\": regex must be a string, got an integer");
  EXPECT_EQ(ColumnError("mean = 3"),
            "s.toml:4:8: column \"c\": mean must be a table, got an integer");
  EXPECT_EQ(ColumnError("quantiles = { q = 0.5 }"),
            "s.toml:4:13: column \"c\": quantiles must be an array, got a table");
  EXPECT_EQ(ColumnError("max_length = 1.5"),
            "s.toml:4:14: column \"c\": max_length must be a non-negative integer, got a float");
  EXPECT_EQ(SuiteErrorOf("format = 1\n[[column]]\nname = 7\n"),
            "s.toml:3:8: [[column]] name must be a string, got an integer");
}

TEST(SuiteParser, RejectsBadKindsAndMissingNames) {
  EXPECT_EQ(ColumnError("kind = \"integer\""),
            "s.toml:4:8: column \"c\": unknown kind \"integer\" (expected numeric, "
            "categorical, text, timestamp or boolean)");
  // Found by suite_fuzzer: the kind was echoed with its line break.
  EXPECT_EQ(ColumnError("kind = \"boole\\n\""),
            "s.toml:4:8: column \"c\": unknown kind \"boole\\x0A\" (expected numeric, "
            "categorical, text, timestamp or boolean)");
  EXPECT_EQ(SuiteErrorOf("format = 1\n[[column]]\nkind = \"text\"\n"),
            "s.toml:2:1: [[column]] entry without a name");
  EXPECT_EQ(SuiteErrorOf("format = 1\n[[column]]\nname = \"\"\n"),
            "s.toml:3:8: [[column]] name is empty");
}

TEST(SuiteParser, RejectsEmptyRanges) {
  EXPECT_EQ(SuiteErrorOf("format = 1\n[table]\nmin_rows = 5\nmax_rows = 4\n"),
            "s.toml:4:12: [table] min_rows is greater than max_rows");
  EXPECT_EQ(ColumnError("min = 5\nmax = 4"), "s.toml:5:7: column \"c\": min is greater than max");
  EXPECT_EQ(ColumnError("min = \"2024-01-02\"\nmax = \"2024-01-01\""),
            "s.toml:5:7: column \"c\": min is greater than max");
  EXPECT_EQ(ColumnError("min = 5\nmax = \"2024-01-01\""),
            "s.toml:5:7: column \"c\": min and max must both be numbers or both timestamps");
  EXPECT_EQ(ColumnError("min_length = 5\nmax_length = 4"),
            "s.toml:5:14: column \"c\": min_length is greater than max_length");
  EXPECT_EQ(ColumnError("mean = { min = 2, max = 1 }"),
            "s.toml:4:25: column \"c\": mean min is greater than max");
  EXPECT_EQ(ColumnError("mean = {}"), "s.toml:4:8: column \"c\": mean needs min, max or both");
  EXPECT_EQ(ColumnError("quantiles = [ { q = 0.5, min = 2, max = 1 } ]"),
            "s.toml:4:41: column \"c\": quantile 0.5 min is greater than max");
  EXPECT_EQ(ColumnError("quantiles = [ { q = 0.5 } ]"),
            "s.toml:4:15: column \"c\": quantile 0.5 needs min, max or both");
  EXPECT_EQ(ColumnError("quantiles = [ { min = 1 } ]"),
            "s.toml:4:15: column \"c\": quantiles entry without q");
  EXPECT_EQ(ColumnError("quantiles = [ { q = 0.5, min = 1 }, { q = 0.5, max = 2 } ]"),
            "s.toml:4:43: column \"c\": quantile 0.5 is listed twice");
}

TEST(SuiteParser, RejectsRatesOutsideZeroToOne) {
  EXPECT_EQ(ColumnError("max_missing_rate = 1.5"),
            "s.toml:4:20: column \"c\": max_missing_rate must be between 0 and 1, got 1.5");
  EXPECT_EQ(ColumnError("max_missing_rate = -0.1"),
            "s.toml:4:20: column \"c\": max_missing_rate must be between 0 and 1, got -0.1");
  EXPECT_EQ(ColumnError("quantiles = [ { q = 2, max = 1 } ]"),
            "s.toml:4:21: column \"c\": quantiles q must be between 0 and 1, got 2");
  EXPECT_EQ(ColumnError("max_outlier_rate = { method = \"iqr\", rate = 5 }"),
            "s.toml:4:45: column \"c\": max_outlier_rate rate must be between 0 and 1, got 5");
  EXPECT_EQ(ColumnError("max_outlier_rate = { method = \"zscore\", rate = 0.1 }"),
            "s.toml:4:31: column \"c\": max_outlier_rate method must be \"iqr\" or \"mad\", got "
            "\"zscore\"");
  EXPECT_EQ(ColumnError("max_outlier_rate = { rate = 0.1 }"),
            "s.toml:4:20: column \"c\": max_outlier_rate needs method and rate");
}

TEST(SuiteParser, RejectsExpectationsForAnotherKind) {
  EXPECT_EQ(
      ColumnError("kind = \"categorical\"\nmin = 3"),
      "s.toml:5:7: column \"c\": min applies to numeric columns, not to a categorical column");
  EXPECT_EQ(ColumnError("kind = \"numeric\"\nmin = \"2024-01-01\""),
            "s.toml:5:7: column \"c\": min applies to timestamp columns, not to a numeric column");
  EXPECT_EQ(ColumnError("kind = \"numeric\"\nregex = 'a'"),
            "s.toml:5:9: column \"c\": regex applies to categorical or text columns, not to a "
            "numeric column");
  EXPECT_EQ(ColumnError("kind = \"text\"\nmean = { min = 1 }"),
            "s.toml:5:8: column \"c\": mean applies to numeric columns, not to a text column");
  EXPECT_EQ(ColumnError("kind = \"numeric\"\nallowed = [\"a\"]"),
            "s.toml:5:11: column \"c\": allowed applies to categorical, text or boolean columns, "
            "not to a numeric column");
  EXPECT_EQ(ColumnError("kind = \"boolean\"\nallowed = [\"yes\"]"),
            "s.toml:5:12: column \"c\": allowed of a boolean column holds \"true\" or \"false\", "
            "got \"yes\"");
  EXPECT_EQ(ColumnError("kind = \"timestamp\"\nmax_length = 3"),
            "s.toml:5:14: column \"c\": max_length applies to categorical or text columns, not "
            "to a timestamp column");
}

TEST(SuiteParser, RejectsInvalidRegexes) {
  EXPECT_EQ(ColumnError("regex = '(abc'"),
            "s.toml:4:9: column \"c\": invalid regex: missing ): (abc");
  EXPECT_EQ(ColumnError("regex = '\\p{Nope}'"),
            "s.toml:4:9: column \"c\": invalid regex: invalid character class range: \\p{Nope}");
}

TEST(SuiteParser, RejectsDuplicateEntries) {
  EXPECT_EQ(SuiteErrorOf("format = 1\n[[column]]\nname = \"a\"\n[[column]]\nname = \"a\"\n"),
            "s.toml:5:8: duplicate [[column]] entry for \"a\" (first at line 3)");
  EXPECT_EQ(
      SuiteErrorOf("format = 1\n[[row]]\nname = \"r\"\nexpect = 'true'\n[[row]]\nname = \"r\"\n"
                   "expect = 'false'\n"),
      "s.toml:6:8: duplicate [[row]] name \"r\" (first at line 3)");
  EXPECT_EQ(
      SuiteErrorOf("format = 1\n[table]\nabsent_columns = [\"a\"]\n[[column]]\nname = \"a\"\n"),
      "s.toml:5:8: column \"a\" is both required and in [table] absent_columns");
  EXPECT_EQ(SuiteErrorOf("format = 1\n[[row]]\nname = \"r\"\n"),
            "s.toml:2:1: [[row]] entry needs a name and an expect");
  EXPECT_EQ(SuiteErrorOf("format = 1\n[[row]]\nname = \"\"\nexpect = 'true'\n"),
            "s.toml:3:8: [[row]] name is empty");
}

TEST(SuiteParser, PointsExpressionErrorsInsideTheExpectString) {
  // A literal string: the column is exact.
  EXPECT_EQ(SuiteErrorOf("format = 1\n[[row]]\nname = \"r\"\nexpect = 'age >= 18 or'\n"),
            "s.toml:4:23: row \"r\", offset 12: expected a value (a column, a literal or '('), "
            "found the end");
  // A basic string without escapes: exact as well, counting code points.
  EXPECT_EQ(SuiteErrorOf("format = 1\n[[row]]\nname = \"r\"\nexpect = \"`é` == 1 = 2\"\n"),
            "s.toml:4:20: row \"r\", offset 10: unexpected '='; use '==' to compare");
  // Escapes shift characters: the string's first character, and the offset.
  EXPECT_EQ(SuiteErrorOf("format = 1\n[[row]]\nname = \"r\"\nexpect = \"s == \\\"a\\\" = 2\"\n"),
            "s.toml:4:11: row \"r\", offset 9: unexpected '='; use '==' to compare");
  // Multi-line strings likewise.
  EXPECT_EQ(SuiteErrorOf("format = 1\n[[row]]\nname = \"r\"\nexpect = '''\nx >\n 1 2'''\n"),
            "s.toml:4:10: row \"r\", offset 7: expected an operator or the end, found a number");
}

TEST(SuiteParser, TypeChecksExpressionsOverDeclaredKinds) {
  EXPECT_EQ(SuiteErrorOf("format = 1\n[[column]]\nname = \"age\"\nkind = \"numeric\"\n[[row]]\n"
                         "name = \"r\"\nexpect = 'age == \"old\"'\n"),
            "s.toml:7:15: row \"r\", offset 4: cannot compare numeric column `age` with a string "
            "(numbers compare with numeric and boolean columns, strings with categorical, text "
            "and timestamp columns)");
  // An undeclared column leaves the check to Validate(), which sees the data.
  EXPECT_TRUE(
      ParseSuite("format = 1\n[[row]]\nname = \"r\"\nexpect = 'age == \"old\"'\n", "s").ok());
}

TEST(SuiteParser, LoadsFiles) {
  steward::testing::TempDir dir;
  const std::string path = dir.Write("suite.toml", "format = 1\n[table]\nmin_rows = 2\n");
  Result<Suite> suite = LoadSuite(path);
  ASSERT_TRUE(suite.ok()) << suite.status().message();
  EXPECT_EQ(suite->table.min_rows, 2u);
  EXPECT_EQ(LoadSuite(dir.Path("none.toml")).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(LoadSuite(dir.Path("none.toml")).status().message(),
            "suite file '" + dir.Path("none.toml") + "' does not exist");
  EXPECT_EQ(LoadSuite(dir.path()).status().message(),
            "suite file '" + dir.path() + "' is not a regular file");
  const std::string empty = dir.Write("empty.toml", "");
  EXPECT_EQ(LoadSuite(empty).status().message(),
            empty + ":1:1: missing 'format = 1' (the suite format version)");
  const std::string broken = dir.Write("broken.toml", "format = 1\nmin_rows = 1\n");
  EXPECT_EQ(LoadSuite(broken).status().message(),
            broken +
                ":2:1: unknown key \"min_rows\" in the suite (known: format, table, column, "
                "row)");
}

}  // namespace
}  // namespace steward::validate
