// KllSketch's JSON form; kll_sketch.cc holds the algorithm.
#include <algorithm>
#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "steward/sketch/internal/kll_capacity.h"
#include "steward/sketch/json_fields.h"
#include "steward/sketch/kll_sketch.h"

namespace steward::sketch {
namespace {

nlohmann::json EncodeValues(const std::vector<double>& values) {
  nlohmann::json array = nlohmann::json::array();
  array.get_ref<nlohmann::json::array_t&>().reserve(values.size());
  for (double x : values)
    array.push_back(EncodeDouble(x));
  return array;
}

// Decodes array field `name` (or its element `level`) into `out`, checking each value lies in
// [lo, hi] and, if `sorted`, that the values ascend.
Status DecodeValues(const JsonFields& fields, const nlohmann::json& array, const std::string& name,
                    double lo, double hi, bool sorted, std::vector<double>* out) {
  out->reserve(array.size());
  for (size_t i = 0; i < array.size(); ++i) {
    STEWARD_ASSIGN_OR_RETURN(double x, fields.ElementDouble(array[i], name, i));
    if (x < lo || x > hi)
      return fields.Error(name, "element " + std::to_string(i) + " lies outside [min, max]");
    if (sorted && !out->empty() && x < out->back())
      return fields.Error(name, "is not sorted at element " + std::to_string(i));
    out->push_back(x);
  }
  return Status::Ok();
}

}  // namespace

nlohmann::json KllSketch::ToJson() const {
  nlohmann::json json = {{"type", "kll_sketch"},      {"k", k_},
                         {"min_k", min_k_},           {"exact_limit", exact_limit_},
                         {"count", count_},           {"min", EncodeDouble(min_)},
                         {"max", EncodeDouble(max_)}, {"rng_state", rng_.state()}};
  if (exact_) {
    json["values"] = EncodeValues(raw_);
    return json;
  }
  nlohmann::json levels = nlohmann::json::array();
  for (const auto& level : levels_)
    levels.push_back(EncodeValues(level));
  json["levels"] = std::move(levels);
  return json;
}

Result<KllSketch> KllSketch::FromJson(const nlohmann::json& json) {
  STEWARD_ASSIGN_OR_RETURN(auto fields, JsonFields::Open(json, "kll_sketch", "KllSketch"));
  STEWARD_ASSIGN_OR_RETURN(uint64_t k, fields.Uint64("k", kMinK, kMaxK));
  STEWARD_ASSIGN_OR_RETURN(uint64_t min_k, fields.Uint64("min_k", kMinK, k));
  STEWARD_ASSIGN_OR_RETURN(uint64_t exact_limit, fields.Uint64("exact_limit"));
  STEWARD_ASSIGN_OR_RETURN(uint64_t count, fields.Uint64("count"));
  STEWARD_ASSIGN_OR_RETURN(double min, fields.Double("min"));
  STEWARD_ASSIGN_OR_RETURN(double max, fields.Double("max"));
  STEWARD_ASSIGN_OR_RETURN(uint64_t rng_state, fields.Uint64("rng_state"));
  if (std::isnan(min) || std::isnan(max))
    return fields.Error(std::isnan(min) ? "min" : "max", "must not be NaN");
  if (count == 0 && (min != kInf || max != -kInf))
    return fields.Error("min", "must be \"inf\" and 'max' \"-inf\" when count is 0");
  if (count > 0 && min > max)
    return fields.Error("min", "is greater than 'max'");

  KllSketch sketch(static_cast<uint32_t>(k), exact_limit, 0);
  sketch.min_k_ = static_cast<uint32_t>(min_k);
  sketch.rng_ = internal::SplitMix64(rng_state);
  sketch.count_ = count;
  sketch.min_ = min;
  sketch.max_ = max;
  const bool has_levels = json.contains("levels");
  if (has_levels == json.contains("values"))
    return fields.Error("values", "or 'levels' must be present, not both");

  if (!has_levels) {
    STEWARD_ASSIGN_OR_RETURN(const nlohmann::json* values, fields.Array("values"));
    if (values->size() > exact_limit)
      return fields.Error("values", "holds more than exact_limit values");
    if (values->size() != count)
      return fields.Error("values", "holds " + std::to_string(values->size()) +
                                        " values but count is " + std::to_string(count));
    STEWARD_RETURN_IF_ERROR(DecodeValues(fields, *values, "values", min, max, false, &sketch.raw_));
    if (count > 0 && (*std::min_element(sketch.raw_.begin(), sketch.raw_.end()) != min ||
                      *std::max_element(sketch.raw_.begin(), sketch.raw_.end()) != max))
      return fields.Error("min", "and 'max' must be the smallest and largest of 'values'");
    return sketch;
  }

  STEWARD_ASSIGN_OR_RETURN(const nlohmann::json* levels, fields.Array("levels"));
  if (levels->empty() || levels->size() > internal::kKllMaxLevels)
    return fields.Error("levels", "must hold 1 to " + std::to_string(internal::kKllMaxLevels) +
                                      " levels, got " + std::to_string(levels->size()));
  // Sizes first: they bound what decoding allocates and must fit the sketch's capacity.
  uint64_t retained = 0;
  for (size_t level = 0; level < levels->size(); ++level) {
    if (!(*levels)[level].is_array())
      return fields.Error("levels", "element " + std::to_string(level) + " must be an array");
    retained += (*levels)[level].size();
  }
  const uint64_t capacity = internal::KllTotalCapacity(sketch.k_, levels->size());
  if (retained > capacity)
    return fields.Error("levels", "hold " + std::to_string(retained) +
                                      " items, more than the capacity " + std::to_string(capacity) +
                                      " of " + std::to_string(levels->size()) + " levels");
  sketch.exact_ = false;
  sketch.InitCapacities();
  sketch.levels_.resize(levels->size());
  uint64_t weight_total = 0;
  bool overflow = false;
  for (size_t level = 0; level < levels->size(); ++level) {
    const std::string name = "levels[" + std::to_string(level) + "]";
    STEWARD_RETURN_IF_ERROR(
        DecodeValues(fields, (*levels)[level], name, min, max, level > 0, &sketch.levels_[level]));
    uint64_t level_weight = 0;
    overflow |= __builtin_mul_overflow(uint64_t{sketch.levels_[level].size()}, uint64_t{1} << level,
                                       &level_weight);
    overflow |= __builtin_add_overflow(weight_total, level_weight, &weight_total);
  }
  if (overflow || weight_total != count)
    return fields.Error("levels", "weigh " +
                                      (overflow ? "more than 2^64" : std::to_string(weight_total)) +
                                      " in total (items of level h weigh 2^h), but count is " +
                                      std::to_string(count));
  sketch.ResetCapacity();
  return sketch;
}

}  // namespace steward::sketch
