#include "steward/core/status.h"

namespace steward {

Status Status::WithContext(std::string_view context) const {
  if (ok())
    return *this;
  std::string message(context);
  message += ": ";
  message += message_;
  return Status(code_, std::move(message));
}

}  // namespace steward
