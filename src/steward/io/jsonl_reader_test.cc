#include "steward/io/jsonl_reader.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "steward/io/atomic_file.h"
#include "steward/io/data_source.h"
#include "steward/testing/temp_dir.h"

namespace steward::io {
namespace {

using ::steward::testing::TempDir;

CsvOptions Options(BadRowPolicy bad_rows = BadRowPolicy::kError, size_t infer_rows = 20'000) {
  CsvOptions options;
  options.bad_rows = bad_rows;
  options.infer_rows = infer_rows;
  return options;
}

Result<ReadResult> ReadFile(const std::string& path, const CsvOptions& options = Options(),
                            size_t batch_rows = 100) {
  STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<JsonLinesReader> reader,
                           JsonLinesReader::Open(path, options, batch_rows));
  return ReadAll(*reader);
}

// The error of reading `contents` as data.jsonl, with the file's path replaced by "data.jsonl"
// so that expectations read as the messages users see.
std::string ErrorOf(const TempDir& dir, std::string_view contents,
                    const CsvOptions& options = Options()) {
  const std::string path = dir.Write("data.jsonl", contents);
  Result<ReadResult> result = ReadFile(path, options);
  if (result.ok())
    return "(no error)";
  std::string message = result.status().message();
  if (message.rfind(path, 0) == 0)
    message.replace(0, path.size(), "data.jsonl");
  return message;
}

std::vector<std::string> Names(const Table& table) {
  std::vector<std::string> names;
  for (size_t c = 0; c < table.num_columns(); ++c)
    names.push_back(table.name(c));
  return names;
}

std::vector<std::string> Values(const Table& table, std::string_view name) {
  Result<const Column*> column = table.ColumnByName(name);
  EXPECT_TRUE(column.ok()) << column.status().message();
  std::vector<std::string> values;
  if (!column.ok())
    return values;
  for (size_t row = 0; row < table.num_rows(); ++row) {
    values.push_back((*column)->IsMissing(row) ? "<missing>" : (*column)->ValueToString(row));
  }
  return values;
}

ColumnKind KindOf(const Table& table, std::string_view name) {
  return table.schema().field(*table.schema().Find(name)).kind;
}

using Strings = std::vector<std::string>;

TEST(JsonLinesReader, ReadsEachJsonTypeIntoItsKind) {
  TempDir dir;
  const std::string path =
      dir.Write("data.jsonl", R"({"n": 1.5, "b": true, "s": "x", "t": "2024-01-02T03:04:05Z"})"
                              "\n"
                              R"({"n": -2, "b": false, "s": "y", "t": "2024-01-03"})"
                              "\n");
  Result<ReadResult> result = ReadFile(path);
  ASSERT_TRUE(result.ok()) << result.status().message();
  const Table& table = result->table;
  EXPECT_EQ(Names(table), (Strings{"n", "b", "s", "t"}));
  EXPECT_EQ(KindOf(table, "n"), ColumnKind::kNumeric);
  EXPECT_EQ(KindOf(table, "b"), ColumnKind::kBoolean);
  EXPECT_EQ(KindOf(table, "s"), ColumnKind::kCategorical);
  EXPECT_EQ(KindOf(table, "t"), ColumnKind::kTimestamp);
  EXPECT_EQ(table.column(0).numeric()[0], 1.5);
  EXPECT_EQ(table.column(0).numeric()[1], -2.0);
  EXPECT_EQ(Values(table, "b"), (Strings{"true", "false"}));
  EXPECT_EQ(Values(table, "s"), (Strings{"x", "y"}));
  EXPECT_EQ(Values(table, "t"), (Strings{"2024-01-02T03:04:05Z", "2024-01-03T00:00:00Z"}));
  EXPECT_EQ(result->stats.rows, 2u);
  EXPECT_EQ(result->stats.sampled_records, 2u);
  EXPECT_EQ(result->stats.bytes, std::filesystem::file_size(path));
}

TEST(JsonLinesReader, ColumnsAreInOrderOfFirstAppearance) {
  TempDir dir;
  const std::string path =
      dir.Write("data.jsonl", "{\"b\": 1}\n{\"a\": 2, \"b\": 3}\n{\"c\": true, \"a\": 4}\n");
  Result<ReadResult> result = ReadFile(path);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(Names(result->table), (Strings{"b", "a", "c"}));
  EXPECT_EQ(Values(result->table, "a"), (Strings{"<missing>", "2", "4"}));
  EXPECT_EQ(Values(result->table, "c"), (Strings{"<missing>", "<missing>", "true"}));
}

TEST(JsonLinesReader, NullAbsentKeyAndMissingTokensAreMissing) {
  TempDir dir;
  const std::string path = dir.Write("data.jsonl",
                                     "{\"n\": 1, \"s\": \"a\"}\n"
                                     "{\"n\": null, \"s\": null}\n"
                                     "{}\n"
                                     "{\"n\": \"NA\", \"s\": \"\"}\n"
                                     "{\"n\": 2, \"s\": \"N/A\"}\n");
  Result<ReadResult> result = ReadFile(path);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(KindOf(result->table, "n"), ColumnKind::kNumeric);
  EXPECT_EQ(KindOf(result->table, "s"), ColumnKind::kCategorical);
  EXPECT_EQ(Values(result->table, "n"), (Strings{"1", "<missing>", "<missing>", "<missing>", "2"}));
  EXPECT_EQ(Values(result->table, "s"),
            (Strings{"a", "<missing>", "<missing>", "<missing>", "<missing>"}));
}

TEST(JsonLinesReader, ColumnWithoutValuesIsNumericAndMissing) {
  TempDir dir;
  Result<ReadResult> result =
      ReadFile(dir.Write("data.jsonl", "{\"a\": 1, \"z\": null}\n{\"a\": 2}\n"));
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(KindOf(result->table, "z"), ColumnKind::kNumeric);
  EXPECT_EQ(result->table.column(1).MissingCount(), 2u);
}

TEST(JsonLinesReader, BlankLinesAreSkippedAndCounted) {
  TempDir dir;
  Result<ReadResult> result =
      ReadFile(dir.Write("data.jsonl", "\n{\"a\": 1}\n\n  \t\n{\"a\": 2}\n\r\n"));
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->stats.rows, 2u);
  EXPECT_EQ(result->stats.blank_lines, 4u);
  EXPECT_EQ(Values(result->table, "a"), (Strings{"1", "2"}));
}

