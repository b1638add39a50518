#include "steward/fairness/grouping.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace steward::fairness {
namespace {

// One column's values as small codes, numbered in the order of their names.
struct ColumnGroups {
  std::vector<uint32_t> code_of_row;
  std::vector<std::string> names;
};

// Renumbers `names` (code -> name) so that codes follow the names' order.
void SortByName(ColumnGroups& groups) {
  std::vector<uint32_t> order(groups.names.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return groups.names[a] < groups.names[b]; });
  std::vector<uint32_t> renumbered(order.size());
  std::vector<std::string> names(order.size());
  for (uint32_t rank = 0; rank < order.size(); ++rank) {
    renumbered[order[rank]] = rank;
    names[rank] = std::move(groups.names[order[rank]]);
  }
  for (uint32_t& code : groups.code_of_row)
    code = renumbered[code];
  groups.names = std::move(names);
}

// `rows`: the rows to group, in order, or empty for all.
ColumnGroups GroupColumn(const Column& column, std::span<const size_t> rows) {
  ColumnGroups groups;
  const size_t count = rows.empty() ? column.size() : rows.size();
  groups.code_of_row.resize(count);
  if (column.kind() == ColumnKind::kCategorical) {
    // Codes are already small; only the ones that occur (and missing) become groups.
    const std::span<const int32_t> codes = column.codes();
    std::vector<uint32_t> group_of_code(column.categories().size() + 1, UINT32_MAX);
    for (size_t i = 0; i < count; ++i) {
      const size_t row = rows.empty() ? i : rows[i];
      uint32_t& group = group_of_code[static_cast<size_t>(codes[row] + 1)];
      if (group == UINT32_MAX) {
        group = static_cast<uint32_t>(groups.names.size());
        groups.names.emplace_back(codes[row] == kMissingCode
                                      ? std::string(kMissingGroupName)
                                      : column.categories()[static_cast<size_t>(codes[row])]);
      }
      groups.code_of_row[i] = group;
    }
  } else {
    std::unordered_map<std::string, uint32_t> group_of_value;
    for (size_t i = 0; i < count; ++i) {
      const size_t row = rows.empty() ? i : rows[i];
      std::string value =
          column.IsMissing(row) ? std::string(kMissingGroupName) : column.ValueToString(row);
      auto [it, inserted] =
          group_of_value.try_emplace(std::move(value), static_cast<uint32_t>(groups.names.size()));
      if (inserted)
        groups.names.push_back(it->first);
      groups.code_of_row[i] = it->second;
    }
  }
  SortByName(groups);
  return groups;
}

std::string Join(std::span<const std::string> parts) {
  std::string joined;
  for (const std::string& part : parts) {
    if (!joined.empty() || &part != parts.data())
      joined += '|';
    joined += part;
  }
  return joined;
}

Status TooManyGroups(const std::string& source, std::span<const std::string> columns) {
  return Status::InvalidArgument(
      source + ": the sensitive columns " + Join(columns) + " split the rows into more than " +
      std::to_string(kMaxCombinedGroups) +
      " groups; a sensitive column should hold a few categories (bin numbers such as age first)");
}

}  // namespace

Result<Grouping> GroupRows(const Table& table, std::span<const std::string> columns,
                           bool intersectional, const std::string& source,
                           std::span<const size_t> rows) {
  if (columns.empty())
    return Status::InvalidArgument(source + ": no sensitive column given");
  std::vector<ColumnGroups> per_column;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (std::find(columns.begin(), columns.begin() + static_cast<ptrdiff_t>(i), columns[i]) !=
        columns.begin() + static_cast<ptrdiff_t>(i)) {
      return Status::InvalidArgument(source + ": sensitive column '" + columns[i] +
                                     "' is listed twice");
    }
    const std::optional<size_t> index = table.schema().Find(columns[i]);
    if (!index) {
      return Status::InvalidArgument(source + ": sensitive column '" + columns[i] +
                                     "' is not in the data");
    }
    per_column.push_back(GroupColumn(table.column(*index), rows));
    if (per_column.back().names.size() > kMaxCombinedGroups)
      return TooManyGroups(source, columns.subspan(i, 1));
  }

  // Combined groups are built one column at a time, renumbering densely after each, so keys
  // stay below kMaxCombinedGroups squared.
  const size_t count = rows.empty() ? table.num_rows() : rows.size();
  Grouping grouping;
  grouping.combined_of_row.assign(count, 0);
  std::vector<std::vector<uint32_t>> codes_of_combined{{}};  // combined group -> code per column
  for (const ColumnGroups& groups : per_column) {
    const uint64_t radix = groups.names.size();
    // Keys are below kMaxCombinedGroups squared (10^8): a table indexed by key when that is
    // small, as it nearly always is, else a hash map.
    const uint64_t keys = codes_of_combined.size() * radix;
    constexpr uint64_t kMaxDirectKeys = uint64_t{1} << 20;
    std::vector<uint32_t> combined_of_small_key(keys <= kMaxDirectKeys ? keys : 0, UINT32_MAX);
    std::unordered_map<uint64_t, uint32_t> combined_of_key;
    std::vector<std::vector<uint32_t>> next_codes;
    for (size_t row = 0; row < count; ++row) {
      const uint32_t previous = grouping.combined_of_row[row];
      const uint64_t key = previous * radix + groups.code_of_row[row];
      uint32_t* combined = nullptr;
      if (!combined_of_small_key.empty()) {
        combined = &combined_of_small_key[key];
      } else {
        combined = &combined_of_key.try_emplace(key, UINT32_MAX).first->second;
      }
      if (*combined == UINT32_MAX) {
        if (next_codes.size() == kMaxCombinedGroups)
          return TooManyGroups(source, columns);
        *combined = static_cast<uint32_t>(next_codes.size());
        next_codes.push_back(codes_of_combined[previous]);
        next_codes.back().push_back(groups.code_of_row[row]);
      }
      grouping.combined_of_row[row] = *combined;
    }
    codes_of_combined = std::move(next_codes);
  }
  grouping.combined_groups = count == 0 ? 0 : codes_of_combined.size();
  std::vector<std::vector<uint32_t>> code_of_combined(
      per_column.size(), std::vector<uint32_t>(grouping.combined_groups));
  for (size_t combined = 0; combined < grouping.combined_groups; ++combined) {
    for (size_t c = 0; c < per_column.size(); ++c)
      code_of_combined[c][combined] = codes_of_combined[combined][c];
  }
  for (size_t c = 0; c < per_column.size(); ++c) {
    Attribute attribute{columns[c], {columns[c]}, per_column[c].names, code_of_combined[c]};
    grouping.attributes.push_back(std::move(attribute));
  }
  if (intersectional && columns.size() > 1) {
    Attribute attribute{Join(columns), {columns.begin(), columns.end()}, {}, {}};
    ColumnGroups combined{std::vector<uint32_t>(grouping.combined_groups), {}};
    for (size_t group = 0; group < grouping.combined_groups; ++group) {
      std::vector<std::string> parts;
      for (size_t c = 0; c < per_column.size(); ++c)
        parts.push_back(per_column[c].names[code_of_combined[c][group]]);
      combined.names.push_back(Join(parts));
      combined.code_of_row[group] = static_cast<uint32_t>(group);
    }
    SortByName(combined);
    attribute.groups = std::move(combined.names);
    attribute.group_of_combined = std::move(combined.code_of_row);
    grouping.attributes.push_back(std::move(attribute));
  }
  return grouping;
}

}  // namespace steward::fairness
