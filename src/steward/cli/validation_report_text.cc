#include "steward/cli/validation_report_text.h"

#include <cstdio>

#include "steward/cli/text_table.h"

namespace steward::cli {
namespace {

using validate::ExpectationResult;
using validate::ExpectationStatus;
using validate::ValidationReport;

std::string ObservedText(const validate::Observation& observed) {
  if (!observed.text.empty())
    return observed.text;
  if (!observed.number)
    return "-";
  char text[32];
  std::snprintf(text, sizeof(text), "%.6g", *observed.number);
  return text;
}

// "row 12: Age=15, consent=no; row 40 (same as row 3): ..." within about `width` characters.
std::string ExamplesText(const ExpectationResult& result, size_t width) {
  std::string text;
  for (const validate::FailingRow& row : result.examples) {
    text += text.empty() ? "" : "; ";
    text += "row " + std::to_string(row.row);
    if (row.same_as_row)
      text += " (same as row " + std::to_string(*row.same_as_row) + ")";
    text += ":";
    for (size_t i = 0; i < row.values.size(); ++i) {
      text += i > 0 ? ", " : " ";
      text += row.values[i].first + "=" + row.values[i].second.value_or("null");
    }
  }
  return Shorten(text, width);
}

}  // namespace

void PrintValidationReport(const ValidationReport& report, std::ostream& out) {
  out << report.source << ": " << FormatCount(report.rows) << " rows x " << report.columns
      << " columns";
  if (report.bad_rows > 0)
    out << " (" << FormatCount(report.bad_rows) << " bad rows left out)";
  out << ", suite " << report.suite << "\n";
  const size_t failed = report.Count(ExpectationStatus::kFailed);
  const size_t skipped = report.Count(ExpectationStatus::kSkipped);
  if (failed > 0) {
    out << "\n";
    TextTable table({"failed", "expected", "observed", "failing rows"});
    for (const ExpectationResult& result : report.results) {
      if (result.status == ExpectationStatus::kFailed) {
        table.AddRow({Shorten(result.id, 48), Shorten(result.expected, 40),
                      Shorten(ObservedText(result.observed), 24),
                      FormatCount(result.failing_rows)});
      }
    }
    table.Print(out);
    bool first_details = true;
    for (const ExpectationResult& result : report.results) {
      if (result.status != ExpectationStatus::kFailed ||
          (result.examples.empty() && result.note.empty()))
        continue;
      out << (first_details ? "\n" : "") << result.id << ":\n";
      first_details = false;
      if (!result.examples.empty())
        out << "  " << ExamplesText(result, 200) << "\n";
      if (!result.note.empty())
        out << "  " << result.note << "\n";
    }
  }
  if (skipped > 0) {
    out << "\n";
    TextTable table({"skipped", "because"});
    for (const ExpectationResult& result : report.results) {
      if (result.status == ExpectationStatus::kSkipped)
        table.AddRow({Shorten(result.id, 48), result.note});
    }
    table.Print(out);
  }
  out << "\n" << report.results.size() << " expectations, " << failed << " failed";
  if (skipped > 0)
    out << ", " << skipped << " skipped";
  out << "\n";
}

}  // namespace steward::cli
