#include "steward/registry/database.h"

namespace steward::registry {

int64_t AsInteger(const SqlValue& value) {
  if (const auto* integer = std::get_if<int64_t>(&value))
    return *integer;
  return 0;
}

std::string AsText(const SqlValue& value) {
  if (const auto* text = std::get_if<std::string>(&value))
    return *text;
  if (const auto* integer = std::get_if<int64_t>(&value))
    return std::to_string(*integer);
  return "";
}

bool IsNull(const SqlValue& value) {
  return std::holds_alternative<std::monostate>(value);
}

}  // namespace steward::registry
