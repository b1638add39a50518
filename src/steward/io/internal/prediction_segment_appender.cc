#include "steward/io/internal/prediction_segment_appender.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "steward/io/atomic_file.h"
#include "steward/io/internal/segment_lock.h"

namespace steward::io::internal {
namespace {

std::string ErrnoText(int error) {
  return std::strerror(error);
}

Result<std::optional<SegmentName>> NewestSegment(const std::string& directory) {
  std::error_code error;
  std::optional<SegmentName> newest;
  std::string newest_file;
  for (std::filesystem::directory_iterator it(directory, error), end; !error && it != end;
       it.increment(error)) {
    const std::string file = it->path().filename().string();
    std::optional<SegmentName> name = ParseSegmentFileName(file);
    if (name && file > newest_file) {
      newest = std::move(name);
      newest_file = file;
    }
  }
  if (error)
    return Status::Unavailable(directory + ": cannot list the prediction log: " + error.message());
  return newest;
}

// Cuts everything after the last line break of `path`. Under the segment's lock, so that it
// never races `steward forget` rewriting the same segment (internal/segment_lock.h).
Status CutTornTail(const std::string& path) {
  Result<LockedSegment> segment = OpenLockedSegment(path, O_RDWR, /*wait=*/true);
  if (!segment.ok()) {
    return Status(segment.status().code(),
                  "cannot check the last line of a segment: " + segment.status().message());
  }
  const int fd = segment->fd();
  struct stat info {};
  Status status;
  if (::fstat(fd, &info) != 0)
    status = Status::Unavailable(path + ": cannot stat: " + ErrnoText(errno));
  // Backwards in blocks to the last line break: lines can be megabytes long.
  off_t keep = status.ok() ? info.st_size : 0;
  char block[65536];
  bool found = false;
  while (status.ok() && !found && keep > 0) {
    const off_t start = std::max<off_t>(0, keep - static_cast<off_t>(sizeof(block)));
    const auto want = static_cast<size_t>(keep - start);
    const ssize_t got = ::pread(fd, block, want, start);
    if (got < 0 && errno == EINTR)
      continue;
    if (got != static_cast<ssize_t>(want)) {
      status = Status::Unavailable(path + ": cannot read its last line: " +
                                   (got < 0 ? ErrnoText(errno) : std::string("short read")));
      break;
    }
    if (const void* newline = ::memrchr(block, '\n', want)) {
      keep = start + (static_cast<const char*>(newline) - block) + 1;
      found = true;
    } else {
      keep = start;
    }
  }
  if (status.ok() && keep < info.st_size && (::ftruncate(fd, keep) != 0 || ::fsync(fd) != 0))
    status = Status::Unavailable(path + ": cannot cut off its torn last line: " + ErrnoText(errno));
  return status;
}

}  // namespace

Result<std::unique_ptr<SegmentAppender>> SegmentAppender::Open(
    const std::string& directory, const PredictionLogOptions& options) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) {
    return Status::Unavailable(directory +
                               ": cannot create the prediction log: " + error.message());
  }
  STEWARD_ASSIGN_OR_RETURN(std::optional<SegmentName> newest, NewestSegment(directory));
  if (newest)
    STEWARD_RETURN_IF_ERROR(CutTornTail(directory + "/" + SegmentFileName(*newest)));
  return std::unique_ptr<SegmentAppender>(new SegmentAppender(directory, options, newest));
}

SegmentAppender::~SegmentAppender() {
  CloseSegment();
}

int SegmentAppender::Fault(PredictionLogStep step) const {
  return options_.inject_fault_for_testing ? options_.inject_fault_for_testing(step) : 0;
}

