// POST predict, infer (Open Inference Protocol), explain and feedback.

#include <nlohmann/json.hpp>

#include "steward/model/explanation.h"
#include "steward/registry/registry.h"
#include "steward/server/float_text.h"
#include "steward/server/service.h"
#include "steward/server/service_responses.h"
#include "steward/server/strict_json.h"

namespace steward::server {
namespace {

using nlohmann::json;

constexpr size_t kMaxExplainRows = 1'000;  // TreeSHAP costs about 1 ms a row per 100 trees

std::string RowId(const std::string& request_id, size_t rows, size_t row) {
  return rows == 1 ? request_id : request_id + "." + std::to_string(row);
}

void AddModelHeaders(HttpResponse& response, const ServedModel& model, const std::string& id) {
  response.headers.emplace_back("X-Model-Name", model.name);
  response.headers.emplace_back("X-Model-Version", model.version_text);
  response.headers.emplace_back("X-Prediction-Id", id);
}

// The Open Inference Protocol response: one output tensor per quantity.
std::string InferBody(const ServedModel& model, const ModelOutputs& outputs,
                      const std::string& id) {
  const model::ModelSchema& schema = model.predictor.schema();
  std::string body = "{\"model_name\":" + model.name_json + ",\"model_version\":\"" +
                     model.version_text + "\",\"id\":\"" + id + "\",\"outputs\":[";
  const std::string rows = std::to_string(outputs.rows);
  const bool regression = schema.task == model::Task::kRegression;
  const bool multiclass = schema.task == model::Task::kMulticlass;
  body += "{\"name\":\"";
  body += regression ? "value" : multiclass ? "probabilities" : "probability";
  body += "\",\"shape\":[" + rows + (multiclass ? "," + std::to_string(outputs.width) : "") +
          "],\"datatype\":\"FP32\",\"data\":[";
  for (size_t index = 0; index < outputs.values.size(); ++index) {
    if (index > 0)
      body += ',';
    AppendFloat(body, outputs.values[index]);
  }
  body += "]}";
  if (!regression) {
    body += ",{\"name\":\"class\",\"shape\":[" + rows + "],\"datatype\":\"BYTES\",\"data\":[";
    for (size_t row = 0; row < outputs.rows; ++row) {
      if (row > 0)
        body += ',';
      body += model.classes_json[static_cast<size_t>(outputs.classes[row])];
    }
    body += "]}";
  }
  body += "]}";
  return body;
}

}  // namespace

HttpResponse PredictionService::Predict(const ServedModel& model, HttpRequest& request,
                                        bool open_inference) {
  DecodedRows rows;
  std::string request_id;
  const std::optional<ApiError> error =
      open_inference ? model.decoder.DecodeInfer(request.body, rows, request_id)
                     : model.decoder.DecodePredict(request.body, rows);
  if (error)
    return ErrorResponse(error->status, error->message);
  metrics_.CountBatch(rows.rows);
  if (rows.unseen_categories > 0)
    metrics_.CountUnseenCategories(rows.unseen_categories);
  Result<ModelOutputs> outputs = PredictRows(model, rows);
  if (!outputs.ok())
    return ErrorResponse(500, outputs.status().message());
  if (model.drift)
    model.drift->Add(rows.values, rows.rows, request.received);
  const std::string id = NewId();
  std::string body;
  std::vector<std::string> row_outputs(rows.rows);
  for (size_t row = 0; row < rows.rows; ++row)
    row_outputs[row] = RowOutputJson(model, *outputs, row);
  if (open_inference) {
    body = InferBody(model, *outputs, request_id.empty() ? id : request_id);
  } else {
    body.reserve(96 + rows.rows * 96);
    body += "{\"model\":";
    body += model.name_json;
    body += ",\"version\":";
    body += model.version_text;
    body += ",\"id\":\"";
    body += id;
    body += "\",\"predictions\":[";
    for (size_t row = 0; row < rows.rows; ++row) {
      if (row > 0)
        body += ',';
      // {"id":"...", then the row's fields without their opening brace.
      body += "{\"id\":\"" + RowId(id, rows.rows, row) + "\"," + row_outputs[row].substr(1);
    }
    body += "]}";
  }
  if (log_ != nullptr) {
    for (size_t row = 0; row < rows.rows; ++row) {
      io::PredictionRecord record;
      record.id = RowId(id, rows.rows, row);
      record.model = model.name;
      record.version = model.version;
      record.inputs = std::move(rows.inputs_json[row]);
      record.outputs = std::move(row_outputs[row]);
      log_->Append(record);
    }
  }
  HttpResponse response = JsonResponse(200, std::move(body));
  AddModelHeaders(response, model, id);
  return response;
}

HttpResponse PredictionService::Explain(const ServedModel& model, HttpRequest& request) {
  DecodedRows rows;
  if (const std::optional<ApiError> error = model.decoder.DecodePredict(request.body, rows))
    return ErrorResponse(error->status, error->message);
  if (rows.rows > kMaxExplainRows) {
    return ErrorResponse(
        413, "explain takes at most " + std::to_string(kMaxExplainRows) + " rows per request");
  }
  const model::ModelSchema& schema = model.predictor.schema();
  model::xgb::DenseMatrix matrix;
  matrix.rows = rows.rows;
  matrix.columns = model.decoder.width();
  matrix.values = rows.values;
  Result<model::ShapValues> shap = [&] {
    std::lock_guard lock(model.explain_mutex);
    return model::ComputeShap(model.predictor.booster(), schema, matrix, 1, rows.rows, {});
  }();
  if (!shap.ok())
    return ErrorResponse(500, shap.status().message());
  const std::string id = NewId();
  json explanations = json::array();
  for (size_t row = 0; row < shap->rows; ++row) {
    json groups = json::object();
    for (size_t group = 0; group < shap->groups; ++group) {
      const float* values = shap->Row(row, group);
      json contributions = json::object();
      for (size_t feature = 0; feature < shap->features; ++feature)
        contributions[schema.features[feature].name] = values[feature];
      json entry = {{"bias", values[shap->features]}, {"contributions", contributions}};
      if (shap->groups == 1) {
        groups = std::move(entry);
      } else {
        groups[schema.classes[group]] = std::move(entry);
      }
    }
    if (shap->groups > 1)
      groups = json{{"classes", std::move(groups)}};
    groups["id"] = RowId(id, shap->rows, row);
    explanations.push_back(std::move(groups));
  }
  HttpResponse response =
      JsonResponse(200, json{{"model", model.name},
                             {"version", model.version},
                             {"id", id},
                             {"method",
                              "exact TreeSHAP in margin (log-odds) space; bias + contributions = "
                              "margin"},
                             {"explanations", std::move(explanations)}}
                            .dump());
  AddModelHeaders(response, model, id);
  return response;
}

HttpResponse PredictionService::Feedback(const ServedModel& model, HttpRequest& request) {
  if (log_ == nullptr)
    return ErrorResponse(503, "feedback needs the prediction log (--prediction-log DIR)");
  json document;
  if (const std::optional<ApiError> error =
          ParseStrictJson(request.body, options_.request_limits.max_json_depth, document))
    return ErrorResponse(error->status, error->message);
  json items = document.is_object() && document.contains("feedback") ? document["feedback"]
                                                                     : json::array({document});
  if (!items.is_array() || items.empty())
    return ErrorResponse(400,
                         "send {\"id\": PREDICTION_ID, \"label\": LABEL} or "
                         "{\"feedback\": [...]}");
  if (items.size() > options_.request_limits.max_batch_rows)
    return ErrorResponse(413, "too many feedback items in one request");
  const model::ModelSchema& schema = model.predictor.schema();
  std::vector<io::PredictionRecord> records;
  for (size_t index = 0; index < items.size(); ++index) {
    const json& item = items[index];
    const std::string where = "feedback " + std::to_string(index);
    if (!item.is_object() || !item.contains("id") || !item["id"].is_string() ||
        !item.contains("label"))
      return ErrorResponse(400, where + ": needs \"id\" (a prediction id) and \"label\"");
    const std::string prediction_id = item["id"].get<std::string>();
    if (prediction_id.empty() || prediction_id.size() > 64 ||
        prediction_id.find_first_not_of("0123456789abcdef.") != std::string::npos)
      return ErrorResponse(400, where + ": \"id\" is not a prediction id");
    const json& label = item["label"];
    if (schema.task == model::Task::kRegression
            ? !label.is_number()
            : !label.is_string() || std::find(schema.classes.begin(), schema.classes.end(),
                                              label.get<std::string>()) == schema.classes.end()) {
      return ErrorResponse(
          422, where + ": \"label\" must be " +
                   (schema.task == model::Task::kRegression ? std::string("a number")
                                                            : "one of the model's classes"));
    }
    io::PredictionRecord record;
    record.kind = io::PredictionKind::kFeedback;
    record.id = NewId();
    record.model = model.name;
    record.version = model.version;
    record.label = label.dump();
    record.prediction_id = prediction_id;
    records.push_back(std::move(record));
  }
  size_t accepted = 0;
  for (const io::PredictionRecord& record : records)
    accepted += log_->Append(record) ? 1 : 0;
  if (accepted < records.size()) {
    return ErrorResponse(503, "the prediction log refused " +
                                  std::to_string(records.size() - accepted) + " of " +
                                  std::to_string(records.size()) + " feedback items");
  }
  return JsonResponse(202, json{{"accepted", accepted}}.dump());
}

}  // namespace steward::server
