#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "steward/core/result.h"
#include "steward/core/table.h"
#include "steward/model/model_schema.h"
#include "steward/model/permutation_importance.h"
#include "steward/model/predictor.h"
#include "steward/model/xgboost_api.h"

// Explanations of a bundle's model on a data set (docs/formats/explanation.md,
// steward.explanation/1): exact TreeSHAP through XGBoost's contribution prediction, SHAP
// interaction values, and permutation importance. Every function here only predicts with the
// booster it is given, so it may run concurrently with others on a booster nobody trains.
namespace steward::model {

// SHAP interaction values cost (features + 1)² floats per row and class: only the first this
// many rows are used for them.
inline constexpr size_t kMaxInteractionRows = 10'000;

// Additivity: for every row and class, |sum(contributions) + bias - margin| must be at most
// kAdditivityTolerance * max(1, |margin|). XGBoost computes both sides in float32, whose
// rounding grows with the margin's magnitude, hence the relative part.
inline constexpr double kAdditivityTolerance = 1e-5;

struct ExplainOptions {
  size_t rows = 5;  // per-row explanations for the first this many rows
  size_t top = 5;   // contributions per row explanation, and interaction pairs
  bool interactions = false;
  size_t interaction_rows = kMaxInteractionRows;
  size_t permutation_repeats = 0;  // 0: no permutation importance
  uint64_t seed = 42;
  // Progress (may be empty): rows whose SHAP values are done, then each (feature, repeat) of
  // the permutation importance.
  std::function<void(uint64_t done, uint64_t total)> on_shap;
  std::function<void(uint64_t done, uint64_t total)> on_permutation;
};

// Raw SHAP output for `rows` rows. `groups` is the number of classes of a multiclass model,
// else 1. Contributions are [rows][groups][features + 1], the bias last; margins and
// predictions [rows][groups] (for binary, the probability of class 1).
struct ShapValues {
  size_t rows = 0;
  size_t groups = 1;
  size_t features = 0;
  std::vector<float> contributions;
  std::vector<float> margins;
  std::vector<float> predictions;

  const float* Row(size_t row, size_t group) const {
    return contributions.data() + (row * groups + group) * (features + 1);
  }
};

// Rows per XGBoost call in ComputeShap: exact TreeSHAP takes about a millisecond per row and
// 100 trees, so chunks let a progress bar move; the values do not depend on the chunking.
inline constexpr size_t kShapChunkRows = 16'384;

// Contributions, margins and predictions of every row of `matrix` (built by BuildMatrix with
// `schema`), `chunk_rows` rows per call, `on_chunk` (may be empty) called after each. Fails
// with kInternal when XGBoost fails or returns an unexpected shape.
Result<ShapValues> ComputeShap(
    void* booster, const ModelSchema& schema, const xgb::DenseMatrix& matrix, unsigned threads,
    size_t chunk_rows = kShapChunkRows,
    const std::function<void(uint64_t done, uint64_t total)>& on_chunk = {});

// SHAP interaction values [rows][groups][features + 1][features + 1] of every row of `matrix`;
// callers cap the rows (kMaxInteractionRows). Symmetric; each row of a matrix sums to that
// feature's contribution.
struct InteractionValues {
  size_t rows = 0;
  size_t groups = 1;
  size_t features = 0;
  std::vector<float> values;
};
Result<InteractionValues> ComputeInteractions(void* booster, const ModelSchema& schema,
                                              const xgb::DenseMatrix& matrix, unsigned threads);

struct AdditivityCheck {
  double max_abs_error = 0;  // over all rows and classes
  size_t worst_row = 0;      // 0-based, where the error relative to the tolerance is largest
  bool holds = true;         // every row within kAdditivityTolerance * max(1, |margin|)
};
AdditivityCheck CheckAdditivity(const ShapValues& shap);

struct FeatureImportance {
  std::string feature;
  double mean_abs_shap = 0;       // mean over classes of per_class
  std::vector<double> per_class;  // multiclass: mean |SHAP| per class; else one entry
};
// Mean |SHAP| per feature over all rows, sorted descending (ties by schema order).
std::vector<FeatureImportance> GlobalImportance(const ShapValues& shap, const ModelSchema& schema);

struct Contribution {
  std::string feature;
  std::string value;  // the category label, the number as text, or "missing"
  double contribution = 0;
};
struct RowExplanation {
  size_t row = 0;    // 0-based row of the data
  size_t group = 0;  // the class explained: the predicted class for multiclass, else 0
  double bias = 0;
  double margin = 0;
  double prediction = 0;          // probability of class 1 / of `group`, or the predicted value
  std::vector<Contribution> top;  // by |contribution| descending
};

struct InteractionPair {
  std::string first;
  std::string second;
  double mean_abs = 0;  // mean |phi_ij| over rows (and classes); phi_ij is half the effect
};

struct Explanation {
  Task task = Task::kBinary;
  size_t rows = 0;
  std::vector<std::string> feature_names;
  std::vector<std::string> classes;
  AdditivityCheck additivity;
  std::vector<FeatureImportance> importance;
  std::vector<RowExplanation> row_explanations;
  std::optional<size_t> interaction_rows;
  std::vector<InteractionPair> interactions;  // top options.top pairs, i < j
  std::optional<PermutationImportance> permutation;
};

// Everything above for `table` (named `source` in errors) under `predictor`'s model. Fails with
// kInvalidArgument naming `source` for a missing feature column, a wrongly typed value, empty
// data, or permutation importance on data without the target; kInternal when additivity fails.
Result<Explanation> Explain(const Predictor& predictor, const Table& table,
                            const std::string& source, const ExplainOptions& options);

inline constexpr std::string_view kExplanationFormat = "steward.explanation/1";
nlohmann::json ExplanationToJson(const Explanation& explanation);

}  // namespace steward::model
