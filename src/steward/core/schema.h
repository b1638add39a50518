#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "steward/core/column.h"
#include "steward/core/result.h"

namespace steward {

// What a column is for in a model: most are features; one is the target.
enum class ColumnRole : uint8_t { kFeature, kTarget, kSensitive, kId, kTime, kIgnored };

std::string_view ColumnRoleName(ColumnRole role);
Result<ColumnRole> ParseColumnRole(std::string_view name);

struct Field {
  std::string name;
  ColumnKind kind = ColumnKind::kNumeric;
  ColumnRole role = ColumnRole::kFeature;
};

// Names, kinds and roles of a table's columns. Names are unique.
class Schema {
 public:
  Schema() = default;
  // Fails with kInvalidArgument naming the first empty or duplicate name.
  static Result<Schema> Make(std::vector<Field> fields);

  size_t size() const { return fields_.size(); }
  const Field& field(size_t index) const { return fields_[index]; }
  const std::vector<Field>& fields() const { return fields_; }
  std::optional<size_t> Find(std::string_view name) const;

  // Fails with kNotFound naming the column and listing the known ones.
  Status SetRole(std::string_view name, ColumnRole role);
  Result<size_t> Require(std::string_view name) const;

 private:
  explicit Schema(std::vector<Field> fields) : fields_(std::move(fields)) {}
  std::vector<Field> fields_;
};

// Lists names as "a, b, c" (at most `limit`, then "and N more") for error messages.
std::string JoinNames(const std::vector<std::string>& names, size_t limit = 20);

}  // namespace steward
