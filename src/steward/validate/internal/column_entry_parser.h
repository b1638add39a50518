#pragma once

#include <toml++/toml.h>

#include "steward/core/result.h"
#include "steward/validate/internal/toml_fields.h"
#include "steward/validate/suite.h"

namespace steward::validate::internal {

// Parses one [[column]] table of a suite file, checking every rule of docs/formats/suite.md
// that concerns the entry alone (types, ranges, min <= max, applicability to a declared kind,
// the regex compiles). Duplicate names are the caller's concern.
Result<ColumnExpectations> ParseColumnEntry(const toml::table& entry, const TomlFields& fields);

}  // namespace steward::validate::internal
