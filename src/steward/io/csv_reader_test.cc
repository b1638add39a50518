#include "steward/io/csv_reader.h"

#include <atomic>
#include <cmath>
#include <map>
#include <mutex>
#include <random>

#include <gtest/gtest.h>

#include "steward/io/atomic_file.h"
#include "steward/testing/temp_dir.h"

namespace steward::io {
namespace {

class CsvReaderTest : public ::testing::Test {
 protected:
  std::string Write(std::string_view contents, const std::string& name = "data.csv") {
    return dir_.Write(name, contents);
  }
  Result<ReadResult> Read(std::string_view contents, CsvOptions options = {}) {
    return ReadCsv(Write(contents), std::move(options));
  }
  // The error message, without the temporary directory in front of the file name.
  std::string ErrorOf(std::string_view contents, CsvOptions options = {}) {
    Result<ReadResult> result = Read(contents, std::move(options));
    EXPECT_FALSE(result.ok());
    std::string message = result.status().message();
    const std::string prefix = dir_.path() + "/";
    if (message.rfind(prefix, 0) == 0)
      message = message.substr(prefix.size());
    return message;
  }
  steward::testing::TempDir dir_;
};

std::vector<std::string> Values(const Table& table, size_t column) {
  std::vector<std::string> values;
  for (size_t row = 0; row < table.num_rows(); ++row) {
    values.push_back(table.column(column).IsMissing(row) ? "<missing>"
                                                         : table.column(column).ValueToString(row));
  }
  return values;
}

TEST_F(CsvReaderTest, InfersEachKind) {
  Result<ReadResult> result = Read(
      "n,c,b,t,code,big,empty\n"
      "1.5,red,true,2014-09-02 13:40:36,007,12345678901234567890,\n"
      "-2,blue,FALSE,2014-09-03,010,12345678901234567891,\n"
      "3e2,red,,2014-09-04T00:00:00Z,123,1,\n");
  ASSERT_TRUE(result.ok()) << result.status().message();
  const Schema& schema = result->table.schema();
  EXPECT_EQ(schema.field(0).kind, ColumnKind::kNumeric);
  EXPECT_EQ(schema.field(1).kind, ColumnKind::kCategorical);
  EXPECT_EQ(schema.field(2).kind, ColumnKind::kBoolean);
  EXPECT_EQ(schema.field(3).kind, ColumnKind::kTimestamp);
  EXPECT_EQ(schema.field(4).kind, ColumnKind::kCategorical) << "leading zeros mark a code";
  EXPECT_EQ(schema.field(5).kind, ColumnKind::kCategorical) << "integers past 2^53 kept exactly";
  EXPECT_EQ(schema.field(6).kind, ColumnKind::kNumeric) << "all missing, as pandas";
  EXPECT_EQ(Values(result->table, 0), (std::vector<std::string>{"1.5", "-2", "300"}));
  EXPECT_EQ(Values(result->table, 2), (std::vector<std::string>{"true", "false", "<missing>"}));
  EXPECT_EQ(Values(result->table, 3),
            (std::vector<std::string>{"2014-09-02T13:40:36Z", "2014-09-03T00:00:00Z",
                                      "2014-09-04T00:00:00Z"}));
  EXPECT_EQ(Values(result->table, 4), (std::vector<std::string>{"007", "010", "123"}));
  EXPECT_EQ(result->table.column(6).MissingCount(), 3u);
}

TEST_F(CsvReaderTest, MostlyUniqueStringsAreText) {
  std::string csv = "name,group\n";
  for (int i = 0; i < 200; ++i)
    csv += "person " + std::to_string(i) + ",g" + std::to_string(i % 3) + "\n";
  Result<ReadResult> result = Read(csv);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->table.schema().field(0).kind, ColumnKind::kText);
  EXPECT_EQ(result->table.schema().field(1).kind, ColumnKind::kCategorical);
  EXPECT_EQ(result->table.column(0).text().at(199), "person 199");
}

TEST_F(CsvReaderTest, MissingTokensPerKind) {
  Result<ReadResult> result = Read("x,y,z\nNA,a,\n1,N/A,true\nnull,\"\",NaN\n2,NULL,false\n");
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->table.column(0).MissingCount(), 2u);
  EXPECT_EQ(result->table.column(1).MissingCount(), 3u);
  EXPECT_EQ(result->table.column(2).MissingCount(), 2u);
  EXPECT_EQ(result->table.column(1).categories(), (Categories{"a"}));
}

