#include "steward/monitor/scored_log.h"

#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "steward/monitor/late_labels.h"

namespace steward::monitor {
namespace {

io::PredictionRecord Prediction(std::string id, std::string time, std::string inputs,
                                std::string outputs) {
  io::PredictionRecord record;
  record.id = std::move(id);
  record.time = std::move(time);
  record.model = "m";
  record.inputs = std::move(inputs);
  record.outputs = std::move(outputs);
  return record;
}

io::PredictionRecord Feedback(std::string id, std::string prediction_id, std::string label) {
  io::PredictionRecord record;
  record.kind = io::PredictionKind::kFeedback;
  record.id = std::move(id);
  record.model = "m";
  record.label = std::move(label);
  record.prediction_id = std::move(prediction_id);
  return record;
}

std::vector<const io::PredictionRecord*> Pointers(const std::vector<io::PredictionRecord>& all) {
  std::vector<const io::PredictionRecord*> out;
  for (const io::PredictionRecord& record : all)
    out.push_back(&record);
  return out;
}

TEST(FillFromPredictionLog, ReadsOutputsTimesAndSensitiveInputs) {
  const std::vector<io::PredictionRecord> records = {
      Prediction("a", "2026-11-23T06:00:00.000Z", R"({"x":1,"sex":"F"})",
                 R"({"probability":0.7,"class":"good"})"),
      Prediction("b", "2026-11-23T07:30:00.500Z", R"({"x":2})",
                 R"({"probability":0.2,"class":"bad"})")};
  ScoredRows rows;
  rows.classes = {"bad", "good"};
  ASSERT_TRUE(FillFromPredictionLog(Pointers(records), {"sex", "race"}, rows).ok());
  EXPECT_EQ(rows.values, (std::vector<double>{0.7, 0.2}));
  EXPECT_EQ(rows.predicted, (std::vector<int32_t>{1, 0}));
  EXPECT_EQ(rows.ids, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(rows.times_us[1] - rows.times_us[0], int64_t{5'400'500'000});
  ASSERT_EQ(rows.sensitive.num_columns(), 1u);  // "race" is in no record
  EXPECT_EQ(rows.sensitive.name(0), "sex");
  EXPECT_TRUE(rows.sensitive.column(0).IsMissing(1));
  ASSERT_EQ(rows.notes.size(), 1u);
  EXPECT_NE(rows.notes[0].find("'race' is not among the logged inputs"), std::string::npos);
}

TEST(FillFromPredictionLog, MulticlassProbabilitiesInClassOrderAndBadClassNamed) {
  std::vector<io::PredictionRecord> records = {
      Prediction("a", "2026-11-23T06:00:00.000Z", "{}",
                 R"({"class":"b","probabilities":{"c":0.1,"a":0.2,"b":0.7}})")};
  ScoredRows rows;
  rows.task = fairness::AuditTask::kMulticlass;
  rows.classes = {"a", "b", "c"};
  ASSERT_TRUE(FillFromPredictionLog(Pointers(records), {}, rows).ok());
  EXPECT_EQ(rows.values, (std::vector<double>{0.2, 0.7, 0.1}));
  EXPECT_EQ(rows.rows(), 1u);
  records[0].outputs = R"({"class":"z","probabilities":{"a":1,"b":0,"c":0}})";
  ScoredRows again;
  again.task = fairness::AuditTask::kMulticlass;
  again.classes = {"a", "b", "c"};
  EXPECT_EQ(FillFromPredictionLog(Pointers(records), {}, again).message(),
            "prediction log record a: output class \"z\" is not a class of the model");
}

TEST(LabelsFromFeedback, LaterFeedbackWinsAndOrphansAreNoted) {
  const std::vector<io::PredictionRecord> records = {
      Prediction("p1", "2026-11-23T06:00:00.000Z", "{}", R"({"probability":0.7,"class":"good"})"),
      Feedback("f1", "p1", R"("bad")"), Feedback("f2", "p1", R"("good")"),
      Feedback("f3", "gone", R"("bad")")};
  Result<LateLabels> labels = LabelsFromFeedback(records);
  ASSERT_TRUE(labels.ok());
  ASSERT_EQ(labels->by_id.size(), 1u);
  EXPECT_EQ(labels->by_id.at("p1").text, "good");
  ASSERT_EQ(labels->notes.size(), 1u);
  EXPECT_EQ(labels->notes[0].rfind("1 feedback records", 0), 0u);
}

}  // namespace
}  // namespace steward::monitor