TEST(JsonLinesReader, ErrorLineNumbersCountBlankLines) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, "{\"a\": 1}\n\n\n{\"a\": 1, \"a\": 2}\n"),
            "data.jsonl:4: duplicate key 'a'");
}

TEST(JsonLinesReader, CrlfLineEndingsAreAccepted) {
  TempDir dir;
  Result<ReadResult> result =
      ReadFile(dir.Write("data.jsonl", "{\"a\": \"x\"}\r\n{\"a\": \"y\"}\r\n"));
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(Values(result->table, "a"), (Strings{"x", "y"}));
  EXPECT_EQ(result->stats.blank_lines, 0u);
}

TEST(JsonLinesReader, ByteOrderMarkAtTheStartIsSkipped) {
  TempDir dir;
  Result<ReadResult> result =
      ReadFile(dir.Write("data.jsonl", "\xEF\xBB\xBF{\"a\": 1}\n{\"a\": 2}"));
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(Names(result->table), (Strings{"a"}));
  EXPECT_EQ(Values(result->table, "a"), (Strings{"1", "2"}));
}

// nlohmann skips a byte order mark at the start of each value it parses, so files with one
// can be concatenated.
TEST(JsonLinesReader, ByteOrderMarkAtTheStartOfALaterLineIsSkipped) {
  TempDir dir;
  Result<ReadResult> result =
      ReadFile(dir.Write("data.jsonl", "{\"a\": 1}\n\xEF\xBB\xBF{\"a\": 2}\n"));
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(Values(result->table, "a"), (Strings{"1", "2"}));
}

TEST(JsonLinesReader, ByteOrderMarkInsideALineIsInvalidJson) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, "{\"a\": 1}\n \xEF\xBB\xBF{\"a\": 2}\n"),
            R"(data.jsonl:2: invalid JSON at byte 2: syntax error while parsing value - invalid )"
            R"(literal; last read: ' \xEF')");
}

TEST(JsonLinesReader, LastLineNeedsNoLineBreak) {
  TempDir dir;
  Result<ReadResult> result = ReadFile(dir.Write("data.jsonl", "{\"a\": 1}\n{\"a\": 2}"));
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(Values(result->table, "a"), (Strings{"1", "2"}));
}

