#pragma once

#include <bitset>
#include <string_view>

#include "steward/privacy/pii_kind.h"

namespace steward::privacy {

// The kinds of personal data a column's name announces ("email", "date_of_birth",
// "CustomerPhone", "first name"). The name is split into lower-case words at separators and
// case changes; "product_name" or "ip_address" do not announce a person's name or address.
std::bitset<kPiiKindCount> ColumnNameEvidence(std::string_view column_name);

}  // namespace steward::privacy
