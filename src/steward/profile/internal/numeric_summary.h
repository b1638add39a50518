#pragma once

#include <nlohmann/json.hpp>

#include "steward/profile/profile.h"

namespace steward::profile::internal {

// Moments, quantiles, histogram and outlier counts of a numeric column. Quantile-derived
// numbers (histogram counts, IQR and MAD outliers) are exact while the sketch holds every
// value, and within its rank error times the count otherwise.
nlohmann::json NumericSummary(const NumericState& numeric, const ProfileOptions& options);

// P(X > Y) + P(X = Y) / 2 for X drawn from `x` and Y from `y`: the AUC of a threshold on this
// one feature separating the two classes.
double AreaUnderCurve(const sketch::KllSketch& x, const sketch::KllSketch& y);

}  // namespace steward::profile::internal
