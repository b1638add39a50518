#pragma once

#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "steward/metrics/binary_metrics.h"
#include "steward/metrics/multiclass_metrics.h"
#include "steward/metrics/regression_metrics.h"
#include "steward/metrics/sliced_metrics.h"

namespace steward::metrics {

// The format tag of a metrics document (docs/formats/metrics.md).
inline constexpr std::string_view kMetricsFormat = "steward.metrics/1";

// Names the slices of a document: the column they come from and its categories, indexed by
// code. A code past the end of `categories` is written without a name.
struct SliceNames {
  std::string column;
  std::span<const std::string> categories;
};

// One metrics object: every defined metric as a number, every undefined one as null with its
// reason under "undefined" (JSON never holds NaN or infinity). Keys are sorted (nlohmann::json),
// so the text of a document is stable.
nlohmann::json ToJson(const BinaryMetrics& metrics);
nlohmann::json ToJson(const MulticlassMetrics& metrics);
nlohmann::json ToJson(const RegressionMetrics& metrics);

// A whole document: {"format", "task", "overall", "slices"?}. Slices are written when
// `slices` is non-empty.
nlohmann::json MetricsDocument(const BinaryMetrics& overall,
                               std::span<const SliceMetrics<BinaryMetrics>> slices = {},
                               const SliceNames& names = {});
nlohmann::json MetricsDocument(const MulticlassMetrics& overall,
                               std::span<const SliceMetrics<MulticlassMetrics>> slices = {},
                               const SliceNames& names = {});
nlohmann::json MetricsDocument(const RegressionMetrics& overall,
                               std::span<const SliceMetrics<RegressionMetrics>> slices = {},
                               const SliceNames& names = {});

}  // namespace steward::metrics