TEST_F(CsvReaderTest, CustomMissingTokensReplaceTheDefaults) {
  CsvOptions options;
  options.missing = MissingTokens({"?"});
  Result<ReadResult> result = Read("x,y\n?,NA\n1,\n", options);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->table.column(0).MissingCount(), 1u);
  EXPECT_EQ(Values(result->table, 1), (std::vector<std::string>{"NA", ""}));
}

TEST_F(CsvReaderTest, Rfc4180QuotingCrlfAndBom) {
  Result<ReadResult> result = Read(
      "\xEF\xBB\xBFname,note\r\n\"Smith, J.\",\"said \"\"hi\"\"\r\non two "
      "lines\"\r\nZoë,plain\r\n");
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->table.name(0), "name");
  EXPECT_EQ(Values(result->table, 0), (std::vector<std::string>{"Smith, J.", "Zoë"}));
  EXPECT_EQ(Values(result->table, 1),
            (std::vector<std::string>{"said \"hi\"\r\non two lines", "plain"}));
}

TEST_F(CsvReaderTest, DetectsDelimiters) {
  for (char delimiter : {';', '\t', '|', ','}) {
    std::string csv = "a,x;b;c\n1,5;2;3\n4,5;5;6\n";
    if (delimiter != ';') {
      csv = std::string("a") + delimiter + "b" + delimiter + "c\n1" + delimiter + "2" + delimiter +
            "3\n";
    }
    Result<ReadResult> result = Read(csv);
    ASSERT_TRUE(result.ok()) << result.status().message();
    EXPECT_EQ(result->stats.delimiter, delimiter);
    EXPECT_EQ(result->table.num_columns(), 3u);
  }
  CsvOptions options;
  options.delimiter = ';';
  Result<ReadResult> forced = Read("a,b;c\n1,2;3\n", options);
  ASSERT_TRUE(forced.ok());
  EXPECT_EQ(forced->table.name(0), "a,b");
}

TEST_F(CsvReaderTest, NoHeaderNamesColumns) {
  CsvOptions options;
  options.header = false;
  Result<ReadResult> result = Read("1,a\n2,b\n", options);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->table.name(1), "column_2");
  EXPECT_EQ(result->table.num_rows(), 2u);
}

TEST_F(CsvReaderTest, EmptyHeaderOnlyAndBadHeadersAreErrors) {
  EXPECT_EQ(ErrorOf(""), "data.csv: the file is empty");
  EXPECT_EQ(ErrorOf("\n\n"), "data.csv: the file is empty");
  EXPECT_EQ(ErrorOf("a,b\n"), "data.csv: the file has a header but no data rows");
  EXPECT_EQ(ErrorOf("a,b,a\n1,2,3\n"),
            "data.csv:1: header: duplicate column name 'a' (columns 1 and 3)");
  EXPECT_EQ(ErrorOf("a,,c\n1,2,3\n"), "data.csv:1: header: column 2 has an empty name");
  EXPECT_EQ(ErrorOf("a,\xFF\n1,2\n"),
            "data.csv:1: column 2 has a name that is not valid UTF-8: \"\\xFF\"");
}

TEST_F(CsvReaderTest, MissingFileIsNotFound) {
  Result<ReadResult> result = ReadCsv(dir_.Path("absent.csv"), {});
  EXPECT_EQ(result.status().code(), StatusCode::kNotFound);
  EXPECT_NE(result.status().message().find("absent.csv: no such file"), std::string::npos);
}

TEST_F(CsvReaderTest, RaggedRowsNameTheLine) {
  EXPECT_EQ(ErrorOf("a,b,c\n1,2,3\n4,5\n"), "data.csv:3: expected 3 fields, found 2");
  EXPECT_EQ(ErrorOf("a,b\n1,2\n3,4,5,6\n"), "data.csv:3: expected 2 fields, found 4");
}

