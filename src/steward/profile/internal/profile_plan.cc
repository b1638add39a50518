#include "steward/profile/internal/profile_plan.h"

#include "steward/sketch/hashing.h"

namespace steward::profile::internal {

Result<ProfilePlan> ProfilePlan::Make(const Schema& schema, const ProfileOptions& options,
                                      uint64_t sample_salt, uint64_t expected_rows) {
  ProfilePlan plan;
  plan.sample_salt = sample_salt;
  const bool surely_sketched = expected_rows / 2 > options.exact_quantile_limit;
  plan.batch_exact_quantile_limit = surely_sketched ? 0 : options.exact_quantile_limit;
  if (options.target) {
    STEWARD_ASSIGN_OR_RETURN(plan.target, schema.Require(*options.target));
    const ColumnKind kind = schema.field(*plan.target).kind;
    if (kind == ColumnKind::kText || kind == ColumnKind::kTimestamp) {
      return Status::InvalidArgument("the target '" + *options.target + "' is a " +
                                     std::string(ColumnKindName(kind)) +
                                     " column; a target must be numeric, categorical or boolean");
    }
    plan.target_has_labels = kind != ColumnKind::kNumeric;
  }
  for (size_t c = 0; c < schema.size(); ++c) {
    const ColumnKind kind = schema.field(c).kind;
    if (kind == ColumnKind::kNumeric)
      plan.numeric_columns.push_back(c);
    if (kind == ColumnKind::kCategorical || kind == ColumnKind::kBoolean)
      plan.label_columns.push_back(c);
  }
  for (size_t i = 0; i < plan.numeric_columns.size(); ++i) {
    for (size_t j = i + 1; j < plan.numeric_columns.size(); ++j)
      plan.pearson_pairs.emplace_back(plan.numeric_columns[i], plan.numeric_columns[j]);
  }
  for (size_t i = 0; i < plan.label_columns.size(); ++i) {
    for (size_t j = i + 1; j < plan.label_columns.size(); ++j)
      plan.contingency_pairs.emplace_back(plan.label_columns[i], plan.label_columns[j]);
  }
  return plan;
}

uint64_t SampleKey(uint64_t seed, uint64_t salt, size_t batch_index, size_t row) {
  return SampleKeyOf(SampleKeyBase(seed, salt), batch_index, row);
}

}  // namespace steward::profile::internal
