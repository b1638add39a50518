#include "steward/io/input_file.h"

#include <cerrno>
#include <cstring>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace steward::io {

Result<InputFile> InputFile::Open(const std::string& path) {
  InputFile file;
  if (path == "-") {
    file.fd_ = STDIN_FILENO;
    file.display_name_ = "<stdin>";
  } else {
    file.fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (file.fd_ < 0) {
      const int error = errno;
      if (error == ENOENT)
        return Status::NotFound(path + ": no such file");
      if (error == EACCES)
        return Status::PermissionDenied(path + ": permission denied");
      return Status::InvalidArgument(path + ": cannot open: " + std::strerror(error));
    }
    file.owns_fd_ = true;
    file.display_name_ = path;
  }
  struct stat info {};
  if (::fstat(file.fd_, &info) != 0 || S_ISDIR(info.st_mode)) {
    return Status::InvalidArgument(file.display_name_ + ": is a directory, not a data file");
  }
  file.regular_ = S_ISREG(info.st_mode);
  file.size_ = file.regular_ ? static_cast<uint64_t>(info.st_size) : 0;
  return file;
}

InputFile::InputFile(InputFile&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      owns_fd_(std::exchange(other.owns_fd_, false)),
      display_name_(std::move(other.display_name_)),
      regular_(other.regular_),
      size_(other.size_) {}

InputFile& InputFile::operator=(InputFile&& other) noexcept {
  if (this != &other) {
    if (owns_fd_)
      ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    owns_fd_ = std::exchange(other.owns_fd_, false);
    display_name_ = std::move(other.display_name_);
    regular_ = other.regular_;
    size_ = other.size_;
  }
  return *this;
}

InputFile::~InputFile() {
  if (owns_fd_)
    ::close(fd_);
}

}  // namespace steward::io
