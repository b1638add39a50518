#pragma once

#include <string_view>

namespace steward::cli {

// The demo's data set, compiled into the binary so `steward demo` works from anywhere.
// Provenance and license: data/MANIFEST.md.
inline constexpr std::string_view kDemoDataName = "credit_data.csv";
inline constexpr std::string_view kDemoTarget = "Status";  // good or bad credit
inline constexpr std::string_view kDemoDataDescription =
    "4,454 consumer credit applications (r-cran-modeldata credit_data, MIT license)";
std::string_view DemoData();
// Rules the demo checks the data against (data/credit_rules.toml).
inline constexpr std::string_view kDemoRulesName = "credit_rules.toml";
std::string_view DemoRules();
// The promotion policy the demo registers its models under (data/policy.toml).
inline constexpr std::string_view kDemoPolicyName = "policy.toml";
std::string_view DemoPolicy();

}  // namespace steward::cli
