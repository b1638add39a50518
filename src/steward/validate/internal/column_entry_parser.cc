#include "steward/validate/internal/column_entry_parser.h"

#include <algorithm>
#include <string>

#include <re2/re2.h>

#include "steward/io/value_parsing.h"
#include "steward/validate/internal/applicability.h"
#include "steward/validate/internal/format_number.h"

namespace steward::validate::internal {
namespace {

// A bound as one ordered number; both bounds of an entry have the same alternative.
double BoundValue(const Bound& bound) {
  if (const double* number = std::get_if<double>(&bound))
    return *number;
  return static_cast<double>(std::get<TimestampBound>(bound).micros);
}

class ColumnEntryParser {
 public:
  ColumnEntryParser(const toml::table& entry, const TomlFields& fields)
      : entry_(entry), fields_(fields) {}

  Result<ColumnExpectations> Run() {
    STEWARD_RETURN_IF_ERROR(fields_.CheckKeys(
        entry_, "[[column]]",
        {"name", "kind", "required", "not_null", "max_missing_rate", "unique", "min", "max",
         "allowed", "regex", "min_length", "max_length", "mean", "quantiles", "max_outlier_rate"}));
    const toml::node* name = entry_.get("name");
    if (name == nullptr)
      return fields_.Error(entry_.source(), "[[column]] entry without a name");
    STEWARD_ASSIGN_OR_RETURN(column_.name, fields_.String(*name, "[[column]] name"));
    if (column_.name.empty())
      return fields_.Error(name->source(), "[[column]] name is empty");
    column_.location = fields_.Location(name->source());
    what_ = "column " + io::QuoteForMessage(column_.name) + ": ";
    if (const toml::node* kind = entry_.get("kind")) {
      STEWARD_ASSIGN_OR_RETURN(std::string kind_name, fields_.String(*kind, what_ + "kind"));
      Result<ColumnKind> parsed = ParseColumnKind(kind_name);
      if (!parsed.ok()) {
        // Core's message echoes the name raw; this one stays on one line.
        return fields_.Error(kind->source(),
                             what_ + "unknown kind " + io::QuoteForMessage(kind_name) +
                                 " (expected numeric, categorical, text, timestamp or boolean)");
      }
      column_.kind = *parsed;
    }
    STEWARD_RETURN_IF_ERROR(ReadFlags());
    STEWARD_RETURN_IF_ERROR(ReadBounds());
    STEWARD_RETURN_IF_ERROR(ReadAllowed());
    STEWARD_RETURN_IF_ERROR(ReadStringRules());
    STEWARD_RETURN_IF_ERROR(ReadMean());
    STEWARD_RETURN_IF_ERROR(ReadQuantiles());
    STEWARD_RETURN_IF_ERROR(ReadOutliers());
    return std::move(column_);
  }

 private:
  // Fails when the entry declares a kind the expectation under `key` does not apply to.
  template <typename Applies>
  Status CheckKind(const char* key, Applies applies, std::string_view kinds) const {
    if (!column_.kind || applies(*column_.kind))
      return Status::Ok();
    return fields_.Error(entry_.get(key)->source(),
                         what_ + key + " applies to " + std::string(kinds) + " columns, not to a " +
                             std::string(ColumnKindName(*column_.kind)) + " column");
  }

  Status ReadFlags() {
    if (const toml::node* node = entry_.get("required")) {
      STEWARD_ASSIGN_OR_RETURN(column_.required, fields_.Boolean(*node, what_ + "required"));
    }
    if (const toml::node* node = entry_.get("not_null")) {
      STEWARD_ASSIGN_OR_RETURN(column_.not_null, fields_.Boolean(*node, what_ + "not_null"));
    }
    if (const toml::node* node = entry_.get("unique")) {
      STEWARD_ASSIGN_OR_RETURN(column_.unique, fields_.Boolean(*node, what_ + "unique"));
    }
    if (const toml::node* node = entry_.get("max_missing_rate")) {
      STEWARD_ASSIGN_OR_RETURN(column_.max_missing_rate,
                               fields_.Rate(*node, what_ + "max_missing_rate"));
    }
    return Status::Ok();
  }

