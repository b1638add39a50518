#pragma once

#include <memory>
#include <string>

#include "steward/core/schema.h"
#include "steward/validate/expression_binder.h"
#include "steward/validate/internal/check.h"

namespace steward::validate::internal {

// A [[row]] expectation: a row fails where the bound expression is false (unknown passes).
// Examples show the values of the columns the expression reads. `schema` names them; it is
// the schema the expression was bound to.
std::unique_ptr<Check> MakeRowCheck(const std::string& name, const std::string& expect,
                                    BoundExpression expression, const Schema& schema,
                                    size_t examples);

}  // namespace steward::validate::internal
