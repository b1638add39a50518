#include "steward/profile/profile_json.h"

#include "steward/io/atomic_file.h"
#include "steward/profile/summary.h"
#include "steward/sketch/json_fields.h"

namespace steward::profile {
namespace {

using nlohmann::json;
using sketch::DecodeDouble;
using sketch::DecodeUint64;
using sketch::EncodeDouble;

// Duplicate-row hashes are written only up to this many, so a profile file stays small; a
// merge with a larger one estimates its duplicates.
constexpr size_t kMaxWrittenRowHashes = 10'000;

Status Bad(std::string_view where, std::string_view what) {
  return Status::InvalidArgument("profile JSON: " + std::string(where) + ": " + std::string(what));
}

Result<const json*> Member(const json& object, std::string_view key, std::string_view where) {
  if (!object.is_object())
    return Bad(where, "must be an object");
  auto it = object.find(key);
  if (it == object.end())
    return Bad(where, "field '" + std::string(key) + "' is missing");
  return &*it;
}

Result<uint64_t> Count(const json& object, std::string_view key, std::string_view where) {
  STEWARD_ASSIGN_OR_RETURN(const json* value, Member(object, key, where));
  uint64_t out = 0;
  if (!DecodeUint64(*value, &out))
    return Bad(where, "field '" + std::string(key) + "' must be an unsigned integer");
  return out;
}

Result<double> Number(const json& object, std::string_view key, std::string_view where) {
  STEWARD_ASSIGN_OR_RETURN(const json* value, Member(object, key, where));
  double out = 0;
  if (!DecodeDouble(*value, &out))
    return Bad(where, "field '" + std::string(key) + "' must be a number");
  return out;
}

Result<std::string> Text(const json& object, std::string_view key, std::string_view where) {
  STEWARD_ASSIGN_OR_RETURN(const json* value, Member(object, key, where));
  if (!value->is_string())
    return Bad(where, "field '" + std::string(key) + "' must be a string");
  return value->get<std::string>();
}

Result<const json*> List(const json& object, std::string_view key, std::string_view where) {
  STEWARD_ASSIGN_OR_RETURN(const json* value, Member(object, key, where));
  if (!value->is_array())
    return Bad(where, "field '" + std::string(key) + "' must be an array");
  return value;
}

template <typename Sketch>
Result<Sketch> ReadSketch(const json& object, std::string_view key, std::string_view where) {
  STEWARD_ASSIGN_OR_RETURN(const json* value, Member(object, key, where));
  Result<Sketch> sketch = Sketch::FromJson(*value);
  if (!sketch.ok())
    return Bad(std::string(where) + "." + std::string(key), sketch.status().message());
  return sketch;
}

json OptionsToJson(const ProfileOptions& options) {
  const AlertThresholds& alerts = options.alerts;
  return {{"target", options.target ? json(*options.target) : json(nullptr)},
          {"quantiles", options.quantiles},
          {"kll_k", options.kll_k},
          {"exact_quantile_limit", options.exact_quantile_limit},
          {"distinct_exact_limit", options.distinct_exact_limit},
          {"hll_precision", options.hll_precision},
          {"duplicate_exact_limit", options.duplicate_exact_limit},
          {"top_k", options.top_k},
          {"text_top_capacity", options.text_top_capacity},
          {"histogram_bins", options.histogram_bins},
          {"sample_rows", options.sample_rows},
          {"seed", options.seed},
          {"cramers_max_categories", options.cramers_max_categories},
          {"target_max_classes", options.target_max_classes},
          {"alerts",
           {{"high_cardinality", alerts.high_cardinality},
            {"skewness", alerts.skewness},
            {"low_categorical", alerts.low_categorical},
            {"correlation", alerts.correlation},
            {"missing_rate", alerts.missing_rate},
            {"zeros_rate", alerts.zeros_rate},
            {"id_like_distinct_rate", alerts.id_like_distinct_rate},
            {"imbalance_minority", alerts.imbalance_minority},
            {"leak_score", alerts.leak_score}}}};
}

Result<ProfileOptions> OptionsFromJson(const json& object) {
  constexpr std::string_view where = "state.options";
  ProfileOptions options;
  STEWARD_ASSIGN_OR_RETURN(const json* target, Member(object, "target", where));
  if (target->is_string())
    options.target = target->get<std::string>();
  else if (!target->is_null())
    return Bad(where, "field 'target' must be a string or null");
  STEWARD_ASSIGN_OR_RETURN(const json* quantiles, List(object, "quantiles", where));
  options.quantiles.clear();
  for (const json& q : *quantiles) {
    double value = 0;
    if (!DecodeDouble(q, &value) || !(value >= 0 && value <= 1))
      return Bad(where, "quantiles must be numbers between 0 and 1");
    options.quantiles.push_back(value);
  }
  STEWARD_ASSIGN_OR_RETURN(uint64_t k, Count(object, "kll_k", where));
  options.kll_k = static_cast<uint32_t>(std::min<uint64_t>(k, UINT32_MAX));
  STEWARD_ASSIGN_OR_RETURN(options.exact_quantile_limit,
                           Count(object, "exact_quantile_limit", where));
  STEWARD_ASSIGN_OR_RETURN(options.distinct_exact_limit,
                           Count(object, "distinct_exact_limit", where));
  STEWARD_ASSIGN_OR_RETURN(uint64_t precision, Count(object, "hll_precision", where));
  if (precision < 4 || precision > 18)
    return Bad(where, "hll_precision must be between 4 and 18");
  options.hll_precision = static_cast<uint8_t>(precision);
  STEWARD_ASSIGN_OR_RETURN(options.duplicate_exact_limit,
                           Count(object, "duplicate_exact_limit", where));
  STEWARD_ASSIGN_OR_RETURN(options.top_k, Count(object, "top_k", where));
  STEWARD_ASSIGN_OR_RETURN(options.text_top_capacity, Count(object, "text_top_capacity", where));
  STEWARD_ASSIGN_OR_RETURN(options.histogram_bins, Count(object, "histogram_bins", where));
  if (options.histogram_bins == 0 || options.histogram_bins > 10'000)
    return Bad(where, "histogram_bins must be between 1 and 10000");
  STEWARD_ASSIGN_OR_RETURN(options.sample_rows, Count(object, "sample_rows", where));
  STEWARD_ASSIGN_OR_RETURN(options.seed, Count(object, "seed", where));
  STEWARD_ASSIGN_OR_RETURN(options.cramers_max_categories,
                           Count(object, "cramers_max_categories", where));
  STEWARD_ASSIGN_OR_RETURN(options.target_max_classes, Count(object, "target_max_classes", where));
  STEWARD_ASSIGN_OR_RETURN(const json* alerts_json, Member(object, "alerts", where));
  AlertThresholds& alerts = options.alerts;
  const std::string alerts_where = std::string(where) + ".alerts";
  STEWARD_ASSIGN_OR_RETURN(alerts.high_cardinality,
                           Count(*alerts_json, "high_cardinality", alerts_where));
  STEWARD_ASSIGN_OR_RETURN(alerts.skewness, Number(*alerts_json, "skewness", alerts_where));
  STEWARD_ASSIGN_OR_RETURN(alerts.low_categorical,
                           Count(*alerts_json, "low_categorical", alerts_where));
  STEWARD_ASSIGN_OR_RETURN(alerts.correlation, Number(*alerts_json, "correlation", alerts_where));
  STEWARD_ASSIGN_OR_RETURN(alerts.missing_rate, Number(*alerts_json, "missing_rate", alerts_where));
  STEWARD_ASSIGN_OR_RETURN(alerts.zeros_rate, Number(*alerts_json, "zeros_rate", alerts_where));
  STEWARD_ASSIGN_OR_RETURN(alerts.id_like_distinct_rate,
                           Number(*alerts_json, "id_like_distinct_rate", alerts_where));
  STEWARD_ASSIGN_OR_RETURN(alerts.imbalance_minority,
                           Number(*alerts_json, "imbalance_minority", alerts_where));
  STEWARD_ASSIGN_OR_RETURN(alerts.leak_score, Number(*alerts_json, "leak_score", alerts_where));
  return options;
}

json ColumnToJson(const ColumnState& column) {
  json out = {{"name", column.name},
              {"kind", ColumnKindName(column.kind)},
              {"count", column.count},
              {"missing", column.missing}};
  if (column.kind == ColumnKind::kCategorical || column.kind == ColumnKind::kBoolean) {
    json labels = json::array();
    for (const auto& [label, count] : column.label_counts)
      labels.push_back({label, count});
    out["labels"] = std::move(labels);
  } else {
    out["distinct"] = column.distinct.ToJson();
  }
  if (column.numeric) {
    const NumericState& numeric = *column.numeric;
    out["numeric"] = {{"moments", numeric.moments.ToJson()},
                      {"quantiles", numeric.quantiles.ToJson()},
                      {"zeros", numeric.zeros},
                      {"negatives", numeric.negatives},
                      {"positive_infinities", numeric.positive_infinities},
                      {"negative_infinities", numeric.negative_infinities},
                      {"non_integers", numeric.non_integers}};
  }
  if (column.text)
    out["text"] = {{"top", column.text->top.ToJson()}, {"lengths", column.text->lengths.ToJson()}};
  if (column.timestamp)
    out["timestamp"] = {{"quantiles", column.timestamp->quantiles.ToJson()}};
  return out;
}

Result<ColumnState> ColumnFromJson(const json& object, size_t index,
                                   const ProfileOptions& options) {
  const std::string where = "state.columns[" + std::to_string(index) + "]";
  ColumnState column{
      .name = {},
      .kind = {},
      .count = 0,
      .missing = 0,
      .distinct = sketch::DistinctCounter(options.distinct_exact_limit, options.hll_precision),
      .label_counts = {},
      .numeric = {},
      .text = {},
      .timestamp = {}};
  STEWARD_ASSIGN_OR_RETURN(column.name, Text(object, "name", where));
  STEWARD_ASSIGN_OR_RETURN(std::string kind, Text(object, "kind", where));
  Result<ColumnKind> parsed_kind = ParseColumnKind(kind);
  if (!parsed_kind.ok())
    return Bad(where, parsed_kind.status().message());
  column.kind = *parsed_kind;
  STEWARD_ASSIGN_OR_RETURN(column.count, Count(object, "count", where));
  STEWARD_ASSIGN_OR_RETURN(column.missing, Count(object, "missing", where));
  if (column.missing > column.count)
    return Bad(where, "more missing values than values");
  if (column.kind == ColumnKind::kCategorical || column.kind == ColumnKind::kBoolean) {
    STEWARD_ASSIGN_OR_RETURN(const json* labels, List(object, "labels", where));
    uint64_t total = 0;
    for (const json& entry : *labels) {
      uint64_t count = 0;
      if (!entry.is_array() || entry.size() != 2 || !entry[0].is_string() ||
          !DecodeUint64(entry[1], &count))
        return Bad(where, "labels must be [label, count] pairs");
      column.label_counts[entry[0].get<std::string>()] += count;
      total += count;
    }
    if (total != column.count - column.missing)
      return Bad(where, "label counts do not add up to the non-missing values");
  } else {
    STEWARD_ASSIGN_OR_RETURN(column.distinct,
                             ReadSketch<sketch::DistinctCounter>(object, "distinct", where));
  }
  const auto part = [&](std::string_view key) -> Result<const json*> {
    return Member(object, key, where);
  };
  if (column.kind == ColumnKind::kNumeric) {
    STEWARD_ASSIGN_OR_RETURN(const json* numeric, part("numeric"));
    const std::string numeric_where = where + ".numeric";
    NumericState state{
        .moments = {},
        .quantiles = sketch::KllSketch(options.kll_k, options.exact_quantile_limit, 0)};
    STEWARD_ASSIGN_OR_RETURN(state.moments,
                             ReadSketch<sketch::Moments>(*numeric, "moments", numeric_where));
    STEWARD_ASSIGN_OR_RETURN(state.quantiles,
                             ReadSketch<sketch::KllSketch>(*numeric, "quantiles", numeric_where));
    STEWARD_ASSIGN_OR_RETURN(state.zeros, Count(*numeric, "zeros", numeric_where));
    STEWARD_ASSIGN_OR_RETURN(state.negatives, Count(*numeric, "negatives", numeric_where));
    STEWARD_ASSIGN_OR_RETURN(state.positive_infinities,
                             Count(*numeric, "positive_infinities", numeric_where));
    STEWARD_ASSIGN_OR_RETURN(state.negative_infinities,
                             Count(*numeric, "negative_infinities", numeric_where));
    STEWARD_ASSIGN_OR_RETURN(state.non_integers, Count(*numeric, "non_integers", numeric_where));
    column.numeric = std::move(state);
  }
  if (column.kind == ColumnKind::kText) {
    STEWARD_ASSIGN_OR_RETURN(const json* text, part("text"));
    const std::string text_where = where + ".text";
    TextState state{.top = sketch::SpaceSaving(options.text_top_capacity), .lengths = {}};
    STEWARD_ASSIGN_OR_RETURN(state.top, ReadSketch<sketch::SpaceSaving>(*text, "top", text_where));
    STEWARD_ASSIGN_OR_RETURN(state.lengths,
                             ReadSketch<sketch::Moments>(*text, "lengths", text_where));
    column.text = std::move(state);
  }
  if (column.kind == ColumnKind::kTimestamp) {
    STEWARD_ASSIGN_OR_RETURN(const json* timestamp, part("timestamp"));
    STEWARD_ASSIGN_OR_RETURN(
        sketch::KllSketch quantiles,
        ReadSketch<sketch::KllSketch>(*timestamp, "quantiles", where + ".timestamp"));
    column.timestamp = TimestampState{.quantiles = std::move(quantiles)};
  }
  return column;
}

json PairToJson(const std::pair<size_t, size_t>& columns, const PairMoments& pair) {
  return {{"a", columns.first},
          {"b", columns.second},
          {"count", pair.count},
          {"mean_x", EncodeDouble(pair.mean_x)},
          {"mean_y", EncodeDouble(pair.mean_y)},
          {"m2_x", EncodeDouble(pair.m2_x)},
          {"m2_y", EncodeDouble(pair.m2_y)},
          {"c_xy", EncodeDouble(pair.c_xy)}};
}

Result<std::pair<size_t, size_t>> ColumnPair(const json& object, size_t columns,
                                             std::string_view where) {
  STEWARD_ASSIGN_OR_RETURN(uint64_t a, Count(object, "a", where));
  STEWARD_ASSIGN_OR_RETURN(uint64_t b, Count(object, "b", where));
  if (a >= b || b >= columns)
    return Bad(where, "column indexes out of range or out of order");
  return std::pair<size_t, size_t>{a, b};
}

json StateToJson(const Profile& profile) {
  json columns = json::array();
  for (const ColumnState& column : profile.columns)
    columns.push_back(ColumnToJson(column));
  json duplicates = {{"rows", profile.duplicates.rows_seen},
                     {"sketch", profile.duplicates.rows.ToJson()}};
  const bool write_hashes =
      profile.duplicates.exact && profile.duplicates.exact_rows.size() <= kMaxWrittenRowHashes;
  // "exact" says the duplicate count is exact: from the hashes when written, else from
  // distinct_rows (a count recorded when the hashes were too many to write).
  const DuplicateState::Duplicates counted = profile.duplicates.Count();
  duplicates["exact"] = counted.exact;
  duplicates["distinct_rows"] = profile.duplicates.rows_seen - counted.rows;
  if (write_hashes) {
    std::vector<uint64_t> hashes;
    profile.duplicates.exact_rows.ForEach([&](uint64_t hash) { hashes.push_back(hash); });
    std::sort(hashes.begin(), hashes.end());
    duplicates["row_hashes"] = hashes;
  }
  json pearson = json::array();
  for (const auto& [columns_pair, pair] : profile.pearson)
    pearson.push_back(PairToJson(columns_pair, pair));
  json contingency = json::array();
  for (const auto& [columns_pair, table] : profile.contingency) {
    json cells = json::array();
    for (const auto& [labels, count] : table.counts)
      cells.push_back({labels.first, labels.second, count});
    contingency.push_back(
        {{"a", columns_pair.first}, {"b", columns_pair.second}, {"cells", std::move(cells)}});
  }
  json by_class = json::array();
  for (const auto& [column, classes] : profile.by_target_class) {
    json sketches = json::array();
    for (const auto& [label, sketch] : classes)
      sketches.push_back({label, sketch.ToJson()});
    by_class.push_back({{"column", column}, {"classes", std::move(sketches)}});
  }
  json sample_rows = json::array();
  for (const SampleRow& row : profile.sample) {
    json values = json::array();
    for (const auto& value : row.values)
      values.push_back(value ? json(*value) : json(nullptr));
    sample_rows.push_back({{"key", row.key}, {"values", std::move(values)}});
  }
  return {{"options", OptionsToJson(profile.options)},
          {"source", profile.source},
          {"rows", profile.rows},
          {"columns", std::move(columns)},
          {"duplicates", std::move(duplicates)},
          {"pearson", std::move(pearson)},
          {"contingency", std::move(contingency)},
          {"by_target_class", std::move(by_class)},
          {"sample", std::move(sample_rows)}};
}

Status ReadDuplicates(const json& object, Profile& profile) {
  constexpr std::string_view where = "state.duplicates";
  DuplicateState& duplicates = profile.duplicates;
  STEWARD_ASSIGN_OR_RETURN(duplicates.rows_seen, Count(object, "rows", where));
  STEWARD_ASSIGN_OR_RETURN(duplicates.rows,
                           ReadSketch<sketch::HyperLogLog>(object, "sketch", where));
  STEWARD_ASSIGN_OR_RETURN(const json* exact, Member(object, "exact", where));
  if (!exact->is_boolean())
    return Bad(where, "field 'exact' must be true or false");
  duplicates.exact = exact->get<bool>();
  auto hashes = object.find("row_hashes");
  if (duplicates.exact && hashes == object.end()) {
    // Too many rows were written to keep the hashes: merges with this profile estimate.
    duplicates.exact = false;
    STEWARD_ASSIGN_OR_RETURN(uint64_t distinct_rows, Count(object, "distinct_rows", where));
    if (distinct_rows > duplicates.rows_seen)
      return Bad(where, "more distinct rows than rows");
    duplicates.recorded_duplicates = duplicates.rows_seen - distinct_rows;
    return Status::Ok();
  }
  if (hashes != object.end()) {
    if (!hashes->is_array() || hashes->size() > duplicates.rows_seen)
      return Bad(where, "row_hashes must be an array no longer than the rows");
    for (const json& hash : *hashes) {
      uint64_t value = 0;
      if (!DecodeUint64(hash, &value))
        return Bad(where, "row_hashes must be unsigned integers");
      duplicates.exact_rows.Insert(value);
    }
  }
  return Status::Ok();
}

Status ReadTableState(const json& state, Profile& profile) {
  constexpr std::string_view where = "state";
  const size_t columns = profile.columns.size();
  STEWARD_ASSIGN_OR_RETURN(const json* pearson, List(state, "pearson", where));
  for (const json& entry : *pearson) {
    const std::string pair_where = "state.pearson";
    STEWARD_ASSIGN_OR_RETURN(auto key, ColumnPair(entry, columns, pair_where));
    PairMoments pair;
    STEWARD_ASSIGN_OR_RETURN(pair.count, Count(entry, "count", pair_where));
    STEWARD_ASSIGN_OR_RETURN(pair.mean_x, Number(entry, "mean_x", pair_where));
    STEWARD_ASSIGN_OR_RETURN(pair.mean_y, Number(entry, "mean_y", pair_where));
    STEWARD_ASSIGN_OR_RETURN(pair.m2_x, Number(entry, "m2_x", pair_where));
    STEWARD_ASSIGN_OR_RETURN(pair.m2_y, Number(entry, "m2_y", pair_where));
    STEWARD_ASSIGN_OR_RETURN(pair.c_xy, Number(entry, "c_xy", pair_where));
    profile.pearson[key] = pair;
  }
  STEWARD_ASSIGN_OR_RETURN(const json* contingency, List(state, "contingency", where));
  for (const json& entry : *contingency) {
    const std::string pair_where = "state.contingency";
    STEWARD_ASSIGN_OR_RETURN(auto key, ColumnPair(entry, columns, pair_where));
    STEWARD_ASSIGN_OR_RETURN(const json* cells, List(entry, "cells", pair_where));
    Contingency& table = profile.contingency[key];
    for (const json& cell : *cells) {
      uint64_t count = 0;
      if (!cell.is_array() || cell.size() != 3 || !cell[0].is_string() || !cell[1].is_string() ||
          !DecodeUint64(cell[2], &count))
        return Bad(pair_where, "cells must be [label, label, count]");
      table.counts[{cell[0].get<std::string>(), cell[1].get<std::string>()}] += count;
    }
  }
  STEWARD_ASSIGN_OR_RETURN(const json* by_class, List(state, "by_target_class", where));
  for (const json& entry : *by_class) {
    const std::string class_where = "state.by_target_class";
    STEWARD_ASSIGN_OR_RETURN(uint64_t column, Count(entry, "column", class_where));
    if (column >= columns || profile.columns[column].kind != ColumnKind::kNumeric)
      return Bad(class_where, "column must be the index of a numeric column");
    STEWARD_ASSIGN_OR_RETURN(const json* classes, List(entry, "classes", class_where));
    for (const json& item : *classes) {
      if (!item.is_array() || item.size() != 2 || !item[0].is_string())
        return Bad(class_where, "classes must be [label, sketch] pairs");
      Result<sketch::KllSketch> sketch = sketch::KllSketch::FromJson(item[1]);
      if (!sketch.ok())
        return Bad(class_where, sketch.status().message());
      profile.by_target_class[column].emplace(item[0].get<std::string>(), std::move(*sketch));
    }
  }
  STEWARD_ASSIGN_OR_RETURN(const json* sample, List(state, "sample", where));
  for (const json& entry : *sample) {
    SampleRow row;
    STEWARD_ASSIGN_OR_RETURN(row.key, Count(entry, "key", "state.sample"));
    STEWARD_ASSIGN_OR_RETURN(const json* values, List(entry, "values", "state.sample"));
    if (values->size() != columns)
      return Bad("state.sample", "a row must have one value per column");
    for (const json& value : *values) {
      if (value.is_null())
        row.values.emplace_back(std::nullopt);
      else if (value.is_string())
        row.values.emplace_back(value.get<std::string>());
      else
        return Bad("state.sample", "values must be strings or null");
    }
    profile.sample.push_back(std::move(row));
  }
  return Status::Ok();
}

}  // namespace

nlohmann::json ProfileToJson(const Profile& profile) {
  return {{"format", kProfileFormat},
          {"summary", SummarizeProfile(profile)},
          {"state", StateToJson(profile)}};
}

Result<Profile> ProfileFromJson(const nlohmann::json& document) {
  STEWARD_ASSIGN_OR_RETURN(std::string format, Text(document, "format", "document"));
  if (format != kProfileFormat)
    return Bad("format", "'" + format + "' is not " + std::string(kProfileFormat));
  STEWARD_ASSIGN_OR_RETURN(const json* state, Member(document, "state", "document"));
  Profile profile;
  STEWARD_ASSIGN_OR_RETURN(const json* options, Member(*state, "options", "state"));
  STEWARD_ASSIGN_OR_RETURN(profile.options, OptionsFromJson(*options));
  STEWARD_ASSIGN_OR_RETURN(profile.source, Text(*state, "source", "state"));
  STEWARD_ASSIGN_OR_RETURN(profile.rows, Count(*state, "rows", "state"));
  STEWARD_ASSIGN_OR_RETURN(const json* columns, List(*state, "columns", "state"));
  for (size_t c = 0; c < columns->size(); ++c) {
    STEWARD_ASSIGN_OR_RETURN(ColumnState column, ColumnFromJson((*columns)[c], c, profile.options));
    if (column.count != profile.rows)
      return Bad("state.columns[" + std::to_string(c) + "]", "count differs from the rows");
    if (profile.FindColumn(column.name))
      return Bad("state.columns", "column '" + column.name + "' appears twice");
    profile.columns.push_back(std::move(column));
  }
  STEWARD_ASSIGN_OR_RETURN(const json* duplicates, Member(*state, "duplicates", "state"));
  STEWARD_RETURN_IF_ERROR(ReadDuplicates(*duplicates, profile));
  STEWARD_RETURN_IF_ERROR(ReadTableState(*state, profile));
  return profile;
}

Result<Profile> ParseProfile(std::string_view text, const std::string& name) {
  constexpr size_t kMaxDepth = 64;
  bool too_deep = false;
  json document;
  try {
    document = json::parse(text, [&](int event_depth, json::parse_event_t, json&) {
      too_deep = too_deep || static_cast<size_t>(event_depth) > kMaxDepth;
      return !too_deep;
    });
  } catch (const json::exception& error) {  // parse_error, or out_of_range for 1e99999
    // what() is "[json.exception.parse_error.101] parse error at line 1, column 5: ...;
    // last read: '...'". The bytes last read may be invalid UTF-8 and are left out.
    std::string_view detail = error.what();
    if (const size_t end = detail.find("] "); end != std::string_view::npos)
      detail.remove_prefix(end + 2);
    if (const size_t last = detail.find("; last read:"); last != std::string_view::npos)
      detail = detail.substr(0, last);
    return Status::InvalidArgument(name + ": not valid JSON: " + std::string(detail));
  }
  if (too_deep)
    return Status::InvalidArgument(name + ": JSON nested deeper than 64 levels");
  Result<Profile> profile = ProfileFromJson(document);
  if (!profile.ok())
    return Status::InvalidArgument(name + ": " + profile.status().message());
  return profile;
}

Result<Profile> LoadProfile(const std::string& path) {
  STEWARD_ASSIGN_OR_RETURN(std::string text, io::ReadFileToString(path));
  return ParseProfile(text, path);
}

}  // namespace steward::profile
