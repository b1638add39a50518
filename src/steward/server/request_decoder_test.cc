#include "steward/server/request_decoder.h"

#include <cmath>

#include <gtest/gtest.h>

namespace steward::server {
namespace {

model::ModelSchema CreditLikeSchema() {
  model::ModelSchema schema;
  schema.task = model::Task::kBinary;
  schema.classes = {"bad", "good"};
  model::ModelFeature age{"age", ColumnKind::kNumeric, {}};
  model::ModelFeature job{"job", ColumnKind::kCategorical, {"skilled", "unskilled", "3"}};
  model::ModelFeature owner{"owner", ColumnKind::kBoolean, {}};
  schema.features = {age, job, owner};
  return schema;
}

struct Decoded {
  std::optional<ApiError> error;
  DecodedRows rows;
};

Decoded Predict(std::string body, const model::ModelSchema& schema = CreditLikeSchema()) {
  RequestDecoder decoder(schema, RequestLimits{});
  Decoded decoded;
  decoded.error = decoder.DecodePredict(body, decoded.rows);
  return decoded;
}

TEST(RequestDecoder, OneInstanceInSchemaOrder) {
  const Decoded decoded = Predict(R"({"owner": true, "job": "unskilled", "age": 41.5})");
  ASSERT_FALSE(decoded.error) << decoded.error->message;
  ASSERT_EQ(decoded.rows.rows, 1u);
  EXPECT_EQ(decoded.rows.values, (std::vector<float>{41.5f, 1.0f, 1.0f}));
  EXPECT_EQ(decoded.rows.inputs_json[0], R"({"age":41.5,"job":"unskilled","owner":true})");
}

TEST(RequestDecoder, NullIsMissingAndUnseenCategoryIsCountedAsMissing) {
  const Decoded decoded = Predict(R"({"age": null, "job": "astronaut", "owner": 0})");
  ASSERT_FALSE(decoded.error) << decoded.error->message;
  EXPECT_TRUE(std::isnan(decoded.rows.values[0]));
  EXPECT_TRUE(std::isnan(decoded.rows.values[1]));
  EXPECT_EQ(decoded.rows.unseen_categories, 1u);
  EXPECT_EQ(decoded.rows.inputs_json[0], R"({"age":null,"job":"astronaut","owner":0})");
}

TEST(RequestDecoder, NumericLabelOfACategoricalFeature) {
  const Decoded decoded = Predict(R"({"age": 1, "job": 3, "owner": false})");
  ASSERT_FALSE(decoded.error) << decoded.error->message;
  EXPECT_EQ(decoded.rows.values[1], 2.0f);
}

TEST(RequestDecoder, BatchAndColumnFormsAgree) {
  const Decoded batch = Predict(
      R"({"instances": [{"age": 30, "job": "skilled", "owner": 1},
                        {"age": 50, "job": null, "owner": 0}]})");
  const Decoded columns =
      Predict(R"({"inputs": {"age": [30, 50], "job": ["skilled", null], "owner": [1, 0]}})");
  ASSERT_FALSE(batch.error) << batch.error->message;
  ASSERT_FALSE(columns.error) << columns.error->message;
  EXPECT_EQ(batch.rows.rows, 2u);
  EXPECT_EQ(columns.rows.rows, 2u);
  EXPECT_EQ(batch.rows.inputs_json, columns.rows.inputs_json);
  EXPECT_EQ(batch.rows.values[0], 30.0f);
  EXPECT_EQ(batch.rows.values[3], 50.0f);
}

TEST(RequestDecoder, OpenInferenceProtocolTensors) {
  RequestDecoder decoder(CreditLikeSchema(), RequestLimits{});
  std::string body = R"({"id": "r-1", "inputs": [
      {"name": "age", "shape": [2], "datatype": "FP64", "data": [30, 50]},
      {"name": "job", "shape": [2], "datatype": "BYTES", "data": ["skilled", "unskilled"]},
      {"name": "owner", "shape": [2], "datatype": "BOOL", "data": [true, false]}]})";
  DecodedRows rows;
  std::string id;
  const auto error = decoder.DecodeInfer(body, rows, id);
  ASSERT_FALSE(error) << error->message;
  EXPECT_EQ(id, "r-1");
  EXPECT_EQ(rows.values, (std::vector<float>{30, 0, 1, 50, 1, 0}));
}

struct Refusal {
  const char* body;
  int status;
  const char* says;
};

class RequestDecoderRefuses : public ::testing::TestWithParam<Refusal> {};

