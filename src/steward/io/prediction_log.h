#pragma once
// The prediction log: the server appends one JSON line per prediction and per feedback (a late
// label) to append-only segment files in a directory; `steward monitor` reads them back.
// Format, rotation and durability: docs/formats/prediction_log.md.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "steward/core/result.h"

namespace steward::io {
namespace internal {
class SegmentAppender;
}

enum class PredictionKind : uint8_t { kPrediction, kFeedback };

// One line of the log. `inputs`, `outputs` and `label` are JSON text the caller has already
// serialized (e.g. nlohmann's dump()), embedded verbatim so that the writer does no JSON work.
struct PredictionRecord {
  PredictionKind kind = PredictionKind::kPrediction;
  std::string id;             // this record's id, e.g. 32 hex digits
  std::string time;           // UTC "YYYY-MM-DDTHH:MM:SS.mmmZ"; empty: the writer stamps it
  std::string model;          // model name
  int64_t version = 0;        // model version
  std::string inputs;         // predictions: a JSON object, feature name -> value
  std::string outputs;        // predictions: JSON, e.g. {"probability":0.7,"class":"good"}
  std::string label;          // feedback: the true label, JSON
  std::string prediction_id;  // feedback: the id of the prediction it labels

  bool operator==(const PredictionRecord&) const = default;
};

// Which I/O step a test wants to fail (PredictionLogOptions::inject_fault_for_testing).
enum class PredictionLogStep : uint8_t { kCreateSegment, kWrite, kSync };

struct PredictionLogOptions {
  uint64_t max_segment_bytes = uint64_t{64} << 20;
  std::chrono::milliseconds max_segment_age = std::chrono::hours(1);
  // The background thread writes and fdatasyncs what was appended at most this often.
  std::chrono::milliseconds flush_interval = std::chrono::milliseconds(200);
  // Records appended but not yet written; beyond it Append() drops and counts.
  uint64_t queue_limit = 100'000;
  // Tests only: called before each I/O step; a nonzero errno makes that step fail with it, as
  // a full or failing disk would (root ignores a read-only directory, so chmod cannot).
  std::function<int(PredictionLogStep)> inject_fault_for_testing;
};

struct PredictionLogHealth {
  bool ok = true;
  std::string error;       // the last write failure while !ok
  uint64_t written = 0;    // records written and fdatasynced
  uint64_t dropped = 0;    // refused by Append(): queue full
  uint64_t rejected = 0;   // refused by Append(): malformed (see Append)
  uint64_t pending = 0;    // appended, not yet written
  uint64_t segments = 0;   // segment files this writer created
  double lag_seconds = 0;  // age of the oldest pending record
};

// Appends records from any thread without waiting on the disk: Append() serializes the line
// and queues it under a mutex; a background thread writes and fdatasyncs each batch, rotating
// segments by size and age. A failed write or sync (ENOSPC, EIO) puts the writer in an error
// state shown by Health(); records stay queued and the next flush retries, so the log resumes
// when the disk does. Only a full queue loses records.
class PredictionLogWriter {
 public:
  // Creates `directory` if needed. A torn last line left in the newest segment by a crash is
  // cut off, so that only the newest segment of a log can ever end torn.
  static Result<std::unique_ptr<PredictionLogWriter>> Open(const std::string& directory,
                                                           PredictionLogOptions options = {});
  ~PredictionLogWriter();  // flushes what it can, then stops the thread
  PredictionLogWriter(const PredictionLogWriter&) = delete;
  PredictionLogWriter& operator=(const PredictionLogWriter&) = delete;

  // Thread-safe. While the disk is failing records keep being queued, so that a passing failure
  // loses none; once `queue_limit` are pending, Append() drops.
  // False if the record was not queued: counted as dropped when the queue is full, as rejected
  // when malformed (empty id or model, invalid UTF-8 in a string field, time not in the UTC
  // format, inputs not `{...}`, empty outputs or label, a line break in a JSON text, a line
  // over 16 MiB).
  bool Append(const PredictionRecord& record);

  // Waits until everything appended before the call is written and fdatasynced; the error if
  // a write attempt failed meanwhile (the records stay queued for the next attempt).
  Status Flush();

  PredictionLogHealth Health() const;
  const std::string& directory() const { return directory_; }

 private:
  PredictionLogWriter(std::string directory, PredictionLogOptions options);
  Status Start();
  void Run(std::stop_token stop);
  Status WriteBatch();  // the background thread's; see the .cc

  const std::string directory_;
  const PredictionLogOptions options_;
  std::unique_ptr<internal::SegmentAppender> appender_;  // touched only by the thread

  mutable std::mutex mutex_;
  std::condition_variable_any wake_;     // a Flush() wants a write now
  std::condition_variable_any written_;  // an attempt finished
  std::string buffer_;                   // lines appended since the thread last took them
  uint64_t buffered_records_ = 0;
  std::chrono::steady_clock::time_point buffer_oldest_;
  // Lines the thread took and has not written yet, kept across failed attempts. Only the
  // thread changes them; it holds the mutex while it does, for Health().
  std::string batch_;
  size_t batch_offset_ = 0;
  uint64_t batch_records_ = 0;
  std::chrono::steady_clock::time_point batch_oldest_;
  uint64_t appended_ = 0;  // records accepted since Open
  bool flush_requested_ = false;
  uint64_t attempts_started_ = 0;
  uint64_t attempts_finished_ = 0;
  Status last_attempt_;
  PredictionLogHealth health_;
  std::jthread thread_;  // last: started once everything above exists
};

// Records of one segment file. A final line without a line break is a write a crash cut
// short: it is skipped and reported, never parsed.
struct PredictionSegment {
  std::vector<PredictionRecord> records;
  bool torn_tail = false;
};

struct PredictionLogScan {
  std::vector<PredictionRecord> records;  // segments in name order, lines in order
  std::vector<std::string> segments;      // file names read
  bool torn_tail = false;                 // the newest segment ended in a torn line, skipped
  std::string note;                       // says where, when torn_tail
};

// Longest line and deepest JSON nesting a log may hold; beyond them a line is an error.
inline constexpr size_t kMaxPredictionLineBytes = size_t{16} << 20;
inline constexpr int kMaxPredictionJsonDepth = 64;

// Parses one segment's bytes; `where` (a file name) starts every error, as "where:LINE: what".
Result<PredictionSegment> ParsePredictionSegment(std::string_view bytes, const std::string& where);

// Reads every segment of a log directory. A torn line is accepted only at the end of the
// newest segment; every other malformed line is an error naming file:line.
Result<PredictionLogScan> ReadPredictionLog(const std::string& directory);

// "YYYY-MM-DDTHH:MM:SS.mmmZ" for a point in time, as the log stores it.
std::string FormatPredictionTime(std::chrono::system_clock::time_point time);

}  // namespace steward::io
