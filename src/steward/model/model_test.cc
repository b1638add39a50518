#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "steward/model/booster_trainer.h"
#include "steward/model/bundle_archive.h"
#include "steward/model/data_split.h"
#include "steward/model/feature_matrix.h"
#include "steward/model/linear_baseline.h"
#include "steward/model/model_bundle.h"
#include "steward/model/model_check.h"
#include "steward/model/model_schema.h"
#include "steward/model/model_training.h"
#include "steward/model/predictor.h"
#include "steward/model/target_encoding.h"
#include "steward/model/training_params.h"
#include "steward/model/validation_metrics.h"
#include "steward/model/xgboost_api.h"
#include "steward/testing/temp_dir.h"

namespace steward::model {
namespace {

using ::testing::HasSubstr;

Table MakeTable(std::vector<Field> fields, std::vector<Column> columns) {
  Result<Schema> schema = Schema::Make(std::move(fields));
  EXPECT_TRUE(schema.ok());
  Result<Table> table = Table::Make(*schema, std::move(columns));
  EXPECT_TRUE(table.ok()) << table.status().message();
  return std::move(table).value();
}

// A seeded binary problem: y depends on x (numeric) and g (categorical), with noise.
Table SyntheticBinary(size_t rows, uint64_t seed) {
  std::mt19937_64 random(seed);
  std::normal_distribution<double> normal;
  std::vector<double> x(rows);
  std::vector<std::string> groups(rows);
  std::vector<std::string> labels(rows);
  const char* names[] = {"a", "b", "c"};
  for (size_t row = 0; row < rows; ++row) {
    x[row] = normal(random);
    groups[row] = names[random() % 3];
    const double score = 1.5 * x[row] + (groups[row] == "b" ? 1.0 : -0.5) + normal(random);
    labels[row] = score > 0 ? "yes" : "no";
  }
  return MakeTable({{"x", ColumnKind::kNumeric},
                    {"g", ColumnKind::kCategorical},
                    {"y", ColumnKind::kCategorical}},
                   {Column::Numeric(x), Column::CategoricalFromLabels(groups),
                    Column::CategoricalFromLabels(labels)});
}

TEST(EncodeTarget, TwoLabelsAreBinarySortedWithTheSecondPositive) {
  Column column = Column::CategoricalFromLabels(std::vector<std::string>{"good", "bad", "good"});
  Result<EncodedTarget> target = EncodeTarget(column, "status", std::nullopt, "");
  ASSERT_TRUE(target.ok());
  EXPECT_EQ(target->task, Task::kBinary);
  EXPECT_THAT(target->classes, ::testing::ElementsAre("bad", "good"));
  EXPECT_EQ(target->labels, (std::vector<float>{1, 0, 1}));
}

TEST(EncodeTarget, PositiveLabelMovesToIndexOne) {
  Column column = Column::CategoricalFromLabels(std::vector<std::string>{"good", "bad"});
  Result<EncodedTarget> target = EncodeTarget(column, "status", std::nullopt, "bad");
  ASSERT_TRUE(target.ok());
  EXPECT_THAT(target->classes, ::testing::ElementsAre("good", "bad"));
  EXPECT_EQ(target->labels, (std::vector<float>{0, 1}));
  EXPECT_FALSE(EncodeTarget(column, "status", std::nullopt, "ugly").ok());
}

TEST(EncodeTarget, FewIntegersAreClassesOtherNumbersRegression) {
  Result<EncodedTarget> digits =
      EncodeTarget(Column::Numeric({3, 1, 2, 1, NAN}), "d", std::nullopt, "");
  ASSERT_TRUE(digits.ok());
  EXPECT_EQ(digits->task, Task::kMulticlass);
  EXPECT_THAT(digits->classes, ::testing::ElementsAre("1", "2", "3"));
  EXPECT_EQ(digits->missing, 1u);
  EXPECT_TRUE(std::isnan(digits->labels[4]));
  Result<EncodedTarget> amounts =
      EncodeTarget(Column::Numeric({1.5, 2, 3, 4}), "a", std::nullopt, "");
  ASSERT_TRUE(amounts.ok());
  EXPECT_EQ(amounts->task, Task::kRegression);
  EXPECT_EQ(amounts->labels[0], 1.5f);
}

TEST(EncodeTarget, RefusesOneValueAndTextRegression) {
  Result<EncodedTarget> one = EncodeTarget(Column::Numeric({1, 1}), "t", std::nullopt, "");
  EXPECT_THAT(one.status().message(), HasSubstr("target column 't'"));
  Column labels = Column::CategoricalFromLabels(std::vector<std::string>{"a", "b", "c"});
  EXPECT_FALSE(EncodeTarget(labels, "t", Task::kRegression, "").ok());
  EXPECT_FALSE(EncodeTarget(labels, "t", Task::kBinary, "").ok());
}

TEST(StratifiedSplit, KeepsClassSharesAndIsSeeded) {
  std::vector<float> strata;
  std::vector<uint32_t> rows;
  for (uint32_t row = 0; row < 1000; ++row) {
    strata.push_back(row < 900 ? 0.0f : 1.0f);
    rows.push_back(row);
  }
  Result<RowSplit> split = StratifiedSplit(rows, strata, 0.2, 7);
  ASSERT_TRUE(split.ok());
  EXPECT_EQ(split->valid.size(), 200u);
  EXPECT_EQ(split->train.size(), 800u);
  size_t minority = 0;
  for (uint32_t row : split->valid)
    minority += row >= 900;
  EXPECT_EQ(minority, 20u);
  Result<RowSplit> again = StratifiedSplit(rows, strata, 0.2, 7);
  EXPECT_EQ(split->valid, again->valid);
  Result<RowSplit> other = StratifiedSplit(rows, strata, 0.2, 8);
  EXPECT_NE(split->valid, other->valid);
}

TEST(StratifiedFolds, PartitionTheRows) {
  std::vector<uint32_t> rows(103);
  std::iota(rows.begin(), rows.end(), 0);
  Result<std::vector<RowSplit>> folds = StratifiedFolds(rows, {}, 5, 1);
  ASSERT_TRUE(folds.ok());
  std::vector<int> seen(rows.size(), 0);
  for (const RowSplit& fold : *folds) {
    EXPECT_EQ(fold.train.size() + fold.valid.size(), rows.size());
    for (uint32_t row : fold.valid)
      ++seen[row];
  }
  EXPECT_EQ(std::count(seen.begin(), seen.end(), 1), 103);
}

TEST(TrainingParams, ParsesScalarsAndMetricLists) {
  Result<TrainingParams> params = ParseTrainingParams(
      R"({"eta": 0.1, "max_depth": 4, "eval_metric": ["auc", "logloss"], "num_boost_round": 7})",
      "p.json");
  ASSERT_TRUE(params.ok()) << params.status().message();
  EXPECT_EQ(params->num_boost_round, 7);
  EXPECT_EQ(params->Find("eta"), "0.1");
  EXPECT_EQ(params->Find("max_depth"), "4");
  EXPECT_EQ(std::count_if(params->booster.begin(), params->booster.end(),
                          [](const auto& p) { return p.first == "eval_metric"; }),
            2);
}

TEST(TrainingParams, RefusesNestedValuesAndStewardOwnedKeys) {
  EXPECT_THAT(ParseTrainingParams(R"({"eta": {"x": 1}})", "p.json").status().message(),
              HasSubstr("p.json: 'eta'"));
  EXPECT_THAT(ParseTrainingParams(R"({"nthread": 4})", "p.json").status().message(),
              HasSubstr("--threads"));
  EXPECT_FALSE(ParseTrainingParams(R"({"num_boost_round": 0})", "p.json").ok());
  EXPECT_FALSE(ParseTrainingParams("[1]", "p.json").ok());
  EXPECT_FALSE(ParseTrainingParams("{", "p.json").ok());
}

TEST(ParseEvaluation, ReadsXGBoostsLine) {
  Result<std::vector<std::pair<std::string, double>>> parsed =
      ParseEvaluation("[3]\ttrain-logloss:0.25\tvalid-auc:0.875");
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ((*parsed)[1].first, "valid-auc");
  EXPECT_EQ((*parsed)[1].second, 0.875);
}

TEST(ModelSchema, RoundTripsThroughJsonAndRefusesRepeatedCategories) {
  ModelSchema schema;
  schema.task = Task::kMulticlass;
  schema.target = "species";
  schema.classes = {"a", "b", "c"};
  schema.features = {{"x", ColumnKind::kNumeric, {}}, {"g", ColumnKind::kCategorical, {"u", "v"}}};
  schema.sensitive = {"sex"};
  schema.ignored = {{"sex", "sensitive"}};
  nlohmann::json document = SchemaToJson(schema);
  Result<ModelSchema> back = SchemaFromJson(document);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(SchemaToJson(*back), document);
  document["features"][1]["categories"] = {"u", "u"};
  EXPECT_THAT(SchemaFromJson(document).status().message(), HasSubstr("repeats \"u\""));
}

TEST(BuildMatrix, MapsLabelsToTrainingCodesAndCountsUnseen) {
  ModelSchema schema;
  schema.features = {{"g", ColumnKind::kCategorical, {"red", "green"}},
                     {"x", ColumnKind::kNumeric, {}}};
  Table table =
      MakeTable({{"x", ColumnKind::kNumeric},
                 {"g", ColumnKind::kCategorical},
                 {"extra", ColumnKind::kNumeric}},
                {Column::Numeric({1, NAN, 3}),
                 Column::CategoricalFromLabels(std::vector<std::string>{"green", "blue", "red"}),
                 Column::Numeric({0, 0, 0})});
  InputNotes notes;
  Result<xgb::DenseMatrix> matrix = BuildMatrix(table, schema, {}, "in.csv", 1, &notes);
  ASSERT_TRUE(matrix.ok());
  EXPECT_EQ(matrix->values[0], 1.0f);  // green
  EXPECT_EQ(matrix->values[1], 1.0f);
  EXPECT_TRUE(std::isnan(matrix->values[2]));  // blue: unseen
  EXPECT_TRUE(std::isnan(matrix->values[3]));
  EXPECT_EQ(matrix->values[4], 0.0f);  // red
  ASSERT_EQ(notes.unseen_categories.size(), 1u);
  EXPECT_EQ(notes.unseen_categories[0].second, 1u);
  EXPECT_THAT(notes.extra_columns, ::testing::ElementsAre("extra"));
}

TEST(BuildMatrix, NamesMissingColumnsAndWrongValues) {
  ModelSchema schema;
  schema.features = {{"age", ColumnKind::kNumeric, {}}};
  Table other = MakeTable({{"x", ColumnKind::kNumeric}}, {Column::Numeric({1})});
  EXPECT_THAT(BuildMatrix(other, schema, {}, "in.csv", 1).status().message(),
              HasSubstr("in.csv: missing feature column 'age'"));
  Table text = MakeTable({{"age", ColumnKind::kCategorical}},
                         {Column::CategoricalFromLabels(std::vector<std::string>{"4", "4O"})});
  EXPECT_THAT(BuildMatrix(text, schema, {}, "in.csv", 1).status().message(),
              HasSubstr("in.csv: row 2, column 'age': expected a number, got \"4O\""));
}

TEST(ValidationMetrics, AucAveragesTies) {
  std::vector<float> labels = {0, 0, 1, 1};
  std::vector<float> scores = {0.1f, 0.5f, 0.5f, 0.9f};
  nlohmann::json metrics = EvaluatePredictions(Task::kBinary, labels, scores, 1, 0.5);
  EXPECT_DOUBLE_EQ(metrics["auc"].get<double>(), 0.875);
  EXPECT_DOUBLE_EQ(metrics["accuracy"].get<double>(), 0.75);
}

TEST(LinearBaseline, RidgeRecoversALine) {
  ModelSchema schema;
  schema.task = Task::kRegression;
  schema.features = {{"x", ColumnKind::kNumeric, {}}};
  xgb::DenseMatrix features{{0, 1, 2, 3, 4}, 5, 1};
  std::vector<float> labels = {1, 3, 5, 7, 9};
  Result<LinearBaseline> fitted = LinearBaseline::Fit(schema, features, labels, {}, 1e-9);
  ASSERT_TRUE(fitted.ok());
  std::vector<float> predicted = fitted->Predict(xgb::DenseMatrix{{10}, 1, 1});
  EXPECT_NEAR(predicted[0], 21.0, 1e-4);
}

TEST(LinearBaseline, LogisticSeparatesAnEasyProblem) {
  Table table = SyntheticBinary(2000, 3);
  std::vector<std::string> warnings;
  ColumnRoles roles;
  roles.target = "y";
  TrainRequest request;
  request.roles = roles;
  request.threads = 1;
  request.params.num_boost_round = 20;
  Result<TrainOutcome> outcome = TrainModel(table, request);
  ASSERT_TRUE(outcome.ok()) << outcome.status().message();
  EXPECT_GT(outcome->metrics["baseline"]["auc"].get<double>(), 0.85);
  EXPECT_GT(outcome->metrics["booster"]["auc"].get<double>(), 0.85);
  EXPECT_EQ(outcome->metrics["baseline"]["model"]["kind"], "logistic regression");
}

TEST(TrainModel, SameDataAndSeedGiveByteIdenticalModels) {
  Table table = SyntheticBinary(3000, 11);
  TrainRequest request;
  request.roles.target = "y";
  request.seed = 5;
  request.threads = 2;
  request.params.num_boost_round = 30;
  Result<TrainOutcome> first = TrainModel(table, request);
  Result<TrainOutcome> second = TrainModel(table, request);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->booster.model_json, second->booster.model_json);
  request.seed = 6;
  Result<TrainOutcome> reseeded = TrainModel(table, request);
  ASSERT_TRUE(reseeded.ok());
  EXPECT_NE(first->metrics["split"], reseeded->metrics["split"]);
}

TEST(TrainModel, EarlyStoppingKeepsTheBestRound) {
  Table table = SyntheticBinary(1500, 2);
  TrainRequest request;
  request.roles.target = "y";
  request.threads = 1;
  request.params.num_boost_round = 500;
  request.params.early_stopping_rounds = 5;
  request.params.booster = {{"eta", "0.5"}};
  Result<TrainOutcome> outcome = TrainModel(table, request);
  ASSERT_TRUE(outcome.ok()) << outcome.status().message();
  const TrainedBooster& booster = outcome->booster;
  EXPECT_TRUE(booster.stopped_early);
  EXPECT_EQ(booster.rounds_run, booster.best_iteration + 1 + 5);
  Result<int> kept = xgb::BoostedRounds(booster.booster.get());
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(*kept, booster.best_iteration + 1);
  const std::vector<double>& history = booster.history.at("valid-logloss");
  EXPECT_EQ(*std::min_element(history.begin(), history.end()), history[booster.best_iteration]);
}

TEST(TrainModel, UnknownTargetAndSensitiveRolesAreReported) {
  Table table = SyntheticBinary(100, 1);
  TrainRequest request;
  request.roles.target = "nope";
  EXPECT_THAT(TrainModel(table, request).status().message(), HasSubstr("unknown column 'nope'"));
  request.roles.target = "y";
  request.roles.sensitive = {"g"};
  request.params.num_boost_round = 2;
  Result<TrainOutcome> outcome = TrainModel(table, request);
  ASSERT_TRUE(outcome.ok());
  EXPECT_THAT(outcome->schema.FeatureNames(), ::testing::ElementsAre("x"));
  EXPECT_THAT(outcome->schema.sensitive, ::testing::ElementsAre("g"));
}

TEST(TrainModel, WeightsMustBeFiniteAndNonNegative) {
  Table base = SyntheticBinary(200, 9);
  std::vector<double> weights(200, 1.0);
  weights[150] = -2;
  std::vector<Field> fields = base.schema().fields();
  fields.push_back({"w", ColumnKind::kNumeric});
  std::vector<Column> columns = {base.column(0), base.column(1), base.column(2),
                                 Column::Numeric(weights)};
  Table table = MakeTable(fields, columns);
  TrainRequest request;
  request.roles.target = "y";
  request.roles.weight = "w";
  request.params.num_boost_round = 2;
  request.valid_fraction = 0;
  request.source = "w.csv";
  EXPECT_THAT(
      TrainModel(table, request).status().message(),
      HasSubstr("w.csv: row 151, weight column 'w': expected a finite number >= 0, got -2"));
  weights[150] = 3;
  columns[3] = Column::Numeric(weights);
  Result<TrainOutcome> outcome = TrainModel(MakeTable(fields, columns), request);
  ASSERT_TRUE(outcome.ok()) << outcome.status().message();
  EXPECT_THAT(outcome->schema.FeatureNames(), ::testing::ElementsAre("x", "g"));
  EXPECT_EQ(outcome->schema.weight_column, "w");
}

BundleParts SomeParts() {
  BundleParts parts;
  for (std::string_view name : kBundleParts)
    parts[std::string(name)] = "{\"part\": \"" + std::string(name) + "\"}\n";
  return parts;
}

TEST(ModelBundle, WritesAndVerifies) {
  testing::TempDir dir;
  const std::string path = dir.Path("bundle");
  ASSERT_TRUE(WriteBundle(path, SomeParts()).ok());
  Result<BundleParts> read = ReadBundle(path);
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(*read, SomeParts());
  // Writing again replaces the bundle.
  ASSERT_TRUE(WriteBundle(path, SomeParts()).ok());
}

TEST(ModelBundle, RefusesATamperedPartNamingIt) {
  testing::TempDir dir;
  const std::string path = dir.Path("bundle");
  ASSERT_TRUE(WriteBundle(path, SomeParts()).ok());
  dir.Write("bundle/schema.json", "{\"part\": \"schema.jsoN\"}\n");
  Status status = ReadBundle(path).status();
  EXPECT_EQ(status.code(), StatusCode::kDataLoss);
  EXPECT_THAT(status.message(), HasSubstr("part 'schema.json' does not match its SHA-256"));
}

TEST(ModelBundle, RefusesTruncatedMissingAndUnlistedParts) {
  testing::TempDir dir;
  const std::string path = dir.Path("bundle");
  BundleParts parts = SomeParts();
  ASSERT_TRUE(WriteBundle(path, parts).ok());
  dir.Write("bundle/model.json", "{\"part\"");
  EXPECT_THAT(ReadBundle(path).status().message(), HasSubstr("part 'model.json' has 7 bytes"));
  std::filesystem::remove(dir.Path("bundle/model.json"));
  EXPECT_THAT(ReadBundle(path).status().message(), HasSubstr("part 'model.json' is missing"));

  parts.erase("profile.json");
  ASSERT_TRUE(WriteBundle(path, parts).ok());
  ASSERT_TRUE(ReadBundle(path).ok());
  dir.Write("bundle/profile.json", "{}");
  EXPECT_THAT(ReadBundle(path).status().message(),
              HasSubstr("part 'profile.json' is not in the manifest"));
}

TEST(ModelBundle, NeverOverwritesADirectoryThatIsNotABundle) {
  testing::TempDir dir;
  std::filesystem::create_directory(dir.Path("mine"));
  dir.Write("mine/notes.txt", "keep me");
  EXPECT_EQ(WriteBundle(dir.Path("mine"), SomeParts()).code(), StatusCode::kAlreadyExists);
  EXPECT_TRUE(std::filesystem::exists(dir.Path("mine/notes.txt")));
}

TEST(BundleArchive, RoundTripsAndIsDeterministic) {
  const std::string archive = MakeBundleArchive(SomeParts());
  EXPECT_EQ(archive.size() % 512, 0u);
  EXPECT_EQ(archive, MakeBundleArchive(SomeParts()));
  Result<BundleParts> parts = ParseBundleArchive(archive, "b.tar");
  ASSERT_TRUE(parts.ok()) << parts.status().message();
  EXPECT_EQ(*parts, SomeParts());
}

TEST(BundleArchive, RefusesTruncationAndChangedBytesNamingThePart) {
  const std::string archive = MakeBundleArchive(SomeParts());
  EXPECT_THAT(ParseBundleArchive(archive.substr(0, 1000), "b.tar").status().message(),
              HasSubstr("b.tar: "));
  std::string changed = archive;
  // The first entry is card.json (parts are in name order); its data follows the header.
  changed[512 + 3] ^= 1;
  EXPECT_THAT(ParseBundleArchive(changed, "b.tar").status().message(),
              HasSubstr("part 'card.json' does not match its SHA-256"));
  std::string link = archive;
  link[156] = '2';  // a symbolic link; its checksum is now wrong as well
  EXPECT_EQ(ParseBundleArchive(link, "b.tar").status().code(), StatusCode::kDataLoss);
  EXPECT_FALSE(ParseBundleArchive("", "b.tar").ok());
}

// Found by bundle_fuzzer: a line break in an entry name reached the one-line error message.
TEST(BundleArchive, MessagesStayOnOneLine) {
  std::string archive(1024, '\0');
  archive.replace(0, 9, "{\n \"a\": 1");
  Status status = ParseBundleArchive(archive, "b.tar").status();
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.message().find('\n'), std::string::npos) << status.message();
}

