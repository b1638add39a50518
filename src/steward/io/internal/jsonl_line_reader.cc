#include "steward/io/internal/jsonl_line_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace steward::io::internal {
namespace {

constexpr size_t kBlockBytes = size_t{1} << 20;
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

}  // namespace

JsonlLineReader::JsonlLineReader(InputFile input, uint64_t total_bytes,
                                 std::optional<off_t> start_offset)
    : input_(std::move(input)),
      total_bytes_(total_bytes),
      start_offset_(start_offset),
      keep_all_(!start_offset.has_value()) {
  // Small files get a small buffer: the fuzzer opens thousands of them a second.
  capacity_ = total_bytes > 0
                  ? static_cast<size_t>(std::clamp<uint64_t>(total_bytes + 1, 4096, kBlockBytes))
                  : kBlockBytes;
  buffer_ = std::make_unique_for_overwrite<char[]>(capacity_);
}

JsonlLineReader::~JsonlLineReader() = default;

Result<std::unique_ptr<JsonlLineReader>> JsonlLineReader::Open(const std::string& path) {
  STEWARD_ASSIGN_OR_RETURN(InputFile input, InputFile::Open(path));
  uint64_t total = 0;
  std::optional<off_t> start;
  if (input.is_regular()) {
    // stdin redirected from a file may start past its beginning.
    const off_t offset = ::lseek(input.fd(), 0, SEEK_CUR);
    if (offset >= 0) {
      start = offset;
      const auto size = static_cast<off_t>(input.size());
      total = offset < size ? static_cast<uint64_t>(size - offset) : 0;
    }
    ::posix_fadvise(input.fd(), 0, 0, POSIX_FADV_SEQUENTIAL);
  }
  return std::unique_ptr<JsonlLineReader>(new JsonlLineReader(std::move(input), total, start));
}

Status JsonlLineReader::Fill() {
  if (!keep_all_ && begin_ > 0) {
    std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == capacity_) {
    auto bigger = std::make_unique_for_overwrite<char[]>(capacity_ * 2);
    std::memcpy(bigger.get(), buffer_.get(), end_);
    buffer_ = std::move(bigger);
    capacity_ *= 2;
  }
  for (;;) {
    const ssize_t got = ::read(input_.fd(), buffer_.get() + end_, capacity_ - end_);
    if (got < 0) {
      if (errno == EINTR)
        continue;
      return Status::Unavailable(input_.display_name() + ": read failed: " + std::strerror(errno));
    }
    if (got == 0)
      eof_ = true;
    end_ += static_cast<size_t>(got);
    return Status::Ok();
  }
}

Result<bool> JsonlLineReader::NextRawLine(std::string_view& line) {
  size_t scanned = 0;  // bytes after begin_ known to hold no line break
  for (;;) {
    const char* start = buffer_.get() + begin_;
    const size_t available = end_ - begin_;
    const void* found =
        available > scanned ? std::memchr(start + scanned, '\n', available - scanned) : nullptr;
    if (found != nullptr || (eof_ && available > 0)) {
      const size_t length = found != nullptr
                                ? static_cast<size_t>(static_cast<const char*>(found) - start) + 1
                                : available;
      line = std::string_view(start, length);
      begin_ += length;
      bytes_consumed_ += length;
      return true;
    }
    if (eof_)
      return false;
    scanned = available;
    STEWARD_RETURN_IF_ERROR(Fill());
  }
}

Result<bool> JsonlLineReader::NextLine(std::string_view& raw, std::string_view& text) {
  STEWARD_ASSIGN_OR_RETURN(bool more, NextRawLine(raw));
  if (!more)
    return false;
  ++line_;
  text = raw;
  if (line_ == 1 && text.starts_with(kUtf8Bom))
    text.remove_prefix(kUtf8Bom.size());
  if (text.ends_with('\n'))
    text.remove_suffix(1);
  if (text.ends_with('\r'))
    text.remove_suffix(1);
  return true;
}

Status JsonlLineReader::Rewind() {
  bytes_consumed_ = 0;
  line_ = 0;
  if (!start_offset_) {
    begin_ = 0;
    keep_all_ = false;
    return Status::Ok();
  }
  if (::lseek(input_.fd(), *start_offset_, SEEK_SET) < 0) {
    return Status::Unavailable(input_.display_name() +
                               ": cannot seek back to the start: " + std::strerror(errno));
  }
  begin_ = 0;
  end_ = 0;
  eof_ = false;
  return Status::Ok();
}

}  // namespace steward::io::internal
