#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "steward/io/batch_reader.h"

namespace steward::cli {

struct ColumnSummary {
  std::string name;
  ColumnKind kind;
  size_t missing = 0;
  size_t categories = 0;  // categorical only
  std::vector<std::string> examples;
};

// What `steward inspect` shows about a data set.
struct InspectReport {
  std::string source;
  size_t rows = 0;
  io::SourceStats stats;
  double read_seconds = 0;
  std::vector<ColumnSummary> columns;
};

InspectReport BuildInspectReport(const std::string& source, const io::ReadResult& read,
                                 double read_seconds, size_t examples_per_column);
nlohmann::json InspectReportToJson(const InspectReport& report);
void PrintInspectReport(const InspectReport& report, std::ostream& out);

}  // namespace steward::cli
