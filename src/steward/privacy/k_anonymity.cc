#include "steward/privacy/k_anonymity.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "steward/privacy/characters.h"

namespace steward::privacy {
namespace {

std::string ValueText(const Column& column, size_t row) {
  if (column.IsMissing(row))
    return {};
  if (column.kind() == ColumnKind::kText)
    return std::string(column.text().at(row));
  return column.ValueToString(row);
}

bool ParseNumber(const std::string& text, double& value) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  const bool leading_zero = text.size() > 1 && text[0] == '0' && text[1] != '.';
  return ec == std::errc() && ptr == end && std::isfinite(value) && !leading_zero;
}

// A quasi-identifier's distinct values and, per generalisation level, each value's label.
struct Hierarchy {
  std::string column;
  std::vector<uint32_t> row_value;            // distinct value index per row
  std::vector<std::vector<uint32_t>> labels;  // [level][value] -> label id
  std::vector<std::string> descriptions;      // per level
};

Hierarchy BuildHierarchy(const Table& table, size_t column_idx) {
  const Column& column = table.column(column_idx);
  Hierarchy hierarchy;
  hierarchy.column = table.name(column_idx);
  std::unordered_map<std::string, uint32_t> index;
  std::vector<std::string> distinct;
  hierarchy.row_value.reserve(column.size());
  for (size_t row = 0; row < column.size(); ++row) {
    std::string text = ValueText(column, row);
    auto [it, inserted] = index.try_emplace(text, static_cast<uint32_t>(distinct.size()));
    if (inserted)
      distinct.push_back(std::move(text));
    hierarchy.row_value.push_back(it->second);
  }
  std::vector<size_t> level_sizes;
  // Labels are interned per level so a level's groups compare as integers.
  // A missing value is a group of its own at every level but the last: suppression hides
  // whether a value was there at all.
  auto add_level = [&](const std::string& description, auto label_of, bool suppress = false) {
    std::unordered_map<std::string, uint32_t> ids;
    std::vector<uint32_t> labels(distinct.size());
    for (size_t i = 0; i < distinct.size(); ++i) {
      const std::string label =
          distinct[i].empty() && !suppress ? std::string("\x01missing") : label_of(distinct[i]);
      labels[i] = ids.try_emplace(label, static_cast<uint32_t>(ids.size())).first->second;
    }
    // A level that merges nothing over the one before (bins of 0.1 over whole ages) only adds
    // loss: skip it.
    if (!level_sizes.empty() && level_sizes.back() == ids.size())
      return ids.size();
    level_sizes.push_back(ids.size());
    hierarchy.labels.push_back(std::move(labels));
    hierarchy.descriptions.push_back(description);
    return ids.size();
  };
  add_level("as written", [](const std::string& value) { return value; });

  bool numeric = true;
  double low = std::numeric_limits<double>::infinity();
  double high = -low;
  for (const std::string& value : distinct) {
    double number = 0;
    if (value.empty())
      continue;
    if (!ParseNumber(value, number)) {
      numeric = false;
      break;
    }
    low = std::min(low, number);
    high = std::max(high, number);
  }
  if (numeric && low <= high) {
    const double range = std::max(high - low, 1e-12);
    // Widths 1 and 2 times powers of ten, from a hundredth of the range's magnitude: each
    // width divides the next, so every level merges whole groups of the level before.
    double unit = std::pow(10.0, std::floor(std::log10(range)) - 2);
    for (int step = 0;; ++step) {
      const double width = unit * (step % 2 == 0 ? 1 : 2);
      if (step % 2 == 1)
        unit *= 10;
      const size_t groups =
          add_level("bins of " + NumberLabel(width), [width](const std::string& value) {
            double number = 0;
            ParseNumber(value, number);
            return NumberLabel(std::floor(number / width) * width);
          });
      if (groups <= 1 || width > range)
        break;
    }
  } else {
    size_t longest = 0;
    for (const std::string& value : distinct)
      longest = std::max(longest, value.size());
    for (size_t keep = longest; keep-- > 1;) {
      add_level("first " + std::to_string(keep) + " characters",
                [keep](const std::string& value) { return value.substr(0, keep); });
    }
  }
  add_level(
      "suppressed", [](const std::string&) { return std::string("*"); }, true);
  return hierarchy;
}

struct GroupStats {
  uint64_t k = 0;
  uint64_t groups = 0;
  uint64_t below = 0;
};

GroupStats Evaluate(const std::vector<Hierarchy>& hierarchies, const std::vector<size_t>& levels,
                    size_t rows, uint64_t k, std::vector<uint64_t>* group_of_row) {
  std::unordered_map<std::string, uint64_t> groups;
  std::vector<std::string> keys(rows);
  for (size_t row = 0; row < rows; ++row) {
    std::string& key = keys[row];
    for (size_t q = 0; q < hierarchies.size(); ++q) {
      const uint32_t label = hierarchies[q].labels[levels[q]][hierarchies[q].row_value[row]];
      key.append(reinterpret_cast<const char*>(&label), sizeof label);
    }
    ++groups[key];
  }
  GroupStats stats;
  stats.groups = groups.size();
  stats.k = std::numeric_limits<uint64_t>::max();
  for (const auto& [key, size] : groups) {
    stats.k = std::min(stats.k, size);
    if (size < k)
      stats.below += size;
  }
  if (groups.empty())
    stats.k = 0;
  if (group_of_row != nullptr) {
    std::unordered_map<std::string, uint64_t> ids;
    for (size_t row = 0; row < rows; ++row)
      group_of_row->push_back(ids.try_emplace(keys[row], ids.size()).first->second);
  }
  return stats;
}

}  // namespace

