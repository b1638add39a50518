#include "steward/model/feature_matrix.h"

#include <cmath>
#include <limits>
#include <unordered_map>

#include "steward/core/thread_pool.h"
#include "steward/io/value_parsing.h"

namespace steward::model {
namespace {

constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();

// A feature column as a function of the table row: a float, NaN for missing.
class ColumnReader {
 public:
  virtual ~ColumnReader() = default;
  virtual float Read(size_t row) const = 0;
};

class NumericReader final : public ColumnReader {
 public:
  explicit NumericReader(std::span<const double> values) : values_(values) {}
  float Read(size_t row) const override { return static_cast<float>(values_[row]); }

 private:
  std::span<const double> values_;
};

class BooleanReader final : public ColumnReader {
 public:
  explicit BooleanReader(std::span<const int8_t> values) : values_(values) {}
  float Read(size_t row) const override {
    return values_[row] == kMissingBoolean ? kMissing : static_cast<float>(values_[row]);
  }

 private:
  std::span<const int8_t> values_;
};

// Codes of the table's dictionary mapped to the model's (-1: missing or unseen).
class CodeReader final : public ColumnReader {
 public:
  CodeReader(std::span<const int32_t> codes, std::vector<int32_t> remap)
      : codes_(codes), remap_(std::move(remap)) {}
  float Read(size_t row) const override {
    const int32_t code = codes_[row];
    const int32_t mapped = code < 0 ? -1 : remap_[static_cast<size_t>(code)];
    return mapped < 0 ? kMissing : static_cast<float>(mapped);
  }

 private:
  std::span<const int32_t> codes_;
  std::vector<int32_t> remap_;
};

// Values converted up front, for columns whose kind differs from the model's.
class ConvertedReader final : public ColumnReader {
 public:
  explicit ConvertedReader(std::vector<float> values) : values_(std::move(values)) {}
  float Read(size_t row) const override { return values_[row]; }

