#pragma once

#include <string>

#include "steward/validate/expression_lexer.h"
#include "steward/validate/suite.h"

namespace steward::validate {

// "suite.toml:12:3: " for a known location, "" for one built in code.
std::string LocationPrefix(const SourceLocation& location);

// Where an offset inside a row expectation's expression lies, as a message prefix:
// "suite.toml:12:24: row \"adults\", offset 4: ". The column is exact when the expression was
// written verbatim on one line (see SourceLocation::verbatim), else that of its first
// character. The returned locator refers to `row`, which must outlive it.
OffsetLocator RowExpressionLocator(const RowExpectation& row);

}  // namespace steward::validate
