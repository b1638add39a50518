#include "steward/report/chart.h"

#include <cmath>

namespace steward::report {
namespace {

// JSON has no NaN: a value the evidence did not define is null.
nlohmann::json Numbers(const std::vector<double>& values) {
  nlohmann::json out = nlohmann::json::array();
  for (double value : values)
    out.push_back(std::isfinite(value) ? nlohmann::json(value) : nlohmann::json());
  return out;
}

}  // namespace

Chart NewChart(ChartKind kind, std::string id, std::string title, std::string description,
               std::string x_label, std::string y_label) {
  Chart chart;
  chart.kind = kind;
  chart.id = std::move(id);
  chart.title = std::move(title);
  chart.description = std::move(description);
  chart.x_label = std::move(x_label);
  chart.y_label = std::move(y_label);
  return chart;
}

std::string ChartKindName(ChartKind kind) {
  switch (kind) {
    case ChartKind::kBar:
      return "bar";
    case ChartKind::kHorizontalBar:
      return "horizontal_bar";
    case ChartKind::kLine:
      return "line";
    case ChartKind::kHistogram:
      return "histogram";
    case ChartKind::kHeat:
      return "heat";
  }
  return "bar";
}

nlohmann::json ChartToJson(const Chart& chart) {
  nlohmann::json series = nlohmann::json::array();
  for (const Series& one : chart.series) {
    nlohmann::json entry = {{"name", one.name}, {"values", Numbers(one.values)}};
    if (!one.x.empty())
      entry["x"] = Numbers(one.x);
    if (!one.low.empty()) {
      entry["low"] = Numbers(one.low);
      entry["high"] = Numbers(one.high);
    }
    series.push_back(std::move(entry));
  }
  nlohmann::json out = {{"id", chart.id},
                        {"type", ChartKindName(chart.kind)},
                        {"title", chart.title},
                        {"description", chart.description},
                        {"x_label", chart.x_label},
                        {"y_label", chart.y_label},
                        {"series", std::move(series)}};
  if (!chart.categories.empty())
    out["categories"] = chart.categories;
  if (chart.band)
    out["band"] = {chart.band->first, chart.band->second};
  if (chart.reference) {
    out["reference"] = {{"value", *chart.reference}, {"label", chart.reference_label}};
  }
  if (chart.diagonal)
    out["diagonal"] = true;
  return out;
}

}  // namespace steward::report
