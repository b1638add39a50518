#include "steward/validate/internal/toml_fields.h"

#include <cmath>

#include "steward/io/value_parsing.h"
#include "steward/validate/internal/format_number.h"

namespace steward::validate::internal {

SourceLocation TomlFields::Location(const toml::source_region& where) const {
  SourceLocation location;
  location.file = file_;
  location.line = where.begin.line;
  location.column = where.begin.column;
  return location;
}

Status TomlFields::Error(const toml::source_region& where, const std::string& what) const {
  return Status::InvalidArgument(file_ + ":" + std::to_string(where.begin.line) + ":" +
                                 std::to_string(where.begin.column) + ": " + what);
}

Status TomlFields::CheckKeys(const toml::table& table, const std::string& what,
                             std::initializer_list<std::string_view> known) const {
  for (auto&& [key, node] : table) {
    bool found = false;
    std::string list;
    for (std::string_view name : known) {
      found = found || key.str() == name;
      list += list.empty() ? "" : ", ";
      list += name;
    }
    if (!found) {
      return Error(key.source(), "unknown key " + io::QuoteForMessage(key.str()) + " in " + what +
                                     " (known: " + list + ")");
    }
  }
  return Status::Ok();
}

Status TomlFields::WrongType(const toml::node& node, const std::string& what,
                             std::string_view expected) const {
  return Error(node.source(), what + " must be " + std::string(expected) + ", got " +
                                  std::string(DescribeType(node.type())));
}

Result<std::string> TomlFields::String(const toml::node& node, const std::string& what) const {
  if (const auto* value = node.as_string())
    return value->get();
  return WrongType(node, what, "a string");
}

Result<bool> TomlFields::Boolean(const toml::node& node, const std::string& what) const {
  if (const auto* value = node.as_boolean())
    return value->get();
  return WrongType(node, what, "true or false");
}

Result<uint64_t> TomlFields::Count(const toml::node& node, const std::string& what) const {
  const auto* value = node.as_integer();
  if (value == nullptr)
    return WrongType(node, what, "a non-negative integer");
  if (value->get() < 0) {
    return Error(node.source(),
                 what + " must be a non-negative integer, got " + std::to_string(value->get()));
  }
  return static_cast<uint64_t>(value->get());
}

Result<double> TomlFields::Number(const toml::node& node, const std::string& what) const {
  if (const auto* integer = node.as_integer())
    return static_cast<double>(integer->get());
  if (const auto* floating = node.as_floating_point()) {
    if (std::isnan(floating->get()))
      return Error(node.source(), what + " must be a number, got nan");
    return floating->get();
  }
  return WrongType(node, what, "a number");
}

Result<double> TomlFields::Rate(const toml::node& node, const std::string& what) const {
  STEWARD_ASSIGN_OR_RETURN(double rate, Number(node, what));
  if (rate < 0 || rate > 1) {
    return Error(node.source(), what + " must be between 0 and 1, got " + FormatNumber(rate));
  }
  return rate;
}

Result<const toml::table*> TomlFields::Table(const toml::node& node,
                                             const std::string& what) const {
  if (const auto* table = node.as_table())
    return table;
  return WrongType(node, what, "a table");
}

Result<const toml::array*> TomlFields::Array(const toml::node& node,
                                             const std::string& what) const {
  if (const auto* array = node.as_array())
    return array;
  return WrongType(node, what, "an array");
}

std::string_view DescribeType(toml::node_type type) {
  switch (type) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

std::string SanitizeMessage(std::string_view text) {
  const bool valid = io::IsValidUtf8(text);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F)
      out += ' ';
    else if (byte >= 0x80 && !valid)
      out += '?';
    else
      out += c;
  }
  return out;
}

}  // namespace steward::validate::internal
