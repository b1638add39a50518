#pragma once
// Test support only: included by *_test.cc files, never by the library.

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

#include <gtest/gtest.h>
#include <stdlib.h>

namespace steward::testing {

// A fresh directory under the system's temporary directory, removed with its files.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "steward_test_XXXXXX").string();
    EXPECT_NE(::mkdtemp(pattern.data()), nullptr) << "cannot create " << pattern;
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code error;
    std::filesystem::remove_all(path_, error);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string Path(const std::string& name) const { return path_ + "/" + name; }
  // Writes `contents` to the file `name` in the directory; returns its path.
  std::string Write(const std::string& name, std::string_view contents) const {
    std::ofstream out(Path(name), std::ios::binary);
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    return Path(name);
  }

 private:
  std::string path_;
};

}  // namespace steward::testing
