#include "steward/model/explanation.h"

#include <cmath>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "steward/io/data_source.h"
#include "steward/model/feature_matrix.h"
#include "steward/model/model_bundle.h"
#include "steward/model/model_training.h"
#include "steward/testing/bundled_data.h"
#include "steward/testing/temp_dir.h"

namespace steward::model {
namespace {

using ::testing::HasSubstr;

// A bundle trained on `table` (a few rounds, every row) and loaded back, as `steward explain`
// sees it.
Predictor TrainAndLoad(const Table& table, const std::string& target, const testing::TempDir& dir) {
  TrainRequest request;
  request.roles.target = target;
  request.threads = 2;
  request.params.num_boost_round = 20;
  request.valid_fraction = 0;
  Result<TrainOutcome> outcome = TrainModel(table, request);
  EXPECT_TRUE(outcome.ok()) << outcome.status().message();
  BundleParts parts;
  for (std::string_view name : kBundleParts)
    parts[std::string(name)] = "{}\n";
  parts["model.json"] = outcome->booster.model_json;
  parts["schema.json"] = SchemaToJson(outcome->schema).dump();
  EXPECT_TRUE(WriteBundle(dir.Path("b"), parts).ok());
  Result<Predictor> predictor = Predictor::Load(dir.Path("b"), 2);
  EXPECT_TRUE(predictor.ok()) << predictor.status().message();
  return std::move(predictor).value();
}

TEST(ComputeShap, ContributionsPlusBiasEqualTheMarginOnEveryCreditRow) {
  testing::TempDir dir;
  const Table table = testing::ReadBundledData("credit_data.csv");
  const Predictor predictor = TrainAndLoad(table, "Status", dir);
  Result<xgb::DenseMatrix> matrix = BuildMatrix(table, predictor.schema(), {}, "credit", 2);
  ASSERT_TRUE(matrix.ok()) << matrix.status().message();
  Result<ShapValues> shap = ComputeShap(predictor.booster(), predictor.schema(), *matrix, 2);
  ASSERT_TRUE(shap.ok()) << shap.status().message();
  ASSERT_EQ(shap->rows, table.num_rows());
  for (size_t row = 0; row < shap->rows; ++row) {
    const float* contributions = shap->Row(row, 0);
    double sum = 0;
    for (size_t feature = 0; feature <= shap->features; ++feature)
      sum += contributions[feature];
    ASSERT_NEAR(sum, shap->margins[row], 1e-5) << "row " << row;
  }
  const AdditivityCheck check = CheckAdditivity(*shap);
  EXPECT_TRUE(check.holds);
  EXPECT_LE(check.max_abs_error, 1e-5);
}

TEST(ComputeShap, ChunkingChangesNothingAndReportsProgress) {
  testing::TempDir dir;
  const Table table = testing::ReadBundledData("iris.csv");
  const Predictor predictor = TrainAndLoad(table, "species", dir);
  Result<xgb::DenseMatrix> matrix = BuildMatrix(table, predictor.schema(), {}, "iris", 2);
  ASSERT_TRUE(matrix.ok());
  std::vector<uint64_t> done;
  Result<ShapValues> chunked = ComputeShap(predictor.booster(), predictor.schema(), *matrix, 2, 64,
                                           [&done](uint64_t rows, uint64_t total) {
                                             EXPECT_EQ(total, 150u);
                                             done.push_back(rows);
                                           });
  Result<ShapValues> whole = ComputeShap(predictor.booster(), predictor.schema(), *matrix, 2);
  ASSERT_TRUE(chunked.ok() && whole.ok());
  EXPECT_EQ(done, (std::vector<uint64_t>{64, 128, 150}));
  EXPECT_EQ(chunked->contributions, whole->contributions);
  EXPECT_EQ(chunked->margins, whole->margins);
  EXPECT_EQ(chunked->predictions, whole->predictions);
  EXPECT_EQ(whole->contributions.size(), 150u * 3u * 5u);
}

TEST(CheckAdditivity, FlagsARowWhoseContributionsMissTheMargin) {
  ShapValues shap;
  shap.rows = 2;
  shap.features = 1;
  shap.contributions = {0.5f, 0.25f, 1.0f, 2.0f};
  shap.margins = {0.75f, 3.01f};
  const AdditivityCheck check = CheckAdditivity(shap);
  EXPECT_FALSE(check.holds);
  EXPECT_EQ(check.worst_row, 1u);
  EXPECT_NEAR(check.max_abs_error, 0.01, 1e-6);
}

TEST(Explain, GlobalImportanceIsSortedAndNonNegative) {
  testing::TempDir dir;
  const Table table = testing::ReadBundledData("credit_data.csv");
  const Predictor predictor = TrainAndLoad(table, "Status", dir);
  ExplainOptions options;
  options.rows = 3;
  options.top = 4;
  Result<Explanation> explanation = Explain(predictor, table, "credit", options);
  ASSERT_TRUE(explanation.ok()) << explanation.status().message();
  ASSERT_EQ(explanation->importance.size(), predictor.schema().features.size());
  for (size_t at = 0; at < explanation->importance.size(); ++at) {
    EXPECT_GE(explanation->importance[at].mean_abs_shap, 0.0);
    if (at > 0) {
      EXPECT_GE(explanation->importance[at - 1].mean_abs_shap,
                explanation->importance[at].mean_abs_shap);
    }
  }
  EXPECT_GT(explanation->importance[0].mean_abs_shap, 0.0);
  ASSERT_EQ(explanation->row_explanations.size(), 3u);
  const RowExplanation& first = explanation->row_explanations[0];
  ASSERT_EQ(first.top.size(), 4u);
  for (size_t at = 1; at < first.top.size(); ++at)
    EXPECT_GE(std::abs(first.top[at - 1].contribution), std::abs(first.top[at].contribution));
}

TEST(ComputeInteractions, AreSymmetricAndRowsSumToTheContributions) {
  testing::TempDir dir;
  const Table table = testing::ReadBundledData("iris.csv");
  const Predictor predictor = TrainAndLoad(table, "species", dir);
  Result<xgb::DenseMatrix> matrix = BuildMatrix(table, predictor.schema(), {}, "iris", 2);
  ASSERT_TRUE(matrix.ok());
  Result<ShapValues> shap = ComputeShap(predictor.booster(), predictor.schema(), *matrix, 2);
  Result<InteractionValues> interactions =
      ComputeInteractions(predictor.booster(), predictor.schema(), *matrix, 2);
  ASSERT_TRUE(shap.ok() && interactions.ok());
  ASSERT_EQ(interactions->groups, 3u);
  const size_t width = interactions->features + 1;
  for (size_t row = 0; row < interactions->rows; ++row) {
    for (size_t group = 0; group < interactions->groups; ++group) {
      const float* values =
          interactions->values.data() + (row * interactions->groups + group) * width * width;
      const float* contributions = shap->Row(row, group);
      for (size_t first = 0; first < width; ++first) {
        double sum = 0;
        for (size_t second = 0; second < width; ++second) {
          ASSERT_NEAR(values[first * width + second], values[second * width + first], 1e-4);
          sum += values[first * width + second];
        }
        ASSERT_NEAR(sum, contributions[first], 1e-4) << "row " << row << " feature " << first;
      }
    }
  }
}

TEST(Explain, PermutationNeedsTheTarget) {
  testing::TempDir dir;
  const Table table = testing::ReadBundledData("iris.csv");
  const Predictor predictor = TrainAndLoad(table, "species", dir);
  Result<Schema> schema = Schema::Make({{"sepal_length_cm", ColumnKind::kNumeric},
                                        {"sepal_width_cm", ColumnKind::kNumeric},
                                        {"petal_length_cm", ColumnKind::kNumeric},
                                        {"petal_width_cm", ColumnKind::kNumeric}});
  ASSERT_TRUE(schema.ok());
  Result<Table> features = Table::Make(*schema, {Column::Numeric({5.1}), Column::Numeric({3.5}),
                                                 Column::Numeric({1.4}), Column::Numeric({0.2})});
  ASSERT_TRUE(features.ok());
  ExplainOptions options;
  options.permutation_repeats = 2;
  EXPECT_THAT(Explain(predictor, *features, "x.csv", options).status().message(),
              HasSubstr("x.csv: --permutation needs the model's target column 'species'"));
  options.permutation_repeats = 0;
  EXPECT_TRUE(Explain(predictor, *features, "x.csv", options).ok());
}

TEST(Explain, PermutationOfAnImportantFeatureLosesAuc) {
  testing::TempDir dir;
  const Table table = testing::ReadBundledData("credit_data.csv");
  const Predictor predictor = TrainAndLoad(table, "Status", dir);
  ExplainOptions options;
  options.permutation_repeats = 2;
  options.seed = 7;
  Result<Explanation> explanation = Explain(predictor, table, "credit", options);
  ASSERT_TRUE(explanation.ok()) << explanation.status().message();
  ASSERT_TRUE(explanation->permutation.has_value());
  const PermutationImportance& permutation = *explanation->permutation;
  EXPECT_EQ(permutation.metric, "roc_auc");
  EXPECT_GT(permutation.baseline, 0.5);
  EXPECT_GT(permutation.scores.front().mean, 0.01);
  EXPECT_EQ(permutation.scores.front().losses.size(), 2u);
  // Same seed, same shuffles.
  Result<Explanation> again = Explain(predictor, table, "credit", options);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->permutation->scores.front().losses, permutation.scores.front().losses);
}

}  // namespace
}  // namespace steward::model