TEST(Predictor, PredictsWhatTrainingEvaluated) {
  Table table = SyntheticBinary(1000, 4);
  TrainRequest request;
  request.roles.target = "y";
  request.threads = 1;
  request.params.num_boost_round = 10;
  request.valid_fraction = 0;
  Result<TrainOutcome> outcome = TrainModel(table, request);
  ASSERT_TRUE(outcome.ok());
  BundleParts parts = SomeParts();
  parts["model.json"] = outcome->booster.model_json;
  parts["schema.json"] = SchemaToJson(outcome->schema).dump();
  testing::TempDir dir;
  ASSERT_TRUE(WriteBundle(dir.Path("b"), parts).ok());
  Result<Predictor> predictor = Predictor::Load(dir.Path("b"), 2);
  ASSERT_TRUE(predictor.ok()) << predictor.status().message();
  Result<Predictions> predictions = predictor->Predict(table, "t");
  ASSERT_TRUE(predictions.ok());
  std::vector<float> labels;
  for (int32_t code : table.column(2).codes())
    labels.push_back(table.column(2).categories()[code] == "yes" ? 1.0f : 0.0f);
  nlohmann::json metrics = EvaluatePredictions(Task::kBinary, labels, predictions->values, 1, 0.5);
  EXPECT_DOUBLE_EQ(metrics["auc"].get<double>(), outcome->metrics["booster"]["auc"].get<double>());
}

