#pragma once

// Module-private: used by steward/io/jsonl_reader.cc only; not part of the library's interface.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "steward/core/column.h"
#include "steward/io/category_dictionary.h"
#include "steward/io/global_categories.h"
#include "steward/io/internal/jsonl_record_parser.h"

namespace steward::io::internal {

// A checked value of one field, waiting until the whole record is known to be good.
struct StagedValue {
  size_t column = 0;
  bool missing = false;
  double number = 0;
  int64_t micros = 0;
  int8_t flag = 0;
  std::string_view text;  // into the parser's entries: valid until the next Parse()
};

// Checks that `entry`, which is not missing, fits a column of `kind` (the rules in
// jsonl_reader.h) and sets the matching member of `value`; `value.text` then points into
// `entry`. Returns false with `message` set, naming the field, if it does not fit.
// Pure function; safe to call from any thread.
bool ConvertValue(const JsonlEntry& entry, ColumnKind kind, StagedValue& value,
                  std::string& message);

// One column of the batch being built: values are appended as records are accepted, and
// Finish() hands the batch's column over. Not thread-safe.
struct JsonlColumnBuilder {
  static constexpr double kMissingNumber = std::numeric_limits<double>::quiet_NaN();

  ColumnKind kind = ColumnKind::kNumeric;
  std::vector<double> numbers;
  std::vector<int32_t> codes;
  CategoryDictionary dictionary;  // this batch's labels, remapped to global codes at the end
  TextValues text;
  std::vector<int64_t> micros;
  std::vector<int8_t> booleans;

  // Inline: called for every value read.
  void Append(const StagedValue& value) {
    if (value.missing) {
      AppendMissing();
      return;
    }
    switch (kind) {
      case ColumnKind::kNumeric:
        numbers.push_back(value.number);
        break;
      case ColumnKind::kCategorical: {
        int32_t code = dictionary.Find(value.text);
        if (code < 0)
          code = dictionary.Add(value.text);
        codes.push_back(code);
        break;
      }
      case ColumnKind::kText:
        text.Append(value.text);
        break;
      case ColumnKind::kTimestamp:
        micros.push_back(value.micros);
        break;
      case ColumnKind::kBoolean:
        booleans.push_back(value.flag);
        break;
    }
  }
  void AppendMissing() {
    switch (kind) {
      case ColumnKind::kNumeric:
        numbers.push_back(kMissingNumber);
        break;
      case ColumnKind::kCategorical:
        codes.push_back(kMissingCode);
        break;
      case ColumnKind::kText:
        text.AppendMissing();
        break;
      case ColumnKind::kTimestamp:
        micros.push_back(kMissingTimestamp);
        break;
      case ColumnKind::kBoolean:
        booleans.push_back(kMissingBoolean);
        break;
    }
  }
  // The batch's column, with categorical codes mapped to `categories` (which grows by this
  // batch's new labels); the builder is empty afterwards.
  Column Finish(GlobalCategories& categories);
};

}  // namespace steward::io::internal
