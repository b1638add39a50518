#include <algorithm>

#include "steward/io/internal/prediction_segment_appender.h"
#include "steward/io/prediction_log.h"

namespace steward::io {

using Clock = std::chrono::steady_clock;

Result<std::unique_ptr<PredictionLogWriter>> PredictionLogWriter::Open(
    const std::string& directory, PredictionLogOptions options) {
  if (options.max_segment_bytes == 0 || options.max_segment_age.count() <= 0 ||
      options.flush_interval.count() <= 0) {
    return Status::InvalidArgument(directory + ": the prediction log needs a positive segment " +
                                   "size, segment age and flush interval");
  }
  // The writer keeps the options; the appender refers to the writer's copy.
  auto writer =
      std::unique_ptr<PredictionLogWriter>(new PredictionLogWriter(directory, std::move(options)));
  STEWARD_RETURN_IF_ERROR(writer->Start());
  return writer;
}

PredictionLogWriter::PredictionLogWriter(std::string directory, PredictionLogOptions options)
    : directory_(std::move(directory)), options_(std::move(options)) {}

Status PredictionLogWriter::Start() {
  STEWARD_ASSIGN_OR_RETURN(appender_, internal::SegmentAppender::Open(directory_, options_));
  thread_ = std::jthread([this](std::stop_token stop) { Run(stop); });
  return Status::Ok();
}

PredictionLogWriter::~PredictionLogWriter() {
  if (thread_.joinable()) {
    // The thread's last attempt writes what is still queued.
    thread_.request_stop();
    thread_.join();
  }
}

bool PredictionLogWriter::Append(const PredictionRecord& record) {
  std::string line;
  line.reserve(record.inputs.size() + record.outputs.size() + record.label.size() + 192);
  const std::string now =
      record.time.empty() ? FormatPredictionTime(std::chrono::system_clock::now()) : "";
  const bool valid = internal::AppendRecordLine(record, now, line);
  std::lock_guard lock(mutex_);
  if (!valid) {
    ++health_.rejected;
    return false;
  }
  if (buffered_records_ + batch_records_ >= options_.queue_limit) {
    ++health_.dropped;
    return false;
  }
  if (buffered_records_ == 0)
    buffer_oldest_ = Clock::now();
  buffer_.append(line);
  ++buffered_records_;
  ++appended_;
  return true;
}

Status PredictionLogWriter::Flush() {
  std::unique_lock lock(mutex_);
  const uint64_t target = appended_;
  // The next attempt to start takes every record appended so far.
  const uint64_t attempt = attempts_started_ + 1;
  flush_requested_ = true;
  wake_.notify_all();
  written_.wait(lock, [&] {
    return health_.written >= target || (attempts_finished_ >= attempt && !last_attempt_.ok());
  });
  return health_.written >= target ? Status::Ok() : last_attempt_;
}

PredictionLogHealth PredictionLogWriter::Health() const {
  std::lock_guard lock(mutex_);
  PredictionLogHealth health = health_;
  health.pending = buffered_records_ + batch_records_;
  if (health.pending > 0) {
    const Clock::time_point oldest = batch_records_ > 0 ? batch_oldest_ : buffer_oldest_;
    health.lag_seconds = std::chrono::duration<double>(Clock::now() - oldest).count();
  }
  return health;
}

void PredictionLogWriter::Run(std::stop_token stop) {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait_for(lock, stop, options_.flush_interval, [this] { return flush_requested_; });
    const bool stopping = stop.stop_requested();
    flush_requested_ = false;
    // Newly appended lines join whatever an earlier failed attempt left unwritten.
    if (buffered_records_ > 0) {
      if (batch_records_ == 0) {
        batch_.swap(buffer_);
        buffer_.clear();
        batch_offset_ = 0;
        batch_oldest_ = buffer_oldest_;
      } else {
        batch_.append(buffer_);
        buffer_.clear();
      }
      batch_records_ += buffered_records_;
      buffered_records_ = 0;
    }
    ++attempts_started_;
    if (batch_records_ > 0) {
      lock.unlock();
      Status status = WriteBatch();
      lock.lock();
      health_.segments = appender_->segments_created();
      health_.ok = status.ok();
      health_.error = status.ok() ? std::string() : status.message();
      last_attempt_ = std::move(status);
    }
    ++attempts_finished_;
    written_.notify_all();
    if (stopping)
      return;
  }
}

// Writes the batch through the appender, one segment's worth at a time, and counts each part
// written as soon as it is durable: a failure later in the batch leaves only the rest queued.
Status PredictionLogWriter::WriteBatch() {
  while (batch_offset_ < batch_.size()) {
    const std::string_view rest = std::string_view(batch_).substr(batch_offset_);
    STEWARD_ASSIGN_OR_RETURN(const size_t durable, appender_->WriteLines(rest));
    const std::string_view done = rest.substr(0, durable);
    const auto records = static_cast<uint64_t>(std::count(done.begin(), done.end(), '\n'));
    std::lock_guard lock(mutex_);
    batch_offset_ += durable;
    batch_records_ -= records;
    health_.written += records;
  }
  std::lock_guard lock(mutex_);
  // A burst leaves megabytes of capacity behind, swapped between the two buffers for good:
  // give it back once written, so the server's memory returns to its steady size.
  constexpr size_t kKeptCapacity = size_t{1} << 20;
  if (batch_.capacity() > kKeptCapacity)
    std::string().swap(batch_);
  else
    batch_.clear();
  batch_offset_ = 0;
  return Status::Ok();
}

}  // namespace steward::io
