#include "steward/io/csv_block_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace steward::io {
namespace {

ByteBuffer Allocate(size_t capacity) {
  ByteBuffer buffer;
  buffer.data = std::make_unique_for_overwrite<char[]>(capacity + kByteBufferPadding);
  std::memset(buffer.data.get() + capacity, 0, kByteBufferPadding);
  buffer.capacity = capacity;
  return buffer;
}

void Grow(ByteBuffer& buffer, size_t capacity) {
  if (capacity <= buffer.capacity) return;
  ByteBuffer bigger = Allocate(capacity);
  if (buffer.size > 0) std::memcpy(bigger.data.get(), buffer.data.get(), buffer.size);
  bigger.size = buffer.size;
  buffer = std::move(bigger);
}

}  // namespace

namespace {

// memchr skips quote-free stretches at memory speed; most data has few quotes.
size_t CountQuotes(const char* begin, const char* end) {
  size_t quotes = 0;
  while (begin < end) {
    const void* found = std::memchr(begin, '"', static_cast<size_t>(end - begin));
    if (found == nullptr) break;
    ++quotes;
    begin = static_cast<const char*>(found) + 1;
  }
  return quotes;
}

}  // namespace

size_t FindRecordBoundary(std::string_view data) {
  const size_t total_quotes = CountQuotes(data.data(), data.data() + data.size());
  size_t quotes_after = 0;
  size_t end = data.size();
  while (end > 0) {
    const void* found = memrchr(data.data(), '\n', end);
    if (found == nullptr) return std::string_view::npos;
    const size_t newline = static_cast<size_t>(static_cast<const char*>(found) - data.data());
    quotes_after += CountQuotes(data.data() + newline + 1, data.data() + end);
    if ((total_quotes - quotes_after) % 2 == 0) return newline + 1;
    end = newline;
  }
  return std::string_view::npos;
}

Result<std::unique_ptr<CsvBlockReader>> CsvBlockReader::Open(const std::string& path) {
  if (path == "-") {
    return std::unique_ptr<CsvBlockReader>(new CsvBlockReader(STDIN_FILENO, false, "<stdin>", 0));
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int error = errno;
    if (error == ENOENT) return Status::NotFound(path + ": no such file");
    if (error == EACCES) return Status::PermissionDenied(path + ": permission denied");
    return Status::InvalidArgument(path + ": cannot open: " + std::strerror(error));
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || S_ISDIR(info.st_mode)) {
    ::close(fd);
    return Status::InvalidArgument(path + ": is a directory, not a data file");
  }
  uint64_t total = S_ISREG(info.st_mode) ? static_cast<uint64_t>(info.st_size) : 0;
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return std::unique_ptr<CsvBlockReader>(new CsvBlockReader(fd, true, path, total));
}

CsvBlockReader::CsvBlockReader(int fd, bool owns_fd, std::string display_name, uint64_t total_bytes)
    : fd_(fd), owns_fd_(owns_fd), display_name_(std::move(display_name)), total_bytes_(total_bytes) {}

CsvBlockReader::~CsvBlockReader() {
  if (owns_fd_) ::close(fd_);
}

Status CsvBlockReader::FillTo(ByteBuffer& buffer, size_t wanted) {
  Grow(buffer, wanted);
  while (!eof_ && buffer.size < wanted) {
    ssize_t got = ::read(fd_, buffer.data.get() + buffer.size, buffer.capacity - buffer.size);
    if (got < 0) {
      if (errno == EINTR) continue;
      return Status::Unavailable(display_name_ + ": read failed: " + std::strerror(errno));
    }
    if (got == 0) {
      eof_ = true;
      break;
    }
    buffer.size += static_cast<size_t>(got);
  }
  return Status::Ok();
}

Result<std::string_view> CsvBlockReader::Peek(size_t bytes) {
  if (pending_offset_ > 0) {
    std::memmove(pending_.data.get(), pending_.data.get() + pending_offset_,
                 pending_.size - pending_offset_);
    pending_.size -= pending_offset_;
    pending_offset_ = 0;
  }
  STEWARD_RETURN_IF_ERROR(FillTo(pending_, std::max(bytes, pending_.size)));
  return pending_.view();
}

void CsvBlockReader::Consume(size_t bytes) {
  bytes = std::min(bytes, pending_.size - pending_offset_);
  pending_offset_ += bytes;
  bytes_consumed_ += bytes;
}

Result<ByteBuffer> CsvBlockReader::NextChunk(size_t target_bytes) {
  const size_t carried = pending_.size - pending_offset_;
  if (carried > target_bytes) {
    // More is buffered than one chunk (after Peek): hand it out a chunk at a time.
    std::string_view window(pending_.data.get() + pending_offset_, target_bytes);
    const size_t boundary = FindRecordBoundary(window);
    if (boundary != std::string_view::npos) {
      ByteBuffer chunk = Allocate(boundary);
      std::memcpy(chunk.data.get(), window.data(), boundary);
      chunk.size = boundary;
      pending_offset_ += boundary;
      bytes_consumed_ += boundary;
      return chunk;
    }
  }
  ByteBuffer chunk = Allocate(std::max(target_bytes, carried + target_bytes / 4) + 1);
  if (carried > 0) std::memcpy(chunk.data.get(), pending_.data.get() + pending_offset_, carried);
  chunk.size = carried;
  pending_.size = 0;
  pending_offset_ = 0;
  STEWARD_RETURN_IF_ERROR(FillTo(chunk, chunk.capacity));
  for (;;) {
    if (eof_) break;
    size_t boundary = FindRecordBoundary(chunk.view());
    if (boundary != std::string_view::npos) {
      const size_t rest = chunk.size - boundary;
      Grow(pending_, std::max(rest, target_bytes));
      std::memcpy(pending_.data.get(), chunk.data.get() + boundary, rest);
      pending_.size = rest;
      chunk.size = boundary;
      break;
    }
    // One record is longer than the chunk: keep reading until it ends.
    STEWARD_RETURN_IF_ERROR(FillTo(chunk, chunk.capacity * 2));
  }
  bytes_consumed_ += chunk.size;
  return chunk;
}

}  // namespace steward::io