TEST_P(RequestDecoderRefuses, WithStatusAndReason) {
  const Decoded decoded = Predict(GetParam().body);
  ASSERT_TRUE(decoded.error) << GetParam().body;
  EXPECT_EQ(decoded.error->status, GetParam().status) << decoded.error->message;
  EXPECT_NE(decoded.error->message.find(GetParam().says), std::string::npos)
      << decoded.error->message;
}

INSTANTIATE_TEST_SUITE_P(
    BadInput, RequestDecoderRefuses,
    ::testing::Values(
        Refusal{R"({"age": 1, "job": "skilled"})", 422, "feature \"owner\" is missing"},
        Refusal{R"({"age": "old", "job": "skilled", "owner": 1})", 422,
                "\"age\" must be a number, got a string"},
        Refusal{R"({"age": [1], "job": "skilled", "owner": 1})", 422, "got an array"},
        Refusal{R"({"age": NaN, "job": "skilled", "owner": 1})", 400, "malformed JSON"},
        Refusal{R"({"age": Infinity, "job": "skilled", "owner": 1})", 400, "malformed JSON"},
        Refusal{R"({"age": 1e999, "job": "skilled", "owner": 1})", 400, "malformed JSON"},
        Refusal{R"({"age": 1, "age": 2, "job": "skilled", "owner": 1})", 400, "duplicate key"},
        Refusal{R"({"age": 1, "x": 1, "x": 2, "job": "a", "owner": 1})", 400, "duplicate key"},
        Refusal{R"({"age": 1, "job": "a", "owner": 1, "note": NaN})", 400, "malformed JSON"},
        Refusal{R"({"age": 1, "job": "a", "owner": 1,})", 400, "malformed JSON"},
        Refusal{R"({"age": 1, "job": "a", "owner": 1} x)", 400, "malformed JSON"},
        Refusal{R"([1, 2])", 400, "must be a JSON object"},
        Refusal{R"(42)", 400, "must be a JSON object"},
        Refusal{R"({"instances": []})", 400, "is empty"},
        Refusal{R"({"instances": [1]})", 400, "instance 0 is not a JSON object"},
        Refusal{R"({"inputs": {"age": [1, 2], "job": ["a"], "owner": [1, 1]}})", 400,
                "has 1 values"},
        Refusal{R"({"age": 01, "job": "a", "owner": 1})", 400, "malformed JSON"},
        Refusal{R"({"age": 1, "job": "\ud800", "owner": 1})", 400, "malformed JSON"},
        Refusal{"", 400, "malformed JSON"},
        // Found by fuzz/request_fuzzer.cc: a key before "inputs" once hid the form.
        Refusal{R"({"id": "r1", "inputs": [1]})", 400, "must be an object of arrays"},
        // Found by fuzz/request_fuzzer.cc: simdjson lets a number end at a quote.
        Refusal{R"({"age": 36, "job":0"a", "owner": true})", 400, "not one JSON scalar"},
        Refusal{R"({"age": 36, "job": "a", "owner": true, "x": 1"b"})", 400,
                "not one JSON scalar"}));

TEST(RequestDecoder, RefusesDeepNestingBeforeParsing) {
  std::string deep(100'000, '[');
  const Decoded decoded = Predict(R"({"age": 1, "job": "a", "owner": 1, "x": )" + deep);
  ASSERT_TRUE(decoded.error);
  EXPECT_EQ(decoded.error->status, 400);
  EXPECT_NE(decoded.error->message.find("deeper than 32"), std::string::npos);
}

TEST(RequestDecoder, RefusesMoreRowsThanTheLimit) {
  std::string body = R"({"instances": [)";
  for (int row = 0; row < 10'001; ++row)
    body += std::string(row ? "," : "") + R"({"age": 1, "job": "a", "owner": 1})";
  body += "]}";
  const Decoded decoded = Predict(body);
  ASSERT_TRUE(decoded.error);
  EXPECT_EQ(decoded.error->status, 413);
}

TEST(RequestDecoder, GroupKeysForPerGroupThresholds) {
  model::ModelSchema schema = CreditLikeSchema();
  schema.group_thresholds = model::GroupThresholds{{"sex"}, "demographic_parity", 0.05, {}};
  const Decoded decoded = Predict(
      R"({"instances": [{"age": 1, "job": "a", "owner": 1, "sex": "female"},
                        {"age": 1, "job": "a", "owner": 1, "sex": null}]})",
      schema);
  ASSERT_FALSE(decoded.error) << decoded.error->message;
  EXPECT_EQ(decoded.rows.group_keys, (std::vector<std::string>{"female", "<missing>"}));
  const Decoded missing = Predict(R"({"age": 1, "job": "a", "owner": 1})", schema);
  ASSERT_TRUE(missing.error);
  EXPECT_EQ(missing.error->status, 422);
}

}  // namespace
}  // namespace steward::server