TEST_F(CsvReaderTest, QuotingErrorsNameLineAndColumn) {
  EXPECT_EQ(ErrorOf("a,b\n1,2\n3,\"open\n4,5\n"),
            "data.csv:3:2: quoted field is never closed in column 'b'");
  EXPECT_EQ(
      ErrorOf("a,b\n1,x\n2,\"q\"z\n"),
      "data.csv:3:2: unexpected character after a closing quote (a quote inside a quoted field "
      "must be doubled) in column 'b'");
  EXPECT_EQ(ErrorOf("a,b\n1,x\n2,ab\"c\n"),
            "data.csv:3:2: quote inside an unquoted field (quote the whole field and double the "
            "inner quote) in column 'b'");
}

TEST_F(CsvReaderTest, InvalidUtf8AndNulAreErrors) {
  EXPECT_EQ(ErrorOf("a,b\n1,ok\n2,bad\xC3\n"),
            "data.csv:3:2: invalid UTF-8 (or a NUL byte) in column 'b': \"bad\\xC3\"");
  EXPECT_EQ(ErrorOf(std::string_view("a,b\n1,ok\n2,n\0l\n", 16)),
            "data.csv:3:2: invalid UTF-8 (or a NUL byte) in column 'b': \"n\\x00l\"");
}

TEST_F(CsvReaderTest, ValueThatDoesNotFitTheInferredKindNamesItsPlace) {
  CsvOptions options;
  options.infer_rows = 2;
  EXPECT_EQ(ErrorOf("id,x\n1,10\n2,20\n3,4O\n", options),
            "data.csv:4:2: expected a number in column 'x', got \"4O\"");
  EXPECT_EQ(ErrorOf("t,x\n2014-01-01,1\n2014-01-02,2\nyesterday,3\n", options),
            "data.csv:4:1: expected an ISO 8601 date or time in column 't', got \"yesterday\"");
  EXPECT_EQ(ErrorOf("b,x\ntrue,1\nfalse,2\nmaybe,3\n", options),
            "data.csv:4:1: expected true or false in column 'b', got \"maybe\"");
  EXPECT_EQ(
      ErrorOf("x,y\n1,a\n2,b\n9007199254740993,c\n", options),
      "data.csv:4:1: integer \"9007199254740993\" in column 'x' is too large to keep exactly as "
      "a number; read the column as categorical or text (--type x=categorical)");
}

TEST_F(CsvReaderTest, NumbersBeyondDoubleAreErrorsAndSpecialValuesAreRead) {
  EXPECT_EQ(ErrorOf("x\n1\n1e400\n"),
            "data.csv:3:1: number \"1e400\" in column 'x' is beyond the range of a 64-bit float");
  Result<ReadResult> result = Read("x\n inf \n-0\n+5\n1e-400\nnan\n");
  ASSERT_TRUE(result.ok()) << result.status().message();
  auto values = result->table.column(0).numeric();
  EXPECT_TRUE(std::isinf(values[0]));
  EXPECT_TRUE(std::signbit(values[1]));
  EXPECT_EQ(values[2], 5);
  EXPECT_EQ(values[3], 0);
  EXPECT_TRUE(std::isnan(values[4]));
}

TEST_F(CsvReaderTest, ForcedKindsOverrideInference) {
  CsvOptions options;
  options.column_kinds = {{"zip", ColumnKind::kCategorical}, {"n", ColumnKind::kText}};
  Result<ReadResult> result = Read("zip,n\n12345,1\n54321,2\n", options);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->table.schema().field(0).kind, ColumnKind::kCategorical);
  EXPECT_EQ(result->table.schema().field(1).kind, ColumnKind::kText);
  options.column_kinds = {{"nope", ColumnKind::kText}};
  EXPECT_EQ(ErrorOf("zip,n\n1,2\n", options),
            "data.csv: unknown column 'nope' in the column types (columns: zip, n)");
}

TEST_F(CsvReaderTest, AFirstRecordLongerThanTheSampleLimitStillReads) {
  const std::string huge(size_t{70} << 20, 'x');  // past the 64 MiB sample limit
  Result<ReadResult> result = Read("id,text\n1," + huge + "\n2,short\n");
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->table.num_rows(), 2u);
  EXPECT_EQ(result->table.column(1).ValueToString(0).size(), huge.size());
}