Result<KAnonymityReport> MeasureKAnonymity(const Table& table, const KAnonymityOptions& options) {
  if (options.quasi_identifiers.empty())
    return Status::InvalidArgument("k-anonymity needs at least one quasi-identifier (--quasi)");
  if (options.k == 0)
    return Status::InvalidArgument("--k must be at least 1");
  std::vector<Hierarchy> hierarchies;
  for (const std::string& name : options.quasi_identifiers) {
    STEWARD_ASSIGN_OR_RETURN(size_t index, table.schema().Require(name));
    hierarchies.push_back(BuildHierarchy(table, index));
  }
  KAnonymityReport report;
  report.rows = table.num_rows();
  report.k_asked = options.k;
  std::vector<size_t> levels(hierarchies.size(), 0);
  std::vector<uint64_t> group_of_row;
  const GroupStats current =
      Evaluate(hierarchies, levels, table.num_rows(), options.k, &group_of_row);
  report.k_achieved = current.k;
  report.groups = current.groups;
  report.records_below_k = current.below;
  report.share_below_k =
      report.rows == 0 ? 0 : static_cast<double>(current.below) / static_cast<double>(report.rows);
  if (!options.sensitive.empty()) {
    STEWARD_ASSIGN_OR_RETURN(size_t sensitive, table.schema().Require(options.sensitive));
    std::vector<std::unordered_set<std::string>> distinct(current.groups);
    for (size_t row = 0; row < table.num_rows(); ++row)
      distinct[group_of_row[row]].insert(ValueText(table.column(sensitive), row));
    uint64_t l = std::numeric_limits<uint64_t>::max();
    for (const auto& values : distinct)
      l = std::min<uint64_t>(l, values.size());
    report.l_diversity = distinct.empty() ? 0 : l;
  }

  // Every level vector, cheapest first: the loss of a vector is the mean of level / max level.
  std::vector<std::vector<size_t>> candidates{{}};
  uint64_t space = 1;
  for (const Hierarchy& hierarchy : hierarchies) {
    space *= hierarchy.labels.size();
    if (space > options.max_candidates)
      break;
  }
  if (space <= options.max_candidates) {
    for (const Hierarchy& hierarchy : hierarchies) {
      std::vector<std::vector<size_t>> next;
      for (const std::vector<size_t>& prefix : candidates) {
        for (size_t level = 0; level < hierarchy.labels.size(); ++level) {
          next.push_back(prefix);
          next.back().push_back(level);
        }
      }
      candidates = std::move(next);
    }
    auto loss = [&](const std::vector<size_t>& vector) {
      double total = 0;
      for (size_t q = 0; q < vector.size(); ++q)
        total +=
            static_cast<double>(vector[q]) / static_cast<double>(hierarchies[q].labels.size() - 1);
      return total;
    };
    std::stable_sort(candidates.begin(), candidates.end(),
                     [&](const auto& a, const auto& b) { return loss(a) < loss(b); });
    for (const std::vector<size_t>& candidate : candidates) {
      ++report.candidates_tried;
      const GroupStats stats =
          Evaluate(hierarchies, candidate, table.num_rows(), options.k, nullptr);
      if (stats.k < options.k)
        continue;
      KAnonymitySolution solution;
      solution.k_achieved = stats.k;
      solution.groups = stats.groups;
      for (size_t q = 0; q < hierarchies.size(); ++q) {
        solution.columns.push_back({hierarchies[q].column, candidate[q],
                                    hierarchies[q].labels.size() - 1,
                                    hierarchies[q].descriptions[candidate[q]]});
      }
      report.solution = std::move(solution);
      break;
    }
  }
  return report;
}

nlohmann::json KAnonymityReportToJson(const KAnonymityReport& report) {
  nlohmann::json json = {{"rows", report.rows},
                         {"k_asked", report.k_asked},
                         {"k_achieved", report.k_achieved},
                         {"groups", report.groups},
                         {"records_below_k", report.records_below_k},
                         {"share_below_k", report.share_below_k},
                         {"candidates_tried", report.candidates_tried}};
  json["l_diversity"] = report.l_diversity ? nlohmann::json(*report.l_diversity) : nlohmann::json();
  if (report.solution) {
    nlohmann::json columns = nlohmann::json::array();
    for (const ColumnGeneralization& column : report.solution->columns)
      columns.push_back({{"column", column.column},
                         {"level", column.level},
                         {"max_level", column.max_level},
                         {"generalization", column.description}});
    json["solution"] = {{"k_achieved", report.solution->k_achieved},
                        {"groups", report.solution->groups},
                        {"columns", columns}};
  } else {
    json["solution"] = nullptr;
  }
  return json;
}

}  // namespace steward::privacy