TEST(JsonLinesReader, LineLongerThanABlockIsReadWhole) {
  TempDir dir;
  const std::string long_value(3'000'000, 'x');
  const std::string path = dir.Write(
      "data.jsonl", "{\"a\": \"short\"}\n{\"a\": \"" + long_value + "\"}\n{\"a\": \"end\"}\n");
  Result<ReadResult> result = ReadFile(path);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(KindOf(result->table, "a"), ColumnKind::kText);  // long values are text
  EXPECT_EQ(result->table.column(0).text().at(1), long_value);
  EXPECT_EQ(result->table.column(0).text().at(2), "end");
}

TEST(JsonLinesReader, FewRepeatedStringsAreCategoricalAndManyDistinctAreText) {
  TempDir dir;
  std::string contents;
  for (int i = 0; i < 200; ++i) {
    contents += "{\"group\": \"g" + std::to_string(i % 3) + "\", \"id\": \"id" + std::to_string(i) +
                "\"}\n";
  }
  Result<ReadResult> result = ReadFile(dir.Write("data.jsonl", contents));
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(KindOf(result->table, "group"), ColumnKind::kCategorical);
  EXPECT_EQ(KindOf(result->table, "id"), ColumnKind::kText);
  EXPECT_EQ(result->table.column(0).categories(), (Strings{"g0", "g1", "g2"}));
}

TEST(JsonLinesReader, CategoricalMaxDistinctSetsTheTextThreshold) {
  TempDir dir;
  std::string contents;
  for (int i = 0; i < 200; ++i)
    contents += "{\"id\": \"id" + std::to_string(i) + "\"}\n";
  CsvOptions options = Options();
  options.categorical_max_distinct = 500;
  Result<ReadResult> result = ReadFile(dir.Write("data.jsonl", contents), options);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(KindOf(result->table, "id"), ColumnKind::kCategorical);
}

TEST(JsonLinesReader, StringsThatAreNotAllTimestampsAreCategorical) {
  TempDir dir;
  Result<ReadResult> result =
      ReadFile(dir.Write("data.jsonl", "{\"t\": \"2024-01-02\"}\n{\"t\": \"soon\"}\n"));
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(KindOf(result->table, "t"), ColumnKind::kCategorical);
}

TEST(JsonLinesReader, MixedTypesAreCategoricalWithTheirJsonText) {
  TempDir dir;
  Result<ReadResult> result = ReadFile(
      dir.Write("data.jsonl", "{\"a\": 1}\n{\"a\": \"x\"}\n{\"a\": true}\n{\"a\": 2.50}\n"));
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(KindOf(result->table, "a"), ColumnKind::kCategorical);
  EXPECT_EQ(Values(result->table, "a"), (Strings{"1", "x", "true", "2.50"}));
}

TEST(JsonLinesReader, DuplicateKeyIsAnError) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, "{\"a\": 1}\n{\"a\": 1, \"b\": 2, \"a\": 3}\n"),
            "data.jsonl:2: duplicate key 'a'");
}

TEST(JsonLinesReader, DuplicateKeyAmongManyKeysIsAnError) {
  TempDir dir;
  std::string line = "{";
  for (int i = 0; i < 1000; ++i) {
    line += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
  }
  line += "\"k500\": 0}\n";
  EXPECT_EQ(ErrorOf(dir, line), "data.jsonl:1: duplicate key 'k500'");
}

TEST(JsonLinesReader, NestedObjectIsAnError) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, "{\"a\": 1, \"x\": {\"y\": 2}}\n"),
            "data.jsonl:1: field 'x' holds an object; nested values are not supported");
}

TEST(JsonLinesReader, NestedArrayIsAnError) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, "{\"a\": 1}\n{\"a\": [1, 2]}\n"),
            "data.jsonl:2: field 'a' holds an array; nested values are not supported");
}

TEST(JsonLinesReader, NestingDeeperThan32LevelsIsAnError) {
  TempDir dir;
  // 32 levels, counting the record itself, are read (and rejected as nested).
  EXPECT_EQ(ErrorOf(dir, "{\"a\": " + std::string(31, '[') + std::string(31, ']') + "}\n"),
            "data.jsonl:1: field 'a' holds an array; nested values are not supported");
  EXPECT_EQ(ErrorOf(dir, "{\"a\": " + std::string(32, '[') + std::string(32, ']') + "}\n"),
            "data.jsonl:1: nesting deeper than 32 levels in field 'a'");
}

TEST(JsonLinesReader, HundredThousandOpenBracketsStopAtTheDepthLimit) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, std::string(100'000, '[') + "\n"),
            "data.jsonl:1: nesting deeper than 32 levels");
}

