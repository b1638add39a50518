#include "steward/core/table.h"

#include <algorithm>
#include <span>
#include <unordered_map>

#include <sys/mman.h>
#include <unistd.h>

namespace steward {

Result<Table> Table::Make(Schema schema, std::vector<Column> columns) {
  if (schema.size() != columns.size()) {
    return Status::InvalidArgument("table has " + std::to_string(schema.size()) + " fields but " +
                                   std::to_string(columns.size()) + " columns");
  }
  size_t num_rows = columns.empty() ? 0 : columns.front().size();
  for (size_t i = 0; i < columns.size(); ++i) {
    const Field& field = schema.field(i);
    if (columns[i].kind() != field.kind) {
      return Status::InvalidArgument(
          "column '" + field.name + "' holds " + std::string(ColumnKindName(columns[i].kind())) +
          " values but its field says " + std::string(ColumnKindName(field.kind)));
    }
    if (columns[i].size() != num_rows) {
      return Status::InvalidArgument("column '" + field.name + "' has " +
                                     std::to_string(columns[i].size()) + " rows, expected " +
                                     std::to_string(num_rows));
    }
  }
  return Table(std::move(schema), std::move(columns), num_rows);
}

Result<const Column*> Table::ColumnByName(std::string_view name) const {
  STEWARD_ASSIGN_OR_RETURN(size_t index, schema_.Require(name));
  return &columns_[index];
}

std::vector<Column> Table::ReleaseColumns() && {
  num_rows_ = 0;
  return std::move(columns_);
}

namespace {

// Faults in a freshly reserved column in one system call. Touching 140 MB page by page costs
// ~35,000 page faults, which made appending a third of a large read; the kernel populates
// the range far faster. Advice only: on kernels before 5.14 it fails and pages fault as usual.
void Prefault(const void* begin, size_t bytes) {
#ifdef MADV_POPULATE_WRITE
  static const auto kPage = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
  const auto start = (reinterpret_cast<uintptr_t>(begin) + kPage - 1) & ~(kPage - 1);
  const auto end = (reinterpret_cast<uintptr_t>(begin) + bytes) & ~(kPage - 1);
  if (end > start)
    ::madvise(reinterpret_cast<void*>(start), end - start, MADV_POPULATE_WRITE);
#else
  (void)begin;
  (void)bytes;
#endif
}

}  // namespace

class TableAppender::ColumnAppender {
 public:
  ColumnAppender(ColumnKind kind, size_t expected_rows)
      : kind_(kind), expected_rows_(expected_rows) {}

  void Append(const Column& part) {
    switch (kind_) {
      case ColumnKind::kNumeric:
        AppendValues(numbers_, part.numeric());
        break;
      case ColumnKind::kCategorical:
        AppendCategorical(part);
        break;
      case ColumnKind::kText:
        AppendText(part.text());
        break;
      case ColumnKind::kTimestamp:
        AppendValues(micros_, part.timestamps());
        break;
      case ColumnKind::kBoolean:
        AppendValues(booleans_, part.booleans());
        break;
    }
  }

  Column Finish() {
    switch (kind_) {
      case ColumnKind::kNumeric:
        return Column::Numeric(std::move(numbers_));
      case ColumnKind::kCategorical:
        return Column::Categorical(std::move(codes_), std::move(categories_));
      case ColumnKind::kText:
        return Column::Text(std::move(text_));
      case ColumnKind::kTimestamp:
        return Column::Timestamp(std::move(micros_));
      case ColumnKind::kBoolean:
        return Column::Boolean(std::move(booleans_));
    }
    return Column::Numeric({});
  }

 private:
  // Grows by 1.25x rather than doubling: a doubled column may hold twice the memory it needs.
  template <typename T>
  void MakeRoom(std::vector<T>& values, size_t more) {
    const size_t needed = values.size() + more;
    if (needed <= values.capacity())
      return;
    size_t capacity = values.capacity() == 0 ? std::max(needed, expected_rows_)
                                             : values.capacity() + values.capacity() / 4;
    values.reserve(std::max(needed, capacity));
    Prefault(values.data() + values.size(), (values.capacity() - values.size()) * sizeof(T));
  }

  template <typename T>
  void AppendValues(std::vector<T>& out, std::span<const T> values) {
    MakeRoom(out, values.size());
    out.insert(out.end(), values.begin(), values.end());
  }