// A small trained model and its schema, for the model checker's tests.
struct TrainedModel {
  std::string json;
  ModelSchema schema;
};
TrainedModel SmallModel(bool categorical) {
  Table table = SyntheticBinary(600, 3);
  TrainRequest request;
  request.roles.target = "y";
  if (!categorical)
    request.roles.ignore = {"g"};
  request.params.num_boost_round = 3;
  request.params.booster = {{"max_depth", "3"}};
  Result<TrainOutcome> outcome = TrainModel(table, request);
  EXPECT_TRUE(outcome.ok()) << outcome.status().message();
  return {outcome->booster.model_json, outcome->schema};
}

TEST(CheckModelJson, AcceptsWhatTrainingWrites) {
  for (bool categorical : {false, true}) {
    const TrainedModel model = SmallModel(categorical);
    EXPECT_TRUE(CheckModelJson(model.json, model.schema).ok())
        << CheckModelJson(model.json, model.schema).message();
  }
}

// RELIABILITY.md S2: each mutation XGBoost would load unchecked is refused, naming the tree.
TEST(CheckModelJson, RefusesMalformedTrees) {
  const TrainedModel model = SmallModel(false);
  const nlohmann::json original = nlohmann::json::parse(model.json);
  auto refused = [&](const std::function<void(nlohmann::json&)>& mutate, const char* expected) {
    nlohmann::json changed = original;
    mutate(changed["learner"]["gradient_booster"]["model"]["trees"][0]);
    const Status status = CheckModelJson(changed.dump(), model.schema);
    EXPECT_EQ(status.code(), StatusCode::kDataLoss) << expected;
    EXPECT_THAT(status.message(), HasSubstr(expected));
  };
  refused([](nlohmann::json& tree) { tree["left_children"][0] = 10000; },
          "tree 0, node 0: child 10000");
  refused([](nlohmann::json& tree) { tree["left_children"][0] = 0; }, "tree 0, node 0: child 0");
  refused([](nlohmann::json& tree) { tree["right_children"][0] = tree["left_children"][0]; },
          "is not a node of its own");
  refused([](nlohmann::json& tree) { tree["split_indices"][0] = 7; }, "splits on feature 7");
  refused([](nlohmann::json& tree) { tree["split_conditions"][0] = nullptr; },
          "the split value is not a finite number");
  refused([](nlohmann::json& tree) { tree["tree_param"]["num_nodes"] = "100000000"; },
          "has 100000000 nodes");
  refused([](nlohmann::json& tree) { tree["parents"].erase(tree["parents"].size() - 1); },
          "'parents' is not an array");
  refused([](nlohmann::json& tree) { tree["split_type"][0] = 5; }, "unknown split_type 5");
  refused([](nlohmann::json& tree) { tree["split_type"][0] = 1; }, "categorical split on 'x'");
  // A leaf value of NaN, as XGBoost would write it.
  std::string nan_leaf = original.dump();
  const std::string leaf_values = "\"split_conditions\":[";
  const size_t at = nan_leaf.find(leaf_values);
  ASSERT_NE(at, std::string::npos);
  const size_t last = nan_leaf.find(']', at);
  const size_t comma = nan_leaf.rfind(',', last);
  nan_leaf.replace(comma + 1, last - comma - 1, "NaN");
  EXPECT_THAT(CheckModelJson(nan_leaf, model.schema).message(),
              HasSubstr("the leaf value is not a finite number"));
  EXPECT_THAT(CheckModelJson(std::string(100, '[') + std::string(100, ']'), model.schema).message(),
              HasSubstr("nested deeper than 32 levels"));
  ModelSchema wider = model.schema;
  wider.features.push_back({"z", ColumnKind::kNumeric, {}});
  EXPECT_THAT(CheckModelJson(model.json, wider).message(), HasSubstr("features, schema.json"));
}

