#pragma once

#include <string>
#include <string_view>

#include "steward/core/result.h"

namespace steward::io {

// Writes a file so that readers see either the old contents or the complete new ones:
// data goes to a temporary file beside the target, which is fsynced, renamed over the
// target, and the directory fsynced. A failed fsync fails the write (RELIABILITY.md §1:
// the kernel may have dropped the pages, so the data is never trusted afterwards).
// Without Commit(), the destructor removes the temporary file and the target is untouched.
class AtomicFileWriter {
 public:
  static Result<AtomicFileWriter> Open(const std::string& path);
  AtomicFileWriter(AtomicFileWriter&& other) noexcept;
  AtomicFileWriter& operator=(AtomicFileWriter&&) = delete;
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  ~AtomicFileWriter();

  Status Append(std::string_view bytes);
  Status Commit();
  const std::string& path() const { return path_; }

 private:
  AtomicFileWriter(std::string path, std::string temp_path, int fd)
      : path_(std::move(path)), temp_path_(std::move(temp_path)), fd_(fd) {}
  Status Flush();
  void Abandon();

  std::string path_;
  std::string temp_path_;
  int fd_ = -1;
  std::string buffer_;
};

// Replaces `path` with `contents` atomically (see AtomicFileWriter).
Status WriteFileAtomically(const std::string& path, std::string_view contents);

// Fsyncs the directory at `path`, so that a rename or a new file in it survives a crash. A
// failure is kDataLoss (the kernel may have dropped the change; RELIABILITY.md §1).
Status SyncDirectory(const std::string& path);

// Reads a whole file; fails with kNotFound or kInvalidArgument naming the path.
Result<std::string> ReadFileToString(const std::string& path);

}  // namespace steward::io
