#pragma once

#include <map>
#include <string>

#include "steward/validate/suite.h"

namespace steward::validate {

// Comments for a person reading the file: lines under the file's header, and a note above
// each named column's entry.
struct SuiteComments {
  std::string header;
  std::map<std::string, std::string> columns;
};

// The suite as a suite file (TOML, docs/formats/suite.md), with a commented header: [table]
// when it holds any expectation, then one [[column]] and one [[row]] per entry, in order,
// each with only the keys that are set. ParseSuite() of the result gives back `suite` (except
// the source locations). Strings are escaped as TOML needs; expressions and regexes are
// written as literal strings ('...') when they can be.
// REQUIRES: no NaN among the numbers; timestamps within years 0000-9999.
std::string SuiteToToml(const Suite& suite, const SuiteComments& comments = {});

}  // namespace steward::validate