TEST(CheckModelJson, RefusesCategoryCodesTheFeatureLacks) {
  const TrainedModel model = SmallModel(true);
  std::string changed = model.json;
  const size_t at = changed.find("\"categories\":[");
  ASSERT_NE(at, std::string::npos);
  const size_t first = at + std::string("\"categories\":[").size();
  changed.replace(first, changed.find_first_of(",]", first) - first, "99");
  EXPECT_THAT(CheckModelJson(changed, model.schema).message(),
              HasSubstr("category code 99 of 'g' is not one of its 3"));
}

}  // namespace
}  // namespace steward::model

namespace steward::model {
namespace {

TEST(Predictor, RowBlocksOnThreadsGiveTheSameValuesAsOneCall) {
  Table table = SyntheticBinary(30'000, 8);
  TrainRequest request;
  request.roles.target = "y";
  request.threads = 2;
  request.params.num_boost_round = 5;
  request.valid_fraction = 0;
  Result<TrainOutcome> outcome = TrainModel(table, request);
  ASSERT_TRUE(outcome.ok());
  BundleParts parts = SomeParts();
  parts["model.json"] = outcome->booster.model_json;
  parts["schema.json"] = SchemaToJson(outcome->schema).dump();
  testing::TempDir dir;
  ASSERT_TRUE(WriteBundle(dir.Path("b"), parts).ok());
  Result<Predictor> one = Predictor::Load(dir.Path("b"), 1);
  Result<Predictor> four = Predictor::Load(dir.Path("b"), 4);
  ASSERT_TRUE(one.ok() && four.ok());
  Result<Predictions> serial = one->Predict(table, "t");
  Result<Predictions> parallel = four->Predict(table, "t");
  ASSERT_TRUE(serial.ok() && parallel.ok());
  EXPECT_EQ(serial->values.size(), 30'000u);
  EXPECT_EQ(serial->values, parallel->values);
}

}  // namespace
}  // namespace steward::model
