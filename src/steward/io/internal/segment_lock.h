#pragma once
// How the prediction log's writer and `steward forget` share a segment safely. The writer holds
// flock(LOCK_EX) on every segment it has open for appending; the eraser rewrites a segment only
// while it holds that lock itself. A rewrite renames a new file over the segment, which a writer
// still appending to the old file would never see: its later records would vanish with the
// unlinked inode. The lock lives on the open file, so it also ends when a writer crashes.

#include <string>

#include "steward/core/result.h"

namespace steward::io::internal {

// An open segment file and whether this process holds its lock. Owns the descriptor.
class LockedSegment {
 public:
  LockedSegment() = default;
  LockedSegment(int fd, bool locked) : fd_(fd), locked_(locked) {}
  LockedSegment(LockedSegment&& other) noexcept;
  LockedSegment& operator=(LockedSegment&& other) noexcept;
  LockedSegment(const LockedSegment&) = delete;
  LockedSegment& operator=(const LockedSegment&) = delete;
  ~LockedSegment();  // closing the descriptor releases the lock

  int fd() const { return fd_; }
  // False when another process (a writer, or another eraser) holds the lock.
  bool locked() const { return locked_; }

 private:
  int fd_ = -1;
  bool locked_ = false;
};

// Takes flock(LOCK_EX) on an open descriptor, waiting for it; retries on EINTR.
Status LockDescriptor(int fd, const std::string& path);

// Opens `path` with `open_flags` and takes its lock: waits for it when `wait`, else returns
// with locked() false if another process holds it. When the path was renamed over between the
// open and the lock (an eraser replaced the segment), opens the new file and tries again, so a
// locked result always locks the file `path` names now. kNotFound if the file is gone.
Result<LockedSegment> OpenLockedSegment(const std::string& path, int open_flags, bool wait);

}  // namespace steward::io::internal
