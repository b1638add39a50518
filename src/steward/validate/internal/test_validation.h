#pragma once
// Test support only: runs Validate() on small tables for the module's *_test.cc files.

#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "steward/validate/internal/test_tables.h"
#include "steward/validate/suite_parser.h"
#include "steward/validate/validator.h"

namespace steward::validate::testing {

// Validates `table`, cut into batches of `rows_per_batch`, against the suite "format = 1\n" +
// `suite_body`. Expects both to work.
inline ValidationReport ValidateTable(const Table& table, std::string_view suite_body,
                                      size_t rows_per_batch = 1000, size_t examples = 5) {
  Result<Suite> suite = ParseSuite("format = 1\n" + std::string(suite_body), "t.toml");
  EXPECT_TRUE(suite.ok()) << suite.status().message();
  if (!suite.ok())
    return {};
  auto reader = VectorBatchReader::Of(table, rows_per_batch);
  ValidateOptions options;
  options.examples = examples;
  Result<ValidationReport> report = Validate(*reader, *suite, options);
  EXPECT_TRUE(report.ok()) << report.status().message();
  return report.ok() ? std::move(report).value() : ValidationReport{};
}

// The message of Validate()'s error for this table and suite.
inline std::string ValidateError(const Table& table, std::string_view suite_body) {
  Result<Suite> suite = ParseSuite("format = 1\n" + std::string(suite_body), "t.toml");
  EXPECT_TRUE(suite.ok()) << suite.status().message();
  if (!suite.ok())
    return "";
  auto reader = VectorBatchReader::Of(table);
  Result<ValidationReport> report = Validate(*reader, *suite);
  EXPECT_FALSE(report.ok());
  return report.ok() ? "" : report.status().message();
}

// The result with `id`; a failed test (and an empty result) if there is none.
inline ExpectationResult Get(const ValidationReport& report, std::string_view id) {
  for (const ExpectationResult& result : report.results) {
    if (result.id == id)
      return result;
  }
  ADD_FAILURE() << "no result " << id;
  return {};
}

// "pass", "fail" or "skip".
inline std::string StatusOf(const ValidationReport& report, std::string_view id) {
  return std::string(ExpectationStatusName(Get(report, id).status));
}

// Examples as "row:column=value,column=value" joined by spaces; "null" for missing values,
// "(=row)" for the row a duplicate repeats.
inline std::string Examples(const ExpectationResult& result) {
  std::string text;
  for (const FailingRow& row : result.examples) {
    text += (text.empty() ? "" : " ") + std::to_string(row.row);
    if (row.same_as_row)
      text += "(=" + std::to_string(*row.same_as_row) + ")";
    text += ":";
    for (size_t i = 0; i < row.values.size(); ++i) {
      text +=
          (i > 0 ? "," : "") + row.values[i].first + "=" + row.values[i].second.value_or("null");
    }
  }
  return text;
}

}  // namespace steward::validate::testing
