#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "steward/core/result.h"
#include "steward/core/table.h"

namespace steward::fairness {

// Rows whose sensitive value is missing form this group of their own, reported like any other.
inline constexpr std::string_view kMissingGroupName = "<missing>";
// More combined groups than this is almost always an identifier or a raw number picked as a
// sensitive column; the audit refuses it rather than report thousands of one-row groups.
inline constexpr size_t kMaxCombinedGroups = 10000;

// One way of splitting rows into groups: a sensitive column alone, or several combined
// (intersectional). Groups are in the order of their names, as pandas' group-by sorts them.
struct Attribute {
  std::string name;  // the columns joined by '|'
  std::vector<std::string> columns;
  std::vector<std::string> groups;          // group index -> name, values joined by '|'
  std::vector<uint32_t> group_of_combined;  // combined group -> this attribute's group
};

// Every row's combined group (its values in all sensitive columns at once, the finest split),
// and the attributes to report, each a union of combined groups. Audits count per combined
// group once and add the counts up per attribute.
struct Grouping {
  std::vector<uint32_t> combined_of_row;
  size_t combined_groups = 0;
  std::vector<Attribute> attributes;
};

// Groups `table`'s rows (only `rows`, in that order, when not empty) by each of `columns` (values
// as text; missing values as kMissingGroupName) and, when `intersectional` and there are several
// columns, by all of them together. Fails naming `source` and the column when a column is absent or
// listed twice, or when the combined groups exceed kMaxCombinedGroups.
Result<Grouping> GroupRows(const Table& table, std::span<const std::string> columns,
                           bool intersectional, const std::string& source,
                           std::span<const size_t> rows = {});

}  // namespace steward::fairness