TEST(JsonLinesReader, TopLevelValueThatIsNotAnObjectIsAnError) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, "[1, 2]\n"), "data.jsonl:1: expected a JSON object, got an array");
  EXPECT_EQ(ErrorOf(dir, "42\n"), "data.jsonl:1: expected a JSON object, got a number");
  EXPECT_EQ(ErrorOf(dir, "\"x\"\n"), "data.jsonl:1: expected a JSON object, got a string");
  EXPECT_EQ(ErrorOf(dir, "true\n"), "data.jsonl:1: expected a JSON object, got true");
  EXPECT_EQ(ErrorOf(dir, "null\n"), "data.jsonl:1: expected a JSON object, got null");
}

TEST(JsonLinesReader, InvalidJsonGivesNlohmannsMessageAndTheByte) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, "{\"a\": 1}\n{\"a\": x}\n"),
            R"(data.jsonl:2: invalid JSON in field 'a' at byte 7: syntax error while parsing )"
            R"(value - invalid literal; last read: '"a": x')");
  EXPECT_EQ(ErrorOf(dir, "{\"a\": 1\n"),
            "data.jsonl:1: invalid JSON at byte 8: syntax error while parsing object - "
            "unexpected end of input; expected '}'");
}

TEST(JsonLinesReader, TrailingCommaIsInvalidJson) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, "{\"a\": 1,}\n"),
            "data.jsonl:1: invalid JSON at byte 9: syntax error while parsing object key - "
            "unexpected '}'; expected string literal");
}

TEST(JsonLinesReader, CommentIsInvalidJson) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, "{\"a\": 1} // note\n"),
            "data.jsonl:1: invalid JSON at byte 10: syntax error while parsing value - invalid "
            "literal; last read: '1} /'; expected end of input");
}

TEST(JsonLinesReader, TwoObjectsOnOneLineAreInvalidJson) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, "{\"a\": 1}{\"a\": 2}\n"),
            "data.jsonl:1: invalid JSON at byte 9: syntax error while parsing value - "
            "unexpected '{'; expected end of input");
}

TEST(JsonLinesReader, NaNIsNotJson) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, "{\"a\": NaN}\n"),
            R"(data.jsonl:1: invalid JSON in field 'a' at byte 7: syntax error while parsing )"
            R"(value - invalid literal; last read: '"a": N')");
}

TEST(JsonLinesReader, InfinityIsNotJson) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, "{\"a\": 1}\n{\"a\": -Infinity}\n"),
            "data.jsonl:2: invalid JSON in field 'a' at byte 8: syntax error while parsing value "
            "- invalid number; expected digit after '-'; last read: '-I'");
}

TEST(JsonLinesReader, LeadingZeroIsInvalidJson) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, "{\"a\": 007}\n"),
            "data.jsonl:1: invalid JSON at byte 8: syntax error while parsing object - "
            "unexpected number literal; expected '}'");
}

TEST(JsonLinesReader, InvalidUtf8IsAnError) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, "{\"a\": \"ok\xFF\"}\n"),
            "data.jsonl:1: invalid JSON in field 'a' at byte 10: syntax error while parsing value "
            R"(- invalid string: ill-formed UTF-8 byte; last read: '"ok\xFF')");
}

TEST(JsonLinesReader, InvalidUtf8InAKeyIsAnError) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, "{\"\xC3\x28\": 1}\n"),
            "data.jsonl:1: invalid JSON at byte 4: syntax error while parsing object key - "
            R"(invalid string: ill-formed UTF-8 byte; last read: '"\xC3('; expected string )"
            "literal");
}

TEST(JsonLinesReader, LoneSurrogateEscapeIsAnError) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, "{\"a\": \"\\ud800\"}\n"),
            "data.jsonl:1: invalid JSON in field 'a' at byte 14: syntax error while parsing value "
            "- invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF; last "
            R"(read: '"\ud800"')");
}

TEST(JsonLinesReader, EscapedNulInAStringIsAnError) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, "{\"a\": \"x\\u0000y\"}\n"),
            "data.jsonl:1: field 'a' holds a NUL byte: \"x\\x00y\"");
}

TEST(JsonLinesReader, EscapedNulInAKeyIsAnError) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, "{\"a\\u0000\": 1}\n"), "data.jsonl:1: key \"a\\x00\" holds a NUL byte");
}

TEST(JsonLinesReader, EmptyKeyIsAnError) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, "{\"\": 1}\n"), "data.jsonl:1: a key is empty; every field needs a name");
}

