#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace steward::report {

enum class ChartKind {
  kBar,            // vertical bars per category, one bar per series side by side
  kHorizontalBar,  // a ranking: one bar per label, largest first as given, optional intervals
  kLine,           // curves through (x, y) points: ROC, precision-recall, calibration
  kHistogram,      // two distributions over the same bins, drawn over each other
  kHeat,           // a matrix of counts as shaded cells: a confusion matrix
};

// One named list of numbers. Bar, horizontal bar and histogram charts use `values` (one per
// category); line charts pair `x` with `values`; a heat chart has one series per row.
// `low` and `high`, when not empty, are an interval around each value (horizontal bars).
struct Series {
  std::string name;
  std::vector<double> x;
  std::vector<double> values;
  std::vector<double> low;
  std::vector<double> high;
};

// A chart and the numbers behind it. Every text field is plain text (escaped when drawn).
// Axis labels carry their unit, e.g. "Selection rate (share of rows)".
struct Chart {
  ChartKind kind = ChartKind::kBar;
  std::string id;  // unique in the report; [a-z0-9_-] (the builder makes it so)
  std::string title;
  std::string description;  // what the chart shows, in a sentence, for screen readers too
  std::string x_label;
  std::string y_label;
  std::vector<std::string> categories;  // bar/histogram bins, horizontal-bar labels, heat columns
  std::vector<Series> series;
  // Horizontal bars: a shaded acceptable band (e.g. the 0.8-1.25 fairness band).
  std::optional<std::pair<double, double>> band;
  // A reference line at this value of the value axis (1 for ratios, a base rate for PR).
  std::optional<double> reference;
  std::string reference_label;
  bool diagonal = false;  // line charts: the y = x line (chance ROC, perfect calibration)
  // Line charts: fixed axis ranges (e.g. [0, 1] for rates); otherwise taken from the data.
  std::optional<std::pair<double, double>> x_range;
  std::optional<std::pair<double, double>> y_range;
};

// A chart with the texts every chart must carry (title, accessible description, axis labels).
Chart NewChart(ChartKind kind, std::string id, std::string title, std::string description,
               std::string x_label, std::string y_label);

std::string ChartKindName(ChartKind kind);

// The chart as data: the same numbers the drawing and its table show.
nlohmann::json ChartToJson(const Chart& chart);

}  // namespace steward::report