TEST_F(CsvReaderTest, BlankLinesAreSkippedAndCounted) {
  Result<ReadResult> result = Read("a,b\n1,2\n\n3,4\r\n\r\n5,6\n");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->table.num_rows(), 3u);
  EXPECT_EQ(result->stats.blank_lines, 2u);
}

TEST_F(CsvReaderTest, SkipCountsBadRowsAndKeepsTheRest) {
  CsvOptions options;
  options.bad_rows = BadRowPolicy::kSkip;
  options.infer_rows = 1;
  Result<ReadResult> result = Read("x,g\n1,a\n2\n3,b\nfour,zzz\n5,c\n", options);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(Values(result->table, 0), (std::vector<std::string>{"1", "3", "5"}));
  EXPECT_EQ(result->stats.bad_rows, 2u);
  ASSERT_EQ(result->stats.bad_row_examples.size(), 2u);
  EXPECT_NE(result->stats.bad_row_examples[0].find(":3: expected 2 fields, found 1"),
            std::string::npos);
  EXPECT_NE(result->stats.bad_row_examples[1].find(":5:1: expected a number in column 'x'"),
            std::string::npos);
  // A label seen only in a dropped record must not become a category.
  EXPECT_EQ(result->table.column(1).categories(), (Categories{"a", "b", "c"}));
}

TEST_F(CsvReaderTest, QuarantineKeepsBadRecordsVerbatim) {
  CsvOptions options;
  options.bad_rows = BadRowPolicy::kQuarantine;
  options.quarantine_path = dir_.Path("bad.csv");
  Result<ReadResult> result = Read("x,y\n1,2\n3\n\"multi\nline\",4,5\n6,7\n", options);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->table.num_rows(), 2u);
  EXPECT_EQ(result->stats.bad_rows, 2u);
  EXPECT_EQ(*ReadFileToString(options.quarantine_path), "x,y\n3\n\"multi\nline\",4,5\n");
}

// Chunks are split where an even number of quotes precedes a newline; small chunks on several
// threads must give exactly the single-chunk result, line numbers included.
TEST_F(CsvReaderTest, TinyChunksOnThreadsGiveTheSameTable) {
  std::mt19937 random(7);
  std::string csv = "id,label,note,value\n";
  for (int row = 0; row < 3000; ++row) {
    std::string note =
        row % 7 == 0 ? "\"line one\nline \"\"two\"\"\"" : "plain" + std::to_string(row % 50);
    csv += std::to_string(row) + ",L" + std::to_string(random() % 40) + "," + note + "," +
           std::to_string(static_cast<double>(random() % 100000) / 100.0) +
           (row % 3 ? "\n" : "\r\n");
  }
  CsvOptions whole;
  whole.threads = 1;
  whole.chunk_bytes = 1 << 24;
  Result<ReadResult> expected = Read(csv, whole);
  ASSERT_TRUE(expected.ok()) << expected.status().message();
  for (size_t chunk_bytes : {64, 1000, 4096}) {
    CsvOptions split;
    split.threads = 2;
    split.chunk_bytes = chunk_bytes;
    Result<ReadResult> actual = Read(csv, split);
    ASSERT_TRUE(actual.ok()) << actual.status().message();
    ASSERT_EQ(actual->table.num_rows(), 3000u);
    for (size_t c = 0; c < 4; ++c) {
      EXPECT_EQ(Values(actual->table, c), Values(expected->table, c)) << "chunk " << chunk_bytes;
    }
  }
  std::string broken = csv + "3000,L1,\"unclosed\n";
  CsvOptions split;
  split.threads = 2;
  split.chunk_bytes = 256;
  const size_t last_line = 1 + 3000 + 3000 / 7 + 1 + 1;
  EXPECT_EQ(ErrorOf(broken, split), "data.csv:" + std::to_string(last_line) +
                                        ":3: quoted field is never closed in column 'note'");
}

