#pragma once

#include <string>
#include <string_view>

#include "steward/core/result.h"
#include "steward/validate/suite.h"

namespace steward::validate {

// Parses a suite file's text (TOML, docs/formats/suite.md). `file_name` only labels messages.
// Fails with kInvalidArgument on the first problem, as "FILE:LINE:COLUMN: what": TOML syntax,
// a missing or unsupported `format`, unknown keys, wrong value types, unknown kinds, min >
// max, rates outside [0, 1], duplicate [[column]] or [[row]] names, an expectation that does
// not apply to the column's declared kind, an invalid regex, and expression syntax errors
// (at the line and column inside the `expect` string). An expression whose columns all have
// a declared kind is also type-checked here; column names are resolved against the data by
// Validate(). Pure function.
Result<Suite> ParseSuite(std::string_view toml_text, std::string_view file_name);

// Reads and parses the suite file at `path`: kNotFound if it does not exist, kInvalidArgument
// if it cannot be read or does not parse.
Result<Suite> LoadSuite(const std::string& path);

}  // namespace steward::validate
