#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "steward/core/result.h"
#include "steward/io/data_source.h"

namespace steward::cli {

// The flags of every verb that reads a data set, and their translation to SourceOptions.
struct SourceFlags {
  std::string delimiter;
  bool no_header = false;
  std::vector<std::string> missing;
  bool no_default_missing = false;
  std::vector<std::string> types;  // NAME=KIND
  std::string infer_rows = "20000";
  unsigned threads = 0;
  std::string bad_rows = "error";
  std::string quarantine;
  std::string format = "auto";
  std::string sql;

  void Register(CLI::App& command);
  Result<io::SourceOptions> Resolve() const;
};

}  // namespace steward::cli