TEST_F(CsvReaderTest, StreamYieldsBatchesWithStableCategories) {
  std::string csv = "g,x\n";
  for (int row = 0; row < 5000; ++row)
    csv += "cat" + std::to_string(row / 500) + "," + std::to_string(row) + "\n";
  CsvOptions options;
  options.chunk_bytes = 4096;
  options.threads = 2;
  options.infer_rows = 100;
  Result<std::unique_ptr<CsvStreamReader>> reader = CsvStreamReader::Open(Write(csv), options);
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  size_t batches = 0;
  size_t rows = 0;
  std::shared_ptr<const Categories> previous;
  for (;;) {
    Result<std::optional<Table>> batch = (*reader)->Next();
    ASSERT_TRUE(batch.ok()) << batch.status().message();
    if (!batch->has_value())
      break;
    const Column& group = (*batch)->column(0);
    if (previous) {
      ASSERT_GE(group.categories().size(), previous->size());
      EXPECT_TRUE(std::equal(previous->begin(), previous->end(), group.categories().begin()));
    }
    for (size_t row = 0; row < group.size(); ++row) {
      EXPECT_EQ(group.ValueToString(row), "cat" + std::to_string((rows + row) / 500));
    }
    previous = group.shared_categories();
    rows += (*batch)->num_rows();
    ++batches;
  }
  EXPECT_EQ(rows, 5000u);
  EXPECT_GT(batches, 5u);
  EXPECT_EQ(previous->size(), 10u);
}

TEST_F(CsvReaderTest, ForEachBatchVisitsEveryRowOnceWithOrderedIndices) {
  std::string csv = "g,x\n";
  for (int row = 0; row < 20000; ++row)
    csv += "cat" + std::to_string(row % 30) + "," + std::to_string(row) + "\n";
  const std::string path = Write(csv);
  for (unsigned threads : {1u, 2u, 4u}) {
    CsvOptions options;
    options.chunk_bytes = 2048;
    options.threads = threads;
    Result<std::unique_ptr<CsvStreamReader>> reader = CsvStreamReader::Open(path, options);
    ASSERT_TRUE(reader.ok()) << reader.status().message();
    std::mutex mutex;
    std::map<size_t, std::pair<double, size_t>> first_value_and_rows;
    Status status = (*reader)->ForEachBatch([&](size_t index, Table batch) {
      // The x of a batch's first row tells where in the file it came from.
      std::lock_guard lock(mutex);
      first_value_and_rows[index] = {batch.column(1).numeric()[0], batch.num_rows()};
      EXPECT_EQ(batch.column(0).ValueToString(0),
                "cat" + std::to_string(static_cast<int>(batch.column(1).numeric()[0]) % 30));
      return Status::Ok();
    });
    ASSERT_TRUE(status.ok()) << status.message();
    size_t expected_next = 0;
    size_t index = 0;
    for (const auto& [batch_index, first_and_rows] : first_value_and_rows) {
      EXPECT_EQ(batch_index, index++);
      EXPECT_EQ(first_and_rows.first, static_cast<double>(expected_next)) << threads;
      expected_next += first_and_rows.second;
    }
    EXPECT_EQ(expected_next, 20000u);
    EXPECT_EQ((*reader)->stats().rows, 20000u);
  }
}

TEST_F(CsvReaderTest, ForEachBatchStopsAtTheFirstError) {
  std::string csv = "x\n";
  for (int row = 0; row < 20000; ++row)
    csv += std::to_string(row) + "\n";
  const std::string path = Write(csv);
  CsvOptions options;
  options.chunk_bytes = 2048;
  options.threads = 2;
  Result<std::unique_ptr<CsvStreamReader>> reader = CsvStreamReader::Open(path, options);
  ASSERT_TRUE(reader.ok());
  std::atomic<int> visits = 0;
  Status status = (*reader)->ForEachBatch([&](size_t index, Table) {
    ++visits;
    return index == 3 ? Status::InvalidArgument("visitor refused batch 3") : Status::Ok();
  });
  EXPECT_EQ(status.message(), "visitor refused batch 3");
  EXPECT_LT(visits.load(), 40);

  Result<std::unique_ptr<CsvStreamReader>> bad =
      CsvStreamReader::Open(Write(csv + "oops\n", "bad.csv"), options);
  ASSERT_TRUE(bad.ok());
  status = (*bad)->ForEachBatch([](size_t, Table) { return Status::Ok(); });
  EXPECT_NE(status.message().find("bad.csv:20002:1"), std::string::npos) << status.message();
}

}  // namespace
}  // namespace steward::io
