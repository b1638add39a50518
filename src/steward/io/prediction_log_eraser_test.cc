#include "steward/io/prediction_log_eraser.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "steward/io/prediction_log.h"
#include "steward/testing/temp_dir.h"

namespace steward::io {
namespace {

constexpr std::string_view kHead = R"({"kind":"prediction","time":"2026-11-23T06:28:12.345Z",)";

std::string PredictionLine(const std::string& id, const std::string& email, int age,
                           const std::string& model = "credit") {
  return std::string(R"({"kind":"prediction","id":")") + id +
         R"(","time":"2026-11-23T06:28:12.345Z","model":")" + model +
         R"(","version":1,"inputs":{"email":)" + email + R"(,"age":)" + std::to_string(age) +
         R"(},"outputs":{"probability":0.5}})" + "\n";
}

std::string FeedbackLine(const std::string& id, const std::string& prediction_id) {
  return std::string(R"({"kind":"feedback","id":")") + id +
         R"(","time":"2026-11-23T06:29:00.000Z","model":"credit","version":1,"label":1,)"
         R"("prediction_id":")" +
         prediction_id + "\"}\n";
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

class EraserTest : public ::testing::Test {
 protected:
  EraserTest() {
    std::filesystem::create_directories(Dir());
    first_ = PredictionLine("p1", R"("ann@example.org")", 41) +
             PredictionLine("p2", R"("bob@example.org")", 35) + FeedbackLine("f2", "p2");
    second_ = FeedbackLine("f1", "p1") + PredictionLine("p3", R"("ann@example.org")", 41);
    third_ = PredictionLine("p4", R"("cy@example.org")", 29) + FeedbackLine("f4", "p4");
    dir_.Write("log/" + First(), first_);
    dir_.Write("log/" + Second(), second_);
    dir_.Write("log/" + Third(), third_);
  }
  std::string Dir() const { return dir_.Path("log"); }
  static std::string First() { return "predictions-20261123T062812Z-000001.jsonl"; }
  static std::string Second() { return "predictions-20261123T072812Z-000002.jsonl"; }
  static std::string Third() { return "predictions-20261123T082812Z-000003.jsonl"; }

  steward::testing::TempDir dir_;
  std::string first_, second_, third_;
};

TEST(InputMatches, StringsExactlyNumbersByValueOthersNever) {
  EXPECT_TRUE(InputMatches(R"("ann@example.org")", "ann@example.org"));
  EXPECT_FALSE(InputMatches(R"("ann@example.org")", "Ann@example.org"));
  EXPECT_FALSE(InputMatches(R"("41")", "41.0"));
  EXPECT_TRUE(InputMatches("41", "41"));
  EXPECT_TRUE(InputMatches("41", "41.0"));
  EXPECT_TRUE(InputMatches("41.5", "41.50"));
  EXPECT_FALSE(InputMatches("41", "41x"));
  EXPECT_FALSE(InputMatches("9007199254740993", "9007199254740992"));
  EXPECT_TRUE(InputMatches("18446744073709551615", "18446744073709551615"));
  EXPECT_TRUE(InputMatches("-7", "-7"));
  EXPECT_TRUE(InputMatches("true", "true"));
  EXPECT_FALSE(InputMatches("true", "1"));
  EXPECT_FALSE(InputMatches("null", "null"));
  EXPECT_FALSE(InputMatches("null", ""));
  EXPECT_FALSE(InputMatches(R"(["a"])", "a"));
}

TEST_F(EraserTest, RemovesTheSubjectsPredictionsAndTheirFeedbackOnly) {
  auto report = EraseFromPredictionLog(Dir(), {"email", "ann@example.org", "", false});
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->segments_scanned, 3u);
  EXPECT_EQ(report->predictions_removed, 2u);
  EXPECT_EQ(report->feedback_removed, 1u);
  EXPECT_EQ(report->segments_rewritten, (std::vector<std::string>{First(), Second()}));
  EXPECT_TRUE(report->segments_busy.empty());
  EXPECT_EQ(Slurp(Dir() + "/" + First()),
            PredictionLine("p2", R"("bob@example.org")", 35) + FeedbackLine("f2", "p2"));
  EXPECT_EQ(Slurp(Dir() + "/" + Second()), "");
  EXPECT_EQ(Slurp(Dir() + "/" + Third()), third_);
  EXPECT_EQ(ReadPredictionLog(Dir())->records.size(), 4u);
}

