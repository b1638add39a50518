#pragma once

#include <string>

namespace steward::report {

// How a report shows a number to a person: whole numbers in full ("4454"), others with
// `significant` significant digits ("0.834", "12.5", "1.23e-05" below 1e-4), "n/a" for NaN
// or infinity. The exact value is in the report's JSON. Pure; thread-safe.
std::string FormatNumber(double value, int significant = 3);

// A share in [0, 1] as a percentage with one decimal ("12.3%").
std::string FormatPercent(double share);

}  // namespace steward::report