  // A number, or an ISO 8601 string for timestamp columns.
  Result<Bound> ReadBound(const toml::node& node, const std::string& what) const {
    if (const auto* text = node.as_string()) {
      int64_t micros = 0;
      if (!io::ParseTimestamp(text->get(), micros)) {
        return fields_.Error(node.source(), what + " " + io::QuoteForMessage(text->get()) +
                                                " is not an ISO 8601 timestamp");
      }
      return Bound(TimestampBound{micros});
    }
    if (node.is_number()) {
      STEWARD_ASSIGN_OR_RETURN(double number, fields_.Number(node, what));
      return Bound(number);
    }
    return fields_.Error(node.source(), what +
                                            " must be a number, or an ISO 8601 string for a "
                                            "timestamp column, got " +
                                            std::string(DescribeType(node.type())));
  }

  Status ReadBounds() {
    for (const char* key : {"min", "max"}) {
      const toml::node* node = entry_.get(key);
      if (node == nullptr)
        continue;
      STEWARD_ASSIGN_OR_RETURN(Bound bound, ReadBound(*node, what_ + key));
      STEWARD_RETURN_IF_ERROR(CheckKind(
          key, [&](ColumnKind kind) { return BoundApplies(bound, kind); }, BoundKinds(bound)));
      (std::string_view(key) == "min" ? column_.min : column_.max) = bound;
    }
    if (column_.min && column_.max) {
      const toml::node& max = *entry_.get("max");
      if (column_.min->index() != column_.max->index()) {
        return fields_.Error(max.source(),
                             what_ + "min and max must both be numbers or both timestamps");
      }
      if (BoundValue(*column_.max) < BoundValue(*column_.min))
        return fields_.Error(max.source(), what_ + "min is greater than max");
    }
    return Status::Ok();
  }

  Status ReadAllowed() {
    const toml::node* node = entry_.get("allowed");
    if (node == nullptr)
      return Status::Ok();
    const std::string what = what_ + "allowed";
    STEWARD_ASSIGN_OR_RETURN(const toml::array* array, fields_.Array(*node, what));
    if (array->empty())
      return fields_.Error(node->source(), what + " must list at least one value");
    const bool as_strings = array->front().is_string();
    std::vector<std::string> strings;
    std::vector<double> numbers;
    for (const toml::node& item : *array) {
      if (as_strings != item.is_string() || !(item.is_string() || item.is_number())) {
        return fields_.Error(item.source(), what + " must hold only strings or only numbers, got " +
                                                std::string(DescribeType(item.type())));
      }
      if (as_strings) {
        if (column_.kind == ColumnKind::kBoolean && item.as_string()->get() != "true" &&
            item.as_string()->get() != "false") {
          return fields_.Error(item.source(),
                               what + " of a boolean column holds \"true\" or \"false\", got " +
                                   io::QuoteForMessage(item.as_string()->get()));
        }
        strings.push_back(item.as_string()->get());
      } else {
        STEWARD_ASSIGN_OR_RETURN(double number, fields_.Number(item, what));
        numbers.push_back(number);
      }
    }
    AllowedValues allowed =
        as_strings ? AllowedValues(std::move(strings)) : AllowedValues(std::move(numbers));
    STEWARD_RETURN_IF_ERROR(CheckKind(
        "allowed", [&](ColumnKind kind) { return AllowedApplies(allowed, kind); },
        AllowedKinds(allowed)));
    column_.allowed = std::move(allowed);
    return Status::Ok();
  }

  Status ReadStringRules() {
    if (const toml::node* node = entry_.get("regex")) {
      STEWARD_ASSIGN_OR_RETURN(std::string pattern, fields_.String(*node, what_ + "regex"));
      RE2::Options options;
      options.set_log_errors(false);
      RE2 compiled(pattern, options);
      if (!compiled.ok()) {
        return fields_.Error(node->source(),
                             what_ + "invalid regex: " + SanitizeMessage(compiled.error()));
      }
      STEWARD_RETURN_IF_ERROR(CheckKind("regex", StringRuleApplies, kStringRuleKinds));
      column_.regex = std::move(pattern);
    }
    for (const char* key : {"min_length", "max_length"}) {
      const toml::node* node = entry_.get(key);
      if (node == nullptr)
        continue;
      STEWARD_ASSIGN_OR_RETURN(uint64_t length, fields_.Count(*node, what_ + key));
      STEWARD_RETURN_IF_ERROR(CheckKind(key, StringRuleApplies, kStringRuleKinds));
      (std::string_view(key) == "min_length" ? column_.min_length : column_.max_length) = length;
    }
    if (column_.min_length && column_.max_length && *column_.min_length > *column_.max_length) {
      return fields_.Error(entry_.get("max_length")->source(),
                           what_ + "min_length is greater than max_length");
    }
    return Status::Ok();
  }

