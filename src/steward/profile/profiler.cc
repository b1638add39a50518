#include "steward/profile/profiler.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>

#include "steward/profile/internal/batch_partial.h"
#include "steward/profile/internal/profile_plan.h"
#include "steward/profile/internal/unordered_accumulator.h"
#include "steward/sketch/hashing.h"

namespace steward::profile {

using internal::BatchPartial;
using internal::UnorderedAccumulator;

struct Profiler::State {
  Schema schema;
  ProfileOptions options;
  std::string source;
  internal::ProfilePlan plan;

  std::mutex mutex;
  std::vector<std::unique_ptr<UnorderedAccumulator>> accumulators;
  std::vector<UnorderedAccumulator*> idle;
  internal::RowHashBudget row_budget;
  // In-order merging, as in the CSV reader: whoever deposits the next partial merges it and
  // every partial after it that is already waiting.
  std::map<size_t, BatchPartial> waiting;
  size_t next_index = 0;
  bool merging = false;
  BatchPartial merged;
  std::atomic<uint64_t> sample_threshold{std::numeric_limits<uint64_t>::max()};

  UnorderedAccumulator* TakeAccumulator() {
    std::lock_guard lock(mutex);
    if (idle.empty()) {
      accumulators.push_back(
          std::make_unique<UnorderedAccumulator>(schema, plan, options, row_budget));
      return accumulators.back().get();
    }
    UnorderedAccumulator* accumulator = idle.back();
    idle.pop_back();
    return accumulator;
  }

