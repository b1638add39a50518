#include "steward/io/csv_block_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace steward::io {
namespace {

// memchr skips quote-free stretches at memory speed; most data has few quotes.
size_t CountQuotes(const char* begin, const char* end) {
  size_t quotes = 0;
  while (begin < end) {
    const void* found = std::memchr(begin, '"', static_cast<size_t>(end - begin));
    if (found == nullptr)
      break;
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
    if (found == nullptr)
      return std::string_view::npos;
    const size_t newline = static_cast<size_t>(static_cast<const char*>(found) - data.data());
    quotes_after += CountQuotes(data.data() + newline + 1, data.data() + end);
    if ((total_quotes - quotes_after) % 2 == 0)
      return newline + 1;
    end = newline;
  }
  return std::string_view::npos;
}

struct CsvBlockReader::Mapping {
  const char* data = nullptr;
  size_t size = 0;
  size_t offset = 0;  // start of what has not been handed out
  ~Mapping() {
    if (data != nullptr)
      ::munmap(const_cast<char*>(data), size);
  }
};

struct CsvBlockReader::Buffer {
  std::unique_ptr<char[]> data;
  size_t size = 0;
  size_t capacity = 0;

  explicit Buffer(size_t bytes)
      : data(std::make_unique_for_overwrite<char[]>(bytes)), capacity(bytes) {}
  void Grow(size_t bytes) {
    if (bytes <= capacity)
      return;
    auto bigger = std::make_unique_for_overwrite<char[]>(bytes);
    if (size > 0)
      std::memcpy(bigger.get(), data.get(), size);
    data = std::move(bigger);
    capacity = bytes;
  }
};

Result<std::unique_ptr<CsvBlockReader>> CsvBlockReader::Open(const std::string& path) {
  STEWARD_ASSIGN_OR_RETURN(InputFile input, InputFile::Open(path));
  auto reader = std::unique_ptr<CsvBlockReader>(new CsvBlockReader(std::move(input)));
  const InputFile& file = reader->input_;
  // stdin stays a stream even when redirected from a file: it may start past byte 0.
  if (file.is_regular() && !file.is_stdin() && file.size() > 0) {
    void* data = ::mmap(nullptr, file.size(), PROT_READ, MAP_PRIVATE, file.fd(), 0);
    if (data != MAP_FAILED) {
      ::madvise(data, file.size(), MADV_SEQUENTIAL);
      reader->mapping_ = std::make_shared<Mapping>();
      reader->mapping_->data = static_cast<const char*>(data);
      reader->mapping_->size = file.size();
    }
  }
  if (!reader->mapping_)
    ::posix_fadvise(file.fd(), 0, 0, POSIX_FADV_SEQUENTIAL);
  return reader;
}

CsvBlockReader::CsvBlockReader(InputFile input)
    : input_(std::move(input)), pending_(std::make_unique<Buffer>(0)) {}

CsvBlockReader::~CsvBlockReader() = default;

void CsvBlockReader::ReleaseChunk(const RecordChunk& chunk) {
  if (!chunk.mapped)
    return;
  // Only whole pages inside the chunk: the pages at its ends may hold a neighbour's bytes.
  static const auto kPage = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
  const auto begin = reinterpret_cast<uintptr_t>(chunk.bytes.data());
  const uintptr_t first = (begin + kPage - 1) & ~(kPage - 1);
  const uintptr_t last = (begin + chunk.bytes.size()) & ~(kPage - 1);
  if (last > first)
    ::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
}

Status CsvBlockReader::FillTo(Buffer& buffer, size_t wanted) {
  buffer.Grow(wanted);
  while (!eof_ && buffer.size < wanted) {
    ssize_t got =
        ::read(input_.fd(), buffer.data.get() + buffer.size, buffer.capacity - buffer.size);
    if (got < 0) {
      if (errno == EINTR)
        continue;
      return Status::Unavailable(input_.display_name() + ": read failed: " + std::strerror(errno));
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
  if (mapping_) {
    const size_t available = std::min(bytes, mapping_->size - mapping_->offset);
    return std::string_view(mapping_->data + mapping_->offset, available);
  }
  Buffer& pending = *pending_;
  if (pending_offset_ > 0) {
    std::memmove(pending.data.get(), pending.data.get() + pending_offset_,
                 pending.size - pending_offset_);
    pending.size -= pending_offset_;
    pending_offset_ = 0;
  }
  STEWARD_RETURN_IF_ERROR(FillTo(pending, std::max(bytes, pending.size)));
  return std::string_view(pending.data.get(), pending.size);
}

void CsvBlockReader::Consume(size_t bytes) {
  if (mapping_) {
    bytes = std::min(bytes, mapping_->size - mapping_->offset);
    mapping_->offset += bytes;
  } else {
    bytes = std::min(bytes, pending_->size - pending_offset_);
    pending_offset_ += bytes;
  }
}

Result<RecordChunk> CsvBlockReader::NextChunk(size_t target_bytes) {
  return mapping_ ? NextMappedChunk(target_bytes) : NextBufferedChunk(target_bytes);
}

Result<RecordChunk> CsvBlockReader::NextMappedChunk(size_t target_bytes) {
  Mapping& mapping = *mapping_;
  const std::string_view rest(mapping.data + mapping.offset, mapping.size - mapping.offset);
  size_t length = rest.size();
  for (size_t window = target_bytes; window < rest.size(); window *= 2) {
    const size_t boundary = FindRecordBoundary(rest.substr(0, window));
    if (boundary != std::string_view::npos) {
      length = boundary;
      break;
    }
  }
  mapping.offset += length;
  return RecordChunk{rest.substr(0, length), mapping_, true};
}

Result<RecordChunk> CsvBlockReader::NextBufferedChunk(size_t target_bytes) {
  Buffer& pending = *pending_;
  const size_t carried = pending.size - pending_offset_;
  const char* carried_data = pending.data.get() + pending_offset_;
  size_t length = 0;
  auto chunk = std::make_shared<Buffer>(std::max(target_bytes, carried + target_bytes / 4));
  if (carried > target_bytes) {
    // More is buffered than one chunk (after Peek): hand it out a chunk at a time.
    length = FindRecordBoundary(std::string_view(carried_data, target_bytes));
  }
  if (length != 0 && length != std::string_view::npos) {
    std::memcpy(chunk->data.get(), carried_data, length);
    chunk->size = length;
    pending_offset_ += length;
  } else {
    if (carried > 0)
      std::memcpy(chunk->data.get(), carried_data, carried);
    chunk->size = carried;
    pending.size = 0;
    pending_offset_ = 0;
    STEWARD_RETURN_IF_ERROR(FillTo(*chunk, chunk->capacity));
    while (!eof_) {
      const size_t boundary = FindRecordBoundary(std::string_view(chunk->data.get(), chunk->size));
      if (boundary != std::string_view::npos) {
        const size_t rest = chunk->size - boundary;
        pending.Grow(std::max(rest, target_bytes));
        std::memcpy(pending.data.get(), chunk->data.get() + boundary, rest);
        pending.size = rest;
        chunk->size = boundary;
        break;
      }
      // One record is longer than the chunk: keep reading until it ends.
      STEWARD_RETURN_IF_ERROR(FillTo(*chunk, chunk->capacity * 2));
    }
  }
  std::string_view bytes(chunk->data.get(), chunk->size);
  return RecordChunk{bytes, std::move(chunk), false};
}

}  // namespace steward::io
