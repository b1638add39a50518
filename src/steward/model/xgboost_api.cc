#include "steward/model/xgboost_api.h"

#include <cstdio>
#include <mutex>
#include <utility>

#include <xgboost/c_api.h>

namespace steward::model::xgb {

Status Call(int rc, std::string_view what, StatusCode code) {
  if (rc == 0)
    return Status::Ok();
  return Status(code, "xgboost " + std::string(what) + ": " + XGBGetLastError());
}

void DMatrixDeleter::operator()(void* handle) const {
  XGDMatrixFree(handle);
}
void BoosterDeleter::operator()(void* handle) const {
  XGBoosterFree(handle);
}

std::string ArrayInterface(const float* data, size_t rows, size_t columns) {
  char buffer[160];
  std::snprintf(buffer, sizeof(buffer),
                R"({"data":[%llu,true],"shape":[%zu,%zu],"typestr":"<f4","version":3})",
                static_cast<unsigned long long>(reinterpret_cast<uintptr_t>(data)), rows, columns);
  return buffer;
}

namespace {

// XGBoost's C API takes string arrays as char const**.
std::vector<const char*> CStrings(const std::vector<std::string>& values) {
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const std::string& value : values)
    pointers.push_back(value.c_str());
  return pointers;
}

}  // namespace

Result<DMatrixPtr> MakeDMatrix(const DenseMatrix& matrix, std::span<const float> labels,
                               std::span<const float> weights,
                               const std::vector<std::string>& feature_types, unsigned threads) {
  DMatrixHandle handle = nullptr;
  const std::string config = R"({"missing":NaN,"nthread":)" + std::to_string(threads) + "}";
  STEWARD_RETURN_IF_ERROR(
      Call(XGDMatrixCreateFromDense(
               ArrayInterface(matrix.values.data(), matrix.rows, matrix.columns).c_str(),
               config.c_str(), &handle),
           "creating the training matrix"));
  DMatrixPtr dmatrix(handle);
  if (!labels.empty()) {
    STEWARD_RETURN_IF_ERROR(
        Call(XGDMatrixSetFloatInfo(handle, "label", labels.data(), labels.size()), "set labels"));
  }
  if (!weights.empty()) {
    STEWARD_RETURN_IF_ERROR(Call(
        XGDMatrixSetFloatInfo(handle, "weight", weights.data(), weights.size()), "set weights"));
  }
  std::vector<const char*> types = CStrings(feature_types);
  STEWARD_RETURN_IF_ERROR(
      Call(XGDMatrixSetStrFeatureInfo(handle, "feature_type", types.data(), types.size()),
           "set feature types"));
  return dmatrix;
}

Result<BoosterPtr> MakeBooster(std::span<void* const> cache) {
  BoosterHandle handle = nullptr;
  STEWARD_RETURN_IF_ERROR(
      Call(XGBoosterCreate(cache.data(), cache.size(), &handle), "creating a booster"));
  return BoosterPtr(handle);
}

Result<BoosterPtr> LoadBooster(std::string_view model_json) {
  STEWARD_ASSIGN_OR_RETURN(BoosterPtr booster, MakeBooster({}));
  STEWARD_RETURN_IF_ERROR(
      Call(XGBoosterLoadModelFromBuffer(booster.get(), model_json.data(), model_json.size()),
           "loading the model", StatusCode::kInvalidArgument));
  return booster;
}

Status SetParam(void* booster, const std::string& name, const std::string& value) {
  return Call(XGBoosterSetParam(booster, name.c_str(), value.c_str()),
              "parameter " + name + "=" + value, StatusCode::kInvalidArgument);
}

Status SetFeatureInfo(void* booster, const char* field, const std::vector<std::string>& values) {
  std::vector<const char*> pointers = CStrings(values);
  return Call(XGBoosterSetStrFeatureInfo(booster, field, pointers.data(), pointers.size()),
              std::string("set ") + field);
}

Status SetAttr(void* booster, const std::string& name, const std::string& value) {
  return Call(XGBoosterSetAttr(booster, name.c_str(), value.c_str()), "set attribute " + name);
}

Status UpdateOneIter(void* booster, int iteration, void* train) {
  return Call(XGBoosterUpdateOneIter(booster, iteration, train),
              "boosting round " + std::to_string(iteration), StatusCode::kInvalidArgument);
}

Result<std::string> EvalOneIter(void* booster, int iteration, std::span<void* const> sets,
                                const std::vector<std::string>& names) {
  std::vector<const char*> pointers = CStrings(names);
  const char* text = nullptr;
  STEWARD_RETURN_IF_ERROR(
      Call(XGBoosterEvalOneIter(booster, iteration, const_cast<DMatrixHandle*>(sets.data()),
                                pointers.data(), sets.size(), &text),
           "evaluating round " + std::to_string(iteration)));
  return std::string(text);
}

Result<BoosterPtr> Slice(void* booster, int rounds) {
  BoosterHandle handle = nullptr;
  STEWARD_RETURN_IF_ERROR(
      Call(XGBoosterSlice(booster, 0, rounds, 1, &handle), "keeping the best rounds"));
  return BoosterPtr(handle);
}

