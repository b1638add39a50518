#pragma once
// Test support only: included by *_test.cc files, never by the library.

#include <string>

#include <gtest/gtest.h>

#include "steward/core/table.h"
#include "steward/io/data_source.h"

namespace steward::testing {

// A data set of data/ (the repository's bundled data), read as `steward` reads it.
inline Table ReadBundledData(const std::string& name) {
  Result<io::ReadResult> read =
      io::ReadSource(std::string(STEWARD_SOURCE_DIR) + "/data/" + name, io::SourceOptions{});
  EXPECT_TRUE(read.ok()) << read.status().message();
  return std::move(read).value().table;
}

}  // namespace steward::testing
