#include "steward/io/internal/jsonl_column_builder.h"

#include <utility>

#include "steward/io/value_parsing.h"

namespace steward::io::internal {

bool ConvertValue(const JsonlEntry& entry, ColumnKind kind, StagedValue& value,
                  std::string& message) {
  // Only messages need the name, and they are rare.
  const auto field = [&entry] { return FieldName(entry.key); };
  switch (kind) {
    case ColumnKind::kNumeric: {
      NumberParse parsed = NumberParse::kNotANumber;
      if (entry.type == JsonType::kNumber) {
        value.number = entry.number;
        parsed = entry.inexact ? NumberParse::kInexactInteger : NumberParse::kOk;
      } else if (entry.type == JsonType::kString) {
        parsed = ParseNumber(entry.text, value.number);
      }
      switch (parsed) {
        case NumberParse::kOk:
          return true;
        case NumberParse::kNotANumber:
          message = "expected a number in field " + field() + ", got " + Describe(entry);
          return false;
        case NumberParse::kOutOfRange:
          message = "number " + Describe(entry) + " in field " + field() +
                    " is beyond the range of a 64-bit float";
          return false;
        case NumberParse::kInexactInteger:
          message = "integer " + Describe(entry) + " in field " + field() +
                    " is too large to keep exactly as a number; read the column as "
                    "categorical or text (--type " +
                    entry.key + "=categorical)";
          return false;
      }
      return false;
    }
    case ColumnKind::kBoolean:
      if (entry.type == JsonType::kBoolean) {
        value.flag = entry.flag ? 1 : 0;
        return true;
      }
      if (entry.type == JsonType::kString && ParseBoolean(entry.text, value.flag))
        return true;
      message = "expected true or false in field " + field() + ", got " + Describe(entry);
      return false;
    case ColumnKind::kTimestamp:
      if (entry.type == JsonType::kString && ParseTimestamp(entry.text, value.micros)) {
        return true;
      }
      message =
          "expected an ISO 8601 date or time in field " + field() + ", got " + Describe(entry);
      return false;
    case ColumnKind::kCategorical:
    case ColumnKind::kText:
      value.text = ValueText(entry);
      // JSON strings are valid UTF-8 (nlohmann checks), but "\u0000" decodes to a NUL byte.
      if (value.text.find('\0') != std::string_view::npos) {
        message = "field " + field() + " holds a NUL byte: " + QuoteForMessage(value.text);
        return false;
      }
      return true;
  }
  return false;
}

Column JsonlColumnBuilder::Finish(GlobalCategories& categories) {
  switch (kind) {
    case ColumnKind::kNumeric:
      return Column::Numeric(std::exchange(numbers, {}));
    case ColumnKind::kCategorical: {
      const std::vector<int32_t> remap = categories.Remap(dictionary.labels());
      for (int32_t& code : codes) {
        if (code >= 0)
          code = remap[static_cast<size_t>(code)];
      }
      dictionary = CategoryDictionary();
      return Column::Categorical(std::exchange(codes, {}), categories.snapshot());
    }
    case ColumnKind::kText:
      return Column::Text(std::exchange(text, {}));
    case ColumnKind::kTimestamp:
      return Column::Timestamp(std::exchange(micros, {}));
    case ColumnKind::kBoolean:
      return Column::Boolean(std::exchange(booleans, {}));
  }
  return Column::Numeric({});
}

}  // namespace steward::io::internal
