#include "steward/metrics/internal/input_checks.h"

#include <array>
#include <charconv>
#include <cmath>
#include <string>

namespace steward::metrics::internal {
namespace {

std::string RowPrefix(size_t row) {
  return "row " + std::to_string(row) + ": ";
}

}  // namespace

std::string FormatDouble(double value) {
  std::array<char, 32> buffer;
  auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  if (error != std::errc())
    return "?";
  return std::string(buffer.data(), end);
}

Status CheckNotEmpty(size_t rows) {
  if (rows == 0)
    return Status::InvalidArgument("no rows: metrics need at least one labelled prediction");
  return Status::Ok();
}

Status CheckLength(std::string_view name, size_t actual, size_t expected) {
  if (actual == expected)
    return Status::Ok();
  return Status::InvalidArgument(std::string(name) + " has " + std::to_string(actual) +
                                 " values, expected " + std::to_string(expected));
}

Status CheckWeights(std::span<const double> weights, size_t rows) {
  if (weights.empty())
    return Status::Ok();
  if (Status status = CheckLength("sample weights", weights.size(), rows); !status.ok())
    return status;
  double total = 0;
  for (size_t row = 0; row < weights.size(); ++row) {
    const double weight = weights[row];
    if (!std::isfinite(weight) || weight < 0) {
      return Status::InvalidArgument(RowPrefix(row) + "sample weight " + FormatDouble(weight) +
                                     " is not a finite non-negative number");
    }
    total += weight;
  }
  if (!std::isfinite(total))
    return Status::InvalidArgument("sample weights sum to infinity");
  return Status::Ok();
}

Status CheckProbabilities(std::span<const double> values, std::string_view name) {
  for (size_t row = 0; row < values.size(); ++row) {
    const double value = values[row];
    if (!(value >= 0.0 && value <= 1.0)) {
      return Status::InvalidArgument(RowPrefix(row) + std::string(name) + " " +
                                     FormatDouble(value) + " is not a probability in [0, 1]");
    }
  }
  return Status::Ok();
}

Status CheckFinite(std::span<const double> values, std::string_view name) {
  for (size_t row = 0; row < values.size(); ++row) {
    if (!std::isfinite(values[row])) {
      return Status::InvalidArgument(RowPrefix(row) + std::string(name) + " " +
                                     FormatDouble(values[row]) + " is not a finite number");
    }
  }
  return Status::Ok();
}

Status CheckBinaryLabels(std::span<const int32_t> labels) {
  for (size_t row = 0; row < labels.size(); ++row) {
    if (labels[row] != 0 && labels[row] != 1) {
      return Status::InvalidArgument(RowPrefix(row) + "label " + std::to_string(labels[row]) +
                                     " is not 0 or 1");
    }
  }
  return Status::Ok();
}

Status CheckClassLabels(std::span<const int32_t> labels, size_t num_classes) {
  for (size_t row = 0; row < labels.size(); ++row) {
    if (labels[row] < 0 || static_cast<size_t>(labels[row]) >= num_classes) {
      return Status::InvalidArgument(RowPrefix(row) + "label " + std::to_string(labels[row]) +
                                     " is not a class in 0.." + std::to_string(num_classes - 1));
    }
  }
  return Status::Ok();
}

Status CheckSliceCodes(std::span<const int32_t> codes) {
  for (size_t row = 0; row < codes.size(); ++row) {
    if (codes[row] < -1) {
      return Status::InvalidArgument(RowPrefix(row) + "slice code " + std::to_string(codes[row]) +
                                     " is neither -1 (missing) nor a category code");
    }
  }
  return Status::Ok();
}

Status CheckThreshold(double threshold) {
  if (!std::isfinite(threshold))
    return Status::InvalidArgument("threshold " + FormatDouble(threshold) + " is not finite");
  return Status::Ok();
}

Status CheckCalibrationBins(int bins) {
  if (bins < 1 || bins > 10000) {
    return Status::InvalidArgument("calibration bins " + std::to_string(bins) +
                                   " is outside 1..10000");
  }
  return Status::Ok();
}

Status CheckLogLossEpsilon(double epsilon) {
  if (!(epsilon > 0 && epsilon < 0.5)) {
    return Status::InvalidArgument("log-loss epsilon " + FormatDouble(epsilon) +
                                   " is outside (0, 0.5)");
  }
  return Status::Ok();
}

}  // namespace steward::metrics::internal