TEST(JsonLinesReader, RawNulByteIsInvalidJson) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, std::string("{\"a\": 1}\0\n", 10)),
            "data.jsonl:1: invalid JSON at byte 9: a NUL byte, which JSON text cannot hold");
}

TEST(JsonLinesReader, IntegerBeyond2To53IsAnError) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, "{\"id\": 9007199254740992}\n{\"id\": 9007199254740993}\n"),
            "data.jsonl:2: integer 9007199254740993 in field 'id' is too large to keep exactly as "
            "a number; read the column as categorical or text (--type id=categorical)");
  EXPECT_EQ(ErrorOf(dir, "{\"id\": -9007199254740993}\n"),
            "data.jsonl:1: integer -9007199254740993 in field 'id' is too large to keep exactly "
            "as a number; read the column as categorical or text (--type id=categorical)");
  EXPECT_EQ(ErrorOf(dir, "{\"id\": 123456789012345678901234567890}\n"),
            "data.jsonl:1: integer 123456789012345678901234567890 in field 'id' is too large to "
            "keep exactly as a number; read the column as categorical or text (--type "
            "id=categorical)");
}

TEST(JsonLinesReader, IntegerAt2To53IsExact) {
  TempDir dir;
  Result<ReadResult> result = ReadFile(
      dir.Write("data.jsonl", "{\"id\": 9007199254740992}\n{\"id\": -9007199254740992}\n"));
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->table.column(0).numeric()[0], 9007199254740992.0);
  EXPECT_EQ(result->table.column(0).numeric()[1], -9007199254740992.0);
}

TEST(JsonLinesReader, HugeIntegerReadAsCategoricalKeepsItsDigits) {
  TempDir dir;
  CsvOptions options = Options();
  options.column_kinds = {{"id", ColumnKind::kCategorical}};
  Result<ReadResult> result = ReadFile(
      dir.Write("data.jsonl", "{\"id\": 9007199254740993}\n{\"id\": 18446744073709551616}\n"),
      options);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(Values(result->table, "id"), (Strings{"9007199254740993", "18446744073709551616"}));
}

TEST(JsonLinesReader, NumberBeyondADoubleIsAnError) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, "{\"a\": 1e400}\n"),
            "data.jsonl:1: invalid JSON in field 'a' at byte 11: number overflow parsing "
            "'1e400'");
}

TEST(JsonLinesReader, TenThousandDigitNumberIsAnErrorWithAShortMessage) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, "{\"a\": 1" + std::string(10'000, '0') + "}\n"),
            "data.jsonl:1: invalid JSON in field 'a' at byte 10007: number overflow parsing "
            "'1000000000000000000000000000000000000000'... (10001 bytes)");
}

TEST(JsonLinesReader, ValueOfTheWrongKindIsABadRecord) {
  TempDir dir;
  const CsvOptions options = Options(BadRowPolicy::kError, 2);
  EXPECT_EQ(ErrorOf(dir, "{\"a\": 1}\n{\"a\": 2}\n{\"a\": \"x\"}\n", options),
            "data.jsonl:3: expected a number in field 'a', got \"x\"");
  EXPECT_EQ(ErrorOf(dir, "{\"a\": 1}\n{\"a\": 2}\n{\"a\": false}\n", options),
            "data.jsonl:3: expected a number in field 'a', got false");
  EXPECT_EQ(ErrorOf(dir, "{\"a\": true}\n{\"a\": false}\n{\"a\": 1}\n", options),
            "data.jsonl:3: expected true or false in field 'a', got 1");
  EXPECT_EQ(ErrorOf(dir, "{\"a\": \"2024-01-01\"}\n{\"a\": \"2024-01-02\"}\n{\"a\": \"soon\"}\n",
                    options),
            "data.jsonl:3: expected an ISO 8601 date or time in field 'a', got \"soon\"");
  EXPECT_EQ(
      ErrorOf(dir, "{\"a\": \"2024-01-01\"}\n{\"a\": \"2024-01-02\"}\n{\"a\": 2024}\n", options),
      "data.jsonl:3: expected an ISO 8601 date or time in field 'a', got 2024");
}

TEST(JsonLinesReader, KeyNotInTheSampleIsABadRecord) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, "{\"a\": 1, \"b\": 2}\n\n{\"a\": 3}\n{\"c\": 4}\n",
                    Options(BadRowPolicy::kError, 2)),
            "data.jsonl:4: key 'c' is not a column: the columns come from the first 2 records "
            "(a, b); --infer-rows all samples every record");
}

