#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "steward/report/chart.h"

namespace steward::report {

// A number or fact a reader should see first ("AUC 0.834"). `value` is the exact number (or
// text) from the evidence; `display` is how the page shows it.
struct KeyFigure {
  std::string id;
  std::string label;
  nlohmann::json value;
  std::string display;
};

// Traffic-light status of one gate: green passed, amber needs a look, red failed.
enum class Light { kGreen, kAmber, kRed };
std::string LightName(Light light);

struct Gate {
  std::string name;
  Light light = Light::kGreen;
  std::string detail;  // why, in plain words
};

// A table of cells: strings are shown as text, numbers rounded (exact in the JSON), null as
// "n/a".
struct Table {
  std::string id;
  std::string title;
  std::vector<std::string> columns;
  std::vector<std::vector<nlohmann::json>> rows;
};

// One part of the report (data quality, performance, ...), present only when its evidence is.
// The page shows its parts in this order: paragraphs, key figures, gates, items, charts,
// tables.
struct Section {
  std::string id;
  std::string title;
  std::vector<std::string> paragraphs;
  std::vector<KeyFigure> figures;
  std::vector<Gate> gates;
  std::string items_title;  // e.g. "Alerts"
  std::vector<std::string> items;
  std::vector<Chart> charts;
  std::vector<Table> tables;
};

// Where a piece of evidence came from.
struct InputFile {
  std::string path;
  std::string kind;    // bundle, profile, monitor, evaluation, explanation, fairness
  std::string format;  // the document's format field (a bundle: its manifest's)
};

struct Report {
  std::string title;
  std::vector<InputFile> inputs;
  std::vector<Section> sections;
};

inline constexpr std::string_view kReportFormat = "steward.report/1";

// The report as data (`steward report --json`): every section with the same figures, gates,
// tables and chart numbers the page shows.
nlohmann::json ReportToJson(const Report& report);

}  // namespace steward::report