  void AppendCategorical(const Column& part) {
    const std::shared_ptr<const Categories>& incoming = part.shared_categories();
    const Categories& labels = *incoming;
    bool extends = categories_ == nullptr || incoming == categories_ ||
                   (code_of_.empty() && labels.size() >= categories_->size() &&
                    std::equal(categories_->begin(), categories_->end(), labels.begin()));
    if (extends) {
      categories_ = incoming;
      AppendValues(codes_, part.codes());
      return;
    }
    // Categories that do not extend ours: remap by label into a dictionary of our own.
    if (code_of_.empty()) {
      auto own = std::make_shared<Categories>(*categories_);
      for (size_t code = 0; code < own->size(); ++code)
        code_of_.emplace((*own)[code], static_cast<int32_t>(code));
      categories_ = own;
      own_categories_ = std::move(own);
    }
    std::vector<int32_t> remap(labels.size());
    for (size_t code = 0; code < labels.size(); ++code) {
      auto [it, inserted] =
          code_of_.try_emplace(labels[code], static_cast<int32_t>(own_categories_->size()));
      if (inserted)
        own_categories_->push_back(labels[code]);
      remap[code] = it->second;
    }
    MakeRoom(codes_, part.codes().size());
    for (int32_t code : part.codes()) {
      codes_.push_back(code == kMissingCode ? kMissingCode : remap[static_cast<size_t>(code)]);
    }
  }

  void AppendText(const TextValues& part) {
    MakeRoom(text_.missing, part.size());
    MakeRoom(text_.offsets, part.size());
    const uint64_t base = text_.bytes.size();
    text_.bytes.append(part.bytes);
    for (size_t row = 1; row < part.offsets.size(); ++row)
      text_.offsets.push_back(base + part.offsets[row]);
    text_.missing.insert(text_.missing.end(), part.missing.begin(), part.missing.end());
  }

  ColumnKind kind_;
  size_t expected_rows_;
  std::vector<double> numbers_;
  std::vector<int32_t> codes_;
  std::shared_ptr<const Categories> categories_;
  std::shared_ptr<Categories> own_categories_;  // set once remapping began
  std::unordered_map<std::string, int32_t> code_of_;
  TextValues text_;
  std::vector<int64_t> micros_;
  std::vector<int8_t> booleans_;
};

TableAppender::TableAppender(Schema schema, size_t expected_rows) : schema_(std::move(schema)) {
  columns_.reserve(schema_.size());
  for (const Field& field : schema_.fields())
    columns_.emplace_back(field.kind, expected_rows);
}

TableAppender::~TableAppender() = default;
TableAppender::TableAppender(TableAppender&&) noexcept = default;
TableAppender& TableAppender::operator=(TableAppender&&) noexcept = default;

Status TableAppender::Append(Table batch) {
  const Schema& other = batch.schema();
  bool same = other.size() == schema_.size();
  for (size_t c = 0; same && c < schema_.size(); ++c) {
    same = other.field(c).name == schema_.field(c).name &&
           other.field(c).kind == schema_.field(c).kind;
  }
  if (!same)
    return Status::InvalidArgument("a batch has another schema than the table it is appended to");
  std::vector<Column> parts = std::move(batch).ReleaseColumns();
  for (size_t c = 0; c < parts.size(); ++c) {
    columns_[c].Append(parts[c]);
    parts[c] = Column::Numeric({});  // free this batch column right away
  }
  return Status::Ok();
}

Result<Table> TableAppender::Finish() && {
  std::vector<Column> columns;
  columns.reserve(columns_.size());
  for (ColumnAppender& column : columns_)
    columns.push_back(column.Finish());
  columns_.clear();
  return Table::Make(std::move(schema_), std::move(columns));
}

Result<Table> ConcatenateTables(std::vector<Table> batches) {
  if (batches.empty())
    return Status::InvalidArgument("no tables to concatenate");
  size_t rows = 0;
  for (const Table& batch : batches)
    rows += batch.num_rows();
  TableAppender appender(batches.front().schema(), rows);
  for (Table& batch : batches)
    STEWARD_RETURN_IF_ERROR(appender.Append(std::move(batch)));
  return std::move(appender).Finish();
}

}  // namespace steward
