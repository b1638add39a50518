#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "steward/core/result.h"

namespace steward::io {

// Zero bytes after `capacity`, so a parser may read a word past the last byte.
inline constexpr size_t kByteBufferPadding = 16;

// Bytes owned by one chunk; uninitialised on allocation, since read() fills them anyway.
struct ByteBuffer {
  std::unique_ptr<char[]> data;
  size_t size = 0;
  size_t capacity = 0;

  std::string_view view() const { return {data.get(), size}; }
};

// Offset just past the last line break that ends a complete record in `data`, assuming `data`
// starts at a record boundary; npos if no record ends in it. A line break ends a record when
// an even number of quotes precedes it (RFC 4180 quotes pair up, doubled ones included).
size_t FindRecordBoundary(std::string_view data);

// Reads a file (or stdin for "-") sequentially and hands out runs of whole records, so that
// chunks can be parsed independently. Memory holds one chunk plus a partial record.
// Not thread-safe; one reader per input.
class CsvBlockReader {
 public:
  static Result<std::unique_ptr<CsvBlockReader>> Open(const std::string& path);
  ~CsvBlockReader();
  CsvBlockReader(const CsvBlockReader&) = delete;
  CsvBlockReader& operator=(const CsvBlockReader&) = delete;

  // Buffers at least `bytes` (fewer at end of input) and returns everything buffered.
  Result<std::string_view> Peek(size_t bytes);
  // Drops `bytes` from the front of the buffered data (e.g. the header).
  void Consume(size_t bytes);
  // Next run of whole records of about `target_bytes`; an empty buffer at end of input.
  // A record longer than `target_bytes` is returned whole.
  Result<ByteBuffer> NextChunk(size_t target_bytes);

  bool at_end() const { return eof_ && pending_.size == pending_offset_; }
  uint64_t bytes_consumed() const { return bytes_consumed_; }
  uint64_t total_bytes() const { return total_bytes_; }  // 0 when unknown

 private:
  CsvBlockReader(int fd, bool owns_fd, std::string display_name, uint64_t total_bytes);
  Status FillTo(ByteBuffer& buffer, size_t wanted);

  int fd_;
  bool owns_fd_;
  std::string display_name_;
  uint64_t total_bytes_;
  uint64_t bytes_consumed_ = 0;
  bool eof_ = false;
  ByteBuffer pending_;  // read but not yet handed out
  size_t pending_offset_ = 0;
};

}  // namespace steward::io
