#include "steward/validate/suite_writer.h"

#include <cstdio>
#include <sstream>

#include "steward/validate/internal/format_number.h"

namespace steward::validate {
namespace {

using internal::FormatNumber;

// A TOML basic string: quotes, backslashes and control characters escaped.
std::string BasicString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7F) {
      char escaped[8];
      std::snprintf(escaped, sizeof(escaped), "\\u%04X", byte);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// A literal string ('...') where TOML allows one, since it keeps regex and expression
// backslashes as they are; else a basic string.
std::string PreferLiteral(std::string_view text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\'' || (byte < 0x20 && c != '\t') || byte == 0x7F)
      return BasicString(text);
  }
  return "'" + std::string(text) + "'";
}

// A number TOML reads back as the same double: integers that fit int64 as integers, others
// as floats ("1e+300", "1152921504606846976.0", "inf", "-0.0").
std::string Number(double value) {
  std::string text = FormatNumber(value);
  if (text == "-0")  // the integer -0 reads back as +0; the float keeps its sign
    return "-0.0";
  if (text.find_first_of(".eEin") == std::string::npos && (value >= 9.2e18 || value <= -9.2e18))
    text += ".0";
  return text;
}

std::string Bound(const validate::Bound& bound) {
  if (const double* number = std::get_if<double>(&bound))
    return Number(*number);
  return BasicString(FormatTimestamp(std::get<TimestampBound>(bound).micros));
}

std::string Range(const std::optional<double>& min, const std::optional<double>& max) {
  std::string out;
  if (min)
    out += "min = " + Number(*min);
  if (max)
    out += std::string(out.empty() ? "" : ", ") + "max = " + Number(*max);
  return out;
}

void WriteTable(const TableExpectations& table, std::ostream& out) {
  const TableExpectations defaults;
  if (table == defaults)
    return;
  out << "\n[table]\n";
  if (table.min_rows)
    out << "min_rows = " << *table.min_rows << "\n";
  if (table.max_rows)
    out << "max_rows = " << *table.max_rows << "\n";
  if (table.max_duplicate_rows)
    out << "max_duplicate_rows = " << *table.max_duplicate_rows << "\n";
  if (!table.absent_columns.empty()) {
    out << "absent_columns = [";
    for (size_t i = 0; i < table.absent_columns.size(); ++i)
      out << (i > 0 ? ", " : "") << BasicString(table.absent_columns[i]);
    out << "]\n";
  }
  if (!table.allow_extra_columns)
    out << "allow_extra_columns = false\n";
}

void WriteAllowed(const AllowedValues& allowed, std::ostream& out) {
  out << "allowed = [";
  if (const auto* strings = std::get_if<std::vector<std::string>>(&allowed)) {
    for (size_t i = 0; i < strings->size(); ++i)
      out << (i > 0 ? ", " : "") << BasicString((*strings)[i]);
  } else {
    const auto& numbers = std::get<std::vector<double>>(allowed);
    for (size_t i = 0; i < numbers.size(); ++i)
      out << (i > 0 ? ", " : "") << Number(numbers[i]);
  }
  out << "]\n";
}

// Each line of `text` as a TOML comment; control characters, which a comment may not hold,
// become spaces.
void WriteComment(std::string_view text, std::ostream& out) {
  out << "# ";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n')
      out << "\n# ";
    else
      out << ((byte < 0x20 && c != '\t') || byte == 0x7F ? ' ' : c);
  }
  out << "\n";
}

void WriteColumn(const ColumnExpectations& column, const SuiteComments& comments,
                 std::ostream& out) {
  out << "\n[[column]]\n";
  if (auto note = comments.columns.find(column.name); note != comments.columns.end())
    WriteComment(note->second, out);
  out << "name = " << BasicString(column.name) << "\n";
  if (column.kind)
    out << "kind = \"" << ColumnKindName(*column.kind) << "\"\n";
  if (!column.required)
    out << "required = false\n";
  if (column.not_null)
    out << "not_null = true\n";
  if (column.max_missing_rate)
    out << "max_missing_rate = " << Number(*column.max_missing_rate) << "\n";
  if (column.unique)
    out << "unique = true\n";
  if (column.min)
    out << "min = " << Bound(*column.min) << "\n";
  if (column.max)
    out << "max = " << Bound(*column.max) << "\n";
  if (column.allowed)
    WriteAllowed(*column.allowed, out);
  if (column.regex)
    out << "regex = " << PreferLiteral(*column.regex) << "\n";
  if (column.min_length)
    out << "min_length = " << *column.min_length << "\n";
  if (column.max_length)
    out << "max_length = " << *column.max_length << "\n";
  if (column.mean)
    out << "mean = { " << Range(column.mean->min, column.mean->max) << " }\n";
  if (!column.quantiles.empty()) {
    out << "quantiles = [\n";
    for (const QuantileExpectation& quantile : column.quantiles) {
      out << "  { q = " << Number(quantile.q) << ", " << Range(quantile.min, quantile.max)
          << " },\n";
    }
    out << "]\n";
  }
  if (column.max_outlier_rate) {
    out << "max_outlier_rate = { method = \""
        << (column.max_outlier_rate->method == OutlierMethod::kMad ? "mad" : "iqr")
        << "\", rate = " << Number(column.max_outlier_rate->max_rate) << " }\n";
  }
}

}  // namespace

std::string SuiteToToml(const Suite& suite, const SuiteComments& comments) {
  std::ostringstream out;
  out << "# Steward validation suite: run it with `steward validate DATA --suite FILE`.\n"
         "# Format and expression grammar: docs/formats/suite.md. Rows fail only where an\n"
         "# expectation is false; a missing value makes a comparison unknown, which passes.\n";
  if (!comments.header.empty())
    WriteComment(comments.header, out);
  out << "format = 1\n";
  WriteTable(suite.table, out);
  for (const ColumnExpectations& column : suite.columns)
    WriteColumn(column, comments, out);
  for (const RowExpectation& row : suite.rows) {
    out << "\n[[row]]\n";
    out << "name = " << BasicString(row.name) << "\n";
    out << "expect = " << PreferLiteral(row.expect) << "\n";
  }
  return out.str();
}

}  // namespace steward::validate
