#include "steward/validate/validator.h"

#include <string>

#include <gtest/gtest.h>

#include "steward/io/data_source.h"
#include "steward/testing/temp_dir.h"
#include "steward/validate/internal/test_validation.h"
#include "steward/validate/suite_parser.h"

namespace steward::validate {
namespace {

using testing::Examples;
using testing::Get;

constexpr std::string_view kSuite = R"(format = 1
[table]
max_duplicate_rows = 0
[[column]]
name = "id"
unique = true
[[column]]
name = "group"
allowed = ["a", "b", "c"]
[[column]]
name = "value"
max = 990
[[row]]
name = "even ids in group a"
expect = 'group != "a" or id % 2 == 0'
)";

// 1,000 records, id 1..1000; group cycles a, b, c, and turns "d" on every 250th record;
// every 100th record repeats the id before it.
std::string Records() {
  std::string csv = "id,group,value\n";
  for (int record = 1; record <= 1000; ++record) {
    const int id = record % 100 == 0 ? record - 1 : record;
    const char* group = record % 250 == 0 ? "d"
                        : record % 3 == 0 ? "a"
                        : record % 3 == 1 ? "b"
                                          : "c";
    csv += std::to_string(id) + "," + group + "," + std::to_string(record) + "\n";
  }
  return csv;
}

Result<ValidationReport> ValidateCsv(const std::string& path, size_t chunk_bytes) {
  Result<Suite> suite = ParseSuite(kSuite, "suite.toml");
  if (!suite.ok())
    return suite.status();
  io::SourceOptions options;
  options.csv.chunk_bytes = chunk_bytes;
  options.csv.threads = 2;
  STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<io::BatchReader> reader,
                           io::OpenSource(path, std::move(options)));
  ValidateOptions validate;
  validate.examples = 3;
  return Validate(*reader, *suite, validate);
}

TEST(Validate, RowNumbersCountRecordsAcrossBatches) {
  steward::testing::TempDir dir;
  const std::string path = dir.Write("data.csv", Records());
  Result<ValidationReport> one_batch = ValidateCsv(path, size_t{1} << 20);
  ASSERT_TRUE(one_batch.ok()) << one_batch.status().message();
  // Chunks of 64 bytes cut the file into hundreds of batches.
  Result<ValidationReport> many_batches = ValidateCsv(path, 64);
  ASSERT_TRUE(many_batches.ok()) << many_batches.status().message();
  for (const ValidationReport* report : {&*one_batch, &*many_batches}) {
    EXPECT_EQ(report->rows, 1000u);
    const ExpectationResult unique = Get(*report, "column:id:unique");
    EXPECT_EQ(unique.failing_rows, 10u);
    EXPECT_EQ(Examples(unique), "100(=99):id=99 200(=199):id=199 300(=299):id=299");
    const ExpectationResult allowed = Get(*report, "column:group:allowed");
    EXPECT_EQ(allowed.failing_rows, 4u);
    EXPECT_EQ(Examples(allowed), "250:group=d 500:group=d 750:group=d");
    const ExpectationResult max = Get(*report, "column:value:max");
    EXPECT_EQ(max.failing_rows, 10u);
    EXPECT_EQ(Examples(max), "991:value=991 992:value=992 993:value=993");
    // Group a holds the records divisible by 3; odd ids among them fail.
    const ExpectationResult row = Get(*report, "row:even ids in group a");
    EXPECT_EQ(row.failing_rows, 170u);
    EXPECT_EQ(Examples(row), "3:group=a,id=3 9:group=a,id=9 15:group=a,id=15");
    EXPECT_EQ(Get(*report, "table:max_duplicate_rows").failing_rows, 0u);
  }
}

// Yields one batch, then fails.
class FailingReader final : public io::BatchReader {
 public:
  explicit FailingReader(Table batch) : batch_(std::move(batch)) {}
  const Schema& schema() const override { return batch_.schema(); }
  Result<std::optional<Table>> Next() override {
    if (!given_) {
      given_ = true;
      return std::optional<Table>(batch_);
    }
    return Status::InvalidArgument("data.csv:7:2: expected a number in column 'x', got \"4O\"");
  }
  const io::SourceStats& stats() const override { return stats_; }

 private:
  Table batch_;
  bool given_ = false;
  io::SourceStats stats_;
};

TEST(Validate, PassesOnReadErrors) {
  FailingReader reader(testing::TableBuilder().Numeric("x", {1, 2}).Build());
  Result<ValidationReport> report = Validate(reader, Suite{});
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().message(), "data.csv:7:2: expected a number in column 'x', got \"4O\"");
}

TEST(Validate, AnEmptySuiteOverEmptyDataPasses) {
  const Table empty = testing::TableBuilder().Numeric("x", {}).Build();
  auto reader = testing::VectorBatchReader::Of(empty);
  Result<ValidationReport> report = Validate(*reader, Suite{});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->rows, 0u);
  EXPECT_TRUE(report->results.empty());
  EXPECT_TRUE(report->passed());
}

}  // namespace
}  // namespace steward::validate
