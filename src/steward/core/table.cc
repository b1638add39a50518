#include "steward/core/table.h"

#include <unordered_map>

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
      return Status::InvalidArgument("column '" + field.name + "' holds " +
                                     std::string(ColumnKindName(columns[i].kind())) +
                                     " values but its field says " +
                                     std::string(ColumnKindName(field.kind)));
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

// Appends each part's values and frees the part right away, so the peak stays near one column.
template <typename T, typename Accessor>
std::vector<T> ConcatValues(std::vector<Column>& parts, Accessor values_of) {
  size_t total = 0;
  for (const Column& part : parts) total += part.size();
  std::vector<T> out;
  out.reserve(total);
  for (Column& part : parts) {
    auto values = values_of(part);
    out.insert(out.end(), values.begin(), values.end());
    part = Column::Numeric({});
  }
  return out;
}

Column ConcatColumn(ColumnKind kind, std::vector<Column>& parts) {
  switch (kind) {
    case ColumnKind::kNumeric: {
      return Column::Numeric(
          ConcatValues<double>(parts, [](const Column& part) { return part.numeric(); }));
    }
    case ColumnKind::kCategorical: {
      auto categories = std::make_shared<Categories>();
      std::unordered_map<std::string, int32_t> code_of;
      std::vector<int32_t> codes;
      for (auto& part : parts) {
        std::vector<int32_t> remap;
        for (const std::string& label : part.categories()) {
          auto [it, inserted] =
              code_of.try_emplace(label, static_cast<int32_t>(categories->size()));
          if (inserted) categories->push_back(label);
          remap.push_back(it->second);
        }
        for (int32_t code : part.codes()) {
          codes.push_back(code == kMissingCode ? kMissingCode : remap[static_cast<size_t>(code)]);
        }
        part = Column::Numeric({});
      }
      return Column::Categorical(std::move(codes), std::move(categories));
    }
    case ColumnKind::kText: {
      TextValues out;
      for (auto& part : parts) {
        const TextValues& text = part.text();
        for (size_t row = 0; row < text.size(); ++row) {
          if (text.missing[row]) {
            out.AppendMissing();
          } else {
            out.Append(text.at(row));
          }
        }
        part = Column::Numeric({});
      }
      return Column::Text(std::move(out));
    }
    case ColumnKind::kTimestamp: {
      return Column::Timestamp(
          ConcatValues<int64_t>(parts, [](const Column& part) { return part.timestamps(); }));
    }
    case ColumnKind::kBoolean: {
      return Column::Boolean(
          ConcatValues<int8_t>(parts, [](const Column& part) { return part.booleans(); }));
    }
  }
  return Column::Numeric({});
}

}  // namespace

Result<Table> ConcatenateTables(std::vector<Table> batches) {
  if (batches.empty()) return Status::InvalidArgument("no tables to concatenate");
  if (batches.size() == 1) return std::move(batches.front());
  Schema schema = batches.front().schema();
  for (size_t i = 1; i < batches.size(); ++i) {
    const Schema& other = batches[i].schema();
    bool same = other.size() == schema.size();
    for (size_t c = 0; same && c < schema.size(); ++c) {
      same = other.field(c).name == schema.field(c).name && other.field(c).kind == schema.field(c).kind;
    }
    if (!same) return Status::InvalidArgument("table " + std::to_string(i + 1) + " has another schema");
  }
  std::vector<std::vector<Column>> by_column(schema.size());
  for (Table& batch : batches) {
    std::vector<Column> columns = std::move(batch).ReleaseColumns();
    for (size_t c = 0; c < columns.size(); ++c) by_column[c].push_back(std::move(columns[c]));
  }
  batches.clear();
  std::vector<Column> columns;
  for (size_t c = 0; c < schema.size(); ++c) {
    columns.push_back(ConcatColumn(schema.field(c).kind, by_column[c]));
  }
  return Table::Make(std::move(schema), std::move(columns));
}

}  // namespace steward
