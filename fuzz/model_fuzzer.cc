// libFuzzer target for the model checker (model/model_check), RELIABILITY.md S2: arbitrary bytes
// are checked as model.json for a fixed schema (numeric x, categorical g with 3 categories,
// binary). Beyond "no crash" it holds the invariant that matters: a model the checker accepts
// is loaded by XGBoost and predicts, on rows with every category, missing values and extreme
// numbers, only finite probabilities. The seed (fuzz/corpus/model) is what `steward train`
// writes for that schema (two trees of depth 2).
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "steward/model/model_check.h"
#include "steward/model/xgboost_api.h"

#include "table_checks.h"

namespace {

using steward::fuzz::Check;

const steward::model::ModelSchema& FuzzSchema() {
  static const steward::model::ModelSchema schema = [] {
    steward::model::ModelSchema made;
    made.task = steward::model::Task::kBinary;
    made.target = "y";
    made.classes = {"no", "yes"};
    made.features = {{"x", steward::ColumnKind::kNumeric, {}},
                     {"g", steward::ColumnKind::kCategorical, {"a", "b", "c"}}};
    return made;
  }();
  return schema;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const steward::Status checked = steward::model::CheckModelJson(text, FuzzSchema());
  if (!checked.ok()) {
    Check(!checked.message().empty());
    Check(checked.message().find('\n') == std::string::npos);
    return 0;
  }
  auto booster = steward::model::xgb::LoadBooster(text);
  if (!booster.ok())
    return 0;  // XGBoost may refuse what the checker allows; it must not crash on it
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const std::vector<float> rows = {0.0f, 0.0f, -1e30f, 1.0f, 1e30f, 2.0f, nan, nan, 0.5f, nan};
  auto predictions = steward::model::xgb::PredictDense(booster->get(), rows.data(), 5, 2);
  if (!predictions.ok())
    return 0;
  for (float probability : *predictions)
    Check(std::isfinite(probability));
  return 0;
}
