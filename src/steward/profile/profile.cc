#include "steward/profile/profile.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "steward/profile/internal/batch_partial.h"

namespace steward::profile {

void PairMoments::Merge(const PairMoments& other) {
  if (other.count == 0)
    return;
  if (count == 0) {
    *this = other;
    return;
  }
  // Chan et al.'s pairwise update of means and (co-)moments.
  const double n_a = static_cast<double>(count);
  const double n_b = static_cast<double>(other.count);
  const double n = n_a + n_b;
  const double delta_x = other.mean_x - mean_x;
  const double delta_y = other.mean_y - mean_y;
  m2_x += other.m2_x + delta_x * delta_x * n_a * n_b / n;
  m2_y += other.m2_y + delta_y * delta_y * n_a * n_b / n;
  c_xy += other.c_xy + delta_x * delta_y * n_a * n_b / n;
  mean_x += delta_x * n_b / n;
  mean_y += delta_y * n_b / n;
  count += other.count;
}

ColumnState::DistinctValues ColumnState::Distinct() const {
  if (kind == ColumnKind::kCategorical || kind == ColumnKind::kBoolean)
    return {static_cast<double>(label_counts.size()), true};
  return {std::round(distinct.Estimate()), distinct.is_exact()};
}

DuplicateState::Duplicates DuplicateState::Count() const {
  if (exact)
    return {rows_seen - std::min<uint64_t>(rows_seen, exact_rows.size()), true};
  if (recorded_duplicates)
    return {*recorded_duplicates, true};
  const double distinct = std::round(rows.Estimate());
  return {
      distinct >= static_cast<double>(rows_seen) ? 0 : rows_seen - static_cast<uint64_t>(distinct),
      false};
}

double PairMoments::Correlation() const {
  if (count < 2 || m2_x <= 0 || m2_y <= 0)
    return std::numeric_limits<double>::quiet_NaN();
  const double r = c_xy / std::sqrt(m2_x * m2_y);
  return std::clamp(r, -1.0, 1.0);
}

std::optional<size_t> Profile::FindColumn(std::string_view name) const {
  for (size_t c = 0; c < columns.size(); ++c) {
    if (columns[c].name == name)
      return c;
  }
  return std::nullopt;
}

namespace {

Status MergeColumn(ColumnState& into, const ColumnState& other) {
  into.count += other.count;
  into.missing += other.missing;
  STEWARD_RETURN_IF_ERROR(into.distinct.Merge(other.distinct));
  for (const auto& [label, count] : other.label_counts)
    into.label_counts[label] += count;
  if (into.numeric && other.numeric) {
    NumericState& a = *into.numeric;
    const NumericState& b = *other.numeric;
    a.moments.Merge(b.moments);
    a.quantiles.Merge(b.quantiles);
    a.zeros += b.zeros;
    a.negatives += b.negatives;
    a.positive_infinities += b.positive_infinities;
    a.negative_infinities += b.negative_infinities;
    a.non_integers += b.non_integers;
  }
  if (into.text && other.text) {
    into.text->top.Merge(other.text->top);
    into.text->lengths.Merge(other.text->lengths);
  }
  if (into.timestamp && other.timestamp)
    into.timestamp->quantiles.Merge(other.timestamp->quantiles);
  return Status::Ok();
}

}  // namespace

Status MergeProfiles(Profile& into, const Profile& other) {
  if (into.columns.size() != other.columns.size()) {
    return Status::InvalidArgument("the profiles have different columns (" +
                                   std::to_string(into.columns.size()) + " and " +
                                   std::to_string(other.columns.size()) + ")");
  }
  for (size_t c = 0; c < into.columns.size(); ++c) {
    const ColumnState& a = into.columns[c];
    const ColumnState& b = other.columns[c];
    if (a.name != b.name || a.kind != b.kind) {
      return Status::InvalidArgument("the profiles differ in column " + std::to_string(c + 1) +
                                     ": '" + a.name + "' (" + std::string(ColumnKindName(a.kind)) +
                                     ") and '" + b.name + "' (" +
                                     std::string(ColumnKindName(b.kind)) + ")");
    }
  }
  const ProfileOptions& x = into.options;
  const ProfileOptions& y = other.options;
  if (x.kll_k != y.kll_k || x.hll_precision != y.hll_precision || x.seed != y.seed ||
      x.target != y.target) {
    return Status::InvalidArgument(
        "the profiles were made with different settings (quantile sketch size, distinct-count "
        "precision, seed or target); profile the parts with the same options");
  }
  for (size_t c = 0; c < into.columns.size(); ++c)
    STEWARD_RETURN_IF_ERROR(MergeColumn(into.columns[c], other.columns[c]));
  into.rows += other.rows;
  if (into.source != other.source)
    into.source += " + " + other.source;

  DuplicateState& dup = into.duplicates;
  const DuplicateState& their = other.duplicates;
  STEWARD_RETURN_IF_ERROR(dup.rows.Merge(their.rows));
  dup.rows_seen += their.rows_seen;
  if (dup.exact && their.exact) {
    dup.exact_rows.Reserve(dup.exact_rows.size() + their.exact_rows.size());
    their.exact_rows.ForEach([&](uint64_t hash) { dup.exact_rows.Insert(hash); });
    dup.exact = dup.exact_rows.size() <= x.duplicate_exact_limit;
  } else {
    dup.exact = false;
  }
  if (!dup.exact)
    dup.exact_rows = sketch::HashSet64();
  dup.recorded_duplicates.reset();

  for (const auto& [key, pair] : other.pearson)
    into.pearson[key].Merge(pair);
  // A pair one part left out (too many categories) cannot be counted for the whole.
  std::erase_if(into.contingency,
                [&](const auto& entry) { return !other.contingency.contains(entry.first); });
  for (auto& [key, table] : into.contingency) {
    for (const auto& [labels, count] : other.contingency.at(key).counts)
      table.counts[labels] += count;
  }
  for (const auto& [column, classes] : other.by_target_class) {
    for (const auto& [label, sketch] : classes) {
      auto [it, inserted] = into.by_target_class[column].emplace(label, sketch);
      if (!inserted)
        it->second.Merge(sketch);
    }
  }
  internal::MergeSamples(into.sample, other.sample, x.sample_rows);
  return Status::Ok();
}

}  // namespace steward::profile
