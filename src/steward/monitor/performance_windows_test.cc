#include "steward/monitor/performance_windows.h"

#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "steward/monitor/late_labels.h"

namespace steward::monitor {
namespace {

constexpr int64_t kHour = int64_t{3'600'000'000};
// 2026-11-23T00:00:00Z.
constexpr int64_t kDay0 = int64_t{1'795'392'000} * 1'000'000;

// `count` rows an hour apart from `start`, scored 0.1, 0.2, ..., with labels that a threshold
// of 0.5 separates perfectly, or their opposites when `flipped`.
void AddRows(ScoredRows& rows, int64_t start, int count, bool flipped) {
  for (int i = 0; i < count; ++i) {
    const double score = 0.05 + 0.9 * (i % 10) / 9.0;
    const int32_t predicted = score >= 0.5 ? 1 : 0;
    rows.values.push_back(score);
    rows.predicted.push_back(predicted);
    rows.labels.push_back(flipped ? 1 - predicted : predicted);
    rows.times_us.push_back(start + i * (kHour / 4));
    rows.ids.push_back(std::to_string(rows.ids.size()));
  }
}

ScoredRows TwoDays(bool flip_second_day) {
  ScoredRows rows;
  rows.classes = {"bad", "good"};
  AddRows(rows, kDay0, 40, false);
  AddRows(rows, kDay0 + 24 * kHour, 40, flip_second_day);
  return rows;
}

PerformanceOptions WithStoredAuc(double auc) {
  PerformanceOptions options;
  options.stored = {{"roc_auc", auc}, {"accuracy", 0.9}};
  return options;
}

TEST(ParseWindowLength, ReadsUnitsAndRefusesTheRest) {
  EXPECT_EQ(*ParseWindowLength("1h"), kHour);
  EXPECT_EQ(*ParseWindowLength("7d"), 7 * kMicrosPerDay);
  EXPECT_EQ(*ParseWindowLength("30m"), kHour / 2);
  EXPECT_EQ(*ParseWindowLength("521w"), 521 * 7 * kMicrosPerDay);
  for (const char* bad :
       {"", "h", "0d", "-1d", "1 d", "1x", "1.5h", "1dd", "31622400w", "9223372036854775807s"})
    EXPECT_FALSE(ParseWindowLength(bad).ok()) << bad;
}

TEST(EvaluateWindows, CutsUtcDaysAndAlertsOnTheDayWhoseLabelsFlipped) {
  Result<PerformanceReport> report = EvaluateWindows(TwoDays(true), WithStoredAuc(0.9));
  ASSERT_TRUE(report.ok()) << report.status().message();
  ASSERT_EQ(report->windows.size(), 2u);
  EXPECT_EQ(FormatUtc(report->windows[0].start_us), "2026-11-23T00:00:00Z");
  EXPECT_EQ(FormatUtc(report->windows[1].end_us), "2026-11-25T00:00:00Z");
  EXPECT_DOUBLE_EQ(report->windows[0].metrics["roc_auc"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(report->windows[1].metrics["roc_auc"].get<double>(), 0.0);
  EXPECT_FALSE(report->windows[0].alert);
  EXPECT_TRUE(report->windows[1].alert);
  ASSERT_FALSE(report->alerts.empty());
  EXPECT_EQ(report->alerts[0].kind, "performance");
  EXPECT_NE(report->alerts[0].message.find("window 2026-11-24T00:00:00Z"), std::string::npos);
}

TEST(EvaluateWindows, CorrectLabelsRaiseNoAlert) {
  Result<PerformanceReport> report = EvaluateWindows(TwoDays(false), WithStoredAuc(0.9));
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_TRUE(report->alerts.empty());
}

TEST(EvaluateWindows, UnlabelledRowsAreCountedNotEvaluated) {
  ScoredRows rows = TwoDays(true);
  // The second day's labels never arrived, except for five rows.
  for (size_t row = 40; row < 75; ++row)
    rows.labels[row] = kNoLabel;
  Result<PerformanceReport> report = EvaluateWindows(rows, WithStoredAuc(0.9));
  ASSERT_TRUE(report.ok()) << report.status().message();
  const PerformanceWindow& second = report->windows[1];
  EXPECT_EQ(second.rows, 40u);
  EXPECT_EQ(second.labelled, 5u);
  EXPECT_EQ(second.metrics["rows"].get<uint64_t>(), 5u);
  EXPECT_FALSE(second.judged);  // fewer than 30 labels: reported, not judged
  EXPECT_FALSE(second.alert);
  EXPECT_EQ(report->labelled, 45u);
}

TEST(EvaluateWindows, OneWindowWithoutTimeAndRowsWithoutTimeNoted) {
  ScoredRows rows = TwoDays(false);
  rows.times_us[3] = kMissingTimestamp;
  Result<PerformanceReport> timed = EvaluateWindows(rows, WithStoredAuc(0.9));
  ASSERT_TRUE(timed.ok());
  EXPECT_EQ(timed->rows_without_time, 1u);
  ASSERT_EQ(timed->notes.size(), 1u);
  rows.times_us.clear();
  Result<PerformanceReport> untimed = EvaluateWindows(rows, WithStoredAuc(0.9));
  ASSERT_TRUE(untimed.ok());
  ASSERT_EQ(untimed->windows.size(), 1u);
  EXPECT_FALSE(untimed->windows[0].timed);
  EXPECT_EQ(untimed->windows[0].rows, 80u);
}

TEST(EvaluateWindows, FairnessAlertWhenAGroupIsSelectedLess) {
  ScoredRows rows = TwoDays(false);
  std::vector<std::string> groups;
  for (size_t row = 0; row < rows.rows(); ++row) {
    // Each group sees every score; on the second day group "b" is only ever refused.
    const bool b = row % 20 >= 10;
    groups.push_back(b ? "b" : "a");
    if (b && row >= 40)
      rows.predicted[row] = 0;
  }
  Schema schema = *Schema::Make({Field{"group", ColumnKind::kCategorical, ColumnRole::kSensitive}});
  rows.sensitive = *Table::Make(schema, {Column::CategoricalFromLabels(groups)});
  PerformanceOptions options = WithStoredAuc(0.5);
  options.policy.min_group_size = 10;
  Result<PerformanceReport> report = EvaluateWindows(rows, options);
  ASSERT_TRUE(report.ok()) << report.status().message();
  ASSERT_EQ(report->windows[0].fairness.size(), 1u);
  EXPECT_TRUE(report->windows[0].fairness[0].passed);
  EXPECT_FALSE(report->windows[1].fairness[0].passed);
  EXPECT_DOUBLE_EQ(report->windows[1].fairness[0].min_ratio, 0.0);
  bool fairness_alert = false;
  for (const Alert& alert : report->alerts)
    fairness_alert = fairness_alert || (alert.kind == "fairness" && alert.column == "group");
  EXPECT_TRUE(fairness_alert);
}

TEST(ParseLabelsCsv, ErrorsNameTheLine) {
  EXPECT_TRUE(ParseLabelsCsv("label,id\ngood,1\n\"bad\",2\n", "l.csv").ok());
  Result<LateLabels> duplicate = ParseLabelsCsv("id,label\n1,good\n2,bad\n1,bad\n", "l.csv");
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.status().message(), "l.csv:4: duplicate id '1' (first at l.csv:2)");
  Result<LateLabels> no_label = ParseLabelsCsv("id,status\n1,good\n", "l.csv");
  ASSERT_FALSE(no_label.ok());
  EXPECT_EQ(no_label.status().message(), "l.csv:1: the header needs an 'id' and a 'label' column");
  EXPECT_FALSE(ParseLabelsCsv("id,label\n1\n", "l.csv").ok());
}

TEST(JoinLabels, UnknownIdAndUnknownClassNameTheirLines) {
  ScoredRows rows = TwoDays(false);
  const std::unordered_set<std::string> known(rows.ids.begin(), rows.ids.end());
  LateLabels labels = *ParseLabelsCsv("id,label\n0,good\n1,\n2,bad\n", "l.csv");
  ASSERT_TRUE(JoinLabels(labels, known, rows).ok());
  EXPECT_EQ(rows.labels[0], 1.0);
  EXPECT_TRUE(std::isnan(rows.labels[1]));  // an empty label: unlabelled
  EXPECT_EQ(rows.labels[2], 0.0);
  EXPECT_TRUE(std::isnan(rows.labels[3]));  // not in the file
  LateLabels unknown = *ParseLabelsCsv("id,label\n0,good\n999,bad\n", "l.csv");
  Status status = JoinLabels(unknown, known, rows);
  EXPECT_EQ(status.message(), "l.csv:3: unknown id '999': no current row has it");
  LateLabels bad = *ParseLabelsCsv("id,label\n0,good\n1,ugly\n", "l.csv");
  status = JoinLabels(bad, known, rows);
  EXPECT_EQ(status.message(),
            "l.csv:3: label 'ugly' is not a class of the model (classes: bad, good)");
}

}  // namespace
}  // namespace steward::monitor