// Found by jsonl_fuzzer: a key holding a line break broke the one-line message listing the
// columns.
TEST(JsonLinesReader, ColumnNamesInMessagesAreEscaped) {
  TempDir dir;
  EXPECT_EQ(
      ErrorOf(dir, "{\"a\\nb\": 1, \"c\": 2}\n{\"d\": 3}\n", Options(BadRowPolicy::kError, 1)),
      "data.jsonl:2: key 'd' is not a column: the columns come from the first 1 records "
      "(\"a\\x0Ab\", c); --infer-rows all samples every record");
  CsvOptions options = Options();
  options.column_kinds = {{"zz", ColumnKind::kText}};
  EXPECT_EQ(ErrorOf(dir, "{\"a\\nb\": 1, \"c\": 2}\n", options),
            "data.jsonl: unknown column 'zz' in the column types (columns: \"a\\x0Ab\", c)");
  EXPECT_EQ(ErrorOf(dir, "{\"a\\nb\": {}}\n"),
            "data.jsonl:1: field \"a\\x0Ab\" holds an object; nested values are not supported");
}

TEST(JsonLinesReader, InferRowsZeroSamplesEveryRecord) {
  TempDir dir;
  std::string contents;
  for (int i = 0; i < 30'000; ++i)
    contents += "{\"a\": " + std::to_string(i) + "}\n";
  contents += "{\"a\": \"late\", \"b\": true}\n";
  Result<ReadResult> result =
      ReadFile(dir.Write("data.jsonl", contents), Options(BadRowPolicy::kError, 0));
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(Names(result->table), (Strings{"a", "b"}));
  EXPECT_EQ(KindOf(result->table, "a"), ColumnKind::kText);  // 30,001 distinct values
  EXPECT_EQ(result->stats.sampled_records, 30'001u);
  EXPECT_EQ(result->stats.rows, 30'001u);
}

TEST(JsonLinesReader, SkipCountsBadRecordsAndKeepsTheFirstFiveMessages) {
  TempDir dir;
  const std::string path = dir.Write("data.jsonl",
                                     "{\"a\": 1}\n"
                                     "{\"a\": \"x\"}\n"
                                     "[]\n"
                                     "{\"a\": 2}\n"
                                     "{\"a\": {}}\n"
                                     "{\"b\": 3}\n"
                                     "{\"a\": 1, \"a\": 1}\n"
                                     "nope\n"
                                     "{\"a\": 3}\n");
  Result<ReadResult> result = ReadFile(path, Options(BadRowPolicy::kSkip, 1));
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(Values(result->table, "a"), (Strings{"1", "2", "3"}));
  EXPECT_EQ(result->stats.rows, 3u);
  EXPECT_EQ(result->stats.bad_rows, 6u);
  EXPECT_EQ(result->stats.bad_row_examples,
            (Strings{path + ":2: expected a number in field 'a', got \"x\"",
                     path + ":3: expected a JSON object, got an array",
                     path + ":5: field 'a' holds an object; nested values are not supported",
                     path + ":6: key 'b' is not a column: the columns come from the first 1 "
                            "records (a); --infer-rows all samples every record",
                     path + ":7: duplicate key 'a'"}));
}

TEST(JsonLinesReader, BadRecordInTheSampleIsSkippedOnceUnderSkip) {
  TempDir dir;
  const std::string path = dir.Write("data.jsonl", "{oops\n{\"a\": 1}\n{\"a\": 2}\n");
  Result<ReadResult> result = ReadFile(path, Options(BadRowPolicy::kSkip));
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->stats.bad_rows, 1u);
  EXPECT_EQ(result->stats.rows, 2u);
  EXPECT_EQ(result->stats.sampled_records, 2u);
}

TEST(JsonLinesReader, SampleWithoutAnyReadableRecordIsAnError) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, "[1]\n{x}\n", Options(BadRowPolicy::kSkip)),
            "data.jsonl: none of the first 2 records can be read, so there are no columns; the "
            "first: " +
                dir.Path("data.jsonl") + ":1: expected a JSON object, got an array");
}

TEST(JsonLinesReader, SampleWithoutFieldsIsAnError) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, "{}\n{}\n"),
            "data.jsonl: the first 2 records have no fields, so there are no columns");
}

TEST(JsonLinesReader, EmptyFileIsAnError) {
  TempDir dir;
  EXPECT_EQ(ErrorOf(dir, ""), "data.jsonl: the file is empty");
  EXPECT_EQ(ErrorOf(dir, "\n \r\n"), "data.jsonl: the file holds only blank lines");
}

