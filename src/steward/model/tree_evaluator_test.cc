#include "steward/model/tree_evaluator.h"

#include <cmath>
#include <random>
#include <sstream>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "steward/io/data_source.h"
#include "steward/model/feature_matrix.h"
#include "steward/model/model_bundle.h"
#include "steward/model/model_training.h"
#include "steward/model/predictor.h"
#include "steward/testing/bundled_data.h"
#include "steward/testing/temp_dir.h"

namespace steward::model {
namespace {

using ::testing::HasSubstr;

struct Trained {
  std::string json;
  ModelSchema schema;
};

// As `steward train` does: 20% held out for early stopping, up to 100 rounds.
Trained Train(const Table& table, const std::string& target,
              std::vector<std::pair<std::string, std::string>> params = {}) {
  TrainRequest request;
  request.roles.target = target;
  request.threads = 2;
  request.params.booster = std::move(params);
  Result<TrainOutcome> outcome = TrainModel(table, request);
  EXPECT_TRUE(outcome.ok()) << outcome.status().message();
  return {outcome->booster.model_json, outcome->schema};
}

// The rows of `matrix`, then each again with values knocked out (NaN), numbers made infinite,
// and, for categorical features, codes no split lists: unseen, negative, fractional, beyond
// float's integers.
xgb::DenseMatrix WithDamagedRows(const xgb::DenseMatrix& matrix, const ModelSchema& schema) {
  xgb::DenseMatrix out = matrix;
  std::mt19937_64 random(7);
  for (size_t row = 0; row < matrix.rows; ++row) {
    for (size_t column = 0; column < matrix.columns; ++column) {
      float value = matrix.values[row * matrix.columns + column];
      const uint64_t draw = random() % 10;
      if (draw < 2) {
        value = NAN;
      } else if (draw == 2 && schema.features[column].categorical()) {
        const float codes[] = {static_cast<float>(schema.features[column].categories.size()), -1,
                               1.5f, 99, 3e7f};
        value = codes[random() % 5];
      } else if (draw == 2) {
        value = random() % 2 ? INFINITY : -INFINITY;
      }
      out.values.push_back(value);
    }
  }
  out.rows = matrix.rows * 2;
  return out;
}

struct Case {
  std::string name;  // for the test's name
  std::string file;
  std::string target;
  std::vector<std::pair<std::string, std::string>> params;
  bool categorical = false;  // the model has categorical splits
};

void PrintTo(const Case& test, std::ostream* out) {
  *out << test.name;
}

class TreeEvaluatorOracle : public ::testing::TestWithParam<Case> {};

// The evaluator must equal XGBoost (what Predictor calls) on every row of the data set.
TEST_P(TreeEvaluatorOracle, EqualsXGBoostOnEveryRow) {
  const Case& test = GetParam();
  const Table table = testing::ReadBundledData(test.file);
  const Trained model = Train(table, test.target, test.params);
  Result<TreeEvaluator> evaluator = TreeEvaluator::FromModelJson(model.json, model.schema);
  ASSERT_TRUE(evaluator.ok()) << evaluator.status().message();
  Result<xgb::DenseMatrix> clean = BuildMatrix(table, model.schema, {}, test.file, 2);
  ASSERT_TRUE(clean.ok()) << clean.status().message();
  const xgb::DenseMatrix matrix = WithDamagedRows(*clean, model.schema);
  Result<xgb::BoosterPtr> booster = xgb::LoadBooster(model.json);
  ASSERT_TRUE(booster.ok()) << booster.status().message();
  Result<std::vector<float>> expected = xgb::PredictDense(booster->get(), matrix);
  ASSERT_TRUE(expected.ok()) << expected.status().message();
  Result<std::vector<float>> got = evaluator->Predict(matrix);
  ASSERT_TRUE(got.ok()) << got.status().message();
  ASSERT_EQ(got->size(), expected->size());
  ASSERT_EQ(got->size(), matrix.rows * evaluator->width());
  double largest = 0;
  size_t at = 0;
  for (size_t i = 0; i < got->size(); ++i) {
    const double difference = std::abs(double((*got)[i]) - double((*expected)[i]));
    if (!(difference <= largest)) {
      largest = difference;
      at = i;
    }
  }
  std::ostringstream figures;
  figures << largest << " over " << got->size() << " values; " << evaluator->trees() << " trees, "
          << evaluator->categorical_splits() << " categorical splits";
  RecordProperty("max_abs_difference", figures.str());
  EXPECT_EQ(evaluator->categorical_splits() > 0, test.categorical);
  EXPECT_LE(largest, 1e-6) << "row " << at / evaluator->width() << ": " << (*got)[at] << " vs "
                           << (*expected)[at];
}

INSTANTIATE_TEST_SUITE_P(
    DataSets, TreeEvaluatorOracle,
    ::testing::Values(
        Case{"CreditBinary", "credit_data.csv", "Status", {}, true},
        Case{"CreditDeepPartitions",
             "credit_data.csv",
             "Status",
             {{"max_depth", "10"}, {"max_cat_to_onehot", "1"}, {"eta", "0.1"}},
             true},
        Case{"TitanicBinary", "titanic.csv", "survived", {}, true},
        Case{"TitanicOneHotSplits", "titanic.csv", "survived", {{"max_cat_to_onehot", "64"}}, true},
        Case{"PimaBinaryMissing", "pima_diabetes.csv", "diabetes", {}},
        Case{"IrisMulticlass", "iris.csv", "species", {}},
        Case{"WineMulticlass", "wine.csv", "cultivar", {}},
        Case{"SeattleWeatherMulticlass", "seattle_weather.csv", "weather", {}},
        Case{"DiabetesRegression", "diabetes.csv", "progression", {}},
        Case{"SalariesRegression", "professor_salaries.csv", "salary", {}, true},
        Case{"WagesAbsoluteError",
             "cps_wages_1985.csv",
             "wage",
             {{"objective", "reg:absoluteerror"}},
             true},
        Case{"WagesPseudoHuber",
             "cps_wages_1985.csv",
             "wage",
             {{"objective", "reg:pseudohubererror"}},
             true},
        Case{"WagesSquaredLog",
             "cps_wages_1985.csv",
             "wage",
             {{"objective", "reg:squaredlogerror"}},
             true},
        Case{"DiabetesPoisson", "diabetes.csv", "progression", {{"objective", "count:poisson"}}},
        Case{"DiabetesGamma", "diabetes.csv", "progression", {{"objective", "reg:gamma"}}},
        Case{"DiabetesTweedie", "diabetes.csv", "progression", {{"objective", "reg:tweedie"}}},
        Case{"CreditRandomForest",
             "credit_data.csv",
             "Status",
             {{"num_parallel_tree", "4"}, {"subsample", "0.8"}, {"colsample_bynode", "0.8"}},
             true}),
    [](const ::testing::TestParamInfo<Case>& param) { return param.param.name; });

// A bundle of `model`, loaded as `steward predict` loads it.
Result<Predictor> LoadBundle(const std::string& model_json, const ModelSchema& schema,
                             const testing::TempDir& dir) {
  BundleParts parts;
  for (std::string_view name : kBundleParts)
    parts[std::string(name)] = "{}\n";
  parts["model.json"] = model_json;
  parts["schema.json"] = SchemaToJson(schema).dump();
  STEWARD_RETURN_IF_ERROR(WriteBundle(dir.Path("b"), parts));
  return Predictor::Load(dir.Path("b"), 2);
}

// Predictor predicts with the evaluator, table to values, and still gives XGBoost's values.
TEST(TreeEvaluator, PredictorUsesItAndStillEqualsXGBoost) {
  const Table table = testing::ReadBundledData("credit_data.csv");
  const Trained model = Train(table, "Status");
  testing::TempDir dir;
  Result<Predictor> predictor = LoadBundle(model.json, model.schema, dir);
  ASSERT_TRUE(predictor.ok()) << predictor.status().message();
  ASSERT_NE(predictor->tree_evaluator(), nullptr) << predictor->tree_evaluator_fallback();
  EXPECT_EQ(predictor->tree_evaluator_fallback(), "");
  Result<Predictions> predictions = predictor->Predict(table, "credit");
  ASSERT_TRUE(predictions.ok()) << predictions.status().message();
  Result<xgb::DenseMatrix> matrix = BuildMatrix(table, model.schema, {}, "credit", 2);
  ASSERT_TRUE(matrix.ok());
  Result<std::vector<float>> expected = xgb::PredictDense(predictor->booster(), *matrix);
  ASSERT_TRUE(expected.ok());
  ASSERT_EQ(predictions->values.size(), expected->size());
  for (size_t row = 0; row < expected->size(); ++row)
    ASSERT_NEAR(predictions->values[row], (*expected)[row], 1e-6) << "row " << row;
}

// A model XGBoost loads but the evaluator does not support is left to XGBoost.
TEST(TreeEvaluator, PredictorFallsBackToXGBoost) {
  const Table table = testing::ReadBundledData("credit_data.csv");
  const Trained model = Train(table, "Status", {{"max_depth", "2"}});
  // Edited as text: categorical splits hold NaN, which nlohmann cannot parse.
  std::string changed = model.json;
  const size_t at = changed.find("\"binary:logistic\"");
  ASSERT_NE(at, std::string::npos);
  changed.replace(at, 17, "\"binary:logitraw\"");
  testing::TempDir dir;
  Result<Predictor> predictor = LoadBundle(changed, model.schema, dir);
  ASSERT_TRUE(predictor.ok()) << predictor.status().message();
  EXPECT_EQ(predictor->tree_evaluator(), nullptr);
  EXPECT_THAT(predictor->tree_evaluator_fallback(), HasSubstr("objective 'binary:logitraw'"));
  Result<Predictions> predictions = predictor->Predict(table, "credit");
  ASSERT_TRUE(predictions.ok()) << predictions.status().message();
  // Margins, not probabilities: XGBoost applied the raw objective.
  EXPECT_TRUE(std::any_of(predictions->values.begin(), predictions->values.end(),
                          [](float value) { return value < 0 || value > 1; }));
}

TEST(TreeEvaluator, RefusesWhatCheckModelJsonRefuses) {
  const Table table = testing::ReadBundledData("iris.csv");
  const Trained model = Train(table, "species", {{"max_depth", "2"}});
  nlohmann::json changed = nlohmann::json::parse(model.json);
  changed["learner"]["gradient_booster"]["model"]["trees"][1]["left_children"][0] = 10000;
  const Status status = TreeEvaluator::FromModelJson(changed.dump(), model.schema).status();
  EXPECT_EQ(status.code(), StatusCode::kDataLoss);
  EXPECT_THAT(status.message(), HasSubstr("tree 1, node 0: child 10000"));
  ModelSchema binary = model.schema;
  binary.task = Task::kBinary;
  EXPECT_EQ(TreeEvaluator::FromModelJson(model.json, binary).status().code(),
            StatusCode::kDataLoss);
}

TEST(TreeEvaluator, RefusesObjectivesItCannotReproduce) {
  const Table table = testing::ReadBundledData("diabetes.csv");
  const Trained model = Train(table, "progression", {{"max_depth", "2"}});
  nlohmann::json changed = nlohmann::json::parse(model.json);
  changed["learner"]["objective"]["name"] = "reg:quantileerror";
  Status status = TreeEvaluator::FromModelJson(changed.dump(), model.schema).status();
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(), HasSubstr("objective 'reg:quantileerror'"));
  changed["learner"]["objective"]["name"] = "binary:logistic";
  status = TreeEvaluator::FromModelJson(changed.dump(), model.schema).status();
  EXPECT_THAT(status.message(), HasSubstr("objective 'binary:logistic' for a regression model"));
  changed = nlohmann::json::parse(model.json);
  changed["learner"]["learner_model_param"]["num_target"] = "2";
  EXPECT_THAT(TreeEvaluator::FromModelJson(changed.dump(), model.schema).status().message(),
              HasSubstr("several targets"));
}

TEST(TreeEvaluator, RefusesAMatrixOfAnotherWidth) {
  const Table table = testing::ReadBundledData("iris.csv");
  const Trained model = Train(table, "species", {{"max_depth", "2"}});
  Result<TreeEvaluator> evaluator = TreeEvaluator::FromModelJson(model.json, model.schema);
  ASSERT_TRUE(evaluator.ok());
  EXPECT_EQ(evaluator->features(), 4u);
  EXPECT_EQ(evaluator->width(), 3u);
  xgb::DenseMatrix matrix{std::vector<float>(10, 1.0f), 2, 5};
  EXPECT_THAT(evaluator->Predict(matrix).status().message(),
              HasSubstr("needs 4 columns, the matrix has 5"));
}

TEST(TreeEvaluator, ThreadsShareOneEvaluator) {
  const Table table = testing::ReadBundledData("credit_data.csv");
  const Trained model = Train(table, "Status");
  Result<TreeEvaluator> evaluator = TreeEvaluator::FromModelJson(model.json, model.schema);
  ASSERT_TRUE(evaluator.ok());
  Result<xgb::DenseMatrix> matrix = BuildMatrix(table, model.schema, {}, "credit", 2);
  ASSERT_TRUE(matrix.ok());
  Result<std::vector<float>> serial = evaluator->Predict(*matrix);
  ASSERT_TRUE(serial.ok());
  std::vector<std::vector<float>> results(4, std::vector<float>(matrix->rows));
  std::vector<std::thread> threads;
  for (std::vector<float>& result : results) {
    threads.emplace_back([&] {
      for (size_t row = 0; row < matrix->rows; ++row)
        evaluator->PredictRow(matrix->values.data() + row * matrix->columns, &result[row]);
    });
  }
  for (std::thread& thread : threads)
    thread.join();
  for (const std::vector<float>& result : results)
    EXPECT_EQ(result, *serial);
}

}  // namespace
}  // namespace steward::model
