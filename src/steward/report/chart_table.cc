// The numbers behind a chart, as the <details> table RenderChart puts under it.
#include <cmath>
#include <cstdio>

#include "steward/report/html_escape.h"
#include "steward/report/number_format.h"
#include "steward/report/svg_chart.h"

namespace steward::report {
namespace {

// A number cell: the rounded text a person reads, and the exact value in data-value so
// tests (and readers who copy it) can check it against the report's JSON.
std::string NumberCell(double value) {
  if (!std::isfinite(value))
    return "<td data-value=\"\">n/a</td>";
  char exact[40];
  std::snprintf(exact, sizeof exact, "%.17g", value);
  return "<td data-value=\"" + std::string(exact) + "\">" + FormatNumber(value) + "</td>";
}

std::string HeaderRow(const std::vector<std::string>& names) {
  std::string out = "<thead><tr>";
  for (const std::string& name : names)
    out += "<th scope=\"col\">" + EscapeHtml(name) + "</th>";
  return out + "</tr></thead>";
}

double At(const std::vector<double>& values, size_t index) {
  return index < values.size() ? values[index] : NAN;
}

std::string CategoryRows(const Chart& chart) {
  std::vector<std::string> header = {chart.kind == ChartKind::kHorizontalBar ? chart.y_label
                                                                             : chart.x_label};
  for (const Series& series : chart.series) {
    header.push_back(series.name.empty() ? chart.y_label : series.name);
    if (!series.low.empty()) {
      header.push_back("interval low");
      header.push_back("interval high");
    }
  }
  std::string out = HeaderRow(header) + "<tbody>";
  for (size_t row = 0; row < chart.categories.size(); ++row) {
    out += "<tr><th scope=\"row\">" + EscapeHtml(chart.categories[row]) + "</th>";
    for (const Series& series : chart.series) {
      out += NumberCell(At(series.values, row));
      if (!series.low.empty())
        out += NumberCell(At(series.low, row)) + NumberCell(At(series.high, row));
    }
    out += "</tr>";
  }
  return out + "</tbody>";
}

std::string PointRows(const Chart& chart) {
  std::string out = HeaderRow({"Series", chart.x_label, chart.y_label}) + "<tbody>";
  for (const Series& series : chart.series) {
    const size_t count = std::min(series.x.size(), series.values.size());
    for (size_t point = 0; point < count; ++point) {
      out += "<tr><th scope=\"row\">" + EscapeHtml(series.name) + "</th>" +
             NumberCell(series.x[point]) + NumberCell(series.values[point]) + "</tr>";
    }
  }
  return out + "</tbody>";
}

std::string MatrixRows(const Chart& chart) {
  std::vector<std::string> header = {chart.y_label + " \\ " + chart.x_label};
  header.insert(header.end(), chart.categories.begin(), chart.categories.end());
  std::string out = HeaderRow(header) + "<tbody>";
  for (const Series& series : chart.series) {
    out += "<tr><th scope=\"row\">" + EscapeHtml(series.name) + "</th>";
    for (size_t column = 0; column < chart.categories.size(); ++column)
      out += NumberCell(At(series.values, column));
    out += "</tr>";
  }
  return out + "</tbody>";
}

}  // namespace

std::string RenderChartTable(const Chart& chart) {
  std::string rows;
  switch (chart.kind) {
    case ChartKind::kLine:
      rows = PointRows(chart);
      break;
    case ChartKind::kHeat:
      rows = MatrixRows(chart);
      break;
    default:
      rows = CategoryRows(chart);
  }
  return "<details class=\"numbers\"><summary>The numbers behind this chart</summary>"
         "<table data-chart=\"" +
         EscapeHtml(chart.id) + "\"><caption>" + EscapeHtml(chart.title) + "</caption>" + rows +
         "</table></details>";
}

}  // namespace steward::report