TEST_F(EraserTest, MatchesNumbersByValueAndScopesByModel) {
  auto other_model = EraseFromPredictionLog(Dir(), {"age", "41.0", "other", false});
  ASSERT_TRUE(other_model.ok());
  EXPECT_EQ(other_model->predictions_removed, 0u);
  auto report = EraseFromPredictionLog(Dir(), {"age", "41.0", "credit", false});
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->predictions_removed, 2u);
  EXPECT_EQ(report->feedback_removed, 1u);
}

TEST_F(EraserTest, DryRunAndNoMatchChangeNothing) {
  auto dry = EraseFromPredictionLog(Dir(), {"email", "ann@example.org", "", true});
  ASSERT_TRUE(dry.ok());
  EXPECT_EQ(dry->predictions_removed, 2u);
  auto none = EraseFromPredictionLog(Dir(), {"email", "nobody@example.org", "", false});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->predictions_removed + none->feedback_removed, 0u);
  EXPECT_TRUE(none->segments_rewritten.empty());
  EXPECT_EQ(Slurp(Dir() + "/" + First()), first_);
  EXPECT_EQ(Slurp(Dir() + "/" + Second()), second_);
}

TEST_F(EraserTest, UnknownColumnIsAnErrorNamingIt) {
  auto report = EraseFromPredictionLog(Dir(), {"e_mail", "ann@example.org", "", false});
  ASSERT_EQ(report.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(report.status().message().find("'e_mail'"), std::string::npos);
}

TEST_F(EraserTest, MalformedLineNamesSegmentAndLineAndRewritesNothing) {
  const std::string torn =
      std::string(kHead) + R"("id":"p9","model":"credit","inputs":{"email":"ann@ex)";
  dir_.Write("log/" + Second(), second_ + torn + "\n" + third_);
  auto report = EraseFromPredictionLog(Dir(), {"email", "ann@example.org", "", false});
  ASSERT_EQ(report.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(report.status().message().find(Second() + ":3:"), std::string::npos)
      << report.status().message();
  EXPECT_EQ(report.status().message().find("ann@ex"), std::string::npos)
      << report.status().message();
  EXPECT_EQ(Slurp(Dir() + "/" + First()), first_);
}

TEST_F(EraserTest, TornTailOfAnOlderSegmentIsDataLoss) {
  dir_.Write("log/" + First(), first_ + R"({"kind":"predic)");
  auto report = EraseFromPredictionLog(Dir(), {"email", "ann@example.org", "", false});
  EXPECT_EQ(report.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(report.status().message().find(First() + ":4:"), std::string::npos);
}

// The segment a running writer appends to is locked: it is read and reported, not replaced,
// and the writer's later records land in the file the log still names.
TEST_F(EraserTest, SegmentAWriterHoldsIsSkippedAndReported) {
  PredictionLogOptions options;
  options.flush_interval = std::chrono::hours(1);
  auto writer = PredictionLogWriter::Open(Dir(), options);
  ASSERT_TRUE(writer.ok()) << writer.status().message();
  PredictionRecord record;
  record.id = "p5";
  record.model = "credit";
  record.version = 1;
  record.inputs = R"({"email":"ann@example.org","age":41})";
  record.outputs = "0.5";
  ASSERT_TRUE((*writer)->Append(record));
  ASSERT_TRUE((*writer)->Flush().ok());

  auto report = EraseFromPredictionLog(Dir(), {"email", "ann@example.org", "", false});
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->predictions_removed, 2u);
  ASSERT_EQ(report->segments_busy.size(), 1u);
  EXPECT_EQ(report->predictions_pending, 1u);

  record.id = "p6";
  ASSERT_TRUE((*writer)->Append(record));
  ASSERT_TRUE((*writer)->Flush().ok());
  writer->reset();
  auto scan = ReadPredictionLog(Dir());
  ASSERT_TRUE(scan.ok());
  EXPECT_EQ(scan->records.back().id, "p6");

  // Once the writer is gone, a second run finishes the job.
  auto again = EraseFromPredictionLog(Dir(), {"email", "ann@example.org", "", false});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->predictions_removed, 2u);
  EXPECT_TRUE(again->segments_busy.empty());
}

}  // namespace
}  // namespace steward::io
