#include "steward/io/table_writer.h"

#include <array>
#include <charconv>
#include <cmath>

#include <nlohmann/json.hpp>

#include "steward/io/atomic_file.h"

namespace steward::io {
namespace {

std::string ShortestDouble(double value) {
  std::array<char, 32> buffer{};
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return std::string(buffer.data(), ec == std::errc() ? end : buffer.data());
}

void AppendCsvField(std::string& out, std::string_view value, const CsvWriteOptions& options) {
  std::string escaped_formula;
  if (options.escape_formulas && !value.empty() &&
      std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos) {
    escaped_formula = "'" + std::string(value);
    value = escaped_formula;
  }
  const bool needs_quotes =
      value.empty() ||
      value.find_first_of(std::string{options.delimiter, '"', '\n', '\r'}) != value.npos ||
      value.front() == ' ' || value.back() == ' ';
  if (!needs_quotes) {
    out.append(value);
    return;
  }
  out += '"';
  for (char c : value) {
    if (c == '"')
      out += '"';
    out += c;
  }
  out += '"';
}

std::string CellText(const Column& column, size_t row) {
  if (column.kind() == ColumnKind::kNumeric)
    return ShortestDouble(column.numeric()[row]);
  return column.ValueToString(row);
}

}  // namespace

std::string FormatCsv(const Table& table, const CsvWriteOptions& options) {
  std::string out;
  for (size_t c = 0; c < table.num_columns(); ++c) {
    if (c > 0)
      out += options.delimiter;
    AppendCsvField(out, table.name(c), options);
  }
  out += '\n';
  for (size_t row = 0; row < table.num_rows(); ++row) {
    for (size_t c = 0; c < table.num_columns(); ++c) {
      if (c > 0)
        out += options.delimiter;
      const Column& column = table.column(c);
      if (column.IsMissing(row))
        continue;
      AppendCsvField(out, CellText(column, row), options);
    }
    out += '\n';
  }
  return out;
}

Result<std::string> FormatJsonLines(const Table& table) {
  std::string out;
  for (size_t row = 0; row < table.num_rows(); ++row) {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    for (size_t c = 0; c < table.num_columns(); ++c) {
      const Column& column = table.column(c);
      nlohmann::ordered_json& cell = object[table.name(c)];
      if (column.IsMissing(row))
        continue;  // stays null
      switch (column.kind()) {
        case ColumnKind::kNumeric: {
          const double value = column.numeric()[row];
          if (std::isinf(value)) {
            return Status::InvalidArgument(
                "column '" + table.name(c) + "' row " + std::to_string(row + 1) +
                " holds an infinite number, which JSON cannot represent");
          }
          cell = value;
          break;
        }
        case ColumnKind::kBoolean:
          cell = column.booleans()[row] == 1;
          break;
        default:
          cell = column.ValueToString(row);
          break;
      }
    }
    out += object.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::strict);
    out += '\n';
  }
  return out;
}

Status WriteCsv(const Table& table, const std::string& path, const CsvWriteOptions& options) {
  return WriteFileAtomically(path, FormatCsv(table, options));
}

Status WriteJsonLines(const Table& table, const std::string& path) {
  STEWARD_ASSIGN_OR_RETURN(std::string contents, FormatJsonLines(table));
  return WriteFileAtomically(path, contents);
}

}  // namespace steward::io