  // { min = ..., max = ... } with at least one bound, min <= max; extra keys allowed by caller.
  Status ReadRange(const toml::table& table, const std::string& what, std::optional<double>& min,
                   std::optional<double>& max) const {
    if (const toml::node* node = table.get("min")) {
      STEWARD_ASSIGN_OR_RETURN(min, fields_.Number(*node, what + " min"));
    }
    if (const toml::node* node = table.get("max")) {
      STEWARD_ASSIGN_OR_RETURN(max, fields_.Number(*node, what + " max"));
    }
    if (!min && !max)
      return fields_.Error(table.source(), what + " needs min, max or both");
    if (min && max && *min > *max)
      return fields_.Error(table.get("max")->source(), what + " min is greater than max");
    return Status::Ok();
  }

  Status ReadMean() {
    const toml::node* node = entry_.get("mean");
    if (node == nullptr)
      return Status::Ok();
    const std::string what = what_ + "mean";
    STEWARD_ASSIGN_OR_RETURN(const toml::table* table, fields_.Table(*node, what));
    STEWARD_RETURN_IF_ERROR(fields_.CheckKeys(*table, what, {"min", "max"}));
    NumberRange range;
    STEWARD_RETURN_IF_ERROR(ReadRange(*table, what, range.min, range.max));
    STEWARD_RETURN_IF_ERROR(CheckKind("mean", NumericRuleApplies, kNumericRuleKinds));
    column_.mean = range;
    return Status::Ok();
  }

  Status ReadQuantiles() {
    const toml::node* node = entry_.get("quantiles");
    if (node == nullptr)
      return Status::Ok();
    const std::string what = what_ + "quantiles";
    STEWARD_ASSIGN_OR_RETURN(const toml::array* array, fields_.Array(*node, what));
    for (const toml::node& item : *array) {
      STEWARD_ASSIGN_OR_RETURN(const toml::table* table, fields_.Table(item, what + " entry"));
      STEWARD_RETURN_IF_ERROR(fields_.CheckKeys(*table, what + " entry", {"q", "min", "max"}));
      const toml::node* q = table->get("q");
      if (q == nullptr)
        return fields_.Error(table->source(), what + " entry without q");
      QuantileExpectation quantile;
      STEWARD_ASSIGN_OR_RETURN(quantile.q, fields_.Rate(*q, what + " q"));
      const std::string entry_what = what_ + "quantile " + FormatNumber(quantile.q);
      STEWARD_RETURN_IF_ERROR(ReadRange(*table, entry_what, quantile.min, quantile.max));
      for (const QuantileExpectation& earlier : column_.quantiles) {
        if (earlier.q == quantile.q)
          return fields_.Error(q->source(), entry_what + " is listed twice");
      }
      column_.quantiles.push_back(quantile);
    }
    return CheckKind("quantiles", NumericRuleApplies, kNumericRuleKinds);
  }

  Status ReadOutliers() {
    const toml::node* node = entry_.get("max_outlier_rate");
    if (node == nullptr)
      return Status::Ok();
    const std::string what = what_ + "max_outlier_rate";
    STEWARD_ASSIGN_OR_RETURN(const toml::table* table, fields_.Table(*node, what));
    STEWARD_RETURN_IF_ERROR(fields_.CheckKeys(*table, what, {"method", "rate"}));
    const toml::node* method = table->get("method");
    const toml::node* rate = table->get("rate");
    if (method == nullptr || rate == nullptr)
      return fields_.Error(table->source(), what + " needs method and rate");
    OutlierExpectation outliers;
    STEWARD_ASSIGN_OR_RETURN(std::string method_name, fields_.String(*method, what + " method"));
    if (method_name == "mad") {
      outliers.method = OutlierMethod::kMad;
    } else if (method_name != "iqr") {
      return fields_.Error(method->source(), what + " method must be \"iqr\" or \"mad\", got " +
                                                 io::QuoteForMessage(method_name));
    }
    STEWARD_ASSIGN_OR_RETURN(outliers.max_rate, fields_.Rate(*rate, what + " rate"));
    STEWARD_RETURN_IF_ERROR(CheckKind("max_outlier_rate", NumericRuleApplies, kNumericRuleKinds));
    column_.max_outlier_rate = outliers;
    return Status::Ok();
  }

  const toml::table& entry_;
  const TomlFields& fields_;
  ColumnExpectations column_;
  std::string what_;
};

}  // namespace

Result<ColumnExpectations> ParseColumnEntry(const toml::table& entry, const TomlFields& fields) {
  return ColumnEntryParser(entry, fields).Run();
}

}  // namespace steward::validate::internal
