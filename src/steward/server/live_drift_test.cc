#include "steward/server/live_drift.h"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "steward/io/data_source.h"
#include "steward/profile/profile_json.h"
#include "steward/profile/profiler.h"

namespace steward::server {
namespace {

using Clock = LiveDrift::Clock;

// The credit data's Income and Home, its profile as a bundle's profile.json, and the rows as the
// server decodes them (floats, Home as codes into the schema's categories).
struct Credit {
  model::BundleParts parts;
  model::ModelSchema schema;
  std::vector<float> rows;  // Income, Home
  size_t count = 0;
};

Credit LoadCredit() {
  const std::string path = std::string(STEWARD_SOURCE_DIR) + "/data/credit_data.csv";
  Credit credit;
  auto reader = io::OpenSource(path, {});
  EXPECT_TRUE(reader.ok()) << reader.status().message();
  auto profiled = profile::ProfileBatches(**reader, {}, path);
  EXPECT_TRUE(profiled.ok()) << profiled.status().message();
  credit.parts["profile.json"] = profile::ProfileToJson(*profiled).dump();
  auto again = io::OpenSource(path, {});
  auto read = (*again)->ReadAll();
  EXPECT_TRUE(read.ok());
  const Table& table = read->table;
  const Column& income = table.column(*table.schema().Find("Income"));
  const Column& home = table.column(*table.schema().Find("Home"));
  credit.schema.features = {{"Income", ColumnKind::kNumeric, {}},
                            {"Home", ColumnKind::kCategorical, home.categories()}};
  for (size_t row = 0; row < table.num_rows(); ++row) {
    credit.rows.push_back(static_cast<float>(income.numeric()[row]));
    const int32_t code = home.codes()[row];
    credit.rows.push_back(code < 0 ? std::numeric_limits<float>::quiet_NaN()
                                   : static_cast<float>(code));
  }
  credit.count = table.num_rows();
  return credit;
}

const monitor::ColumnDrift* Find(const LiveDriftResult& result, const std::string& name) {
  for (const monitor::ColumnDrift& column : result.report.columns)
    if (column.name == name)
      return &column;
  return nullptr;
}

TEST(LiveDrift, InDistributionTrafficDoesNotDriftAndRaisedIncomesDo) {
  const Credit credit = LoadCredit();
  const Clock::time_point start = Clock::now();
  auto drift = LiveDrift::Create(credit.parts, credit.schema, "credit@1", {}, start);
  ASSERT_TRUE(drift.ok()) << drift.status().message();

  (*drift)->Add(credit.rows, credit.count, start);
  auto result = (*drift)->Current(start, "credit", 1);
  EXPECT_EQ(result->rows, credit.count);
  ASSERT_EQ(result->report.columns.size(), 2u);
  EXPECT_FALSE(result->report.dataset.drift);
  const monitor::ColumnDrift* income = Find(*result, "Income");
  ASSERT_NE(income, nullptr);
  EXPECT_EQ(income->test, monitor::DriftTest::kWasserstein);  // 4,454 reference rows
  EXPECT_FALSE(income->drift);
  EXPECT_LT(income->score, 0.05);
  EXPECT_FALSE(income->exact);                   // 4,454 values in one bucket of 1,024 exact
  EXPECT_EQ(Find(*result, "Home")->score, 0.0);  // the same counts on both sides

  // Within the cache the result is reused; past it, incomes 60% higher drift.
  std::vector<float> raised = credit.rows;
  for (size_t row = 0; row < credit.count; ++row)
    raised[row * 2] *= 1.6f;
  (*drift)->Add(raised, credit.count, start + std::chrono::milliseconds(10));
  EXPECT_EQ((*drift)->Current(start + std::chrono::milliseconds(500), "credit", 1), result);
  result = (*drift)->Current(start + std::chrono::seconds(2), "credit", 1);
  EXPECT_EQ(result->rows, 2 * credit.count);
  income = Find(*result, "Income");
  EXPECT_TRUE(income->drift);
  EXPECT_GE(income->score, 0.1);
  EXPECT_FALSE(Find(*result, "Home")->drift);

  const nlohmann::json json = nlohmann::json::parse(result->json);
  EXPECT_EQ(json["format"], "steward.live_drift/1");
  EXPECT_EQ(json["current"]["rows"], 2 * credit.count);
  EXPECT_EQ(json["current"]["approximate"], true);
  EXPECT_EQ(json["columns"][0]["name"], "Income");
  EXPECT_EQ(json["columns"][0]["drift"], true);
  EXPECT_GT(json["columns"][0]["rank_error"].get<double>(), 0);
  EXPECT_EQ(json["reference"]["rows"], credit.count);
}

TEST(LiveDrift, AnEmptyWindowSaysSo) {
  const Credit credit = LoadCredit();
  auto drift = LiveDrift::Create(credit.parts, credit.schema, "credit@1", {}, Clock::now());
  ASSERT_TRUE(drift.ok());
  auto result = (*drift)->Current(Clock::now(), "credit", 1);
  EXPECT_EQ(result->rows, 0u);
  EXPECT_TRUE(result->report.columns.empty());
  EXPECT_FALSE(result->report.dataset.drift);
  ASSERT_EQ(result->report.notes.size(), 1u);
  EXPECT_EQ(result->report.notes[0], "no predictions in the window yet");
}

TEST(LiveDrift, ABundleWithoutProfileHasNoLiveDrift) {
  const Credit credit = LoadCredit();
  auto drift = LiveDrift::Create({}, credit.schema, "credit@1", {}, Clock::now());
  EXPECT_EQ(drift.status().code(), StatusCode::kFailedPrecondition);
}

TEST(LiveDrift, APolicyThatDoesNotFitIsRefusedAtLoad) {
  const Credit credit = LoadCredit();
  LiveDriftOptions options;
  options.policy.columns["Home"].test = monitor::DriftTest::kKs;
  auto drift = LiveDrift::Create(credit.parts, credit.schema, "credit@1", options, Clock::now());
  ASSERT_FALSE(drift.ok());
  EXPECT_EQ(drift.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(drift.status().message().find("Home"), std::string::npos);
}

TEST(LiveDrift, MetricsEscapeLabelsAndCarryEveryFamily) {
  auto result = std::make_shared<LiveDriftResult>();
  result->rows = 12;
  monitor::ColumnDrift column;
  column.name = "odd \"name\"\\";
  column.test = monitor::DriftTest::kWasserstein;
  column.score = std::numeric_limits<double>::infinity();
  column.threshold = 0.1;
  column.drift = true;
  result->report.columns.push_back(column);
  result->report.dataset.columns = 1;
  result->report.dataset.drifted = 1;
  result->report.dataset.share = 1.0;
  result->report.dataset.threshold = 0.5;
  result->report.dataset.drift = true;
  std::string out;
  AppendDriftMetrics({{"credit", result}}, out);
  EXPECT_NE(out.find("steward_drift_window_rows{model=\"credit\"} 12\n"), std::string::npos);
  EXPECT_NE(out.find("steward_dataset_drift_share{model=\"credit\"} 1\n"), std::string::npos);
  EXPECT_NE(out.find("steward_dataset_drifted{model=\"credit\"} 1\n"), std::string::npos);
  EXPECT_NE(
      out.find("steward_feature_drift_score{model=\"credit\",feature=\"odd \\\"name\\\"\\\\\","
               "test=\"wasserstein\"} +Inf\n"),
      std::string::npos)
      << out;
  EXPECT_NE(
      out.find("steward_feature_drifted{model=\"credit\",feature=\"odd \\\"name\\\"\\\\\"} 1\n"),
      std::string::npos);
  EXPECT_NE(out.find("# TYPE steward_feature_drift_threshold gauge\n"), std::string::npos);
  std::string none;
  AppendDriftMetrics({}, none);
  EXPECT_TRUE(none.empty());
}

}  // namespace
}  // namespace steward::server
