#pragma once

#include <cstdint>
#include <string>

#include "steward/core/result.h"

namespace steward::io {

// An input opened for reading: a file by path, or stdin for "-". Open() fails with kNotFound
// for a missing file, kPermissionDenied for an unreadable one, and kInvalidArgument for a
// directory or any other failure; messages start with the path. Move-only; the destructor
// closes the file (never stdin). Not thread-safe.
class InputFile {
 public:
  static Result<InputFile> Open(const std::string& path);
  InputFile(InputFile&& other) noexcept;
  InputFile& operator=(InputFile&& other) noexcept;
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  ~InputFile();

  int fd() const { return fd_; }
  const std::string& display_name() const { return display_name_; }  // the path, or "<stdin>"
  bool is_stdin() const { return !owns_fd_; }
  bool is_regular() const { return regular_; }  // a regular file (stdin may be one, redirected)
  uint64_t size() const { return size_; }       // of a regular file; 0 otherwise

 private:
  InputFile() = default;
  int fd_ = -1;
  bool owns_fd_ = false;
  std::string display_name_;
  bool regular_ = false;
  uint64_t size_ = 0;
};

}  // namespace steward::io