Status SegmentAppender::CreateSegment() {
  SegmentName name{CompactUtcTime(std::chrono::system_clock::now()), 1};
  if (newest_) {
    // Names sort in creation order even if the clock steps back.
    name.start = std::max(name.start, newest_->start);
    name.sequence = newest_->sequence + 1;
  }
  if (const int fault = Fault(PredictionLogStep::kCreateSegment)) {
    return Status::Unavailable(directory_ + "/" + SegmentFileName(name) +
                               ": cannot create the segment: " + ErrnoText(fault));
  }
  for (;;) {
    const std::string path = directory_ + "/" + SegmentFileName(name);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0666);
    if (fd < 0 && errno == EEXIST) {
      ++name.sequence;  // another writer took the name
      continue;
    }
    if (fd < 0)
      return Status::Unavailable(path + ": cannot create the segment: " + ErrnoText(errno));
    // Held while the segment is open for appending: an eraser rewrites only unlocked segments.
    Status locked = LockDescriptor(fd, path);
    if (!locked.ok()) {
      ::close(fd);
      ::unlink(path.c_str());
      return locked;
    }
    // Without the directory's fsync, a crash could lose the file along with synced records.
    Status synced = SyncDirectory(directory_);
    if (!synced.ok()) {
      ::close(fd);
      ::unlink(path.c_str());
      return synced;
    }
    fd_ = fd;
    path_ = path;
    size_ = 0;
    durable_ = 0;
    needs_cut_ = false;
    opened_ = std::chrono::steady_clock::now();
    newest_ = name;
    ++segments_created_;
    return Status::Ok();
  }
}

void SegmentAppender::CloseSegment() {
  if (fd_ >= 0)
    ::close(fd_);  // its bytes are fdatasynced already
  fd_ = -1;
}

Status SegmentAppender::CutBackToDurable() {
  if (::ftruncate(fd_, static_cast<off_t>(durable_)) != 0) {
    return Status::Unavailable(path_ + ": cannot cut a failed write back to byte " +
                               std::to_string(durable_) + ": " + ErrnoText(errno));
  }
  size_ = durable_;
  needs_cut_ = false;
  return Status::Ok();
}

Result<size_t> SegmentAppender::WriteLines(std::string_view lines) {
  if (needs_cut_)
    STEWARD_RETURN_IF_ERROR(CutBackToDurable());
  const auto now = std::chrono::steady_clock::now();
  if (fd_ >= 0 && size_ > 0 &&
      (size_ >= options_.max_segment_bytes || now - opened_ >= options_.max_segment_age)) {
    CloseSegment();
  }
  if (fd_ < 0)
    STEWARD_RETURN_IF_ERROR(CreateSegment());

  // The whole lines that fit; a line longer than a segment gets an empty segment to itself.
  const uint64_t room = size_ < options_.max_segment_bytes ? options_.max_segment_bytes - size_ : 0;
  size_t take = lines.size();
  if (take > room) {
    const size_t last_break = room == 0 ? lines.npos : lines.rfind('\n', room - 1);
    if (last_break != lines.npos) {
      take = last_break + 1;
    } else if (size_ == 0) {
      take = lines.find('\n') + 1;
    } else {
      CloseSegment();
      return WriteLines(lines);  // into a fresh segment, where the first line always fits
    }
  }
  const std::string_view chunk = lines.substr(0, take);

  Status status;
  if (const int fault = Fault(PredictionLogStep::kWrite)) {
    // As a disk filling up mid-write: half the bytes land, then the error.
    (void)WriteAll(fd_, chunk.substr(0, chunk.size() / 2), path_);
    status = Status::Unavailable(path_ + ": write failed: " + ErrnoText(fault));
  } else {
    status = WriteAll(fd_, chunk, path_);
  }
  if (status.ok()) {
    const int fault = Fault(PredictionLogStep::kSync);
    if (fault != 0 || ::fdatasync(fd_) != 0) {
      // The kernel may have dropped the pages (RELIABILITY.md §1): the bytes are rewritten.
      status =
          Status::DataLoss(path_ + ": fdatasync failed: " + ErrnoText(fault != 0 ? fault : errno));
    }
  }
  if (!status.ok()) {
    needs_cut_ = true;
    (void)CutBackToDurable();  // else the next call tries again before writing
    return status;
  }
  size_ += chunk.size();
  durable_ = size_;
  return chunk.size();
}

}  // namespace steward::io::internal
