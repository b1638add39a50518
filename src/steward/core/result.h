#pragma once

#include <optional>
#include <utility>

#include "steward/core/status.h"

namespace steward {

// Holds a T or a non-OK Status, like absl::StatusOr and arrow::Result.
// Accessing the value of a failed Result is a programmer error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : status_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    if (status_.ok())
      status_ = Status::Internal("Result built from an OK status without a value");
  }

  bool ok() const { return status_.ok(); }
  const Status& status() const& { return status_; }
  Status status() && { return std::move(status_); }

  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace steward

#define STEWARD_CONCAT_INNER(a, b) a##b
#define STEWARD_CONCAT(a, b) STEWARD_CONCAT_INNER(a, b)

// Returns the Status from the enclosing function if `expr` (a Status) failed.
#define STEWARD_RETURN_IF_ERROR(expr)           \
  do {                                          \
    ::steward::Status steward_status_ = (expr); \
    if (!steward_status_.ok())                  \
      return steward_status_;                   \
  } while (false)

// `lhs = value of rexpr`, or returns its Status from the enclosing function.
#define STEWARD_ASSIGN_OR_RETURN(lhs, rexpr) \
  STEWARD_ASSIGN_OR_RETURN_IMPL(STEWARD_CONCAT(steward_result_, __LINE__), lhs, rexpr)
#define STEWARD_ASSIGN_OR_RETURN_IMPL(result, lhs, rexpr) \
  auto result = (rexpr);                                  \
  if (!result.ok())                                       \
    return std::move(result).status();                    \
  lhs = std::move(result).value()
