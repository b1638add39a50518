#include "steward/model/validation_metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace steward::model {
namespace {

constexpr double kEpsilon = 1e-15;

double Clip(double probability) {
  return std::clamp(probability, kEpsilon, 1 - kEpsilon);
}

// Mann-Whitney U over ranks with ties averaged; NaN when one class is absent.
double Auc(std::span<const float> labels, std::span<const float> scores) {
  std::vector<size_t> order(labels.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] < scores[b]; });
  double positive_rank_sum = 0;
  double positives = 0;
  for (size_t start = 0; start < order.size();) {
    size_t end = start;
    while (end < order.size() && scores[order[end]] == scores[order[start]])
      ++end;
    const double average_rank = (static_cast<double>(start + end) + 1) / 2;
    for (size_t at = start; at < end; ++at) {
      if (labels[order[at]] == 1) {
        positive_rank_sum += average_rank;
        positives += 1;
      }
    }
    start = end;
  }
  const double negatives = static_cast<double>(labels.size()) - positives;
  if (positives == 0 || negatives == 0)
    return std::nan("");
  return (positive_rank_sum - positives * (positives + 1) / 2) / (positives * negatives);
}

nlohmann::json Number(double value) {
  return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json();
}

}  // namespace

std::pair<const char*, bool> HeadlineMetric(Task task) {
  switch (task) {
    case Task::kBinary:
      return {"auc", true};
    case Task::kMulticlass:
      return {"mlogloss", false};
    case Task::kRegression:
      return {"rmse", false};
  }
  return {"", false};
}

nlohmann::json EvaluatePredictions(Task task, std::span<const float> labels,
                                   std::span<const float> predictions, size_t classes,
                                   double threshold) {
  const double rows = static_cast<double>(labels.size());
  nlohmann::json result = {{"rows", labels.size()}};
  switch (task) {
    case Task::kBinary: {
      double loss = 0;
      double correct = 0;
      for (size_t row = 0; row < labels.size(); ++row) {
        const double p = Clip(predictions[row]);
        loss -= labels[row] == 1 ? std::log(p) : std::log(1 - p);
        correct += (predictions[row] >= threshold) == (labels[row] == 1);
      }
      result["auc"] = Number(Auc(labels, predictions));
      result["logloss"] = loss / rows;
      result["accuracy"] = correct / rows;
      break;
    }
    case Task::kMulticlass: {
      double loss = 0;
      double correct = 0;
      for (size_t row = 0; row < labels.size(); ++row) {
        std::span<const float> p = predictions.subspan(row * classes, classes);
        const auto label = static_cast<size_t>(labels[row]);
        loss -= std::log(Clip(p[label]));
        correct += static_cast<size_t>(std::max_element(p.begin(), p.end()) - p.begin()) == label;
      }
      result["mlogloss"] = loss / rows;
      result["accuracy"] = correct / rows;
      break;
    }
    case Task::kRegression: {
      double squared = 0;
      double absolute = 0;
      const double mean = std::accumulate(labels.begin(), labels.end(), 0.0) / rows;
      double total = 0;
      for (size_t row = 0; row < labels.size(); ++row) {
        const double error = static_cast<double>(predictions[row]) - labels[row];
        squared += error * error;
        absolute += std::abs(error);
        total += (labels[row] - mean) * (labels[row] - mean);
      }
      result["rmse"] = std::sqrt(squared / rows);
      result["mae"] = absolute / rows;
      result["r2"] = Number(total > 0 ? 1 - squared / total : std::nan(""));
      break;
    }
  }
  return result;
}

}  // namespace steward::model
