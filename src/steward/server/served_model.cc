#include "steward/server/served_model.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include "steward/server/float_text.h"

namespace steward::server {
namespace {

using nlohmann::json;

std::string SummaryJson(const ServedModel& served, const registry::VersionRecord& version,
                        const model::BundleParts& parts) {
  json summary = {{"model", served.name},
                  {"reference", served.reference},
                  {"version", served.version},
                  {"registered_at", version.created_at},
                  {"registered_by", version.created_by},
                  {"loaded_at", served.loaded_at},
                  {"aliases", version.aliases}};
  const auto schema = parts.find("schema.json");
  if (schema != parts.end())
    summary["schema"] = json::parse(schema->second, nullptr, false);
  const auto card = parts.find("card.json");
  if (card != parts.end()) {
    const json document = json::parse(card->second, nullptr, false);
    if (document.is_object()) {
      json brief = json::object();
      for (const char* key : {"description", "task", "target", "trained_at", "metrics",
                              "intended_use", "limitations"}) {
        if (document.contains(key))
          brief[key] = document[key];
      }
      summary["card"] = std::move(brief);
    }
  }
  return summary.dump();
}

}  // namespace

Result<std::shared_ptr<const ServedModel>> LoadServedModel(registry::Registry& registry,
                                                           const registry::VersionRecord& version,
                                                           const std::string& reference,
                                                           const RequestLimits& limits,
                                                           const LiveDriftOptions& drift) {
  STEWARD_ASSIGN_OR_RETURN(model::BundleParts parts, registry.LoadBundle(version));
  const std::string where = version.model + "@" + std::to_string(version.version);
  STEWARD_ASSIGN_OR_RETURN(model::Predictor predictor,
                           model::Predictor::FromParts(parts, where, 1));
  auto served = std::make_shared<ServedModel>(std::move(predictor), limits);
  served->name = version.model;
  served->reference = reference;
  served->version = version.version;
  served->loaded_at = registry::UtcNow();
  // Warm-up: one all-missing row must give finite values before the model may serve.
  DecodedRows probe;
  probe.rows = 1;
  probe.values.assign(served->decoder.width(), std::numeric_limits<float>::quiet_NaN());
  if (served->predictor.schema().group_thresholds)
    probe.group_keys.assign(1, "<missing>");
  Result<ModelOutputs> warm = PredictRows(*served, probe);
  if (!warm.ok())
    return warm.status().WithContext(where + " failed its warm-up prediction");
  served->summary_json = SummaryJson(*served, version, parts);
  served->name_json = json(served->name).dump();
  for (const std::string& label : served->predictor.schema().classes)
    served->classes_json.push_back(json(label).dump());
  served->version_text = std::to_string(served->version);
  if (drift.enabled) {
    Result<std::unique_ptr<LiveDrift>> live =
        LiveDrift::Create(parts, served->predictor.schema(), where, drift, LiveDrift::Clock::now());
    if (live.ok())
      served->drift = std::move(live).value();
    else if (live.status().code() != StatusCode::kFailedPrecondition)
      return live.status();
  }
  return std::shared_ptr<const ServedModel>(std::move(served));
}

Result<ModelOutputs> PredictRows(const ServedModel& served, const DecodedRows& rows) {
  const model::ModelSchema& schema = served.predictor.schema();
  ModelOutputs outputs;
  outputs.rows = rows.rows;
  outputs.width = schema.task == model::Task::kMulticlass ? schema.classes.size() : 1;
  if (const model::TreeEvaluator* trees = served.predictor.tree_evaluator()) {
    outputs.values.resize(outputs.rows * trees->width());
    trees->PredictRows(rows.values.data(), rows.rows, outputs.values.data());
  } else {
    STEWARD_ASSIGN_OR_RETURN(
        outputs.values, model::xgb::PredictDense(served.predictor.booster(), rows.values.data(),
                                                 rows.rows, served.decoder.width()));
  }
  if (outputs.values.size() != outputs.rows * outputs.width) {
    return Status::Internal("the model gave " + std::to_string(outputs.values.size()) +
                            " values for " + std::to_string(outputs.rows) + " rows");
  }
  for (const float value : outputs.values) {
    if (!std::isfinite(value))
      return Status::Internal("the model gave a non-finite prediction");
  }
  if (schema.task == model::Task::kBinary) {
    outputs.classes.resize(outputs.rows);
    for (size_t row = 0; row < outputs.rows; ++row) {
      double threshold = schema.threshold;
      if (schema.group_thresholds && row < rows.group_keys.size()) {
        const auto& thresholds = schema.group_thresholds->thresholds;
        const auto found = thresholds.find(rows.group_keys[row]);
        if (found != thresholds.end())
          threshold = found->second;
      }
      outputs.classes[row] = outputs.values[row] >= threshold ? 1 : 0;
    }
  } else if (schema.task == model::Task::kMulticlass) {
    outputs.classes.resize(outputs.rows);
    for (size_t row = 0; row < outputs.rows; ++row) {
      const float* begin = outputs.values.data() + row * outputs.width;
      outputs.classes[row] =
          static_cast<int32_t>(std::max_element(begin, begin + outputs.width) - begin);
    }
  }
  return outputs;
}

std::string RowOutputJson(const ServedModel& served, const ModelOutputs& outputs, size_t row) {
  const model::ModelSchema& schema = served.predictor.schema();
  std::string out = "{";
  switch (schema.task) {
    case model::Task::kBinary:
      out += "\"probability\":";
      AppendFloat(out, outputs.values[row]);
      out += ",\"class\":";
      out += served.classes_json[static_cast<size_t>(outputs.classes[row])];
      break;
    case model::Task::kMulticlass:
      out += "\"class\":";
      out += served.classes_json[static_cast<size_t>(outputs.classes[row])];
      out += ",\"probabilities\":{";
      for (size_t label = 0; label < outputs.width; ++label) {
        if (label > 0)
          out += ',';
        out += served.classes_json[label];
        out += ':';
        AppendFloat(out, outputs.values[row * outputs.width + label]);
      }
      out += '}';
      break;
    case model::Task::kRegression:
      out += "\"value\":";
      AppendFloat(out, outputs.values[row]);
      break;
  }
  out += '}';
  return out;
}

}  // namespace steward::server
