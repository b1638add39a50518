#pragma once

// Module-private: used by steward/io/jsonl_reader.cc only; not part of the library's interface.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <sys/types.h>

#include "steward/core/result.h"
#include "steward/io/input_file.h"

namespace steward::io::internal {

// Reads the lines of a JSON Lines input (a file, or stdin for "-") in blocks of 1 MiB (less for
// a smaller file), numbering them and removing line breaks (LF or CRLF) and the UTF-8 byte order
// mark that may open the input. Memory is one block and the longest line, except that an input
// that cannot seek (stdin, a pipe) keeps every byte it read until Rewind(), so that a sampled
// prefix can be read a second time.
//
// Open() fails with kNotFound for a missing file, kPermissionDenied for an unreadable one, and
// kInvalidArgument for a directory or any other failure to open; a failed read or seek is
// kUnavailable. Messages start with display_name().
// Not thread-safe; call from one thread.
class JsonlLineReader {
 public:
  static Result<std::unique_ptr<JsonlLineReader>> Open(const std::string& path);
  ~JsonlLineReader();
  JsonlLineReader(const JsonlLineReader&) = delete;
  JsonlLineReader& operator=(const JsonlLineReader&) = delete;

  // The next line as its `raw` bytes (with its line break, if it has one) and as the `text` of
  // its record (line break, a CR before it, and on line 1 a byte order mark removed). Both stay
  // valid until the next call. False at the end of the input.
  Result<bool> NextLine(std::string_view& raw, std::string_view& text);
  // Starts again from the first byte, as line 1.
  // REQUIRES: no earlier Rewind() if the input cannot seek (it stops keeping bytes then).
  Status Rewind();

  const std::string& display_name() const {
    return input_.display_name();
  }                                             // the path, or "<stdin>"
  size_t line_number() const { return line_; }  // of the last line read; 0 before the first
  uint64_t bytes_consumed() const { return bytes_consumed_; }
  uint64_t total_bytes() const { return total_bytes_; }  // 0 when unknown

 private:
  JsonlLineReader(InputFile input, uint64_t total_bytes, std::optional<off_t> start_offset);
  // The next line with its line break, if it has one.
  Result<bool> NextRawLine(std::string_view& line);
  Status Fill();

  InputFile input_;
  uint64_t total_bytes_;
  std::optional<off_t> start_offset_;  // where the input starts; nullopt if it cannot seek
  bool keep_all_;                      // keep the bytes already read, for Rewind()
  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = 0;
  size_t begin_ = 0;  // first byte not yet handed out
  size_t end_ = 0;    // end of the bytes read
  bool eof_ = false;
  uint64_t bytes_consumed_ = 0;
  size_t line_ = 0;
};

}  // namespace steward::io::internal
