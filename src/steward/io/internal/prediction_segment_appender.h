#pragma once
// The prediction log writer's file side: appends whole lines to the current segment, fdatasyncs
// them, rotates segments by size and age, and cuts a failed write back to the last durable byte
// so that a retry never leaves a torn line in the middle of a segment.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "steward/core/result.h"
#include "steward/io/internal/prediction_log_format.h"
#include "steward/io/prediction_log.h"

namespace steward::io::internal {

class SegmentAppender {
 public:
  // Finds the newest segment already in `directory` and cuts a torn last line off it: a crash
  // mid-write would otherwise leave it torn behind the segments this writer adds.
  static Result<std::unique_ptr<SegmentAppender>> Open(const std::string& directory,
                                                       const PredictionLogOptions& options);
  ~SegmentAppender();
  SegmentAppender(const SegmentAppender&) = delete;
  SegmentAppender& operator=(const SegmentAppender&) = delete;

  // Writes and fdatasyncs a prefix of `lines` (complete lines, each ending in '\n') into one
  // segment, opening or rotating segments as needed; returns the bytes now durable (> 0).
  // On failure nothing of this call stays in the file, and the next call retries cleanly.
  Result<size_t> WriteLines(std::string_view lines);

  uint64_t segments_created() const { return segments_created_; }

 private:
  SegmentAppender(std::string directory, const PredictionLogOptions& options,
                  std::optional<SegmentName> newest)
      : directory_(std::move(directory)), options_(options), newest_(std::move(newest)) {}
  int Fault(PredictionLogStep step) const;
  Status CreateSegment();
  void CloseSegment();
  Status CutBackToDurable();

  const std::string directory_;
  const PredictionLogOptions& options_;  // the writer's, which outlives this
  std::optional<SegmentName> newest_;    // newest segment name in the directory
  uint64_t segments_created_ = 0;

  int fd_ = -1;
  std::string path_;
  uint64_t size_ = 0;       // bytes written to the current segment
  uint64_t durable_ = 0;    // of which fdatasynced
  bool needs_cut_ = false;  // bytes past durable_ may hold a torn line
  std::chrono::steady_clock::time_point opened_;
};

}  // namespace steward::io::internal
