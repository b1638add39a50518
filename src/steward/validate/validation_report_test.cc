#include "steward/validate/validation_report.h"

#include <limits>

#include <gtest/gtest.h>

namespace steward::validate {
namespace {

TEST(ValidationReport, CountsByStatus) {
  ValidationReport report;
  report.results.resize(4);
  report.results[1].status = ExpectationStatus::kFailed;
  report.results[2].status = ExpectationStatus::kSkipped;
  EXPECT_EQ(report.Count(ExpectationStatus::kPassed), 2u);
  EXPECT_EQ(report.Count(ExpectationStatus::kFailed), 1u);
  EXPECT_EQ(report.Count(ExpectationStatus::kSkipped), 1u);
  EXPECT_FALSE(report.passed());
}

TEST(ValidationReport, JsonHoldsEveryField) {
  ValidationReport report;
  report.source = "data.csv";
  report.suite = "suite.toml";
  report.rows = 12;
  report.columns = 3;
  ExpectationResult min;
  min.id = "column:age:min";
  min.expected = ">= 18";
  min.status = ExpectationStatus::kFailed;
  min.observed.number = 15;
  min.failing_rows = 2;
  min.examples.push_back({4, {{"age", "15"}}, std::nullopt});
  min.examples.push_back({9, {{"age", std::nullopt}}, 3});
  report.results.push_back(min);
  ExpectationResult kind;
  kind.id = "column:x:kind";
  kind.expected = "numeric";
  kind.status = ExpectationStatus::kSkipped;
  kind.observed.text = "text";
  kind.note = "column \"x\" is absent";
  report.results.push_back(kind);
  ExpectationResult mean;
  mean.id = "column:y:mean";
  mean.observed.number = std::numeric_limits<double>::infinity();
  report.results.push_back(mean);

  const nlohmann::json json = ValidationReportToJson(report);
  EXPECT_EQ(json["format"], "steward.validation/1");
  EXPECT_EQ(json["source"], "data.csv");
  EXPECT_EQ(json["suite"], "suite.toml");
  EXPECT_EQ(json["rows"], 12);
  EXPECT_EQ(json["bad_rows"], 0);
  EXPECT_EQ(json["columns"], 3);
  EXPECT_EQ(json["passed"], false);
  EXPECT_EQ(json["summary"],
            nlohmann::json({{"expectations", 3}, {"passed", 1}, {"failed", 1}, {"skipped", 1}}));
  const nlohmann::json& first = json["expectations"][0];
  EXPECT_EQ(first["id"], "column:age:min");
  EXPECT_EQ(first["status"], "fail");
  EXPECT_EQ(first["expected"], ">= 18");
  EXPECT_EQ(first["observed"], 15.0);
  EXPECT_EQ(first["failing_rows"], 2);
  EXPECT_EQ(first["examples"][0], nlohmann::json({{"row", 4}, {"values", {{"age", "15"}}}}));
  EXPECT_EQ(first["examples"][1],
            nlohmann::json({{"row", 9}, {"values", {{"age", nullptr}}}, {"same_as_row", 3}}));
  EXPECT_FALSE(first.contains("note"));
  EXPECT_EQ(json["expectations"][1]["status"], "skip");
  EXPECT_EQ(json["expectations"][1]["observed"], "text");
  EXPECT_EQ(json["expectations"][1]["note"], "column \"x\" is absent");
  EXPECT_EQ(json["expectations"][2]["observed"], "inf");
}

}  // namespace
}  // namespace steward::validate