TEST(JsonLinesReader, MissingFileIsNotFound) {
  TempDir dir;
  Result<std::unique_ptr<JsonLinesReader>> reader =
      JsonLinesReader::Open(dir.Path("absent.jsonl"), Options(), 10);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(reader.status().message(), dir.Path("absent.jsonl") + ": no such file");
}

TEST(JsonLinesReader, ZeroBatchRowsIsAnError) {
  TempDir dir;
  Result<std::unique_ptr<JsonLinesReader>> reader =
      JsonLinesReader::Open(dir.Write("data.jsonl", "{\"a\": 1}\n"), Options(), 0);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().message(), "batch_rows must be at least 1");
}

TEST(JsonLinesReader, QuarantineWritesTheRawBadLines) {
  TempDir dir;
  const std::string path =
      dir.Write("data.jsonl", "{\"a\": 1}\r\n{\"a\": \"x\"}\r\n{\"a\": 2}\n{\"a\": [1]}");
  CsvOptions options = Options(BadRowPolicy::kQuarantine, 1);
  options.quarantine_path = dir.Path("bad.jsonl");
  Result<ReadResult> result = ReadFile(path, options);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->stats.bad_rows, 2u);
  Result<std::string> quarantined = ReadFileToString(options.quarantine_path);
  ASSERT_TRUE(quarantined.ok()) << quarantined.status().message();
  EXPECT_EQ(*quarantined, "{\"a\": \"x\"}\r\n{\"a\": [1]}\n");
}

TEST(JsonLinesReader, QuarantineNeedsAFile) {
  TempDir dir;
  Result<std::unique_ptr<JsonLinesReader>> reader = JsonLinesReader::Open(
      dir.Write("data.jsonl", "{\"a\": 1}\n"), Options(BadRowPolicy::kQuarantine), 10);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().message(), "a quarantine file is needed to quarantine bad rows");
}

TEST(JsonLinesReader, ColumnKindsOverrideInference) {
  TempDir dir;
  CsvOptions options = Options();
  options.column_kinds = {{"price", ColumnKind::kNumeric},
                          {"flag", ColumnKind::kBoolean},
                          {"code", ColumnKind::kText},
                          {"when", ColumnKind::kTimestamp}};
  Result<ReadResult> result =
      ReadFile(dir.Write("data.jsonl",
                         "{\"price\": \"3.50\", \"flag\": \"True\", \"code\": 7, \"when\": "
                         "\"2024-05-06\"}\n"
                         "{\"price\": 4, \"flag\": false, \"code\": \"x\", \"when\": null}\n"),
               options);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(Values(result->table, "price"), (Strings{"3.5", "4"}));
  EXPECT_EQ(Values(result->table, "flag"), (Strings{"true", "false"}));
  EXPECT_EQ(KindOf(result->table, "code"), ColumnKind::kText);
  EXPECT_EQ(Values(result->table, "code"), (Strings{"7", "x"}));
  EXPECT_EQ(Values(result->table, "when"), (Strings{"2024-05-06T00:00:00Z", "<missing>"}));
}

TEST(JsonLinesReader, UnknownColumnInColumnKindsIsAnError) {
  TempDir dir;
  CsvOptions options = Options();
  options.column_kinds = {{"zz", ColumnKind::kText}};
  EXPECT_EQ(ErrorOf(dir, "{\"a\": 1, \"b\": 2}\n", options),
            "data.jsonl: unknown column 'zz' in the column types (columns: a, b)");
}

