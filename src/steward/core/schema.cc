#include "steward/core/schema.h"

#include <array>
#include <unordered_map>

namespace steward {
namespace {
constexpr std::array<std::string_view, 6> kRoleNames = {"feature", "target", "sensitive",
                                                        "id",      "time",   "ignored"};
}  // namespace

std::string_view ColumnRoleName(ColumnRole role) {
  return kRoleNames[static_cast<size_t>(role)];
}

Result<ColumnRole> ParseColumnRole(std::string_view name) {
  for (size_t i = 0; i < kRoleNames.size(); ++i) {
    if (kRoleNames[i] == name)
      return static_cast<ColumnRole>(i);
  }
  return Status::InvalidArgument("unknown column role '" + std::string(name) +
                                 "' (expected feature, target, sensitive, id, time or ignored)");
}

Result<Schema> Schema::Make(std::vector<Field> fields) {
  std::unordered_map<std::string_view, size_t> position;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name.empty()) {
      return Status::InvalidArgument("column " + std::to_string(i + 1) + " has an empty name");
    }
    auto [it, inserted] = position.emplace(fields[i].name, i);
    if (!inserted) {
      return Status::InvalidArgument("duplicate column name '" + fields[i].name + "' (columns " +
                                     std::to_string(it->second + 1) + " and " +
                                     std::to_string(i + 1) + ")");
    }
  }
  return Schema(std::move(fields));
}

std::optional<size_t> Schema::Find(std::string_view name) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].name == name)
      return i;
  }
  return std::nullopt;
}

Result<size_t> Schema::Require(std::string_view name) const {
  if (auto index = Find(name))
    return *index;
  std::vector<std::string> names;
  for (const Field& field : fields_)
    names.push_back(field.name);
  return Status::NotFound("unknown column '" + std::string(name) +
                          "' (columns: " + JoinNames(names) + ")");
}

Status Schema::SetRole(std::string_view name, ColumnRole role) {
  STEWARD_ASSIGN_OR_RETURN(size_t index, Require(name));
  fields_[index].role = role;
  return Status::Ok();
}

std::string JoinNames(const std::vector<std::string>& names, size_t limit) {
  std::string joined;
  for (size_t i = 0; i < names.size() && i < limit; ++i) {
    if (i > 0)
      joined += ", ";
    joined += names[i];
  }
  if (names.size() > limit)
    joined += ", and " + std::to_string(names.size() - limit) + " more";
  return joined;
}

}  // namespace steward
