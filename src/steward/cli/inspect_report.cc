#include "steward/cli/inspect_report.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "steward/cli/text_table.h"

namespace steward::cli {
namespace {

std::string DelimiterName(char delimiter) {
  if (delimiter == '\t')
    return "tab";
  return std::string(1, delimiter);
}

}  // namespace

InspectReport BuildInspectReport(const std::string& source, const io::ReadResult& read,
                                 double read_seconds, size_t examples_per_column) {
  InspectReport report;
  report.source = source;
  report.rows = read.table.num_rows();
  report.stats = read.stats;
  report.read_seconds = read_seconds;
  const Table& table = read.table;
  for (size_t c = 0; c < table.num_columns(); ++c) {
    const Column& column = table.column(c);
    ColumnSummary summary{table.name(c), column.kind(), column.MissingCount(), 0, {}};
    if (column.kind() == ColumnKind::kCategorical)
      summary.categories = column.categories().size();
    // Examples come from the first rows; a column with fewer distinct values shows fewer.
    constexpr size_t kExampleRows = 10'000;
    std::set<std::string> seen;
    for (size_t row = 0; row < table.num_rows() && row < kExampleRows &&
                         summary.examples.size() < examples_per_column;
         ++row) {
      if (column.IsMissing(row))
        continue;
      std::string value = column.ValueToString(row);
      if (seen.insert(value).second)
        summary.examples.push_back(std::move(value));
    }
    report.columns.push_back(std::move(summary));
  }
  return report;
}

nlohmann::json InspectReportToJson(const InspectReport& report) {
  nlohmann::json columns = nlohmann::json::array();
  for (const ColumnSummary& column : report.columns) {
    nlohmann::json entry = {{"name", column.name},
                            {"kind", ColumnKindName(column.kind)},
                            {"missing", column.missing},
                            {"examples", column.examples}};
    if (column.kind == ColumnKind::kCategorical)
      entry["categories"] = column.categories;
    columns.push_back(std::move(entry));
  }
  nlohmann::json json = {{"source", report.source},
                         {"rows", report.rows},
                         {"columns", std::move(columns)},
                         {"bytes", report.stats.bytes},
                         {"read_seconds", report.read_seconds},
                         {"bad_rows", report.stats.bad_rows},
                         {"bad_row_examples", report.stats.bad_row_examples},
                         {"blank_lines", report.stats.blank_lines},
                         {"sampled_records", report.stats.sampled_records}};
  if (report.stats.delimiter != 0)
    json["delimiter"] = std::string(1, report.stats.delimiter);
  return json;
}

void PrintInspectReport(const InspectReport& report, std::ostream& out) {
  out << report.source << ": " << FormatCount(report.rows) << " rows x " << report.columns.size()
      << " columns";
  if (report.stats.bytes > 0)
    out << ", " << FormatBytes(report.stats.bytes);
  out << ", read in " << FormatSeconds(report.read_seconds);
  if (report.stats.delimiter != 0)
    out << " (delimiter '" << DelimiterName(report.stats.delimiter) << "')";
  out << "\n";
  if (report.stats.bad_rows > 0) {
    out << FormatCount(report.stats.bad_rows) << " bad rows left out:\n";
    for (const std::string& example : report.stats.bad_row_examples)
      out << "  " << example << "\n";
  }
  TextTable table({"column", "kind", "missing", "examples"});
  for (const ColumnSummary& column : report.columns) {
    std::string kind(ColumnKindName(column.kind));
    if (column.kind == ColumnKind::kCategorical)
      kind += " (" + FormatCount(column.categories) + ")";
    std::string missing = FormatCount(column.missing);
    if (column.missing > 0 && report.rows > 0) {
      char percent[32];
      std::snprintf(percent, sizeof(percent), " (%.1f%%)",
                    100.0 * static_cast<double>(column.missing) / static_cast<double>(report.rows));
      missing += percent;
    }
    std::string examples;
    for (const std::string& example : column.examples) {
      if (!examples.empty())
        examples += ", ";
      examples += Shorten(example, 24);
    }
    table.AddRow({column.name, kind, missing, examples});
  }
  table.Print(out);
}

}  // namespace steward::cli
