#include "steward/io/atomic_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace steward::io {
namespace {

constexpr size_t kFlushBytes = size_t{1} << 20;

std::string ErrnoText() {
  return std::strerror(errno);
}

Status WriteAll(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR)
        continue;
      return Status::Unavailable(path + ": write failed: " + ErrnoText());
    }
    bytes.remove_prefix(static_cast<size_t>(written));
  }
  return Status::Ok();
}

}  // namespace

Result<AtomicFileWriter> AtomicFileWriter::Open(const std::string& path) {
  std::filesystem::path target(path);
  std::string directory = target.has_parent_path() ? target.parent_path().string() : ".";
  std::string pattern = directory + "/." + target.filename().string() + ".tmp-XXXXXX";
  std::vector<char> temp(pattern.begin(), pattern.end());
  temp.push_back('\0');
  int fd = ::mkostemp(temp.data(), O_CLOEXEC);
  if (fd < 0) {
    return Status::Unavailable(path + ": cannot create a temporary file in '" + directory +
                               "': " + ErrnoText());
  }
  return AtomicFileWriter(path, std::string(temp.data()), fd);
}

AtomicFileWriter::AtomicFileWriter(AtomicFileWriter&& other) noexcept
    : path_(std::move(other.path_)),
      temp_path_(std::move(other.temp_path_)),
      fd_(other.fd_),
      buffer_(std::move(other.buffer_)) {
  other.fd_ = -1;
}

AtomicFileWriter::~AtomicFileWriter() {
  Abandon();
}

void AtomicFileWriter::Abandon() {
  if (fd_ >= 0) {
    ::close(fd_);
    ::unlink(temp_path_.c_str());
    fd_ = -1;
  }
}

Status AtomicFileWriter::Append(std::string_view bytes) {
  if (fd_ < 0)
    return Status::FailedPrecondition(path_ + ": writer already closed");
  buffer_.append(bytes);
  if (buffer_.size() >= kFlushBytes)
    return Flush();
  return Status::Ok();
}

Status AtomicFileWriter::Flush() {
  Status status = WriteAll(fd_, buffer_, path_);
  buffer_.clear();
  if (!status.ok())
    Abandon();
  return status;
}

Status AtomicFileWriter::Commit() {
  if (fd_ < 0)
    return Status::FailedPrecondition(path_ + ": writer already closed");
  STEWARD_RETURN_IF_ERROR(Flush());
  // New files get the usual 0666 & ~umask, not mkstemp's 0600.
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd_, 0666 & ~mask);
  if (::fsync(fd_) != 0) {
    Status status = Status::DataLoss(path_ + ": fsync failed: " + ErrnoText());
    Abandon();
    return status;
  }
  if (::close(fd_) != 0) {
    fd_ = -1;
    ::unlink(temp_path_.c_str());
    return Status::DataLoss(path_ + ": close failed: " + ErrnoText());
  }
  fd_ = -1;
  if (::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    Status status = Status::Unavailable(path_ + ": rename failed: " + ErrnoText());
    ::unlink(temp_path_.c_str());
    return status;
  }
  std::filesystem::path target(path_);
  std::string directory = target.has_parent_path() ? target.parent_path().string() : ".";
  int dir_fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    int rc = ::fsync(dir_fd);
    ::close(dir_fd);
    if (rc != 0)
      return Status::DataLoss(path_ + ": fsync of the directory failed: " + ErrnoText());
  }
  return Status::Ok();
}

Status SyncDirectory(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return Status::Unavailable(path + ": cannot open to sync: " + ErrnoText());
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0)
    return Status::DataLoss(path + ": fsync failed: " + ErrnoText());
  return Status::Ok();
}

Status WriteFileAtomically(const std::string& path, std::string_view contents) {
  STEWARD_ASSIGN_OR_RETURN(AtomicFileWriter writer, AtomicFileWriter::Open(path));
  STEWARD_RETURN_IF_ERROR(writer.Append(contents));
  return writer.Commit();
}

Result<std::string> ReadFileToString(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT)
      return Status::NotFound(path + ": no such file");
    return Status::InvalidArgument(path + ": cannot open: " + ErrnoText());
  }
  std::string contents;
  char block[65536];
  for (;;) {
    ssize_t got = ::read(fd, block, sizeof(block));
    if (got < 0) {
      if (errno == EINTR)
        continue;
      Status status = Status::InvalidArgument(path + ": read failed: " + ErrnoText());
      ::close(fd);
      return status;
    }
    if (got == 0)
      break;
    contents.append(block, static_cast<size_t>(got));
  }
  ::close(fd);
  return contents;
}

}  // namespace steward::io