  void Deposit(size_t index, BatchPartial partial) {
    std::unique_lock lock(mutex);
    waiting.emplace(index, std::move(partial));
    if (merging)
      return;
    merging = true;
    while (!waiting.empty() && waiting.begin()->first == next_index) {
      BatchPartial next = std::move(waiting.begin()->second);
      waiting.erase(waiting.begin());
      lock.unlock();
      internal::MergeInOrder(merged, std::move(next), options);
      sample_threshold.store(internal::SampleThreshold(merged.sample, options.sample_rows),
                             std::memory_order_relaxed);
      lock.lock();
      ++next_index;
    }
    merging = false;
  }
};

Result<std::unique_ptr<Profiler>> Profiler::Make(const Schema& schema, ProfileOptions options,
                                                 std::string source, uint64_t expected_rows) {
  auto state = std::make_unique<State>();
  STEWARD_ASSIGN_OR_RETURN(
      state->plan,
      internal::ProfilePlan::Make(schema, options, sketch::HashBytes(source), expected_rows));
  state->schema = schema;
  state->options = std::move(options);
  state->source = std::move(source);
  auto profiler = std::unique_ptr<Profiler>(new Profiler());
  profiler->state_ = std::move(state);
  return profiler;
}

Profiler::~Profiler() = default;

Status Profiler::AddBatch(size_t index, const Table& batch) {
  State& state = *state_;
  if (batch.num_columns() != state.schema.size())
    return Status::InvalidArgument("a batch has a different number of columns than the schema");
  UnorderedAccumulator* accumulator = state.TakeAccumulator();
  accumulator->Add(batch);
  {
    std::lock_guard lock(state.mutex);
    state.idle.push_back(accumulator);
  }
  state.Deposit(
      index, internal::ProfileBatchInOrder(state.plan, state.options, index, batch,
                                           state.sample_threshold.load(std::memory_order_relaxed)));
  return Status::Ok();
}

namespace {

std::string LabelOf(const ColumnKind kind, const std::shared_ptr<const Categories>& categories,
                    size_t code) {
  if (kind == ColumnKind::kBoolean)
    return code ? "true" : "false";
  return (*categories)[code];
}

}  // namespace

Result<Profile> Profiler::Finish() {
  State& state = *state_;
  if (!state.waiting.empty())
    return Status::Internal("profiler finished with batches missing before index " +
                            std::to_string(state.waiting.begin()->first));
  // Into the accumulator holding the most row hashes, so the largest set is not copied.
  if (state.accumulators.empty()) {
    state.accumulators.push_back(std::make_unique<UnorderedAccumulator>(
        state.schema, state.plan, state.options, state.row_budget));
  }
  std::sort(state.accumulators.begin(), state.accumulators.end(), [](const auto& a, const auto& b) {
    return a->row_hashes.size() > b->row_hashes.size();
  });
  UnorderedAccumulator& all = *state.accumulators.front();
  for (size_t i = 1; i < state.accumulators.size(); ++i)
    STEWARD_RETURN_IF_ERROR(all.Merge(*state.accumulators[i]));
  BatchPartial& merged = state.merged;

  Profile profile;
  profile.options = state.options;
  profile.source = state.source;
  profile.rows = all.rows;
  for (size_t c = 0; c < state.schema.size(); ++c) {
    const Field& field = state.schema.field(c);
    ColumnState column{.name = field.name,
                       .kind = field.kind,
                       .count = all.rows,
                       .missing = all.missing[c],
                       .distinct = std::move(all.distinct[c]),
                       .label_counts = {},
                       .numeric = {},
                       .text = {},
                       .timestamp = {}};
    for (size_t code = 0; code < all.label_counts[c].size(); ++code) {
      if (all.label_counts[c][code] > 0)
        column.label_counts[LabelOf(
            field.kind, merged.categories.empty() ? nullptr : merged.categories[c], code)] =
            all.label_counts[c][code];
    }
    if (!merged.numeric.empty()) {
      column.numeric = std::move(merged.numeric[c]);
      column.text = std::move(merged.text[c]);
      column.timestamp = std::move(merged.timestamp[c]);
    }
    if (field.kind == ColumnKind::kNumeric && !column.numeric)
      column.numeric.emplace(NumericState{
          .moments = {},
          .quantiles = sketch::KllSketch(state.options.kll_k, state.options.exact_quantile_limit,
                                         state.options.seed)});
    if (field.kind == ColumnKind::kText && !column.text)
      column.text.emplace(
          TextState{.top = sketch::SpaceSaving(state.options.text_top_capacity), .lengths = {}});
    if (field.kind == ColumnKind::kTimestamp && !column.timestamp)
      column.timestamp.emplace(TimestampState{
          .quantiles = sketch::KllSketch(state.options.kll_k, state.options.exact_quantile_limit,
                                         state.options.seed)});
    profile.columns.push_back(std::move(column));
  }

  profile.duplicates.exact = all.rows_exact;
  profile.duplicates.exact_rows = std::move(all.row_hashes);
  profile.duplicates.rows = std::move(all.row_sketch);
  profile.duplicates.rows_seen = all.rows;

  for (size_t p = 0; p < state.plan.pearson_pairs.size() && !merged.pearson.empty(); ++p)
    profile.pearson[state.plan.pearson_pairs[p]] = merged.pearson[p];
  const size_t stride = state.options.cramers_max_categories;
  for (size_t p = 0; p < state.plan.contingency_pairs.size(); ++p) {
    const auto& counts = all.contingency[p];
    if (counts.too_many_categories)
      continue;
    const auto [a, b] = state.plan.contingency_pairs[p];
    Contingency& table = profile.contingency[{a, b}];
    for (size_t cell = 0; cell < counts.cells.size(); ++cell) {
      if (counts.cells[cell] == 0)
        continue;
      const auto category = [&](size_t column, size_t code) {
        return LabelOf(state.schema.field(column).kind, merged.categories[column], code);
      };
      table.counts[{category(a, cell / stride), category(b, cell % stride)}] = counts.cells[cell];
    }
  }
  if (state.plan.target && state.plan.target_has_labels) {
    const size_t target = *state.plan.target;
    for (size_t f = 0; f < merged.by_class.size(); ++f) {
      for (size_t code = 0; code < merged.by_class[f].size(); ++code) {
        if (merged.by_class[f][code]) {
          profile.by_target_class[state.plan.numeric_columns[f]].emplace(
              LabelOf(state.schema.field(target).kind, merged.categories[target], code),
              std::move(*merged.by_class[f][code]));
        }
      }
    }
  }
  profile.sample = std::move(merged.sample);
  return profile;
}

Result<Profile> ProfileBatches(io::BatchReader& reader, ProfileOptions options,
                               std::string source) {
  STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<Profiler> profiler,
                           Profiler::Make(reader.schema(), std::move(options), std::move(source),
                                          reader.expected_rows()));
  STEWARD_RETURN_IF_ERROR(reader.ForEachBatch(
      [&](size_t index, Table batch) { return profiler->AddBatch(index, batch); }));
  return profiler->Finish();
}

}  // namespace steward::profile