Result<int> BoostedRounds(void* booster) {
  int rounds = 0;
  STEWARD_RETURN_IF_ERROR(Call(XGBoosterBoostedRounds(booster, &rounds), "counting rounds"));
  return rounds;
}

Result<std::string> SaveJson(void* booster) {
  bst_ulong length = 0;
  const char* bytes = nullptr;
  STEWARD_RETURN_IF_ERROR(
      Call(XGBoosterSaveModelToBuffer(booster, R"({"format":"json"})", &length, &bytes),
           "saving the model"));
  return std::string(bytes, length);
}

Result<std::vector<float>> PredictDense(void* booster, const float* data, size_t rows,
                                        size_t columns) {
  if (rows == 0)
    return std::vector<float>{};
  // cache_id is missing from the 1.7 header's list but required (ECOSYSTEM.md).
  static constexpr const char* kConfig =
      R"({"type":0,"training":false,"iteration_begin":0,"iteration_end":0,)"
      R"("strict_shape":false,"missing":NaN,"cache_id":0})";
  const bst_ulong* shape = nullptr;
  bst_ulong dims = 0;
  const float* out = nullptr;
  STEWARD_RETURN_IF_ERROR(
      Call(XGBoosterPredictFromDense(booster, ArrayInterface(data, rows, columns).c_str(), kConfig,
                                     nullptr, &shape, &dims, &out),
           "predicting"));
  size_t count = 1;
  for (bst_ulong dim = 0; dim < dims; ++dim)
    count *= shape[dim];
  return std::vector<float>(out, out + count);
}

Result<std::vector<float>> PredictMatrix(void* booster, void* dmatrix, PredictionType type) {
  const std::string config = R"({"type":)" + std::to_string(static_cast<int>(type)) +
                             R"(,"training":false,"iteration_begin":0,"iteration_end":0,)"
                             R"("strict_shape":false})";
  const bst_ulong* shape = nullptr;
  bst_ulong dims = 0;
  const float* out = nullptr;
  STEWARD_RETURN_IF_ERROR(
      Call(XGBoosterPredictFromDMatrix(booster, dmatrix, config.c_str(), &shape, &dims, &out),
           "prediction of type " + std::to_string(static_cast<int>(type))));
  size_t count = 1;
  for (bst_ulong dim = 0; dim < dims; ++dim)
    count *= shape[dim];
  return std::vector<float>(out, out + count);
}

Result<std::vector<float>> Contributions(void* booster, void* dmatrix) {
  return PredictMatrix(booster, dmatrix, PredictionType::kContributions);
}

Result<std::vector<FeatureScore>> FeatureScores(void* booster, const std::string& type) {
  const std::string config = R"({"importance_type":")" + type + R"("})";
  bst_ulong feature_count = 0;
  const char** features = nullptr;
  bst_ulong dims = 0;
  const bst_ulong* shape = nullptr;
  const float* scores = nullptr;
  STEWARD_RETURN_IF_ERROR(Call(XGBoosterFeatureScore(booster, config.c_str(), &feature_count,
                                                     &features, &dims, &shape, &scores),
                               "feature importance"));
  const size_t per_feature = dims == 2 ? shape[1] : 1;
  std::vector<FeatureScore> result(feature_count);
  for (bst_ulong feature = 0; feature < feature_count; ++feature) {
    result[feature].feature = features[feature];
    for (size_t column = 0; column < per_feature; ++column)
      result[feature].score += scores[feature * per_feature + column];
  }
  return result;
}

namespace {

struct LogSink {
  std::mutex mutex;
  std::vector<std::string> messages;
};

LogSink& Sink() {
  static LogSink sink;
  return sink;
}

// "[01:08:39] WARNING: ./src/learner.cc:767: \nParameters: ..." -> "Parameters: ...": the
// time and source location say nothing to a user, and a note stays on one line.
std::string CleanLogMessage(std::string text) {
  if (!text.empty() && text[0] == '[' && text.find("] ") != std::string::npos)
    text.erase(0, text.find("] ") + 2);
  if (text.rfind("WARNING: ", 0) == 0)
    text.erase(0, 9);
  const size_t location_end = text.find(": ");
  if (location_end != std::string::npos) {
    const std::string location = text.substr(0, location_end);
    if (location.find(".cc:") != std::string::npos || location.find(".h:") != std::string::npos)
      text.erase(0, location_end + 2);
  }
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t')
      c = ' ';
  }
  const size_t begin = text.find_first_not_of(' ');
  const size_t end = text.find_last_not_of(' ');
  return begin == std::string::npos ? "" : text.substr(begin, end - begin + 1);
}

void CaptureLog(const char* message) {
  std::string text = CleanLogMessage(message);
  if (text.empty())
    return;
  LogSink& sink = Sink();
  std::lock_guard lock(sink.mutex);
  sink.messages.push_back(std::move(text));
}

}  // namespace

std::vector<std::string> TakeLogMessages() {
  static std::once_flag registered;
  std::call_once(registered, [] { XGBRegisterLogCallback(CaptureLog); });
  LogSink& sink = Sink();
  std::lock_guard lock(sink.mutex);
  return std::exchange(sink.messages, {});
}

std::string Version() {
  int major = 0, minor = 0, patch = 0;
  XGBoostVersion(&major, &minor, &patch);
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

}  // namespace steward::model::xgb
