#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "steward/core/result.h"
#include "steward/io/input_file.h"

namespace steward::io {

// Bytes of whole records, and whatever keeps them alive (a buffer or the file mapping).
struct RecordChunk {
  std::string_view bytes;
  std::shared_ptr<const void> owner;
  bool mapped = false;  // a view into the file mapping, whose pages ReleaseChunk() may drop

  bool empty() const { return bytes.empty(); }
};

// Offset just past the last line break that ends a complete record in `data`, assuming `data`
// starts at a record boundary; npos if no record ends in it. A line break ends a record when
// an even number of quotes precedes it (RFC 4180 quotes pair up, doubled ones included).
size_t FindRecordBoundary(std::string_view data);

// Reads a file (or stdin for "-") sequentially and hands out runs of whole records, so that
// chunks can be parsed independently and concurrently.
//
// A regular file is memory-mapped: chunks are views into the mapping, and ReleaseChunk()
// drops a parsed chunk's pages so the resident set stays near one chunk per parser (the page
// cache keeps the file). Pipes and stdin are read into buffers instead. Truncating a mapped
// file while it is read makes the process fail with SIGBUS, as with any mmap reader.
// Not thread-safe, except ReleaseChunk(), which any thread may call.
class CsvBlockReader {
 public:
  static Result<std::unique_ptr<CsvBlockReader>> Open(const std::string& path);
  ~CsvBlockReader();
  CsvBlockReader(const CsvBlockReader&) = delete;
  CsvBlockReader& operator=(const CsvBlockReader&) = delete;

  // Makes at least `bytes` available (fewer at end of input) and returns all that is.
  Result<std::string_view> Peek(size_t bytes);
  // Drops `bytes` from the front of the available data (e.g. the header).
  void Consume(size_t bytes);
  // Next run of whole records of about `target_bytes`; empty at end of input.
  // A record longer than `target_bytes` is returned whole.
  Result<RecordChunk> NextChunk(size_t target_bytes);
  // Tells the reader that `chunk` will not be read again.
  static void ReleaseChunk(const RecordChunk& chunk);

  uint64_t total_bytes() const { return input_.is_stdin() ? 0 : input_.size(); }  // 0: unknown
  const std::string& display_name() const { return input_.display_name(); }

 private:
  struct Buffer;
  struct Mapping;
  explicit CsvBlockReader(InputFile input);
  Status FillTo(Buffer& buffer, size_t wanted);
  Result<RecordChunk> NextMappedChunk(size_t target_bytes);
  Result<RecordChunk> NextBufferedChunk(size_t target_bytes);

  InputFile input_;
  bool eof_ = false;
  std::shared_ptr<Mapping> mapping_;  // regular files
  std::unique_ptr<Buffer> pending_;   // pipes: read but not yet handed out
  size_t pending_offset_ = 0;
};

}  // namespace steward::io
