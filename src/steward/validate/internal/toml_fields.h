#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "steward/core/result.h"
#include "steward/validate/suite.h"

namespace steward::validate::internal {

// Typed reads of toml++ nodes for the suite parser. Every failure is kInvalidArgument with a
// message "FILE:LINE:COLUMN: what" pointing at the offending key or value. `what` names the
// field as the caller passes it, e.g. "column 'age': min".
class TomlFields {
 public:
  explicit TomlFields(std::string file) : file_(std::move(file)) {}

  const std::string& file() const { return file_; }
  SourceLocation Location(const toml::source_region& where) const;
  Status Error(const toml::source_region& where, const std::string& what) const;

  // Fails on the first key of `table` not in `known`.
  Status CheckKeys(const toml::table& table, const std::string& what,
                   std::initializer_list<std::string_view> known) const;

  Result<std::string> String(const toml::node& node, const std::string& what) const;
  Result<bool> Boolean(const toml::node& node, const std::string& what) const;
  Result<uint64_t> Count(const toml::node& node, const std::string& what) const;  // >= 0
  Result<double> Number(const toml::node& node, const std::string& what) const;   // not NaN
  Result<double> Rate(const toml::node& node, const std::string& what) const;     // in [0, 1]
  Result<const toml::table*> Table(const toml::node& node, const std::string& what) const;
  Result<const toml::array*> Array(const toml::node& node, const std::string& what) const;

 private:
  Status WrongType(const toml::node& node, const std::string& what,
                   std::string_view expected) const;
  std::string file_;
};

// "a string", "an integer", "a date-time", ... for messages.
std::string_view DescribeType(toml::node_type type);

// A message safe to print on one line: invalid UTF-8 bytes become '?', control bytes spaces.
std::string SanitizeMessage(std::string_view text);

}  // namespace steward::validate::internal
