#include "steward/io/internal/segment_lock.h"

#include <cerrno>
#include <cstring>
#include <utility>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace steward::io::internal {

LockedSegment::LockedSegment(LockedSegment&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), locked_(std::exchange(other.locked_, false)) {}

LockedSegment& LockedSegment::operator=(LockedSegment&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0)
      ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    locked_ = std::exchange(other.locked_, false);
  }
  return *this;
}

LockedSegment::~LockedSegment() {
  if (fd_ >= 0)
    ::close(fd_);
}

Status LockDescriptor(int fd, const std::string& path) {
  while (::flock(fd, LOCK_EX) != 0) {
    if (errno != EINTR)
      return Status::Unavailable(path + ": cannot lock the segment: " + std::strerror(errno));
  }
  return Status::Ok();
}

Result<LockedSegment> OpenLockedSegment(const std::string& path, int open_flags, bool wait) {
  // Each retry means another process replaced the file in the meantime; a handful is plenty
  // unless something rewrites the segment in a loop, which is worth an error.
  for (int attempt = 0; attempt < 100; ++attempt) {
    const int fd = ::open(path.c_str(), open_flags | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT)
      return Status::NotFound(path + ": no such segment");
    if (fd < 0)
      return Status::Unavailable(path + ": cannot open: " + std::strerror(errno));
    int rc = 0;
    while ((rc = ::flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB))) != 0 && errno == EINTR) {
    }
    if (rc != 0 && errno == EWOULDBLOCK)
      return LockedSegment(fd, false);
    const int lock_error = errno;
    LockedSegment segment(fd, rc == 0);
    if (rc != 0)
      return Status::Unavailable(path + ": cannot lock the segment: " + std::strerror(lock_error));
    struct stat opened {};
    struct stat named {};
    if (::fstat(fd, &opened) != 0)
      return Status::Unavailable(path + ": cannot stat: " + std::strerror(errno));
    if (::stat(path.c_str(), &named) != 0) {
      if (errno == ENOENT)
        return Status::NotFound(path + ": no such segment");
      return Status::Unavailable(path + ": cannot stat: " + std::strerror(errno));
    }
    if (named.st_ino == opened.st_ino && named.st_dev == opened.st_dev)
      return segment;
  }
  return Status::Unavailable(path + ": the segment kept being replaced while it was locked");
}

}  // namespace steward::io::internal