TEST(JsonLinesReader, StreamsManyBatchesWithStableCategoryCodes) {
  TempDir dir;
  std::string contents;
  constexpr int kRows = 10'000;
  for (int i = 0; i < kRows; ++i) {
    // New labels keep appearing late in the file, so batches must extend the categories.
    contents += "{\"i\": " + std::to_string(i) + ", \"g\": \"g" + std::to_string(i % 7 + i / 2000) +
                "\"}\n";
    if (i % 1000 == 0)
      contents += "\n";
  }
  const std::string path = dir.Write("data.jsonl", contents);
  CsvOptions options = Options(BadRowPolicy::kError, 100);
  std::vector<std::pair<uint64_t, uint64_t>> progress;
  options.progress = [&progress](uint64_t done, uint64_t total) {
    progress.emplace_back(done, total);
  };
  Result<std::unique_ptr<JsonLinesReader>> reader = JsonLinesReader::Open(path, options, 97);
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  // An estimate from the first 100 records, which are shorter than the average.
  EXPECT_GE((*reader)->expected_rows(), 10'000u);
  EXPECT_LE((*reader)->expected_rows(), 13'000u);

  std::vector<std::string> categories_so_far;
  size_t batches = 0;
  int next_i = 0;
  for (;;) {
    Result<std::optional<Table>> batch = (*reader)->Next();
    ASSERT_TRUE(batch.ok()) << batch.status().message();
    if (!batch->has_value())
      break;
    const Table& table = **batch;
    ++batches;
    ASSERT_LE(table.num_rows(), 97u);
    ASSERT_GE(table.num_rows(), 1u);
    const Column& group = table.column(1);
    ASSERT_EQ(group.kind(), ColumnKind::kCategorical);
    // Earlier categories keep their codes: this batch's list extends the previous one.
    ASSERT_GE(group.categories().size(), categories_so_far.size());
    EXPECT_TRUE(
        std::equal(categories_so_far.begin(), categories_so_far.end(), group.categories().begin()));
    categories_so_far = group.categories();
    for (size_t row = 0; row < table.num_rows(); ++row, ++next_i) {
      ASSERT_EQ(table.column(0).numeric()[row], next_i);
      const std::string expected = "g" + std::to_string(next_i % 7 + next_i / 2000);
      ASSERT_EQ(group.categories()[static_cast<size_t>(group.codes()[row])], expected);
    }
  }
  EXPECT_EQ(next_i, kRows);
  EXPECT_EQ(batches, (kRows + 96) / 97);
  EXPECT_EQ((*reader)->stats().rows, static_cast<uint64_t>(kRows));
  EXPECT_EQ((*reader)->stats().blank_lines, 10u);
  ASSERT_EQ(progress.size(), batches);
  for (size_t i = 1; i < progress.size(); ++i)
    EXPECT_GT(progress[i].first, progress[i - 1].first);
  EXPECT_EQ(progress.back().first, contents.size());
  EXPECT_EQ(progress.back().second, contents.size());
}

TEST(JsonLinesReader, ReadsFromAPipeByReplayingTheSample) {
  TempDir dir;
  const std::string fifo = dir.Path("pipe.jsonl");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string contents;
  for (int i = 0; i < 5000; ++i)
    contents += "{\"a\": " + std::to_string(i) + "}\n";
  contents += "{\"a\": 1.5, \"b\": \"late\"}\n";
  std::thread writer([&] {
    std::ofstream out(fifo, std::ios::binary);
    out << contents;
  });
  Result<ReadResult> result = ReadFile(fifo, Options(BadRowPolicy::kError, 0), 1000);
  writer.join();
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(Names(result->table), (Strings{"a", "b"}));
  EXPECT_EQ(result->stats.rows, 5001u);
  EXPECT_EQ(result->table.column(0).numeric()[4999], 4999.0);
  EXPECT_EQ(Values(result->table, "b").back(), "late");
  EXPECT_EQ(result->stats.bytes, contents.size());
}

TEST(JsonLinesReader, ReadSourcePicksTheReaderByExtension) {
  TempDir dir;
  for (const std::string name : {"x.jsonl", "x.ndjson"}) {
    const std::string path =
        dir.Write(name, "{\"a\": 1, \"s\": \"p\"}\n{\"a\": 2, \"s\": \"q\"}\n");
    SourceOptions options;
    options.batch_rows = 1;
    Result<ReadResult> result = ReadSource(path, options);
    ASSERT_TRUE(result.ok()) << result.status().message();
    EXPECT_EQ(Names(result->table), (Strings{"a", "s"}));
    EXPECT_EQ(Values(result->table, "a"), (Strings{"1", "2"}));
    EXPECT_EQ(Values(result->table, "s"), (Strings{"p", "q"}));
    EXPECT_EQ(result->table.column(1).categories(), (Strings{"p", "q"}));
  }
}

TEST(JsonLinesReader, ReadSourceReadsJsonLinesWhenTheFormatIsGiven) {
  TempDir dir;
  const std::string path = dir.Write("data.txt", "{\"a\": 1}\n");
  SourceOptions options;
  options.format = SourceFormat::kJsonLines;
  Result<ReadResult> result = ReadSource(path, options);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(Values(result->table, "a"), (Strings{"1"}));
}

}  // namespace
}  // namespace steward::io
