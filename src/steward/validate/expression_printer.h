#pragma once

#include <string>

#include "steward/validate/expression_parser.h"

namespace steward::validate {

// The expression written back in canonical form, so that parsing the result gives the same
// tree: column names back-quoted, keywords in lower case, parentheses only where precedence
// needs them (e.g. "`age` >= 18 or `consent` == \"yes\""). It may be longer than the
// source, and than kMaxExpressionBytes.
std::string ExpressionToString(const ExpressionNode& node);

}  // namespace steward::validate