 private:
  std::vector<float> values_;
};

template <typename R, typename... Args>
std::unique_ptr<ColumnReader> Reader(Args&&... args) {
  return std::make_unique<R>(std::forward<Args>(args)...);
}

Status WrongValue(const std::string& source, size_t row, const std::string& column,
                  const std::string& expected, const std::string& value) {
  return Status::InvalidArgument(source + ": row " + std::to_string(row + 1) + ", column '" +
                                 column + "': expected " + expected + ", got \"" + value + "\"");
}

// A model number from a column of another kind: text that parses as a number, or a boolean.
Result<std::vector<float>> ConvertToNumbers(const Column& column, const ModelFeature& feature,
                                            const std::string& source) {
  std::vector<float> values(column.size(), kMissing);
  const bool want_boolean = feature.kind == ColumnKind::kBoolean;
  for (size_t row = 0; row < column.size(); ++row) {
    if (column.IsMissing(row))
      continue;
    if (column.kind() == ColumnKind::kBoolean) {
      values[row] = static_cast<float>(column.booleans()[row]);
      continue;
    }
    const std::string text = column.ValueToString(row);
    int8_t flag = 0;
    double number = 0;
    if (io::ParseBoolean(text, flag)) {
      values[row] = static_cast<float>(flag);
    } else if (io::ParseNumber(text, number) == io::NumberParse::kOk && std::isfinite(number) &&
               (!want_boolean || number == 0 || number == 1)) {
      values[row] = static_cast<float>(number);
    } else {
      return WrongValue(source, row, feature.name, want_boolean ? "true/false or 0/1" : "a number",
                        text);
    }
  }
  return values;
}

Result<std::unique_ptr<ColumnReader>> MakeReader(const Column& column, const ModelFeature& feature,
                                                 const std::string& source, size_t& unseen) {
  if (column.kind() == ColumnKind::kTimestamp) {
    return Status::InvalidArgument(source + ": column '" + feature.name +
                                   "' holds timestamps; the model expects " +
                                   std::string(ColumnKindName(feature.kind)) + " values");
  }
  if (feature.categorical()) {
    std::unordered_map<std::string_view, int32_t> code_of;
    for (size_t code = 0; code < feature.categories.size(); ++code)
      code_of.emplace(feature.categories[code], static_cast<int32_t>(code));
    auto lookup = [&](const std::string& label) {
      auto found = code_of.find(label);
      return found == code_of.end() ? -1 : found->second;
    };
    if (column.kind() == ColumnKind::kCategorical) {
      std::vector<int32_t> remap;
      for (const std::string& label : column.categories())
        remap.push_back(lookup(label));
      for (int32_t code : column.codes()) {
        if (code >= 0 && remap[static_cast<size_t>(code)] < 0)
          ++unseen;
      }
      return Reader<CodeReader>(column.codes(), std::move(remap));
    }
    std::vector<float> values(column.size(), kMissing);
    for (size_t row = 0; row < column.size(); ++row) {
      if (column.IsMissing(row))
        continue;
      const int32_t code = lookup(column.ValueToString(row));
      if (code < 0)
        ++unseen;
      else
        values[row] = static_cast<float>(code);
    }
    return Reader<ConvertedReader>(std::move(values));
  }
  if (column.kind() == ColumnKind::kNumeric && feature.kind == ColumnKind::kNumeric)
    return Reader<NumericReader>(column.numeric());
  if (column.kind() == ColumnKind::kBoolean)
    return Reader<BooleanReader>(column.booleans());
  STEWARD_ASSIGN_OR_RETURN(std::vector<float> values, ConvertToNumbers(column, feature, source));
  return Reader<ConvertedReader>(std::move(values));
}

}  // namespace

Result<xgb::DenseMatrix> BuildMatrix(const Table& table, const ModelSchema& schema,
                                     std::span<const uint32_t> rows, const std::string& source,
                                     unsigned threads, InputNotes* notes) {
  const Schema& columns = table.schema();
  std::vector<std::string> absent;
  for (const ModelFeature& feature : schema.features) {
    if (!columns.Find(feature.name))
      absent.push_back(feature.name);
  }
  if (!absent.empty()) {
    return Status::InvalidArgument(source + ": missing feature column" +
                                   (absent.size() > 1 ? "s " : " ") + "'" + JoinNames(absent) +
                                   "' that the model needs");
  }
  std::vector<std::unique_ptr<ColumnReader>> readers;
  for (const ModelFeature& feature : schema.features) {
    const Column& column = table.column(*columns.Find(feature.name));
    size_t unseen = 0;
    STEWARD_ASSIGN_OR_RETURN(std::unique_ptr<ColumnReader> reader,
                             MakeReader(column, feature, source, unseen));
    readers.push_back(std::move(reader));
    if (notes != nullptr && feature.categorical())
      notes->unseen_categories.emplace_back(feature.name, unseen);
  }
  if (notes != nullptr) {
    for (const Field& field : columns.fields()) {
      bool used = field.name == schema.target || field.name == schema.id_column ||
                  field.name == schema.weight_column;
      for (const ModelFeature& feature : schema.features)
        used = used || feature.name == field.name;
      if (!used)
        notes->extra_columns.push_back(field.name);
    }
  }

  xgb::DenseMatrix matrix;
  matrix.rows = rows.empty() ? table.num_rows() : rows.size();
  matrix.columns = readers.size();
  matrix.values.resize(matrix.rows * matrix.columns);
  // Row blocks fill disjoint parts of the matrix; each writes whole rows, which stay in cache.
  auto fill = [&](size_t begin, size_t end) {
    float* out = matrix.values.data() + begin * matrix.columns;
    for (size_t index = begin; index < end; ++index) {
      const size_t row = rows.empty() ? index : rows[index];
      for (const std::unique_ptr<ColumnReader>& reader : readers)
        *out++ = reader->Read(row);
    }
  };
  constexpr size_t kBlockRows = 16'384;
  const unsigned workers = ResolveThreadCount(threads);
  if (workers <= 1 || matrix.rows <= kBlockRows) {
    fill(0, matrix.rows);
    return matrix;
  }
  ThreadPool pool(workers);
  std::vector<std::future<void>> done;
  for (size_t begin = 0; begin < matrix.rows; begin += kBlockRows)
    done.push_back(
        pool.Submit([&, begin] { fill(begin, std::min(matrix.rows, begin + kBlockRows)); }));
  for (std::future<void>& future : done)
    future.get();
  return matrix;
}

}  // namespace steward::model
