#pragma once

#include <ostream>
#include <string>

#include "steward/model/explanation.h"

namespace steward::cli {

// Prints an explanation for people: global importance, the per-row top contributions, and the
// interactions and permutation importance when computed.
void PrintExplanation(const model::Explanation& explanation, const std::string& data,
                      const std::string& bundle, std::ostream& out);

}  // namespace steward::cli
